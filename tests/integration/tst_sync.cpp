// Two workstations (caches + sync clients in this process) and a real clearway-server process.
#include "storage/cache.h"
#include "storage/cachewriter.h"
#include "sync/syncclient.h"
#include "tests/common/serverdatabase.h"
#include "tests/common/syncharness.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Clearway;
using Tests::Desk;

class TestSync final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void anActionOnOneWorkstationShowsOnTheOther();
    void theLoserOfARaceIsToldWhy();
    void aDecisionOnAnItemChangedMeanwhileIsRefusedAndSaysWhy();
    void workDoneWhileTheServerIsDownConverges();
    void aChangeThisDeskCannotSaveIsAskedForAgainAndNothingPassesIt();

private:
    void openDesk(Desk &desk, const QString &name);
    void issue(Desk &desk, const char *name, qint64 item) { desk.issue(m_wang, QString::fromLatin1(name), item); }
    static QString itemState(Desk &desk, qint64 item) { return desk.itemState(item); }

    QTemporaryDir m_dir;
    QString m_db;
    Tests::ServerProcess m_server;
    QDateTime m_now = QDateTime::currentDateTime();
    Desk m_a, m_b;
    Models::Officer m_wang = Tests::officerWang();
    Models::Officer m_li = Tests::officerLi();
    Models::Officer m_chief{QStringLiteral("zhou.hua"), QStringLiteral("周华"), QStringLiteral("5141"), Models::Role::Supervisor};
};

void TestSync::openDesk(Desk &desk, const QString &name)
{
    QString error;
    QVERIFY2(desk.open(m_dir.filePath(name + QStringLiteral(".sqlite")), 100, m_now, &error), qPrintable(error));
}

void TestSync::initTestCase()
{
    // SQLite, or PostgreSQL when the environment names one (tst_sync_postgres).
    const Tests::ServerDatabase db = Tests::prepareServerDatabase(QStringLiteral(CLEARWAY_SERVER_EXE), m_dir.path(), 100, m_now);
    QVERIFY2(db.error.isEmpty(), qPrintable(db.error));
    m_db = db.database;
    QCOMPARE(Tests::addOfficers(m_db), QString());
    QCOMPARE(Tests::addUser(m_db, m_chief, QStringLiteral("supervisor"), Tests::kPassword), QString());
    QString error;
    QVERIFY2(m_server.start(m_db, &error), qPrintable(error));
    openDesk(m_a, QStringLiteral("desk-a"));
    openDesk(m_b, QStringLiteral("desk-b"));
    m_a.start(m_server.url(), m_wang);
    m_b.start(m_server.url(), m_li);
    QTRY_COMPARE(m_a.sync->state(), Sync::SyncClient::State::Online);
    QTRY_COMPARE(m_b.sync->state(), Sync::SyncClient::State::Online);
}

void TestSync::cleanupTestCase()
{
    m_a.sync.reset();
    m_b.sync.reset();
    m_server.stop();
    QCOMPARE(Tests::dropServerDatabase(m_db), QString());
}

void TestSync::anActionOnOneWorkstationShowsOnTheOther()
{
    QCOMPARE(itemState(m_b, 8), QStringLiteral("received//0"));
    issue(m_a, "claim", 8);
    // Optimistic at once on A, pending until the server acknowledges.
    QTRY_COMPARE(itemState(m_a, 8), QStringLiteral("under_review/wang.jianguo/0"));
    QTRY_COMPARE(itemState(m_b, 8), QStringLiteral("under_review/wang.jianguo/0"));
}

void TestSync::theLoserOfARaceIsToldWhy()
{
    // B goes offline, claims item 15; meanwhile A claims it online.
    m_b.sync->stop();
    m_b.issue(m_li, QStringLiteral("claim"), 15);
    QTRY_COMPARE(itemState(m_b, 15), QStringLiteral("under_review/li.na/1"));
    issue(m_a, "claim", 15);
    QTRY_COMPARE(itemState(m_a, 15), QStringLiteral("under_review/wang.jianguo/0"));

    QSignalSpy refused(m_b.sync.get(), &Sync::SyncClient::commandRefused);
    m_b.start(m_server.url(), m_li);
    QTRY_COMPARE(refused.size(), 1);
    // The server decided on its state: A had already taken the item under review.
    QVERIFY2(refused.at(0).at(1).toString().contains(QStringLiteral("Under review")), qPrintable(refused.at(0).at(1).toString()));
    // The server's rule decided: B now shows A's claim, and nothing is left pending.
    QTRY_COMPARE(itemState(m_b, 15), QStringLiteral("under_review/wang.jianguo/0"));
}

