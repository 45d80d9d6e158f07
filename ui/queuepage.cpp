#include "ui/queuepage.h"

#include "models/lifecycle.h"
#include "storage/cache.h"
#include "storage/cachereader.h"
#include "storage/cachewriter.h"
#include "storage/itemdetails.h"
#include "ui/batchactions.h"
#include "ui/detailpane.h"
#include "ui/manifestdocuments.h"
#include "ui/queuedelegate.h"
#include "ui/reasondialog.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace Clearway::Ui {

using namespace Clearway::Models;
using Storage::QueueModel;
using Storage::Scope;

namespace {

int columnWidth(Storage::ValueFormat format, const QString &key, const QFontMetrics &fm)
{
    const int digit = fm.horizontalAdvance(QLatin1Char('0'));
    const int han = fm.horizontalAdvance(QChar(0x56FD));
    if (key == QLatin1String("direction"))
        return han * 2 + 16;
    if (key == QLatin1String("number") || key.endsWith(QLatin1String("_no")))
        return digit * 18 + 12;
    switch (format) {
    case Storage::ValueFormat::DateTime:
        return digit * 17 + 16;
    case Storage::ValueFormat::Deadline: // "2026-11-22 14:05 · 2 d 3 h overdue"
        return digit * 16 + han * 8;
    case Storage::ValueFormat::Money:
        return digit * 15;
    case Storage::ValueFormat::State:
    case Storage::ValueFormat::Officer:
        return han * 5 + 16;
    case Storage::ValueFormat::Channel: // a coloured dot and four characters
        return han * 4 + 40;
    case Storage::ValueFormat::Direction:
    case Storage::ValueFormat::DeclarationMode:
    case Storage::ValueFormat::InspectionMethod:
    case Storage::ValueFormat::CertificateType:
    case Storage::ValueFormat::Transport:
    case Storage::ValueFormat::Guarantee:
        return han * 4 + 24;
    case Storage::ValueFormat::Text:
        break;
    }
    return han * 12;
}

template <typename Enum>
void addEnumChoices(QComboBox *box, std::initializer_list<Enum> values, QString (*label)(Enum))
{
    for (Enum v : values)
        box->addItem(label(v), static_cast<int>(v));
}

} // namespace

