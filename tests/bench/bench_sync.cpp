// Initial sync benchmark: a fresh workstation copies a server holding N declarations (and the
// other kinds in proportion) through a real clearway-server process on loopback. The baseline,
// measured in the same run, is a raw SQLite bulk insert of the same rows into the same schema
// (INSERT ... SELECT from the server's file), with and without building the indexes and the
// full-text search that the copy also builds. While the copy runs, a timer on this thread (the
// GUI thread of a workstation: the sync client and page checks live there) measures its longest
// stall.
//
//   bench_sync [--declarations N] [--server-db PATH] [--repeat R]
//
// Without --server-db it makes (once) build/bench-data/server-N.sqlite with clearway-server seed-demo.
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
    double totalMs = 0;  // rows, then full-text and indexes built as the copy does
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
    for (const QString &sql : Storage::bulkLoadFinish())
        run(sql);
    Storage::commit(db, &error);
    r.totalMs = t.nsecsElapsed() / 1e6;
    run(QStringLiteral("DETACH DATABASE server"));
    return r;
}

struct SyncResult
{
    bool ok = false;
    double rowsMs = 0;  // until the last page's rows arrived (before the final index build)
    double totalMs = 0; // until the cache was complete and searchable
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
    QObject::connect(&sync, &Sync::SyncClient::snapshotFinished, &loop, [&] {
        r.totalMs = t.nsecsElapsed() / 1e6;
        r.ok = true;
        loop.quit();
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
    parser.addOptions({sizeOption, dbOption, repeatOption});
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

    QProcess server;
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    server.start(serverExe, {QStringLiteral("serve"), QStringLiteral("--database"), serverDb, QStringLiteral("--port"), QStringLiteral("0"),
                             QStringLiteral("--insecure")});
    if (!server.waitForReadyRead(30000))
        return 1;
    const QByteArray line = server.readLine().trimmed();
    const QUrl url(QStringLiteral("ws://127.0.0.1:%1/sync").arg(QString::fromLatin1(line.mid(line.lastIndexOf(':') + 1))));

    const QString scratch = QDir(buildDir).absoluteFilePath(QStringLiteral("bench-data/sync-target.sqlite"));
    QList<double> rawInsert, rawTotal, rowsMs, totalMs, stall;
    const int repeat = std::max(1, parser.value(repeatOption).toInt());
    for (int i = 0; i < repeat; ++i) {
        const RawResult raw = rawBulkInsert(serverDb, scratch);
        rawInsert << raw.insertMs;
        rawTotal << raw.totalMs;
        const SyncResult s = syncOnce(url, scratch);
        if (!s.ok) {
            std::fprintf(stderr, "the copy did not finish\n");
            return 1;
        }
        rowsMs << s.rowsMs;
        totalMs << s.totalMs;
        stall << s.worstStallMs;
        std::printf("run %d: copy %.1f s (rows %.1f s, %lld pages), raw insert %.1f s (with full text and indexes %.1f s), worst GUI stall %.1f ms\n",
                    i + 1, s.totalMs / 1000, s.rowsMs / 1000, static_cast<long long>(s.pages), raw.insertMs / 1000, raw.totalMs / 1000,
                    s.worstStallMs);
        std::fflush(stdout);
    }
    server.terminate();
    server.waitForFinished(10000);
    removeDatabase(scratch);

    const double total = medianOf(totalMs), rawAll = medianOf(rawTotal), rowsPhase = medianOf(rowsMs), rawRows = medianOf(rawInsert);
    std::printf("initial sync, whole copy (searchable)       median %8.1f s   %9.0f declarations/s %9.0f rows/s   target >= 100,000 rows/s\n",
                total / 1000, declarations / (total / 1000), rows / (total / 1000));
    std::printf("  raw bulk insert + full text + indexes     median %8.1f s   ratio %5.2fx   target <= 3x\n", rawAll / 1000, total / rawAll);
    std::printf("initial sync, rows phase                    median %8.1f s   %9.0f rows/s\n", rowsPhase / 1000, rows / (rowsPhase / 1000));
    std::printf("  raw bulk insert, rows only                median %8.1f s   ratio %5.2fx\n", rawRows / 1000, rowsPhase / rawRows);
    std::printf("worst GUI-thread stall during the copy      median %8.1f ms  worst %.1f ms   target <= 50 ms\n", medianOf(stall),
                *std::max_element(stall.begin(), stall.end()));
    return 0;
}
