// Batch decision benchmark: one window officer releases N e-commerce manifests in one action
// (CacheWriter::applyBatch) on a workstation, through a real clearway-server on 127.0.0.1, until
// every command is acknowledged (the outbox is empty) and a second workstation's cache shows all
// N released. Each manifest is checked on both sides (three documents, the buyer's quota). The
// baseline, measured in the same run, is the raw SQLite UPDATE of the same rows in a copy of the
// database the run started from (the cache schema's tables, indexes and triggers), in one transaction.
//
//   bench_batch [--manifests N] [--repeat R]
#include "models/ecommerce.h"
#include "storage/cache.h"
#include "storage/cachewriter.h"
#include "storage/database.h"
#include "sync/syncclient.h"
#include "tests/bench/benchutil.h"
#include "tests/common/manifestfixture.h"
#include "tests/common/syncharness.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cstdio>

using namespace Clearway;
using Bench::medianOf;

namespace {

// N manifests under wang.jianguo's review, each of its own buyer, documents in agreement.
QString writeManifests(const QString &path, int n)
{
    QList<Tests::FixtureManifest> manifests;
    for (int id = 1; id <= n; ++id)
        manifests.append({id, QStringLiteral("under_review"), QStringLiteral("wang.jianguo"), QStringLiteral("买家%1").arg(id),
                          QStringLiteral("4401031985%1").arg(id, 8, 10, QLatin1Char('0')), 10000 + (id % 400) * 1000, -1, {}, 0});
    return Tests::writeManifests(path, manifests);
}

struct Run
{
    double storedMs = 0;  // every command decided and stored on the first workstation
    double ackedMs = 0;   // ... and acknowledged by the server (outbox empty)
    double visibleMs = 0; // ... and released in the second workstation's cache
    double rawMs = 0;     // baseline: the raw UPDATE of the same rows
    int done = 0;
};

// Waits in the event loop (asleep between events, so the measured processes have the cores).
bool waitFor(const std::function<bool()> &condition, int timeoutMs) { return QTest::qWaitFor(condition, timeoutMs); }

std::optional<Run> runOnce(const QString &templateDb, int n, const QString &dir)
{
    const QString db = dir + QStringLiteral("/server.sqlite");
    if (!QFile::copy(templateDb, db))
        return std::nullopt;
    Tests::ServerProcess server;
    QString error;
    if (!server.start(db, &error)) {
        std::fprintf(stderr, "server: %s\n", qPrintable(error));
        return std::nullopt;
    }
    Tests::Desk a, b;
    if (!a.open(dir + QStringLiteral("/a.sqlite"), 0, QDateTime::currentDateTime(), &error)
        || !b.open(dir + QStringLiteral("/b.sqlite"), 0, QDateTime::currentDateTime(), &error)) {
        std::fprintf(stderr, "desk: %s\n", qPrintable(error));
        return std::nullopt;
    }
    QSignalSpy aCopied(a.cache->writer(), &Storage::CacheWriter::snapshotFinished);
    QSignalSpy bCopied(b.cache->writer(), &Storage::CacheWriter::snapshotFinished);
    a.start(server.url(), Tests::officerWang());
    b.start(server.url(), Tests::officerLi());
    if (!waitFor([&] { return aCopied.size() == 1 && bCopied.size() == 1; }, 120000)) {
        std::fprintf(stderr, "the initial copies did not finish\n");
        return std::nullopt;
    }
    waitFor([] { return false; }, 300); // settle: subscriptions, first pushes

    QList<Models::Command> commands;
    for (int id = 1; id <= n; ++id) {
        Models::Command c;
        c.kind = Models::WorkKind::Manifest;
        c.itemId = id;
        c.name = QStringLiteral("release");
        commands << c;
    }
    QSignalSpy finished(a.cache->writer(), &Storage::CacheWriter::batchFinished);
    Run r;
    int released = 0;
    QObject::connect(b.cache->writer(), &Storage::CacheWriter::changesApplied, b.cache.get(), [&] {
        released = b.value(QStringLiteral("SELECT count(*) FROM manifests WHERE state = 'released'")).toInt();
    });
    QElapsedTimer t;
    t.start();
    a.cache->writer()->applyBatch(commands, Tests::officerWang());
    if (!waitFor([&] { return finished.size() == 1; }, 120000))
        return std::nullopt;
    r.storedMs = t.nsecsElapsed() / 1e6;
    r.done = finished.constFirst().constFirst().value<Storage::BatchOutcome>().done;
    if (!waitFor([&] { return a.outboxSize() == 0; }, 120000)) {
        std::fprintf(stderr, "not all acknowledged: %lld left\n", static_cast<long long>(a.outboxSize()));
        return std::nullopt;
    }
    r.ackedMs = t.nsecsElapsed() / 1e6;
    if (!waitFor([&] { return released == n; }, 120000)) {
        std::fprintf(stderr, "the second desk shows %d of %d released\n", released, n);
        return std::nullopt;
    }
    r.visibleMs = t.nsecsElapsed() / 1e6;
    a.sync.reset();
    b.sync.reset();
    server.stop();

    // Baseline: the same rows' state changed by one raw UPDATE, in a copy of the database the run
    // started from (the cache's tables, indexes and triggers).
    const QString raw = dir + QStringLiteral("/raw.sqlite");
    QFile::copy(templateDb, raw);
    {
        Storage::Connection c;
        if (!c.open(raw, QStringLiteral("raw"), true).ok())
            return std::nullopt;
        QSqlDatabase rdb = c.database();
        QElapsedTimer u;
        u.start();
        Storage::beginImmediate(rdb, &error);
        QSqlQuery q(rdb);
        if (!q.exec(QStringLiteral("UPDATE manifests SET state = 'released', version = version + 1, updated_at = %1 WHERE id <= %2")
                        .arg(QDateTime::currentSecsSinceEpoch())
                        .arg(n)))
            std::fprintf(stderr, "raw: %s\n", qPrintable(q.lastError().text()));
        Storage::commit(rdb, &error);
        r.rawMs = u.nsecsElapsed() / 1e6;
    }
    return r;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Batch release of N manifests, acknowledged and seen on a second desk."));
    parser.addHelpOption();
    const QCommandLineOption sizeOption(QStringLiteral("manifests"), QStringLiteral("Manifests in the batch."), QStringLiteral("n"),
                                        QStringLiteral("10000"));
    const QCommandLineOption repeatOption(QStringLiteral("repeat"), QStringLiteral("Runs."), QStringLiteral("r"), QStringLiteral("3"));
    parser.addOptions({sizeOption, repeatOption});
    parser.process(app);
    const int n = parser.value(sizeOption).toInt();
    const int repeat = std::max(1, parser.value(repeatOption).toInt());

    QTemporaryDir dir;
    const QString templateDb = dir.filePath(QStringLiteral("template.sqlite"));
    QString error = Tests::createServerDatabase(templateDb, 10, QDateTime::currentDateTime());
    if (error.isEmpty())
        error = writeManifests(templateDb, n);
    if (!error.isEmpty()) {
        std::fprintf(stderr, "server database: %s\n", qPrintable(error));
        return 1;
    }
    QList<double> stored, acked, visible, raw;
    for (int i = 0; i < repeat; ++i) {
        QTemporaryDir runDir;
        const std::optional<Run> r = runOnce(templateDb, n, runDir.path());
        if (!r || r->done != n) {
            std::fprintf(stderr, "run %d failed\n", i + 1);
            return 1;
        }
        std::printf("run %d: stored %.0f ms, acknowledged %.0f ms, visible on the second desk %.0f ms; raw UPDATE %.1f ms\n", i + 1,
                    r->storedMs, r->ackedMs, r->visibleMs, r->rawMs);
        std::fflush(stdout);
        stored << r->storedMs;
        acked << r->ackedMs;
        visible << r->visibleMs;
        raw << r->rawMs;
    }
    const double v = medianOf(visible), b = medianOf(raw);
    std::printf("batch release of %d manifests, median of %d: stored %.0f ms, acknowledged %.0f ms, visible on the second desk %.0f ms "
                "(%.0f a second); raw UPDATE baseline %.1f ms; ratio %.0fx; target 10000 ms: %s\n",
                n, repeat, medianOf(stored), medianOf(acked), v, n / (v / 1000.0), b, v / b, v <= 10000 ? "met" : "missed");
    return 0;
}
