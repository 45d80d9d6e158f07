#include "models/declarationcheck.h"
#include "models/lifecycle.h"
#include "storage/cache.h"
#include "storage/cachereader.h"
#include "storage/cachewriter.h"
#include "storage/itemdetails.h"
#include "storage/queuemodel.h"
#include "tests/common/cachefixture.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QTest>

using namespace Clearway;
using namespace Clearway::Storage;
using Models::WorkKind;

namespace {
constexpr int kRows = 1000;
const Models::Lifecycle &declarations() { return Models::Lifecycle::of(WorkKind::Declaration); }
QString stateOfRow(int row) { return declarations().states().at(row % declarations().states().size()).key; }
bool openRow(int row) { return declarations().isOpen(stateOfRow(row)); }
bool mineRow(int row) { return openRow(row) && stateOfRow(row) != QLatin1String("received") && row % 3 == 0; }
} // namespace

class TestQueueModel final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void passesTheModelTesterInEveryScopeAndSort();
    void holdersShowNamesGivenLater();
    void scopesCountWhatTheyShould_data();
    void scopesCountWhatTheyShould();
    void firstPageIsThereAtOnceAndTheRestArrives();
    void sortsEveryColumnInBothDirections();
    void lastRowsAreReadFromTheEnd();
    void searches_data();
    void searches();
    void searchesFindWhatAFilterOverTheRowsFinds_data();
    void searchesFindWhatAFilterOverTheRowsFinds();
    void everySearchPlanReturnsTheSameRows();
    void filtersByChannelDirectionAndSla();
    void everyKindHasAQueue();
    void commandUpdatesItemHistoryAndOutboxTogether();
    void refusedCommandChangesNothing();
    void diskFullKeepsWhatIsStored();
    void detailsShowGoodsDocumentsAndHistory();
    void textTableModelPassesTheTester();
    void quickCheckReportsDamageAndDeletesNothing();
    void twoStepDueInSqlIsTheModels_data();
    void twoStepDueInSqlIsTheModels();

private:
    qint64 count(const QString &sql);
    QList<qint64> bruteForce(Scope scope, const QString &text);
    QueueModel *makeModel();
    void waitForCount(QueueModel *model);

    QTemporaryDir m_dir;
    QDateTime m_now;
    Cache m_cache;
    Models::Officer m_officer{QStringLiteral("wang.jianguo"), QStringLiteral("王建国"), QStringLiteral("5141"), Models::Role::WindowOfficer};
};

void TestQueueModel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_now = QDateTime::currentDateTime();
    const QString path = m_dir.filePath(QStringLiteral("cache.sqlite"));
    const QString error = Tests::writeFixtureCache(path, kRows, m_now);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const OpenResult r = m_cache.open(path);
    QVERIFY2(r.ok(), qPrintable(r.message + r.detail));
}

void TestQueueModel::cleanupTestCase() { m_cache.close(); }

