// Two clearway-server instances on one PostgreSQL database: what one accepts reaches the clients
// of the other (LISTEN/NOTIFY alone: the instances do not poll the change log), concurrent commands
// on both are decided once each, and the change stream has no gaps; import keeps the accounts made
// before it. Needs the test PostgreSQL cluster (tools/pgtest.sh); fails without it.
#include "server/postgresstore.h"
#include "server/sqlitestore.h"
#include "tests/common/serverdatabase.h"
#include "tests/common/syncharness.h"
#include "tests/common/wsclient.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Clearway;
using Tests::WsClient;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QStringList &args, const QByteArray &input = {})
{
    QProcess p;
    p.start(QStringLiteral(CLEARWAY_SERVER_EXE), args);
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000))
        p.kill();
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
}

bool isChange(const QJsonObject &o) { return Tests::typeOf(o) == QLatin1String("change"); }

} // namespace

class TestPgCluster final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void snapshotPagesAreTheSameBytesAsFromSqlite();
    void aCommandAcceptedOnOneInstanceReachesClientsOfTheOther();
    void concurrentClaimsOnBothInstancesAreDecidedOnce();
    void oneClientOnTwoInstancesIsAppliedOnce();
    void theChangeStreamHasNoGapsAndTheAuditChainVerifies();
    void backupAndRestoreNamePgDump();
    void importKeepsTheAccountsMadeBeforeItAndRefusesEnterprises();

private:
    quint16 start(QProcess &server);

    QTemporaryDir m_dir;
    QString m_db;
    QProcess m_a, m_b;
    quint16 m_portA = 0, m_portB = 0;
    std::unique_ptr<WsClient> m_watcher; // on B, subscribed from cursor 0
    QList<qint64> m_seen;                 // the cursors m_watcher was sent, in order
    qint64 m_accepted = 0;                // changes written in this test: accounts saved, commands accepted
};

quint16 TestPgCluster::start(QProcess &server)
{
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    // Without the poll of the change log's end (change-poll-ms 0), only NOTIFY tells an instance of
    // what the other committed: the tests below fail when it does not.
    server.start(QStringLiteral(CLEARWAY_SERVER_EXE), {QStringLiteral("serve"), QStringLiteral("--database"), m_db, QStringLiteral("--port"), QStringLiteral("0"),
                                                       QStringLiteral("--insecure"), QStringLiteral("--change-poll-ms"), QStringLiteral("0")});
    if (!server.waitForReadyRead(15000))
        return 0;
    const QByteArray line = server.readLine().trimmed();
    return line.startsWith("listening on 127.0.0.1:") ? line.mid(line.lastIndexOf(':') + 1).toUShort() : 0;
}

void TestPgCluster::initTestCase()
{
    QString url, error;
    if (!Tests::testPostgresUrl(&url, &error))
        QFAIL("tst_pgcluster needs PostgreSQL: set CLEARWAY_TEST_DATABASE or CLEARWAY_TEST_DATABASE_URL_FILE (ctest does, with tools/pgtest.sh)");
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const Tests::ServerDatabase db = Tests::prepareServerDatabase(QStringLiteral(CLEARWAY_SERVER_EXE), m_dir.path(), 100, QDateTime::currentDateTime());
    QVERIFY2(db.error.isEmpty(), qPrintable(db.error));
    QVERIFY(db.postgres);
    m_db = db.database;
    // The same fixture in an SQLite server database, to compare snapshot pages with.
    QVERIFY(QFile::copy(m_dir.filePath(QStringLiteral("fixture.sqlite")), m_dir.filePath(QStringLiteral("sqlite.sqlite"))));
    for (const QString &database : {m_db, m_dir.filePath(QStringLiteral("sqlite.sqlite"))}) {
        for (const char *id : {"wang.jianguo", "li.na"}) {
            const Run r = run({QStringLiteral("add-user"), QStringLiteral("--database"), database, QStringLiteral("--id"), QString::fromLatin1(id),
                               QStringLiteral("--name"), QString::fromLatin1(id), QStringLiteral("--office"), QStringLiteral("5141"),
                               QStringLiteral("--roles"), QStringLiteral("window"), QStringLiteral("--password-stdin")},
                              "correct horse\n");
            QVERIFY2(r.exitCode == 0, r.err.constData());
        }
    }
    m_portA = start(m_a);
    m_portB = start(m_b);
    QVERIFY(m_portA > 0 && m_portB > 0);

    m_watcher = std::make_unique<WsClient>(m_portB);
    QVERIFY(m_watcher->connected());
    QCOMPARE(Tests::typeOf(m_watcher->signIn(QStringLiteral("watcher"))), QStringLiteral("session"));
    QCOMPARE(Tests::typeOf(m_watcher->request(Tests::officeSubscribe(0))),
             QStringLiteral("subscribed"));
    // The two accounts come first on the change stream (and in the audit log).
    for (const char *id : {"wang.jianguo", "li.na"}) {
        const QJsonObject change = m_watcher->waitFor(isChange, 10000);
        QCOMPARE(change.value(QStringLiteral("kind")).toString(), QStringLiteral("officer"));
        QCOMPARE(change.value(QStringLiteral("officer")).toObject().value(QStringLiteral("id")).toString(), QString::fromLatin1(id));
        m_seen << change.value(QStringLiteral("cursor")).toInteger();
        ++m_accepted;
    }
}

