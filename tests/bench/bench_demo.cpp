// Demo-data benchmark: clearway-demo's generator for N declarations (default 1,000,000) against a
// baseline measured in the same run: a raw bulk insert of N declaration rows into the same schema
// (one transaction, prepared statement, no indexes or full text).
//
//   bench_demo [N] [repeat]
#include "demo/generator.h"
#include "storage/database.h"
#include "storage/schema.h"
#include "tests/bench/benchutil.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <sqlite3.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdio>

using namespace Clearway;
using Bench::medianOf;

namespace {

double rawInsert(const QString &path, qint64 n)
{
    QFile::remove(path);
    Storage::Connection c;
    if (!c.open(path, QStringLiteral("raw"), true).ok())
        return -1;
    QSqlDatabase db = c.database();
    QSqlQuery setup(db);
    setup.exec(QStringLiteral("PRAGMA journal_mode = OFF"));
    setup.exec(QStringLiteral("PRAGMA synchronous = OFF"));
    for (const QString &sql : Storage::secondaryStructuresDrop())
        setup.exec(sql);
    sqlite3 *h = *static_cast<sqlite3 *const *>(db.driver()->handle().data());
    QElapsedTimer t;
    t.start();
    sqlite3_exec(h, "BEGIN", nullptr, nullptr, nullptr);
    sqlite3_stmt *s = nullptr;
    const char *sql = "INSERT INTO declarations (id, number, state, assignee, office, created_at, deadline, updated_at, district, direction,"
                      " mode, trade_mode, transport, bill_no, enterprise_id, enterprise_name, total_value, currency, total_value_cny,"
                      " hs_codes, goods_text) VALUES (?, ?, 'received', '', '5141', 0, 0, 0, '5141', 0, 0, '0110', 0, ?, 1,"
                      " '广州市华南进出口贸易有限公司', ?, 'USD', ?, '8471300000 8517130000', '便携式自动数据处理设备 智能手机')";
    sqlite3_prepare_v2(h, sql, -1, &s, nullptr);
    for (qint64 id = 1; id <= n; ++id) {
        const QByteArray number = QByteArray::number(514120261000000000LL + id);
        const QByteArray bill = "COSU" + QByteArray::number(6000000000LL + id);
        sqlite3_bind_int64(s, 1, id);
        sqlite3_bind_text(s, 2, number.constData(), int(number.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(s, 3, bill.constData(), int(bill.size()), SQLITE_TRANSIENT);
        sqlite3_bind_int64(s, 4, id * 100);
        sqlite3_bind_int64(s, 5, id * 710);
        sqlite3_step(s);
        sqlite3_reset(s);
    }
    sqlite3_finalize(s);
    sqlite3_exec(h, "COMMIT", nullptr, nullptr, nullptr);
    return t.nsecsElapsed() / 1e6;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const qint64 n = argc > 1 ? QByteArray(argv[1]).toLongLong() : 1000000;
    const int repeat = argc > 2 ? QByteArray(argv[2]).toInt() : 1;
    QTemporaryDir dir;
    QList<double> generated, raw;
    for (int i = 0; i < repeat; ++i) {
        raw << rawInsert(dir.filePath(QStringLiteral("raw.sqlite")), n);
        QFile::remove(dir.filePath(QStringLiteral("raw.sqlite")));
        const Demo::Result r = Demo::generate(dir.filePath(QStringLiteral("demo.sqlite")), {n, 20261122, {}}, true);
        if (!r.ok) {
            std::fprintf(stderr, "%s\n", qPrintable(r.error));
            return 1;
        }
        generated << double(r.elapsedMs);
        std::printf("run %d: demo %lld rows in %.1f s (declarations %lld, goods lines %lld, events %lld)\n", i + 1,
                    static_cast<long long>(r.counts.value(QStringLiteral("declarations")) + r.counts.value(QStringLiteral("manifests"))
                                           + r.counts.value(QStringLiteral("inspections")) + r.counts.value(QStringLiteral("video_sessions"))
                                           + r.counts.value(QStringLiteral("certificates")) + r.counts.value(QStringLiteral("applications"))
                                           + r.counts.value(QStringLiteral("goods_lines")) + r.counts.value(QStringLiteral("events"))),
                    r.elapsedMs / 1000.0, static_cast<long long>(r.counts.value(QStringLiteral("declarations"))),
                    static_cast<long long>(r.counts.value(QStringLiteral("goods_lines"))), static_cast<long long>(r.counts.value(QStringLiteral("events"))));
        std::fflush(stdout);
    }
    struct rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    const double g = medianOf(generated), b = medianOf(raw);
    std::printf("demo cache with %lld declarations (all kinds, full text, indexes): median %.1f s   target < 60 s\n", static_cast<long long>(n), g / 1000);
    std::printf("raw bulk insert of %lld declaration rows (baseline):              median %.1f s   ratio %.1fx\n", static_cast<long long>(n), b / 1000,
                g / b);
    std::printf("declarations per second, whole demo: %.0f   peak RSS %.0f MB\n", double(n) / (g / 1000), usage.ru_maxrss / 1024.0);
    return 0;
}
