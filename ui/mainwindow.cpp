#include "ui/mainwindow.h"

#include "models/lifecycle.h"
#include "storage/cache.h"
#include "storage/cachewriter.h"
#include "storage/database.h"
#include "storage/itemdetails.h"
#include "sync/syncclient.h"
#include "ui/detailpane.h"
#include "ui/queuepage.h"
#include "ui/rebasebanner.h"
#include "ui/reroutedialog.h"
#include "ui/riskpanel.h"
#include "ui/ruleeditor.h"
#include "ui/sessionbanner.h"
#include "ui/windowservices.h"

#include <algorithm>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSqlQuery>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Clearway::Ui {

using namespace Clearway::Models;
using Storage::Scope;

namespace {

enum NavRole { KindRole = Qt::UserRole + 1, ScopeRole, OverdueRole };
// The status bar's list of refusals keeps the newest this many.
constexpr qsizetype kMaxRefusalsKept = 1000;
// The scope rows under each kind; "Overdue" is the open work past its deadline.
struct ScopeRow
{
    Scope scope;
    bool overdue;
};
constexpr ScopeRow kScopeRows[] = {{Scope::MyWork, false}, {Scope::Unassigned, false}, {Scope::Open, true},
                                   {Scope::Open, false},   {Scope::Closed, false}};

QString scopeLabel(const ScopeRow &row, qint64 count, bool known)
{
    QString text;
    if (row.overdue)
        text = MainWindow::tr("Overdue");
    else if (row.scope == Scope::MyWork)
        text = MainWindow::tr("My work");
    else if (row.scope == Scope::Unassigned)
        text = MainWindow::tr("To claim");
    else if (row.scope == Scope::Open)
        text = MainWindow::tr("All open");
    else
        text = MainWindow::tr("Closed");
    if (known && row.scope != Scope::Closed)
        text += QStringLiteral("  ") + QLocale().toString(count);
    return text;
}

} // namespace

QList<WorkKind> MainWindow::kindsFor(const Officer &officer)
{
    QList<WorkKind> kinds;
    for (int k = 0; k < WorkKindCount; ++k) {
        const auto kind = static_cast<WorkKind>(k);
        // A kind is the officer's work when the officer may take items of it (claim them).
        for (const CommandDef &c : Lifecycle::of(kind).commands()) {
            if (c.effect == AssigneeEffect::TakeByActor && (c.roles & officer.roles & ~Roles(Role::System))) {
                kinds << kind;
                break;
            }
        }
    }
    return kinds;
}