qint64 TestQueueModel::count(const QString &sql)
{
    QSqlDatabase db = QSqlDatabase::database(m_cache.connectionName(), false);
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

QueueModel *TestQueueModel::makeModel()
{
    auto *model = new QueueModel(m_cache.connectionName(), m_cache.reader(), m_cache.officerNames(), this);
    new QAbstractItemModelTester(model, QAbstractItemModelTester::FailureReportingMode::QtTest, model);
    return model;
}

void TestQueueModel::waitForCount(QueueModel *model) { QTRY_VERIFY(model->isCountExact()); }

// A workstation's first start: the model is made before the initial copy brings the officers,
// so holders show as ids until the names are given.
void TestQueueModel::holdersShowNamesGivenLater()
{
    auto *model = new QueueModel(m_cache.connectionName(), m_cache.reader(), {}, this);
    new QAbstractItemModelTester(model, QAbstractItemModelTester::FailureReportingMode::QtTest, model);
    QueueFilter filter;
    filter.scope = Scope::MyWork;
    filter.officerId = m_officer.id;
    const QueueSpec &spec = QueueSpec::of(WorkKind::Declaration);
    model->setQuery(WorkKind::Declaration, filter, spec.defaultSortColumn, Qt::AscendingOrder);
    int holder = -1;
    for (int c = 0; c < spec.columns.size(); ++c) {
        if (spec.columns.at(c).key == QLatin1String("assignee"))
            holder = c;
    }
    QVERIFY(holder >= 0 && model->rowCount() > 0);
    QCOMPARE(model->index(0, holder).data().toString(), m_officer.id);
    model->setOfficerNames(m_cache.officerNames());
    model->refresh();
    QCOMPARE(model->index(0, holder).data().toString(), m_officer.name);
    delete model;
}

void TestQueueModel::passesTheModelTesterInEveryScopeAndSort()
{
    QueueModel *model = makeModel();
    for (Scope scope : {Scope::MyWork, Scope::Unassigned, Scope::Open, Scope::Closed, Scope::All}) {
        QueueFilter f;
        f.scope = scope;
        f.officerId = m_officer.id;
        model->setQuery(WorkKind::Declaration, f, 0, Qt::AscendingOrder);
        waitForCount(model);
        for (int c = 0; c < model->columnCount(); ++c) {
            model->sort(c, Qt::DescendingOrder);
            waitForCount(model);
        }
        model->refresh();
        waitForCount(model);
    }
    delete model;
}

void TestQueueModel::scopesCountWhatTheyShould_data()
{
    QTest::addColumn<int>("scope");
    QTest::addColumn<int>("expected");
    int open = 0, mine = 0, unassigned = 0;
    for (int row = 0; row < kRows; ++row) {
        open += openRow(row);
        mine += mineRow(row);
        unassigned += openRow(row) && !mineRow(row);
    }
    QTest::newRow("my work") << int(Scope::MyWork) << mine;
    QTest::newRow("to claim") << int(Scope::Unassigned) << unassigned;
    QTest::newRow("all open") << int(Scope::Open) << open;
    QTest::newRow("closed") << int(Scope::Closed) << kRows - open;
    QTest::newRow("all") << int(Scope::All) << kRows;
}

void TestQueueModel::scopesCountWhatTheyShould()
{
    QFETCH(int, scope);
    QFETCH(int, expected);
    std::unique_ptr<QueueModel> model(makeModel());
    QueueFilter f;
    f.scope = static_cast<Scope>(scope);
    f.officerId = m_officer.id;
    model->setQuery(WorkKind::Declaration, f, 0, Qt::AscendingOrder);
    waitForCount(model.get());
    QCOMPARE(model->rowCount(), expected);
    for (int row = 0; row < model->rowCount(); ++row) {
        const QString state = model->index(row, 0).data(QueueModel::StateRole).toString();
        QCOMPARE(declarations().isOpen(state), f.scope != Scope::Closed && f.scope != Scope::All ? true : declarations().isOpen(state));
        if (f.scope == Scope::MyWork)
            QCOMPARE(model->index(row, 0).data(QueueModel::AssigneeRole).toString(), m_officer.id);
    }
}

void TestQueueModel::firstPageIsThereAtOnceAndTheRestArrives()
{
    std::unique_ptr<QueueModel> model(makeModel());
    QSignalSpy counted(model.get(), &QueueModel::countChanged);
    QueueFilter f;
    f.scope = Scope::All;
    model->setQuery(WorkKind::Declaration, f, 0, Qt::AscendingOrder);
    // Before any event is processed, the first page is readable.
    QCOMPARE(model->rowCount(), QueueModel::PageSize);
    QVERIFY(!model->isCountExact());
    QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("514120261000000000"));
    waitForCount(model.get());
    QCOMPARE(model->rowCount(), kRows);
    QVERIFY(!counted.isEmpty());
    QCOMPARE(counted.last().at(0).toLongLong(), qint64(kRows));
}

