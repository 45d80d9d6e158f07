// The supervisor's risk screens end to end against a real clearway-server process: the rule editor
// loads the rule set in force, lists a text's problems with their lines, has a text with an error
// refused (the old version stays in force), dry-runs a new rule over the last declarations and
// publishes it; a declaration that arrives afterwards reaches the workstation routed red by that
// rule, and the detail pane's Risk tab explains it (online and offline, from the cache); a channel
// is changed with a reason, and a mandatory red is refused in words. Offline, the editor opens with
// the text it kept and unpublished edits are not lost by a stray close. Texts are compared through
// the catalogue, so the test runs in either language (CLEARWAY_TEST_LANG=zh_CN);
// CLEARWAY_SCREENSHOT_DIR saves rule-editor.png and risk-reasons.png.
#include "storage/cache.h"
#include "sync/syncclient.h"
#include "tests/common/serverdatabase.h"
#include "tests/common/screenshot.h"
#include "tests/common/syncharness.h"
#include "tests/common/wsclient.h"
#include "ui/detailpane.h"
#include "ui/mainwindow.h"
#include "ui/queuepage.h"
#include "ui/reroutedialog.h"
#include "ui/riskpanel.h"
#include "ui/ruleeditor.h"
#include "ui/startup.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeWidget>

using namespace Clearway;

namespace {

QString str(const char *s) { return QString::fromUtf8(s); }

// The rule set in force at the start: every shrimp declaration has its documents reviewed.
const char *const kRules = R"(# Guangzhou test rules
version test-1
rate USD 7.10
reference 0306 60.00 per 千克
target red 3%
target yellow 12%

rule SHR-1 Shrimp: documents first
  hs 0306
  channel yellow
  instruction Check the certificate of origin and the health certificate.
end
)";

// What the supervisor adds: every shrimp declaration is red, with an instruction in Chinese.
const char *const kNewRule = R"(
rule SHR-RED 低价申报的冻虾一律查验
  hs 0306
  unit-value below 80%
  channel red
  instruction 开箱查验三箱，核对品名与数量。
end
)";

const char *const kShrimpFirm = "91440101MA5CW00001";
const char *const kDishonestFirm = "91440101MA5CW00002";

// 1,000 kg of frozen shrimp from Vietnam.
QJsonObject declaration(const char *entryNo, const char *enterpriseCode) { return Tests::declaration(entryNo, enterpriseCode, "general", 500000); }

QString editorText(const char *source) { return QCoreApplication::translate("Clearway::Ui::RuleEditor", source); }
QString panelText(const char *source) { return QCoreApplication::translate("Clearway::Ui::RiskPanel", source); }
// The fixed part of a translated pattern, before its first place marker.
QString prefix(const QString &pattern) { return pattern.left(pattern.indexOf(QLatin1Char('%'))); }

} // namespace

class TestRiskScreens final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void theEditorIsForSupervisorsAndLoadsTheRulesInForce();
    void aTextWithAnErrorIsRefusedWithItsLineAndTheOldVersionStays();
    void aDryRunReportsTheDeclarationsThatWouldChangeLane();
    void publishingAsksNamingTheVersion();
    void aNewDeclarationArrivesRedAndTheRiskTabSaysWhy();
    void changingTheChannelNeedsAReasonAndTheChangeArrives();
    void aMandatoryRedCannotBeLowered();
    void offlineTheRiskTabReadsTheCache();
    void offlineTheEditorOpensWithTheKeptTextAndAsksBeforeLosingEdits();
    void offlineWithNothingKeptTheEditorSaysSo();

private:
    Ui::RuleEditor *openEditor();
    QJsonObject ask(const char *type, QJsonObject body = {});
    // Shows declaration `entryNo` in the queue (all open declarations, searched by number).
    void select(const QString &entryNo);
    QMessageBox *messageBox(QWidget *parent, const QString &objectName);

    QTemporaryDir m_dir;
    QString m_db;
    QDateTime m_now = QDateTime::currentDateTime();
    Tests::ServerProcess m_server;
    Tests::Desk m_desk; // zhou.hua's workstation
    Models::Officer m_chief{str("zhou.hua"), str("周华"), str("5141"), Models::Roles(Models::Role::WindowOfficer) | Models::Role::Supervisor};
    std::unique_ptr<Ui::MainWindow> m_window;
    std::unique_ptr<Tests::WsClient> m_gateway; // the declaration intake, a System account
    std::unique_ptr<Tests::WsClient> m_probe;   // zhou.hua on a second connection: what the server has
    qint64 m_redId = 0;
};