QueuePage::QueuePage(Storage::Cache *cache, const Officer &officer, const Storage::OfficerNames &officers, QWidget *parent)
    : QWidget(parent)
    , m_cache(cache)
    , m_officer(officer)
    , m_officerNames(officers)
    , m_model(new QueueModel(cache->connectionName(), cache->reader(), officers, this))
    , m_delegate(new QueueItemDelegate(this))
    , m_search(new QLineEdit(this))
    , m_state(new QComboBox(this))
    , m_channel(new QComboBox(this))
    , m_direction(new QComboBox(this))
    , m_sla(new QComboBox(this))
    , m_emptyLabel(new QLabel(this))
    , m_table(new QTableView(this))
    , m_details(new DetailPane(this))
    , m_batch(nullptr)
    , m_searchDelay(new QTimer(this))
{
    setObjectName(QStringLiteral("queuePage"));
    m_search->setObjectName(QStringLiteral("searchLineEdit"));
    m_search->setClearButtonEnabled(true);
    m_search->setPlaceholderText(tr("Search entry no., bill of lading, enterprise, HS code, goods, buyer… (Ctrl+F)"));
    m_state->setObjectName(QStringLiteral("stateComboBox"));
    m_channel->setObjectName(QStringLiteral("channelComboBox"));
    m_direction->setObjectName(QStringLiteral("directionComboBox"));
    m_sla->setObjectName(QStringLiteral("slaComboBox"));
    m_state->setToolTip(tr("Status"));
    m_channel->setToolTip(tr("Risk channel"));
    m_direction->setToolTip(tr("Import or export"));
    m_sla->setToolTip(tr("Deadline"));

    m_channel->addItem(tr("All channels"));
    addEnumChoices(m_channel, {Channel::Green, Channel::Yellow, Channel::Red, Channel::Blue, Channel::Unassessed}, &channelLabel);
    m_direction->addItem(tr("Import and export"));
    addEnumChoices(m_direction, {Direction::Import, Direction::Export}, &directionLabel);
    m_sla->addItem(tr("Any deadline"));
    addEnumChoices(m_sla, {SlaState::Overdue, SlaState::DueToday, SlaState::Later}, &slaStateLabel);

    auto *clear = new QToolButton(this);
    clear->setObjectName(QStringLiteral("clearFiltersToolButton"));
    clear->setText(tr("Clear filters"));
    clear->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X));
    clear->setToolTip(tr("Clear the search and every filter (Ctrl+Shift+X)"));

    auto *filterBar = new QHBoxLayout;
    filterBar->setContentsMargins(0, 0, 0, 0);
    filterBar->addWidget(m_search, 3);
    filterBar->addWidget(m_state, 1);
    filterBar->addWidget(m_channel, 1);
    filterBar->addWidget(m_direction, 1);
    filterBar->addWidget(m_sla, 1);
    filterBar->addWidget(clear);

    m_table->setObjectName(QStringLiteral("queueTableView"));
    m_table->setModel(m_model);
    m_table->setItemDelegate(m_delegate);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    // Many rows for the batch actions (Shift/Ctrl+click); the current row is the one in the details.
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setSortingEnabled(true);
    m_table->verticalHeader()->hide();
    // Fixed row heights and column widths: nothing measures a million rows.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSortIndicatorShown(true);

    m_emptyLabel->setObjectName(QStringLiteral("emptyQueueLabel"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    auto *tableStack = new QStackedWidget(this);
    tableStack->setObjectName(QStringLiteral("queueStackedWidget"));
    tableStack->addWidget(m_table);
    tableStack->addWidget(m_emptyLabel);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("queueSplitter"));
    splitter->addWidget(tableStack);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->addLayout(filterBar);
    m_batch = new BatchActionBar(cache, officer, m_model, m_table, this);
    m_batch->hide();
    layout->addWidget(m_batch);
    layout->addWidget(splitter, 1);
    connect(m_batch, &BatchActionBar::itemActivated, this, [this](qint64 id) { selectId(id, -1); });
    connect(m_batch, &BatchActionBar::statusMessage, this, &QueuePage::statusMessage);
    connect(cache->writer(), &Storage::CacheWriter::batchProgress, m_model, &QueueModel::refresh);
    connect(m_batch, &BatchActionBar::finished, this, [this] {
        Q_EMIT cacheWritten();
        refresh();
    });

    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(250);
    connect(m_searchDelay, &QTimer::timeout, this, &QueuePage::applyFilter);
    connect(m_search, &QLineEdit::textEdited, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_searchDelay->stop();
        applyFilter();
        m_table->setFocus();
    });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty() && !m_updatingFilters) // the clear button
            applyFilter();
    });
    for (QComboBox *box : {m_state, m_channel, m_direction, m_sla})
        connect(box, &QComboBox::activated, this, &QueuePage::applyFilter);
    connect(clear, &QToolButton::clicked, this, [this] {
        m_updatingFilters = true;
        m_search->clear();
        for (QComboBox *box : {m_state, m_channel, m_direction, m_sla})
            box->setCurrentIndex(0);
        m_updatingFilters = false;
        applyFilter();
    });

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &QueuePage::onCurrentRowChanged);
    connect(m_model, &QueueModel::modelReset, this, [this] { selectId(m_currentId, 0); });
    connect(m_model, &QueueModel::refreshed, this, [this] { selectId(m_currentId, m_table->currentIndex().row()); });
    connect(m_model, &QueueModel::countChanged, this, [this, tableStack](qint64 rows, bool exact) {
        const bool empty = exact && rows == 0;
        if (empty) {
            const Storage::QueueFilter f = currentFilter();
            const bool filtered = !f.text.isEmpty() || !f.states.isEmpty() || f.channel || f.direction || f.sla;
            m_emptyLabel->setText(filtered ? tr("No items match the search and filters.\nPress Ctrl+Shift+X to clear them.")
                                           : tr("Nothing here: this queue is empty."));
            m_details->showPlaceholder(tr("No item selected."));
            m_currentId = 0;
        }
        tableStack->setCurrentIndex(empty ? 1 : 0);
        Q_EMIT countChanged(rows, exact);
    });
    connect(m_model, &QueueModel::queryFailed, this, &QueuePage::statusMessage);
    connect(m_details, &DetailPane::commandRequested, this, &QueuePage::onCommandRequested);
    connect(m_cache->writer(), &Storage::CacheWriter::applied, this, &QueuePage::onCommandApplied);

    // J and K move through the queue like the arrow keys, as in mail readers.
    auto *next = new QShortcut(QKeySequence(Qt::Key_J), m_table, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
    auto *previous = new QShortcut(QKeySequence(Qt::Key_K), m_table, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
    connect(next, &QShortcut::activated, this, [this] { moveSelection(1); });
    connect(previous, &QShortcut::activated, this, [this] { moveSelection(-1); });
}

QueuePage::~QueuePage() = default;

void QueuePage::showQueue(WorkKind kind, Scope scope, std::optional<SlaState> sla)
{
    const bool kindChanged = kind != m_model->kind() || m_model->columnCount() == 0 || m_state->count() == 0;
    m_scope = scope;
    m_updatingFilters = true;
    if (kindChanged) {
        m_currentId = 0;
        // The filters belong to the queue kind; a new kind starts clean.
        m_search->clear();
        m_channel->setCurrentIndex(0);
        m_direction->setCurrentIndex(0);
    }
    m_sla->setCurrentIndex(sla ? m_sla->findData(static_cast<int>(*sla)) : 0);
    m_updatingFilters = false;

    const Storage::QueueSpec &spec = Storage::QueueSpec::of(kind);
    m_batch->setVisible(!BatchActionBar::batchCommands(kind).isEmpty());
    m_channel->setVisible(spec.hasChannel);
    m_direction->setVisible(spec.hasDirection);
    if (!kindChanged) {
        applyFilter();
        return;
    }
    rebuildFilterChoices(kind);
    m_model->setQuery(kind, currentFilter(), spec.defaultSortColumn, Qt::AscendingOrder);
    const QFontMetrics fm = m_table->fontMetrics();
    for (int c = 0; c < spec.columns.size(); ++c)
        m_table->setColumnWidth(c, columnWidth(spec.columns.at(c).format, spec.columns.at(c).key, fm));
    m_table->horizontalHeader()->setSortIndicator(spec.defaultSortColumn, Qt::AscendingOrder);
    m_delegate->setChannelColumn(spec.columnOf(QStringLiteral("channel")));
    m_delegate->setDeadlineColumn(spec.columnOf(QStringLiteral("deadline")));
}

void QueuePage::rebuildFilterChoices(WorkKind kind)
{
    m_state->clear();
    m_state->addItem(tr("All statuses"));
    const Lifecycle &lifecycle = Lifecycle::of(kind);
    for (const StateDef &s : lifecycle.states())
        m_state->addItem(lifecycle.stateLabel(s.key), s.key);
}

Storage::QueueFilter QueuePage::currentFilter() const
{
    Storage::QueueFilter f;
    f.scope = m_scope;
    f.officerId = m_officer.id;
    f.text = m_search->text().trimmed();
    if (m_state->currentIndex() > 0)
        f.states = {m_state->currentData().toString()};
    if (m_channel->isVisibleTo(this) && m_channel->currentIndex() > 0)
        f.channel = static_cast<Channel>(m_channel->currentData().toInt());
    if (m_direction->isVisibleTo(this) && m_direction->currentIndex() > 0)
        f.direction = static_cast<Direction>(m_direction->currentData().toInt());
    if (m_sla->currentIndex() > 0)
        f.sla = static_cast<SlaState>(m_sla->currentData().toInt());
    return f;
}

void QueuePage::applyFilter()
{
    if (m_updatingFilters)
        return;
    const Storage::QueueFilter f = currentFilter();
    if (f == m_model->filter() && m_model->rowCount() > 0)
        return;
    m_model->setFilter(f);
}

void QueuePage::findItem(qint64 id, const QString &number)
{
    m_searchDelay->stop();
    m_search->setText(number);
    m_currentId = id; // selected once the rows are read (selectId())
    applyFilter();
    selectId(id, -1);
}

void QueuePage::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void QueuePage::setOfficerNames(const Storage::OfficerNames &officers)
{
    m_officerNames = officers;
    m_model->setOfficerNames(officers);
}

void QueuePage::refresh()
{
    m_model->refresh();
    loadCurrentItem();
}

void QueuePage::selectId(qint64 id, int fallbackRow)
{
    int row = id ? m_model->rowOfId(id) : -1;
    if (row < 0)
        row = std::min(std::max(fallbackRow, 0), m_model->rowCount() - 1);
    if (row < 0)
        return;
    const QModelIndex index = m_model->index(row, std::max(m_table->currentIndex().column(), 0));
    // A selection of many rows (for a batch action) survives the re-reads.
    const QItemSelection selection = m_table->selectionModel()->selection();
    const bool many = fallbackRow >= 0 && (selection.size() > 1 || (selection.size() == 1 && selection.first().height() > 1));
    m_table->selectionModel()->setCurrentIndex(index, many ? QItemSelectionModel::NoUpdate : QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

void QueuePage::moveSelection(int delta)
{
    const int row = std::clamp(m_table->currentIndex().row() + delta, 0, m_model->rowCount() - 1);
    if (row >= 0)
        selectId(0, row);
}

void QueuePage::onCurrentRowChanged(const QModelIndex &current)
{
    const qint64 id = current.isValid() ? current.data(QueueModel::IdRole).toLongLong() : 0;
    if (id == m_currentId && m_details->itemId() == id)
        return;
    m_currentId = id;
    loadCurrentItem();
}

void QueuePage::loadCurrentItem()
{
    if (!m_currentId) {
        m_details->showPlaceholder(tr("Select an item in the queue to see its details."));
        return;
    }
    Storage::ItemDetails details;
    QString error;
    if (!Storage::loadItemDetails(QSqlDatabase::database(m_cache->connectionName(), false), m_model->kind(), m_currentId,
                                  m_officerNames, &details, &error)) {
        m_details->showPlaceholder(error);
        return;
    }
    m_details->showDetails(details, Lifecycle::of(details.kind).availableCommands(details.work, m_officer));
    if (details.kind == WorkKind::Manifest)
        showManifestDocuments(m_details, QSqlDatabase::database(m_cache->connectionName(), false), m_currentId);
}

void QueuePage::onCommandRequested(const QString &commandKey)
{
    const Lifecycle &lifecycle = Lifecycle::of(m_model->kind());
    const CommandDef *def = lifecycle.command(commandKey);
    if (!def || !m_currentId)
        return;
    Command command;
    command.kind = m_model->kind();
    command.itemId = m_currentId;
    command.name = commandKey;
    const int row = m_model->rowOfId(m_currentId);
    if (row >= 0)
        command.baseVersion = m_model->index(row, 0).data(QueueModel::VersionRole).toLongLong();

    if (def->effect == AssigneeEffect::SetFromArgument) {
        QStringList names;
        QStringList ids;
        for (const Officer &o : m_cache->officers()) {
            if (o.active && o.id != m_officer.id && o.office == m_officer.office && (o.roles & def->roles || o.roles & Role::WindowOfficer)) {
                names << tr("%1 (%2)").arg(o.name, o.id);
                ids << o.id;
            }
        }
        QInputDialog dialog(this);
        dialog.setObjectName(QStringLiteral("targetOfficerDialog"));
        dialog.setWindowTitle(lifecycle.commandLabel(commandKey));
        dialog.setLabelText(tr("Give the item to:"));
        dialog.setComboBoxItems(names);
        if (names.isEmpty() || dialog.exec() != QDialog::Accepted)
            return;
        command.targetOfficer = ids.value(names.indexOf(dialog.textValue()));
    }
    if (def->needsReason) {
        const std::optional<QString> reason = askReason(this, command.kind, commandKey);
        if (!reason)
            return;
        command.reason = *reason;
    }
    m_cache->writer()->apply(command, m_officer);
}

void QueuePage::onCommandApplied(const Storage::CommandOutcome &outcome)
{
    const QString label = Lifecycle::of(outcome.command.kind).commandLabel(outcome.command.name);
    QString message;
    bool error = true;
    if (outcome.stored) {
        message = tr("%1: done. It will be sent to the server with the next sync.").arg(label);
        error = false;
    } else if (!outcome.error.isEmpty()) {
        message = outcome.error;
        if (outcome.diskFull)
            QMessageBox::critical(this, tr("Disk full"), outcome.error);
    } else {
        message = tr("%1 was refused: %2").arg(label, outcome.decision.message);
    }
    if (outcome.stored) {
        Q_EMIT cacheWritten();
        if (outcome.command.kind == m_model->kind())
            refresh();
    }
    if (outcome.command.itemId == m_details->itemId())
        m_details->showMessage(message, error);
    Q_EMIT statusMessage(message);
}

} // namespace Clearway::Ui
