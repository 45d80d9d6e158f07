// Window services end to end through a real clearway-server process: applications received at
// one workstation (window officer 王建国) with the intake form, the receipt saved as PDF, handed off
// from the queue; claimed and completed at another workstation signed in as 李娜; the progress
// look-up on the first shows it completed, stage by stage; the ledger lists the hand-offs and who
// took them. Then the server goes away and an intake is refused with what was typed kept.
// CLEARWAY_TEST_LANG=zh_CN and CLEARWAY_SCREENSHOT_DIR=dir save the screenshots of the docs
// (CLEARWAY_TEST_EXTRA_QM=file.qm adds translations not yet in the catalogue).
#include "models/lifecycle.h"
#include "storage/cache.h"
#include "sync/syncclient.h"
#include "tests/common/syncharness.h"
#include "tests/common/screenshot.h"
#include "ui/intakedialog.h"
#include "ui/mainwindow.h"
#include "ui/queuepage.h"
#include "ui/receipt.h"
#include "ui/startup.h"
#include "ui/windowservices.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QInputMethodEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QTranslator>

using namespace Clearway;
using Tests::Desk;

namespace {

struct Applicant
{
    const char *service;
    const char *name;
    const char *id;
    const char *contact;
};

const Applicant kOrigin{"certificate_of_origin", "广州测试海产品有限公司", "91350100M000100Y43", "020-8888 6666"};
const Applicant kSpecial{"special_items_approval", "广州生物科技研究院", "91350100M000100Y43", "13800138000"};
const Applicant kQuota{"consumer_quota_restoration", "陈小梅", "11010519491231002X", "13900139000"};

// Types `text` as an officer does: Latin text key by key, Chinese through the input method, which
// commits it whole.
void type(QWidget *widget, const QString &text)
{
    bool latin = true;
    for (const QChar c : text)
        latin = latin && c.unicode() < 0x80;
    if (latin) {
        QTest::keyClicks(widget, text);
        return;
    }
    QInputMethodEvent event;
    event.setCommitString(text);
    QApplication::sendEvent(widget, &event);
}

} // namespace

class TestWindowServices final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void theIntakeFormSaysWhatIsWrongAndSendsNothing();
    void anApplicationIsReceivedWithANumberAndAReceipt();
    void itIsHandedOffAtTheWindow();
    void anotherOfficerClaimsAndCompletesIt();
    void theProgressLookUpShowsItCompleted();
    void theLedgerListsTheHandOffs();
    void offlineTheIntakeIsRefusedAndNothingTypedIsLost();

private:
    void open(Desk &desk, std::unique_ptr<Ui::MainWindow> &window, const Models::Officer &officer, const QString &name);
    Ui::IntakeDialog *intake();
    void fill(Ui::IntakeDialog *dialog, const Applicant &a, bool allDocuments);
    QString receive(const Applicant &a);
    // Finds the application in the window's queue and clicks the command's button.
    void command(Ui::MainWindow &window, const QString &number, const QString &name);

    QTemporaryDir m_dir;
    QString m_db;
    Tests::ServerProcess m_server;
    Desk m_wangDesk;
    Desk m_liDesk;
    std::unique_ptr<Ui::MainWindow> m_wang;
    std::unique_ptr<Ui::MainWindow> m_li;
    QString m_number; // the application followed to completion
    QString m_special;
    QString m_quota;
};

void TestWindowServices::initTestCase()
{
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
    QCOMPARE(Ui::installTranslations(qEnvironmentVariable("CLEARWAY_TEST_LANG", QStringLiteral("en"))), QString());
    // Translations not yet merged into the catalogue, for screenshots (a .qm file).
    if (const QString extra = qEnvironmentVariable("CLEARWAY_TEST_EXTRA_QM"); !extra.isEmpty()) {
        auto *translator = new QTranslator(qApp);
        QVERIFY2(translator->load(extra) && QApplication::installTranslator(translator), qPrintable(extra));
    }
    m_db = m_dir.filePath(QStringLiteral("server.sqlite"));
    QCOMPARE(Tests::createServerDatabase(m_db, 20, QDateTime::currentDateTime()), QString());
    QString error;
    QVERIFY2(m_server.start(m_db, &error), qPrintable(error));
    open(m_wangDesk, m_wang, Tests::officerWang(), QStringLiteral("wang.sqlite"));
    open(m_liDesk, m_li, Tests::officerLi(), QStringLiteral("li.sqlite"));
}