void TestRiskScreens::initTestCase()
{
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
    QCOMPARE(Ui::installTranslations(qEnvironmentVariable("CLEARWAY_TEST_LANG", QStringLiteral("en"))), QString());
    const Tests::ServerDatabase db = Tests::prepareServerDatabase(QStringLiteral(CLEARWAY_SERVER_EXE), m_dir.path(), 100, m_now);
    QVERIFY2(db.error.isEmpty(), qPrintable(db.error));
    m_db = db.database;
    QCOMPARE(Tests::addOfficers(m_db), QString());
    const QByteArray password = QByteArray(Tests::kPassword);
    QCOMPARE(Tests::addUser(m_db, m_chief, QStringLiteral("window,supervisor"), password), QString());
    QCOMPARE(Tests::addUser(m_db, {str("gateway"), str("申报接入"), str("5141"), Models::Role::System}, QStringLiteral("system"), password), QString());
    QCOMPARE(Tests::runServerCommand({str("add-enterprise"), str("--database"), m_db, str("--code"), str(kShrimpFirm), str("--name"),
                                      str("广州测试海产品有限公司"), str("--credit"), str("general")}),
             0);
    QCOMPARE(Tests::runServerCommand({str("add-enterprise"), str("--database"), m_db, str("--code"), str(kDishonestFirm), str("--name"),
                                      str("广州失信贸易有限公司"), str("--credit"), str("dishonest")}),
             0);
    const QString rulesFile = m_dir.filePath(QStringLiteral("rules.txt"));
    QFile file(rulesFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(kRules);
    file.close();
    QCOMPARE(Tests::runServerCommand({str("publish-rules"), str("--database"), m_db, str("--file"), rulesFile}), 0);

    QString error;
    QVERIFY2(m_server.start(m_db, &error), qPrintable(error));
    m_gateway = std::make_unique<Tests::WsClient>(m_server.port());
    m_probe = std::make_unique<Tests::WsClient>(m_server.port());
    QVERIFY(m_gateway->connected() && m_probe->connected());
    QCOMPARE(Tests::typeOf(m_gateway->signIn(str("risk-gateway"), QString::fromLatin1(Tests::kPassword), str("gateway"))), QStringLiteral("session"));
    QCOMPARE(Tests::typeOf(m_probe->signIn(str("risk-probe"), QString::fromLatin1(Tests::kPassword), m_chief.id)), QStringLiteral("session"));
    // Two shrimp declarations routed yellow by the rules in force, for the dry run to find.
    for (const char *entry : {"514120269900000001", "514120269900000002"}) {
        const QJsonObject r = m_gateway->request({{QStringLiteral("type"), str("declare")}, {QStringLiteral("declaration"), declaration(entry, kShrimpFirm)}});
        QCOMPARE(Tests::typeOf(r), QStringLiteral("declared"));
        QCOMPARE(r.value(QStringLiteral("channel")).toString(), QStringLiteral("yellow"));
    }

    QVERIFY2(m_desk.open(m_dir.filePath(QStringLiteral("desk.sqlite")), 100, m_now, &error), qPrintable(error));
    m_desk.start(m_server.url(), m_chief);
    QTRY_COMPARE_WITH_TIMEOUT(m_desk.sync->state(), Sync::SyncClient::State::Online, 15000);
    m_window = std::make_unique<Ui::MainWindow>(m_desk.cache.get(), m_chief);
    m_window->attachSync(m_desk.sync.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestRiskScreens::cleanupTestCase()
{
    m_window.reset();
    m_desk.sync.reset();
}

QJsonObject TestRiskScreens::ask(const char *type, QJsonObject body)
{
    body.insert(QStringLiteral("type"), str(type));
    return m_probe->request(body);
}

Ui::RuleEditor *TestRiskScreens::openEditor()
{
    auto *action = m_window->findChild<QAction *>(QStringLiteral("ruleEditorAction"));
    if (!action)
        return nullptr;
    action->trigger();
    auto *editor = m_window->findChild<Ui::RuleEditor *>(QStringLiteral("ruleEditor"));
    return editor && QTest::qWaitForWindowExposed(editor) ? editor : nullptr;
}

QMessageBox *TestRiskScreens::messageBox(QWidget *parent, const QString &objectName)
{
    QMessageBox *box = nullptr;
    const bool shown = QTest::qWaitFor([&] { return (box = parent->findChild<QMessageBox *>(objectName)) && box->isVisible(); }, 5000);
    return shown ? box : nullptr;
}

void TestRiskScreens::select(const QString &entryNo)
{
    QTreeWidget *navigation = m_window->navigation();
    navigation->setCurrentItem(navigation->topLevelItem(0)->child(3)); // declarations, all open
    auto *search = m_window->findChild<QLineEdit *>(QStringLiteral("searchLineEdit"));
    QVERIFY(search);
    search->clear();
    QTest::keyClicks(search, entryNo);
    QTest::keyClick(search, Qt::Key_Return);
    Ui::QueuePage *page = m_window->queuePage();
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), 1, 10000);
    page->table()->selectRow(0);
    QTRY_VERIFY(page->detailPane()->itemId() != 0);
}

void TestRiskScreens::theEditorIsForSupervisorsAndLoadsTheRulesInForce()
{
    // A window officer's main window has no rule editor.
    {
        Ui::MainWindow officers(m_desk.cache.get(), Tests::officerWang());
        auto *action = officers.findChild<QAction *>(QStringLiteral("ruleEditorAction"));
        QVERIFY(action);
        QVERIFY(!action->isVisible());
        QVERIFY(!action->isEnabled());
    }
    Ui::RuleEditor *editor = openEditor();
    QVERIFY(editor);
    QTRY_COMPARE_WITH_TIMEOUT(editor->editor()->toPlainText(), str(kRules), 10000);
    QCOMPARE(editor->versionInForce(), 1);
    QVERIFY(editor->findChild<QLabel *>(QStringLiteral("rulesInForceLabel"))->text().contains(QStringLiteral("test-1")));
    QVERIFY(!editor->isModified());
    QVERIFY(editor->findChild<QPushButton *>(QStringLiteral("dryRunButton"))->isEnabled());
    QVERIFY(!editor->findChild<QPushButton *>(QStringLiteral("publishButton"))->isEnabled()); // nothing changed
    QCOMPARE(editor->findChild<QSpinBox *>(QStringLiteral("dryRunSpinBox"))->value(), 5000);
    QCOMPARE(editor->findChild<QListWidget *>(QStringLiteral("ruleProblemsListWidget"))->count(), 0);
    QVERIFY(QFile::exists(m_desk.cache->path() + QStringLiteral(".rules.json"))); // kept for offline reading
}

void TestRiskScreens::aTextWithAnErrorIsRefusedWithItsLineAndTheOldVersionStays()
{
    Ui::RuleEditor *editor = openEditor();
    QVERIFY(editor);
    QPlainTextEdit *text = editor->editor();
    // The officer types a rule whose lane is not a lane, at the end of the text.
    text->moveCursor(QTextCursor::End);
    QTest::keyClicks(text, QStringLiteral("rule BAD-1 Broken"));
    QTest::keyClick(text, Qt::Key_Return);
    QTest::keyClicks(text, QStringLiteral("  channel purple"));
    QTest::keyClick(text, Qt::Key_Return);
    QTest::keyClicks(text, QStringLiteral("end"));
    const int badLine = int(str(kRules).count(QLatin1Char('\n'))) + 2;
    auto *problems = editor->findChild<QListWidget *>(QStringLiteral("ruleProblemsListWidget"));
    QTRY_VERIFY_WITH_TIMEOUT(problems->count() > 0, 5000); // parsed as it is typed
    // Every problem is listed with its line: the lane that is not one (badLine), and the rule left
    // without a lane (the line before).
    QTRY_COMPARE(problems->count(), 2);
    QListWidgetItem *item = nullptr;
    for (int i = 0; i < problems->count(); ++i) {
        if (problems->item(i)->text().contains(QString::number(badLine)))
            item = problems->item(i);
    }
    QVERIFY(item);
    QVERIFY(item->text().contains(QStringLiteral("purple")));
    // A click on the problem puts the cursor on its line.
    text->moveCursor(QTextCursor::Start);
    problems->scrollToItem(item);
    QTest::mouseClick(problems->viewport(), Qt::LeftButton, {}, problems->visualItemRect(item).center());
    QCOMPARE(text->textCursor().blockNumber() + 1, badLine);

    // Sent anyway: the server refuses it with the line, and version 1 stays in force.
    auto *publish = editor->findChild<QPushButton *>(QStringLiteral("publishButton"));
    QVERIFY(publish->isEnabled());
    publish->click();
    QMessageBox *box = messageBox(editor, QStringLiteral("publishConfirmMessageBox"));
    QVERIFY(box);
    box->button(QMessageBox::Yes)->click();
    auto *status = editor->findChild<QLabel *>(QStringLiteral("ruleEditorStatusLabel"));
    const QString refused = prefix(editorText("The server refused the text: %n problem(s), listed with their lines. Version %1 stays in force."));
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(refused), 10000);
    QVERIFY2(status->text().contains(QLatin1Char('1')), qPrintable(status->text()));
    QCOMPARE(problems->count(), 2); // the server's list, with the same lines
    QVERIFY(problems->item(0)->text().contains(QString::number(badLine - 1)) || problems->item(1)->text().contains(QString::number(badLine - 1)));
    const QJsonObject rules = ask("rules_get");
    QCOMPARE(rules.value(QStringLiteral("version")).toInteger(), 1);
    QCOMPARE(rules.value(QStringLiteral("text")).toString(), str(kRules));
    QCOMPARE(editor->versionInForce(), 1);
    QVERIFY(editor->isModified()); // the officer's text is not lost
}

