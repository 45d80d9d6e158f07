// Drives the real main window offscreen over a fixture cache.
#include "models/lifecycle.h"
#include "storage/cache.h"
#include "storage/database.h"
#include "storage/queuemodel.h"
#include "tests/common/cachefixture.h"
#include "ui/detailpane.h"
#include "ui/mainwindow.h"
#include "ui/reasondialog.h"
#include "ui/queuepage.h"
#include "ui/startup.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QInputDialog>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace Clearway;
using Storage::QueueModel;

class TestMainWindow final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void opensOnMyWorkWithTheOfficerInTheStatusBar();
    void navigationShowsLiveCountsAndCacheState();
    void navigationFollowsTheOfficersRoles();
    void ctrlFSearchesTheQueue();
    void jAndKMoveThroughTheQueue();
    void claimAndHoldFromTheKeyboard();
    void handOverOffersOnlyEnabledColleagues();
    void emptyResultSaysSo();
    void overdueQueueHoldsOnlyLateWork();
    void translationsLoadAndAMissingOneIsReported();

private:
    QTableView *table() const { return m_window->queuePage()->table(); }
    QueueModel *model() const { return m_window->queuePage()->model(); }
    void chooseScope(int row) { QTest::keyClick(m_window.get(), Qt::Key(Qt::Key_1 + row), Qt::AltModifier); }
    qint64 count(const QString &sql) const;
    bool buttonShown(const char *name) const
    {
        const auto *b = m_window->findChild<QPushButton *>(QString::fromLatin1(name));
        return b && b->isVisible();
    }

    QTemporaryDir m_dir;
    Storage::Cache m_cache;
    Models::Officer m_officer;
    std::unique_ptr<Ui::MainWindow> m_window;
};

void TestMainWindow::initTestCase()
{
    const QString path = m_dir.filePath(QStringLiteral("cache.sqlite"));
    QCOMPARE(Tests::writeFixtureCache(path, 600, QDateTime::currentDateTime()), QString());
    QVERIFY(m_cache.open(path).ok());
    for (const Models::Officer &o : m_cache.officers()) {
        if (o.id == QLatin1String(Tests::kFixtureOfficer))
            m_officer = o;
    }
    QVERIFY(!m_officer.id.isEmpty());
}

void TestMainWindow::init()
{
    m_window = std::make_unique<Ui::MainWindow>(&m_cache, m_officer);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_window->startBackgroundChecks();
}

void TestMainWindow::cleanup() { m_window.reset(); }

qint64 TestMainWindow::count(const QString &sql) const
{
    QSqlDatabase db = QSqlDatabase::database(m_cache.connectionName(), false);
    QSqlQuery q(db);
    return Storage::execRetrying(q, sql) && q.next() ? q.value(0).toLongLong() : -1;
}

void TestMainWindow::opensOnMyWorkWithTheOfficerInTheStatusBar()
{
    QTreeWidgetItem *current = m_window->navigation()->currentItem();
    QVERIFY(current && current->parent());
    QCOMPARE(current->parent()->text(0), Models::workKindLabel(Models::WorkKind::Declaration));
    const qint64 mine = count(QStringLiteral("SELECT count(*) FROM declarations WHERE assignee = 'wang.jianguo' AND state <> 'released'"));
    QVERIFY(mine > 0);
    QTRY_COMPARE(table()->model()->rowCount(), int(mine));
    QVERIFY(m_window->findChild<QLabel *>(QStringLiteral("officerLabel"))->text().contains(QStringLiteral("王建国")));
    QVERIFY(m_window->findChild<QLabel *>(QStringLiteral("officeLabel"))->text().contains(QStringLiteral("5141")));
    QCOMPARE(m_window->findChild<QLabel *>(QStringLiteral("roleLabel"))->text(), Models::rolesLabel(m_officer.roles));
    // The first item is selected and shown.
    QTRY_VERIFY(m_window->queuePage()->currentItemId() > 0);
    auto *title = m_window->findChild<QLabel *>(QStringLiteral("detailTitleLabel"));
    QVERIFY(title->text().contains(table()->model()->index(0, 0).data().toString()));
}

void TestMainWindow::navigationShowsLiveCountsAndCacheState()
{
    const qint64 open = count(QStringLiteral("SELECT count(*) FROM declarations WHERE state <> 'released'"));
    QTreeWidgetItem *declarations = m_window->navigation()->topLevelItem(0);
    QTRY_VERIFY(declarations->child(3)->text(0).endsWith(QLocale().toString(open)));
    QTRY_COMPARE(m_window->findChild<QLabel *>(QStringLiteral("cacheStateLabel"))->text(), Ui::MainWindow::tr("Cache OK"));
}

