// A real clearway-server process on loopback, driven over WebSockets.
#include "sync/message.h"
#include "tests/common/manifestfixture.h"
#include "tests/common/serverdatabase.h"
#include "tests/common/syncharness.h"
#include "tests/common/wsclient.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QWebSocket>

#include <csignal>
#include <memory>

using namespace Clearway;

using Client = Tests::WsClient;

namespace {

QJsonObject command(qint64 seq, const char *name, qint64 item) { return Tests::declarationCommand(seq, name, item); }
QString type(const QJsonObject &o) { return Tests::typeOf(o); }
QString code(const QJsonObject &o) { return Tests::codeOf(o); }
const QJsonObject ping{{QStringLiteral("type"), QStringLiteral("ping")}};

QJsonObject hello(const QString &clientId)
{
    return {{QStringLiteral("type"), QStringLiteral("hello")}, {QStringLiteral("protocol"), QJsonArray{Sync::kProtocolVersion}}, {QStringLiteral("clientId"), clientId}};
}

QJsonObject login(const QString &user, const QString &password)
{
    return {{QStringLiteral("type"), QStringLiteral("login")}, {QStringLiteral("user"), user}, {QStringLiteral("password"), password}};
}

QJsonObject subscribe(qint64 cursor) { return Tests::officeSubscribe(cursor); }

// A second server on the test's database with the limits under test: short, so the test takes
// seconds. Stopped when it goes out of scope.
std::unique_ptr<Tests::ServerProcess> serverWith(const QString &database, const QStringList &options)
{
    auto server = std::make_unique<Tests::ServerProcess>();
    QString error;
    if (!server->start(database, options, &error)) {
        qWarning("%s", qPrintable(error));
        return nullptr;
    }
    return server;
}

// The most a process has had resident (VmRSS, kB), sampled every 20 ms while the test's event
// loop runs.
class PeakMemory final
{
public:
    explicit PeakMemory(qint64 pid)
        : m_pid(pid)
    {
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { m_peak = std::max(m_peak, residentKb()); });
        m_timer.start(20);
    }
    Q_DISABLE_COPY_MOVE(PeakMemory)

    qint64 residentKb() const
    {
        QFile f(QStringLiteral("/proc/%1/status").arg(m_pid));
        if (!f.open(QIODevice::ReadOnly))
            return -1;
        for (const QByteArray &line : f.readAll().split('\n')) {
            if (line.startsWith("VmRSS:"))
                return line.mid(6).trimmed().split(' ').first().toLongLong();
        }
        return -1;
    }
    // The peak since the last call.
    qint64 takePeak() { return std::exchange(m_peak, residentKb()); }

private:
    qint64 m_pid;
    QTimer m_timer;
    qint64 m_peak = 0;
};

// A WebSocket client made by hand on a QTcpSocket, for what QWebSocket does not do: say nothing
// at all, or stop reading so that the kernel's buffers fill and the server's send queue grows.
class RawClient final
{
public:
    // tls: over TLS, trusting whatever certificate the server shows (the test's own).
    explicit RawClient(quint16 port, bool tls = false)
        : m_tls(tls)
    {
        if (!tls) {
            m_socket.connectToHost(QHostAddress::LocalHost, port);
            return;
        }
        m_socket.setPeerVerifyMode(QSslSocket::VerifyNone);
        m_socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
    }
    Q_DISABLE_COPY_MOVE(RawClient)

    bool connected() { return m_tls ? m_socket.isEncrypted() || m_socket.waitForEncrypted(5000) : m_socket.state() == QAbstractSocket::ConnectedState || m_socket.waitForConnected(5000); }
    static constexpr const char *kUpgrade = "GET /sync HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    void sendRaw(const QByteArray &bytes) { m_socket.write(bytes); }
    bool handshake()
    {
        sendRaw(kUpgrade);
        return waitFor("\r\n\r\n") && m_received.startsWith("HTTP/1.1 101");
    }
    // One masked text frame, as a client must send (payloads under 64 KiB).
    void send(const QJsonObject &message)
    {
        const QByteArray payload = QJsonDocument(message).toJson(QJsonDocument::Compact);
        QByteArray frame(1, char(0x81));
        if (payload.size() < 126) {
            frame.append(char(0x80 | payload.size()));
        } else {
            frame.append(char(0x80 | 126));
            frame.append(char(payload.size() >> 8)).append(char(payload.size() & 0xff));
        }
        const quint32 key = QRandomGenerator::global()->generate();
        const auto mask = [key](qsizetype i) { return char(key >> (8 * (3 - i % 4))); };
        for (int i = 0; i < 4; ++i)
            frame.append(mask(i));
        for (qsizetype i = 0; i < payload.size(); ++i)
            frame.append(char(payload.at(i) ^ mask(i)));
        m_socket.write(frame);
    }
    // Reads until `needle` has arrived (the frames are not parsed: the server's are not masked).
    bool waitFor(const QByteArray &needle, int timeoutMs = 10000)
    {
        QElapsedTimer t;
        t.start();
        while (!m_received.contains(needle) && t.elapsed() < timeoutMs) {
            QTest::qWait(5);
            m_received += m_socket.readAll();
        }
        return m_received.contains(needle);
    }
    // From now on nothing more is read from the kernel, whose receive buffer fills (and does not
    // grow: Linux grows it as an application reads).
    void stopReading() { m_socket.setReadBufferSize(1); }
    void readAgain() { m_socket.setReadBufferSize(0); }
    // The server has closed its end of the connection: its socket (the server's port to this
    // client's) is no longer established in the kernel's table, whether or not this end has read
    // as far as the end yet.
    bool closedByServer(quint16 serverPort) const
    {
        QFile table(QStringLiteral("/proc/net/tcp"));
        if (!table.open(QIODevice::ReadOnly))
            return false;
        auto loopback = [](quint16 port) { return QByteArray("0100007F:").append(QByteArray::number(port, 16).toUpper().rightJustified(4, '0')); };
        const QByteArray local = loopback(serverPort);
        const QByteArray remote = loopback(m_socket.localPort());
        for (const QByteArray &line : table.readAll().split('\n')) {
            const QList<QByteArray> fields = line.simplified().split(' ');
            if (fields.size() > 3 && fields.at(1) == local && fields.at(2) == remote)
                return fields.at(3) != "01"; // TCP_ESTABLISHED
        }
        return true;
    }
    bool waitDisconnected(int timeoutMs) { return m_socket.state() == QAbstractSocket::UnconnectedState || m_socket.waitForDisconnected(timeoutMs); }

private:
    bool m_tls;
    QSslSocket m_socket; // a plain TCP socket unless told to encrypt
    QByteArray m_received;
};

