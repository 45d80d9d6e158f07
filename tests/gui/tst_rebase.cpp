// The banner's "Copy again from this server…" against real clearway-server processes: a workstation
// filled from one server meets a restored one at the same address, is told and stops; the officer
// cancels once, then confirms (the confirmation names the file the cache is kept as), and the
// workstation opens again as clearway's main() does: the old cache kept, the new one copied from the
// server, the unsent claims applied once or refused with the server's reason. Texts are compared
// through the catalogue (CLEARWAY_TEST_LANG=zh_CN); CLEARWAY_SCREENSHOT_DIR saves the banner, the
// confirmation and the window after the re-base.
#include "storage/cache.h"
#include "storage/cacherebase.h"
#include "storage/cachewriter.h"
#include "sync/syncclient.h"
#include "tests/common/screenshot.h"
#include "tests/common/syncharness.h"
#include "ui/mainwindow.h"
#include "ui/startup.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Clearway;
using Tests::Desk;

namespace {

constexpr int kDeclarations = 100;

// Answers the next modal message box: saves it as `screenshot` (when not empty), hands it to
// `check`, then clicks the button named `button`.
void answerMessageBox(const QString &button, const QString &screenshot, std::function<void(QMessageBox *)> check)
{
    auto *timer = new QTimer;
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, button, screenshot, check] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        timer->stop();
        timer->deleteLater();
        check(box);
        if (!screenshot.isEmpty())
            QVERIFY(Tests::saveScreenshot(nullptr, screenshot));
        QAbstractButton *b = nullptr;
        if (button == QLatin1String("cancel"))
            b = box->button(QMessageBox::Cancel);
        else
            b = box->findChild<QPushButton *>(button);
        QVERIFY(b);
        b->click();
    });
    timer->start();
}

} // namespace

class TestRebase final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void theBannerCopiesAgainFromTheRestoredServer();

private:
    void openWindow();

    QTemporaryDir m_dir;
    QString m_db;
    Tests::ServerProcess m_server;
    Desk m_desk;
    std::unique_ptr<Ui::MainWindow> m_window;
    Models::Officer m_wang = Tests::officerWang();
};

void TestRebase::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QCOMPARE(Ui::installTranslations(qEnvironmentVariable("CLEARWAY_TEST_LANG", QStringLiteral("en"))), QString());
    m_db = m_dir.filePath(QStringLiteral("server.sqlite"));
    QCOMPARE(Tests::createServerDatabase(m_db, kDeclarations, QDateTime::currentDateTime()), QString());
    QString error;
    QVERIFY2(m_server.start(m_db, &error), qPrintable(error));
}

void TestRebase::cleanupTestCase()
{
    m_window.reset();
    m_desk.sync.reset();
}

