// Drives the real sign-in dialog and the main window's session banner against a real
// clearway-server process: online, then offline with the server stopped (wrong password, the wait,
// an officer who never signed in here, the right password), then the server back with a new
// password typed into the banner. Texts are compared through the catalogue, so the test runs in
// either language (CLEARWAY_TEST_LANG=zh_CN); CLEARWAY_SCREENSHOT_DIR saves the offline dialog.
#include "storage/cache.h"
#include "storage/offlinecredentials.h"
#include "sync/signin.h"
#include "sync/syncclient.h"
#include "tests/common/syncharness.h"
#include "tests/common/screenshot.h"
#include "ui/mainwindow.h"
#include "ui/signindialog.h"
#include "ui/startup.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Clearway;
using Tests::Desk;

namespace {

const QString kPassword = QString::fromLatin1(Tests::kPassword);
const QString kNewPassword = QStringLiteral("battery staple");

QString dialogText(const char *source) { return QCoreApplication::translate("Clearway::Ui::SignInDialog", source); }

// The dialog has told why the officer cannot work offline (not only that it is checking).
bool refusedOffline(const QLabel *status)
{
    return status->text().startsWith(dialogText("The server cannot be reached. %1").arg(QString()))
           && status->text() != dialogText("The server cannot be reached. Checking your password on this workstation…");
}

} // namespace

class TestSignInDialog final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void signsInOnlineAndRemembersTheServer();
    void offlineAWrongPasswordIsRefusedAndRetriesWait();
    void offlineAnOfficerWhoNeverSignedInHereIsToldWhy();
    void offlineTheRightPasswordOpensTheWorkstation();
    void theBannerAsksForTheNewPasswordAndTheOutboxIsSent();

private:
    // A dialog over this desk's sign-in, filled in, its button clicked.
    std::unique_ptr<Ui::SignInDialog> submit(const QString &user, const QString &password);
    QLabel *status(Ui::SignInDialog &dialog) { return dialog.findChild<QLabel *>(QStringLiteral("signInStatusLabel")); }
    QPushButton *button(Ui::SignInDialog &dialog) { return dialog.findChild<QPushButton *>(QStringLiteral("signInButton")); }

    QTemporaryDir m_dir;
    QString m_db;
    Tests::ServerProcess m_server;
    Desk m_desk;
    std::unique_ptr<Sync::SignIn> m_signIn;
    bool m_offline = false;
    qint64 m_validUntil = 0;
    Models::Officer m_officer;
};

void TestSignInDialog::initTestCase()
{
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
    QCOMPARE(Ui::installTranslations(qEnvironmentVariable("CLEARWAY_TEST_LANG", QStringLiteral("en"))), QString());
    m_db = m_dir.filePath(QStringLiteral("server.sqlite"));
    QCOMPARE(Tests::createServerDatabase(m_db, 100, QDateTime::currentDateTime()), QString());
    QString error;
    QVERIFY2(m_server.start(m_db, &error), qPrintable(error));
    QVERIFY2(m_desk.open(m_dir.filePath(QStringLiteral("cache.sqlite")), 0, QDateTime::currentDateTime(), &error), qPrintable(error));
    m_signIn = std::make_unique<Sync::SignIn>(m_desk.sync.get(), Storage::OfflineCredentials::besideCache(m_desk.cache->path()));
}

void TestSignInDialog::cleanupTestCase()
{
    m_signIn.reset();
    m_desk.sync.reset();
}

std::unique_ptr<Ui::SignInDialog> TestSignInDialog::submit(const QString &user, const QString &password)
{
    auto dialog = std::make_unique<Ui::SignInDialog>(m_signIn.get());
    dialog->setServer(m_server.url().toString());
    dialog->setUser(user);
    dialog->show();
    if (!QTest::qWaitForWindowExposed(dialog.get()))
        return dialog;
    auto *passwordEdit = dialog->findChild<QLineEdit *>(QStringLiteral("passwordLineEdit"));
    passwordEdit->clear();
    QTest::keyClicks(passwordEdit, password);
    QTest::mouseClick(button(*dialog), Qt::LeftButton);
    return dialog;
}

void TestSignInDialog::signsInOnlineAndRemembersTheServer()
{
    QSignalSpy stored(m_signIn.get(), &Sync::SignIn::verifierStored);
    const auto dialog = submit(Tests::officerWang().id, kPassword);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->result(), int(QDialog::Accepted), 20000);
    QVERIFY(!dialog->isOffline());
    QCOMPARE(dialog->officer().name, Tests::officerWang().name);
    QCOMPARE(QSettings().value(QStringLiteral("sync/server")).toString(), m_server.url().toString());
    QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_desk.sync->isSnapshotting() && m_desk.value(QStringLiteral("SELECT count(*) FROM declarations")).toInt() == 100, 30000);
}