void TestRiskScreens::aDryRunReportsTheDeclarationsThatWouldChangeLane()
{
    Ui::RuleEditor *editor = openEditor();
    QVERIFY(editor);
    editor->editor()->setPlainText(str(kRules).replace(QStringLiteral("version test-1"), QStringLiteral("version test-2")) + str(kNewRule));
    auto *problems = editor->findChild<QListWidget *>(QStringLiteral("ruleProblemsListWidget"));
    QTRY_COMPARE(problems->count(), 0);
    editor->findChild<QPushButton *>(QStringLiteral("dryRunButton"))->click();
    auto *changes = editor->findChild<QTableView *>(QStringLiteral("dryRunChangesTableView"));
    QTRY_VERIFY_WITH_TIMEOUT(changes->model()->rowCount() >= 2, 15000);
    // Both shrimp declarations move from yellow to red because of the new rule.
    int found = 0;
    for (int row = 0; row < changes->model()->rowCount(); ++row) {
        const QString entry = changes->model()->index(row, 0).data().toString();
        if (!entry.startsWith(QStringLiteral("5141202699")))
            continue;
        ++found;
        QCOMPARE(changes->model()->index(row, 1).data().toString(), Models::channelLabel(Models::Channel::Yellow));
        QCOMPARE(changes->model()->index(row, 2).data().toString(), Models::channelLabel(Models::Channel::Red));
        QVERIFY(changes->model()->index(row, 3).data().toString().contains(QStringLiteral("SHR-RED")));
    }
    QCOMPARE(found, 2);
    auto *lanes = editor->findChild<QTableView *>(QStringLiteral("laneCountsTableView"));
    QVERIFY(lanes->model()->rowCount() >= 4);
    QCOMPARE(lanes->model()->index(2, 0).data().toString(), Models::channelLabel(Models::Channel::Red));
    const QString summary = editor->findChild<QLabel *>(QStringLiteral("dryRunSummaryLabel"))->text();
    QVERIFY2(summary.contains(QStringLiteral("test-2")), qPrintable(summary));
    QCOMPARE(ask("rules_get").value(QStringLiteral("version")).toInteger(), 1); // a dry run publishes nothing
}