void TestQueueModel::sortsEveryColumnInBothDirections()
{
    std::unique_ptr<QueueModel> model(makeModel());
    const QueueSpec &spec = QueueSpec::of(WorkKind::Declaration);
    for (int c = 0; c < spec.columns.size(); ++c) {
        if (!spec.columns.at(c).sortable)
            continue;
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            QueueFilter f;
            f.scope = Scope::All;
            model->setQuery(WorkKind::Declaration, f, c, order);
            waitForCount(model.get());
            QCOMPARE(model->rowCount(), kRows);
            QVariant previous = model->index(0, c).data(QueueModel::SortValueRole);
            for (int row = 1; row < kRows; ++row) {
                const QVariant v = model->index(row, c).data(QueueModel::SortValueRole);
                const auto cmp = QVariant::compare(previous, v);
                const bool inOrder = order == Qt::AscendingOrder ? cmp != QPartialOrdering::Greater : cmp != QPartialOrdering::Less;
                QVERIFY2(inOrder, qPrintable(QStringLiteral("column %1 row %2").arg(spec.columns.at(c).key).arg(row)));
                previous = v;
            }
        }
    }
}

void TestQueueModel::lastRowsAreReadFromTheEnd()
{
    std::unique_ptr<QueueModel> model(makeModel());
    QueueFilter f;
    f.scope = Scope::All;
    const int deadline = QueueSpec::of(WorkKind::Declaration).columnOf(QStringLiteral("deadline"));
    model->setQuery(WorkKind::Declaration, f, deadline, Qt::AscendingOrder);
    waitForCount(model.get());
    // The deadline grows with the row number: the last row is the last declaration.
    QCOMPARE(model->index(kRows - 1, 0).data(QueueModel::IdRole).toLongLong(), qint64(kRows));
    QCOMPARE(model->index(kRows - 300, 0).data(QueueModel::IdRole).toLongLong(), qint64(kRows - 299));
    QCOMPARE(model->rowOfId(kRows), kRows - 1);
    QCOMPARE(model->index(300, 0).data(QueueModel::IdRole).toLongLong(), qint64(301));
}

void TestQueueModel::searches_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("expected");
    QTest::addColumn<qint64>("firstId");
    QTest::newRow("bill of lading") << QStringLiteral("COSU600123") << 1 << qint64(124);
    QTest::newRow("partial bill of lading") << QStringLiteral("COSU60012") << 10 << qint64(121);
    QTest::newRow("whole entry number") << QStringLiteral("514120261000000777") << 1 << qint64(778);
    QTest::newRow("chinese substring") << QStringLiteral("前海跨境") << kRows / 5 << qint64(2);
    QTest::newRow("two chinese characters") << QStringLiteral("华南") << kRows / 5 << qint64(1);
    QTest::newRow("hs code") << QStringLiteral("8471300000") << kRows << qint64(1);
    QTest::newRow("two words") << QStringLiteral("顺德 COSU600003") << 1 << qint64(4);
    QTest::newRow("quotes are literal") << QStringLiteral("\"COSU\" OR x") << 0 << qint64(0);
    QTest::newRow("nothing") << QStringLiteral("不存在的企业") << 0 << qint64(0);
}

void TestQueueModel::searches()
{
    QFETCH(QString, text);
    QFETCH(int, expected);
    QFETCH(qint64, firstId);
    std::unique_ptr<QueueModel> model(makeModel());
    QueueFilter f;
    f.scope = Scope::All;
    f.text = text;
    model->setQuery(WorkKind::Declaration, f, 0, Qt::AscendingOrder);
    waitForCount(model.get());
    QVERIFY2(model->lastError().isEmpty(), qPrintable(model->lastError()));
    QCOMPARE(model->rowCount(), expected);
    if (expected > 0)
        QCOMPARE(model->index(0, 0).data(QueueModel::IdRole).toLongLong(), firstId);
}

