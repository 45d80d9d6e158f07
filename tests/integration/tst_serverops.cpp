// Operating clearway-server: TLS with a throwaway CA, refusals at start, config files, and online
// backups and restores, all against the real binary on loopback.
#include "storage/cache.h"
#include "storage/database.h"
#include "storage/cachewriter.h"
#include "sync/message.h"
#include "sync/syncclient.h"
#include "tests/common/cachefixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QWebSocket>

#include <memory>
#include <vector>

using namespace Clearway;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QStringList &args, const QByteArray &input = {}, const QString &program = QStringLiteral(CLEARWAY_SERVER_EXE))
{
    QProcess p;
    p.start(program, args);
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000))
        p.kill();
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
}

// Waits for the two start-up lines of `serve`; the port, or 0 when it did not start.
quint16 waitListening(QProcess &server, QByteArray *tlsLine)
{
    QByteArray out;
    while (out.count('\n') < 2 && server.waitForReadyRead(15000))
        out += server.readAllStandardOutput();
    const QList<QByteArray> lines = out.split('\n');
    if (lines.size() < 2 || !lines.at(0).startsWith("listening on 127.0.0.1:"))
        return 0;
    *tlsLine = lines.at(1);
    return lines.at(0).mid(lines.at(0).lastIndexOf(':') + 1).toUShort();
}

} // namespace

class TestServerOps final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void refusesToServeWithoutTls();
    void refusesAnUnusableCertificateOrKey_data();
    void refusesAnUnusableCertificateOrKey();
    void aWorkstationTrustingTheCaSignsInAndIsAcked();
    void aWorkstationNotTrustingItIsToldAndNothingIsApplied();
    void backupWhileCommandsAreApplied();
    void configFileSuppliesSettingsAndTheCommandLineWins();
    void malformedConfigValuesAreRefused();

private:
    struct Desk
    {
        std::unique_ptr<Storage::Cache> cache;
        std::unique_ptr<Sync::SyncClient> sync;
    };
    QString path(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }
    void openssl(const QStringList &args);
    Desk openDesk(const QString &name);
    void issue(Desk &desk, const char *name, qint64 item);
    void claim(Desk &desk, qint64 item) { issue(desk, "claim", item); }
    static QString itemState(Desk &desk, qint64 item);
    qint64 peekServer(const QString &sql);
    qint64 serverChangesFor(qint64 item) { return peekServer(QStringLiteral("SELECT count(*) FROM changes WHERE item_id = %1").arg(item)); }
    QUrl url() const { return QUrl(QStringLiteral("wss://127.0.0.1:%1/sync").arg(m_port)); }

    QTemporaryDir m_dir;
    QString m_db;
    QProcess m_server;
    quint16 m_port = 0;
    QByteArray m_tlsLine;
    QDateTime m_now = QDateTime::currentDateTime();
    Models::Officer m_wang{QStringLiteral("wang.jianguo"), QStringLiteral("王建国"), QStringLiteral("5141"), Models::Role::WindowOfficer};
    Desk m_trusting;
};

void TestServerOps::openssl(const QStringList &args)
{
    const QString exe = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    QVERIFY2(!exe.isEmpty(), "openssl is not installed (Debian package openssl; tools/dev.sh deps)");
    const Run r = run(args, {}, exe);
    QVERIFY2(r.exitCode == 0, r.err.constData());
}

