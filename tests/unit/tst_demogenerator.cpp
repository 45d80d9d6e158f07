#include "demo/generator.h"
#include "models/lifecycle.h"
#include "storage/database.h"
#include "storage/queuespec.h"
#include "storage/schema.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace Clearway;

namespace {
constexpr qint64 kDeclarations = 2000;
const QDateTime kNow = QDateTime::fromString(QStringLiteral("2026-11-22T10:00:00+08:00"), Qt::ISODate);
} // namespace

class TestDemoGenerator final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void countsFollowTheProportions();
    void sameSeedSameContentOtherSeedOther();
    void numbersAreWellFormedAndUnique();
    void goodsUseRealCodesCountriesAndCurrencies();
    void statesAndHoldersFollowTheLifecycles();
    void deadlinesAreSpreadAroundNow();
    void checkDigitsAreRight();
    void searchFindsChineseAndNumbers();
    void refusesToOverwriteAndLeavesTheFile();
    void fileIsACompleteCache();
    void everyQueueSortWalksAnIndex();
    void searchesWithManyHitsWalkAnIndex();

private:
    QString digest(const QString &path);
    QVariant value(const QString &sql);
    QStringList column(const QString &sql);

    QTemporaryDir m_dir;
    QString m_path;
    Storage::Connection m_db;
};

void TestDemoGenerator::initTestCase()
{
    m_path = m_dir.filePath(QStringLiteral("demo.sqlite"));
    const Demo::Result r = Demo::generate(m_path, {kDeclarations, 7, kNow}, false);
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(!QFile::exists(m_path + QStringLiteral(".partial")));
    QVERIFY(m_db.open(m_path, QStringLiteral("test"), false).ok());
}

void TestDemoGenerator::cleanupTestCase() { m_db.close(); }

QVariant TestDemoGenerator::value(const QString &sql)
{
    QSqlQuery q(m_db.database());
    return q.exec(sql) && q.next() ? q.value(0) : QVariant();
}

QStringList TestDemoGenerator::column(const QString &sql)
{
    QStringList out;
    QSqlQuery q(m_db.database());
    q.exec(sql);
    while (q.next())
        out << q.value(0).toString();
    return out;
}

QString TestDemoGenerator::digest(const QString &path)
{
    Storage::Connection c;
    if (!c.open(path, QStringLiteral("digest"), false).ok())
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const char *table : {"officers", "enterprises", "declarations", "goods_lines", "manifests", "inspections", "video_sessions",
                              "certificates", "applications", "events"}) {
        QSqlQuery q(c.database());
        q.exec(QStringLiteral("SELECT * FROM %1 ORDER BY 1, 2, 3").arg(QString::fromLatin1(table)));
        while (q.next()) {
            for (int i = 0; i < q.record().count(); ++i)
                hash.addData(QByteArray(q.value(i).toString().toUtf8() + '\x1f'));
        }
    }
    return QString::fromLatin1(hash.result().toHex());
}

void TestDemoGenerator::countsFollowTheProportions()
{
    QCOMPARE(value(QStringLiteral("SELECT count(*) FROM declarations")).toLongLong(), kDeclarations);
    QCOMPARE(value(QStringLiteral("SELECT count(*) FROM manifests")).toLongLong(), kDeclarations / 10);
    QCOMPARE(value(QStringLiteral("SELECT count(*) FROM inspections")).toLongLong(), kDeclarations / 20);
    QCOMPARE(value(QStringLiteral("SELECT count(*) FROM video_sessions")).toLongLong(), 40); // the minimum
    QCOMPARE(value(QStringLiteral("SELECT count(*) FROM certificates")).toLongLong(), 40);
    QCOMPARE(value(QStringLiteral("SELECT count(*) FROM applications")).toLongLong(), 40);
    const double lines = value(QStringLiteral("SELECT avg(n) FROM (SELECT count(*) n FROM goods_lines WHERE item_kind = 0 GROUP BY item_id)")).toDouble();
    QVERIFY2(lines > 1.6 && lines < 2.5, qPrintable(QString::number(lines)));
    // Every officer of the demo list is in the cache, with every role present.
    for (const Models::Officer &o : Demo::demoOfficers())
        QCOMPARE(value(QStringLiteral("SELECT roles FROM officers WHERE id = '%1'").arg(o.id)).toInt(), int(o.roles.toInt()));
}