// What a search should find, worked out without SQL's help: every row of the fixture, read whole,
// kept when each word is a substring of one of the searched columns (ASCII letters in any case, as
// LIKE) and the row belongs to the scope. Ids in ascending order.
QList<qint64> TestQueueModel::bruteForce(Scope scope, const QString &text)
{
    const QueueSpec &spec = QueueSpec::of(WorkKind::Declaration);
    QSqlQuery q(QSqlDatabase::database(m_cache.connectionName(), false));
    if (!q.exec(QStringLiteral("SELECT id, state, assignee, ") + spec.searchColumns.join(QStringLiteral(", ")) + QStringLiteral(" FROM declarations ORDER BY id")))
        return {};
    auto asciiLower = [](QString s) {
        for (QChar &c : s) {
            if (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
                c = QChar(c.unicode() + ('a' - 'A'));
        }
        return s;
    };
    const QStringList words = asciiLower(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QList<qint64> ids;
    while (q.next()) {
        const QString state = q.value(1).toString();
        const QString assignee = q.value(2).toString();
        const bool open = declarations().isOpen(state);
        const bool inScope = scope == Scope::All || (scope == Scope::Open && open) || (scope == Scope::Closed && !open)
            || (scope == Scope::Unassigned && open && assignee.isEmpty()) || (scope == Scope::MyWork && open && assignee == m_officer.id);
        if (!inScope)
            continue;
        bool all = true;
        for (const QString &word : words) {
            bool any = false;
            for (int c = 0; c < spec.searchColumns.size(); ++c)
                any = any || asciiLower(q.value(3 + c).toString()).contains(word);
            all = all && any;
        }
        if (all)
            ids << q.value(0).toLongLong();
    }
    return ids;
}

void TestQueueModel::searchesFindWhatAFilterOverTheRowsFinds_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("two chinese characters, a fifth of the rows") << QStringLiteral("华南");
    QTest::newRow("two chinese characters, every row") << QStringLiteral("有限");
    QTest::newRow("two chinese characters, at the end of a value") << QStringLiteral("设备");
    QTest::newRow("two chinese characters, across two columns: none") << QStringLiteral("司便");
    QTest::newRow("two chinese characters, nowhere") << QStringLiteral("冻虾");
    QTest::newRow("one chinese character") << QStringLiteral("海");
    QTest::newRow("one chinese character, last of a value") << QStringLiteral("司");
    QTest::newRow("one chinese character, nowhere") << QStringLiteral("虾");
    QTest::newRow("mixed: long and short chinese") << QStringLiteral("前海跨境 电商");
    QTest::newRow("mixed: chinese and a bill number") << QStringLiteral("顺德 COSU6000");
    QTest::newRow("mixed: one character and two digits") << QStringLiteral("华 07");
    QTest::newRow("mixed: two short words") << QStringLiteral("长安 9");
    QTest::newRow("many hits: hs code") << QStringLiteral("8471300000");
    QTest::newRow("many hits: part of the entry numbers") << QStringLiteral("5141");
    QTest::newRow("many hits: two digits") << QStringLiteral("00");
    QTest::newRow("many hits: one digit") << QStringLiteral("7");
    QTest::newRow("ascii case, short") << QStringLiteral("sU");
    QTest::newRow("ascii case, long") << QStringLiteral("cosu60012");
    QTest::newRow("like wildcards are literal") << QStringLiteral("%");
    QTest::newRow("like escape is literal") << QStringLiteral("_ \\");
    QTest::newRow("no hit, long") << QStringLiteral("不存在的企业");
    QTest::newRow("no hit, short ascii") << QStringLiteral("Zq");
}

// Every scope, in the plan the model picks and with the walks forced (a hit limit of one), sorted
// three ways: the rows and the count are those of the brute-force filter, in the sort's order.
void TestQueueModel::searchesFindWhatAFilterOverTheRowsFinds()
{
    QFETCH(QString, text);
    const QueueSpec &spec = QueueSpec::of(WorkKind::Declaration);
    std::unique_ptr<QueueModel> model(makeModel());
    for (Scope scope : {Scope::Open, Scope::Closed, Scope::Unassigned, Scope::MyWork, Scope::All}) {
        const QList<qint64> expected = bruteForce(scope, text);
        for (int limit : {kSearchHitLimit, 1}) {
            model->setSearchHitLimit(limit);
            for (const auto &[key, order] : {std::pair{"deadline", Qt::AscendingOrder}, std::pair{"enterprise_name", Qt::DescendingOrder},
                                             std::pair{"number", Qt::AscendingOrder}}) {
                const int column = spec.columnOf(QLatin1String(key));
                QueueFilter f;
                f.scope = scope;
                f.officerId = m_officer.id;
                f.text = text;
                model->setQuery(WorkKind::Declaration, f, column, order);
                waitForCount(model.get());
                const QString where = QStringLiteral("scope %1, hit limit %2, by %3: plan %4")
                                          .arg(int(scope))
                                          .arg(limit)
                                          .arg(QLatin1String(key))
                                          .arg(int(model->searchPlan()));
                QVERIFY2(model->lastError().isEmpty(), qPrintable(where + model->lastError()));
                if (limit == 1 && !expected.isEmpty() && (scope == Scope::Open || scope == Scope::Closed || scope == Scope::Unassigned))
                    QVERIFY2(model->searchPlan() != SearchPlan::HitsFirst, qPrintable(where));
                QCOMPARE(model->rowCount(), expected.size());
                QList<qint64> ids;
                QVariant previous;
                for (int row = 0; row < model->rowCount(); ++row) {
                    ids << model->index(row, 0).data(QueueModel::IdRole).toLongLong();
                    const QVariant v = model->index(row, column).data(QueueModel::SortValueRole);
                    if (row > 0) {
                        const auto cmp = QVariant::compare(previous, v);
                        QVERIFY2(order == Qt::AscendingOrder ? cmp != QPartialOrdering::Greater : cmp != QPartialOrdering::Less,
                                 qPrintable(where + QStringLiteral(" row %1").arg(row)));
                    }
                    previous = v;
                }
                std::sort(ids.begin(), ids.end());
                QVERIFY2(ids == expected, qPrintable(where));
            }
        }
    }
}

// The three plans as SQL, side by side: the same rows in the same order, page after page.
void TestQueueModel::everySearchPlanReturnsTheSameRows()
{
    const QueueSpec &spec = QueueSpec::of(WorkKind::Declaration);
    QSqlDatabase db = QSqlDatabase::database(m_cache.connectionName(), false);
    for (const QString &text : {QStringLiteral("华南 00"), QStringLiteral("有限 COSU6001"), QStringLiteral("5 华")}) {
        QueueFilter f;
        f.scope = Scope::Open;
        f.text = text;
        QList<QList<qint64>> results;
        for (SearchPlan plan : {SearchPlan::HitsFirst, SearchPlan::WalkTestingHits, SearchPlan::WalkTestingText}) {
            const SqlWhere where = buildWhere(spec, f, plan);
            QSqlQuery q(db);
            QVERIFY(q.prepare(QStringLiteral("SELECT id FROM declarations ") + where.clause + QLatin1Char(' ')
                              + buildOrderBy(spec, spec.columnOf(QStringLiteral("bill_no")), Qt::DescendingOrder)));
            for (const QVariant &v : where.binds)
                q.addBindValue(v);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            QList<qint64> ids;
            while (q.next())
                ids << q.value(0).toLongLong();
            results << ids;
        }
        QVERIFY(!results.at(0).isEmpty());
        QCOMPARE(results.at(1), results.at(0));
        QCOMPARE(results.at(2), results.at(0));
        QList<qint64> sorted = results.at(0);
        std::sort(sorted.begin(), sorted.end());
        QCOMPARE(sorted, bruteForce(Scope::Open, text));
    }
}

void TestQueueModel::filtersByChannelDirectionAndSla()
{
    std::unique_ptr<QueueModel> model(makeModel());
    QueueFilter f;
    f.scope = Scope::All;
    f.now = m_now;
    f.channel = Models::Channel::Red; // row % 5 == 3
    f.direction = Models::Direction::Export; // row % 2 == 1
    model->setQuery(WorkKind::Declaration, f, 0, Qt::AscendingOrder);
    waitForCount(model.get());
    QCOMPARE(model->rowCount(), kRows / 10);

    // Deadlines are now - 48 h + row hours: rows 0..47 are overdue.
    f = {};
    f.scope = Scope::All;
    f.now = m_now;
    f.sla = Models::SlaState::Overdue;
    model->setQuery(WorkKind::Declaration, f, 0, Qt::AscendingOrder);
    waitForCount(model.get());
    QCOMPARE(model->rowCount(), 48);
    int overdueShown = 0;
    for (int row = 0; row < model->rowCount(); ++row)
        overdueShown += model->index(row, 0).data(QueueModel::SlaRole).toInt() == int(Models::SlaState::Overdue);
    int openOverdue = 0;
    for (int row = 0; row < 48; ++row)
        openOverdue += openRow(row);
    QCOMPARE(overdueShown, openOverdue); // a released item is never shown as late

    f.sla = Models::SlaState::Later;
    model->setQuery(WorkKind::Declaration, f, 0, Qt::AscendingOrder);
    waitForCount(model.get());
    const qint64 endOfToday = m_now.date().addDays(1).startOfDay().toSecsSinceEpoch();
    QCOMPARE(model->rowCount(),
             count(QStringLiteral("SELECT count(*) FROM declarations WHERE deadline >= %1").arg(endOfToday)));
}

void TestQueueModel::everyKindHasAQueue()
{
    std::unique_ptr<QueueModel> model(makeModel());
    for (int k = 0; k < Models::WorkKindCount; ++k) {
        const auto kind = static_cast<WorkKind>(k);
        const QueueSpec &spec = QueueSpec::of(kind);
        QCOMPARE(spec.kind, kind);
        QVERIFY(spec.defaultSortColumn >= 0);
        QueueFilter f;
        f.scope = Scope::All;
        f.text = QStringLiteral("5141");
        model->setQuery(kind, f, spec.defaultSortColumn, Qt::AscendingOrder);
        waitForCount(model.get());
        QVERIFY2(model->lastError().isEmpty(), qPrintable(model->lastError()));
        QCOMPARE(model->columnCount(), spec.columns.size());
        for (int c = 0; c < model->columnCount(); ++c)
            QVERIFY(!model->headerData(c, Qt::Horizontal).toString().isEmpty());
    }
}

void TestQueueModel::commandUpdatesItemHistoryAndOutboxTogether()
{
    // Row 7 is "received" and unassigned: claim it.
    const qint64 id = 8;
    QCOMPARE(stateOfRow(7), QStringLiteral("received"));
    std::unique_ptr<QueueModel> model(makeModel());
    QueueFilter f;
    f.scope = Scope::MyWork;
    f.officerId = m_officer.id;
    model->setQuery(WorkKind::Declaration, f, 0, Qt::AscendingOrder);
    waitForCount(model.get());
    const int before = model->rowCount();

    QSignalSpy applied(m_cache.writer(), &CacheWriter::applied);
    Models::Command claim;
    claim.kind = WorkKind::Declaration;
    claim.itemId = id;
    claim.name = QStringLiteral("claim");
    m_cache.writer()->apply(claim, m_officer);
    QTRY_COMPARE(applied.size(), 1);
    const auto outcome = applied.at(0).at(0).value<CommandOutcome>();
    QVERIFY2(outcome.stored, qPrintable(outcome.error + outcome.decision.message));
    QCOMPARE(outcome.decision.after.state, QStringLiteral("under_review"));

    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM declarations WHERE id = 8 AND assignee = 'wang.jianguo' AND state = 'under_review' AND pending = 1")), 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM events WHERE item_id = 8 AND command = 'claim' AND pending = 1")), 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox WHERE item_id = 8 AND command = 'claim' AND base_version = 1")), 1);

    model->refresh();
    QTRY_COMPARE(model->rowCount(), before + 1);
    const int row = [&] {
        for (int r = 0; r < model->rowCount(); ++r) {
            if (model->index(r, 0).data(QueueModel::IdRole).toLongLong() == id)
                return r;
        }
        return -1;
    }();
    QVERIFY(row >= 0);
    QCOMPARE(model->index(row, 0).data(QueueModel::PendingRole).toInt(), 1);
}