void TestServerOps::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // A throwaway CA and a server certificate for 127.0.0.1 and localhost it signed; another key.
    openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
             QStringLiteral("-keyout"), path("ca.key"), QStringLiteral("-out"), path("ca.pem"), QStringLiteral("-days"), QStringLiteral("2"),
             QStringLiteral("-subj"), QStringLiteral("/CN=Clearway Test Customs CA")});
    openssl({QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
             path("server.key"), QStringLiteral("-out"), path("server.csr"), QStringLiteral("-subj"), QStringLiteral("/CN=localhost")});
    QFile ext(path("server.ext"));
    QVERIFY(ext.open(QIODevice::WriteOnly));
    ext.write("subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n");
    ext.close();
    openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), path("server.csr"), QStringLiteral("-CA"), path("ca.pem"),
             QStringLiteral("-CAkey"), path("ca.key"), QStringLiteral("-CAcreateserial"), QStringLiteral("-out"), path("server.pem"),
             QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extfile"), path("server.ext")});
    openssl({QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("EC"), QStringLiteral("-pkeyopt"),
             QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-out"), path("other.key")});

    m_db = path("server.sqlite");
    QCOMPARE(Tests::writeFixtureCache(m_db, 100, m_now), QString());
    const Run added = run({QStringLiteral("add-user"), QStringLiteral("--database"), m_db, QStringLiteral("--id"), m_wang.id, QStringLiteral("--name"),
                           m_wang.name, QStringLiteral("--office"), QStringLiteral("5141"), QStringLiteral("--roles"), QStringLiteral("window"),
                           QStringLiteral("--password-stdin")},
                          "correct horse\n");
    QVERIFY2(added.exitCode == 0, added.err.constData());

    m_server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_server.start(QStringLiteral(CLEARWAY_SERVER_EXE), {QStringLiteral("serve"), QStringLiteral("--database"), m_db, QStringLiteral("--port"),
                                                         QStringLiteral("0"), QStringLiteral("--cert"), path("server.pem"), QStringLiteral("--key"),
                                                         path("server.key")});
    m_port = waitListening(m_server, &m_tlsLine);
    QVERIFY(m_port > 0);
    QVERIFY2(m_tlsLine.startsWith("TLS on (CN=localhost"), m_tlsLine.constData());
    QVERIFY2(m_tlsLine.contains("wss://127.0.0.1:"), m_tlsLine.constData());

    m_trusting = openDesk(QStringLiteral("trusting"));
    QVERIFY(m_trusting.sync);
}

void TestServerOps::cleanupTestCase()
{
    m_trusting.sync.reset();
    if (m_server.state() != QProcess::NotRunning) {
        m_server.terminate();
        if (!m_server.waitForFinished(10000))
            m_server.kill();
    }
}

TestServerOps::Desk TestServerOps::openDesk(const QString &name)
{
    Desk d;
    const QString file = m_dir.filePath(name + QStringLiteral(".sqlite"));
    if (Tests::writeFixtureCache(file, 100, m_now).isEmpty()) {
        d.cache = std::make_unique<Storage::Cache>();
        if (d.cache->open(file).ok())
            d.sync = std::make_unique<Sync::SyncClient>(d.cache->writer());
    }
    return d;
}

void TestServerOps::issue(Desk &desk, const char *name, qint64 item)
{
    Models::Command c;
    c.kind = Models::WorkKind::Declaration;
    c.itemId = item;
    c.name = QString::fromLatin1(name);
    desk.cache->writer()->apply(c, m_wang);
}

QString TestServerOps::itemState(Desk &desk, qint64 item)
{
    QSqlQuery q(QSqlDatabase::database(desk.cache->connectionName(), false));
    return Storage::execRetrying(q, QStringLiteral("SELECT state || '/' || pending FROM declarations WHERE id = %1").arg(item)) && q.next()
        ? q.value(0).toString()
        : QString();
}

qint64 TestServerOps::peekServer(const QString &sql)
{
    qint64 n = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("peek"));
        db.setDatabaseName(m_db);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        QSqlQuery q(db);
        if (db.open() && q.exec(sql) && q.next())
            n = q.value(0).toLongLong();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("peek"));
    return n;
}

void TestServerOps::refusesToServeWithoutTls()
{
    const Run r = run({QStringLiteral("serve"), QStringLiteral("--database"), m_db, QStringLiteral("--port"), QStringLiteral("0")});
    QCOMPARE(r.exitCode, 64);
    QVERIFY2(r.err.contains("TLS is required"), r.err.constData());
    // --insecure stays on loopback.
    const Run open = run({QStringLiteral("serve"), QStringLiteral("--database"), m_db, QStringLiteral("--port"), QStringLiteral("0"),
                          QStringLiteral("--listen"), QStringLiteral("0.0.0.0"), QStringLiteral("--insecure")});
    QCOMPARE(open.exitCode, 64);
    QVERIFY2(open.err.contains("loopback"), open.err.constData());
}

void TestServerOps::refusesAnUnusableCertificateOrKey_data()
{
    QTest::addColumn<QString>("cert");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("says");
    QTest::newRow("missing key") << path("server.pem") << path("nowhere.key") << QStringLiteral("cannot read the TLS key file");
    QTest::newRow("not a key") << path("server.pem") << path("server.csr") << QStringLiteral("no usable private key");
    QTest::newRow("someone else's key") << path("server.pem") << path("other.key") << QStringLiteral("does not belong to the certificate");
    QTest::newRow("not a certificate") << path("server.key") << path("server.key") << QStringLiteral("holds no PEM certificate");
}

