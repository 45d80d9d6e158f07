// clearway-server instances losing their PostgreSQL: the database restarted (pg_ctl stop -m fast,
// then started again on the same port and data), and one instance's connection dropped while it
// cannot log in again. The servers never exit; what arrives meanwhile is answered "retry"; once the
// database is back they reconnect by themselves, LISTEN again and read what they missed; every
// command a workstation made meanwhile is acknowledged and applied exactly once, and the audit chain
// verifies.
//
// The test runs a PostgreSQL cluster of its own (tools/pgtest.sh in its own folder): stopping the one
// the other PostgreSQL tests share would fail them. Both instances run without the change poll
// (change-poll-ms 0), so only NOTIFY, or the reading of the log a reconnection does, can carry a
// change from one to the other.
#include "storage/cache.h"
#include "storage/cachewriter.h"
#include "sync/syncclient.h"
#include "tests/common/cachefixture.h"
#include "tests/common/serverdatabase.h"
#include "tests/common/syncharness.h"
#include "tests/common/wsclient.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Clearway;
using Tests::Desk;
using Tests::WsClient;

namespace {

const QString kRole = QStringLiteral("clearway_app");

bool isChange(const QJsonObject &o) { return Tests::typeOf(o) == QLatin1String("change"); }

bool isChangeOf(const QJsonObject &o, qint64 item)
{
    return isChange(o) && o.value(QStringLiteral("kind")).toString() == QLatin1String("declaration") && o.value(QStringLiteral("itemId")).toInteger() == item;
}

} // namespace

class TestPgReconnect final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void aRestartedDatabaseLosesNoCommandAndTheInstancesListenAgain();
    void aDroppedConnectionReadsWhatItMissedWhenItIsBack();
    void everyCommandWasAppliedOnceAndTheAuditChainVerifies();

private:
    // tools/pgtest.sh VERB on this test's cluster.
    bool pgtest(const QString &verb);
    QString instanceUrl(const QString &name) const;
    void startInstance(Tests::ServerProcess &server, const QString &name);
    // The database's own connection, as a superuser: roles and the backends of other sessions.
    QString superExec(const QString &sql) const { return Tests::ServerConnection(m_superUrl).exec(sql); }
    QVariant serverValue(const QString &sql, const QVariantList &binds = {}) const { return Tests::queryValue(m_db, sql, binds); }
    void issue(const char *name, qint64 item) { m_desk.issue(m_wang, QString::fromLatin1(name), item); }
    void checkInstancesRunning();

    QTemporaryDir m_dir;
    QString m_state;    // pgtest.sh's folder
    QString m_superUrl; // postgres@…/postgres
    QString m_db;       // kRole@…/the test's database
    Tests::ServerProcess m_a, m_b;
    qint64 m_pidA = 0, m_pidB = 0;
    Desk m_desk; // wang.jianguo on instance A
    std::unique_ptr<WsClient> m_watcher; // on instance B, subscribed from cursor 0
    QDateTime m_now = QDateTime::currentDateTime();
    Models::Officer m_wang = Tests::officerWang();
    int m_issued = 0; // commands the desk made
};

bool TestPgReconnect::pgtest(const QString &verb)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedChannels);
    p.start(QStringLiteral("bash"), {QStringLiteral(PGTEST_SH), verb, m_state});
    return p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

QString TestPgReconnect::instanceUrl(const QString &name) const
{
    // Each instance's connection is told apart in pg_stat_activity by its application name.
    QUrl url(m_db);
    url.setQuery(QUrlQuery{{QStringLiteral("application_name"), QStringLiteral("clearway-") + name}});
    return url.toString();
}

void TestPgReconnect::startInstance(Tests::ServerProcess &server, const QString &name)
{
    QString error;
    QVERIFY2(server.start(instanceUrl(name),
                          {QStringLiteral("--change-poll-ms"), QStringLiteral("0"), QStringLiteral("--blob-dir"), m_dir.filePath(QStringLiteral("blobs"))},
                          &error),
             qPrintable(error));
}

void TestPgReconnect::checkInstancesRunning()
{
    QVERIFY2(m_a.isRunning() && m_a.pid() == m_pidA, "instance A exited");
    QVERIFY2(m_b.isRunning() && m_b.pid() == m_pidB, "instance B exited");
}