void TestDemoGenerator::sameSeedSameContentOtherSeedOther()
{
    const QString again = m_dir.filePath(QStringLiteral("again.sqlite"));
    const QString other = m_dir.filePath(QStringLiteral("other.sqlite"));
    QVERIFY(Demo::generate(again, {kDeclarations, 7, kNow}, false).ok);
    QVERIFY(Demo::generate(other, {kDeclarations, 8, kNow}, false).ok);
    const QString first = digest(m_path);
    QVERIFY(!first.isEmpty());
    QCOMPARE(digest(again), first);
    QVERIFY(digest(other) != first);
}

void TestDemoGenerator::numbersAreWellFormedAndUnique()
{
    QCOMPARE(value(QStringLiteral("SELECT count(*) FROM declarations WHERE length(number) <> 18 OR number GLOB '*[^0-9]*'")).toInt(), 0);
    QCOMPARE(value(QStringLiteral("SELECT count(DISTINCT number) FROM declarations")).toLongLong(), kDeclarations);
    // The 9th digit says import (1) or export (0), and agrees with the direction.
    QCOMPARE(value(QStringLiteral("SELECT count(*) FROM declarations WHERE substr(number, 9, 1) <> CASE direction WHEN 0 THEN '1' ELSE '0' END")).toInt(), 0);
    // Inspection tasks and video sessions name declarations that exist.
    QCOMPARE(value(QStringLiteral("SELECT count(*) FROM inspections WHERE entry_no NOT IN (SELECT number FROM declarations)")).toInt(), 0);
    QCOMPARE(value(QStringLiteral("SELECT count(*) FROM video_sessions WHERE entry_no NOT IN (SELECT number FROM declarations)")).toInt(), 0);
}

void TestDemoGenerator::goodsUseRealCodesCountriesAndCurrencies()
{
    QFile tsv(QStringLiteral(CLEARWAY_SOURCE_DIR "/resources/demo/hs_codes.tsv"));
    QVERIFY(tsv.open(QIODevice::ReadOnly));
    QSet<QString> codes;
    for (const QByteArray &line : tsv.readAll().split('\n')) {
        if (!line.isEmpty() && !line.startsWith('#'))
            codes.insert(QString::fromLatin1(line.split('\t').first()));
    }
    for (const QString &c : column(QStringLiteral("SELECT DISTINCT hs_code FROM goods_lines")))
        QVERIFY2(codes.contains(c), qPrintable(c));

    auto isoSet = [](const char *file, const char *key, const char *field) {
        QFile f(QString::fromLatin1(file));
        f.open(QIODevice::ReadOnly);
        QSet<QString> out;
        for (const QJsonValue &v : QJsonDocument::fromJson(f.readAll()).object().value(QLatin1String(key)).toArray())
            out.insert(v.toObject().value(QLatin1String(field)).toString());
        return out;
    };
    const QSet<QString> countries = isoSet("/usr/share/iso-codes/json/iso_3166-1.json", "3166-1", "alpha_2");
    const QSet<QString> currencies = isoSet("/usr/share/iso-codes/json/iso_4217.json", "4217", "alpha_3");
    QVERIFY(!countries.isEmpty() && !currencies.isEmpty());
    for (const QString &c : column(QStringLiteral("SELECT DISTINCT origin FROM goods_lines")))
        QVERIFY2(countries.contains(c), qPrintable(c));
    for (const QString &c : column(QStringLiteral("SELECT DISTINCT currency FROM goods_lines UNION SELECT DISTINCT currency FROM declarations")))
        QVERIFY2(currencies.contains(c), qPrintable(c));
    // A declaration's totals are the sums of its lines.
    QCOMPARE(value(QStringLiteral("SELECT count(*) FROM declarations d WHERE total_value <> (SELECT sum(value) FROM goods_lines g"
                                  " WHERE g.item_kind = 0 AND g.item_id = d.id)"))
                 .toInt(),
             0);
}