void TestRiskScreens::publishingAsksNamingTheVersion()
{
    Ui::RuleEditor *editor = openEditor();
    QVERIFY(editor);
    auto *publish = editor->findChild<QPushButton *>(QStringLiteral("publishButton"));
    QTRY_VERIFY(publish->isEnabled());
    // Cancelled: nothing is sent.
    publish->click();
    QMessageBox *box = messageBox(editor, QStringLiteral("publishConfirmMessageBox"));
    QVERIFY(box);
    QVERIFY2(box->text().contains(QStringLiteral("test-2")) && box->text().contains(QLatin1Char('2')), qPrintable(box->text()));
    box->button(QMessageBox::Cancel)->click();
    QTest::qWait(200);
    QCOMPARE(ask("rules_get").value(QStringLiteral("version")).toInteger(), 1);
    QVERIFY(Tests::saveScreenshot(editor, QStringLiteral("rule-editor.png")));

    publish->click();
    box = messageBox(editor, QStringLiteral("publishConfirmMessageBox"));
    QVERIFY(box);
    box->button(QMessageBox::Yes)->click();
    QTRY_COMPARE_WITH_TIMEOUT(editor->versionInForce(), 2, 10000);
    QVERIFY(!editor->isModified());
    const QJsonObject rules = ask("rules_get");
    QCOMPARE(rules.value(QStringLiteral("version")).toInteger(), 2);
    QCOMPARE(rules.value(QStringLiteral("name")).toString(), QStringLiteral("test-2"));
    QVERIFY(rules.value(QStringLiteral("text")).toString().contains(QStringLiteral("SHR-RED")));
    editor->close();
    QTRY_VERIFY(!m_window->findChild<Ui::RuleEditor *>(QStringLiteral("ruleEditor")));
}

