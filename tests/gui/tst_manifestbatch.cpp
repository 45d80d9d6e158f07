// A window officer's batch decisions on e-commerce manifests, end to end through a real
// clearway-server: a batch with documents that disagree and buyers over the quota is claimed and
// released; the summary lists the refused ones by reason; a second desk sees the released ones
// released; the server refuses a release that the quota no longer allows although the desk that
// sent it could not know; the disagreeing ones are returned for modification with a reason.

#include "tests/common/manifestfixture.h"
#include "tests/common/screenshot.h"
#include "tests/common/syncharness.h"
#include "models/ecommerce.h"
#include "storage/cache.h"
#include "storage/database.h"
#include "storage/cachewriter.h"
#include "storage/manifestdocuments.h"
#include "storage/queuemodel.h"
#include "sync/syncclient.h"
#include "ui/batchactions.h"
#include "ui/detailpane.h"
#include "ui/mainwindow.h"
#include "ui/manifestdocuments.h"
#include "ui/queuepage.h"
#include "ui/reasondialog.h"
#include "ui/startup.h"

#include <QApplication>
#include <QDir>
#include <QGuiApplication>
#include <QScreen>
#include <QSplitter>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>
#include <QUuid>

using namespace Clearway;
using Tests::Desk;
using Tests::kPassword;

namespace {

// The batch: manifests 1..kBatch, waiting in the shared queue; 41..45 held by li.na.
constexpr int kBatch = 40;
constexpr int kHeldByLi = 5;
const QString kQuotaBuyer = QStringLiteral("440103199001011234");
const Models::Officer kChief{QStringLiteral("zhou.hua"), QStringLiteral("周华"), QStringLiteral("5141"), Models::Role::Supervisor};

// What each manifest of the fixture is, as a function of its id, so expectations are computed.
bool payerDiffers(int id) { return id <= kBatch && id % 10 == 3; }   // paid by someone else
bool orderTotalDiffers(int id) { return id <= kBatch && id % 10 == 7; }
bool quotaBuyer(int id) { return id == 5 || id == 15 || id == 25 || id == 35 || id == 44; }
bool overTransaction(int id) { return id == 40; }
qint64 total(int id)
{
    if (overTransaction(id))
        return 600000; // 6,000 CNY: above one transaction's limit
    if (id == 35 || id == 44)
        return 150000; // fits the 2,000 CNY the quota buyer has left, once
    if (quotaBuyer(id))
        return 300000;
    return 10000 + id * 1000;
}
// The quota buyer has released six orders of 4,000 CNY this year (ids 101..106): 2,000 CNY left.
constexpr int kFirstReleased = 101;
constexpr int kReleased = 6;

// The fixture's manifests: the batch (1..kBatch, waiting), li.na's (held), the quota buyer's
// released ones.
QList<Tests::FixtureManifest> fixtureManifests()
{
    QList<Tests::FixtureManifest> out;
    QList<int> ids;
    for (int id = 1; id <= kBatch + kHeldByLi; ++id)
        ids << id;
    for (int id = kFirstReleased; id < kFirstReleased + kReleased; ++id)
        ids << id;
    for (int id : std::as_const(ids)) {
        const bool released = id >= kFirstReleased;
        const bool ofQuotaBuyer = quotaBuyer(id) || released;
        Tests::FixtureManifest m;
        m.id = id;
        m.state = released ? QStringLiteral("released") : id > kBatch ? QStringLiteral("under_review") : QStringLiteral("received");
        m.assignee = id > kBatch && !released ? QStringLiteral("li.na") : QString();
        m.buyerName = ofQuotaBuyer ? QStringLiteral("陈晓梅") : QStringLiteral("买家%1").arg(id);
        m.buyerIdNo = ofQuotaBuyer ? kQuotaBuyer : QStringLiteral("44010319850101%1").arg(id, 4, 10, QLatin1Char('0'));
        m.total = released ? 400000 : total(id);
        m.orderTotal = orderTotalDiffers(id) ? m.total + 1250 : -1;
        m.payerName = payerDiffers(id) ? QStringLiteral("刘强") : QString();
        out << m;
    }
    return out;
}

} // namespace