void TestPgCluster::cleanupTestCase()
{
    m_watcher.reset();
    for (QProcess *p : {&m_a, &m_b}) {
        if (p->state() != QProcess::NotRunning) {
            p->terminate();
            if (!p->waitForFinished(10000))
                p->kill();
        }
    }
    QCOMPARE(Tests::dropServerDatabase(m_db), QString());
}

void TestPgCluster::snapshotPagesAreTheSameBytesAsFromSqlite()
{
    // The test cluster's collation is C, so text keys sort as in SQLite and pages match exactly.
    Server::PostgresStore pg;
    Server::SqliteStore sqlite;
    QString error;
    QVERIFY2(pg.open(m_db, &error), qPrintable(error));
    QVERIFY2(sqlite.open(m_dir.filePath(QStringLiteral("sqlite.sqlite")), &error), qPrintable(error));
    // Everything; then an officer's own work first and one office; then some kinds only: the
    // scopes' SQL reads the same rows on both.
    const QList<std::pair<QString, Models::SyncScope>> copies = {
        {QString(), {}},
        {QStringLiteral("wang.jianguo"), {{QStringLiteral("5141")}, {}}},
        {QStringLiteral("li.na"), {{}, {Models::WorkKind::Declaration, Models::WorkKind::Certificate}}},
    };
    for (const auto &[officer, scope] : copies) {
        QString pgToken, sqliteToken, code;
        int pages = 0;
        QSet<QString> sections;
        do {
            Server::SnapshotPage fromPg, fromSqlite;
            QVERIFY2(pg.snapshotPage(pgToken, officer, scope, {}, 37, &fromPg, &code, &error), qPrintable(error));
            QVERIFY2(sqlite.snapshotPage(sqliteToken, officer, scope, {}, 37, &fromSqlite, &code, &error), qPrintable(error));
            QCOMPARE(fromPg.section, fromSqlite.section);
            sections << fromPg.section;
            QCOMPARE(fromPg.table, fromSqlite.table);
            QCOMPARE(fromPg.columns, fromSqlite.columns);
            QCOMPARE(fromPg.rows, fromSqlite.rows);
            QVERIFY2(fromPg.body == fromSqlite.body, qPrintable(QStringLiteral("page %1 of %2 differs").arg(pages).arg(fromPg.table)));
            QCOMPARE(fromPg.done, fromSqlite.done);
            QCOMPARE(fromPg.total, fromSqlite.total);
            QCOMPARE(fromPg.next.isEmpty(), fromSqlite.next.isEmpty());
            pgToken = fromPg.next;
            sqliteToken = fromSqlite.next;
            ++pages;
        } while (!pgToken.isEmpty());
        QVERIFY2(pages > 4, qPrintable(QString::number(pages)));
        // An officer's own work comes first, in pages of its own.
        QCOMPARE(sections.contains(QStringLiteral("mine")), !officer.isEmpty());
    }
}

void TestPgCluster::aCommandAcceptedOnOneInstanceReachesClientsOfTheOther()
{
    WsClient actor(m_portA);
    QVERIFY(actor.connected());
    actor.signIn(QStringLiteral("desk-a"));
    QElapsedTimer sent;
    sent.start();
    const QJsonObject ack = actor.request(Tests::declarationCommand(1, "claim", 8));
    QCOMPARE(Tests::typeOf(ack), QStringLiteral("ack"));
    ++m_accepted;
    // Generous: no speed is asserted, only that NOTIFY carried it (nothing else would).
    const QJsonObject change =
        m_watcher->waitFor([](const QJsonObject &o) { return isChange(o) && o.value(QStringLiteral("itemId")).toInteger() == 8; }, 20000);
    QVERIFY2(!change.isEmpty(), "instance B never sent the change accepted on instance A (NOTIFY did not reach it)");
    qInfo() << "instance A's change reached a client of instance B" << sent.elapsed() << "ms after the command was sent";
    QCOMPARE(change.value(QStringLiteral("cursor")), ack.value(QStringLiteral("cursor")));
    QCOMPARE(change.value(QStringLiteral("state")).toString(), QStringLiteral("under_review"));
    QCOMPARE(change.value(QStringLiteral("assignee")).toString(), QStringLiteral("wang.jianguo"));
    m_seen << change.value(QStringLiteral("cursor")).toInteger();
}