void TestPgReconnect::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_state = m_dir.filePath(QStringLiteral("postgres"));
    QVERIFY2(pgtest(QStringLiteral("start")), "tools/pgtest.sh could not start a PostgreSQL cluster for this test");
    QFile urlFile(m_state + QStringLiteral("/url"));
    QVERIFY(urlFile.open(QIODevice::ReadOnly));
    m_superUrl = QString::fromUtf8(urlFile.readAll()).trimmed();

    // The servers connect as a role of their own, which part two stops from logging in.
    QCOMPARE(superExec(QStringLiteral("CREATE ROLE %1 LOGIN").arg(kRole)), QString());
    QString error;
    const QString database = Tests::createPostgresDatabase(m_superUrl, &error, kRole);
    QVERIFY2(!database.isEmpty(), qPrintable(error));
    QUrl url(database);
    url.setUserName(kRole);
    m_db = url.toString();
    const QString fixture = m_dir.filePath(QStringLiteral("fixture.sqlite"));
    QCOMPARE(Tests::writeFixtureCache(fixture, 100, m_now), QString());
    QCOMPARE(Tests::importFixture(QStringLiteral(CLEARWAY_SERVER_EXE), fixture, m_db), QString());
    QCOMPARE(Tests::addOfficers(m_db), QString());

    startInstance(m_a, QStringLiteral("a"));
    startInstance(m_b, QStringLiteral("b"));
    m_pidA = m_a.pid();
    m_pidB = m_b.pid();

    QVERIFY2(m_desk.open(m_dir.filePath(QStringLiteral("desk.sqlite")), 100, m_now, &error), qPrintable(error));
    m_desk.start(m_a.url(), m_wang);
    QTRY_COMPARE_WITH_TIMEOUT(m_desk.sync->state(), Sync::SyncClient::State::Online, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(m_desk.sync->isFollowing(), 30000);

    m_watcher = std::make_unique<WsClient>(m_b.port());
    QVERIFY(m_watcher->connected());
    QCOMPARE(Tests::typeOf(m_watcher->signIn(QStringLiteral("watcher-b"), QString::fromLatin1(Tests::kPassword), QStringLiteral("li.na"))),
             QStringLiteral("session"));
    QCOMPARE(Tests::typeOf(m_watcher->request(Tests::officeSubscribe(0))),
             QStringLiteral("subscribed"));

    // A command before anything goes wrong: through A, and to B's client by NOTIFY.
    issue("claim", 1);
    ++m_issued;
    QTRY_COMPARE_WITH_TIMEOUT(m_desk.itemState(1), QStringLiteral("under_review/wang.jianguo/0"), 20000);
    QVERIFY(!m_watcher->waitFor([](const QJsonObject &o) { return isChangeOf(o, 1); }, 20000).isEmpty());
}

void TestPgReconnect::cleanupTestCase()
{
    m_watcher.reset();
    m_desk.sync.reset();
    m_a.stop();
    m_b.stop();
    pgtest(QStringLiteral("stop"));
}