void TestQueueModel::refusedCommandChangesNothing()
{
    const qint64 outboxBefore = count(QStringLiteral("SELECT count(*) FROM outbox"));
    QSignalSpy applied(m_cache.writer(), &CacheWriter::applied);
    Models::Command release;
    release.kind = WorkKind::Declaration;
    release.itemId = 15; // row 14: received, nobody holds it
    release.name = QStringLiteral("release");
    m_cache.writer()->apply(release, m_officer);
    QTRY_COMPARE(applied.size(), 1);
    const auto outcome = applied.at(0).at(0).value<CommandOutcome>();
    QVERIFY(!outcome.stored);
    QVERIFY(!outcome.decision.accepted);
    QVERIFY(!outcome.decision.message.isEmpty());
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox")), outboxBefore);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM declarations WHERE id = 15 AND state = 'received' AND pending = 0")), 1);
}

void TestQueueModel::diskFullKeepsWhatIsStored()
{
    const qint64 outboxBefore = count(QStringLiteral("SELECT count(*) FROM outbox"));
    QFile file(m_cache.path());
    m_cache.writer()->limitSize(file.size()); // no room for one more page
    QSignalSpy applied(m_cache.writer(), &CacheWriter::applied);
    // Every claim writes a little; some claim eventually needs a new page.
    bool full = false;
    for (int row = 21; row < kRows && !full; row += 7) {
        Models::Command claim;
        claim.kind = WorkKind::Declaration;
        claim.itemId = row + 1;
        claim.name = QStringLiteral("claim");
        claim.reason = QString(2000, QLatin1Char('x'));
        m_cache.writer()->apply(claim, m_officer);
        QTRY_COMPARE(applied.size(), 1);
        const auto outcome = applied.takeFirst().at(0).value<CommandOutcome>();
        full = outcome.diskFull;
        if (full) {
            QVERIFY(!outcome.stored);
            QVERIFY(!outcome.error.isEmpty());
            QCOMPARE(count(QStringLiteral("SELECT count(*) FROM declarations WHERE id = %1 AND state = 'received'").arg(row + 1)), 1);
        }
    }
    QVERIFY(full);
    QVERIFY(count(QStringLiteral("SELECT count(*) FROM outbox")) >= outboxBefore);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM declarations")), qint64(kRows));
    m_cache.writer()->limitSize(qint64(1) << 40);
}