// `r` signs in as wang's workstation `clientId`, subscribes from `cursor`, then stops reading: a
// workstation whose reading stalls. False when a step failed.
bool subscribeThenStall(RawClient &r, const QString &clientId, qint64 cursor)
{
    if (!r.connected() || !r.handshake())
        return false;
    r.send(hello(clientId));
    r.send(login(QStringLiteral("wang.jianguo"), QString::fromLatin1(Tests::kPassword)));
    r.send(subscribe(cursor));
    if (!r.waitFor("\"subscribed\""))
        return false;
    r.stopReading();
    return true;
}

// A claim (odd seq) or an unclaim (even) of `item` with a long reason: about 12 KB on the change
// stream.
QJsonObject bulkyCommand(qint64 seq, qint64 item)
{
    static const QString reason = QString(4000, QChar(0x6162)); // 慢
    return {{QStringLiteral("seq"), seq}, {QStringLiteral("kind"), QStringLiteral("declaration")}, {QStringLiteral("itemId"), item},
            {QStringLiteral("name"), seq % 2 ? QStringLiteral("claim") : QStringLiteral("unclaim")}, {QStringLiteral("baseVersion"), 1},
            {QStringLiteral("reason"), reason}};
}

} // namespace

class TestServer final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void refusesWorkBeforeSignIn();
    void refusesWrongPasswordsAndVersions();
    void answersMalformedInputAndClosesPersistentOffenders();
    void appliesCommandsOnceAndAcksRetries();
    void aColleaguesActionArrivesOnTheChangeStream();
    void anOfficerKeepsTheirOfficesWorkOnly();
    void sessionsCarryTheOfflinePeriodAndEndWithTheirPassword();
    void auditChainVerifies();
    void aSessionOutlivesARestartUntilThePasswordIsSetAgain();
    void releasingAManifestChecksItsDocumentsAndTheQuota();
    void closesSilentConnectionsAndKeepsThoseThatPing();
    void dropsConnectionsThatDoNotShakeHandsOrSignInInTime();
    void aReaderThatPausesGetsEveryChangeWhenItReadsAgain();
    void closesReadersThatStopReadingWhoThenMissNothing();
    void closesASlowReaderOverTls();
    void checksPasswordsWithoutStallingOtherConnections();
    void throttlesFailedSignInsPerAccountAndAddress();
    void stopsGracefullyOnSigterm();

private:
    int runServer(const QStringList &args, const QByteArray &input = {});
    // Sends `count` bulky commands (claim, unclaim, ... of `item`, seq from `firstSeq`), 40 to a
    // "commands" frame, each frame once the last is answered: the ack's cursors. With a watcher,
    // each frame's last change must reach it before the next frame goes.
    QList<qint64> flood(Client &actor, qint64 item, qint64 firstSeq, int count, Client *watcher = nullptr);
    int addWang();
    void startServer();

    QTemporaryDir m_dir;
    QString m_db;
    QProcess m_server;
    quint16 m_port = 0;
};

int TestServer::runServer(const QStringList &args, const QByteArray &input)
{
    QProcess p;
    p.start(QStringLiteral(CLEARWAY_SERVER_EXE), args);
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(30000);
    return p.exitCode();
}

void TestServer::initTestCase()
{
    // Manifests under wang's review: 1 agrees; 2 was paid by someone else; 3 would take its buyer,
    // who has 25,000 CNY released this year (4), past the yearly quota.
    const QString buyer = QStringLiteral("440103199001011234");
    const QList<Tests::FixtureManifest> manifests = {
        {1, QStringLiteral("under_review"), QStringLiteral("wang.jianguo"), QStringLiteral("买家1"), QStringLiteral("440103198501010001"), 12000, -1, {}, 0},
        {2, QStringLiteral("under_review"), QStringLiteral("wang.jianguo"), QStringLiteral("买家2"), QStringLiteral("440103198501010002"), 13000, -1,
         QStringLiteral("刘强"), 0},
        {3, QStringLiteral("under_review"), QStringLiteral("wang.jianguo"), QStringLiteral("陈晓梅"), buyer, 200000, -1, {}, 0},
        {4, QStringLiteral("released"), QStringLiteral("li.na"), QStringLiteral("陈晓梅"), buyer, 2500000, -1, {}, 0},
    };
    const Tests::ServerDatabase db = Tests::prepareServerDatabase(QStringLiteral(CLEARWAY_SERVER_EXE), m_dir.path(), 200, QDateTime::currentDateTime(),
                                                                  [&manifests](const QString &fixture) { return Tests::writeManifests(fixture, manifests); });
    QVERIFY2(db.error.isEmpty(), qPrintable(db.error));
    m_db = db.database;
    QCOMPARE(runServer({QStringLiteral("init"), QStringLiteral("--database"), m_db}), 0);
    QCOMPARE(addWang(), 0);
    // A bad role is refused with a usage message.
    QCOMPARE(runServer({QStringLiteral("add-user"), QStringLiteral("--database"), m_db, QStringLiteral("--id"), QStringLiteral("x"),
                        QStringLiteral("--name"), QStringLiteral("x"), QStringLiteral("--office"), QStringLiteral("5141"), QStringLiteral("--roles"),
                        QStringLiteral("admiral"), QStringLiteral("--password-stdin")},
                       "whatever123\n"),
             64);
    startServer();
}

int TestServer::addWang()
{
    return runServer({QStringLiteral("add-user"), QStringLiteral("--database"), m_db, QStringLiteral("--id"), QStringLiteral("wang.jianguo"),
                      QStringLiteral("--name"), QStringLiteral("王建国"), QStringLiteral("--office"), QStringLiteral("5141"), QStringLiteral("--roles"),
                      QStringLiteral("window"), QStringLiteral("--password-stdin")},
                     "correct horse\n");
}

void TestServer::startServer()
{
    m_server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_server.start(QStringLiteral(CLEARWAY_SERVER_EXE), {QStringLiteral("serve"), QStringLiteral("--database"), m_db, QStringLiteral("--port"),
                                                         QStringLiteral("0"), QStringLiteral("--insecure")});
    QVERIFY(m_server.waitForReadyRead(10000));
    const QByteArray line = m_server.readLine().trimmed();
    QVERIFY2(line.startsWith("listening on 127.0.0.1:"), line.constData());
    m_port = line.mid(line.lastIndexOf(':') + 1).toUShort();
    QVERIFY(m_port > 0);
}

void TestServer::cleanupTestCase()
{
    if (m_server.state() != QProcess::NotRunning) {
        m_server.kill();
        m_server.waitForFinished();
    }
}

void TestServer::refusesWorkBeforeSignIn()
{
    Client c(m_port);
    QVERIFY(c.connected());
    QCOMPARE(code(c.request(command(1, "claim", 8))), QStringLiteral("bad_request")); // no hello yet
    c.request({{QStringLiteral("type"), QStringLiteral("hello")}, {QStringLiteral("protocol"), QJsonArray{Sync::kProtocolVersion}}, {QStringLiteral("clientId"), QStringLiteral("early")}});
    const QJsonObject r = c.request(command(1, "claim", 8));
    QCOMPARE(code(r), QStringLiteral("not_authenticated"));
    // Ping is allowed at any time.
    QCOMPARE(type(c.request({{QStringLiteral("type"), QStringLiteral("ping")}})), QStringLiteral("pong"));
}

