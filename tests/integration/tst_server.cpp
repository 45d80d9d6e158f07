// A real clearway-server process on loopback, driven over WebSockets.
#include "tests/common/serverharness.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Clearway;

using Tests::Client;
using Tests::code;
using Tests::command;
using Tests::type;

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
    void auditChainVerifies();
    void stopsGracefullyOnSigterm();

private:
    QTemporaryDir m_dir;
    QString m_db;
    QProcess m_server;
    quint16 m_port = 0;
};

void TestServer::initTestCase()
{
    m_db = m_dir.filePath(QStringLiteral("server.sqlite"));
    QCOMPARE(Tests::prepareServerDatabase(m_db, 200), QString());
    // A bad role is refused with a usage message.
    QCOMPARE(Tests::addUser(m_db, QStringLiteral("x"), QStringLiteral("x"), QStringLiteral("5141"), QStringLiteral("admiral"), "whatever123"), 64);

    QString error;
    m_port = Tests::startServer(&m_server, m_db, {}, &error);
    QVERIFY2(m_port > 0, qPrintable(error));
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
    c.request({{QStringLiteral("type"), QStringLiteral("hello")}, {QStringLiteral("protocol"), QJsonArray{1}}, {QStringLiteral("clientId"), QStringLiteral("early")}});
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

void TestServer::auditChainVerifies()
{
    QByteArray output;
    QCOMPARE(Tests::runServerCommand({QStringLiteral("verify-audit"), QStringLiteral("--database"), m_db}, {}, &output), 0);
    QVERIFY(output.contains("intact: 3 entries"));
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
