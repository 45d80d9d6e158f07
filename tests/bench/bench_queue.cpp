// Queue benchmark: the declarations queue over a cache of 1,000,000 declarations, each figure
// against the raw SQL for the same page measured in the same run.
//
//   bench_queue [--cache PATH] [--declarations N] [--repeat R]
//
// Without --cache it makes (once) build/bench-data/cache-N.sqlite with clearway-demo.
#include "models/lifecycle.h"
#include "tests/bench/benchutil.h"
#include "storage/cache.h"
#include "storage/cachereader.h"
#include "storage/queuemodel.h"
#include "ui/mainwindow.h"
#include "ui/queuepage.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QScrollBar>
#include <QSqlQuery>
#include <QTableView>
#include <QThread>
#include <QTreeWidget>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace Clearway;
using Bench::medianOf;
using Storage::QueueModel;

namespace {

constexpr int kVisibleRows = 40; // what a 1080p window shows

double timeMs(const std::function<void()> &fn)
{
    QElapsedTimer t;
    t.start();
    fn();
    return t.nsecsElapsed() / 1e6;
}

// Peak resident memory of this process, from the kernel.
qint64 peakRssKb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

void line(const char *what, double value, double baseline, const char *target)
{
    if (baseline > 0)
        std::printf("%-44s median %8.2f ms   raw SQL %7.2f ms   ratio %5.2fx   target %s\n", what, value, baseline, value / baseline, target);
    else
        std::printf("%-44s median %8.2f ms   target %s\n", what, value, target);
    std::fflush(stdout);
}

// Reads what the view would show: every column of the visible rows, as text.
void touchRows(QueueModel &model, int first)
{
    const int last = std::min(model.rowCount(), first + kVisibleRows);
    for (int r = first; r < last; ++r) {
        for (int c = 0; c < model.columnCount(); ++c)
            (void)model.index(r, c).data();
    }
}

// The raw query the model issues for a page, executed and fully read.
double rawPage(QSqlDatabase db, const Storage::QueueSpec &spec, const Storage::QueueFilter &filter, int column, Qt::SortOrder order,
               bool reversed)
{
    const Storage::SqlWhere where = Storage::buildWhere(spec, filter, Storage::chooseSearchPlan(db, spec, filter, column, order));
    QStringList cols = {QStringLiteral("id"), QStringLiteral("deadline"), QStringLiteral("pending"), QStringLiteral("version"),
                        QStringLiteral("state"), QStringLiteral("assignee")};
    for (const Storage::FieldSpec &f : spec.columns)
        cols << f.sql;
    const QString sql = QStringLiteral("SELECT ") + cols.join(QLatin1String(", ")) + QStringLiteral(" FROM ") + spec.table + QLatin1Char(' ')
        + where.clause + QLatin1Char(' ') + Storage::buildOrderBy(spec, column, order, reversed) + QStringLiteral(" LIMIT 256 OFFSET 0");
    return timeMs([&] {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(sql);
        for (const QVariant &v : where.binds)
            q.addBindValue(v);
        q.exec();
        while (q.next()) {
            for (int i = 0; i < cols.size(); ++i)
                (void)q.value(i);
        }
    });
}

const char *planName(Storage::SearchPlan plan)
{
    switch (plan) {
    case Storage::SearchPlan::HitsFirst:
        return "hits first";
    case Storage::SearchPlan::WalkTestingHits:
        return "walk, test hits";
    case Storage::SearchPlan::WalkTestingText:
        return "walk, test text";
    }
    return "?";
}

void waitForCount(QueueModel &model)
{
    QElapsedTimer t;
    t.start();
    while (!model.isCountExact() && t.elapsed() < 30000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
}

// Starts clearway on the cache and returns the first-paint figure it prints, or -1.
double startClearway(const QString &exe, const QStringList &args, double *wallMs)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QElapsedTimer t;
    t.start();
    p.start(exe, args);
    if (!p.waitForFinished(60000))
        return -1;
    *wallMs = t.nsecsElapsed() / 1e6;
    const QByteArray out = p.readAllStandardOutput();
    const int at = out.indexOf("first-paint-ms ");
    return at < 0 ? -1 : out.mid(at + 15).trimmed().split('\n').first().toDouble();
}

// Runs in a child process: the real main window walks the queue the way an officer would, then
// prints the peak memory.
int walk(const QString &path)
{
    Storage::Cache cache;
    if (!cache.open(path).ok())
        return 1;
    Models::Officer officer;
    for (const Models::Officer &o : cache.officers()) {
        if (o.id == QLatin1String("wang.jianguo"))
            officer = o;
    }
    Ui::MainWindow window(&cache, officer);
    window.show();
    window.startBackgroundChecks();
    QTreeWidget *nav = window.navigation();
    nav->setCurrentItem(nav->topLevelItem(0)->child(3)); // all open
    QueueModel *model = window.queuePage()->model();
    QTableView *table = window.queuePage()->table();
    waitForCount(*model);
    for (int c = 0; c < model->columnCount(); ++c) {
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            table->sortByColumn(c, order);
            waitForCount(*model);
            // Scroll through the whole queue in big steps, painting as we go.
            QScrollBar *bar = table->verticalScrollBar();
            for (int step = 0; step <= 20; ++step) {
                bar->setValue(bar->maximum() * step / 20);
                QCoreApplication::processEvents();
                table->viewport()->repaint();
            }
        }
    }
    std::printf("walk-peak-rss-kb %lld\n", static_cast<long long>(peakRssKb()));
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption cacheOption(QStringLiteral("cache"), QStringLiteral("Cache to measure."), QStringLiteral("path"));
    const QCommandLineOption sizeOption(QStringLiteral("declarations"), QStringLiteral("Declarations in a generated cache."),
                                        QStringLiteral("n"), QStringLiteral("1000000"));
    const QCommandLineOption repeatOption(QStringLiteral("repeat"), QStringLiteral("Repetitions per figure."), QStringLiteral("n"),
                                          QStringLiteral("9"));
    const QCommandLineOption walkOption(QStringLiteral("walk"), QStringLiteral("Internal: the memory walk."));
    parser.addHelpOption();
    parser.addOptions({cacheOption, sizeOption, repeatOption, walkOption});
    parser.process(app);

