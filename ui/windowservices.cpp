#include "ui/windowservices.h"

#include "models/lifecycle.h"
#include "models/servicecatalogue.h"
#include "storage/cache.h"
#include "storage/cachewriter.h"
#include "storage/itemdetails.h"
#include "ui/intakedialog.h"

#include <QDateEdit>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSqlDatabase>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Clearway::Ui {

using Models::WorkKind;

namespace {

QString officerName(const Storage::OfficerNames &officers, const QString &id)
{
    const QString name = officers.value(id);
    return name.isEmpty() ? id : name;
}

// The last day of a time limit (deadlines are the midnight that ends it, in China).
QString dueDay(qint64 deadline)
{
    return QDateTime::fromSecsSinceEpoch(deadline - 1, Models::chinaTimeZone()).date().toString(Qt::ISODate);
}

// Columns as wide as their text, with room to breathe.
void fitColumns(QTableView *table)
{
    table->resizeColumnsToContents();
    for (int c = 0; c < table->model()->columnCount(); ++c)
        table->setColumnWidth(c, table->columnWidth(c) + 16);
}

QTableView *readOnlyTable(const QString &objectName, QAbstractItemModel *model, QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setObjectName(objectName);
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

} // namespace

// ProgressDialog

ProgressDialog::ProgressDialog(Storage::Cache *cache, const Storage::OfficerNames &officers, QWidget *parent)
    : QDialog(parent)
    , m_cache(cache)
    , m_officers(officers)
    , m_number(new QLineEdit(this))
    , m_summary(new QLabel(this))
    , m_state(new QLabel(this))
    , m_remaining(new QLabel(this))
    , m_stages(new QTableWidget(0, 4, this))
{
    setObjectName(QStringLiteral("progressDialog"));
    setWindowTitle(tr("Application progress"));
    m_number->setObjectName(QStringLiteral("applicationNumberLineEdit"));
    m_number->setPlaceholderText(tr("Application number, e.g. 5141-20261123-0007"));
    m_number->setClearButtonEnabled(true);
    m_summary->setObjectName(QStringLiteral("progressSummaryLabel"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_state->setObjectName(QStringLiteral("progressStateLabel"));
    m_state->setStyleSheet(QStringLiteral("font-size: 13pt; font-weight: bold;"));
    m_remaining->setObjectName(QStringLiteral("timeRemainingLabel"));
    m_stages->setObjectName(QStringLiteral("progressStagesTableWidget"));
    m_stages->setHorizontalHeaderLabels({tr("Time"), tr("Stage"), tr("Officer"), tr("Note")});
    m_stages->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_stages->verticalHeader()->hide();
    m_stages->horizontalHeader()->setStretchLastSection(true);
    auto *lookUpButton = new QPushButton(tr("&Look up"), this);
    lookUpButton->setObjectName(QStringLiteral("lookUpButton"));
    lookUpButton->setDefault(true);

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Application number:"), this));
    top->addWidget(m_number, 1);
    top->addWidget(lookUpButton);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_summary);
    layout->addWidget(m_state);
    layout->addWidget(m_remaining);
    layout->addWidget(m_stages, 1);
    layout->addWidget(buttons);
    resize(760, 460);

    connect(lookUpButton, &QPushButton::clicked, this, [this] { lookUp(m_number->text()); });
    connect(m_number, &QLineEdit::returnPressed, this, [this] { lookUp(m_number->text()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    display({});
}

bool ProgressDialog::lookUp(const QString &number)
{
    m_number->setText(number.trimmed());
    m_shown = number.trimmed();
    Storage::ApplicationRecord a;
    QString error;
    if (!Storage::loadApplication(QSqlDatabase::database(m_cache->connectionName(), false), m_shown, &a, &error)) {
        display({});
        m_summary->setText(error.isEmpty() ? tr("No application has the number \"%1\". Check the number on the applicant's receipt.").arg(m_shown)
                                           : tr("The application could not be read: %1").arg(error));
        m_summary->setStyleSheet(QStringLiteral("color: #a3101a;"));
        return false;
    }
    display(a);
    return true;
}

void ProgressDialog::refresh()
{
    if (!m_shown.isEmpty() && isVisible())
        lookUp(m_shown);
}

void ProgressDialog::display(const Storage::ApplicationRecord &a)
{
    m_summary->setStyleSheet({});
    m_stages->setRowCount(0);
    if (a.number.isEmpty()) {
        m_summary->setText(tr("Type the number from the applicant's receipt and press Enter."));
        m_state->clear();
        m_remaining->clear();
        return;
    }
    const Models::Lifecycle &lifecycle = Models::Lifecycle::of(WorkKind::ServiceApplication);
    m_summary->setText(tr("%1 · %2 · %3 · handled by %4")
                           .arg(a.number, Models::ServiceCatalogue::itemLabel(a.serviceKey, a.serviceItem), a.applicantName, a.handlingOffice));
    m_state->setText(lifecycle.stateLabel(a.state) + (a.assignee.isEmpty() ? QString() : tr(" (%1)").arg(officerName(m_officers, a.assignee))));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const bool open = lifecycle.isOpen(a.state);
    QString remaining;
    bool late = false;
    if (a.deadline > 0 && open) {
        late = a.deadline <= now;
        remaining = late ? tr("Overdue: the time limit ended %1 (%2).").arg(dueDay(a.deadline), Storage::formatTimeLeft(a.deadline - now))
                         : tr("Time left: %1 (due %2).").arg(Storage::formatTimeLeft(a.deadline - now), dueDay(a.deadline));
    } else if (a.deadline > 0) {
        const qint64 closedAt = a.stages.isEmpty() ? now : a.stages.constLast().at;
        late = closedAt > a.deadline;
        remaining = late ? tr("Closed after the time limit (due %1).").arg(dueDay(a.deadline))
                         : tr("Closed within the time limit (due %1).").arg(dueDay(a.deadline));
    }
    if (a.timeLimitDays > 0)
        remaining += QLatin1Char(' ') + tr("Time limit: %n working day(s).", nullptr, a.timeLimitDays);
    m_remaining->setText(remaining);
    m_remaining->setStyleSheet(late ? QStringLiteral("color: #c0392b; font-weight: bold;") : QString());
    for (const Storage::HistoryEntry &h : a.stages) {
        const int row = m_stages->rowCount();
        m_stages->insertRow(row);
        const QString stage = lifecycle.commandLabel(h.command);
        // The server's note on a receipt is for logs; the officer reads the window and the intake time.
        QString note = h.command == QLatin1String("receive")
                           ? tr("Window %1, intake took %2").arg(a.window, IntakeDialog::formatDuration(a.intakeSeconds))
                           : lifecycle.stateLabel(h.toState) + (h.reason.isEmpty() ? QString() : QStringLiteral(" · ") + h.reason);
        if (h.pending)
            note += tr(" (not yet confirmed by the server)");
        const QStringList cells = {Storage::formatTimestamp(h.at), stage, officerName(m_officers, h.actor), note};
        for (int c = 0; c < cells.size(); ++c)
            m_stages->setItem(row, c, new QTableWidgetItem(cells.at(c)));
    }
    for (int c = 0; c + 1 < m_stages->columnCount(); ++c) // the note takes the rest
        m_stages->resizeColumnToContents(c);
}

// LedgerDialog

LedgerDialog::LedgerDialog(Storage::Cache *cache, const Models::Officer &officer, const Storage::OfficerNames &officers, QWidget *parent)
    : QDialog(parent)
    , m_cache(cache)
    , m_officer(officer)
    , m_officers(officers)
    , m_from(new QDateEdit(this))
    , m_to(new QDateEdit(this))
    , m_model(new Storage::TextTableModel(this))
    , m_count(new QLabel(this))
{
    setObjectName(QStringLiteral("ledgerDialog"));
    setWindowTitle(tr("Hand-off ledger, office %1").arg(officer.office));
    m_from->setObjectName(QStringLiteral("fromDateEdit"));
    m_to->setObjectName(QStringLiteral("toDateEdit"));
    for (QDateEdit *e : {m_from, m_to}) {
        e->setCalendarPopup(true);
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    }
    const QDate today = QDate::currentDate();
    m_from->setDate(today.addDays(-6));
    m_to->setDate(today);
    m_model->setHeaders({tr("Handed off"), tr("Application"), tr("Service item"), tr("From officer"), tr("To section"), tr("Taken by"), tr("Taken at")});
    m_table = readOnlyTable(QStringLiteral("ledgerTableView"), m_model, this);
    m_count->setObjectName(QStringLiteral("ledgerCountLabel"));

    auto *period = new QHBoxLayout;
    period->addWidget(new QLabel(tr("From:"), this));
    period->addWidget(m_from);
    period->addWidget(new QLabel(tr("To:"), this));
    period->addWidget(m_to);
    period->addStretch();
    period->addWidget(m_count);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(period);
    layout->addWidget(m_table, 3);
    if (officer.hasRole(Models::Role::Supervisor)) {
        m_averages = new Storage::TextTableModel(this);
        m_averages->setHeaders({tr("Window officer"), tr("Applications received"), tr("Average acceptance time")});
        m_averages->setNumericColumns({1, 2});
        m_averagesTable = readOnlyTable(QStringLiteral("intakeAveragesTableView"), m_averages, this);
        m_averagesTable->horizontalHeader()->setStretchLastSection(false);
        layout->addWidget(new QLabel(tr("Acceptance time at the window, per officer (all applications received):"), this));
        layout->addWidget(m_averagesTable, 1);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    layout->addWidget(buttons);
    resize(980, officer.hasRole(Models::Role::Supervisor) ? 620 : 460);

    connect(m_from, &QDateEdit::dateChanged, this, &LedgerDialog::refresh);
    connect(m_to, &QDateEdit::dateChanged, this, &LedgerDialog::refresh);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    refresh();
}

void LedgerDialog::setPeriod(const QDate &from, const QDate &to)
{
    const QSignalBlocker a(m_from), b(m_to);
    m_from->setDate(from);
    m_to->setDate(to);
    refresh();
}

void LedgerDialog::refresh()
{
    const QSqlDatabase db = QSqlDatabase::database(m_cache->connectionName(), false);
    // Whole local days, the "to" day included.
    const qint64 from = m_from->date().startOfDay().toSecsSinceEpoch();
    const qint64 to = m_to->date().addDays(1).startOfDay().toSecsSinceEpoch();
    QString error;
    QList<QStringList> rows;
    if (!Storage::loadHandOffLedger(db, m_officer.office, from, to, &m_entries, &error)) {
        m_count->setText(tr("The ledger could not be read: %1").arg(error));
        m_count->setStyleSheet(QStringLiteral("color: #a3101a;"));
        m_entries.clear();
    } else {
        m_count->setText(m_from->date() > m_to->date() ? tr("The period ends before it starts.") : tr("%n hand-off(s)", nullptr, int(m_entries.size())));
        m_count->setStyleSheet({});
    }
    for (const Storage::HandOffEntry &e : std::as_const(m_entries)) {
        rows.append({Storage::formatTimestamp(e.at) + (e.pending ? tr(" (not yet confirmed)") : QString()), e.number,
                     Models::ServiceCatalogue::itemLabel(e.serviceKey, e.serviceItem), officerName(m_officers, e.fromOfficer), e.toOffice,
                     e.takenBy.isEmpty() ? tr("not taken yet") : officerName(m_officers, e.takenBy), e.takenAt ? Storage::formatTimestamp(e.takenAt) : QString()});
    }
    m_model->setRows(std::move(rows));
    fitColumns(m_table);
    if (!m_averages)
        return;
    QList<Storage::IntakeAverage> averages;
    QList<QStringList> averageRows;
    if (Storage::loadIntakeAverages(db, m_officer.office, QString(), &averages, &error)) {
        for (const Storage::IntakeAverage &a : std::as_const(averages))
            averageRows.append({officerName(m_officers, a.officer), QLocale().toString(a.applications), IntakeDialog::formatDuration(qRound64(a.averageSeconds))});
    } else {
        averageRows.append({tr("The averages could not be read: %1").arg(error), QString(), QString()});
    }
    m_averages->setRows(std::move(averageRows));
    fitColumns(m_averagesTable);
}

// WindowServices

WindowServices::WindowServices(Storage::Cache *cache, const Models::Officer &officer, QWidget *window)
    : QObject(window)
    , m_cache(cache)
    , m_officer(officer)
    , m_window(window)
    , m_officers(cache->officerNames())
{
    connect(m_cache->writer(), &Storage::CacheWriter::changesApplied, this, &WindowServices::refreshOpenDialogs);
    connect(m_cache->writer(), &Storage::CacheWriter::commandSettled, this, &WindowServices::refreshOpenDialogs);
}

bool WindowServices::isFor(const Models::Officer &officer)
{
    return officer.hasRole(Models::Role::WindowOfficer) || officer.hasRole(Models::Role::CertificateOfficer) || officer.hasRole(Models::Role::Supervisor);
}

void WindowServices::addMenu(QMenu *menu)
{
    if (m_officer.hasRole(Models::Role::WindowOfficer) || m_officer.hasRole(Models::Role::Supervisor)) {
        QAction *receive = menu->addAction(tr("Receive an application…"), this, [this] { openIntake(); });
        receive->setObjectName(QStringLiteral("receiveApplicationAction"));
        receive->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    }
    QAction *progress = menu->addAction(tr("Application progress…"), this, [this] { openProgress(); });
    progress->setObjectName(QStringLiteral("applicationProgressAction"));
    progress->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    QAction *ledger = menu->addAction(tr("Hand-off ledger…"), this, [this] { openLedger(); });
    ledger->setObjectName(QStringLiteral("handOffLedgerAction"));
    ledger->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
}

template <typename Dialog>
static Dialog *raise(Dialog *dialog)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
    return dialog;
}

IntakeDialog *WindowServices::openIntake()
{
    if (!m_intake)
        m_intake = new IntakeDialog(m_cache, m_sync, m_officer, m_officers, m_window);
    return raise(m_intake.data());
}

ProgressDialog *WindowServices::openProgress()
{
    if (!m_progress)
        m_progress = new ProgressDialog(m_cache, m_officers, m_window);
    return raise(m_progress.data());
}

LedgerDialog *WindowServices::openLedger()
{
    if (!m_ledger)
        m_ledger = new LedgerDialog(m_cache, m_officer, m_officers, m_window);
    return raise(m_ledger.data());
}

void WindowServices::refreshOpenDialogs()
{
    if (m_progress)
        m_progress->refresh();
    if (m_ledger && m_ledger->isVisible())
        m_ledger->refresh();
    if (m_intake && m_intake->isVisible())
        m_intake->refreshAverage();
}

} // namespace Clearway::Ui
