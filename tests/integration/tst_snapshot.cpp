// The initial copy of the server's data to a fresh workstation, against a real clearway-server:
// everything arrives, colleagues' commands during the copy are not lost, and a copy cut off by a
// dying server resumes where it stopped.
#include "storage/cache.h"
#include "storage/cachewriter.h"
#include "storage/snapshot.h"
#include "sync/syncclient.h"
#include "tests/common/cachefixture.h"
#include "tests/common/syncharness.h"

#include <QCryptographicHash>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Clearway;

class TestSnapshot final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void aFreshWorkstationGetsEverythingAndColleaguesWorkDuringTheCopy();
    void aCopyCutOffByTheServerResumesWhereItStopped();

private:
    struct Desk
    {
        std::unique_ptr<Storage::Cache> cache;
        std::unique_ptr<Sync::SyncClient> sync;
    };
    Desk openDesk(const QString &name, bool prefilled);
    // The rows of every copied table, without what is only local (pending counts, local event ids).
    static QString digest(const QString &connectionName);
    QString serverDigest();

    QTemporaryDir m_dir;
    QString m_db;
    Tests::ServerProcess m_server;
    const QStringList m_smallPages = {QStringLiteral("--snapshot-page-rows"), QStringLiteral("7")};
    QDateTime m_now = QDateTime::currentDateTime();
};

TestSnapshot::Desk TestSnapshot::openDesk(const QString &name, bool prefilled)
{
    Desk d;
    const QString path = m_dir.filePath(name + QStringLiteral(".sqlite"));
    if (prefilled && !Tests::writeFixtureCache(path, 300, m_now).isEmpty())
        return d;
    d.cache = std::make_unique<Storage::Cache>();
    if (d.cache->open(path).ok())
        d.sync = std::make_unique<Sync::SyncClient>(d.cache->writer());
    return d;
}

QString TestSnapshot::digest(const QString &connectionName)
{
    QSqlDatabase db = QSqlDatabase::database(connectionName, false);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const Storage::SnapshotTable &t : Storage::snapshotTables()) {
        QString error;
        QStringList columns = Storage::tableColumns(db, t.name, &error);
        columns.removeAll(QStringLiteral("pending"));
        if (t.name == QLatin1String("events"))
            columns.removeAll(QStringLiteral("id")); // events from the change stream get local ids
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT %1 FROM %2 ORDER BY %1").arg(columns.join(QLatin1Char(',')), t.name)))
            return q.lastError().text();
        int rows = 0;
        while (q.next()) {
            for (int i = 0; i < columns.size(); ++i)
                hash.addData(QByteArray(q.value(i).toString().toUtf8() + (q.value(i).isNull() ? "\x1eN" : "") + '\x1f'));
            ++rows;
        }
        hash.addData(QByteArray(t.name.toUtf8() + ' ' + QByteArray::number(rows)));
    }
    return QString::fromLatin1(hash.result().toHex());
}

QString TestSnapshot::serverDigest()
{
    Storage::Connection c;
    if (!c.open(m_db, QStringLiteral("server-digest"), false).ok())
        return QStringLiteral("cannot open the server's database");
    return digest(c.name());
}

void TestSnapshot::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_db = m_dir.filePath(QStringLiteral("server.sqlite"));
    QCOMPARE(Tests::writeFixtureCache(m_db, 300, m_now), QString());
    QCOMPARE(Tests::addOfficers(m_db), QString());
    // Small pages, so that every table takes many and the copy lasts long enough to interfere with.
    QString error;
    QVERIFY2(m_server.start(m_db, m_smallPages, &error), qPrintable(error));
}