void TestRiskScreens::aNewDeclarationArrivesRedAndTheRiskTabSaysWhy()
{
    const QJsonObject r = m_gateway->request({{QStringLiteral("type"), str("declare")}, {QStringLiteral("declaration"), declaration("514120269900000003", kShrimpFirm)}});
    QCOMPARE(Tests::typeOf(r), QStringLiteral("declared"));
    QCOMPARE(r.value(QStringLiteral("channel")).toString(), QStringLiteral("red"));
    m_redId = r.value(QStringLiteral("declarationId")).toInteger();
    // It reaches the cache red, with how it was routed (the change's fields).
    QTRY_COMPARE_WITH_TIMEOUT(m_desk.value(QStringLiteral("SELECT channel FROM declarations WHERE id = ?"), {m_redId}).toInt(), 3, 10000);
    QTRY_COMPARE(m_desk.value(QStringLiteral("SELECT rule_set FROM risk_reasons WHERE declaration_id = ?"), {m_redId}).toInt(), 2);

    select(QStringLiteral("514120269900000003"));
    Ui::DetailPane *pane = m_window->queuePage()->detailPane();
    QCOMPARE(pane->itemId(), m_redId);
    auto *tabs = pane->findChild<QTabWidget *>(QStringLiteral("detailTabWidget"));
    Ui::RiskPanel *risk = pane->riskPanel();
    tabs->setCurrentWidget(risk);
    QVERIFY(tabs->isTabVisible(tabs->indexOf(risk)));
    auto *reasons = risk->findChild<QTextBrowser *>(QStringLiteral("riskReasonsTextBrowser"));
    const QString text = reasons->toPlainText();
    QVERIFY2(text.contains(QStringLiteral("SHR-RED")) && text.contains(QStringLiteral("低价申报的冻虾一律查验")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("开箱查验三箱，核对品名与数量。")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("SHR-1")), qPrintable(text)); // the yellow rule hit too
    QVERIFY(risk->findChild<QLabel *>(QStringLiteral("riskLaneLabel"))->text().contains(Models::channelLabel(Models::Channel::Red)));
    QVERIFY(risk->findChild<QLabel *>(QStringLiteral("riskRoutedLabel"))->text().contains(QLatin1Char('2')));
    QVERIFY(!risk->findChild<QLabel *>(QStringLiteral("riskStatusLabel"))->isVisible());
    QVERIFY(Tests::saveScreenshot(m_window.get(), QStringLiteral("risk-reasons.png")));

    // A declaration the cache has no reasons for is asked from the server, and kept.
    select(QStringLiteral("514120269900000001"));
    QTRY_VERIFY_WITH_TIMEOUT(reasons->toPlainText().contains(QStringLiteral("SHR-1")), 10000);
    QTRY_VERIFY(m_desk.value(QStringLiteral("SELECT count(*) FROM risk_reasons")).toInt() >= 2);
}