class TestManifestBatch final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void threeDocumentsTabShowsTheDisagreement();
    void batchClaimAndReleaseWithRefusalsByReason();
    void batchReturnForModificationWithAReason();
    void aConfirmedTheftRestoresTheQuota();

private:
    void theServerRefusesWhatTheQuotaNoLongerAllows();
    Ui::QueuePage *page() const { return m_window->findChild<Ui::QueuePage *>(QStringLiteral("queuePage")); }
    Ui::BatchActionBar *bar() const { return page()->batchActions(); }
    void clickBatch(const QString &objectName);
    Storage::BatchOutcome runBatch(const QString &command);
    static QString stateOf(const Desk &desk, int id)
    {
        return desk.value(QStringLiteral("SELECT state || '/' || assignee || '/' || pending FROM manifests WHERE id = ?"), {id}).toString();
    }

    QTemporaryDir m_dir;
    QString m_db;
    Tests::ServerProcess m_server;
    std::unique_ptr<Tests::LoopbackProxy> m_proxyLi;
    Desk m_wang;
    Desk m_li;
    std::unique_ptr<Ui::MainWindow> m_window;
    Models::Command m_liRelease44;
};

void TestManifestBatch::initTestCase()
{
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
    QCOMPARE(Ui::installTranslations(qEnvironmentVariable("CLEARWAY_TEST_LANG", QStringLiteral("en"))), QString());
    m_db = m_dir.filePath(QStringLiteral("server.sqlite"));
    QCOMPARE(Tests::createServerDatabase(m_db, 50, QDateTime::currentDateTime()), QString());
    QCOMPARE(Tests::writeManifests(m_db, fixtureManifests()), QString());
    QCOMPARE(Tests::addUser(m_db, kChief, QStringLiteral("supervisor"), kPassword), QString());
    QString error;
    QVERIFY2(m_server.start(m_db, &error), qPrintable(error));
    m_proxyLi = std::make_unique<Tests::LoopbackProxy>(m_server.port());
    QVERIFY2(m_proxyLi->listen(&error), qPrintable(error));
    QVERIFY2(m_wang.open(m_dir.filePath(QStringLiteral("wang.sqlite")), 0, QDateTime::currentDateTime(), &error), qPrintable(error));
    QVERIFY2(m_li.open(m_dir.filePath(QStringLiteral("li.sqlite")), 0, QDateTime::currentDateTime(), &error), qPrintable(error));
    QSignalSpy wangCopied(m_wang.cache->writer(), &Storage::CacheWriter::snapshotFinished);
    QSignalSpy liCopied(m_li.cache->writer(), &Storage::CacheWriter::snapshotFinished);
    m_wang.start(m_server.url(), Tests::officerWang());
    m_li.start(m_proxyLi->url(), Tests::officerLi());
    QTRY_VERIFY_WITH_TIMEOUT(wangCopied.size() == 1 && liCopied.size() == 1, 30000);
    QCOMPARE(m_wang.value(QStringLiteral("SELECT count(*) FROM manifests")).toInt(), kBatch + kHeldByLi + kReleased);

    m_window = std::make_unique<Ui::MainWindow>(m_wang.cache.get(), Tests::officerWang());
    m_window->attachSync(m_wang.sync.get());
    m_window->resize(1440, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    // Ctrl+2: the manifests (the window officer's second kind of work); Alt+4: all open.
    QTest::keyClick(m_window.get(), Qt::Key_2, Qt::ControlModifier);
    QTest::keyClick(m_window.get(), Qt::Key_4, Qt::AltModifier);
    QTRY_COMPARE(page()->model()->kind(), Models::WorkKind::Manifest);
    QTRY_COMPARE(page()->model()->rowCount(), kBatch + kHeldByLi);
    QVERIFY(bar()->isVisible());
}

void TestManifestBatch::cleanupTestCase()
{
    m_window.reset();
    m_wang.sync.reset();
    m_li.sync.reset();
}

void TestManifestBatch::clickBatch(const QString &objectName)
{
    auto *button = bar()->findChild<QPushButton *>(objectName);
    QVERIFY2(button, qPrintable(objectName));
    QTRY_VERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
}

Storage::BatchOutcome TestManifestBatch::runBatch(const QString &command)
{
    QSignalSpy finished(bar(), &Ui::BatchActionBar::finished);
    clickBatch(QStringLiteral("selectAllInFilterButton"));
    clickBatch(command + QStringLiteral("BatchButton"));
    if (!QTest::qWaitFor([&finished] { return finished.size() == 1; }, 20000))
        return {};
    return finished.constFirst().constFirst().value<Storage::BatchOutcome>();
}

void TestManifestBatch::threeDocumentsTabShowsTheDisagreement()
{
    // Manifest 3 was paid by someone else than its buyer.
    const int row = page()->model()->rowOfId(3);
    QVERIFY(row >= 0);
    page()->table()->selectRow(row);
    QTRY_COMPARE(page()->currentItemId(), qint64(3));
    auto *tabs = page()->detailPane()->findChild<QTabWidget *>(QStringLiteral("detailTabWidget"));
    auto *view = page()->detailPane()->manifestDocuments();
    QVERIFY(tabs->indexOf(view) >= 0);
    tabs->setCurrentWidget(view);
    auto *table = view->findChild<QTableWidget *>(QStringLiteral("threeDocumentsTableWidget"));
    QCOMPARE(table->columnCount(), 4);
    // Buyer's name (row 4) on the payment (column 2) is the one marked, and it says who paid.
    QCOMPARE(table->item(4, 2)->text(), QStringLiteral("刘强"));
    QVERIFY(table->item(4, 2)->data(Qt::UserRole).toBool());
    int marked = 0;
    for (int r = 0; r < table->rowCount(); ++r)
        for (int c = 0; c < table->columnCount(); ++c)
            marked += table->item(r, c)->data(Qt::UserRole).toBool() ? 1 : 0;
    QCOMPARE(marked, 1);
    // The identity numbers are masked but for the last four.
    QCOMPARE(table->item(3, 0)->text(), QStringLiteral("**************0003"));
    const QString mismatches = view->findChild<QLabel *>(QStringLiteral("mismatchesLabel"))->text();
    QVERIFY2(mismatches.contains(QStringLiteral("刘强")) && mismatches.contains(QStringLiteral("买家3")), qPrintable(mismatches));

    // Manifest 5's buyer has 2,000 CNY of the year's quota left; this one is 3,000.
    page()->table()->selectRow(page()->model()->rowOfId(5));
    QTRY_COMPARE(page()->currentItemId(), qint64(5));
    const QString quota = view->findChild<QLabel *>(QStringLiteral("quotaLabel"))->text();
    QVERIFY2(quota.contains(Models::formatMoney(2400000, QStringLiteral("CNY"))) && quota.contains(Models::formatMoney(200000, QStringLiteral("CNY"))),
             qPrintable(quota));
    QVERIFY2(!quota.contains(kQuotaBuyer), qPrintable(quota));
    // A manifest whose documents agree says so.
    page()->table()->selectRow(page()->model()->rowOfId(1));
    QTRY_COMPARE(page()->currentItemId(), qint64(1));
    QVERIFY(view->findChild<QLabel *>(QStringLiteral("mismatchesLabel"))->isHidden());
    page()->table()->selectRow(page()->model()->rowOfId(3));
    QTRY_COMPARE(page()->currentItemId(), qint64(3));
    // Room for the details, as an officer comparing documents drags the splitter.
    if (auto *splitter = page()->findChild<QSplitter *>(QStringLiteral("queueSplitter")))
        splitter->setSizes({330, 470});
    QVERIFY(Tests::saveScreenshot(m_window.get(), QStringLiteral("manifest-documents.png")));
}

void TestManifestBatch::batchClaimAndReleaseWithRefusalsByReason()
{
    // Claim all 45: li.na's five are under her review already, past claiming.
    Storage::BatchOutcome claimed = runBatch(QStringLiteral("claim"));
    QCOMPARE(claimed.total, kBatch + kHeldByLi);
    QCOMPARE(claimed.done, kBatch);
    QCOMPARE(claimed.refused.size(), kHeldByLi);
    for (const Storage::BatchRefusal &r : claimed.refused)
        QCOMPARE(r.code, QStringLiteral("wrong_state"));
    QTRY_VERIFY(bar()->lastSummary());
    bar()->lastSummary()->close();

    // Release all 45. Expected, from the fixture's rules: the disagreeing ones are refused for
    // their documents; 5, 15 and 25 are over the quota buyer's year, 40 over one transaction;
    // 35 fits what is left; li.na's are not held by wang.
    int mismatched = 0, overQuota = 0;
    for (int id = 1; id <= kBatch; ++id) {
        if (payerDiffers(id) || orderTotalDiffers(id))
            ++mismatched;
        else if ((quotaBuyer(id) && id != 35) || overTransaction(id))
            ++overQuota;
    }
    const int released = kBatch - mismatched - overQuota;

    // li.na's desk is cut off and releases 44, of the quota buyer, before wang's batch (see
    // theServerRefusesWhatTheQuotaNoLongerAllows()): her desk takes it.
    m_proxyLi->setUp(false);
    QSignalSpy liApplied(m_li.cache->writer(), &Storage::CacheWriter::applied);
    m_liRelease44.kind = Models::WorkKind::Manifest;
    m_liRelease44.itemId = 44;
    m_liRelease44.name = QStringLiteral("release");
    m_li.cache->writer()->apply(m_liRelease44, Tests::officerLi());
    QTRY_COMPARE(liApplied.size(), 1);
    QVERIFY(liApplied.constFirst().constFirst().value<Storage::CommandOutcome>().stored);

    QSignalSpy progress(m_wang.cache->writer(), &Storage::CacheWriter::batchProgress);
    const Storage::BatchOutcome outcome = runBatch(QStringLiteral("release"));
    QVERIFY(progress.size() >= 1);
    QCOMPARE(outcome.done, released);
    QHash<QString, int> byCode;
    for (const Storage::BatchRefusal &r : outcome.refused) {
        ++byCode[r.code];
        QVERIFY(!r.number.isEmpty());
        if (r.code == QLatin1String("quota_exceeded"))
            QVERIFY2(!r.message.contains(kQuotaBuyer), qPrintable(r.message));
    }
    QCOMPARE(byCode.value(QStringLiteral("documents_disagree")), mismatched);
    QCOMPARE(byCode.value(QStringLiteral("quota_exceeded")), overQuota);
    QCOMPARE(byCode.value(QStringLiteral("not_holder")), kHeldByLi);

    // The summary: one group per reason, its items listed.
    QTRY_VERIFY(bar()->lastSummary() && bar()->lastSummary()->isVisible());
    auto *tree = bar()->lastSummary()->findChild<QTreeWidget *>(QStringLiteral("refusedTreeWidget"));
    QCOMPARE(tree->topLevelItemCount(), 3);
    QStringList groups;
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        groups << tree->topLevelItem(i)->text(0);
        QCOMPARE(tree->topLevelItem(i)->childCount(), byCode.value(tree->topLevelItem(i)->data(0, Qt::UserRole + 1).toString()));
    }
    QVERIFY2(groups.contains(Ui::refusalGroupLabel(QStringLiteral("documents_disagree"), mismatched)), qPrintable(groups.join(u'|')));
    QVERIFY2(groups.contains(Ui::refusalGroupLabel(QStringLiteral("quota_exceeded"), overQuota)), qPrintable(groups.join(u'|')));
    QVERIFY(Tests::saveScreenshot(bar()->lastSummary(), QStringLiteral("manifest-batch-summary.png")));
    QVERIFY(Tests::saveScreenshot(nullptr, QStringLiteral("manifest-batch.png")));
    // Double-clicking a refused item selects it in the queue.
    QTreeWidgetItem *group = tree->findItems(Ui::refusalGroupLabel(QStringLiteral("documents_disagree"), mismatched), Qt::MatchExactly).value(0);
    QVERIFY(group);
    const qint64 first = group->child(0)->data(0, Qt::UserRole).toLongLong();
    Q_EMIT tree->itemDoubleClicked(group->child(0), 0);
    QTRY_COMPARE(page()->currentItemId(), first);
    bar()->lastSummary()->close();

    // Acknowledged by the server, and on the second desk (back on the network).
    QTRY_COMPARE_WITH_TIMEOUT(m_wang.outboxSize(), 0, 20000);
    QCOMPARE(Tests::queryValue(m_db, QStringLiteral("SELECT state FROM manifests WHERE id = 35")).toString(), QStringLiteral("released"));
    theServerRefusesWhatTheQuotaNoLongerAllows();
    QTRY_COMPARE_WITH_TIMEOUT(m_li.value(QStringLiteral("SELECT count(*) FROM manifests WHERE state = 'released' AND id <= ?"), {kBatch}).toInt(),
                              released, 20000);
    QCOMPARE(Tests::queryValue(m_db, QStringLiteral("SELECT count(*) FROM manifests WHERE state = 'released' AND id <= ?"), {kBatch}).toInt(), released);
    QCOMPARE(stateOf(m_li, 35), QStringLiteral("released/wang.jianguo/0"));
    QCOMPARE(stateOf(m_li, 3), QStringLiteral("under_review/wang.jianguo/0"));
}

