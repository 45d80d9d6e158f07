#pragma once

#include "models/entities.h"
#include "ui/refusalsdialog.h"
#include "storage/cachereader.h"
#include "storage/valueformat.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QPointer>

class QLabel;
class QTimer;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace Clearway::Storage {
class Cache;
}
namespace Clearway::Sync {
class SignIn;
class SyncClient;
}

namespace Clearway::Ui {

class QueuePage;
class WindowServices;

// The workstation: the queues the officer's roles work on, with live counts, one queue on screen
// and the status bar (officer, office, role, cache state).
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    MainWindow(Storage::Cache *cache, const Models::Officer &officer, QWidget *parent = nullptr);
    ~MainWindow() override;

    // A problem the officer should know about that does not stop work (a missing font, say).
    void addWarning(const QString &text);
    // Shows the connection to the server in the status bar and refusals to the officer.
    void attachSync(Sync::SyncClient *sync);
    // Shows when the officer signed in offline, and asks for the password (without blocking work)
    // when the server refuses the session later.
    void attachSignIn(Sync::SignIn *signIn, bool offline, qint64 offlineValidUntil);

    // Starts the background checks (quick_check, counts); call once the window is shown.
    void startBackgroundChecks();

    QueuePage *queuePage() const { return m_page; }
    // The Window services menu's dialogs; nullptr when the officer's roles do not use it.
    WindowServices *windowServices() const { return m_services; }
    QTreeWidget *navigation() const { return m_navigation; }
    // The commands the server refused since the start, newest first (the status bar's list).
    const QList<Refusal> &refusals() const { return m_refusals; }
    // Shows the list of refusals (the status bar's button).
    void showRefusals();
    // Opens the queue that holds the item (all open, or closed) with the item found and selected.
    void showItem(Models::WorkKind kind, qint64 id);

    // The kinds of work this officer's roles act on.
    static QList<Models::WorkKind> kindsFor(const Models::Officer &officer);

Q_SIGNALS:
    // The table has painted its first rows (start-up measurement and screenshots).
    void firstQueuePainted();
    // The officer confirmed copying again from a server that is not the one this cache was filled
    // from: whoever opened the window closes it and the cache, re-bases the cache, keeping it as
    // `keptPath` (Storage::rebaseCache()), and opens the new one.
    void rebaseRequested(const QString &keptPath);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildNavigation();
    void buildActions();
    void onNavigationChanged(QTreeWidgetItem *current);
    void onQueueCounts(const QList<Storage::QueueCounts> &counts);
    void onQuickCheck(bool ok, const QString &detail, qint64 elapsedMs);
    void requestCounts();
    void refreshAfterChanges(); // the server's changes arrived: the queue and the counts are stale
    void reloadOfficerNames();  // the officers in the cache changed: ids are shown with their new names
    void refreshStale();
    void showShortcuts();
    void chooseLanguage(const QString &language);
    void updateSyncLabel();
    void updateRefusals();
    void openRuleEditor();
    void changeChannel();

    Storage::Cache *m_cache;
    Models::Officer m_officer;
    QTreeWidget *m_navigation;
    QueuePage *m_page;
    QLabel *m_warnings;
    QLabel *m_countLabel;
    QLabel *m_indexingLabel;
    QLabel *m_cacheLabel;
    QTimer *m_countTimer;
    QTimer *m_refreshSoon;
    QElapsedTimer m_queueReadAt;  // when the queue was last read again after changes
    QElapsedTimer m_countsReadAt; // when the counts were
    bool m_queueStale = false;
    bool m_countsStale = false;
    QLabel *m_syncLabel = nullptr;
    int m_snapshotPercent = -1;
    Sync::SyncClient *m_sync = nullptr;
    bool m_painted = false;
    QPointer<QWidget> m_ruleEditor;
    QList<Refusal> m_refusals;
    QToolButton *m_refusalsButton = nullptr;
    QPointer<RefusalsDialog> m_refusalsDialog;
    WindowServices *m_services = nullptr;
};

} // namespace Clearway::Ui