void TestRiskScreens::changingTheChannelNeedsAReasonAndTheChangeArrives()
{
    select(QStringLiteral("514120269900000003"));
    m_window->findChild<QAction *>(QStringLiteral("changeChannelAction"))->trigger();
    auto *dialog = m_window->findChild<Ui::RerouteDialog *>(QStringLiteral("rerouteDialog"));
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    auto *ok = dialog->findChild<QPushButton *>(QStringLiteral("rerouteButton"));
    QVERIFY(!ok->isEnabled()); // no reason yet
    auto *lane = dialog->findChild<QComboBox *>(QStringLiteral("rerouteChannelComboBox"));
    QCOMPARE(lane->findData(int(Models::Channel::Red)), -1); // not the lane it has
    lane->setCurrentIndex(lane->findData(int(Models::Channel::Yellow)));
    // Typed with an input method: QTest types Latin-1 only.
    dialog->findChild<QPlainTextEdit *>(QStringLiteral("rerouteReasonTextEdit"))->insertPlainText(QStringLiteral("称重与申报一致"));
    QVERIFY(ok->isEnabled());
    ok->click();
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->findChild<Ui::RerouteDialog *>(QStringLiteral("rerouteDialog")), 10000);
    // The change comes back through the change stream; the Risk tab shows the lane now and the routed one.
    QTRY_COMPARE_WITH_TIMEOUT(m_desk.value(QStringLiteral("SELECT channel FROM declarations WHERE id = ?"), {m_redId}).toInt(), 2, 10000);
    Ui::RiskPanel *risk = m_window->queuePage()->detailPane()->riskPanel();
    QTRY_VERIFY_WITH_TIMEOUT(risk->findChild<QLabel *>(QStringLiteral("riskLaneLabel"))->text().contains(Models::channelLabel(Models::Channel::Yellow)), 5000);
    QVERIFY(risk->findChild<QLabel *>(QStringLiteral("riskRoutedLabel"))->text().contains(Models::channelLabel(Models::Channel::Red)));
}

void TestRiskScreens::aMandatoryRedCannotBeLowered()
{
    const QJsonObject r = m_gateway->request({{QStringLiteral("type"), str("declare")}, {QStringLiteral("declaration"), declaration("514120269900000004", kDishonestFirm)}});
    QCOMPARE(r.value(QStringLiteral("channel")).toString(), QStringLiteral("red"));
    const qint64 id = r.value(QStringLiteral("declarationId")).toInteger();
    QTRY_COMPARE_WITH_TIMEOUT(m_desk.value(QStringLiteral("SELECT channel FROM declarations WHERE id = ?"), {id}).toInt(), 3, 10000);
    select(QStringLiteral("514120269900000004"));
    Ui::RiskPanel *risk = m_window->queuePage()->detailPane()->riskPanel();
    QTRY_VERIFY(risk->findChild<QTextBrowser *>(QStringLiteral("riskReasonsTextBrowser"))->toPlainText().contains(str(kDishonestFirm)));
    QTest::mouseClick(risk->findChild<QPushButton *>(QStringLiteral("changeChannelButton")), Qt::LeftButton);
    auto *dialog = m_window->findChild<Ui::RerouteDialog *>(QStringLiteral("rerouteDialog"));
    QVERIFY(dialog);
    auto *lane = dialog->findChild<QComboBox *>(QStringLiteral("rerouteChannelComboBox"));
    lane->setCurrentIndex(lane->findData(int(Models::Channel::Green)));
    QTest::keyClicks(dialog->findChild<QPlainTextEdit *>(QStringLiteral("rerouteReasonTextEdit")), QStringLiteral("looks fine"));
    dialog->findChild<QPushButton *>(QStringLiteral("rerouteButton"))->click();
    auto *status = dialog->findChild<QLabel *>(QStringLiteral("rerouteStatusLabel"));
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), Ui::RerouteDialog::refusalText(QStringLiteral("mandatory_red"), {}), 10000);
    QVERIFY(dialog->isVisible()); // the officer reads why and cancels
    dialog->reject();
    QCOMPARE(m_desk.value(QStringLiteral("SELECT channel FROM declarations WHERE id = ?"), {id}).toInt(), 3);
}