void TestSync::aDecisionOnAnItemChangedMeanwhileIsRefusedAndSaysWhy()
{
    // Wang claims 43 and, offline, releases it; meanwhile the chief re-routes it: the release was
    // decided on what wang no longer sees, though the lifecycle alone would allow it.
    issue(m_a, "claim", 43);
    QTRY_COMPARE(itemState(m_a, 43), QStringLiteral("under_review/wang.jianguo/0"));
    m_a.sync->stop();
    issue(m_a, "release", 43);
    QTRY_COMPARE(itemState(m_a, 43), QStringLiteral("released/wang.jianguo/1"));

    Desk chief;
    openDesk(chief, QStringLiteral("desk-chief"));
    chief.start(m_server.url(), m_chief);
    QTRY_VERIFY_WITH_TIMEOUT(chief.sync->isFollowing(), 20000);
    QJsonObject answer;
    auto reroute = [&](const char *channel) {
        answer = {};
        chief.sync->request({{QStringLiteral("type"), QStringLiteral("reroute")}, {QStringLiteral("declarationId"), 43},
                             {QStringLiteral("channel"), QString::fromLatin1(channel)}, {QStringLiteral("reason"), QStringLiteral("布控指令：重点查验")}},
                            this, [&answer](const QJsonObject &reply) { answer = reply; });
        QTRY_VERIFY(!answer.isEmpty());
    };
    reroute("red");
    if (answer.value(QStringLiteral("code")).toString() == QLatin1String("same_channel"))
        reroute("yellow");
    QCOMPARE(answer.value(QStringLiteral("type")).toString(), QStringLiteral("rerouted"));

    QSignalSpy refused(m_a.sync.get(), &Sync::SyncClient::commandRefused);
    m_a.start(m_server.url(), m_wang);
    QTRY_COMPARE_WITH_TIMEOUT(refused.size(), 1, 20000);
    const QString why = refused.at(0).at(1).toString();
    QVERIFY2(why.contains(QStringLiteral("changed after you looked at it")), qPrintable(why));
    // The server kept it under review; wang's desk shows it so, nothing pending, and says why in
    // the item's history.
    QCOMPARE(Tests::queryValue(m_db, QStringLiteral("SELECT state FROM declarations WHERE id = 43")).toString(), QStringLiteral("under_review"));
    QTRY_COMPARE(itemState(m_a, 43), QStringLiteral("under_review/wang.jianguo/0"));
    QVERIFY(m_a.value(QStringLiteral("SELECT reason FROM events WHERE item_id = 43 AND actor = 'clearway-server'")).toString().contains(why));
    chief.sync.reset();
}

void TestSync::workDoneWhileTheServerIsDownConverges()
{
    QVERIFY(m_server.stop());
    QTRY_COMPARE(m_a.sync->state() == Sync::SyncClient::State::Online, false);
    issue(m_a, "claim", 22);
    QTRY_COMPARE(itemState(m_a, 22), QStringLiteral("under_review/wang.jianguo/1"));
    QString error;
    QVERIFY2(m_server.start(m_db, &error), qPrintable(error)); // same port: the clients find it by themselves
    // A (told the network is back, or asked by the officer) tries at once; B waits for its backoff.
    QTRY_COMPARE(m_a.sync->state(), Sync::SyncClient::State::Offline);
    m_a.sync->reconnectNow();
    QCOMPARE(m_a.sync->state(), Sync::SyncClient::State::Connecting);
    QTRY_COMPARE_WITH_TIMEOUT(itemState(m_a, 22), QStringLiteral("under_review/wang.jianguo/0"), 40000);
    QTRY_COMPARE_WITH_TIMEOUT(itemState(m_b, 22), QStringLiteral("under_review/wang.jianguo/0"), 40000);
}

void TestSync::aChangeThisDeskCannotSaveIsAskedForAgainAndNothingPassesIt()
{
    QTRY_VERIFY_WITH_TIMEOUT(m_b.sync->isFollowing(), 40000);
    // Desk B cannot write item 57 (a trigger stands in for a full disk or a bug in an old client).
    QVERIFY(m_b.execBeside(QStringLiteral("CREATE TRIGGER refuse_57 BEFORE UPDATE ON declarations WHEN NEW.id = 57"
                                   " BEGIN SELECT RAISE(ABORT, 'test: item 57 cannot be written'); END")));
    auto cursorOfB = [this] { return m_b.value(QStringLiteral("SELECT value FROM meta WHERE key = 'sync_cursor'")).toLongLong(); };
    const qint64 before = cursorOfB();
    QSignalSpy stalled(m_b.sync.get(), &Sync::SyncClient::stalledChanged);

    // A claims 57, then 64: B cannot write the first, and must not take the second past it.
    issue(m_a, "claim", 57);
    QTRY_COMPARE(itemState(m_a, 57), QStringLiteral("under_review/wang.jianguo/0"));
    issue(m_a, "claim", 64);
    QTRY_COMPARE(itemState(m_a, 64), QStringLiteral("under_review/wang.jianguo/0"));
    QTRY_VERIFY_WITH_TIMEOUT(m_b.sync->isStalled(), 20000);
    QVERIFY2(m_b.sync->stallReason().contains(QStringLiteral("item 57 cannot be written")), qPrintable(m_b.sync->stallReason()));
    QTest::qWait(3000); // asked for again at least twice meanwhile
    QVERIFY(m_b.sync->isStalled());
    QCOMPARE(stalled.size(), 1);
    QCOMPARE(itemState(m_b, 57), QStringLiteral("received//0"));
    QCOMPARE(itemState(m_b, 64), QStringLiteral("received//0"));
    QCOMPARE(cursorOfB(), before);
    QCOMPARE(m_b.sync->state(), Sync::SyncClient::State::Online);

    // Once it can be written, both arrive, in order, without anyone doing anything.
    QVERIFY(m_b.execBeside(QStringLiteral("DROP TRIGGER refuse_57")));
    QTRY_COMPARE_WITH_TIMEOUT(itemState(m_b, 57), QStringLiteral("under_review/wang.jianguo/0"), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(itemState(m_b, 64), QStringLiteral("under_review/wang.jianguo/0"), 10000);
    QTRY_VERIFY(!m_b.sync->isStalled());
    QCOMPARE(stalled.size(), 2);
    QVERIFY(cursorOfB() > before);
}

QTEST_GUILESS_MAIN(TestSync)
#include "tst_sync.moc"