void TestManifestBatch::theServerRefusesWhatTheQuotaNoLongerAllows()
{
    // li.na's desk was cut off before wang released 35 and released 44 of the same buyer there,
    // where 2,000 CNY of the year was still left: taken by her desk, refused by the server, which
    // knows that 35 took 1,500 of it. She sees the refusal like any refused command.
    QSignalSpy refused(m_li.sync.get(), &Sync::SyncClient::commandRefused);
    m_proxyLi->setUp(true);
    QTRY_COMPARE_WITH_TIMEOUT(refused.size(), 1, 20000);
    const auto command = refused.constFirst().at(0).value<Models::Command>();
    const QString message = refused.constFirst().at(1).toString();
    QCOMPARE(command.itemId, qint64(44));
    QVERIFY2(message.contains(Models::formatMoney(2550000, QStringLiteral("CNY"))) && message.contains(Models::formatMoney(50000, QStringLiteral("CNY"))),
             qPrintable(message));
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(m_li, 44), QStringLiteral("under_review/li.na/0"), 20000);
    QCOMPARE(Tests::queryValue(m_db, QStringLiteral("SELECT state FROM manifests WHERE id = 44")).toString(), QStringLiteral("under_review"));
    QCOMPARE(Tests::queryValue(m_db, QStringLiteral("SELECT code FROM commands WHERE code = 'quota_exceeded'")).toString(), QStringLiteral("quota_exceeded"));
    // Her desk knows it now and refuses the same release before sending it.
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(m_li, 35), QStringLiteral("released/wang.jianguo/0"), 20000);
    QSignalSpy applied(m_li.cache->writer(), &Storage::CacheWriter::applied);
    m_li.cache->writer()->apply(m_liRelease44, Tests::officerLi());
    QTRY_COMPARE(applied.size(), 1);
    const auto outcome = applied.constFirst().constFirst().value<Storage::CommandOutcome>();
    QVERIFY(!outcome.stored);
    QCOMPARE(outcome.decision.code, QStringLiteral("quota_exceeded"));
}