void TestDemoGenerator::statesAndHoldersFollowTheLifecycles()
{
    const QList<std::pair<Models::WorkKind, QString>> tables = {
        {Models::WorkKind::Declaration, QStringLiteral("declarations")},   {Models::WorkKind::Manifest, QStringLiteral("manifests")},
        {Models::WorkKind::InspectionTask, QStringLiteral("inspections")}, {Models::WorkKind::VideoSession, QStringLiteral("video_sessions")},
        {Models::WorkKind::Certificate, QStringLiteral("certificates")},   {Models::WorkKind::ServiceApplication, QStringLiteral("applications")}};
    for (const auto &[kind, table] : tables) {
        const Models::Lifecycle &lc = Models::Lifecycle::of(kind);
        for (const QString &state : column(QStringLiteral("SELECT DISTINCT state FROM %1").arg(table)))
            QVERIFY2(lc.state(state), qPrintable(table + QLatin1Char('/') + state));
        // Items waiting in the shared queue have no holder.
        QCOMPARE(value(QStringLiteral("SELECT count(*) FROM %1 WHERE state = '%2' AND assignee <> ''").arg(table, lc.initialState())).toInt(), 0);
        // Every holder is an officer of the cache.
        QCOMPARE(value(QStringLiteral("SELECT count(*) FROM %1 WHERE assignee <> '' AND assignee NOT IN (SELECT id FROM officers)").arg(table)).toInt(), 0);
    }
    // The main demo officer has work of his own.
    QVERIFY(value(QStringLiteral("SELECT count(*) FROM declarations WHERE assignee = 'wang.jianguo' AND state <> 'released'")).toInt() > 0);
    // Items past their first state have a history line whose command leads into that state.
    QCOMPARE(value(QStringLiteral("SELECT count(*) FROM declarations d WHERE state <> 'received' AND NOT EXISTS (SELECT 1 FROM events e"
                                  " WHERE e.item_kind = 0 AND e.item_id = d.id AND e.to_state = d.state)"))
                 .toInt(),
             0);
}

void TestDemoGenerator::deadlinesAreSpreadAroundNow()
{
    const qint64 now = kNow.toSecsSinceEpoch();
    const qint64 endOfToday = kNow.toLocalTime().date().addDays(1).startOfDay().toSecsSinceEpoch();
    const QString open = QStringLiteral("state <> 'released'");
    QVERIFY(value(QStringLiteral("SELECT count(*) FROM declarations WHERE %1 AND deadline < %2").arg(open).arg(now)).toInt() > 0);
    QVERIFY(value(QStringLiteral("SELECT count(*) FROM declarations WHERE %1 AND deadline >= %2 AND deadline < %3").arg(open).arg(now).arg(endOfToday)).toInt() > 0);
    QVERIFY(value(QStringLiteral("SELECT count(*) FROM declarations WHERE %1 AND deadline >= %2").arg(open).arg(endOfToday)).toInt() > 0);
    QCOMPARE(value(QStringLiteral("SELECT count(*) FROM declarations WHERE updated_at > %1 OR created_at > %1").arg(now)).toInt(), 0);
}

void TestDemoGenerator::checkDigitsAreRight()
{
    static const int weights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    for (const QString &id : column(QStringLiteral("SELECT buyer_id_no FROM manifests"))) {
        QCOMPARE(id.size(), 18);
        int sum = 0;
        for (int i = 0; i < 17; ++i)
            sum += id.at(i).digitValue() * weights[i];
        QCOMPARE(id.at(17), QLatin1Char("10X98765432"[sum % 11]));
    }
    for (const QString &c : column(QStringLiteral("SELECT container_no FROM inspections"))) {
        QCOMPARE(c.size(), 11);
        int sum = 0;
        for (int i = 0; i < 10; ++i) {
            // ISO 6346 letter values: A=10, then skipping multiples of 11 (K=21 ... V=34 ...).
            static const int letterValue[] = {10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 34, 35, 36, 37, 38};
            const QChar ch = c.at(i);
            const int v = ch.isDigit() ? ch.digitValue() : letterValue[ch.unicode() - 'A'];
            sum += v * (1 << i);
        }
        QCOMPARE(c.at(10).digitValue(), sum % 11 % 10);
    }
}