void TestMainWindow::navigationFollowsTheOfficersRoles()
{
    const QList<Models::WorkKind> window = Ui::MainWindow::kindsFor(m_officer);
    QCOMPARE(window, (QList<Models::WorkKind>{Models::WorkKind::Declaration, Models::WorkKind::Manifest, Models::WorkKind::ServiceApplication}));
    QCOMPARE(m_window->navigation()->topLevelItemCount(), window.size());
    Models::Officer inspector{QStringLiteral("x"), QStringLiteral("x"), QStringLiteral("5141"), Models::Role::Inspector};
    QCOMPARE(Ui::MainWindow::kindsFor(inspector), QList<Models::WorkKind>{Models::WorkKind::InspectionTask});
}

void TestMainWindow::ctrlFSearchesTheQueue()
{
    chooseScope(3); // all open
    QTRY_VERIFY(model()->rowCount() > 1);
    QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
    auto *search = m_window->findChild<QLineEdit *>(QStringLiteral("searchLineEdit"));
    QTRY_VERIFY(search->hasFocus());
    QTest::keyClicks(search, QStringLiteral("COSU600123"));
    QTest::keyClick(search, Qt::Key_Return);
    QTRY_COMPARE(model()->rowCount(), 1);
    QCOMPARE(model()->index(0, 0).data(QueueModel::IdRole).toLongLong(), 124);
    QVERIFY(table()->hasFocus());
    // Clearing brings the queue back.
    QTest::keyClick(m_window.get(), Qt::Key_X, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(model()->rowCount() > 1);
    QVERIFY(search->text().isEmpty());
}

void TestMainWindow::jAndKMoveThroughTheQueue()
{
    chooseScope(3);
    QTRY_VERIFY(model()->rowCount() > 3);
    table()->setFocus();
    QTest::keyClick(table(), Qt::Key_Home, Qt::ControlModifier);
    QTRY_COMPARE(table()->currentIndex().row(), 0);
    QTest::keyClick(table(), Qt::Key_J);
    QTest::keyClick(table(), Qt::Key_J);
    QCOMPARE(table()->currentIndex().row(), 2);
    QTest::keyClick(table(), Qt::Key_K);
    QCOMPARE(table()->currentIndex().row(), 1);
    QCOMPARE(m_window->queuePage()->currentItemId(), model()->index(1, 0).data(QueueModel::IdRole).toLongLong());
    QTest::keyClick(table(), Qt::Key_Down);
    QCOMPARE(table()->currentIndex().row(), 2);
}

void TestMainWindow::claimAndHoldFromTheKeyboard()
{
    chooseScope(1); // to claim
    QTRY_VERIFY(model()->rowCount() > 0);
    table()->setFocus();
    QTRY_VERIFY(m_window->queuePage()->currentItemId() > 0);
    const qint64 id = m_window->queuePage()->currentItemId();
    QTRY_VERIFY(buttonShown("claimButton"));
    QTest::keyClick(m_window.get(), Qt::Key_M, Qt::ControlModifier);
    QTRY_VERIFY2(count(QStringLiteral("SELECT count(*) FROM outbox WHERE item_id = %1").arg(id)) == 1,
                 qPrintable(m_window->findChild<QLabel *>(QStringLiteral("commandMessageLabel"))->text()));
    QTRY_COMPARE(count(QStringLiteral("SELECT count(*) FROM declarations WHERE id = %1 AND assignee = 'wang.jianguo'").arg(id)), 1);
    QTRY_VERIFY(m_window->findChild<QLabel *>(QStringLiteral("commandMessageLabel"))->isVisible());
    // Claimed work leaves the shared queue.
    QTRY_COMPARE(model()->rowOfId(id), -1);

    chooseScope(0); // my work
    QTRY_VERIFY(model()->rowOfId(id) >= 0);
    table()->selectRow(model()->rowOfId(id));
    QTRY_COMPARE(m_window->queuePage()->currentItemId(), id);
    QTRY_VERIFY(buttonShown("holdButton"));
    // Hold needs a reason: answer the dialog when it opens, first with "Other" and no words (not
    // enough), then with the words.
    QString dialogName;
    bool okWithoutDetails = true;
    QTimer answer;
    answer.setInterval(20);
    connect(&answer, &QTimer::timeout, this, [&] {
        if (auto *dialog = qobject_cast<Ui::ReasonDialog *>(QApplication::activeModalWidget())) {
            answer.stop();
            dialogName = dialog->objectName();
            auto *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
            dialog->choose(QStringLiteral("await_documents"));
            dialog->choose(QStringLiteral("other"));
            okWithoutDetails = ok->isEnabled();
            dialog->setDetails(QStringLiteral("单证不齐，待补充原产地证明"));
            QVERIFY(ok->isEnabled());
            ok->click();
        }
    });
    answer.start();
    QTest::keyClick(m_window.get(), Qt::Key_H, Qt::ControlModifier);
    QTRY_COMPARE(dialogName, QStringLiteral("reasonDialog"));
    QVERIFY(!okWithoutDetails);
    const QString reason = Models::composeReason({Models::reasonCatalogue(Models::WorkKind::Declaration, QStringLiteral("hold")).first().text()},
                                                 QStringLiteral("单证不齐，待补充原产地证明"));
    QTRY_COMPARE(count(QStringLiteral("SELECT count(*) FROM declarations WHERE id = %1 AND state = 'held'").arg(id)), 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM events WHERE item_id = %1 AND reason = '%2'").arg(id).arg(reason)), 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox WHERE item_id = %1").arg(id)), 2);
    auto *history = m_window->findChild<QTableView *>(QStringLiteral("historyTableView"));
    QTRY_COMPARE(history->model()->rowCount(), 2);
}

