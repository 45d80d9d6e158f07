// Initial sync benchmark: a fresh workstation copies a server holding N declarations (and the
// other kinds in proportion) through a real clearway-server process on loopback, until the officer
// can work (the copy is complete) and until the background indexing is done. The baseline,
// measured in the same run, is a raw SQLite bulk insert of the same rows into the same schema
// (INSERT ... SELECT from the server's file), then the same index work in one go. While the copy runs, a timer on this thread (the
// GUI thread of a workstation: the sync client and page checks live there) measures its longest
// stall.
//
//   bench_sync [--declarations N] [--server-db PATH] [--repeat R] [--everything]
//
// The workstation is window officer wang.jianguo's, which keeps his office's work (all of the
// demo's); with --everything his account is granted scope.all for the run, and the desk copies
// every office's work without the office filter (a desk at headquarters).
// Without --server-db it makes (once) build/bench-data/server-N.sqlite with clearway-server seed-demo.
#include "models/entities.h"
#include "storage/cache.h"
#include "storage/cachewriter.h"
#include "storage/database.h"
#include "storage/schema.h"
#include "storage/snapshot.h"
#include "sync/syncclient.h"
#include "tests/bench/benchutil.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Clearway;
using Bench::medianOf;

namespace {

void removeDatabase(const QString &path)
{
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(path + QString::fromLatin1(suffix));
}

qint64 count(QSqlDatabase db, const QString &sql)
{
    QSqlQuery q(db);
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

struct RawResult
{
    double insertMs = 0; // rows only
    double usableMs = 0; // rows, then what the copy builds before the officer can work
    double totalMs = 0;  // rows, then every index and the full text
};

// The same rows into the same schema with nothing between them: one transaction of INSERT ...
// SELECT per table, secondary structures dropped before and built after (as the copy does).
RawResult rawBulkInsert(const QString &serverDb, const QString &path)
{
    removeDatabase(path);
    Storage::Connection c;
    if (!c.open(path, QStringLiteral("raw"), true).ok())
        return {};
    QSqlDatabase db = c.database();
    QString error;
    QElapsedTimer t;
    t.start();
    auto run = [&](const QString &sql) {
        QSqlQuery q(db);
        if (!q.exec(sql))
            std::fprintf(stderr, "raw: %s: %s\n", qPrintable(sql.left(80)), qPrintable(q.lastError().text()));
    };
    run(QStringLiteral("ATTACH DATABASE '%1' AS server").arg(serverDb));
    Storage::beginImmediate(db, &error);
    for (const QString &sql : Storage::secondaryStructuresDrop())
        run(sql);
    for (const Storage::SnapshotTable &table : Storage::snapshotTables()) {
        const QString columns = Storage::tableColumns(db, table.name, &error).join(QLatin1Char(','));
        run(QStringLiteral("INSERT INTO main.%1 (%2) SELECT %2 FROM server.%1").arg(table.name, columns));
    }
    RawResult r;
    r.insertMs = t.nsecsElapsed() / 1e6;
    for (const QString &sql : Storage::bulkLoadFinishRestLater())
        run(sql);
    r.usableMs = t.nsecsElapsed() / 1e6;
    // ... and the rest, in one go.
    for (const QString &index : Storage::deferredQueueIndexes())
        run(Storage::queueIndexCreate(index));
    for (const QString &sql : Storage::fullTextRebuild() + Storage::statisticsRefresh())
        run(sql);
    run(QStringLiteral("DELETE FROM meta WHERE key = '%1' OR key LIKE 'search_pending:%'").arg(QLatin1String(Storage::kIndexesPendingKey)));
    Storage::commit(db, &error);
    r.totalMs = t.nsecsElapsed() / 1e6;
    run(QStringLiteral("DETACH DATABASE server"));
    return r;
}

struct SyncResult
{
    bool ok = false;
    double rowsMs = 0;   // until the last page's rows arrived (before the final index build)
    double usableMs = 0; // until the copy was complete and the officer could work (snapshotFinished)
    double totalMs = 0;  // until the background indexing was complete: every index, and searchable
    double longestStepMs = 0; // the longest the writer was busy with one background step
    double worstStallMs = 0;
    qint64 rows = 0;
    qint64 pages = 0;
};

SyncResult syncOnce(const QUrl &url, const QString &path)
{
    removeDatabase(path);
    SyncResult r;
    Storage::Cache cache;
    if (!cache.open(path).ok())
        return r;
    Sync::SyncClient sync(cache.writer());
    QElapsedTimer t, sinceTick;
    QTimer ticker;
    ticker.setInterval(5);
    QObject::connect(&ticker, &QTimer::timeout, &ticker, [&] {
        r.worstStallMs = std::max(r.worstStallMs, sinceTick.nsecsElapsed() / 1e6 - 5);
        sinceTick.restart();
    });
    qint64 lastDone = 0;
    QObject::connect(&sync, &Sync::SyncClient::snapshotProgress, &ticker, [&](qint64 done, qint64 total) {
        ++r.pages;
        // The final page's signal comes after the indexes are built; the one before it marks the
        // rows (all but one page) as written.
        if (done < total)
            r.rowsMs = t.nsecsElapsed() / 1e6;
        lastDone = done;
    });
    QEventLoop loop;
    QObject::connect(&sync, &Sync::SyncClient::snapshotFinished, &loop, [&] { r.usableMs = t.nsecsElapsed() / 1e6; });
    double lastStep = 0;
    QObject::connect(cache.writer(), &Storage::CacheWriter::backgroundIndexProgress, &loop, [&](qint64 done, qint64 total) {
        // Steps follow each other at once while nothing else waits: the time between two signals
        // is about one step's.
        const double now = t.nsecsElapsed() / 1e6;
        r.longestStepMs = std::max(r.longestStepMs, now - std::max(lastStep, r.usableMs));
        lastStep = now;
        if (done == total) {
            r.totalMs = now;
            r.ok = r.usableMs > 0;
            loop.quit();
        }
    });
    QTimer::singleShot(15 * 60 * 1000, &loop, &QEventLoop::quit);
    t.start();
    sinceTick.start();
    ticker.start();
    sync.start(url, QStringLiteral("wang.jianguo"), QStringLiteral("clearway-demo"));
    loop.exec();
    ticker.stop();
    sync.stop();
    r.rows = lastDone;
    return r;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption sizeOption(QStringLiteral("declarations"), QStringLiteral("Declarations on the server."), QStringLiteral("n"),
                                        QStringLiteral("1000000"));
    const QCommandLineOption dbOption(QStringLiteral("server-db"), QStringLiteral("An existing server database."), QStringLiteral("path"));
    const QCommandLineOption repeatOption(QStringLiteral("repeat"), QStringLiteral("Repetitions."), QStringLiteral("n"), QStringLiteral("3"));
    parser.addHelpOption();
    const QCommandLineOption everythingOption(QStringLiteral("everything"), QStringLiteral("Copy as an account granted scope.all."));
    parser.addOptions({sizeOption, dbOption, repeatOption, everythingOption});
    parser.process(app);

    const QString buildDir = QDir(QCoreApplication::applicationDirPath()).absoluteFilePath(QStringLiteral("../.."));
    const QString serverExe = QDir(buildDir).absoluteFilePath(QStringLiteral("app/clearway-server"));
    QString serverDb = parser.value(dbOption);
    if (serverDb.isEmpty()) {
        serverDb = QDir(buildDir).absoluteFilePath(QStringLiteral("bench-data/server-%1.sqlite").arg(parser.value(sizeOption)));
        if (!Bench::makeOnce(serverDb, serverExe, {QStringLiteral("seed-demo"), parser.value(sizeOption), QStringLiteral("--database"), serverDb}))
            return 1;
    }
    qint64 declarations = 0, rows = 0;
    {
        Storage::Connection c;
        if (!c.open(serverDb, QStringLiteral("count"), false).ok())
            return 1;
        declarations = count(c.database(), QStringLiteral("SELECT count(*) FROM declarations"));
        for (const Storage::SnapshotTable &t : Storage::snapshotTables())
            rows += count(c.database(), QStringLiteral("SELECT count(*) FROM %1").arg(t.name));
    }
    std::printf("server %s: %lld declarations, %lld rows in the copied tables, %.0f MB\n", qPrintable(serverDb),
                static_cast<long long>(declarations), static_cast<long long>(rows), QFileInfo(serverDb).size() / 1e6);

    // What wang.jianguo may keep: his office's work, or with --everything every office's.
    {
        QProcess grant;
        grant.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        grant.start(serverExe, {QStringLiteral("add-user"), QStringLiteral("--database"), serverDb, QStringLiteral("--id"), QStringLiteral("wang.jianguo"),
                                QStringLiteral("--name"), QStringLiteral("王建国"), QStringLiteral("--office"), QStringLiteral("5141"), QStringLiteral("--roles"),
                                QStringLiteral("window"), QStringLiteral("--permissions"),
                                parser.isSet(everythingOption) ? QString::fromLatin1(Models::kAllOfficesPermission) : QString(),
                                QStringLiteral("--password-stdin")});
        grant.write("clearway-demo\n");
        grant.closeWriteChannel();
        if (!grant.waitForFinished(60000) || grant.exitCode() != 0)
            return 1;
    }
    std::printf("the desk keeps %s\n", parser.isSet(everythingOption) ? "every office's work (scope.all)" : "office 5141's work (an officer's desk)");

    QProcess server;
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    server.start(serverExe, {QStringLiteral("serve"), QStringLiteral("--database"), serverDb, QStringLiteral("--port"), QStringLiteral("0"),
                             QStringLiteral("--insecure")});
    if (!server.waitForReadyRead(30000))
        return 1;
    const QByteArray line = server.readLine().trimmed();
    const QUrl url(QStringLiteral("ws://127.0.0.1:%1/sync").arg(QString::fromLatin1(line.mid(line.lastIndexOf(':') + 1))));

    const QString scratch = QDir(buildDir).absoluteFilePath(QStringLiteral("bench-data/sync-target.sqlite"));
    QList<double> rawInsert, rawUsable, rawTotal, rowsMs, usableMs, totalMs, stepMs, stall;
    const int repeat = std::max(1, parser.value(repeatOption).toInt());
    for (int i = 0; i < repeat; ++i) {
        const RawResult raw = rawBulkInsert(serverDb, scratch);
        rawInsert << raw.insertMs;
        rawUsable << raw.usableMs;
        rawTotal << raw.totalMs;
        const SyncResult s = syncOnce(url, scratch);
        if (!s.ok) {
            std::fprintf(stderr, "the copy did not finish\n");
            return 1;
        }
        rowsMs << s.rowsMs;
        usableMs << s.usableMs;
        totalMs << s.totalMs;
        stepMs << s.longestStepMs;
        stall << s.worstStallMs;
        std::printf("run %d: usable %.1f s (rows %.1f s, %lld pages), indexed %.1f s (longest step %.0f ms); raw insert %.1f s, "
                    "+ usable %.1f s, + everything %.1f s; worst GUI stall %.1f ms\n",
                    i + 1, s.usableMs / 1000, s.rowsMs / 1000, static_cast<long long>(s.pages), s.totalMs / 1000, s.longestStepMs,
                    raw.insertMs / 1000, raw.usableMs / 1000, raw.totalMs / 1000, s.worstStallMs);
        std::fflush(stdout);
    }
    server.terminate();
    server.waitForFinished(10000);
    removeDatabase(scratch);

    const double usable = medianOf(usableMs), total = medianOf(totalMs), rowsPhase = medianOf(rowsMs);
    std::printf("initial sync, usable copy (rows, open-work indexes, statistics)\n"
                "                                            median %8.1f s   %9.0f declarations/s %9.0f rows/s   target >= 100,000 rows/s\n",
                usable / 1000, declarations / (usable / 1000), rows / (usable / 1000));
    std::printf("  raw bulk insert + the same indexes        median %8.1f s   ratio %5.2fx   target <= 3x\n", medianOf(rawUsable) / 1000,
                usable / medianOf(rawUsable));
    std::printf("initial sync, rows phase                    median %8.1f s   %9.0f rows/s\n", rowsPhase / 1000, rows / (rowsPhase / 1000));
    std::printf("  raw bulk insert, rows only                median %8.1f s   ratio %5.2fx\n", medianOf(rawInsert) / 1000,
                rowsPhase / medianOf(rawInsert));
    std::printf("background indexing done (every index, searchable)\n"
                "                                            median %8.1f s   %9.0f rows/s   longest step median %.0f ms\n",
                total / 1000, rows / (total / 1000), medianOf(stepMs));
    std::printf("  raw bulk insert + every index, full text  median %8.1f s   ratio %5.2fx\n", medianOf(rawTotal) / 1000, total / medianOf(rawTotal));
    std::printf("worst GUI-thread stall during the copy      median %8.1f ms  worst %.1f ms   target <= 50 ms\n", medianOf(stall),
                *std::max_element(stall.begin(), stall.end()));
    return 0;
}