void TestRiskScreens::offlineTheRiskTabReadsTheCache()
{
    QVERIFY(m_server.stop());
    QTRY_VERIFY_WITH_TIMEOUT(!m_desk.sync->isSignedIn(), 10000);
    // Seen before: explained from the cache.
    select(QStringLiteral("514120269900000003"));
    Ui::RiskPanel *risk = m_window->queuePage()->detailPane()->riskPanel();
    const QString text = risk->findChild<QTextBrowser *>(QStringLiteral("riskReasonsTextBrowser"))->toPlainText();
    QVERIFY2(text.contains(QStringLiteral("开箱查验三箱，核对品名与数量。")), qPrintable(text));
    // Never explained here: said so, not left blank.
    select(QStringLiteral("514120269900000002"));
    auto *status = risk->findChild<QLabel *>(QStringLiteral("riskStatusLabel"));
    QVERIFY(status->isVisible());
    QVERIFY2(status->text().startsWith(prefix(panelText("The reasons for this lane are not kept on this workstation and the server cannot be reached now. "
                                                         "They are shown once the connection is back."))),
             qPrintable(status->text()));
    QVERIFY(risk->findChild<QTextBrowser *>(QStringLiteral("riskReasonsTextBrowser"))->toPlainText().isEmpty());

    // A channel cannot be changed offline: the dialog says so and nothing is queued.
    m_window->findChild<QAction *>(QStringLiteral("changeChannelAction"))->trigger();
    auto *dialog = m_window->findChild<Ui::RerouteDialog *>(QStringLiteral("rerouteDialog"));
    QVERIFY(dialog);
    QTest::keyClicks(dialog->findChild<QPlainTextEdit *>(QStringLiteral("rerouteReasonTextEdit")), QStringLiteral("re-weighed"));
    dialog->findChild<QPushButton *>(QStringLiteral("rerouteButton"))->click();
    const QString offline = dialog->findChild<QLabel *>(QStringLiteral("rerouteStatusLabel"))->text();
    QVERIFY2(offline.startsWith(prefix(QCoreApplication::translate("Clearway::Ui::RerouteDialog",
                                                                   "The channel was not changed: %1 Changing a channel needs the server; try again when it can be reached."))),
             qPrintable(offline));
    dialog->reject();
    QCOMPARE(m_desk.outboxSize(), 0);
}

void TestRiskScreens::offlineTheEditorOpensWithTheKeptTextAndAsksBeforeLosingEdits()
{
    Ui::RuleEditor *editor = openEditor();
    QVERIFY(editor);
    QVERIFY(editor->editor()->toPlainText().contains(QStringLiteral("SHR-RED"))); // version 2, kept when published
    QCOMPARE(editor->versionInForce(), 2);
    QVERIFY(!editor->findChild<QPushButton *>(QStringLiteral("dryRunButton"))->isEnabled());
    QVERIFY(!editor->findChild<QPushButton *>(QStringLiteral("publishButton"))->isEnabled());
    QVERIFY(!editor->findChild<QPushButton *>(QStringLiteral("dryRunButton"))->toolTip().isEmpty()); // why
    QVERIFY(editor->findChild<QLabel *>(QStringLiteral("rulesInForceLabel"))->text().startsWith(prefix(editorText("Offline. Kept on this workstation on %1: %2"))));

    editor->editor()->moveCursor(QTextCursor::End);
    QTest::keyClicks(editor->editor(), QStringLiteral("# draft"));
    QVERIFY(editor->isModified());
    // A stray close asks; cancelled, the edits stay.
    editor->close();
    QMessageBox *box = messageBox(editor, QStringLiteral("discardChangesMessageBox"));
    QVERIFY(box);
    box->button(QMessageBox::Cancel)->click();
    QTest::qWait(100);
    QVERIFY(editor->isVisible());
    QVERIFY(editor->editor()->toPlainText().endsWith(QStringLiteral("# draft")));
    // Discarded on purpose: closed.
    editor->close();
    box = messageBox(editor, QStringLiteral("discardChangesMessageBox"));
    QVERIFY(box);
    box->button(QMessageBox::Discard)->click();
    QTRY_VERIFY(!m_window->findChild<Ui::RuleEditor *>(QStringLiteral("ruleEditor")));
}

void TestRiskScreens::offlineWithNothingKeptTheEditorSaysSo()
{
    QPointer<Ui::RuleEditor> editor = new Ui::RuleEditor(m_desk.sync.get(), m_dir.filePath(QStringLiteral("never-kept.json"))); // deletes itself on close
    editor->show();
    QVERIFY(QTest::qWaitForWindowExposed(editor));
    QVERIFY(editor->editor()->isReadOnly());
    QVERIFY(editor->editor()->toPlainText().isEmpty());
    QCOMPARE(editor->findChild<QLabel *>(QStringLiteral("rulesInForceLabel"))->text(), editorText("Offline: the rule set in force is not known here."));
    QVERIFY(!editor->findChild<QPushButton *>(QStringLiteral("dryRunButton"))->isEnabled());
    QVERIFY(!editor->findChild<QPushButton *>(QStringLiteral("publishButton"))->isEnabled());
    editor->close(); // nothing to lose: no question
    QTRY_VERIFY(!editor);
}

QTEST_MAIN(TestRiskScreens)
#include "tst_riskscreens.moc"