void TestPgCluster::concurrentClaimsOnBothInstancesAreDecidedOnce()
{
    // wang.jianguo on A and li.na on B claim the same twenty items at once, pipelined.
    WsClient onA(m_portA), onB(m_portB);
    QVERIFY(onA.connected() && onB.connected());
    QCOMPARE(Tests::typeOf(onA.signIn(QStringLiteral("race-a"))), QStringLiteral("session"));
    QCOMPARE(Tests::typeOf(onB.signIn(QStringLiteral("race-b"), QStringLiteral("correct horse"), QStringLiteral("li.na"))), QStringLiteral("session"));
    // Items in state "received" in the fixture (every item whose row cycles to it): find them by
    // trying; an item not claimable is rejected on both sides alike.
    QList<qint64> idsA, idsB;
    for (int i = 0; i < 20; ++i) {
        idsA << onA.post(Tests::declarationCommand(i + 1, "claim", 40 + i));
        idsB << onB.post(Tests::declarationCommand(i + 1, "claim", 40 + i));
    }
    int bothAcked = 0, oneAcked = 0;
    for (int i = 0; i < 20; ++i) {
        const qint64 a = idsA.at(i), b = idsB.at(i);
        const QJsonObject ra = onA.waitFor([a](const QJsonObject &o) { return o.value(QStringLiteral("re")).toInteger() == a; }, 15000);
        const QJsonObject rb = onB.waitFor([b](const QJsonObject &o) { return o.value(QStringLiteral("re")).toInteger() == b; }, 15000);
        QVERIFY2(!ra.isEmpty() && !rb.isEmpty(), "a command was not answered");
        QVERIFY(Tests::typeOf(ra) == QLatin1String("ack") || Tests::typeOf(ra) == QLatin1String("reject"));
        QVERIFY(Tests::typeOf(rb) == QLatin1String("ack") || Tests::typeOf(rb) == QLatin1String("reject"));
        const int acks = int(Tests::typeOf(ra) == QLatin1String("ack")) + int(Tests::typeOf(rb) == QLatin1String("ack"));
        bothAcked += acks == 2;
        oneAcked += acks == 1;
        m_accepted += acks;
    }
    QCOMPARE(bothAcked, 0); // one claim wins an item, never both
    QVERIFY2(oneAcked > 0, "no item of 40..59 was claimable in the fixture");
    qInfo() << oneAcked << "items claimed by exactly one of two officers on two instances";
}

void TestPgCluster::oneClientOnTwoInstancesIsAppliedOnce()
{
    // The same workstation (client id) reaches both instances with the same seq, e.g. after a
    // reconnect through a load balancer: one applies it, the other acknowledges the retry.
    WsClient viaA(m_portA), viaB(m_portB);
    QVERIFY(viaA.connected() && viaB.connected());
    viaA.signIn(QStringLiteral("roaming"));
    viaB.signIn(QStringLiteral("roaming"));
    const qint64 a = viaA.post(Tests::declarationCommand(1, "claim", 70));
    const qint64 b = viaB.post(Tests::declarationCommand(1, "claim", 70));
    const QJsonObject ra = viaA.waitFor([a](const QJsonObject &o) { return o.value(QStringLiteral("re")).toInteger() == a; });
    const QJsonObject rb = viaB.waitFor([b](const QJsonObject &o) { return o.value(QStringLiteral("re")).toInteger() == b; });
    QCOMPARE(Tests::typeOf(ra), Tests::typeOf(rb));
    if (Tests::typeOf(ra) == QLatin1String("ack")) {
        QCOMPARE(ra.value(QStringLiteral("cursor")), rb.value(QStringLiteral("cursor")));
        QCOMPARE(ra.value(QStringLiteral("version")), rb.value(QStringLiteral("version")));
        ++m_accepted;
    }
}

void TestPgCluster::theChangeStreamHasNoGapsAndTheAuditChainVerifies()
{
    // The watcher on B saw every accepted command, from A and from B, in cursor order, no gaps.
    QElapsedTimer t;
    t.start();
    while (m_seen.size() < m_accepted && t.elapsed() < 15000) {
        const QJsonObject change = m_watcher->waitFor(isChange, 500);
        if (!change.isEmpty())
            m_seen << change.value(QStringLiteral("cursor")).toInteger();
    }
    QCOMPARE(m_seen.size(), m_accepted);
    for (int i = 0; i < m_seen.size(); ++i)
        QCOMPARE(m_seen.at(i), qint64(i + 1));
    const Run verify = run({QStringLiteral("verify-audit"), QStringLiteral("--database"), m_db});
    QCOMPARE(verify.exitCode, 0);
    QVERIFY2(verify.out.contains(QByteArray("intact: " + QByteArray::number(m_accepted) + " entries")), verify.out.constData());
}