void TestServer::refusesWrongPasswordsAndVersions()
{
    Client c(m_port);
    QVERIFY(c.connected());
    QCOMPARE(code(c.signIn(QStringLiteral("wrong-pass"), QStringLiteral("incorrect horse"))), QStringLiteral("bad_credentials"));
    const QJsonObject session = c.signIn(QStringLiteral("wrong-pass"));
    QCOMPARE(type(session), QStringLiteral("session"));
    QCOMPARE(session.value(QStringLiteral("officer")).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("王建国"));

    Client old(m_port);
    QVERIFY(old.connected());
    const QJsonObject r = old.request({{QStringLiteral("type"), QStringLiteral("hello")}, {QStringLiteral("protocol"), QJsonArray{0, 7}},
                                       {QStringLiteral("clientId"), QStringLiteral("old")}});
    QCOMPARE(code(r), QStringLiteral("unsupported_version"));
    QVERIFY(old.waitClosed(5000));
}

void TestServer::answersMalformedInputAndClosesPersistentOffenders()
{
    Client c(m_port);
    QVERIFY(c.connected());
    c.signIn(QStringLiteral("fuzzy"));
    QCOMPARE(code(c.request({{QStringLiteral("type"), QStringLiteral("teleport")}})), QStringLiteral("unknown_type"));
    QJsonObject wrongType = command(1, "claim", 8);
    wrongType.insert(QStringLiteral("itemId"), QStringLiteral("eight"));
    const QJsonObject r = c.request(wrongType);
    QCOMPARE(code(r), QStringLiteral("bad_request"));
    QVERIFY(r.value(QStringLiteral("message")).toString().contains(QStringLiteral("itemId")));

    c.sendRaw("{not json");
    QCOMPARE(code(c.waitFor([](const QJsonObject &o) { return type(o) == QLatin1String("error"); })), QStringLiteral("bad_request"));
    c.sendRaw("[]");
    c.sendRaw("\"x\"");
    QVERIFY(c.waitClosed(5000)); // three malformed in a row

    // The server keeps serving everyone else.
    Client other(m_port);
    QVERIFY(other.connected());
    QCOMPARE(type(other.signIn(QStringLiteral("after-fuzz"))), QStringLiteral("session"));
}

void TestServer::appliesCommandsOnceAndAcksRetries()
{
    Client c(m_port);
    QVERIFY(c.connected());
    c.signIn(QStringLiteral("desk-1"));
    const QJsonObject ack = c.request(command(1, "claim", 8));
    QCOMPARE(type(ack), QStringLiteral("ack"));
    QCOMPARE(ack.value(QStringLiteral("version")).toInteger(), 2);
    // The ack was lost; the retry is acknowledged with the same cursor, not re-applied.
    const QJsonObject retry = c.request(command(1, "claim", 8));
    QCOMPARE(type(retry), QStringLiteral("ack"));
    QCOMPARE(retry.value(QStringLiteral("cursor")), ack.value(QStringLiteral("cursor")));
    // A gap is refused.
    QCOMPARE(code(c.request(command(5, "release", 8))), QStringLiteral("bad_request"));
    // A refusal is final and does not block the next command.
    const QJsonObject reject = c.request(command(2, "release", 22));
    QCOMPARE(type(reject), QStringLiteral("reject"));
    QCOMPARE(code(reject), QStringLiteral("wrong_state"));
    // Made on the workstation before the claim's ack came: it follows the claim (seq 1), made on
    // version 1, and the server expects the item as the claim left it.
    QJsonObject release = command(3, "release", 8);
    release.insert(QStringLiteral("after"), 1);
    QCOMPARE(type(c.request(release)), QStringLiteral("ack"));
}

void TestServer::aColleaguesActionArrivesOnTheChangeStream()
{
    Client watcher(m_port);
    QVERIFY(watcher.connected());
    watcher.signIn(QStringLiteral("desk-2"));
    QCOMPARE(type(watcher.request(subscribe(0))), QStringLiteral("subscribed"));
    // Everything so far replays first.
    QVERIFY(!watcher.waitFor([](const QJsonObject &o) { return type(o) == QLatin1String("change"); }).isEmpty());

    Client actor(m_port);
    QVERIFY(actor.connected());
    actor.signIn(QStringLiteral("desk-3"));
    QCOMPARE(type(actor.request(command(1, "claim", 15))), QStringLiteral("ack"));
    const QJsonObject change = watcher.waitFor([](const QJsonObject &o) {
        return type(o) == QLatin1String("change") && o.value(QStringLiteral("itemId")).toInteger() == 15;
    });
    QCOMPARE(change.value(QStringLiteral("assignee")).toString(), QStringLiteral("wang.jianguo"));
    QCOMPARE(change.value(QStringLiteral("state")).toString(), QStringLiteral("under_review"));
}