void TestRebase::openWindow()
{
    m_window = std::make_unique<Ui::MainWindow>(m_desk.cache.get(), m_wang);
    m_window->attachSync(m_desk.sync.get());
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestRebase::theBannerCopiesAgainFromTheRestoredServer()
{
    const QString cachePath = m_dir.filePath(QStringLiteral("wang.sqlite"));
    QString error;
    QVERIFY2(m_desk.open(cachePath, 0, QDateTime::currentDateTime(), &error), qPrintable(error));
    m_desk.start(m_server.url(), m_wang);
    QTRY_COMPARE_WITH_TIMEOUT(m_desk.sync->state(), Sync::SyncClient::State::Online, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(m_desk.sync->isFollowing(), 20000);
    const QString oldEpoch = m_desk.sync->serverEpoch();
    openWindow();

    // The nightly backup, then a claim only the old server will know, then the server is lost.
    // The fixture's declarations in "received" with no holder: row % 7 == 0, id = row + 1.
    const QString backup = m_dir.filePath(QStringLiteral("backup.sqlite"));
    QByteArray output;
    QCOMPARE(Tests::runServerCommand({QStringLiteral("backup"), QStringLiteral("--database"), m_db, QStringLiteral("--to"), backup}, {}, &output), 0);
    QSignalSpy applied(m_desk.cache->writer(), &Storage::CacheWriter::applied);
    m_desk.issue(m_wang, QStringLiteral("claim"), 8);
    QTRY_COMPARE(applied.size(), 1);
    const auto claimed = applied.at(0).at(0).value<Storage::CommandOutcome>();
    QVERIFY2(claimed.stored, qPrintable(claimed.decision.code + QLatin1Char(' ') + claimed.decision.message + claimed.error));
    QTRY_COMPARE_WITH_TIMEOUT(m_desk.itemState(8), QStringLiteral("under_review/wang.jianguo/0"), 20000);
    QVERIFY(m_server.stop());
    // Work goes on offline: a claim the restored server can take, and putting back the one it lost.
    m_desk.issue(m_wang, QStringLiteral("claim"), 15);
    m_desk.issue(m_wang, QStringLiteral("unclaim"), 8);
    QTRY_COMPARE(m_desk.outboxSize(), 2);

    // Restored from the backup at the same address: the workstation says so and sends nothing.
    const QString restored = m_dir.filePath(QStringLiteral("restored.sqlite"));
    QCOMPARE(Tests::runServerCommand({QStringLiteral("restore"), QStringLiteral("--from"), backup, QStringLiteral("--database"), restored}, {}, &output),
             0);
    QVERIFY2(m_server.start(restored, &error), qPrintable(error));
    auto *banner = m_window->findChild<QWidget *>(QStringLiteral("rebaseBanner"));
    auto *button = m_window->findChild<QPushButton *>(QStringLiteral("rebaseButton"));
    auto *syncLabel = m_window->findChild<QLabel *>(QStringLiteral("syncStateLabel"));
    QVERIFY(banner && button && syncLabel);
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 15000);
    QVERIFY(m_desk.sync->isServerChanged());
    QTRY_VERIFY(syncLabel->text().startsWith(Ui::MainWindow::tr("Not syncing: another server")));
    QCOMPARE(m_desk.outboxSize(), 2);
    QVERIFY(Tests::saveScreenshot(m_window.get(), QStringLiteral("rebase-banner.png")));

    // Cancelled: nothing happens.
    QSignalSpy requested(m_window.get(), &Ui::MainWindow::rebaseRequested);
    answerMessageBox(QStringLiteral("cancel"), {}, [](QMessageBox *) {});
    button->click();
    QCOMPARE(requested.size(), 0);
    QVERIFY(banner->isVisible());
    QVERIFY(QFileInfo::exists(cachePath));

    // Confirmed: the confirmation names the file the cache is kept as and counts the unsent work.
    QString named;
    answerMessageBox(QStringLiteral("rebaseConfirmButton"), QStringLiteral("rebase-confirm.png"), [&named, oldEpoch](QMessageBox *box) {
        QCOMPARE(box->objectName(), QStringLiteral("rebaseConfirmMessageBox"));
        named = box->informativeText();
        QVERIFY2(named.contains(oldEpoch), qPrintable(named));
        const QString unsent = QCoreApplication::translate("Clearway::Ui::RebaseBanner",
                                                          "Your %n unsent action(s) are carried over and sent to this server once the new copy is "
                                                          "made. The server decides each one again on what it holds now: an action that no longer "
                                                          "fits (the item is gone or has changed there) is refused, and you are told why.",
                                                          nullptr, 2);
        QVERIFY2(named.contains(unsent), qPrintable(named));
    });
    button->click();
    QCOMPARE(requested.size(), 1);
    const QString kept = requested.at(0).at(0).toString();
    QVERIFY2(named.contains(QDir::toNativeSeparators(kept)), qPrintable(named));
    QVERIFY(!button->isEnabled());

    // What clearway's main() does next: close the window and the cache, re-base, open again.
    m_window.reset();
    m_desk.sync.reset();
    m_desk.cache.reset();
    const Storage::RebaseResult r = Storage::rebaseCache(cachePath, kept);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.carried, 2);
    QVERIFY(QFileInfo::exists(kept));
    QCOMPARE(Tests::queryValue(kept, QStringLiteral("SELECT count(*) FROM outbox")).toInt(), 2);
    QVERIFY2(m_desk.open(cachePath, 0, QDateTime::currentDateTime(), &error), qPrintable(error));
    QSignalSpy refused(m_desk.sync.get(), &Sync::SyncClient::commandRefused);
    m_desk.start(m_server.url(), m_wang);
    openWindow();
    QTRY_COMPARE_WITH_TIMEOUT(m_desk.outboxSize(), 0, 20000);
    QTRY_COMPARE(m_desk.itemState(15), QStringLiteral("under_review/wang.jianguo/0"));
    QTRY_COMPARE(m_desk.itemState(8), QStringLiteral("received//0"));
    QTRY_COMPARE(refused.size(), 1);
    QVERIFY(!m_window->findChild<QWidget *>(QStringLiteral("rebaseBanner"))->isVisible());
    QTRY_COMPARE(m_window->findChild<QLabel *>(QStringLiteral("syncStateLabel"))->text(), Ui::MainWindow::tr("Online"));
    QCOMPARE(Tests::queryValue(restored, QStringLiteral("SELECT assignee FROM declarations WHERE id = 15")).toString(), m_wang.id);
    QVERIFY(Tests::saveScreenshot(m_window.get(), QStringLiteral("rebase-after.png")));
}

QTEST_MAIN(TestRebase)
#include "tst_rebase.moc"