void TestMainWindow::handOverOffersOnlyEnabledColleagues()
{
    Models::Officer chief;
    for (const Models::Officer &o : m_cache.officers()) {
        if (o.id == QLatin1String("zhou.hua"))
            chief = o;
    }
    QVERIFY(chief.hasRole(Models::Role::Supervisor));
    m_window.reset();
    Ui::MainWindow window(&m_cache, chief);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_4, Qt::AltModifier); // all open
    QTRY_VERIFY(window.queuePage()->currentItemId() > 0);

    // The names the hand-over offers, read from the dialog, which is then cancelled.
    auto offered = [&window] {
        QStringList names;
        QTimer::singleShot(0, &window, [&window, &names] {
            auto *dialog = window.findChild<QInputDialog *>(QStringLiteral("targetOfficerDialog"));
            if (dialog) {
                names = dialog->comboBoxItems();
                dialog->reject();
            }
        });
        auto *reassign = window.findChild<QPushButton *>(QStringLiteral("reassignButton"));
        if (!reassign || !reassign->isVisible())
            return QStringList{QStringLiteral("no reassign button")};
        reassign->click();
        return names;
    };
    const QString wang = Ui::QueuePage::tr("%1 (%2)").arg(QStringLiteral("王建国"), QStringLiteral("wang.jianguo"));
    const QString li = Ui::QueuePage::tr("%1 (%2)").arg(QStringLiteral("李娜"), QStringLiteral("li.na"));
    QTRY_VERIFY(window.findChild<QPushButton *>(QStringLiteral("reassignButton")));
    QCOMPARE(offered(), (QStringList{li, wang}));

    // li.na's account is disabled on the server (the change stream sets it in the cache): no more
    // work is offered to her.
    auto setLiActive = [this](bool active) {
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("officers"));
            db.setDatabaseName(m_cache.path());
            if (!db.open() || !QSqlQuery(db).exec(QStringLiteral("UPDATE officers SET active = %1 WHERE id = 'li.na'").arg(active ? 1 : 0)))
                return false;
        }
        QSqlDatabase::removeDatabase(QStringLiteral("officers"));
        return true;
    };
    QVERIFY(setLiActive(false));
    QCOMPARE(offered(), QStringList{wang});
    QVERIFY(setLiActive(true));
}

void TestMainWindow::emptyResultSaysSo()
{
    chooseScope(3);
    auto *search = m_window->findChild<QLineEdit *>(QStringLiteral("searchLineEdit"));
    search->setFocus();
    search->insert(QStringLiteral("不存在的企业名称")); // keyClicks types Latin-1 only
    QTest::keyClick(search, Qt::Key_Return);
    auto *empty = m_window->findChild<QLabel *>(QStringLiteral("emptyQueueLabel"));
    QTRY_VERIFY(empty->isVisible());
    QVERIFY(empty->text().contains(QStringLiteral("Ctrl+Shift+X")));
    QCOMPARE(m_window->queuePage()->currentItemId(), 0);
}

void TestMainWindow::overdueQueueHoldsOnlyLateWork()
{
    chooseScope(2);
    QTRY_VERIFY(model()->isCountExact());
    QVERIFY(model()->rowCount() > 0);
    for (int row = 0; row < model()->rowCount(); ++row)
        QCOMPARE(model()->index(row, 0).data(QueueModel::SlaRole).toInt(), int(Models::SlaState::Overdue));
}

void TestMainWindow::translationsLoadAndAMissingOneIsReported()
{
    QVERIFY(!Ui::installTranslations(QStringLiteral("xx_XX")).isEmpty());
    QCOMPARE(Ui::installTranslations(QStringLiteral("zh_CN")), QString());
    QCOMPARE(Ui::MainWindow::tr("My work"), QStringLiteral("我的工作"));
    QCOMPARE(Models::workKindLabel(Models::WorkKind::Declaration), QStringLiteral("报关单"));
    // fonts-noto-cjk is a test dependency, so Chinese renders here.
    QCOMPARE(Ui::checkChineseFont(), QString());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