void TestServer::anOfficerKeepsTheirOfficesWorkOnly()
{
    // Wang (office 5141) is told what he may keep, and may copy and follow 5141's work only.
    Client wang(m_port);
    QVERIFY(wang.connected());
    const QJsonObject session = wang.signIn(QStringLiteral("desk-scope"));
    QCOMPARE(session.value(QStringLiteral("mayKeep")).toObject(), (QJsonObject{{QStringLiteral("offices"), QJsonArray{QStringLiteral("5141")}}}));
    const QJsonObject everything{{QStringLiteral("type"), QStringLiteral("subscribe")}, {QStringLiteral("cursor"), 0}};
    const QJsonObject refused = wang.request(everything);
    QCOMPARE(code(refused), QStringLiteral("forbidden"));
    QVERIFY2(refused.value(QStringLiteral("message")).toString().contains(QStringLiteral("5141")), qPrintable(refused.value(QStringLiteral("message")).toString()));
    const QJsonObject other{{QStringLiteral("offices"), QJsonArray{QStringLiteral("5141"), QStringLiteral("5300")}}};
    QCOMPARE(code(wang.request({{QStringLiteral("type"), QStringLiteral("subscribe")}, {QStringLiteral("cursor"), 0}, {QStringLiteral("scope"), other}})),
             QStringLiteral("forbidden"));
    QCOMPARE(code(wang.request({{QStringLiteral("type"), QStringLiteral("snapshot")}, {QStringLiteral("after"), QJsonValue::Null}})),
             QStringLiteral("forbidden"));

    // His office's copy is served; a token of it made to say "everything" is refused.
    const QJsonObject office{{QStringLiteral("offices"), QJsonArray{QStringLiteral("5141")}}};
    QList<QByteArray> pages;
    Sync::DecodeError error;
    wang.post({{QStringLiteral("type"), QStringLiteral("snapshot")}, {QStringLiteral("after"), QJsonValue::Null}, {QStringLiteral("scope"), office}});
    QTRY_VERIFY(!(pages += wang.takeBinary()).isEmpty());
    QCOMPARE(pages.size(), 1);
    const std::optional<Sync::PageFrame> page = Sync::decodePageFrame(pages.first(), &error);
    QVERIFY2(page, qPrintable(error.message));
    QJsonObject token = QJsonDocument::fromJson(QByteArray::fromBase64(page->header.value(QStringLiteral("next")).toString().toLatin1(),
                                                                       QByteArray::Base64UrlEncoding))
                            .object();
    QJsonObject tokenScope = token.value(QStringLiteral("s")).toObject(); // offices "o", kinds "k"
    QCOMPARE(tokenScope.value(QStringLiteral("o")).toArray(), QJsonArray{QStringLiteral("5141")});
    tokenScope.insert(QStringLiteral("o"), QJsonArray());
    token.insert(QStringLiteral("s"), tokenScope);
    const QString forged = QString::fromLatin1(QJsonDocument(token).toJson(QJsonDocument::Compact).toBase64(QByteArray::Base64UrlEncoding));
    QCOMPARE(code(wang.request({{QStringLiteral("type"), QStringLiteral("snapshot")}, {QStringLiteral("after"), forged}})), QStringLiteral("forbidden"));

    // An analyst granted scope.all may keep every office's work.
    QCOMPARE(runServer({QStringLiteral("add-user"), QStringLiteral("--database"), m_db, QStringLiteral("--id"), QStringLiteral("hq.analyst"),
                        QStringLiteral("--name"), QStringLiteral("总署分析员"), QStringLiteral("--office"), QStringLiteral("0000"), QStringLiteral("--roles"),
                        QStringLiteral("supervisor"), QStringLiteral("--permissions"), QStringLiteral("scope.all"), QStringLiteral("--password-stdin")},
                       "correct horse\n"),
             0);
    Client analyst(m_port);
    QVERIFY(analyst.connected());
    const QJsonObject analystSession = analyst.signIn(QStringLiteral("desk-hq"), QStringLiteral("correct horse"), QStringLiteral("hq.analyst"));
    QCOMPARE(type(analystSession), QStringLiteral("session"));
    QCOMPARE(analystSession.value(QStringLiteral("mayKeep")).toObject(), QJsonObject());
    QCOMPARE(type(analyst.request(everything)), QStringLiteral("subscribed"));
}

void TestServer::sessionsCarryTheOfflinePeriodAndEndWithTheirPassword()
{
    const QStringList addZhang{QStringLiteral("add-user"), QStringLiteral("--database"), m_db, QStringLiteral("--id"), QStringLiteral("zhang.wei"),
                               QStringLiteral("--name"), QStringLiteral("张伟"), QStringLiteral("--office"), QStringLiteral("5141"),
                               QStringLiteral("--roles"), QStringLiteral("window"), QStringLiteral("--password-stdin")};
    const QString user = QStringLiteral("zhang.wei");
    // A desk that keeps no declarations (only video sessions, of which there are none) still
    // learns of every account, as the server saves it.
    Client watcher(m_port);
    QVERIFY(watcher.connected());
    watcher.signIn(QStringLiteral("officer-watcher"));
    QCOMPARE(type(watcher.request({{QStringLiteral("type"), QStringLiteral("subscribe")},
                                   {QStringLiteral("cursor"), 0},
                                   {QStringLiteral("scope"), QJsonObject{{QStringLiteral("offices"), QJsonArray{QStringLiteral("5141")}},
                                                                         {QStringLiteral("kinds"), QJsonArray{QStringLiteral("video")}}}}})),
             QStringLiteral("subscribed"));
    auto officerChange = [&watcher, &user](bool active) {
        return watcher.waitFor(
            [&](const QJsonObject &o) {
                const QJsonObject officer = o.value(QStringLiteral("officer")).toObject();
                return type(o) == QLatin1String("change") && o.value(QStringLiteral("kind")).toString() == QLatin1String("officer")
                    && officer.value(QStringLiteral("id")).toString() == user && officer.value(QStringLiteral("active")).toBool() == active;
            },
            10000);
    };
    QCOMPARE(runServer(addZhang, "first password\n"), 0);
    const QJsonObject added = officerChange(true);
    QCOMPARE(added.value(QStringLiteral("officer")).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("张伟"));
    QCOMPARE(added.value(QStringLiteral("officer")).toObject().value(QStringLiteral("office")).toString(), QStringLiteral("5141"));
    auto resume = [this](const QString &token) {
        Client r(m_port);
        if (!r.connected())
            return QJsonObject();
        r.request({{QStringLiteral("type"), QStringLiteral("hello")}, {QStringLiteral("protocol"), QJsonArray{Sync::kProtocolVersion}},
                   {QStringLiteral("clientId"), QStringLiteral("resumer")}});
        return r.request({{QStringLiteral("type"), QStringLiteral("resume")}, {QStringLiteral("token"), token}});
    };

    Client c(m_port);
    QVERIFY(c.connected());
    const QJsonObject session = c.signIn(QStringLiteral("offline-period"), QStringLiteral("first password"), user);
    QCOMPARE(type(session), QStringLiteral("session"));
    QCOMPARE(session.value(QStringLiteral("offlineValidFor")).toInteger(), 7 * 86400); // offline-sign-in-days' default
    // Nothing of the account's password hash travels: the workstation makes its own verifier.
    QVERIFY(!QJsonDocument(session).toJson().contains("argon2"));
    const QString token = session.value(QStringLiteral("token")).toString();

    // A resumed session names the officer and sets no offline period: no password was checked.
    const QJsonObject resumed = resume(token);
    QCOMPARE(type(resumed), QStringLiteral("session"));
    QCOMPARE(resumed.value(QStringLiteral("officer")).toObject().value(QStringLiteral("id")).toString(), user);
    QVERIFY(!resumed.contains(QStringLiteral("offlineValidFor")));

    // A new password (add-user again, while the server runs) ends the old password's sessions, and
    // the connection still open on one is told so and closed.
    QCOMPARE(runServer(addZhang, "second password\n"), 0);
    QCOMPARE(code(resume(token)), QStringLiteral("token_expired"));
    QCOMPARE(code(c.waitFor([](const QJsonObject &o) { return code(o) == QLatin1String("session_ended"); }, 10000)),
             QStringLiteral("session_ended"));
    QVERIFY(c.waitClosed(5000));
    Client again(m_port);
    QVERIFY(again.connected());
    QCOMPARE(code(again.signIn(QStringLiteral("offline-period"), QStringLiteral("first password"), user)), QStringLiteral("bad_credentials"));
    const QJsonObject second = again.signIn(QStringLiteral("offline-period"), QStringLiteral("second password"), user);
    QCOMPARE(type(second), QStringLiteral("session"));

    // A disabled account signs in no more, with its password or its tokens.
    const QStringList disable{QStringLiteral("disable-user"), QStringLiteral("--database"), m_db, QStringLiteral("--id"), user};
    QCOMPARE(runServer(disable), 0);
    QCOMPARE(runServer(disable), 1); // no such account any more
    QVERIFY(!officerChange(false).isEmpty());
    QCOMPARE(code(again.waitFor([](const QJsonObject &o) { return code(o) == QLatin1String("session_ended"); }, 10000)),
             QStringLiteral("session_ended"));
    QVERIFY(again.waitClosed(5000));
    QCOMPARE(code(resume(second.value(QStringLiteral("token")).toString())), QStringLiteral("token_expired"));
    Client disabled(m_port);
    QVERIFY(disabled.connected());
    QCOMPARE(code(disabled.signIn(QStringLiteral("offline-period"), QStringLiteral("second password"), user)), QStringLiteral("bad_credentials"));
}