void TestWindowServices::cleanupTestCase()
{
    m_wang.reset();
    m_li.reset();
    m_wangDesk.sync.reset();
    m_liDesk.sync.reset();
}

void TestWindowServices::open(Desk &desk, std::unique_ptr<Ui::MainWindow> &window, const Models::Officer &officer, const QString &name)
{
    QString error;
    QVERIFY2(desk.open(m_dir.filePath(name), 0, QDateTime::currentDateTime(), &error), qPrintable(error));
    desk.start(m_server.url(), officer);
    QTRY_VERIFY_WITH_TIMEOUT(desk.sync->isFollowing(), 30000);
    window = std::make_unique<Ui::MainWindow>(desk.cache.get(), officer);
    window->attachSync(desk.sync.get());
    window->resize(1280, 800);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    QVERIFY(window->windowServices());
}

Ui::IntakeDialog *TestWindowServices::intake()
{
    auto *action = m_wang->findChild<QAction *>(QStringLiteral("receiveApplicationAction"));
    if (!action)
        return nullptr;
    action->trigger();
    return m_wang->findChild<Ui::IntakeDialog *>();
}

void TestWindowServices::fill(Ui::IntakeDialog *dialog, const Applicant &a, bool allDocuments)
{
    auto *service = dialog->findChild<QComboBox *>(QStringLiteral("serviceComboBox"));
    const int index = service->findData(QString::fromLatin1(a.service));
    QVERIFY(index >= 0);
    service->setFocus();
    service->setCurrentIndex(index);
    for (const char *field : {"applicantNameLineEdit", "applicantIdLineEdit", "contactLineEdit", "windowLineEdit"}) {
        auto *edit = dialog->findChild<QLineEdit *>(QString::fromLatin1(field));
        edit->clear();
        const char *text = field == QByteArrayView("applicantNameLineEdit") ? a.name
                         : field == QByteArrayView("applicantIdLineEdit")   ? a.id
                         : field == QByteArrayView("contactLineEdit")       ? a.contact
                                                                            : "3";
        type(edit, QString::fromUtf8(text));
    }
    // Ticks the documents with the keyboard, as an officer would: Space on each one.
    auto *documents = dialog->findChild<QListWidget *>(QStringLiteral("documentsListWidget"));
    documents->setFocus();
    const Models::ServiceItem *item = Models::ServiceCatalogue::find(QString::fromLatin1(a.service));
    for (int i = 0; i < documents->count(); ++i) {
        const bool required = item->documents.at(i).required;
        if ((!required && !allDocuments) || documents->item(i)->checkState() == Qt::Checked)
            continue;
        documents->setCurrentRow(i);
        QTest::keyClick(documents, Qt::Key_Space);
        QCOMPARE(documents->item(i)->checkState(), Qt::Checked);
    }
}

QString TestWindowServices::receive(const Applicant &a)
{
    Ui::IntakeDialog *dialog = intake();
    if (!dialog)
        return {};
    auto *next = dialog->findChild<QPushButton *>(QStringLiteral("nextApplicationButton"));
    if (next->isVisible())
        QTest::mouseClick(next, Qt::LeftButton);
    fill(dialog, a, false);
    QTest::qWait(1100); // at least a second at the window
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("receiveButton")), Qt::LeftButton);
    if (!QTest::qWaitFor([dialog] { return !dialog->receipt().number.isEmpty(); }, 10000))
        return {};
    return dialog->receipt().number;
}