void TestServerOps::refusesAnUnusableCertificateOrKey()
{
    QFETCH(QString, cert);
    QFETCH(QString, key);
    QFETCH(QString, says);
    const Run r = run({QStringLiteral("serve"), QStringLiteral("--database"), m_db, QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--cert"),
                       cert, QStringLiteral("--key"), key});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(says.toUtf8()), r.err.constData());
    QVERIFY(!r.out.contains("listening"));
}

void TestServerOps::aWorkstationTrustingTheCaSignsInAndIsAcked()
{
    QString error;
    QVERIFY(!m_trusting.sync->addTrustedCertificates(path("server.ext"), &error));
    QVERIFY2(m_trusting.sync->addTrustedCertificates(path("ca.pem"), &error), qPrintable(error));
    QSignalSpy rejected(m_trusting.sync.get(), &Sync::SyncClient::certificateRejected);
    m_trusting.sync->start(url(), m_wang.id, QStringLiteral("correct horse"));
    QTRY_COMPARE(m_trusting.sync->state(), Sync::SyncClient::State::Online);
    claim(m_trusting, 8);
    QTRY_COMPARE(itemState(m_trusting, 8), QStringLiteral("under_review/0")); // acknowledged
    QCOMPARE(serverChangesFor(8), 1);
    QCOMPARE(rejected.size(), 0);
}

void TestServerOps::aWorkstationNotTrustingItIsToldAndNothingIsApplied()
{
    Desk desk = openDesk(QStringLiteral("untrusting"));
    QVERIFY(desk.sync);
    claim(desk, 15);
    QTRY_COMPARE(itemState(desk, 15), QStringLiteral("under_review/1"));
    QSignalSpy rejected(desk.sync.get(), &Sync::SyncClient::certificateRejected);
    QSignalSpy signedIn(desk.sync.get(), &Sync::SyncClient::signedIn);
    desk.sync->start(url(), m_wang.id, QStringLiteral("correct horse"));
    QTRY_COMPARE(rejected.size(), 1);
    QVERIFY2(!rejected.at(0).at(0).toString().isEmpty(), "the officer is told which certificate error");
    QCOMPARE(desk.sync->state(), Sync::SyncClient::State::Stopped); // no retry loop
    QTest::qWait(500);
    QCOMPARE(signedIn.size(), 0);
    QCOMPARE(rejected.size(), 1);
    QCOMPARE(itemState(desk, 15), QStringLiteral("under_review/1")); // still waiting in the outbox
    QCOMPARE(serverChangesFor(15), 0);
}