void TestServer::auditChainVerifies()
{
    QProcess p;
    p.start(QStringLiteral(CLEARWAY_SERVER_EXE), {QStringLiteral("verify-audit"), QStringLiteral("--database"), m_db});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 0);
    // Three commands; add-user wang.jianguo, hq.analyst, zhang.wei twice, and disable-user zhang.wei.
    const QByteArray out = p.readAllStandardOutput();
    QVERIFY2(out.contains("intact: 8 entries"), out.constData());
}

void TestServer::aSessionOutlivesARestartUntilThePasswordIsSetAgain()
{
    QString token;
    {
        Client c(m_port);
        QVERIFY(c.connected());
        const QJsonObject session = c.signIn(QStringLiteral("desk-restart"));
        QCOMPARE(type(session), QStringLiteral("session"));
        token = session.value(QStringLiteral("token")).toString();
    }
    auto resume = [&] {
        Client c(m_port);
        if (!c.connected())
            return QJsonObject();
        c.request({{QStringLiteral("type"), QStringLiteral("hello")}, {QStringLiteral("protocol"), QJsonArray{Sync::kProtocolVersion}},
                   {QStringLiteral("clientId"), QStringLiteral("desk-restart")}});
        return c.request({{QStringLiteral("type"), QStringLiteral("resume")}, {QStringLiteral("token"), token}});
    };
    ::kill(pid_t(m_server.processId()), SIGTERM);
    QVERIFY(m_server.waitForFinished(10000));
    startServer();
    // The workstation resumes without its password after the restart...
    const QJsonObject resumed = resume();
    QCOMPARE(type(resumed), QStringLiteral("session"));
    QCOMPARE(resumed.value(QStringLiteral("officer")).toObject().value(QStringLiteral("id")).toString(), QStringLiteral("wang.jianguo"));
    // ...until the account is set again: then it must sign in with the password.
    QCOMPARE(addWang(), 0);
    QCOMPARE(code(resume()), QStringLiteral("token_expired"));
    QCOMPARE(code(resume()), QStringLiteral("token_expired"));
}

void TestServer::releasingAManifestChecksItsDocumentsAndTheQuota()
{
    Client c(m_port);
    QVERIFY(c.connected());
    c.signIn(QStringLiteral("desk-manifests"));
    // The three releases in one "commands" frame, each answered on its own.
    QJsonArray list;
    for (qint64 item : {1, 2, 3})
        list.append(QJsonObject{{QStringLiteral("seq"), item}, {QStringLiteral("kind"), QStringLiteral("manifest")}, {QStringLiteral("itemId"), item},
                                {QStringLiteral("name"), QStringLiteral("release")}, {QStringLiteral("baseVersion"), 2}});
    const qint64 id = c.post({{QStringLiteral("type"), QStringLiteral("commands")}, {QStringLiteral("commands"), list}});
    QHash<qint64, QJsonObject> replies;
    for (int i = 0; i < 3; ++i) {
        const QJsonObject r = c.waitFor([id](const QJsonObject &o) { return o.value(QStringLiteral("re")).toInteger() == id; });
        QVERIFY2(!r.isEmpty(), "a command of the frame was not answered");
        replies.insert(r.value(QStringLiteral("seq")).toInteger(), r);
    }
    QCOMPARE(type(replies.value(1)), QStringLiteral("ack"));
    QCOMPARE(code(replies.value(2)), QStringLiteral("documents_disagree"));
    const QString documents = replies.value(2).value(QStringLiteral("message")).toString();
    QVERIFY2(documents.contains(QStringLiteral("刘强")) && documents.contains(QStringLiteral("买家2")), qPrintable(documents));
    QCOMPARE(code(replies.value(3)), QStringLiteral("quota_exceeded"));
    const QString quota = replies.value(3).value(QStringLiteral("message")).toString();
    // Used 25,000.00, 1,000.00 left; the buyer's ID number is not in it.
    QVERIFY2(quota.contains(QStringLiteral("25,000.00")) && quota.contains(QStringLiteral("1,000.00")), qPrintable(quota));
    QVERIFY2(!quota.contains(QStringLiteral("440103199001011234")), qPrintable(quota));
    // A malformed element refuses the whole frame.
    QJsonArray bad = list;
    bad.append(QJsonObject{{QStringLiteral("seq"), 4}});
    QCOMPARE(code(c.request({{QStringLiteral("type"), QStringLiteral("commands")}, {QStringLiteral("commands"), bad}})), QStringLiteral("bad_request"));
    // Restoring a quota is for supervisors.
    QCOMPARE(code(c.request({{QStringLiteral("type"), QStringLiteral("quota_restore")},
                             {QStringLiteral("buyerIdNo"), QStringLiteral("440103199001011234")},
                             {QStringLiteral("caseRef"), QStringLiteral("GZ-2026-0042")},
                             {QStringLiteral("orders"), QJsonArray{Tests::fixtureOrderNo(4)}}})),
             QStringLiteral("forbidden"));
}

QList<qint64> TestServer::flood(Client &actor, qint64 item, qint64 firstSeq, int count, Client *watcher)
{
    // 480 KB: Qt splits a longer message into frames of 512 KiB and the server then refuses its
    // UTF-8, cut in the middle of a character (close code 1007).
    constexpr int kPerFrame = 40;
    QList<qint64> cursors;
    for (qint64 seq = firstSeq; seq < firstSeq + count;) {
        QJsonArray list;
        for (; list.size() < kPerFrame && seq < firstSeq + count; ++seq)
            list.append(bulkyCommand(seq, item));
        const qint64 id = actor.post({{QStringLiteral("type"), QStringLiteral("commands")}, {QStringLiteral("commands"), list}});
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QJsonObject ack = actor.waitFor([id](const QJsonObject &o) { return o.value(QStringLiteral("re")).toInteger() == id; }, 30000);
            if (type(ack) != QLatin1String("ack")) {
                qWarning("command %lld not acknowledged: %s%s", qlonglong(seq - list.size() + i), QJsonDocument(ack).toJson().constData(),
                         actor.waitClosed(1) ? qPrintable(QStringLiteral(" (closed: %1 %2)").arg(actor.closeCode()).arg(actor.closeReason())) : "");
                return {};
            }
            cursors.append(ack.value(QStringLiteral("cursor")).toInteger());
        }
        const qint64 last = cursors.constLast();
        if (watcher
            && watcher
                   ->waitFor([last](const QJsonObject &o) { return type(o) == QLatin1String("change") && o.value(QStringLiteral("cursor")).toInteger() == last; },
                             10000)
                   .isEmpty()) {
            qWarning("a reader that reads did not get change %lld", last);
            return {};
        }
    }
    std::sort(cursors.begin(), cursors.end());
    return cursors;
}

