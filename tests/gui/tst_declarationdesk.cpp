// The window officer's declaration work end to end, on real main windows of two workstations and
// a chief's, all synced through a real clearway-server process: claim → review → decision with
// reasons from the catalogue, seen by a colleague; escalation endorsed by the chief, then release.
#include "models/reasons.h"
#include "storage/cache.h"
#include "storage/queuemodel.h"
#include "sync/syncclient.h"
#include "tests/common/syncharness.h"
#include "tests/common/screenshot.h"
#include "ui/mainwindow.h"
#include "ui/refusalsdialog.h"
#include "ui/queuepage.h"
#include "ui/reasondialog.h"
#include "ui/startup.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QLineEdit>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Clearway;
using Tests::Desk;

namespace {

constexpr int kDeclarations = 140;

// A workstation on screen: its cache and sync client, and its main window.
struct Workstation
{
    Desk desk;
    Models::Officer officer;
    std::unique_ptr<Ui::MainWindow> window;

    bool activate()
    {
        window->raise();
        window->activateWindow();
        return QTest::qWaitForWindowActive(window.get());
    }
    QTableView *table() const { return window->queuePage()->table(); }
    Storage::QueueModel *model() const { return window->queuePage()->model(); }
    void chooseScope(int row) { QTest::keyClick(window.get(), Qt::Key(Qt::Key_1 + row), Qt::AltModifier); }
    // The detail pane's button for `command`, once it is on screen.
    QPushButton *button(const QString &command) const
    {
        auto *b = window->findChild<QPushButton *>(command + QStringLiteral("Button"));
        return b && b->isVisible() ? b : nullptr;
    }
    // Selects the item in the queue shown, once the queue has it.
    bool select(qint64 id)
    {
        if (!QTest::qWaitFor([&] { return model()->rowOfId(id) >= 0; }, 10000))
            return false;
        table()->selectRow(model()->rowOfId(id));
        return QTest::qWaitFor([&] { return window->queuePage()->currentItemId() == id; }, 5000);
    }
    bool historyHas(const QString &text) const
    {
        const QAbstractItemModel *history = window->findChild<QTableView *>(QStringLiteral("historyTableView"))->model();
        for (int r = 0; r < history->rowCount(); ++r) {
            for (int c = 0; c < history->columnCount(); ++c) {
                if (history->index(r, c).data().toString() == text)
                    return true;
            }
        }
        return false;
    }
};

} // namespace

class TestDeclarationDesk final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void claimReviewReturnShowsOnTheColleaguesDesk();
    void escalationIsEndorsedByTheChiefThenReleased();
    void aColleaguesClaimIsRefusedWithTheHolderNamed();
    void aChangeTheDeskCannotSaveIsShownUntilItIsSaved();

private:
    void openWorkstation(Workstation &w, const Models::Officer &officer);
    // Answers the next reason dialog with the catalogue options `codes` and `details`.
    void answerReason(const QStringList &codes, const QString &details);
    QString serverValue(const QString &sql) const { return Tests::queryValue(m_db, sql).toString(); }

    QTemporaryDir m_dir;
    QString m_db;
    Tests::ServerProcess m_server;
    Workstation m_wang;
    Workstation m_li;
    Workstation m_chief;
    QTimer m_answer;
    QString m_answered; // the dialog's reason, once answered
};

void TestDeclarationDesk::initTestCase()
{
    QCOMPARE(Ui::installTranslations(qEnvironmentVariable("CLEARWAY_TEST_LANG", QStringLiteral("en"))), QString());
    m_db = m_dir.filePath(QStringLiteral("server.sqlite"));
    QCOMPARE(Tests::createServerDatabase(m_db, kDeclarations, QDateTime::currentDateTime()), QString());
    const Models::Officer chief{QStringLiteral("zhou.hua"), QStringLiteral("周华"), QStringLiteral("5141"), Models::Role::Supervisor};
    QCOMPARE(Tests::addUser(m_db, chief, QStringLiteral("supervisor"), Tests::kPassword), QString());
    QString error;
    QVERIFY2(m_server.start(m_db, &error), qPrintable(error));
    openWorkstation(m_wang, Tests::officerWang());
    openWorkstation(m_li, Tests::officerLi());
    openWorkstation(m_chief, chief);
}

void TestDeclarationDesk::cleanupTestCase()
{
    for (Workstation *w : {&m_wang, &m_li, &m_chief}) {
        w->window.reset();
        w->desk.sync.reset();
    }
}