void TestQueueModel::detailsShowGoodsDocumentsAndHistory()
{
    ItemDetails d;
    QString error;
    QVERIFY2(loadItemDetails(QSqlDatabase::database(m_cache.connectionName(), false), WorkKind::Declaration, 1, m_cache.officerNames(), &d, &error),
             qPrintable(error));
    QCOMPARE(d.number, QStringLiteral("514120261000000000"));
    QCOMPARE(d.summary.size(), QueueSpec::of(WorkKind::Declaration).details.size());
    QCOMPARE(d.goods.size(), 1);
    QCOMPARE(d.goods.at(0).hsCode, QStringLiteral("8471300000"));
    QCOMPARE(d.goods.at(0).value, 10000);
    // The bill of lading it carries and the inspection task that refers to it.
    QCOMPARE(d.documents.size(), 2);
    QCOMPARE(d.documents.at(1).number, QStringLiteral("514120260000000001"));

    QVERIFY(loadItemDetails(QSqlDatabase::database(m_cache.connectionName(), false), WorkKind::Declaration, 8, m_cache.officerNames(), &d, &error));
    QCOMPARE(d.history.size(), 1);
    QCOMPARE(d.history.at(0).actor, QStringLiteral("王建国"));
    QVERIFY(d.history.at(0).pending);
    QCOMPARE(d.holderName, QStringLiteral("王建国"));

    QVERIFY(!loadItemDetails(QSqlDatabase::database(m_cache.connectionName(), false), WorkKind::Declaration, 999999, {}, &d, &error));
    QVERIFY(!error.isEmpty());
}