void TestWindowServices::command(Ui::MainWindow &window, const QString &number, const QString &name)
{
    Ui::QueuePage *page = window.queuePage();
    page->showQueue(Models::WorkKind::ServiceApplication, Storage::Scope::All);
    auto *search = page->findChild<QLineEdit *>(QStringLiteral("searchLineEdit"));
    search->clear();
    QTest::keyClicks(search, number);
    QTest::keyClick(search, Qt::Key_Return);
    QTRY_COMPARE(page->table()->model()->rowCount(), 1);
    page->table()->setCurrentIndex(page->table()->model()->index(0, 0));
    QPushButton *button = nullptr;
    QTRY_VERIFY((button = window.findChild<QPushButton *>(name + QStringLiteral("Button"))) && button->isVisible() && button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
}

void TestWindowServices::theIntakeFormSaysWhatIsWrongAndSendsNothing()
{
    Ui::IntakeDialog *dialog = intake();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->isModal());
    auto *timer = dialog->findChild<QLabel *>(QStringLiteral("intakeTimerLabel"));
    const QString started = timer->text();
    QTRY_VERIFY_WITH_TIMEOUT(timer->text() != started, 3000); // it runs
    QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("intakeAverageLabel"))->text(), Ui::IntakeDialog::tr("Your average: no applications received yet"));

    Applicant wrong = kOrigin;
    wrong.id = "91350100M000100Y44"; // a wrong check character
    fill(dialog, wrong, false);
    // One required document not ticked.
    auto *documents = dialog->findChild<QListWidget *>(QStringLiteral("documentsListWidget"));
    documents->setCurrentRow(1);
    QTest::keyClick(documents, Qt::Key_Space);
    QCOMPARE(documents->item(1)->checkState(), Qt::Unchecked);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("receiveButton")), Qt::LeftButton);
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("applicantIdErrorLabel"))->isVisible());
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("documentsErrorLabel"))->text().contains(documents->item(1)->text()));
    QVERIFY(!dialog->findChild<QLabel *>(QStringLiteral("applicantNameErrorLabel"))->isVisible());
    QVERIFY(dialog->receipt().number.isEmpty());
    // Nothing reached the server.
    QCOMPARE(Tests::queryValue(m_db, QStringLiteral("SELECT count(*) FROM applications WHERE received_by <> ''")).toInt(), 0);
}

void TestWindowServices::anApplicationIsReceivedWithANumberAndAReceipt()
{
    Ui::IntakeDialog *dialog = intake();
    QVERIFY(dialog);
    fill(dialog, kOrigin, true);
    auto *notes = dialog->findChild<QWidget *>(QStringLiteral("notesPlainTextEdit"));
    type(notes, QString::fromUtf8("船期为本周五，请加急办理。"));
    QTest::qWait(1100); // at least a second at the window
    QVERIFY(Tests::saveScreenshot(dialog, QStringLiteral("window-intake.png")));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("receiveButton")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->receipt().number.isEmpty(), 10000);
    m_number = dialog->receipt().number;
    QVERIFY2(QRegularExpression(QStringLiteral("^5141-\\d{8}-0001$")).match(m_number).hasMatch(), qPrintable(m_number));
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("intakeStatusLabel"))->text().contains(m_number));
    QVERIFY(dialog->findChild<QPushButton *>(QStringLiteral("printReceiptButton"))->isVisible());
    QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("receiveButton"))->isVisible());
    // The seconds the intake took are stored with the application, by the receiving officer.
    const qint64 seconds = Tests::queryValue(m_db, QStringLiteral("SELECT intake_seconds FROM applications WHERE number = ?"), {m_number}).toLongLong();
    QVERIFY2(seconds >= 1 && seconds < 600, qPrintable(QString::number(seconds)));
    QCOMPARE(Tests::queryValue(m_db, QStringLiteral("SELECT received_by FROM applications WHERE number = ?"), {m_number}).toString(),
             QStringLiteral("wang.jianguo"));
    // Once the change is back in this workstation's cache, the officer's own average shows it.
    QTRY_VERIFY_WITH_TIMEOUT(dialog->findChild<QLabel *>(QStringLiteral("intakeAverageLabel"))->text().contains(Ui::IntakeDialog::formatDuration(seconds)),
                             10000);

    // The receipt: everything the applicant keeps, and a PDF whose title is the number.
    const Ui::ApplicationReceipt &r = dialog->receipt();
    QCOMPARE(r.documents.size(), 4);
    QCOMPARE(r.applicantId, QString::fromLatin1(kOrigin.id));
    QCOMPARE(r.timeLimitDays, 1);
    QVERIFY(!r.due.isEmpty());
    QVERIFY(r.officer.contains(QStringLiteral("王建国")));
    QCOMPARE(r.window, QStringLiteral("3"));
    const std::unique_ptr<QTextDocument> document(Ui::ReceiptPrinter::document(r));
    for (const QString &text : {m_number, r.due, r.service, r.documents.constLast(), r.officer, r.handlingOffice})
        QVERIFY2(document->toPlainText().contains(text), qPrintable(text));
    const QString pdf = m_dir.filePath(QStringLiteral("receipt.pdf"));
    QString error;
    QVERIFY2(dialog->saveReceipt(pdf, &error), qPrintable(error));
    QFile file(pdf);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.startsWith("%PDF-"));
    QVERIFY(bytes.contains("/Type /Page"));
    // The document information's title, a PDF text string: UTF-16BE after its byte order mark.
    QByteArray title("\xfe\xff");
    for (const QChar c : m_number)
        title.append(char(c.unicode() >> 8)).append(char(c.unicode() & 0xff));
    QVERIFY2(bytes.contains(title), "the PDF's title is the application number");
    QVERIFY(bytes.size() > 5000); // text and fonts, not an empty page
    // A folder that does not exist: a clear error, nothing else changes.
    QVERIFY(!dialog->saveReceipt(m_dir.filePath(QStringLiteral("no/such/folder/receipt.pdf")), &error));
    QVERIFY(!error.isEmpty());

    QVERIFY(Tests::saveScreenshot(dialog, QStringLiteral("window-intake-received.png")));
    const QString dir = qEnvironmentVariable("CLEARWAY_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        QVERIFY(Ui::ReceiptPrinter::render(r, 720).save(QDir(dir).filePath(QStringLiteral("window-receipt.png"))));

    // Two more applicants, for the ledger: "Next application" clears the form and the timer.
    m_special = receive(kSpecial);
    QVERIFY2(m_special.endsWith(QStringLiteral("-0002")), qPrintable(m_special));
    m_quota = receive(kQuota);
    QVERIFY2(m_quota.endsWith(QStringLiteral("-0003")), qPrintable(m_quota));
    dialog->close();
}