void TestManifestBatch::batchReturnForModificationWithAReason()
{
    // My work: what wang still holds is what was refused (documents, quota).
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_1, Qt::AltModifier);
    QTRY_VERIFY(page()->model()->filter().scope == Storage::Scope::MyWork);
    const int held = int(m_wang.value(QStringLiteral("SELECT count(*) FROM manifests WHERE assignee = 'wang.jianguo' AND state = 'under_review'")).toInt());
    QVERIFY(held > 0);
    QTRY_COMPARE(page()->model()->rowCount(), held);
    // The reason dialog is answered as the officer would: a catalogue reason and words.
    bool asked = false;
    QTimer::singleShot(0, this, [&asked] {
        QTRY_VERIFY(QApplication::activeModalWidget());
        auto *dialog = qobject_cast<Ui::ReasonDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        dialog->setDetails(QStringLiteral("三单信息不一致，请企业核实后重新申报"));
        asked = true;
        dialog->accept();
    });
    const Storage::BatchOutcome outcome = runBatch(QStringLiteral("return_for_modification"));
    QVERIFY(asked);
    QCOMPARE(outcome.done, held);
    QVERIFY(outcome.refused.isEmpty());
    QTRY_VERIFY(bar()->lastSummary());
    bar()->lastSummary()->close();
    QTRY_COMPARE_WITH_TIMEOUT(m_li.value(QStringLiteral("SELECT count(*) FROM manifests WHERE state = 'returned'")).toInt(), held, 20000);
    QVERIFY(m_li.value(QStringLiteral("SELECT reason FROM events WHERE item_kind = 1 AND item_id = 3 AND command = 'return_for_modification'"))
                .toString()
                .contains(QStringLiteral("三单信息不一致")));
}