void TestServerOps::backupWhileCommandsAreApplied()
{
    QVERIFY(m_trusting.sync->state() == Sync::SyncClient::State::Online);
    const QString epoch = m_trusting.sync->serverEpoch();
    QVERIFY(!epoch.isEmpty());
    // Commands flow all the while the copy is taken: item 29 claimed and put back every 5 ms.
    QTimer stream;
    bool claimNext = true;
    connect(&stream, &QTimer::timeout, this, [&] {
        issue(m_trusting, claimNext ? "claim" : "unclaim", 29);
        claimNext = !claimNext;
    });
    stream.start(5);
    QTRY_VERIFY(peekServer(QStringLiteral("SELECT count(*) FROM changes WHERE item_id = 29")) >= 4);
    const qint64 before = peekServer(QStringLiteral("SELECT max(cursor) FROM changes"));
    QProcess backup;
    backup.start(QStringLiteral(CLEARWAY_SERVER_EXE),
                 {QStringLiteral("backup"), QStringLiteral("--database"), m_db, QStringLiteral("--to"), path("backup.sqlite")});
    QTRY_VERIFY_WITH_TIMEOUT(backup.state() == QProcess::NotRunning, 60000);
    stream.stop();
    const QByteArray out = backup.readAllStandardOutput();
    QVERIFY2(backup.exitCode() == 0, backup.readAllStandardError().constData());
    const QRegularExpressionMatch m =
        QRegularExpression(QStringLiteral("epoch (\\S+), last change cursor (\\d+), (\\d+) audit entries verified")).match(QString::fromUtf8(out));
    QVERIFY2(m.hasMatch(), out.constData());
    qInfo().noquote() << out.trimmed() << "- the stream was at cursor" << before << "when the backup started";
    QVERIFY(m.captured(2).toLongLong() >= before);
    QCOMPARE(m.captured(1), epoch);
    // One consistent snapshot: every change in the copy has its audit entry, and no more.
    QCOMPARE(m.captured(2), m.captured(3));
    QVERIFY(!QFileInfo::exists(path("backup.sqlite.partial")));

    const Run verify = run({QStringLiteral("verify-audit"), QStringLiteral("--database"), path("backup.sqlite")});
    QCOMPARE(verify.exitCode, 0);
    QVERIFY2(verify.out.contains(QByteArray("intact: " + m.captured(3).toUtf8() + " entries")), verify.out.constData());

    // Never over an existing file.
    const Run again = run({QStringLiteral("backup"), QStringLiteral("--database"), m_db, QStringLiteral("--to"), path("backup.sqlite")});
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.contains("never overwrites"), again.err.constData());

    // A restore is a new database with a new epoch, so workstations see the server went back.
    const Run restored = run({QStringLiteral("restore"), QStringLiteral("--from"), path("backup.sqlite"), QStringLiteral("--database"), path("restored.sqlite")});
    QVERIFY2(restored.exitCode == 0, restored.err.constData());
    QVERIFY(restored.out.contains(QByteArray("last change cursor " + m.captured(2).toUtf8())));
    QVERIFY(!restored.out.contains(epoch.toUtf8()));
    QCOMPARE(run({QStringLiteral("verify-audit"), QStringLiteral("--database"), path("restored.sqlite")}).exitCode, 0);
    QCOMPARE(run({QStringLiteral("restore"), QStringLiteral("--from"), path("backup.sqlite"), QStringLiteral("--database"), path("restored.sqlite")})
                 .exitCode,
             1);

    // Everything sent meanwhile was acknowledged, and the live database went on past the copy.
    QTRY_COMPARE_WITH_TIMEOUT(itemState(m_trusting, 29).endsWith(QLatin1String("/0")), true, 30000);
    QVERIFY(peekServer(QStringLiteral("SELECT max(cursor) FROM changes")) > m.captured(2).toLongLong());
}

void TestServerOps::configFileSuppliesSettingsAndTheCommandLineWins()
{
    QFile config(path("clearway-server.conf"));
    QVERIFY(config.open(QIODevice::WriteOnly));
    // Paths relative to the file; listen is overridden below (192.0.2.1 is not on this machine).
    config.write("database = server.sqlite\ncert = server.pem\nkey = server.key\nlisten = 192.0.2.1\nport = 0\n"
                 "max-connections = 5\nsession-hours = 8\noffline-sign-in-days = 0\ncolour = blue\nlog-rules = clearway.server.tls.info=false, qt.*=false\n");
    config.close();
    QProcess server;
    server.start(QStringLiteral(CLEARWAY_SERVER_EXE),
                 {QStringLiteral("serve"), QStringLiteral("--config"), config.fileName(), QStringLiteral("--listen"), QStringLiteral("127.0.0.1")});
    QByteArray tls;
    const quint16 port = waitListening(server, &tls);

    // The file's settings are the server's: a session of 8 hours, no offline sign-in, and room for
    // five connections.
    QSslConfiguration trusting = QSslConfiguration::defaultConfiguration();
    trusting.setCaCertificates(QSslCertificate::fromPath(path("ca.pem")));
    std::vector<std::unique_ptr<QWebSocket>> sockets;
    auto open = [&]() -> QWebSocket * {
        auto socket = std::make_unique<QWebSocket>();
        socket->setSslConfiguration(trusting);
        QSignalSpy connected(socket.get(), &QWebSocket::connected);
        socket->open(QUrl(QStringLiteral("wss://127.0.0.1:%1/sync").arg(port)));
        if (!connected.wait(10000))
            return nullptr;
        sockets.push_back(std::move(socket));
        return sockets.back().get();
    };
    auto ask = [](QWebSocket *socket, const QJsonObject &message) {
        QSignalSpy answered(socket, &QWebSocket::textMessageReceived);
        socket->sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
        return answered.wait(10000) ? QJsonDocument::fromJson(answered.first().first().toString().toUtf8()).object() : QJsonObject();
    };
    QWebSocket *first = port ? open() : nullptr;
    QVERIFY(first);
    ask(first, {{QStringLiteral("type"), QStringLiteral("hello")}, {QStringLiteral("id"), 1}, {QStringLiteral("protocol"), QJsonArray{Sync::kProtocolVersion}},
                {QStringLiteral("clientId"), QStringLiteral("config-check")}});
    const QJsonObject session = ask(first, {{QStringLiteral("type"), QStringLiteral("login")}, {QStringLiteral("id"), 2},
                                            {QStringLiteral("user"), m_wang.id}, {QStringLiteral("password"), QStringLiteral("correct horse")}});
    QCOMPARE(session.value(QStringLiteral("type")).toString(), QStringLiteral("session"));
    const qint64 hours = (session.value(QStringLiteral("expires")).toInteger() - QDateTime::currentSecsSinceEpoch() + 60) / 3600;
    QCOMPARE(hours, 8);
    QCOMPARE(session.value(QStringLiteral("offlineValidFor")).toInteger(-1), 0);
    for (int i = 2; i <= 5; ++i)
        QVERIFY(open());
    auto sixth = std::make_unique<QWebSocket>();
    sixth->setSslConfiguration(trusting);
    QSignalSpy busy(sixth.get(), &QWebSocket::textMessageReceived);
    QSignalSpy closed(sixth.get(), &QWebSocket::disconnected);
    sixth->open(QUrl(QStringLiteral("wss://127.0.0.1:%1/sync").arg(port)));
    QVERIFY(closed.wait(10000));
    QVERIFY(!busy.isEmpty());
    QVERIFY2(busy.first().first().toString().contains(QStringLiteral("server_busy")), qPrintable(busy.first().first().toString()));
    sockets.clear();

    const QByteArray err = server.readAllStandardError();
    server.terminate();
    QVERIFY(server.waitForFinished(10000));
    QVERIFY2(port > 0, err.constData());
    QVERIFY2(tls.startsWith("TLS on"), tls.constData());
    QVERIFY2(err.contains("unknown keys ignored: colour"), err.constData());
    QVERIFY2(!err.contains("offline-sign-in-days"), err.constData()); // a setting, not an unknown key
    QVERIFY2(!err.contains("TLS backend"), err.constData()); // the file's log rules apply
}