void TestPgCluster::backupAndRestoreNamePgDump()
{
    const Run backup = run({QStringLiteral("backup"), QStringLiteral("--database"), m_db, QStringLiteral("--to"), m_dir.filePath(QStringLiteral("b"))});
    QCOMPARE(backup.exitCode, 1);
    QVERIFY2(backup.err.contains("pg_dump"), backup.err.constData());
    const Run restore =
        run({QStringLiteral("restore"), QStringLiteral("--database"), m_db, QStringLiteral("--from"), m_dir.filePath(QStringLiteral("b"))});
    QCOMPARE(restore.exitCode, 1);
    QVERIFY2(restore.err.contains("pg_restore"), restore.err.constData());
}

void TestPgCluster::importKeepsTheAccountsMadeBeforeItAndRefusesEnterprises()
{
    QString serverUrl, error;
    QVERIFY(Tests::testPostgresUrl(&serverUrl, &error));
    const QString database = Tests::createPostgresDatabase(serverUrl, &error);
    QVERIFY2(!database.isEmpty(), qPrintable(error));
    // The administrator makes an account first; the file has an officer of the same id.
    const QString fixture = m_dir.filePath(QStringLiteral("fixture.sqlite"));
    QCOMPARE(Tests::queryValue(fixture, QStringLiteral("SELECT count(*) FROM officers WHERE id = 'wang.jianguo'")).toInt(), 1);
    const QString name = QStringLiteral("王建国 (made here)");
    const Run added = run({QStringLiteral("add-user"), QStringLiteral("--database"), database, QStringLiteral("--id"), QStringLiteral("wang.jianguo"),
                           QStringLiteral("--name"), name, QStringLiteral("--office"), QStringLiteral("5141"), QStringLiteral("--roles"),
                           QStringLiteral("window"), QStringLiteral("--password-stdin")},
                          "correct horse\n");
    QVERIFY2(added.exitCode == 0, added.err.constData());

    const Run imported = run({QStringLiteral("import"), QStringLiteral("--from"), fixture, QStringLiteral("--database"), database});
    QVERIFY2(imported.exitCode == 0, imported.err.constData());
    QVERIFY2(imported.out.contains("1 officers this database had already were kept"), imported.out.constData());
    QCOMPARE(Tests::queryValue(database, QStringLiteral("SELECT name FROM officers WHERE id = 'wang.jianguo'")).toString(), name);
    for (const char *table : {"officers", "enterprises", "declarations", "goods_lines", "events"}) {
        const QString count = QStringLiteral("SELECT count(*) FROM ") + QLatin1String(table);
        QCOMPARE(Tests::queryValue(database, count).toLongLong(), Tests::queryValue(fixture, count).toLongLong());
    }

    // Enterprises registered first are refused: declarations name enterprises by id, and the ids
    // given here are not the file's.
    const QString withFirm = Tests::createPostgresDatabase(serverUrl, &error);
    QVERIFY2(!withFirm.isEmpty(), qPrintable(error));
    const Run firm = run({QStringLiteral("add-enterprise"), QStringLiteral("--database"), withFirm, QStringLiteral("--code"),
                          QStringLiteral("91310000MA1FL0XX1X"), QStringLiteral("--name"), QStringLiteral("上海某贸易有限公司"),
                          QStringLiteral("--credit"), QStringLiteral("general")});
    QVERIFY2(firm.exitCode == 0, firm.err.constData());
    const Run refused = run({QStringLiteral("import"), QStringLiteral("--from"), fixture, QStringLiteral("--database"), withFirm});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains("1 enterprises registered already"), refused.err.constData());
    QCOMPARE(Tests::queryValue(withFirm, QStringLiteral("SELECT count(*) FROM declarations")).toLongLong(), 0);
    QCOMPARE(Tests::queryValue(withFirm, QStringLiteral("SELECT count(*) FROM enterprises")).toLongLong(), 1);

    // Once it holds work items, another import is refused and changes nothing.
    const Run again = run({QStringLiteral("import"), QStringLiteral("--from"), fixture, QStringLiteral("--database"), database});
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.contains("already holds work items"), again.err.constData());
    QCOMPARE(Tests::queryValue(database, QStringLiteral("SELECT count(*) FROM declarations")).toLongLong(),
             Tests::queryValue(fixture, QStringLiteral("SELECT count(*) FROM declarations")).toLongLong());
    QCOMPARE(Tests::dropServerDatabase(database), QString());
    QCOMPARE(Tests::dropServerDatabase(withFirm), QString());
}

QTEST_GUILESS_MAIN(TestPgCluster)
#include "tst_pgcluster.moc"