void TestServer::closesSilentConnectionsAndKeepsThoseThatPing()
{
    const auto server = serverWith(m_db, {QStringLiteral("--idle-timeout"), QStringLiteral("2")});
    QVERIFY(server);
    Client silent(server->port());
    Client pinging(server->port());
    QVERIFY(silent.connected() && pinging.connected());
    QCOMPARE(type(silent.signIn(QStringLiteral("idle-silent"))), QStringLiteral("session"));
    QCOMPARE(type(pinging.signIn(QStringLiteral("idle-pinging"))), QStringLiteral("session"));
    // The one that says nothing is closed after the limit; the other, pinging well within it, is
    // still served after twice as long.
    QElapsedTimer t;
    t.start();
    bool closed = false;
    while (t.elapsed() < 20000 && !(closed && t.elapsed() > 4000)) {
        QCOMPARE(type(pinging.request(ping)), QStringLiteral("pong"));
        closed = closed || silent.waitClosed(1);
        QTest::qWait(300);
    }
    QVERIFY(closed);
    QCOMPARE(silent.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    QVERIFY2(silent.closeReason().startsWith(QLatin1String("idle_timeout")), qPrintable(silent.closeReason()));
    QVERIFY(!pinging.waitClosed(1));
    QCOMPARE(type(pinging.request(command(1, "claim", 29))), QStringLiteral("ack"));
}

void TestServer::dropsConnectionsThatDoNotShakeHandsOrSignInInTime()
{
    const auto server = serverWith(m_db, {QStringLiteral("--handshake-timeout"), QStringLiteral("1"), QStringLiteral("--login-timeout"), QStringLiteral("1")});
    QVERIFY(server);
    // A TCP connection that sends nothing, and one that starts the HTTP request and stops.
    RawClient mute(server->port());
    RawClient halfway(server->port());
    QVERIFY(mute.connected() && halfway.connected());
    halfway.sendRaw(QByteArray(RawClient::kUpgrade).first(40));
    // Within half of Qt's own default (10 s): the limit set is the one applied.
    QVERIFY(mute.waitDisconnected(5000));
    QVERIFY(halfway.waitDisconnected(5000));
    // A WebSocket that says hello and never signs in.
    Client lingering(server->port());
    QVERIFY(lingering.connected());
    QCOMPARE(type(lingering.request(hello(QStringLiteral("lingering")))), QStringLiteral("welcome"));
    QVERIFY(lingering.waitClosed(10000));
    QCOMPARE(lingering.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    QCOMPARE(lingering.closeReason(), QStringLiteral("sign in within the time limit"));
    // One that signs in within the time stays.
    Client prompt(server->port());
    QVERIFY(prompt.connected());
    QCOMPARE(type(prompt.signIn(QStringLiteral("prompt"))), QStringLiteral("session"));
    QTest::qWait(1500);
    QCOMPARE(type(prompt.request(ping)), QStringLiteral("pong"));
}

void TestServer::aReaderThatPausesGetsEveryChangeWhenItReadsAgain()
{
    // The slow-reader limit is far off: the reader is skipped while its queue is full, never closed.
    const auto server = serverWith(m_db, {QStringLiteral("--send-queue-high-kb"), QStringLiteral("64")});
    QVERIFY(server);
    Client actor(server->port());
    QVERIFY(actor.connected());
    QCOMPARE(type(actor.signIn(QStringLiteral("pause-actor"))), QStringLiteral("session"));
    const QJsonObject first = actor.request(command(1, "claim", 43));
    QCOMPARE(type(first), QStringLiteral("ack"));
    RawClient reader(server->port());
    QVERIFY(subscribeThenStall(reader, QStringLiteral("pause-reader"), first.value(QStringLiteral("cursor")).toInteger()));
    const QList<qint64> cursors = flood(actor, 43, 2, 500);
    QCOMPARE(cursors.size(), 500);
    // Nothing commits any more: what the server held back goes out as the socket drains.
    QTest::qWait(500);
    reader.readAgain();
    QVERIFY(reader.waitFor(QByteArray("\"cursor\":") + QByteArray::number(cursors.constLast()) + ',', 30000));
    QVERIFY(!reader.closedByServer(server->port()));
}

void TestServer::closesReadersThatStopReadingWhoThenMissNothing()
{
    // The same load twice, each time on a new server: first with one reader that reads, then with
    // six more that stop reading. Without a limit, each of those would hold nearly all of the load
    // in the server's memory; the growth of the two runs is compared.
    constexpr int kCommands = 1200; // about 14 MB of changes
    constexpr int kStalled = 6;
    qint64 growth[2] = {0, 0};
    for (int run = 0; run < 2; ++run) {
        const auto server = serverWith(m_db, {QStringLiteral("--send-queue-high-kb"), QStringLiteral("256"), QStringLiteral("--send-queue-max-kb"),
                                              QStringLiteral("4096"), QStringLiteral("--slow-reader-timeout"), QStringLiteral("5")});
        QVERIFY(server);
        const quint16 port = server->port();
        PeakMemory memory(server->pid());
        const qint64 start = memory.residentKb();
        const qint64 item = run == 0 ? 120 : 127;
        Client actor(port);
        QVERIFY(actor.connected());
        QCOMPARE(type(actor.signIn(QStringLiteral("stall-actor-%1").arg(run))), QStringLiteral("session"));
        const QJsonObject first = actor.request(command(1, "claim", item));
        QCOMPARE(type(first), QStringLiteral("ack"));
        const qint64 from = first.value(QStringLiteral("cursor")).toInteger();
        Client reading(port);
        QVERIFY(reading.connected());
        QCOMPARE(type(reading.signIn(QStringLiteral("stall-reading-%1").arg(run))), QStringLiteral("session"));
        QCOMPARE(type(reading.request(subscribe(from))), QStringLiteral("subscribed"));
        std::vector<std::unique_ptr<RawClient>> stalled;
        for (int i = 0; run == 1 && i < kStalled; ++i) {
            stalled.push_back(std::make_unique<RawClient>(port));
            QVERIFY(subscribeThenStall(*stalled.back(), QStringLiteral("stalled-%1").arg(i), from));
        }
        // The reader that reads gets each frame's changes as they commit.
        const QList<qint64> cursors = flood(actor, item, 2, kCommands, &reading);
        QCOMPARE(cursors.size(), kCommands);
        // The stalled readers are closed by the server in the end.
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(stalled.cbegin(), stalled.cend(), [port](const auto &r) { return r->closedByServer(port); }), 20000);
        growth[run] = memory.takePeak() - start;
        if (run == 0)
            continue;
        qInfo("server memory grew by %lld kB, and by %lld kB with %d stalled readers", growth[0], growth[1], kStalled);
        QVERIFY2(growth[1] - growth[0] < 24 * 1024, qPrintable(QStringLiteral("%1 kB more").arg(growth[1] - growth[0])));
        // Reading again, each finds the end of the connection after what was under way.
        for (const std::unique_ptr<RawClient> &r : stalled) {
            r->readAgain();
            QVERIFY(r->waitDisconnected(10000));
        }
        // Connecting again from where it was, a reader gets every change, in order.
        Client again(port);
        QVERIFY(again.connected());
        QCOMPARE(type(again.signIn(QStringLiteral("stalled-0"))), QStringLiteral("session"));
        QCOMPARE(type(again.request(subscribe(from))), QStringLiteral("subscribed"));
        QList<qint64> received;
        while (received.size() < cursors.size()) {
            const QJsonObject change = again.waitFor([](const QJsonObject &o) { return type(o) == QLatin1String("change"); }, 10000);
            QVERIFY2(!change.isEmpty(), qPrintable(QStringLiteral("%1 changes of %2").arg(received.size()).arg(cursors.size())));
            received.append(change.value(QStringLiteral("cursor")).toInteger());
        }
        QCOMPARE(received, cursors);
    }
}

void TestServer::closesASlowReaderOverTls()
{
    // Under TLS most of what waits for a reader is encrypted already, held by the TLS socket, not
    // by the WebSocket: the limits count it too.
    QTemporaryDir certs;
    const QString cert = certs.filePath(QStringLiteral("server.pem"));
    const QString key = certs.filePath(QStringLiteral("server.key"));
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"), {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                                              QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
                                              QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert, QStringLiteral("-days"), QStringLiteral("2"),
                                              QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1")});
    QVERIFY(openssl.waitForFinished(30000) && openssl.exitCode() == 0);
    const auto server = serverWith(m_db, {QStringLiteral("--cert"), cert, QStringLiteral("--key"), key, QStringLiteral("--send-queue-high-kb"),
                                          QStringLiteral("256"), QStringLiteral("--send-queue-max-kb"), QStringLiteral("4096"),
                                          QStringLiteral("--slow-reader-timeout"), QStringLiteral("5")});
    QVERIFY(server);
    const quint16 port = server->port();
    Client actor(port, true);
    QVERIFY(actor.connected());
    QCOMPARE(type(actor.signIn(QStringLiteral("tls-actor"))), QStringLiteral("session"));
    constexpr qint64 kItem = 134;
    const QJsonObject first = actor.request(command(1, "claim", kItem));
    QCOMPARE(type(first), QStringLiteral("ack"));
    RawClient stalled(port, true);
    QVERIFY(subscribeThenStall(stalled, QStringLiteral("tls-stalled"), first.value(QStringLiteral("cursor")).toInteger()));
    // About 7 MB of changes: more than send-queue-max-kb.
    QCOMPARE(flood(actor, kItem, 2, 600).size(), 600);
    QTRY_VERIFY_WITH_TIMEOUT(stalled.closedByServer(port), 20000);
    // The reader that stopped is the only one closed.
    QCOMPARE(type(actor.request(ping)), QStringLiteral("pong"));
}

void TestServer::checksPasswordsWithoutStallingOtherConnections()
{
    // Every attempt is checked here (no throttling): the Argon2id work is what is measured.
    const auto server = serverWith(m_db, {QStringLiteral("--sign-in-failures-per-account"), QStringLiteral("1000"),
                                          QStringLiteral("--sign-in-failures-per-address"), QStringLiteral("1000")});
    QVERIFY(server);
    Client bystander(server->port());
    QVERIFY(bystander.connected());
    QCOMPARE(type(bystander.signIn(QStringLiteral("argon-bystander"))), QStringLiteral("session"));

    // A stream of wrong passwords, one connection, all sent at once: about 0.1 s of Argon2id each.
    constexpr int kAttempts = 30;
    Client guesser(server->port());
    QVERIFY(guesser.connected());
    QCOMPARE(type(guesser.request(hello(QStringLiteral("argon-guesser")))), QStringLiteral("welcome"));
    for (int i = 0; i < kAttempts; ++i)
        guesser.post(login(QStringLiteral("wang.jianguo"), QStringLiteral("guess %1").arg(i)));
    auto refusal = [](const QJsonObject &o) { return code(o) == QLatin1String("bad_credentials"); };
    QVERIFY(!guesser.waitFor(refusal, 30000).isEmpty());
    int refused = 1;
    // Meanwhile the signed-in workstation is answered: its ping and its command come back before
    // the guesses are all checked.
    QCOMPARE(type(bystander.request(ping)), QStringLiteral("pong"));
    QCOMPARE(type(bystander.request(command(1, "claim", 64))), QStringLiteral("ack"));
    while (!guesser.waitFor(refusal, 1).isEmpty())
        ++refused;
    QVERIFY2(refused < kAttempts / 2, qPrintable(QStringLiteral("%1 of %2 guesses were answered first").arg(refused).arg(kAttempts)));
    while (refused < kAttempts && !guesser.waitFor(refusal, 60000).isEmpty())
        ++refused;
    QCOMPARE(refused, kAttempts);

    // What follows a login on a connection waits for its answer and is handled in order: a
    // command sent right behind the password is taken as the signed-in officer's.
    Client eager(server->port());
    QVERIFY(eager.connected());
    eager.post(hello(QStringLiteral("argon-eager")));
    const qint64 signIn = eager.post(login(QStringLiteral("wang.jianguo"), QString::fromLatin1(Tests::kPassword)));
    const qint64 claim = eager.post(command(1, "claim", 71));
    QCOMPARE(type(eager.waitFor([signIn](const QJsonObject &o) { return o.value(QStringLiteral("re")).toInteger() == signIn; })),
             QStringLiteral("session"));
    QCOMPARE(type(eager.waitFor([claim](const QJsonObject &o) { return o.value(QStringLiteral("re")).toInteger() == claim; })), QStringLiteral("ack"));
}

void TestServer::throttlesFailedSignInsPerAccountAndAddress()
{
    const auto server = serverWith(m_db, {QStringLiteral("--sign-in-failures-per-account"), QStringLiteral("3"),
                                          QStringLiteral("--sign-in-failures-per-address"), QStringLiteral("8"), QStringLiteral("--sign-in-lockout"),
                                          QStringLiteral("1")});
    QVERIFY(server);
    QCOMPARE(runServer({QStringLiteral("add-user"), QStringLiteral("--database"), m_db, QStringLiteral("--id"), QStringLiteral("chen.gang"),
                        QStringLiteral("--name"), QStringLiteral("陈刚"), QStringLiteral("--office"), QStringLiteral("5141"), QStringLiteral("--roles"),
                        QStringLiteral("window"), QStringLiteral("--password-stdin")},
                       "chen's password\n"),
             0);
    Client c(server->port());
    QVERIFY(c.connected());
    QCOMPARE(type(c.request(hello(QStringLiteral("throttled")))), QStringLiteral("welcome"));
    const QString wang = QStringLiteral("wang.jianguo");
    const QString chen = QStringLiteral("chen.gang");
    auto attempt = [&c](const QString &user, const QString &password) { return c.request(login(user, password)); };
    for (int i = 0; i < 3; ++i)
        QCOMPARE(code(attempt(wang, QStringLiteral("wrong %1").arg(i))), QStringLiteral("bad_credentials"));
    // The account is refused for a while, even with its password; no password is checked then.
    QJsonObject refused = attempt(wang, QString::fromLatin1(Tests::kPassword));
    QCOMPARE(code(refused), QStringLiteral("rate_limited"));
    const qint64 firstWait = refused.value(QStringLiteral("retryAfter")).toInteger();
    QCOMPARE(firstWait, 1);
    // Another account signs in from the same address.
    QCOMPARE(type(attempt(chen, QStringLiteral("chen's password"))), QStringLiteral("session"));
    // After the wait, the next failure refuses the account again, for longer.
    QTest::qWait(1100);
    QCOMPARE(code(attempt(wang, QStringLiteral("wrong again"))), QStringLiteral("bad_credentials"));
    refused = attempt(wang, QString::fromLatin1(Tests::kPassword));
    QCOMPARE(code(refused), QStringLiteral("rate_limited"));
    QCOMPARE(refused.value(QStringLiteral("retryAfter")).toInteger(), 2 * firstWait);
    QTest::qWait(2100);
    QCOMPARE(type(attempt(wang, QString::fromLatin1(Tests::kPassword))), QStringLiteral("session"));
    // Guessing across accounts from one address: after 8 failures in all, the address is refused.
    for (int i = 0; i < 4; ++i)
        QCOMPARE(code(attempt(QStringLiteral("nobody.%1").arg(i), QStringLiteral("guess"))), QStringLiteral("bad_credentials"));
    refused = attempt(chen, QStringLiteral("chen's password"));
    QCOMPARE(code(refused), QStringLiteral("rate_limited"));
    QVERIFY2(refused.value(QStringLiteral("message")).toString().contains(QLatin1String("address")), qPrintable(refused.value(QStringLiteral("message")).toString()));

    // Guesses sent all at once on many connections get no more checks than the account's limit:
    // those beyond it are refused while the first are checked.
    const auto fresh = serverWith(m_db, {QStringLiteral("--sign-in-failures-per-account"), QStringLiteral("3")});
    QVERIFY(fresh);
    std::vector<std::unique_ptr<Client>> guessers;
    for (int i = 0; i < 12; ++i) {
        guessers.push_back(std::make_unique<Client>(fresh->port()));
        QVERIFY(guessers.back()->connected());
        QCOMPARE(type(guessers.back()->request(hello(QStringLiteral("parallel-%1").arg(i)))), QStringLiteral("welcome"));
    }
    for (auto &g : guessers)
        g->post(login(chen, QStringLiteral("guess")));
    int checked = 0;
    for (auto &g : guessers) {
        const QString answer = code(g->waitFor([](const QJsonObject &o) { return type(o) == QLatin1String("error"); }, 10000));
        QVERIFY2(answer == QLatin1String("bad_credentials") || answer == QLatin1String("rate_limited"), qPrintable(answer));
        checked += answer == QLatin1String("bad_credentials");
    }
    QVERIFY2(checked >= 1 && checked <= 3, qPrintable(QStringLiteral("%1 passwords checked").arg(checked)));
}

void TestServer::stopsGracefullyOnSigterm()
{
    Client c(m_port);
    QVERIFY(c.connected());
    QCOMPARE(type(c.signIn(QStringLiteral("desk-stopping"))), QStringLiteral("session"));
    const QJsonObject ack = c.request(command(1, "claim", 78));
    QCOMPARE(type(ack), QStringLiteral("ack"));
    QCOMPARE(type(c.request(subscribe(ack.value(QStringLiteral("cursor")).toInteger()))), QStringLiteral("subscribed"));
    // Commands still on their way when the signal comes: each one acknowledged is stored.
    QJsonArray list;
    for (qint64 seq = 2; seq <= 6; ++seq)
        list.append(QJsonObject{{QStringLiteral("seq"), seq}, {QStringLiteral("kind"), QStringLiteral("declaration")},
                                {QStringLiteral("itemId"), 85 + 7 * (seq - 2)}, {QStringLiteral("name"), QStringLiteral("claim")},
                                {QStringLiteral("baseVersion"), 1}});
    const qint64 racing = c.post({{QStringLiteral("type"), QStringLiteral("commands")}, {QStringLiteral("commands"), list}});
    ::kill(pid_t(m_server.processId()), SIGTERM);

    // The workstation is told the server is going away, after the answers it was owed.
    QVERIFY(c.waitClosed(10000));
    QCOMPARE(c.closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
    QCOMPARE(c.closeReason(), QStringLiteral("server shutting down"));
    QList<QJsonObject> acked{ack};
    for (QJsonObject r; !(r = c.waitFor([racing](const QJsonObject &o) { return o.value(QStringLiteral("re")).toInteger() == racing; }, 1)).isEmpty();)
        acked.append(r);
    QVERIFY(m_server.waitForFinished(10000));
    QCOMPARE(m_server.exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_server.exitCode(), 0);
    QVERIFY(m_server.readAllStandardOutput().contains("stopped"));

    // Sent again to the restarted server, every acknowledged command is acknowledged as stored,
    // with its cursor, not applied again.
    startServer();
    Client again(m_port);
    QVERIFY(again.connected());
    QCOMPARE(type(again.signIn(QStringLiteral("desk-stopping"))), QStringLiteral("session"));
    for (const QJsonObject &a : std::as_const(acked)) {
        QCOMPARE(type(a), QStringLiteral("ack"));
        const qint64 seq = a.value(QStringLiteral("seq")).toInteger();
        const QJsonObject retry = again.request(command(seq, "claim", seq == 1 ? 78 : 85 + 7 * (seq - 2)));
        QCOMPARE(type(retry), QStringLiteral("ack"));
        QCOMPARE(retry.value(QStringLiteral("cursor")), a.value(QStringLiteral("cursor")));
    }
}

QTEST_GUILESS_MAIN(TestServer)
#include "tst_server.moc"