void TestDeclarationDesk::openWorkstation(Workstation &w, const Models::Officer &officer)
{
    QString error;
    QVERIFY2(w.desk.open(m_dir.filePath(officer.id + QStringLiteral(".sqlite")), 0, QDateTime::currentDateTime(), &error), qPrintable(error));
    w.officer = officer;
    w.desk.start(m_server.url(), officer);
    QTRY_COMPARE_WITH_TIMEOUT(w.desk.sync->state(), Sync::SyncClient::State::Online, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(w.desk.sync->isFollowing(), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(w.desk.value(QStringLiteral("SELECT count(*) FROM declarations")).toInt(), kDeclarations, 20000);
    w.window = std::make_unique<Ui::MainWindow>(w.desk.cache.get(), officer);
    w.window->attachSync(w.desk.sync.get());
    w.window->resize(1440, 900);
    w.window->show();
    QVERIFY(QTest::qWaitForWindowExposed(w.window.get()));
}

void TestDeclarationDesk::answerReason(const QStringList &codes, const QString &details)
{
    m_answered.clear();
    m_answer.disconnect();
    m_answer.setInterval(20);
    connect(&m_answer, &QTimer::timeout, this, [this, codes, details] {
        auto *dialog = qobject_cast<Ui::ReasonDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        m_answer.stop();
        for (const QString &code : codes)
            dialog->choose(code);
        dialog->setDetails(details);
        m_answered = dialog->reason();
        if (codes.size() > 1)
            QVERIFY(Tests::saveScreenshot(dialog, QStringLiteral("declaration-reasons.png")));
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    });
    m_answer.start();
}

void TestDeclarationDesk::claimReviewReturnShowsOnTheColleaguesDesk()
{
    // The fixture's declarations in "received" with no holder: row % 7 == 0, id = row + 1.
    const qint64 id = 1 + 7 * 3;
    QCOMPARE(serverValue(QStringLiteral("SELECT state || '/' || assignee FROM declarations WHERE id = %1").arg(id)), QStringLiteral("received/"));

    QVERIFY(m_li.activate());
    m_li.chooseScope(1); // to claim
    QVERIFY(m_li.select(id));

    QVERIFY(m_wang.activate());
    m_wang.chooseScope(1);
    QVERIFY(m_wang.select(id));
    QTRY_VERIFY(m_wang.button(QStringLiteral("claim")));
    QTest::keyClick(m_wang.window.get(), Qt::Key_M, Qt::ControlModifier);
    QTRY_COMPARE(serverValue(QStringLiteral("SELECT state || '/' || assignee FROM declarations WHERE id = %1").arg(id)),
                 QStringLiteral("under_review/wang.jianguo"));
    // The colleague's queue of work to claim loses it, without anyone refreshing.
    QTRY_COMPARE_WITH_TIMEOUT(m_li.desk.itemState(id), QStringLiteral("under_review/wang.jianguo/0"), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(m_li.model()->rowOfId(id), -1, 5000);

    // Review in my work, then return it for correction with two catalogue reasons and words.
    m_wang.chooseScope(0);
    QVERIFY(m_wang.select(id));
    QTRY_VERIFY(m_wang.button(QStringLiteral("return_for_correction")));
    answerReason({QStringLiteral("classification"), QStringLiteral("documents")}, QStringLiteral("第2项 0306170000 应归入 0306160000"));
    QTest::keyClick(m_wang.window.get(), Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(!m_answered.isEmpty());
    const auto catalogue = Models::reasonCatalogue(Models::WorkKind::Declaration, QStringLiteral("return_for_correction"));
    QCOMPARE(m_answered, Models::composeReason({catalogue.at(0).text(), catalogue.at(6).text()}, QStringLiteral("第2项 0306170000 应归入 0306160000")));
    QTRY_COMPARE(serverValue(QStringLiteral("SELECT state FROM declarations WHERE id = %1").arg(id)), QStringLiteral("returned"));
    QTRY_COMPARE(m_wang.desk.outboxSize(), 0);

    // The colleague sees it returned, with who did it and why, in the detail pane's history.
    QTRY_COMPARE_WITH_TIMEOUT(m_li.desk.itemState(id), QStringLiteral("returned/wang.jianguo/0"), 5000);
    QVERIFY(m_li.activate());
    m_li.chooseScope(3); // all open
    QVERIFY(m_li.select(id));
    QTRY_VERIFY(m_li.historyHas(m_answered));
    QVERIFY(m_li.historyHas(QStringLiteral("王建国")));
    auto *tabs = m_li.window->findChild<QTabWidget *>(QStringLiteral("detailTabWidget"));
    tabs->setCurrentWidget(m_li.window->findChild<QTableView *>(QStringLiteral("historyTableView")));
    QVERIFY(Tests::saveScreenshot(m_li.window.get(), QStringLiteral("declaration-history.png")));
    QVERIFY(!m_li.button(QStringLiteral("release"))); // not theirs to decide
}

void TestDeclarationDesk::escalationIsEndorsedByTheChiefThenReleased()
{
    const qint64 id = 1 + 7 * 4;
    QVERIFY(m_wang.activate());
    m_wang.chooseScope(1);
    QVERIFY(m_wang.select(id));
    QTRY_VERIFY(m_wang.button(QStringLiteral("claim")));
    QTest::keyClick(m_wang.window.get(), Qt::Key_M, Qt::ControlModifier);
    QTRY_COMPARE(m_wang.desk.itemState(id), QStringLiteral("under_review/wang.jianguo/0"));
    m_wang.chooseScope(0);
    QVERIFY(m_wang.select(id));
    QTRY_VERIFY(m_wang.button(QStringLiteral("escalate")));
    answerReason({QStringLiteral("high_value")}, QString());
    QTest::keyClick(m_wang.window.get(), Qt::Key_E, Qt::ControlModifier);
    QTRY_COMPARE(serverValue(QStringLiteral("SELECT state FROM declarations WHERE id = %1").arg(id)), QStringLiteral("escalated"));

    // The chief endorses it on another workstation; it comes back to the officer under review.
    QTRY_COMPARE_WITH_TIMEOUT(m_chief.desk.itemState(id), QStringLiteral("escalated/wang.jianguo/0"), 5000);
    QVERIFY(m_chief.activate());
    m_chief.chooseScope(3);
    QVERIFY(m_chief.select(id));
    QTRY_VERIFY(m_chief.historyHas(m_answered));
    QTRY_VERIFY(m_chief.button(QStringLiteral("endorse")));
    QTest::mouseClick(m_chief.button(QStringLiteral("endorse")), Qt::LeftButton);
    QTRY_COMPARE(serverValue(QStringLiteral("SELECT state || '/' || assignee FROM declarations WHERE id = %1").arg(id)),
                 QStringLiteral("under_review/wang.jianguo"));

    QTRY_COMPARE_WITH_TIMEOUT(m_wang.desk.itemState(id), QStringLiteral("under_review/wang.jianguo/0"), 5000);
    QVERIFY(m_wang.activate());
    QVERIFY(m_wang.select(id));
    QTRY_VERIFY(m_wang.button(QStringLiteral("release")));
    QTest::mouseClick(m_wang.button(QStringLiteral("release")), Qt::LeftButton);
    QTRY_COMPARE(serverValue(QStringLiteral("SELECT state FROM declarations WHERE id = %1").arg(id)), QStringLiteral("released"));
    QTRY_COMPARE_WITH_TIMEOUT(m_li.desk.itemState(id), QStringLiteral("released/wang.jianguo/0"), 5000);
}

void TestDeclarationDesk::aColleaguesClaimIsRefusedWithTheHolderNamed()
{
    // Li claims while offline; Wang claims the same online first: the server keeps Wang's, Li's
    // desk shows why, and Li's queue shows the item as Wang's.
    const qint64 id = 1 + 7 * 5;
    m_li.desk.sync->stop();
    QVERIFY(m_li.activate());
    m_li.chooseScope(1);
    QVERIFY(m_li.select(id));
    QTRY_VERIFY(m_li.button(QStringLiteral("claim")));
    QTest::keyClick(m_li.window.get(), Qt::Key_M, Qt::ControlModifier);
    QTRY_COMPARE(m_li.desk.itemState(id), QStringLiteral("under_review/li.na/1"));

    m_wang.desk.issue(m_wang.officer, QStringLiteral("claim"), id);
    QTRY_COMPARE(serverValue(QStringLiteral("SELECT assignee FROM declarations WHERE id = %1").arg(id)), QStringLiteral("wang.jianguo"));

    m_li.desk.start(m_server.url(), m_li.officer);
    QTRY_COMPARE_WITH_TIMEOUT(m_li.desk.itemState(id), QStringLiteral("under_review/wang.jianguo/0"), 10000);
    m_li.chooseScope(3);
    QVERIFY(m_li.select(id));
    QTRY_VERIFY(m_li.historyHas(QStringLiteral("王建国")));
    // The refusal is written into the item's history and said in the status bar.
    QTRY_VERIFY(m_li.desk.value(QStringLiteral("SELECT count(*) FROM events WHERE item_id = %1 AND command = 'claim' AND reason <> ''").arg(id)).toInt() >= 1);

    // It stays in the status bar's list of refusals, with the way back to the item.
    auto *refusals = m_li.window->findChild<QToolButton *>(QStringLiteral("refusalsToolButton"));
    QVERIFY(refusals);
    QTRY_VERIFY(refusals->isVisible());
    QCOMPARE(m_li.window->refusals().size(), 1);
    const QString number = m_li.desk.value(QStringLiteral("SELECT number FROM declarations WHERE id = %1").arg(id)).toString();
    QCOMPARE(m_li.window->refusals().constFirst().number, number);
    m_li.chooseScope(0); // elsewhere
    refusals->click();
    auto *dialog = m_li.window->findChild<Ui::RefusalsDialog *>(QStringLiteral("refusalsDialog"));
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(dialog->table()->rowCount(), 1);
    QCOMPARE(dialog->table()->item(0, 2)->text(), number);
    QVERIFY2(dialog->table()->item(0, 4)->text().contains(QStringLiteral("Under review"))
                 || dialog->table()->item(0, 4)->text().contains(QStringLiteral("审核中")),
             qPrintable(dialog->table()->item(0, 4)->text()));
    QVERIFY(Tests::saveScreenshot(dialog, QStringLiteral("refusals.png")));
    dialog->findChild<QPushButton *>(QStringLiteral("showItemButton"))->click();
    QTRY_COMPARE(m_li.window->queuePage()->currentItemId(), id);
    // In the declarations' "All open", the item found by its number.
    QVERIFY(m_li.window->navigation()->currentItem()->text(0).startsWith(QCoreApplication::translate("Clearway::Ui::MainWindow", "All open")));
    QCOMPARE(m_li.window->findChild<QLineEdit *>(QStringLiteral("searchLineEdit"))->text(), number);
    dialog->findChild<QPushButton *>(QStringLiteral("clearRefusalsButton"))->click();
    QTRY_VERIFY(!refusals->isVisible());
    QVERIFY(m_li.window->refusals().isEmpty());
}

void TestDeclarationDesk::aChangeTheDeskCannotSaveIsShownUntilItIsSaved()
{
    // Li's cache cannot write this item (a trigger stands in for the cause); Wang claims it.
    const qint64 id = 1 + 7 * 19;
    QTRY_VERIFY_WITH_TIMEOUT(m_li.desk.sync->isFollowing(), 20000);
    QVERIFY(m_li.desk.execBeside(QStringLiteral("CREATE TRIGGER refuse_one BEFORE UPDATE ON declarations WHEN NEW.id = %1"
                                                " BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END")
                                     .arg(id)));
    m_wang.desk.issue(m_wang.officer, QStringLiteral("claim"), id);
    auto *label = m_li.window->findChild<QLabel *>(QStringLiteral("syncStateLabel"));
    QVERIFY(label);
    const QString stalled = QCoreApplication::translate("Clearway::Ui::MainWindow", "Not up to date: the server's changes cannot be saved here, trying again");
    QTRY_VERIFY_WITH_TIMEOUT(label->text().startsWith(stalled), 20000);
    QVERIFY2(label->toolTip().contains(QStringLiteral("disk I/O error")), qPrintable(label->toolTip()));
    QVERIFY(label->styleSheet().contains(QStringLiteral("bold")));
    QVERIFY(m_li.activate());
    QVERIFY(Tests::saveScreenshot(m_li.window.get(), QStringLiteral("sync-stalled.png")));

    // Writable again: the change arrives and the status bar says online.
    QVERIFY(m_li.desk.execBeside(QStringLiteral("DROP TRIGGER refuse_one")));
    QTRY_COMPARE_WITH_TIMEOUT(m_li.desk.itemState(id), QStringLiteral("under_review/wang.jianguo/0"), 30000);
    QTRY_VERIFY(!label->text().startsWith(stalled));
    QVERIFY(label->styleSheet().isEmpty());
}

QTEST_MAIN(TestDeclarationDesk)
#include "tst_declarationdesk.moc"