void TestSignInDialog::offlineAWrongPasswordIsRefusedAndRetriesWait()
{
    QVERIFY(m_server.stop());
    // Before anything is typed, the officer is told offline sign-in is possible here, and until when.
    auto dialog = std::make_unique<Ui::SignInDialog>(m_signIn.get());
    dialog->setServer(m_server.url().toString());
    dialog->setUser(Tests::officerWang().id);
    QVERIFY(!dialog->findChild<QLabel *>(QStringLiteral("offlineHintLabel"))->isHidden());

    for (int attempt = 1; attempt <= 2; ++attempt) {
        dialog = submit(Tests::officerWang().id, QStringLiteral("correct horse battery"));
        QTRY_VERIFY_WITH_TIMEOUT(refusedOffline(status(*dialog)), 20000);
        QCOMPARE(dialog->result(), int(QDialog::Rejected));
        QVERIFY(dialog->isVisible());
    }
    // The second wrong password in a row: the button waits, and the dialog says how long.
    QVERIFY(!button(*dialog)->isEnabled());
    auto waitText = [](int seconds) {
        return QCoreApplication::translate("Clearway::Ui::SignInDialog", "You can try again in %n second(s).", nullptr, seconds);
    };
    // Five seconds from the refusal; a loaded machine may show it a few seconds later.
    const QString text = status(*dialog)->text();
    const QList<int> seconds = {5, 4, 3, 2, 1};
    QVERIFY2(std::any_of(seconds.cbegin(), seconds.cend(), [&](int s) { return text.contains(waitText(s)); }), qPrintable(text));
    QVERIFY(Tests::saveScreenshot(dialog.get(), QStringLiteral("sign-in-offline.png")));
    QTRY_VERIFY_WITH_TIMEOUT(button(*dialog)->isEnabled(), 8000);
    QCOMPARE(status(*dialog)->text().contains(QLatin1Char('\n')), false); // the countdown is gone
}

void TestSignInDialog::offlineAnOfficerWhoNeverSignedInHereIsToldWhy()
{
    const auto dialog = submit(Tests::officerLi().id, kPassword);
    QTRY_VERIFY_WITH_TIMEOUT(refusedOffline(status(*dialog)), 20000);
    QVERIFY2(status(*dialog)->text().contains(dialogText("You can work offline only on a workstation where you have signed in to this server "
                                                         "before, and you have not signed in here yet. Sign in once the server can be "
                                                         "reached; if it stays unreachable, call technical support.")),
             qPrintable(status(*dialog)->text()));
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("offlineHintLabel"))->isHidden());
    QCOMPARE(dialog->result(), int(QDialog::Rejected));
}

void TestSignInDialog::offlineTheRightPasswordOpensTheWorkstation()
{
    const auto dialog = submit(Tests::officerWang().id, kPassword);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->result(), int(QDialog::Accepted), 20000);
    QVERIFY(dialog->isOffline());
    QVERIFY(dialog->offlineValidUntil() > QDateTime::currentSecsSinceEpoch());
    QCOMPARE(dialog->officer().name, Tests::officerWang().name);
    m_offline = dialog->isOffline();
    m_validUntil = dialog->offlineValidUntil();
    m_officer = dialog->officer();
}

void TestSignInDialog::theBannerAsksForTheNewPasswordAndTheOutboxIsSent()
{
    QVERIFY(m_offline);
    Ui::MainWindow window(m_desk.cache.get(), m_officer);
    window.attachSync(m_desk.sync.get());
    window.attachSignIn(m_signIn.get(), m_offline, m_validUntil);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *banner = window.findChild<QWidget *>(QStringLiteral("sessionBanner"));
    auto *password = window.findChild<QLineEdit *>(QStringLiteral("sessionPasswordLineEdit"));
    auto *resume = window.findChild<QPushButton *>(QStringLiteral("resumeSyncButton"));
    QVERIFY(banner && password && resume);
    QVERIFY(banner->isVisible()); // signed in offline, said above the queues
    QVERIFY(!password->isVisible());
    const auto *syncLabel = window.findChild<QLabel *>(QStringLiteral("syncStateLabel"));
    QVERIFY(syncLabel->text() != Ui::MainWindow::tr("Online"));

    m_desk.issue(m_officer, QStringLiteral("claim"), 57);
    QTRY_COMPARE(m_desk.itemState(57), QStringLiteral("under_review/wang.jianguo/1"));
    // The password is changed on the server while it is down; it comes back.
    QCOMPARE(Tests::addUser(m_db, Tests::officerWang(), QStringLiteral("window"), kNewPassword.toUtf8()), QString());
    QString error;
    QVERIFY2(m_server.start(m_db, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(password->isVisible(), 40000);
    QVERIFY(banner->isVisible());
    QCOMPARE(m_desk.outboxSize(), 1); // kept, waiting
    QVERIFY(Tests::saveScreenshot(&window, QStringLiteral("session-banner.png")));

    QTest::keyClicks(password, kNewPassword);
    QTest::mouseClick(resume, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!banner->isVisible(), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(m_desk.itemState(57), QStringLiteral("under_review/wang.jianguo/0"), 20000);
    QCOMPARE(Tests::queryValue(m_db, QStringLiteral("SELECT assignee FROM declarations WHERE id = 57")).toString(), QStringLiteral("wang.jianguo"));
    QTRY_COMPARE(syncLabel->text(), Ui::MainWindow::tr("Online"));
}

QTEST_MAIN(TestSignInDialog)
#include "tst_signindialog.moc"