    const QString buildDir = QDir(QCoreApplication::applicationDirPath()).absoluteFilePath(QStringLiteral("../.."));
    QString path = parser.value(cacheOption);
    if (path.isEmpty()) {
        path = QDir(buildDir).absoluteFilePath(QStringLiteral("bench-data/cache-%1.sqlite").arg(parser.value(sizeOption)));
        if (!Bench::makeOnce(path, QDir(buildDir).absoluteFilePath(QStringLiteral("demo/clearway-demo")),
                             {QStringLiteral("--cache"), path, QStringLiteral("--declarations"), parser.value(sizeOption)}))
            return 1;
    }
    if (parser.isSet(walkOption))
        return walk(path);

    const int repeat = std::max(1, parser.value(repeatOption).toInt());
    Storage::Cache cache;
    const Storage::OpenResult opened = cache.open(path);
    if (!opened.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.message));
        return 1;
    }
    QSqlDatabase db = QSqlDatabase::database(cache.connectionName(), false);
    {
        QSqlQuery q(db);
        q.exec(QStringLiteral("SELECT count(*) FROM declarations"));
        q.next();
        std::printf("cache %s: %lld declarations, %.0f MB\n", qPrintable(path), q.value(0).toLongLong(), QFileInfo(path).size() / 1e6);
    }
    const Storage::QueueSpec &spec = Storage::QueueSpec::of(Models::WorkKind::Declaration);
    const Storage::OfficerNames names = cache.officerNames();
    Storage::QueueFilter openFilter;
    openFilter.scope = Storage::Scope::Open;

    // 1. Open each queue the navigation offers (default sort) to the first page of rows.
    for (const auto &[scope, label] : {std::pair{Storage::Scope::Open, "open declarations queue (all open), first page"},
                                       std::pair{Storage::Scope::Unassigned, "  to claim (shared queue), first page"},
                                       std::pair{Storage::Scope::MyWork, "  my work, first page"},
                                       std::pair{Storage::Scope::Closed, "  closed, first page"}}) {
        Storage::QueueFilter filter = openFilter;
        filter.scope = scope;
        filter.officerId = QStringLiteral("wang.jianguo");
        QList<double> model, raw;
        for (int i = 0; i < repeat; ++i) {
            raw << rawPage(db, spec, filter, spec.defaultSortColumn, Qt::AscendingOrder, false);
            model << timeMs([&] {
                QueueModel m(cache.connectionName(), cache.reader(), names);
                m.setQuery(Models::WorkKind::Declaration, filter, spec.defaultSortColumn, Qt::AscendingOrder);
                touchRows(m, 0);
            });
        }
        line(label, medianOf(model), medianOf(raw), "<= 50 ms and <= 2x raw");
    }

    QueueModel m(cache.connectionName(), cache.reader(), names);
    m.setQuery(Models::WorkKind::Declaration, openFilter, spec.defaultSortColumn, Qt::AscendingOrder);
    waitForCount(m);

    // 2. Re-sort by every column, both directions.
    {
        QList<double> worstModel, worstRaw;
        for (int c = 0; c < spec.columns.size(); ++c) {
            for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
                QList<double> model, raw;
                for (int i = 0; i < repeat; ++i) {
                    raw << rawPage(db, spec, openFilter, c, order, false);
                    model << timeMs([&] {
                        m.sort(c, order);
                        touchRows(m, 0);
                    });
                    m.sort(spec.defaultSortColumn, Qt::AscendingOrder);
                }
                const QString label = QStringLiteral("  sort by %1 %2").arg(spec.columns.at(c).key, order == Qt::AscendingOrder ? QStringLiteral("asc") : QStringLiteral("desc"));
                line(qPrintable(label), medianOf(model), medianOf(raw), "<= 100 ms");
                worstModel << medianOf(model);
                worstRaw << medianOf(raw);
            }
        }
        std::printf("%-44s worst   %8.2f ms   (raw SQL worst %.2f ms)   target <= 100 ms\n", "re-sort, worst column",
                    *std::max_element(worstModel.begin(), worstModel.end()), *std::max_element(worstRaw.begin(), worstRaw.end()));
    }

    // 3. Free-text search to the first page.
    {
        QString enterprise, bill, entry, hs;
        QSqlQuery q(db);
        q.exec(QStringLiteral("SELECT enterprise_name, bill_no, number, substr(hs_codes, 1, 10) FROM declarations WHERE id = 777777 % (SELECT max(id) FROM declarations) + 1"));
        if (q.next()) {
            enterprise = q.value(0).toString();
            bill = q.value(1).toString();
            entry = q.value(2).toString();
            hs = q.value(3).toString();
        }
        q.finish();
        const QStringList terms = {entry, bill, bill.left(bill.size() - 3), enterprise, enterprise.mid(2, 4), hs, QStringLiteral("冻虾")};
        QList<double> all;
        for (const QString &term : terms) {
            Storage::QueueFilter f = openFilter;
            f.text = term;
            QList<double> model, raw;
            for (int i = 0; i < repeat; ++i) {
                raw << rawPage(db, spec, f, spec.defaultSortColumn, Qt::AscendingOrder, false);
                model << timeMs([&] {
                    m.setFilter(f);
                    touchRows(m, 0);
                });
            }
            waitForCount(m);
            const QString label = QStringLiteral("  search \"%1\" (%2 hits, %3)").arg(term).arg(m.rowCount()).arg(QLatin1String(planName(m.searchPlan())));
            line(qPrintable(label), medianOf(model), medianOf(raw), "<= 50 ms");
            all << medianOf(model);
        }
        std::printf("%-44s median  %8.2f ms   worst %.2f ms   target <= 50 ms\n", "free-text search, over the terms", medianOf(all),
                    *std::max_element(all.begin(), all.end()));

        // The same searches sorted by every column, both directions: the worst sort of each.
        QList<double> worstOfAll;
        for (const QString &term : terms) {
            Storage::QueueFilter f = openFilter;
            f.text = term;
            double worst = 0;
            QString worstSort;
            for (int c = 0; c < spec.columns.size(); ++c) {
                for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
                    QList<double> model;
                    for (int i = 0; i < repeat; ++i) {
                        model << timeMs([&] {
                            QueueModel sorted(cache.connectionName(), cache.reader(), names);
                            sorted.setQuery(Models::WorkKind::Declaration, f, c, order);
                            touchRows(sorted, 0);
                        });
                    }
                    if (medianOf(model) > worst) {
                        worst = medianOf(model);
                        worstSort = spec.columns.at(c).key + (order == Qt::AscendingOrder ? QStringLiteral(" asc") : QStringLiteral(" desc"));
                    }
                }
            }
            const QString label = QStringLiteral("  search \"%1\", worst sort (%2)").arg(term, worstSort);
            line(qPrintable(label), worst, 0, "<= 50 ms");
            worstOfAll << worst;
        }
        std::printf("%-44s worst   %8.2f ms   target <= 50 ms\n", "free-text search, any sort column",
                    *std::max_element(worstOfAll.begin(), worstOfAll.end()));
        m.setFilter(openFilter);
        waitForCount(m);
    }

    // 4. Jump to the last row (Ctrl+End), the count being known.
    {
        QList<double> model, raw, count;
        for (int i = 0; i < repeat; ++i) {
            raw << rawPage(db, spec, openFilter, spec.defaultSortColumn, Qt::AscendingOrder, true);
            count << timeMs([&] {
                m.refresh(); // drops the pages and counts again
                waitForCount(m);
            });
            model << timeMs([&] { touchRows(m, m.rowCount() - kVisibleRows); });
        }
        line("jump to the last row", medianOf(model), medianOf(raw), "<= 100 ms");
        line("  (background count of the open queue)", medianOf(count), 0, "off the GUI thread");
    }

    // 5. Start-up to the first painted queue, against a bare start of the same binary.
    const QString exe = QDir(buildDir).absoluteFilePath(QStringLiteral("app/clearway"));
    if (QFileInfo::exists(exe)) {
        QList<double> paint, wall, bare;
        for (int i = 0; i < std::min(repeat, 5); ++i) {
            double w = 0, b = 0;
            startClearway(exe, {QStringLiteral("--version")}, &b);
            paint << startClearway(exe, {QStringLiteral("--cache"), path, QStringLiteral("--officer"), QStringLiteral("wang.jianguo"),
                                         QStringLiteral("--quit-after-first-paint")},
                                   &w);
            wall << w;
            bare << b;
        }
        line("start clearway to the first painted queue", medianOf(paint), 0, "<= 1000 ms");
        line("  same, process wall time", medianOf(wall), medianOf(bare), "(baseline: clearway --version)");
    }

    // 6. Peak memory of the workstation walking the queue (child process).
    {
        QProcess child;
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--walk"), QStringLiteral("--cache"), path});
        child.waitForFinished(600000);
        const QByteArray out = child.readAllStandardOutput();
        const int at = out.indexOf("walk-peak-rss-kb ");
        const double mb = at < 0 ? -1 : out.mid(at + 17).trimmed().toDouble() / 1024.0;
        std::printf("%-44s peak    %8.1f MB   target <= 250 MB\n", "workstation memory: sort x2 every column, scroll", mb);
    }
    return 0;
}