void TestDemoGenerator::searchFindsChineseAndNumbers()
{
    const QString name = value(QStringLiteral("SELECT enterprise_name FROM declarations WHERE id = 17")).toString();
    const QString part = name.mid(3, 4); // e.g. "华南进出"
    QVERIFY(value(QStringLiteral("SELECT count(*) FROM declarations_fts WHERE declarations_fts MATCH '\"%1\"'").arg(part)).toInt() > 0);
    const QString bill = value(QStringLiteral("SELECT bill_no FROM declarations WHERE id = 17")).toString();
    QCOMPARE(value(QStringLiteral("SELECT rowid FROM declarations_fts WHERE declarations_fts MATCH '\"%1\"'").arg(bill)).toLongLong(), 17);
}

void TestDemoGenerator::refusesToOverwriteAndLeavesTheFile()
{
    const QByteArray before = digest(m_path).toLatin1();
    const Demo::Result r = Demo::generate(m_path, {100, 1, kNow}, false);
    QVERIFY(!r.ok);
    QVERIFY(r.error.contains(QStringLiteral("--force")));
    QCOMPARE(digest(m_path).toLatin1(), before);
    QVERIFY(!Demo::generate(m_dir.filePath(QStringLiteral("x.sqlite")), {0, 1, kNow}, false).ok);
}