void TestWindowServices::itIsHandedOffAtTheWindow()
{
    for (const QString &number : {m_number, m_special, m_quota}) {
        QTRY_COMPARE_WITH_TIMEOUT(m_wangDesk.value(QStringLiteral("SELECT count(*) FROM applications WHERE number = ?"), {number}).toInt(), 1, 10000);
        command(*m_wang, number, QStringLiteral("hand_off"));
        QTRY_COMPARE_WITH_TIMEOUT(Tests::queryValue(m_db, QStringLiteral("SELECT state FROM applications WHERE number = ?"), {number}).toString(),
                                  QStringLiteral("handed_off"), 10000);
    }
}

void TestWindowServices::anotherOfficerClaimsAndCompletesIt()
{
    for (const QString &number : {m_number, m_quota}) {
        QTRY_COMPARE_WITH_TIMEOUT(m_liDesk.value(QStringLiteral("SELECT state FROM applications WHERE number = ?"), {number}).toString(),
                                  QStringLiteral("handed_off"), 10000);
        command(*m_li, number, QStringLiteral("claim"));
        QTRY_COMPARE_WITH_TIMEOUT(Tests::queryValue(m_db, QStringLiteral("SELECT state || '/' || assignee FROM applications WHERE number = ?"), {number}).toString(),
                                  QStringLiteral("in_handling/li.na"), 10000);
    }
    command(*m_li, m_number, QStringLiteral("complete"));
    QTRY_COMPARE_WITH_TIMEOUT(Tests::queryValue(m_db, QStringLiteral("SELECT state FROM applications WHERE number = ?"), {m_number}).toString(),
                              QStringLiteral("completed"), 10000);
}

