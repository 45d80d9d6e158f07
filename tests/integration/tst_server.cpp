// A real clearway-server process on loopback, driven over WebSockets.
#include "sync/message.h"
#include "tests/common/manifestfixture.h"
#include "tests/common/serverdatabase.h"
#include "tests/common/syncharness.h"
#include "tests/common/wsclient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
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

// A client made by hand on a QTcpSocket, for what QWebSocket does not do: say nothing at all.
class RawClient final
{
public:
    explicit RawClient(quint16 port) { m_socket.connectToHost(QHostAddress::LocalHost, port); }
    Q_DISABLE_COPY_MOVE(RawClient)

    bool connected() { return m_socket.state() == QAbstractSocket::ConnectedState || m_socket.waitForConnected(5000); }
    static constexpr const char *kUpgrade = "GET /sync HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    void sendRaw(const QByteArray &bytes) { m_socket.write(bytes); }
    bool waitDisconnected(int timeoutMs) { return m_socket.state() == QAbstractSocket::UnconnectedState || m_socket.waitForDisconnected(timeoutMs); }

private:
    QTcpSocket m_socket;
};

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
    void sessionsCarryTheOfflinePeriodAndEndWithTheirPassword();
    void auditChainVerifies();
    void aSessionOutlivesARestartUntilThePasswordIsSetAgain();
    void releasingAManifestChecksItsDocumentsAndTheQuota();
    void closesSilentConnectionsAndKeepsThoseThatPing();
    void dropsConnectionsThatDoNotShakeHandsOrSignInInTime();
    void stopsGracefullyOnSigterm();

private:
    int runServer(const QStringList &args, const QByteArray &input = {});
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
    QCOMPARE(type(c.request(command(3, "release", 8))), QStringLiteral("ack"));
}

void TestServer::aColleaguesActionArrivesOnTheChangeStream()
{
    Client watcher(m_port);
    QVERIFY(watcher.connected());
    watcher.signIn(QStringLiteral("desk-2"));
    QCOMPARE(type(watcher.request({{QStringLiteral("type"), QStringLiteral("subscribe")}, {QStringLiteral("cursor"), 0}})), QStringLiteral("subscribed"));
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

void TestServer::sessionsCarryTheOfflinePeriodAndEndWithTheirPassword()
{
    const QStringList addZhang{QStringLiteral("add-user"), QStringLiteral("--database"), m_db, QStringLiteral("--id"), QStringLiteral("zhang.wei"),
                               QStringLiteral("--name"), QStringLiteral("张伟"), QStringLiteral("--office"), QStringLiteral("5141"),
                               QStringLiteral("--roles"), QStringLiteral("window"), QStringLiteral("--password-stdin")};
    const QString user = QStringLiteral("zhang.wei");
    // A desk that keeps another office's work still learns of every account, as the server saves it.
    Client watcher(m_port);
    QVERIFY(watcher.connected());
    watcher.signIn(QStringLiteral("officer-watcher"));
    QCOMPARE(type(watcher.request({{QStringLiteral("type"), QStringLiteral("subscribe")},
                                   {QStringLiteral("cursor"), 0},
                                   {QStringLiteral("scope"), QJsonObject{{QStringLiteral("offices"), QJsonArray{QStringLiteral("9999")}}}}})),
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
    // Three commands; add-user wang.jianguo, zhang.wei twice, and disable-user zhang.wei.
    const QByteArray out = p.readAllStandardOutput();
    QVERIFY2(out.contains("intact: 7 entries"), out.constData());
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

void TestServer::stopsGracefullyOnSigterm()
{
    ::kill(pid_t(m_server.processId()), SIGTERM);
    QVERIFY(m_server.waitForFinished(10000));
    QCOMPARE(m_server.exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_server.exitCode(), 0);
    QVERIFY(m_server.readAllStandardOutput().contains("stopped"));
}

QTEST_GUILESS_MAIN(TestServer)
#include "tst_server.moc"