void TestPgReconnect::aRestartedDatabaseLosesNoCommandAndTheInstancesListenAgain()
{
    // A colleague's socket on A, signed in before: it will ask for things while the database is away.
    WsClient colleague(m_a.port());
    QVERIFY(colleague.connected());
    QCOMPARE(Tests::typeOf(colleague.signIn(QStringLiteral("colleague-a"), QString::fromLatin1(Tests::kPassword), QStringLiteral("li.na"))),
             QStringLiteral("session"));

    QVERIFY2(pgtest(QStringLiteral("stop-keep")), "PostgreSQL did not stop");

    // The officer works on: the commands are stored and wait; the desk stays online and signed in
    // (the server's session checks cannot read the sessions, and end none).
    issue("claim", 8);
    issue("claim", 15);
    issue("claim", 22);
    issue("unclaim", 1);
    m_issued += 4;
    QTRY_COMPARE(m_desk.itemState(22), QStringLiteral("under_review/wang.jianguo/1"));
    QCOMPARE(m_desk.itemState(1), QStringLiteral("received//1"));

    // Meanwhile every request that needs the database is answered with the transient error.
    const QJsonObject command = colleague.request(Tests::declarationCommand(1, "claim", 50));
    QCOMPARE(Tests::typeOf(command), QStringLiteral("error"));
    QCOMPARE(Tests::codeOf(command), QStringLiteral("internal"));
    QVERIFY2(command.value(QStringLiteral("message")).toString().contains(QStringLiteral("retry")), qPrintable(command.value(QStringLiteral("message")).toString()));
    const QJsonObject page = colleague.request({{QStringLiteral("type"), QStringLiteral("snapshot")}, {QStringLiteral("after"), QJsonValue::Null}});
    QCOMPARE(Tests::codeOf(page), QStringLiteral("internal"));
    QVERIFY2(page.value(QStringLiteral("message")).toString().contains(QStringLiteral("retry")), qPrintable(page.value(QStringLiteral("message")).toString()));
    // A sign-in cannot be checked: "retry", never "wrong user or password".
    WsClient newcomer(m_a.port());
    QVERIFY(newcomer.connected());
    QCOMPARE(Tests::codeOf(newcomer.signIn(QStringLiteral("newcomer-a"))), QStringLiteral("internal"));
    // A second workstation signing in now keeps asking, and gets in once the database is back.
    Desk late;
    QString error;
    QVERIFY2(late.open(m_dir.filePath(QStringLiteral("late.sqlite")), 100, m_now, &error), qPrintable(error));
    late.start(m_a.url(), Tests::officerLi());

    QTest::qWait(5000); // past two session checks and several resends of the desk's outbox
    checkInstancesRunning();
    QCOMPARE(m_desk.sync->state(), Sync::SyncClient::State::Online);
    QCOMPARE(m_desk.itemState(8), QStringLiteral("under_review/wang.jianguo/1"));
    QCOMPARE(m_desk.outboxSize(), qint64(4));

    QVERIFY2(pgtest(QStringLiteral("restart")), "PostgreSQL did not start again");
    // The instances reconnect by themselves and the desk's resends go through, once each.
    for (qint64 item : {8, 15, 22})
        QTRY_COMPARE_WITH_TIMEOUT(m_desk.itemState(item), QStringLiteral("under_review/wang.jianguo/0"), 60000);
    QTRY_COMPARE_WITH_TIMEOUT(m_desk.itemState(1), QStringLiteral("received//0"), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(m_desk.outboxSize(), qint64(0), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(late.sync->state(), Sync::SyncClient::State::Online, 60000);
    QTRY_VERIFY_WITH_TIMEOUT(late.sync->isFollowing(), 30000);
    // What A accepted reached B's client.
    for (qint64 item : {8, 15, 22})
        QVERIFY2(!m_watcher->waitFor([item](const QJsonObject &o) { return isChangeOf(o, item); }, 20000).isEmpty(), qPrintable(QString::number(item)));

    // Both LISTEN again: a claim through B reaches the desk on A, and one through A reaches B's
    // client, by NOTIFY alone (neither polls, and each has already read the log at reconnection).
    QElapsedTimer notified;
    notified.start();
    QCOMPARE(Tests::typeOf(m_watcher->request(Tests::declarationCommand(1, "claim", 29))), QStringLiteral("ack"));
    QTRY_COMPARE_WITH_TIMEOUT(m_desk.itemState(29), QStringLiteral("under_review/li.na/0"), 20000);
    qInfo("a claim through B reached the desk on A in %lld ms", qlonglong(notified.elapsed()));
    QTRY_COMPARE_WITH_TIMEOUT(late.itemState(29), QStringLiteral("under_review/li.na/0"), 20000);
    issue("claim", 36);
    ++m_issued;
    QTRY_COMPARE_WITH_TIMEOUT(m_desk.itemState(36), QStringLiteral("under_review/wang.jianguo/0"), 20000);
    QVERIFY(!m_watcher->waitFor([](const QJsonObject &o) { return isChangeOf(o, 36); }, 20000).isEmpty());
    checkInstancesRunning();
}

void TestPgReconnect::aDroppedConnectionReadsWhatItMissedWhenItIsBack()
{
    WsClient probe(m_a.port());
    QVERIFY(probe.connected());
    QCOMPARE(Tests::typeOf(probe.signIn(QStringLiteral("probe-a"), QString::fromLatin1(Tests::kPassword), QStringLiteral("li.na"))), QStringLiteral("session"));
    // A's connection is cut, and A cannot log in again for a while: whatever is committed then,
    // A's NOTIFY is lost with its connection.
    QCOMPARE(superExec(QStringLiteral("ALTER ROLE %1 NOLOGIN").arg(kRole)), QString());
    QCOMPARE(Tests::queryValue(m_superUrl, QStringLiteral("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'clearway-a'"))
                 .toInt(),
             1);
    // A command through A meanwhile is answered "retry".
    QCOMPARE(Tests::codeOf(probe.request(Tests::declarationCommand(1, "claim", 43))), QStringLiteral("internal"));

    // An account added now (by the administrator's tool, as a superuser) is a change on the log:
    // B's client gets it at once; the desk on A cannot yet.
    const Models::Officer qian{QStringLiteral("qian.yu"), QStringLiteral("钱宇"), QStringLiteral("5141"), Models::Role::Supervisor};
    QUrl super(m_db);
    super.setUserName(QUrl(m_superUrl).userName());
    QCOMPARE(Tests::addUser(super.toString(), qian, QStringLiteral("supervisor"), Tests::kPassword), QString());
    auto isQian = [&qian](const QJsonObject &o) {
        return isChange(o) && o.value(QStringLiteral("officer")).toObject().value(QStringLiteral("id")).toString() == qian.id;
    };
    QVERIFY(!m_watcher->waitFor(isQian, 20000).isEmpty());
    const QString officerOnDesk = QStringLiteral("SELECT count(*) FROM officers WHERE id = ?");
    QCOMPARE(m_desk.value(officerOnDesk, {qian.id}).toInt(), 0);

    // Let A back in: it reconnects and reads the log from where its workstations are, without a
    // NOTIFY or a poll.
    QCOMPARE(superExec(QStringLiteral("ALTER ROLE %1 LOGIN").arg(kRole)), QString());
    QTRY_COMPARE_WITH_TIMEOUT(m_desk.value(officerOnDesk, {qian.id}).toInt(), 1, 30000);
    QCOMPARE(Tests::typeOf(probe.request(Tests::declarationCommand(1, "claim", 43))), QStringLiteral("ack"));
    checkInstancesRunning();
}

void TestPgReconnect::everyCommandWasAppliedOnceAndTheAuditChainVerifies()
{
    const QString client = m_desk.cache->writer()->clientId();
    QCOMPARE(serverValue(QStringLiteral("SELECT count(*) FROM commands WHERE client_id = ? AND outcome = 'applied'"), {client}).toInt(), m_issued);
    QCOMPARE(serverValue(QStringLiteral("SELECT count(*) FROM commands WHERE client_id = ?"), {client}).toInt(), m_issued);
    QCOMPARE(serverValue(QStringLiteral("SELECT max(seq) FROM commands WHERE client_id = ?"), {client}).toInt(), m_issued);
    // One change per command: claim and unclaim of 1, one claim of each other item.
    const QString changes = QStringLiteral("SELECT count(*) FROM changes WHERE kind = 0 AND item_id = ?");
    QCOMPARE(serverValue(changes, {1}).toInt(), 2);
    for (qint64 item : {8, 15, 22, 29, 36, 43})
        QCOMPARE(serverValue(changes, {item}).toInt(), 1);
    QCOMPARE(m_desk.outboxSize(), qint64(0));
    QCOMPARE(serverValue(QStringLiteral("SELECT count(*) FROM declarations WHERE id IN (8, 15, 22, 36) AND state = 'under_review' AND assignee = 'wang.jianguo'"))
                 .toInt(),
             4);

    QByteArray output;
    QCOMPARE(Tests::runServerCommand({QStringLiteral("verify-audit"), QStringLiteral("--database"), m_db}, {}, &output), 0);
    QVERIFY2(output.contains("audit log intact"), output.constData());
    checkInstancesRunning();
}

QTEST_GUILESS_MAIN(TestPgReconnect)
#include "tst_pgreconnect.moc"