void TestWindowServices::theProgressLookUpShowsItCompleted()
{
    QTRY_COMPARE_WITH_TIMEOUT(m_wangDesk.value(QStringLiteral("SELECT state FROM applications WHERE number = ?"), {m_number}).toString(),
                              QStringLiteral("completed"), 10000);
    m_wang->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_wang.get()));
    QTest::keyClick(m_wang.get(), Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier); // the shortcut
    Ui::ProgressDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_wang->findChild<Ui::ProgressDialog *>()) && dialog->isVisible());
    auto *number = dialog->findChild<QLineEdit *>(QStringLiteral("applicationNumberLineEdit"));
    // A number that does not exist first: said so.
    QTest::keyClicks(number, QStringLiteral("5141-20000101-0001"));
    QTest::keyClick(number, Qt::Key_Return);
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("progressSummaryLabel"))->text().contains(QStringLiteral("5141-20000101-0001")));
    QCOMPARE(dialog->findChild<QTableWidget *>(QStringLiteral("progressStagesTableWidget"))->rowCount(), 0);

    number->clear();
    QTest::keyClicks(number, m_number);
    QTest::keyClick(number, Qt::Key_Return);
    const Models::Lifecycle &lifecycle = Models::Lifecycle::of(Models::WorkKind::ServiceApplication);
    QTRY_VERIFY(dialog->findChild<QLabel *>(QStringLiteral("progressStateLabel"))->text().startsWith(lifecycle.stateLabel(QStringLiteral("completed"))));
    auto *stages = dialog->findChild<QTableWidget *>(QStringLiteral("progressStagesTableWidget"));
    QCOMPARE(stages->rowCount(), 4);
    const QStringList officers = {QStringLiteral("王建国"), QStringLiteral("王建国"), QStringLiteral("李娜"), QStringLiteral("李娜")};
    const QStringList labels = {lifecycle.stateLabel(QStringLiteral("received")), lifecycle.commandLabel(QStringLiteral("hand_off")),
                                lifecycle.commandLabel(QStringLiteral("claim")), lifecycle.commandLabel(QStringLiteral("complete"))};
    for (int row = 0; row < 4; ++row) {
        QCOMPARE(stages->item(row, 1)->text(), labels.at(row));
        QCOMPARE(stages->item(row, 2)->text(), officers.at(row));
        QVERIFY(!stages->item(row, 0)->text().isEmpty());
    }
    auto *remaining = dialog->findChild<QLabel *>(QStringLiteral("timeRemainingLabel"));
    QVERIFY2(remaining->text().startsWith(Ui::ProgressDialog::tr("Closed within the time limit (due %1).").section(QStringLiteral("%1"), 0, 0)), qPrintable(remaining->text()));
    QVERIFY(!remaining->styleSheet().contains(QStringLiteral("#c0392b")));

    // An open application past its time limit is shown overdue, in red.
    const qint64 past = QDateTime::currentSecsSinceEpoch() - 3600;
    QVERIFY(m_wangDesk.cache->writer());
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("overdue"));
        db.setDatabaseName(m_wangDesk.cache->path());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("UPDATE applications SET deadline = %1 WHERE number = '%2'").arg(past).arg(m_special)));
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("overdue"));
    QVERIFY(dialog->lookUp(m_special));
    QVERIFY2(remaining->text().startsWith(Ui::ProgressDialog::tr("Overdue: the time limit ended %1 (%2).").section(QStringLiteral("%1"), 0, 0)), qPrintable(remaining->text()));
    QVERIFY(remaining->styleSheet().contains(QStringLiteral("#c0392b")));
    QVERIFY(dialog->lookUp(m_number));
    QVERIFY(Tests::saveScreenshot(dialog, QStringLiteral("window-progress.png")));
    dialog->close();
}