void TestQueueModel::textTableModelPassesTheTester()
{
    TextTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setHeaders({QStringLiteral("a"), QStringLiteral("b")});
    model.setRows({{QStringLiteral("1"), QStringLiteral("2")}, {QStringLiteral("3")}});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(1, 1).data().toString(), QString());
    model.setRows({});
    QCOMPARE(model.rowCount(), 0);
}

void TestQueueModel::quickCheckReportsDamageAndDeletesNothing()
{
    const QString path = m_dir.filePath(QStringLiteral("damaged.sqlite"));
    QVERIFY(Tests::writeFixtureCache(path, 2000, m_now).isEmpty());
    {
        // Checkpoint so every page is in the main file, then damage pages in the middle.
        Cache c;
        QVERIFY(c.open(path).ok());
    }
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadWrite));
    const qint64 size = f.size();
    // Damage table pages in the second half of the file (the schema is at the start).
    const qint64 pages = size / 4096;
    for (qint64 page = pages / 2; page < pages / 2 + 40 && page < pages; page += 3) {
        f.seek(page * 4096 + 8);
        f.write(QByteArray(512, '\x5a'));
    }
    f.close();

    Cache damaged;
    const OpenResult r = damaged.open(path);
    QVERIFY2(r.ok(), qPrintable(r.message)); // the header is intact: it opens, and the check finds it
    QSignalSpy checked(damaged.reader(), &CacheReader::quickCheckDone);
    damaged.reader()->requestQuickCheck();
    QTRY_COMPARE(checked.size(), 1);
    QCOMPARE(checked.at(0).at(0).toBool(), false);
    QVERIFY(!checked.at(0).at(1).toString().isEmpty());
    damaged.close();
    QVERIFY(QFile::exists(path));
    QCOMPARE(QFileInfo(path).size(), size);

    // Damage where the schema lives: the cache does not open, says why, and stays as it was.
    const QString schemaDamaged = m_dir.filePath(QStringLiteral("schema-damaged.sqlite"));
    QVERIFY(QFile::copy(path, schemaDamaged));
    QFile g(schemaDamaged);
    QVERIFY(g.open(QIODevice::ReadWrite));
    g.seek(100);
    g.write(QByteArray(3900, '\x33'));
    g.close();
    const QByteArray before = [&] {
        QFile h(schemaDamaged);
        h.open(QIODevice::ReadOnly);
        return h.readAll();
    }();
    Cache broken;
    const OpenResult refused = broken.open(schemaDamaged);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error == OpenError::NotADatabase, qPrintable(refused.message + refused.detail));
    QVERIFY(!refused.message.isEmpty());
    QFile h(schemaDamaged);
    QVERIFY(h.open(QIODevice::ReadOnly));
    QCOMPARE(h.readAll(), before);

    Cache healthy;
    QVERIFY(healthy.open(m_dir.filePath(QStringLiteral("cache.sqlite"))).ok());
    QSignalSpy ok(healthy.reader(), &CacheReader::quickCheckDone);
    healthy.reader()->requestQuickCheck();
    QTRY_COMPARE(ok.size(), 1);
    QCOMPARE(ok.at(0).at(0).toBool(), true);
}