void TestManifestBatch::aConfirmedTheftRestoresTheQuota()
{
    auto restore = [](Desk &desk, const QStringList &orders) {
        QJsonObject answer;
        desk.sync->request({{QStringLiteral("type"), QStringLiteral("quota_restore")},
                            {QStringLiteral("buyerIdNo"), kQuotaBuyer},
                            {QStringLiteral("caseRef"), QStringLiteral("穗公网安〔2026〕0042")},
                            {QStringLiteral("orders"), QJsonArray::fromStringList(orders)}},
                           desk.cache.get(), [&answer](const QJsonObject &reply) { answer = reply; });
        if (!QTest::qWaitFor([&answer] { return !answer.isEmpty(); }, 10000))
            return QJsonObject{{QStringLiteral("code"), QStringLiteral("no answer")}};
        return answer;
    };
    const QStringList stolen = {Tests::fixtureOrderNo(kFirstReleased), Tests::fixtureOrderNo(kFirstReleased + 1)};
    // A window officer may not; an order the buyer has not released is refused, nothing changes.
    QCOMPARE(restore(m_li, stolen).value(QStringLiteral("code")).toString(), QStringLiteral("forbidden"));
    Desk chief;
    QString error;
    QVERIFY2(chief.open(m_dir.filePath(QStringLiteral("chief.sqlite")), 0, QDateTime::currentDateTime(), &error), qPrintable(error));
    QSignalSpy copied(chief.cache->writer(), &Storage::CacheWriter::snapshotFinished);
    chief.start(m_server.url(), kChief);
    QTRY_COMPARE_WITH_TIMEOUT(copied.size(), 1, 20000);
    const QJsonObject wrong = restore(chief, {stolen.first(), QStringLiteral("TM-NOT-HERS")});
    QCOMPARE(wrong.value(QStringLiteral("code")).toString(), QStringLiteral("invalid"));
    QVERIFY2(wrong.value(QStringLiteral("message")).toString().contains(QStringLiteral("TM-NOT-HERS")), qPrintable(wrong.value(QStringLiteral("message")).toString()));
    QCOMPARE(Tests::queryValue(m_db, QStringLiteral("SELECT count(*) FROM manifests WHERE quota_case <> ''")).toInt(), 0);

    // The case restores two orders of 4,000 CNY: audited, and every desk's quota follows.
    const QJsonObject done = restore(chief, stolen);
    QCOMPARE(done.value(QStringLiteral("type")).toString(), QStringLiteral("quota_restored"));
    QCOMPARE(done.value(QStringLiteral("restored")).toArray().size(), 2);
    QCOMPARE(done.value(QStringLiteral("restoredFen")).toObject().value(QString::number(QDate::currentDate().year())).toInteger(), 800000);
    QCOMPARE(Tests::queryValue(m_db, QStringLiteral("SELECT count(*) FROM audit WHERE entry LIKE '%quota_restore%'")).toInt(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(m_li.value(QStringLiteral("SELECT count(*) FROM manifests WHERE quota_case <> ''")).toInt(), 2, 10000);
    // Again: nothing more to restore, said so.
    QCOMPARE(restore(chief, stolen).value(QStringLiteral("alreadyRestored")).toArray().size(), 2);

    // li.na's release of 44, refused for the quota before, now fits: on her desk and the server.
    QSignalSpy applied(m_li.cache->writer(), &Storage::CacheWriter::applied);
    m_li.cache->writer()->apply(m_liRelease44, Tests::officerLi());
    QTRY_COMPARE(applied.size(), 1);
    QVERIFY(applied.constFirst().constFirst().value<Storage::CommandOutcome>().stored);
    QTRY_COMPARE_WITH_TIMEOUT(Tests::queryValue(m_db, QStringLiteral("SELECT state FROM manifests WHERE id = 44")).toString(), QStringLiteral("released"), 10000);
    chief.sync.reset();
}

QTEST_MAIN(TestManifestBatch)
#include "tst_manifestbatch.moc"