void TestDemoGenerator::fileIsACompleteCache()
{
    QCOMPARE(value(QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
    QCOMPARE(value(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
    Storage::Connection c;
    const Storage::OpenResult r = c.open(m_path, QStringLiteral("writer"), true);
    QVERIFY(r.ok());
    QCOMPARE(r.schemaVersion, Storage::kSchemaVersion);
    // Every reference resolves: work items name enterprises that exist.
    QCOMPARE(column(QStringLiteral("SELECT \"table\" || ' -> ' || parent FROM pragma_foreign_key_check")), QStringList());
    QVERIFY(value(QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name LIKE 'declarations_open_by_%'")).toInt() >= 8);
    QCOMPARE(value(QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name LIKE 'declarations_open_by_%'")),
             value(QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name LIKE 'declarations_closed_by_%'")));
}

// With the indexes and statistics the generator leaves, the planner answers the first page of every
// queue the navigation offers by walking an index: a temporary B-tree over a large queue would sort
// all of it for every page. ("My work" is small: sorting it is cheap and allowed.)
void TestDemoGenerator::everyQueueSortWalksAnIndex()
{
    for (int k = 0; k < Models::WorkKindCount; ++k) {
        const Storage::QueueSpec &spec = Storage::QueueSpec::of(static_cast<Models::WorkKind>(k));
        for (Storage::Scope scope : {Storage::Scope::MyWork, Storage::Scope::Unassigned, Storage::Scope::Open, Storage::Scope::Closed}) {
            Storage::QueueFilter filter;
            filter.scope = scope;
            filter.officerId = QStringLiteral("wang.jianguo");
            const Storage::SqlWhere where = Storage::buildWhere(spec, filter);
            for (int c = 0; c < spec.columns.size(); ++c) {
                if (!spec.columns.at(c).sortable)
                    continue;
                for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
                    QSqlQuery q(m_db.database());
                    QVERIFY(q.prepare(QStringLiteral("EXPLAIN QUERY PLAN SELECT id FROM %1 %2 %3 LIMIT 256")
                                          .arg(spec.table, where.clause, Storage::buildOrderBy(spec, c, order))));
                    for (const QVariant &v : where.binds)
                        q.addBindValue(v);
                    QVERIFY(q.exec());
                    QStringList plan;
                    while (q.next())
                        plan << q.value(3).toString();
                    QVERIFY2(scope == Storage::Scope::MyWork || !plan.join(QLatin1Char(' ')).contains(QLatin1String("TEMP B-TREE")),
                             qPrintable(QStringLiteral("%1 by %2: %3").arg(spec.table, spec.columns.at(c).key, plan.join(QLatin1String("; ")))));
                }
            }
        }
    }
}

// A search with many hits walks the queue's sort index like the queue itself (testing each row),
// rather than sorting every hit in a temporary B-tree; one with few hits looks them up by id. The
// hit limit is lowered so that the small demo cache has "many".
void TestDemoGenerator::searchesWithManyHitsWalkAnIndex()
{
    auto planOf = [&](const QString &sql, const QVariantList &binds) -> QString {
        QSqlQuery q(m_db.database());
        QStringList plan;
        if (!q.prepare(QStringLiteral("EXPLAIN QUERY PLAN ") + sql))
            return QStringLiteral("prepare failed: ") + sql;
        for (const QVariant &v : binds)
            q.addBindValue(v);
        if (!q.exec())
            return QStringLiteral("exec failed: ") + sql;
        while (q.next())
            plan << q.value(3).toString();
        return plan.join(QLatin1String("; "));
    };
    const Storage::QueueSpec &spec = Storage::QueueSpec::of(Models::WorkKind::Declaration);
    for (const QString &text : {QStringLiteral("有限"), QStringLiteral("有限公司"), QStringLiteral("公司 0")}) {
        for (Storage::Scope scope : {Storage::Scope::Unassigned, Storage::Scope::Open, Storage::Scope::Closed}) {
            Storage::QueueFilter filter;
            filter.scope = scope;
            filter.text = text;
            for (int c = 0; c < spec.columns.size(); ++c) {
                if (!spec.columns.at(c).sortable)
                    continue;
                for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
                    QString error;
                    const Storage::SearchPlan plan = Storage::chooseSearchPlan(m_db.database(), spec, filter, c, order, &error, 1);
                    QVERIFY2(error.isEmpty(), qPrintable(error));
                    QVERIFY(plan != Storage::SearchPlan::HitsFirst);
                    // Whichever walk the estimate picks here, both must walk.
                    for (Storage::SearchPlan walk : {Storage::SearchPlan::WalkTestingHits, Storage::SearchPlan::WalkTestingText}) {
                        const Storage::SqlWhere where = Storage::buildWhere(spec, filter, walk);
                        const QString p = planOf(
                            QStringLiteral("SELECT id FROM %1 %2 %3 LIMIT 256").arg(spec.table, where.clause, Storage::buildOrderBy(spec, c, order)),
                            where.binds);
                        QVERIFY2(!p.contains(QLatin1String("TEMP B-TREE")),
                                 qPrintable(QStringLiteral("\"%1\" by %2, plan %3: %4").arg(text, spec.columns.at(c).key).arg(int(walk)).arg(p)));
                    }
                }
            }
        }
    }
    // Few hits: looked up by id from the full-text indexes, never a scan of the table.
    for (const QString &text : {QStringLiteral("冻虾"), QStringLiteral("虾"), QStringLiteral("不存在的企业 冻")}) {
        Storage::QueueFilter filter;
        filter.scope = Storage::Scope::Open;
        filter.text = text;
        const int deadline = spec.columnOf(QStringLiteral("deadline"));
        QCOMPARE(Storage::chooseSearchPlan(m_db.database(), spec, filter, deadline, Qt::AscendingOrder), Storage::SearchPlan::HitsFirst);
        const Storage::SqlWhere where = Storage::buildWhere(spec, filter);
        const QString p = planOf(QStringLiteral("SELECT id FROM %1 %2 %3 LIMIT 256").arg(spec.table, where.clause, Storage::buildOrderBy(spec, deadline, Qt::AscendingOrder)),
                                 where.binds);
        QVERIFY2(p.contains(QLatin1String("SEARCH declarations USING INTEGER PRIMARY KEY")) && !p.contains(QLatin1String("SCAN declarations ")),
                 qPrintable(text + QStringLiteral(": ") + p));
    }
}

QTEST_GUILESS_MAIN(TestDemoGenerator)
#include "tst_demogenerator.moc"