void TestQueueModel::twoStepDueInSqlIsTheModels_data()
{
    QTest::addColumn<QDateTime>("arrival");
    const QTimeZone china("Asia/Shanghai");
    QTest::newRow("midday") << QDateTime(QDate(2026, 11, 20), QTime(12, 0), china);
    QTest::newRow("just after midnight in China") << QDateTime(QDate(2026, 11, 20), QTime(0, 0, 1), china);
    QTest::newRow("just before midnight in China") << QDateTime(QDate(2026, 11, 20), QTime(23, 59, 59), china);
    QTest::newRow("UTC evening is China's next day") << QDateTime(QDate(2026, 12, 31), QTime(17, 30), QTimeZone::utc());
    QTest::newRow("across February") << QDateTime(QDate(2028, 2, 20), QTime(8, 0), china);
}

// The detail pane's "full declaration due" is computed in SQL; it must say what the model says.
void TestQueueModel::twoStepDueInSqlIsTheModels()
{
    QFETCH(QDateTime, arrival);
    QString sql;
    for (const Storage::FieldSpec &f : Storage::QueueSpec::of(Models::WorkKind::Declaration).details) {
        if (f.key == QLatin1String("full_declaration_due"))
            sql = f.sql;
    }
    QVERIFY(!sql.isEmpty());
    QSqlQuery q(QSqlDatabase::database(m_cache.connectionName(), false));
    QVERIFY(q.prepare(QStringLiteral("SELECT %1 FROM (SELECT ? AS mode, ? AS arrival_at)").arg(sql)));
    q.addBindValue(int(Models::DeclarationMode::TwoStep));
    q.addBindValue(arrival.toSecsSinceEpoch());
    QVERIFY2(q.exec() && q.next(), qPrintable(q.lastError().text()));
    QCOMPARE(q.value(0).toLongLong(), Models::twoStepFullDeclarationDue(arrival).toSecsSinceEpoch());
    q.addBindValue(int(Models::DeclarationMode::Standard)); // other modes have none
    q.addBindValue(arrival.toSecsSinceEpoch());
    QVERIFY(q.exec() && q.next());
    QVERIFY(q.value(0).isNull());
}

QTEST_GUILESS_MAIN(TestQueueModel)
#include "tst_queuemodel.moc"