void TestServerOps::malformedConfigValuesAreRefused()
{
    QFile config(path("bad.conf"));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("database = server.sqlite\nmax-connections = lots\n");
    config.close();
    const Run r = run({QStringLiteral("serve"), QStringLiteral("--config"), config.fileName(), QStringLiteral("--insecure")});
    QCOMPARE(r.exitCode, 78);
    QVERIFY2(r.err.contains("max-connections") && r.err.contains("\"lots\""), r.err.constData());
    // A bad value on the command line is named the same way.
    const Run cli = run({QStringLiteral("serve"), QStringLiteral("--database"), m_db, QStringLiteral("--port"), QStringLiteral("70000"),
                         QStringLiteral("--insecure")});
    QCOMPARE(cli.exitCode, 78);
    QVERIFY2(cli.err.contains("port (from --port)"), cli.err.constData());
    const Run days = run({QStringLiteral("serve"), QStringLiteral("--database"), m_db, QStringLiteral("--offline-sign-in-days"), QStringLiteral("91"),
                          QStringLiteral("--insecure")});
    QCOMPARE(days.exitCode, 78);
    QVERIFY2(days.err.contains("offline-sign-in-days (from --offline-sign-in-days): \"91\" is not a whole number from 0 to 90"), days.err.constData());
    const Run blobs = run({QStringLiteral("serve"), QStringLiteral("--database"), m_db, QStringLiteral("--max-blob-mb"), QStringLiteral("0"),
                           QStringLiteral("--insecure")});
    QCOMPARE(blobs.exitCode, 78);
    QVERIFY2(blobs.err.contains("max-blob-mb (from --max-blob-mb): \"0\" is not a whole number from 1"), blobs.err.constData());
    const Run poll = run({QStringLiteral("serve"), QStringLiteral("--database"), m_db, QStringLiteral("--change-poll-ms"), QStringLiteral("-1"),
                          QStringLiteral("--insecure")});
    QCOMPARE(poll.exitCode, 78);
    QVERIFY2(poll.err.contains("change-poll-ms (from --change-poll-ms): \"-1\" is not a whole number from 0 to 3600000"), poll.err.constData());
    QCOMPARE(run({QStringLiteral("serve"), QStringLiteral("--config"), path("missing.conf")}).exitCode, 78);
}

QTEST_GUILESS_MAIN(TestServerOps)
#include "tst_serverops.moc"