void TestWindowServices::theLedgerListsTheHandOffs()
{
    QTRY_COMPARE_WITH_TIMEOUT(m_wangDesk.value(QStringLiteral("SELECT count(*) FROM events WHERE command = 'claim' AND item_kind = ?"),
                                               {int(Models::WorkKind::ServiceApplication)})
                                  .toInt(),
                              2, 10000);
    Ui::LedgerDialog *ledger = m_wang->windowServices()->openLedger();
    QCOMPARE(ledger->entryCount(), 3);
    auto *table = ledger->findChild<QTableView *>(QStringLiteral("ledgerTableView"));
    QAbstractItemModel *model = table->model();
    QCOMPARE(model->rowCount(), 3);
    // Newest first: the quota restoration, taken by 李娜; the special items, not yet taken; the certificate of origin.
    auto cell = [model](int row, int column) { return model->index(row, column).data().toString(); };
    QCOMPARE(cell(0, 1), m_quota);
    QCOMPARE(cell(0, 3), QStringLiteral("王建国"));
    QCOMPARE(cell(0, 4), QString::fromUtf8("综合业务一科"));
    QCOMPARE(cell(0, 5), QStringLiteral("李娜"));
    QVERIFY(!cell(0, 6).isEmpty());
    QCOMPARE(cell(1, 1), m_special);
    QCOMPARE(cell(1, 5), Ui::LedgerDialog::tr("not taken yet"));
    QCOMPARE(cell(2, 1), m_number);
    QCOMPARE(cell(2, 2), Models::ServiceCatalogue::find(QStringLiteral("certificate_of_origin"))->label());
    QCOMPARE(cell(2, 5), QStringLiteral("李娜"));
    // Window officers do not see the per-officer averages; a period before today has no hand-offs.
    QVERIFY(!ledger->findChild<QTableView *>(QStringLiteral("intakeAveragesTableView")));
    QVERIFY(Tests::saveScreenshot(ledger, QStringLiteral("window-ledger.png")));
    ledger->setPeriod(QDate::currentDate().addDays(-10), QDate::currentDate().addDays(-1));
    QCOMPARE(ledger->entryCount(), 0);
    ledger->setPeriod(QDate::currentDate().addDays(-1), QDate::currentDate());
    QCOMPARE(ledger->entryCount(), 3);

    // A section chief's ledger has each window officer's average acceptance time.
    const Models::Officer chief{QStringLiteral("zhou.hua"), QStringLiteral("周华"), QStringLiteral("5141"),
                                Models::Roles(Models::Role::Supervisor) | Models::Role::WindowOfficer};
    Ui::LedgerDialog chiefLedger(m_wangDesk.cache.get(), chief, m_wangDesk.cache->officerNames());
    auto *averages = chiefLedger.findChild<QTableView *>(QStringLiteral("intakeAveragesTableView"));
    QVERIFY(averages);
    QCOMPARE(averages->model()->rowCount(), 1);
    QCOMPARE(averages->model()->index(0, 0).data().toString(), QStringLiteral("王建国"));
    QCOMPARE(averages->model()->index(0, 1).data().toString(), QLocale().toString(3));
    const double average = m_wangDesk.value(QStringLiteral("SELECT avg(intake_seconds) FROM applications WHERE received_by = 'wang.jianguo'")).toDouble();
    QCOMPARE(averages->model()->index(0, 2).data().toString(), Ui::IntakeDialog::formatDuration(qRound64(average)));
    if (!qEnvironmentVariable("CLEARWAY_SCREENSHOT_DIR").isEmpty()) {
        chiefLedger.resize(980, 620);
        chiefLedger.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chiefLedger));
        QVERIFY(Tests::saveScreenshot(&chiefLedger, QStringLiteral("window-ledger-chief.png")));
    }
    ledger->close();
}

void TestWindowServices::offlineTheIntakeIsRefusedAndNothingTypedIsLost()
{
    QVERIFY(m_server.stop());
    QTRY_VERIFY_WITH_TIMEOUT(m_wangDesk.sync->state() != Sync::SyncClient::State::Online, 20000);
    Ui::IntakeDialog *dialog = intake();
    QVERIFY(dialog);
    auto *next = dialog->findChild<QPushButton *>(QStringLiteral("nextApplicationButton"));
    if (next->isVisible())
        QTest::mouseClick(next, Qt::LeftButton);
    fill(dialog, kOrigin, false);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("receiveButton")), Qt::LeftButton);
    auto *status = dialog->findChild<QLabel *>(QStringLiteral("intakeStatusLabel"));
    const QString refused = Ui::IntakeDialog::tr("The application was not received: %1 The application number comes from the server, so intake needs a "
                                                 "connection. What you entered is kept; press Receive again once the status bar says online.");
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(refused.section(QStringLiteral("%1"), 0, 0)), 10000);
    QVERIFY(dialog->receipt().number.isEmpty());
    QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("applicantNameLineEdit"))->text(), QString::fromUtf8(kOrigin.name));
    QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("applicantIdLineEdit"))->text(), QString::fromLatin1(kOrigin.id));
    QVERIFY(dialog->findChild<QPushButton *>(QStringLiteral("receiveButton"))->isEnabled());
    dialog->close();
}

QTEST_MAIN(TestWindowServices)
#include "tst_windowservices.moc"