void TestSnapshot::aFreshWorkstationGetsEverythingAndColleaguesWorkDuringTheCopy()
{
    Desk colleague = openDesk(QStringLiteral("colleague"), true);
    QVERIFY(colleague.sync);
    QSignalSpy colleagueReady(colleague.sync.get(), &Sync::SyncClient::snapshotFinished);
    colleague.sync->start(m_server.url(), QStringLiteral("li.na"), QStringLiteral("correct horse"));
    QVERIFY(colleagueReady.wait(30000));

    Desk fresh = openDesk(QStringLiteral("fresh"), false);
    QVERIFY(fresh.sync);
    QSignalSpy progress(fresh.sync.get(), &Sync::SyncClient::snapshotProgress);
    QSignalSpy finished(fresh.sync.get(), &Sync::SyncClient::snapshotFinished);
    // Once the copy is under way, the colleague claims declarations waiting in the shared queue
    // (the fixture's rows 1, 8, 15, ... are 'received' and unassigned).
    const QList<qint64> claimed = {1, 8, 15, 22, 29, 295};
    bool claimedYet = false;
    connect(fresh.sync.get(), &Sync::SyncClient::snapshotProgress, this, [&] {
        if (claimedYet)
            return;
        claimedYet = true;
        const Models::Officer li{QStringLiteral("li.na"), QStringLiteral("李娜"), QStringLiteral("5141"), Models::Role::WindowOfficer};
        for (qint64 id : claimed) {
            Models::Command c;
            c.kind = Models::WorkKind::Declaration;
            c.itemId = id;
            c.name = QStringLiteral("claim");
            colleague.cache->writer()->apply(c, li);
        }
    });
    fresh.sync->start(m_server.url(), QStringLiteral("wang.jianguo"), QStringLiteral("correct horse"));
    QVERIFY(finished.wait(60000));
    QVERIFY(progress.size() > 50); // many pages, and progress for each
    // Rows written during the copy (the colleague's events) are sent too: done may pass the total.
    QVERIFY(progress.last().at(0).toLongLong() >= progress.last().at(1).toLongLong());

    // The colleague's claims, accepted by the server during or after the copy, reach the new desk.
    QSqlDatabase db = QSqlDatabase::database(fresh.cache->connectionName(), false);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            QSqlQuery q(db);
            q.exec(QStringLiteral("SELECT count(*) FROM declarations WHERE id IN (1, 8, 15, 22, 29, 295) AND assignee = 'li.na'"));
            return q.next() && q.value(0).toInt() == claimed.size();
        }(),
        20000);
    QTRY_COMPARE_WITH_TIMEOUT(digest(fresh.cache->connectionName()), serverDigest(), 10000);
    // The copy rebuilt what a bulk load drops: search works and the queue indexes are back.
    QSqlQuery q(db);
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM declarations_fts WHERE declarations_fts MATCH '\"COSU\"'")) && q.next());
    QVERIFY(q.value(0).toInt() > 0);
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name LIKE 'declarations_open_by_%'")) && q.next());
    QVERIFY(q.value(0).toInt() >= 8);
}

void TestSnapshot::aCopyCutOffByTheServerResumesWhereItStopped()
{
    Desk fresh = openDesk(QStringLiteral("resumed"), false);
    QVERIFY(fresh.sync);
    QSignalSpy finished(fresh.sync.get(), &Sync::SyncClient::snapshotFinished);
    qint64 killedAt = -1;
    QList<qint64> afterRestart;
    connect(fresh.sync.get(), &Sync::SyncClient::snapshotProgress, this, [&](qint64 done, qint64 total) {
        if (killedAt >= 0) {
            afterRestart << done;
        } else if (done * 3 >= total) {
            killedAt = done;
            m_server.kill(); // as a crash or a pulled cable: no goodbye
        }
    });
    fresh.sync->start(m_server.url(), QStringLiteral("wang.jianguo"), QStringLiteral("correct horse"));
    QTRY_VERIFY_WITH_TIMEOUT(killedAt >= 0, 60000);
    QTRY_COMPARE_WITH_TIMEOUT(fresh.sync->state(), Sync::SyncClient::State::Offline, 10000);
    QString error;
    QVERIFY2(m_server.start(m_db, m_smallPages, &error), qPrintable(error));

    QVERIFY(finished.wait(60000));
    QVERIFY(!afterRestart.isEmpty());
    // Resumed from the last page written, not started over: progress never goes back.
    const qint64 lowest = *std::min_element(afterRestart.cbegin(), afterRestart.cend());
    QVERIFY2(lowest > killedAt, qPrintable(QStringLiteral("killed at %1, then back to %2").arg(killedAt).arg(lowest)));
    QCOMPARE(digest(fresh.cache->connectionName()), serverDigest());
}

QTEST_MAIN(TestSnapshot)
#include "tst_snapshot.moc"
