// Propagation benchmark: how long an officer's command on workstation A takes to show in
// workstation B's queue, through a real clearway-server on loopback, while workstation C sends
// background commands at a steady rate. Measured from A's click (the command handed to A's cache
// writer) to B's queue model showing the item's new state (B's cache written and its queue page
// read again). Baseline in the same run: the same with no background load.
//
//   bench_latency [--samples N] [--load R]   (R background commands a second, default 200)
#include "storage/cache.h"
#include "storage/cachereader.h"
#include "storage/cachewriter.h"
#include "storage/queuemodel.h"
#include "storage/queuespec.h"
#include "sync/syncclient.h"
#include "tests/bench/benchutil.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>

using namespace Clearway;
using Bench::percentile;

namespace {

struct Desk
{
    Models::Officer officer;
    std::unique_ptr<Storage::Cache> cache;
    std::unique_ptr<Sync::SyncClient> sync;
};

bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    return done();
}

Models::Command declarationCommand(qint64 item, const char *name)
{
    Models::Command c;
    c.kind = Models::WorkKind::Declaration;
    c.itemId = item;
    c.name = QString::fromLatin1(name);
    return c;
}

// Claims and puts back `item` on `desk` alternately: every command is accepted by the lifecycle.
void toggle(Desk &desk, qint64 item, bool claim) { desk.cache->writer()->apply(declarationCommand(item, claim ? "claim" : "unclaim"), desk.officer); }

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption samplesOption(QStringLiteral("samples"), QStringLiteral("Commands measured per run."), QStringLiteral("n"),
                                           QStringLiteral("200"));
    const QCommandLineOption loadOption(QStringLiteral("load"), QStringLiteral("Background commands a second."), QStringLiteral("n"),
                                        QStringLiteral("200"));
    parser.addHelpOption();
    parser.addOptions({samplesOption, loadOption});
    parser.process(app);
    const int samples = std::max(10, parser.value(samplesOption).toInt());
    const int load = std::max(1, parser.value(loadOption).toInt());

    const QString buildDir = QDir(QCoreApplication::applicationDirPath()).absoluteFilePath(QStringLiteral("../.."));
    const QString serverExe = QDir(buildDir).absoluteFilePath(QStringLiteral("app/clearway-server"));
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("server.sqlite"));
    if (QProcess::execute(serverExe, {QStringLiteral("seed-demo"), QStringLiteral("20000"), QStringLiteral("--database"), db}) != 0)
        return 1;
    QList<qint64> items; // declarations waiting in the shared queue: A's first, then C's
    {
        Storage::Connection c;
        if (!c.open(db, QStringLiteral("items"), false).ok())
            return 1;
        QSqlQuery q(c.database());
        q.exec(QStringLiteral("SELECT id FROM declarations WHERE state = 'received' AND assignee = '' ORDER BY id LIMIT 101"));
        while (q.next())
            items << q.value(0).toLongLong();
    }
    if (items.size() < 101)
        return 1;

    QProcess server;
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    server.start(serverExe, {QStringLiteral("serve"), QStringLiteral("--database"), db, QStringLiteral("--port"), QStringLiteral("0"),
                             QStringLiteral("--insecure")});
    if (!server.waitForReadyRead(30000))
        return 1;
    const QByteArray line = server.readLine().trimmed();
    const QUrl url(QStringLiteral("ws://127.0.0.1:%1/sync").arg(QString::fromLatin1(line.mid(line.lastIndexOf(':') + 1))));

    const QString office = QStringLiteral("5141");
    Desk desks[3] = {{{QStringLiteral("wang.jianguo"), {}, office, Models::Role::WindowOfficer}, {}, {}},
                     {{QStringLiteral("li.na"), {}, office, Models::Role::WindowOfficer}, {}, {}},
                     {{QStringLiteral("zhang.wei"), {}, office, Models::Role::WindowOfficer}, {}, {}}};
    int followingCount = 0;
    for (Desk &d : desks) {
        d.cache = std::make_unique<Storage::Cache>();
        if (!d.cache->open(dir.filePath(d.officer.id + QStringLiteral(".sqlite"))).ok())
            return 1;
        d.sync = std::make_unique<Sync::SyncClient>(d.cache->writer());
        QObject::connect(d.sync.get(), &Sync::SyncClient::following, &app, [&followingCount] { ++followingCount; });
        d.sync->start(url, d.officer.id, QStringLiteral("clearway-demo"));
    }
    if (!waitFor([&] { return followingCount >= 3; }, 120000)) {
        std::fprintf(stderr, "the desks did not sync\n");
        return 1;
    }
    Desk &a = desks[0], &b = desks[1], &c = desks[2];

    // B's queue: the shared queue and A's claims leave it and come back.
    Storage::QueueModel model(b.cache->connectionName(), b.cache->reader(), b.cache->officerNames());
    const Storage::QueueSpec &spec = Storage::QueueSpec::of(Models::WorkKind::Declaration);
    Storage::QueueFilter filter;
    filter.scope = Storage::Scope::Open;
    model.setQuery(Models::WorkKind::Declaration, filter, spec.defaultSortColumn, Qt::AscendingOrder);
    const qint64 item = items.first();
    QSqlDatabase bDb = QSqlDatabase::database(b.cache->connectionName(), false);
    auto assigneeAtB = [&] {
        QSqlQuery q(bDb);
        q.exec(QStringLiteral("SELECT assignee FROM declarations WHERE id = %1").arg(item));
        return q.next() ? q.value(0).toString() : QString();
    };

    auto run = [&](bool withLoad) {
        QTimer background;
        int next = 0;
        QHash<qint64, bool> claimed;
        QObject::connect(&background, &QTimer::timeout, &app, [&] {
            const qint64 id = items.at(1 + next++ % 100);
            toggle(c, id, !claimed.value(id));
            claimed[id] = !claimed.value(id);
        });
        if (withLoad)
            background.start(1000 / load);
        QList<double> latencies;
        bool claim = true;
        for (int i = 0; i < samples; ++i) {
            const QString expected = claim ? a.officer.id : QString();
            QEventLoop loop;
            QElapsedTimer t;
            bool seen = false;
            // B shows it when its cache holds the change and its queue page, read again, does.
            QObject::connect(b.cache->writer(), &Storage::CacheWriter::changesApplied, &loop, [&] {
                if (seen || assigneeAtB() != expected)
                    return;
                seen = true;
                model.refresh();
                latencies << t.nsecsElapsed() / 1e6;
                loop.quit();
            });
            QTimer::singleShot(5000, &loop, &QEventLoop::quit);
            t.start();
            toggle(a, item, claim);
            loop.exec();
            claim = !claim;
            QEventLoop pause; // a command from A every ~20 ms
            QTimer::singleShot(20, &pause, &QEventLoop::quit);
            pause.exec();
        }
        background.stop();
        return latencies;
    };

    const QList<double> quiet = run(false);
    const QList<double> loaded = run(true);
    std::printf("command on A shown in B's queue, no load        p50 %7.2f ms   p99 %7.2f ms   (%lld of %d seen)\n", percentile(quiet, 0.5),
                percentile(quiet, 0.99), static_cast<long long>(quiet.size()), samples);
    std::printf("same, with %d background commands/s from C     p50 %7.2f ms   p99 %7.2f ms   (%lld of %d seen)   target p50 <= 10 ms, p99 <= 50 ms\n",
                load, percentile(loaded, 0.5), percentile(loaded, 0.99), static_cast<long long>(loaded.size()), samples);
    for (Desk &d : desks)
        d.sync->stop();
    server.terminate();
    server.waitForFinished(10000);
    return 0;
}