MainWindow::MainWindow(Storage::Cache *cache, const Officer &officer, QWidget *parent)
    : QMainWindow(parent)
    , m_cache(cache)
    , m_officer(officer)
    , m_navigation(new QTreeWidget(this))
    , m_page(new QueuePage(cache, officer, cache->officerNames(), this))
    , m_warnings(new QLabel(this))
    , m_countLabel(new QLabel(this))
    , m_cacheLabel(new QLabel(this))
    , m_countTimer(new QTimer(this))
    , m_refreshSoon(new QTimer(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Clearway — %1 (%2)").arg(officer.name, officer.office));

    m_navigation->setObjectName(QStringLiteral("navigationTreeWidget"));
    m_navigation->setHeaderHidden(true);
    m_navigation->setRootIsDecorated(false);
    m_navigation->setIndentation(14);
    m_navigation->setMinimumWidth(170);

    m_warnings->setObjectName(QStringLiteral("warningLabel"));
    m_warnings->setWordWrap(true);
    m_warnings->setStyleSheet(QStringLiteral("QLabel { background: #fff4ce; color: #5c4400; padding: 6px; border-bottom: 1px solid #e0c36b; }"));
    m_warnings->hide();

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->addWidget(m_navigation);
    splitter->addWidget(m_page);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({200, 1200});
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_warnings);
    layout->addWidget(splitter, 1);
    setCentralWidget(central);

    auto *officerLabel = new QLabel(tr("%1 (%2)").arg(officer.name, officer.id), this);
    officerLabel->setObjectName(QStringLiteral("officerLabel"));
    auto *officeLabel = new QLabel(tr("Office %1").arg(officer.office), this);
    officeLabel->setObjectName(QStringLiteral("officeLabel"));
    auto *roleLabel = new QLabel(rolesLabel(officer.roles), this);
    roleLabel->setObjectName(QStringLiteral("roleLabel"));
    m_countLabel->setObjectName(QStringLiteral("countLabel"));
    m_cacheLabel->setObjectName(QStringLiteral("cacheStateLabel"));
    m_cacheLabel->setText(tr("Cache: checking…"));
    statusBar()->addPermanentWidget(m_countLabel);
    statusBar()->addPermanentWidget(officerLabel);
    statusBar()->addPermanentWidget(officeLabel);
    statusBar()->addPermanentWidget(roleLabel);
    statusBar()->addPermanentWidget(m_cacheLabel);
    // After the initial copy the search index is built in the background; until then a search
    // does not find every item, and the officer is told so.
    m_indexingLabel = new QLabel(this);
    m_indexingLabel->setObjectName(QStringLiteral("searchIndexLabel"));
    m_indexingLabel->setToolTip(tr("After the first copy from the server, the search index and the indexes of closed work are built "
                                      "in the background. Until they are complete a search may not find every item, and sorting closed work "
                                      "is slower. Everything else is complete."));
    m_indexingLabel->setText(tr("Indexing…"));
    m_indexingLabel->setVisible(!m_cache->writer()->isBackgroundIndexingComplete());
    statusBar()->insertPermanentWidget(0, m_indexingLabel);
    connect(m_cache->writer(), &Storage::CacheWriter::backgroundIndexProgress, this, [this](qint64 done, qint64 total) {
        m_indexingLabel->setText(tr("Indexing %1%: searches may miss items").arg(total > 0 ? done * 100 / total : 100));
        m_indexingLabel->setVisible(done < total);
    });

    m_page->detailPane()->riskPanel()->setCache(cache);
    connect(m_page->detailPane()->riskPanel(), &RiskPanel::changeChannelRequested, this, &MainWindow::changeChannel);
    buildNavigation();
    buildActions();

    connect(m_navigation, &QTreeWidget::currentItemChanged, this, &MainWindow::onNavigationChanged);
    connect(m_page, &QueuePage::countChanged, this, [this](qint64 rows, bool exact) {
        m_countLabel->setText(exact ? tr("%1 items").arg(QLocale().toString(rows)) : tr("counting…"));
    });
    connect(m_page, &QueuePage::statusMessage, this, [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    connect(m_page, &QueuePage::cacheWritten, this, &MainWindow::requestCounts);
    connect(m_cache->reader(), &Storage::CacheReader::queueCountsReady, this, &MainWindow::onQueueCounts);
    connect(m_cache->reader(), &Storage::CacheReader::quickCheckDone, this, &MainWindow::onQuickCheck);
    // Deadlines pass while the officer works: the counts and the overdue marks follow every minute.
    m_countTimer->setInterval(60 * 1000);
    connect(m_countTimer, &QTimer::timeout, this, [this] {
        if (m_sync && m_sync->isSnapshotting())
            return; // the queues are read again once the initial copy is complete
        requestCounts();
        m_page->refresh();
    });
    // The server's changes: a colleague's action shows at once; in a burst, the queue is read
    // again at most every 100 ms and the counts (over the whole cache, on the reader thread) at
    // most every second.
    m_refreshSoon->setSingleShot(true);
    connect(m_refreshSoon, &QTimer::timeout, this, &MainWindow::refreshStale);
    connect(m_cache->writer(), &Storage::CacheWriter::changesApplied, this, &MainWindow::refreshAfterChanges);
    connect(m_cache->writer(), &Storage::CacheWriter::commandSettled, this, &MainWindow::refreshAfterChanges);
    m_page->table()->viewport()->installEventFilter(this);

    if (QTreeWidgetItem *first = m_navigation->topLevelItemCount() ? m_navigation->topLevelItem(0)->child(0) : nullptr)
        m_navigation->setCurrentItem(first);
    else
        m_page->detailPane()->setEnabled(false);
    resize(1440, 900);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildNavigation()
{
    for (const WorkKind kind : kindsFor(m_officer)) {
        auto *top = new QTreeWidgetItem(m_navigation, {workKindLabel(kind)});
        top->setFlags(Qt::ItemIsEnabled);
        QFont bold = top->font(0);
        bold.setBold(true);
        top->setFont(0, bold);
        for (const ScopeRow &row : kScopeRows) {
            auto *child = new QTreeWidgetItem(top, {scopeLabel(row, 0, false)});
            child->setData(0, KindRole, static_cast<int>(kind));
            child->setData(0, ScopeRole, static_cast<int>(row.scope));
            child->setData(0, OverdueRole, row.overdue);
        }
        top->setExpanded(true);
    }
}

void MainWindow::buildActions()
{
    QMenu *work = menuBar()->addMenu(tr("&Work"));
    QAction *search = work->addAction(tr("Search"), this, [this] { m_page->focusSearch(); });
    search->setObjectName(QStringLiteral("searchAction"));
    search->setShortcut(QKeySequence::Find);
    QAction *refresh = work->addAction(tr("Refresh"), this, [this] {
        m_page->refresh();
        requestCounts();
    });
    refresh->setObjectName(QStringLiteral("refreshAction"));
    refresh->setShortcut(QKeySequence::Refresh);
    QAction *table = work->addAction(tr("Go to the queue"), this, [this] { m_page->table()->setFocus(); });
    table->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    QAction *navigation = work->addAction(tr("Go to the queue list"), this, [this] { m_navigation->setFocus(); });
    navigation->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    QAction *refused = work->addAction(tr("Refused actions…"), this, &MainWindow::showRefusals);
    refused->setObjectName(QStringLiteral("refusalsAction"));
    QAction *reconnect = work->addAction(tr("Connect to the server now"), this, [this] {
        if (m_sync)
            m_sync->reconnectNow();
    });
    reconnect->setObjectName(QStringLiteral("reconnectAction"));
    work->addSeparator();
    // Ctrl+1… opens "my work" of each kind in navigation order; Alt+1… picks the scope row.
    for (int i = 0; i < m_navigation->topLevelItemCount() && i < 9; ++i) {
        QTreeWidgetItem *top = m_navigation->topLevelItem(i);
        QAction *a = work->addAction(top->text(0), this, [this, top] { m_navigation->setCurrentItem(top->child(0)); });
        a->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
    }
    for (int s = 0; s < int(std::size(kScopeRows)); ++s) {
        auto *a = new QAction(this);
        a->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + s)));
        connect(a, &QAction::triggered, this, [this, s] {
            QTreeWidgetItem *current = m_navigation->currentItem();
            QTreeWidgetItem *top = current && current->parent() ? current->parent() : current;
            if (top && s < top->childCount())
                m_navigation->setCurrentItem(top->child(s));
        });
        addAction(a);
    }
    work->addSeparator();
    // Risk and selectivity: any officer may ask to re-route (the server checks the permission);
    // the rule editor is for supervisors.
    QAction *reroute = work->addAction(tr("Change channel…"), this, &MainWindow::changeChannel);
    reroute->setObjectName(QStringLiteral("changeChannelAction"));
    reroute->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    QAction *rules = work->addAction(tr("Risk rules…"), this, &MainWindow::openRuleEditor);
    rules->setObjectName(QStringLiteral("ruleEditorAction"));
    rules->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    rules->setVisible(m_officer.hasRole(Role::Supervisor));
    rules->setEnabled(m_officer.hasRole(Role::Supervisor));
    work->addSeparator();
    QAction *quit = work->addAction(tr("Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    if (WindowServices::isFor(m_officer)) {
        m_services = new WindowServices(m_cache, m_officer, this);
        m_services->addMenu(menuBar()->addMenu(tr("Window &services")));
    }

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QMenu *language = view->addMenu(tr("Language"));
    auto *group = new QActionGroup(this);
    const QString current = QSettings().value(QStringLiteral("language"), QStringLiteral("zh_CN")).toString();
    for (const auto &[code, name] : {std::pair{QStringLiteral("zh_CN"), QStringLiteral("简体中文")}, std::pair{QStringLiteral("en"), QStringLiteral("English")}}) {
        QAction *a = language->addAction(name, this, [this, code] { chooseLanguage(code); });
        a->setCheckable(true);
        a->setChecked(current == code);
        group->addAction(a);
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *keys = help->addAction(tr("Keyboard shortcuts"), this, &MainWindow::showShortcuts);
    keys->setShortcut(QKeySequence::HelpContents);
}

void MainWindow::chooseLanguage(const QString &language)
{
    QSettings().setValue(QStringLiteral("language"), language);
    QMessageBox::information(this, tr("Language"), tr("The language changes the next time Clearway starts."));
}

void MainWindow::showShortcuts()
{
    QString text = tr("<table cellpadding=3>"
                            "<tr><td><b>Ctrl+F</b></td><td>Search the queue</td></tr>"
                            "<tr><td><b>J / K, ↓ / ↑</b></td><td>Next / previous item</td></tr>"
                            "<tr><td><b>Ctrl+1 … Ctrl+6</b></td><td>Open a kind of work (my work)</td></tr>"
                            "<tr><td><b>Alt+1 … Alt+5</b></td><td>My work, to claim, overdue, all open, closed</td></tr>"
                            "<tr><td><b>Ctrl+M</b></td><td>Claim</td></tr>"
                            "<tr><td><b>Ctrl+Shift+M</b></td><td>Put back in the shared queue</td></tr>"
                            "<tr><td><b>Ctrl+R</b></td><td>Release</td></tr>"
                            "<tr><td><b>Ctrl+H / Ctrl+Shift+H</b></td><td>Hold / resume</td></tr>"
                            "<tr><td><b>Ctrl+Shift+R</b></td><td>Return for correction</td></tr>"
                            "<tr><td><b>Ctrl+I</b></td><td>Route to inspection</td></tr>"
                            "<tr><td><b>Ctrl+E</b></td><td>Escalate</td></tr>"
                            "<tr><td><b>Ctrl+G</b></td><td>Reassign (supervisors)</td></tr>"
                            "<tr><td><b>Ctrl+Alt+1 …</b></td><td>Other actions, in the order of their buttons</td></tr>"
                            "<tr><td><b>Ctrl+Shift+X</b></td><td>Clear the search and filters</td></tr>"
                            "<tr><td><b>Ctrl+Shift+C</b></td><td>Change the channel of a declaration</td></tr>"
                            "<tr><td><b>Ctrl+Shift+E</b></td><td>Risk rules (supervisors)</td></tr>"
                            "<tr><td><b>F5</b></td><td>Refresh</td></tr>"
                            "<tr><td><b>Ctrl+L / Ctrl+0</b></td><td>Go to the queue / the queue list</td></tr>"
                            "</table>");
    if (m_services) {
        const qsizetype end = text.lastIndexOf(QStringLiteral("</table>"));
        text.insert(end < 0 ? text.size() : end, tr("<tr><td><b>Ctrl+Shift+N</b></td><td>Receive an application at the window</td></tr>"
                                                                     "<tr><td><b>Ctrl+Shift+P</b></td><td>Application progress by number</td></tr>"
                                                                     "<tr><td><b>Ctrl+Shift+L</b></td><td>Hand-off ledger</td></tr>"));
    }
    QMessageBox box(QMessageBox::NoIcon, tr("Keyboard shortcuts"), text, QMessageBox::Close, this);
    box.setObjectName(QStringLiteral("shortcutsMessageBox"));
    box.exec();
}

void MainWindow::openRuleEditor()
{
    if (!m_officer.hasRole(Role::Supervisor))
        return;
    if (!m_ruleEditor) // the text it last loaded is kept beside the cache, for offline reading
        m_ruleEditor = new RuleEditor(m_sync, m_cache->path() + QStringLiteral(".rules.json"), this);
    m_ruleEditor->show();
    m_ruleEditor->raise();
    m_ruleEditor->activateWindow();
}

void MainWindow::changeChannel()
{
    RiskPanel *risk = m_page->detailPane()->riskPanel();
    if (m_page->model()->kind() != WorkKind::Declaration || !m_page->currentItemId() || risk->declarationId() != m_page->currentItemId()) {
        statusBar()->showMessage(tr("Select a declaration to change its channel."), 8000);
        return;
    }
    auto *dialog = new RerouteDialog(m_sync, risk->declarationId(), risk->number(), risk->currentChannel(), this);
    connect(dialog, &RerouteDialog::rerouted, this, [this](qint64, Channel to) {
        statusBar()->showMessage(tr("The server changed the channel to %1; the change reaches every workstation now.").arg(channelLabel(to)), 15000);
    });
    dialog->open();
}

void MainWindow::addWarning(const QString &text)
{
    const QString existing = m_warnings->text();
    m_warnings->setText(existing.isEmpty() ? text : existing + QLatin1Char('\n') + text);
    m_warnings->show();
}

void MainWindow::startBackgroundChecks()
{
    m_cache->reader()->requestQuickCheck();
    requestCounts();
    m_countTimer->start();
}

void MainWindow::attachSync(Sync::SyncClient *sync)
{
    m_sync = sync;
    if (m_services)
        m_services->setSync(sync);
    m_syncLabel = new QLabel(this);
    m_syncLabel->setObjectName(QStringLiteral("syncStateLabel"));
    statusBar()->insertPermanentWidget(0, m_syncLabel);
    connect(sync, &Sync::SyncClient::stateChanged, this, &MainWindow::updateSyncLabel);
    connect(sync, &Sync::SyncClient::stalledChanged, this, &MainWindow::updateSyncLabel);
    m_page->detailPane()->riskPanel()->setSync(sync);
    connect(m_page, &QueuePage::cacheWritten, this, &MainWindow::updateSyncLabel);
    // A refusal is said at once, and kept in the status bar's list until the officer clears it: it
    // may come long after the action (offline work sent when the network came back).
    m_refusalsButton = new QToolButton(this);
    m_refusalsButton->setObjectName(QStringLiteral("refusalsToolButton"));
    m_refusalsButton->setAutoRaise(true);
    m_refusalsButton->setStyleSheet(QStringLiteral("color: #b00020; font-weight: bold;"));
    m_refusalsButton->setToolTip(tr("Actions of yours the server refused, and why"));
    m_refusalsButton->hide();
    statusBar()->insertPermanentWidget(0, m_refusalsButton);
    connect(m_refusalsButton, &QToolButton::clicked, this, &MainWindow::showRefusals);
    connect(sync, &Sync::SyncClient::commandRefused, this, [this](const Models::Command &command, const QString &message) {
        const QString action = Lifecycle::of(command.kind).commandLabel(command.name);
        const QString text = tr("The server refused \"%1\": %2").arg(action, message);
        statusBar()->showMessage(text, 15000);
        if (m_page->currentItemId() == command.itemId)
            m_page->detailPane()->showMessage(text, true);
        QString number, error;
        Models::WorkItemState work;
        // Not in the cache: no number, and the list shows the item's id.
        Storage::loadItemWork(QSqlDatabase::database(m_cache->connectionName(), false), command.kind, command.itemId, &number, &work, &error);
        m_refusals.prepend({QDateTime::currentDateTimeUtc(), command.kind, command.itemId, number, action, message});
        if (m_refusals.size() > kMaxRefusalsKept)
            m_refusals.resize(kMaxRefusalsKept); // the oldest go; each is in its item's history too
        updateRefusals();
    });
    connect(sync, &Sync::SyncClient::snapshotProgress, this, [this](qint64 done, qint64 total) {
        // Rows committed during the copy are sent too, so `done` may pass `total`.
        m_snapshotPercent = total > 0 ? int(std::min<qint64>(99, done * 100 / total)) : 0;
        updateSyncLabel();
    });
    auto showCopied = [this] {
        reloadOfficerNames(); // the copy brought the officers
        m_page->refresh();
        requestCounts();
        updateSyncLabel();
    };
    // Accounts added, renamed or disabled on the server; the queue refreshes with the changes.
    connect(sync, &Sync::SyncClient::officersChanged, this, &MainWindow::reloadOfficerNames);
    // The officer's own open work comes first in a copy: it can be worked on while the rest arrives.
    const QString ownWorkHere = tr("Your own work is here and can be worked on; the rest is still being copied.");
    connect(sync, &Sync::SyncClient::ownWorkCopied, this, [this, showCopied, ownWorkHere] {
        showCopied();
        statusBar()->showMessage(ownWorkHere, 60000);
    });
    connect(sync, &Sync::SyncClient::snapshotFinished, this, [this, showCopied, ownWorkHere] {
        if (statusBar()->currentMessage() == ownWorkHere)
            statusBar()->clearMessage(); // the rest is here too
        showCopied();
    });
    // Another server database: nothing is synced; the banner offers to copy again from it.
    auto *rebase = new RebaseBanner(m_cache->path(), this);
    static_cast<QVBoxLayout *>(centralWidget()->layout())->insertWidget(1, rebase);
    connect(rebase, &RebaseBanner::rebaseConfirmed, this, &MainWindow::rebaseRequested);
    connect(sync, &Sync::SyncClient::serverChanged, this, [this, rebase](const QString &previousEpoch, const QString &epoch) {
        rebase->showServerChanged(previousEpoch, epoch);
        updateSyncLabel();
    });
    connect(m_cache->writer(), &Storage::CacheWriter::commandsCarriedOver, this, [this](int count) {
        statusBar()->showMessage(tr("%n unsent action(s) from the previous copy are being sent to the server, which decides each one again.", nullptr, count),
                                 15000);
    });
    connect(sync, &Sync::SyncClient::certificateRejected, this, [this](const QString &detail) {
        addWarning(tr("Sync stopped: the server's certificate is not trusted (%1). Your work is kept here and sent once "
                      "technical support has fixed the certificate and you sign in again.")
                       .arg(detail));
    });
    updateSyncLabel();
}

void MainWindow::attachSignIn(Sync::SignIn *signIn, bool offline, qint64 offlineValidUntil)
{
    auto *banner = new SessionBanner(signIn, this);
    // Under the warnings, above the queues.
    static_cast<QVBoxLayout *>(centralWidget()->layout())->insertWidget(1, banner);
    if (offline)
        banner->showOffline(offlineValidUntil);
}

void MainWindow::updateSyncLabel()
{
    if (!m_syncLabel)
        return;
    qint64 pending = 0;
    {
        QSqlDatabase db = QSqlDatabase::database(m_cache->connectionName(), false);
        QSqlQuery q(db);
        if (Storage::execRetrying(q, QStringLiteral("SELECT count(*) FROM outbox")) && q.next())
            pending = q.value(0).toLongLong();
    }
    QString state;
    switch (m_sync->state()) {
    case Sync::SyncClient::State::Online:
        state = tr("Online");
        break;
    case Sync::SyncClient::State::Connecting:
        state = tr("Connecting…");
        break;
    case Sync::SyncClient::State::Offline:
    case Sync::SyncClient::State::Stopped:
        state = tr("Offline");
        break;
    }
    if (m_sync->isSnapshotting())
        state = tr("Copying from the server: %1%").arg(std::max(0, m_snapshotPercent));
    else if (m_sync->isServerChanged())
        state = tr("Not syncing: another server");
    else if (m_sync->isStalled())
        state = tr("Not up to date: the server's changes cannot be saved here, trying again");
    QString text = pending > 0 ? tr("%1 · %2 waiting to send").arg(state).arg(pending) : state;
    // Away from the server: since when this desk has not heard from it.
    if (m_sync->state() != Sync::SyncClient::State::Online && m_sync->lastContact().isValid()) {
        const QDateTime last = m_sync->lastContact();
        text += QStringLiteral(" · ")
            + tr("last synced %1")
                  .arg(last.date() == QDate::currentDate() ? QLocale().toString(last.time(), QLocale::ShortFormat)
                                                           : QLocale().toString(last, QLocale::ShortFormat));
    }
    QStringList tip;
    if (m_sync->isStalled())
        tip << tr("Why: %1. Your own work is kept; if this stays, call technical support.").arg(m_sync->stallReason());
    if (m_sync->lastContact().isValid())
        tip << tr("Last contact with the server: %1").arg(QLocale().toString(m_sync->lastContact(), QLocale::ShortFormat));
    m_syncLabel->setToolTip(tip.join(QLatin1Char('\n')));
    m_syncLabel->setText(text);
    const bool fine = m_sync->state() == Sync::SyncClient::State::Online && !m_sync->isServerChanged() && !m_sync->isStalled();
    m_syncLabel->setStyleSheet(fine ? QString() : QStringLiteral("color: #8a5a00; font-weight: bold;"));
}

void MainWindow::updateRefusals()
{
    if (!m_refusalsButton)
        return;
    const int n = int(m_refusals.size());
    m_refusalsButton->setText(tr("⚠ %n refused", nullptr, n));
    m_refusalsButton->setVisible(n > 0);
    if (m_refusalsDialog)
        m_refusalsDialog->setRefusals(m_refusals);
}

void MainWindow::showRefusals()
{
    if (!m_refusalsDialog) {
        m_refusalsDialog = new RefusalsDialog(this);
        m_refusalsDialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_refusalsDialog, &RefusalsDialog::showItemRequested, this, [this](const Refusal &r) { showItem(r.kind, r.itemId); });
        connect(m_refusalsDialog, &RefusalsDialog::clearRequested, this, [this] {
            m_refusals.clear();
            updateRefusals();
            m_refusalsDialog->close();
        });
    }
    m_refusalsDialog->setRefusals(m_refusals);
    m_refusalsDialog->show();
    m_refusalsDialog->raise();
    m_refusalsDialog->activateWindow();
}

void MainWindow::showItem(Models::WorkKind kind, qint64 id)
{
    QString number, error;
    Models::WorkItemState work;
    if (!Storage::loadItemWork(QSqlDatabase::database(m_cache->connectionName(), false), kind, id, &number, &work, &error)) {
        statusBar()->showMessage(error, 10000);
        return;
    }
    const Scope scope = Lifecycle::of(kind).isOpen(work.state) ? Scope::Open : Scope::Closed;
    for (int i = 0; i < m_navigation->topLevelItemCount(); ++i) {
        QTreeWidgetItem *top = m_navigation->topLevelItem(i);
        for (int c = 0; c < top->childCount(); ++c) {
            QTreeWidgetItem *row = top->child(c);
            if (row->data(0, KindRole).toInt() == static_cast<int>(kind) && row->data(0, ScopeRole).toInt() == static_cast<int>(scope)
                && !row->data(0, OverdueRole).toBool()) {
                m_navigation->setCurrentItem(row);
                m_page->findItem(id, number);
                activateWindow();
                return;
            }
        }
    }
    statusBar()->showMessage(tr("Your queues do not include this kind of work."), 10000);
}

void MainWindow::reloadOfficerNames()
{
    const Storage::OfficerNames names = m_cache->officerNames();
    m_page->setOfficerNames(names);
    if (m_services)
        m_services->setOfficerNames(names);
}

void MainWindow::refreshAfterChanges()
{
    m_queueStale = true;
    m_countsStale = true;
    refreshStale();
}

void MainWindow::refreshStale()
{
    constexpr qint64 kQueueEveryMs = 100;
    constexpr qint64 kCountsEveryMs = 1000;
    if (m_sync && m_sync->isSnapshotting())
        return; // the queues are read again once the initial copy is complete
    // Each is read at once when its last read is old enough, else when it will be.
    auto due = [](bool stale, const QElapsedTimer &readAt, qint64 every) {
        return !stale ? -1 : !readAt.isValid() ? 0 : std::max<qint64>(0, every - readAt.elapsed());
    };
    const qint64 queueDue = due(m_queueStale, m_queueReadAt, kQueueEveryMs);
    const qint64 countsDue = due(m_countsStale, m_countsReadAt, kCountsEveryMs);
    if (queueDue == 0) {
        m_queueStale = false;
        m_queueReadAt.start();
        m_page->refresh();
        updateSyncLabel();
    }
    if (countsDue == 0) {
        m_countsStale = false;
        m_countsReadAt.start();
        requestCounts();
    }
    const qint64 next = std::min(queueDue > 0 ? queueDue : kCountsEveryMs, countsDue > 0 ? countsDue : kCountsEveryMs);
    if ((queueDue > 0 || countsDue > 0) && (!m_refreshSoon->isActive() || m_refreshSoon->remainingTime() > next))
        m_refreshSoon->start(int(next));
}

void MainWindow::requestCounts() { m_cache->reader()->requestQueueCounts(m_officer.id, QDateTime::currentDateTime()); }

void MainWindow::onNavigationChanged(QTreeWidgetItem *current)
{
    if (!current)
        return;
    if (!current->parent()) { // a kind's heading: open its first row
        m_navigation->setCurrentItem(current->child(0));
        return;
    }
    const auto kind = static_cast<WorkKind>(current->data(0, KindRole).toInt());
    const auto scope = static_cast<Scope>(current->data(0, ScopeRole).toInt());
    const bool overdue = current->data(0, OverdueRole).toBool();
    m_page->showQueue(kind, scope, overdue ? std::optional(SlaState::Overdue) : std::nullopt);
}

void MainWindow::onQueueCounts(const QList<Storage::QueueCounts> &counts)
{
    for (int i = 0; i < m_navigation->topLevelItemCount(); ++i) {
        QTreeWidgetItem *top = m_navigation->topLevelItem(i);
        for (int c = 0; c < top->childCount(); ++c) {
            QTreeWidgetItem *child = top->child(c);
            const auto kind = static_cast<WorkKind>(child->data(0, KindRole).toInt());
            const Storage::QueueCounts *qc = nullptr;
            for (const Storage::QueueCounts &candidate : counts) {
                if (candidate.kind == kind)
                    qc = &candidate;
            }
            if (!qc)
                continue;
            const ScopeRow &row = kScopeRows[c];
            const qint64 n = row.overdue ? qc->overdue
                : row.scope == Scope::MyWork ? qc->mine
                : row.scope == Scope::Unassigned ? qc->unassigned
                                                  : qc->open;
            child->setText(0, scopeLabel(row, n, true));
            child->setForeground(0, row.overdue && n > 0 ? QBrush(QColor(0xA3, 0x10, 0x1A)) : QBrush());
        }
    }
}

void MainWindow::onQuickCheck(bool ok, const QString &detail, qint64 elapsedMs)
{
    if (ok) {
        m_cacheLabel->setText(tr("Cache OK"));
        m_cacheLabel->setToolTip(tr("%1\nChecked in %2 ms").arg(m_cache->path()).arg(elapsedMs));
        m_cacheLabel->setStyleSheet({});
        return;
    }
    m_cacheLabel->setText(tr("Cache damaged"));
    m_cacheLabel->setStyleSheet(QStringLiteral("color: #a3101a; font-weight: bold;"));
    m_cacheLabel->setToolTip(detail);
    addWarning(tr("The local cache %1 is damaged. Nothing was deleted: your unsent work is still in it. "
                  "Keep working with care and call technical support; they can rebuild the cache from the server "
                  "and keep the unsent commands.")
                   .arg(m_cache->path()));
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (!m_painted && event->type() == QEvent::Paint && watched == m_page->table()->viewport()
        && m_page->model()->rowCount() > 0) {
        m_painted = true;
        // After this paint has finished.
        QTimer::singleShot(0, this, &MainWindow::firstQueuePainted);
    }
    return QMainWindow::eventFilter(watched, event);
}

} // namespace Clearway::Ui
