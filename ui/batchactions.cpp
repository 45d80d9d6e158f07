#include "ui/batchactions.h"

#include "models/lifecycle.h"
#include "storage/cache.h"
#include "storage/database.h"
#include "storage/queuemodel.h"
#include "storage/queuespec.h"
#include "ui/reasondialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMap>
#include <QProgressBar>
#include <QPushButton>
#include <QSqlQuery>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace Clearway::Ui {

using Models::Lifecycle;

QString refusalGroupLabel(const QString &code, int count)
{
    if (code == u"not_holder")
        return BatchActionBar::tr("%n not held by you (claim them first, or another officer holds them)", nullptr, count);
    if (code == u"already_claimed")
        return BatchActionBar::tr("%n already claimed (by you or another officer)", nullptr, count);
    if (code == u"documents_disagree")
        return BatchActionBar::tr("%n three documents disagree", nullptr, count);
    if (code == u"quota_exceeded")
        return BatchActionBar::tr("%n over the buyer's quota", nullptr, count);
    if (code == u"quota_unchecked")
        return BatchActionBar::tr("%n without what the quota needs (buyer ID, amount)", nullptr, count);
    if (code == u"wrong_state")
        return BatchActionBar::tr("%n not in a state that allows it", nullptr, count);
    if (code == u"office")
        return BatchActionBar::tr("%n belong to another customs office", nullptr, count);
    if (code == u"not_found")
        return BatchActionBar::tr("%n no longer in the cache", nullptr, count);
    if (code == u"role")
        return BatchActionBar::tr("%n not allowed for your role", nullptr, count);
    return BatchActionBar::tr("%n refused (%1)", nullptr, count).arg(code);
}

BatchSummaryDialog::BatchSummaryDialog(const QString &commandLabel, const Storage::BatchOutcome &o, QWidget *parent)
    : QDialog(parent)
    , m_refused(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("batchSummaryDialog"));
    setWindowTitle(tr("%1: summary").arg(commandLabel));
    setAttribute(Qt::WA_DeleteOnClose);
    const QLocale locale;

    QStringList lines;
    lines << tr("%1 of %2 done: stored here and on their way to the server.").arg(locale.toString(o.done), locale.toString(o.total));
    if (!o.refused.isEmpty())
        lines << tr("%1 refused; nothing was changed on them:").arg(locale.toString(o.refused.size()));
    if (o.cancelled)
        lines << tr("Cancelled: %1 not tried.").arg(locale.toString(o.notTried));
    if (!o.error.isEmpty())
        lines << tr("Stopped: %1 %2 not stored.").arg(o.error, locale.toString(o.notTried));
    auto *summary = new QLabel(lines.join(QLatin1Char('\n')), this);
    summary->setObjectName(QStringLiteral("batchSummaryLabel"));
    summary->setWordWrap(true);

    // Grouped by reason, largest group first; each group lists its items.
    QMap<QString, QList<Storage::BatchRefusal>> groups;
    for (const Storage::BatchRefusal &r : o.refused)
        groups[r.code].append(r);
    QList<QString> codes = groups.keys();
    std::stable_sort(codes.begin(), codes.end(), [&groups](const QString &a, const QString &b) { return groups[a].size() > groups[b].size(); });
    m_refused->setObjectName(QStringLiteral("refusedTreeWidget"));
    m_refused->setColumnCount(2);
    m_refused->setHeaderLabels({tr("Refused"), tr("Why")});
    m_refused->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_refused->setWordWrap(true);
    for (const QString &code : std::as_const(codes)) {
        const QList<Storage::BatchRefusal> &items = groups[code];
        auto *group = new QTreeWidgetItem(m_refused, {refusalGroupLabel(code, int(items.size()))});
        group->setData(0, Qt::UserRole + 1, code);
        group->setFirstColumnSpanned(true);
        for (const Storage::BatchRefusal &r : items) {
            auto *item = new QTreeWidgetItem(group, {r.number, r.message});
            item->setData(0, Qt::UserRole, r.itemId);
            item->setToolTip(1, r.message);
        }
    }
    m_refused->expandAll();
    m_refused->setVisible(!o.refused.isEmpty());
    connect(m_refused, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem *item) {
        const qint64 id = item->data(0, Qt::UserRole).toLongLong();
        if (id)
            Q_EMIT itemActivated(id);
    });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(summary);
    layout->addWidget(m_refused, 1);
    layout->addWidget(buttons);
    resize(760, o.refused.isEmpty() ? 160 : 460);
}

BatchActionBar::BatchActionBar(Storage::Cache *cache, const Models::Officer &officer, Storage::QueueModel *model, QTableView *table, QWidget *parent)
    : QWidget(parent)
    , m_cache(cache)
    , m_officer(officer)
    , m_model(model)
    , m_table(table)
    , m_selection(new QLabel(this))
    , m_selectAll(new QPushButton(this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    setObjectName(QStringLiteral("batchActionBar"));
    m_selection->setObjectName(QStringLiteral("batchSelectionLabel"));
    m_selectAll->setObjectName(QStringLiteral("selectAllInFilterButton"));
    m_progress->setObjectName(QStringLiteral("batchProgressBar"));
    m_cancel->setObjectName(QStringLiteral("cancelBatchButton"));
    m_progress->hide();
    m_cancel->hide();

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 2, 0, 2);
    layout->addWidget(m_selection);
    layout->addWidget(m_selectAll);
    layout->addStretch(1);
    const Lifecycle &lifecycle = Lifecycle::of(Models::WorkKind::Manifest);
    for (const QString &command : batchCommands(Models::WorkKind::Manifest)) {
        auto *button = new QPushButton(lifecycle.commandLabel(command), this);
        button->setObjectName(command + QStringLiteral("BatchButton"));
        button->setToolTip(tr("%1 every selected item").arg(lifecycle.commandLabel(command)));
        connect(button, &QPushButton::clicked, this, [this, command] { run(command); });
        layout->addWidget(button);
        m_commandButtons << button;
    }
    layout->addWidget(m_progress);
    layout->addWidget(m_cancel);

    connect(m_selectAll, &QPushButton::clicked, this, &BatchActionBar::selectAllInFilter);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_batchId)
            m_cache->writer()->cancelBatch(m_batchId);
        m_cancel->setEnabled(false);
    });
    connect(m_cache->writer(), &Storage::CacheWriter::batchProgress, this, &BatchActionBar::onProgress);
    connect(m_cache->writer(), &Storage::CacheWriter::batchFinished, this, &BatchActionBar::onFinished);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        if (!m_selectingAll)
            m_allInFilter.clear();
        updateSelection();
    });
    connect(m_model, &Storage::QueueModel::modelReset, this, [this] {
        m_allInFilter.clear(); // another query: what "all" meant is gone
        updateSelection();
    });
    connect(m_model, &Storage::QueueModel::countChanged, this, &BatchActionBar::updateSelection);
    updateSelection();
}

QStringList BatchActionBar::batchCommands(Models::WorkKind kind)
{
    if (kind != Models::WorkKind::Manifest)
        return {};
    return {QStringLiteral("claim"), QStringLiteral("release"), QStringLiteral("return_for_modification"), QStringLiteral("delete"),
            QStringLiteral("transfer_anti_smuggling")};
}

QList<qint64> BatchActionBar::selectedIds() const
{
    if (!m_allInFilter.isEmpty())
        return m_allInFilter;
    QList<qint64> ids;
    const QItemSelection selection = m_table->selectionModel()->selection();
    for (const QItemSelectionRange &range : selection) {
        for (int row = range.top(); row <= range.bottom(); ++row) {
            if (const qint64 id = m_model->idAt(row))
                ids << id;
        }
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

void BatchActionBar::updateSelection()
{
    const QLocale locale;
    const qint64 rows = m_model->rowCount();
    qint64 selected = m_allInFilter.size();
    if (m_allInFilter.isEmpty()) {
        selected = 0;
        for (const QItemSelectionRange &range : m_table->selectionModel()->selection())
            selected += range.height();
    }
    m_selection->setText(!m_allInFilter.isEmpty() ? tr("All %1 in this filter selected").arg(locale.toString(selected))
                                                  : tr("%1 selected").arg(locale.toString(selected)));
    m_selectAll->setText(tr("Select all %1 in this filter").arg(locale.toString(rows)));
    m_selectAll->setEnabled(!isRunning() && rows > 0 && m_allInFilter.isEmpty());
    for (QPushButton *b : std::as_const(m_commandButtons))
        b->setEnabled(!isRunning() && selected > 0);
}

void BatchActionBar::selectAllInFilter()
{
    const Storage::QueueSpec &spec = Storage::QueueSpec::of(m_model->kind());
    const Storage::SqlWhere where = Storage::buildWhere(spec, m_model->filter());
    QSqlQuery q(QSqlDatabase::database(m_cache->connectionName(), false));
    q.setForwardOnly(true);
    QString error;
    if (!Storage::execQuery(q, QStringLiteral("SELECT id FROM ") + spec.table + QLatin1Char(' ') + where.clause, where.binds, &error)) {
        Q_EMIT statusMessage(tr("The items of this filter could not be read: %1").arg(error));
        return;
    }
    QList<qint64> ids;
    while (q.next())
        ids << q.value(0).toLongLong();
    std::sort(ids.begin(), ids.end());
    m_selectingAll = true;
    m_table->selectAll();
    m_selectingAll = false;
    m_allInFilter = ids;
    updateSelection();
}

void BatchActionBar::run(const QString &command)
{
    if (isRunning())
        return;
    const QList<qint64> ids = selectedIds();
    if (ids.isEmpty())
        return;
    const Models::WorkKind kind = m_model->kind();
    const Models::CommandDef *def = Lifecycle::of(kind).command(command);
    if (!def)
        return;
    QString reason;
    if (def->needsReason) {
        const std::optional<QString> given = askReason(this, kind, command);
        if (!given)
            return;
        reason = *given;
    }
    QList<Models::Command> commands;
    commands.reserve(ids.size());
    for (qint64 id : ids) {
        Models::Command c;
        c.kind = kind;
        c.itemId = id;
        c.name = command;
        c.reason = reason;
        commands << c;
    }
    m_command = command;
    m_progress->setRange(0, int(commands.size()));
    m_progress->setValue(0);
    m_progress->setFormat(tr("%1: %v of %m").arg(Lifecycle::of(kind).commandLabel(command)));
    m_progress->show();
    m_cancel->setEnabled(true);
    m_cancel->show();
    m_batchId = m_cache->writer()->applyBatch(commands, m_officer);
    updateSelection();
}

void BatchActionBar::onProgress(quint64 batchId, int processed, int total)
{
    if (batchId != m_batchId)
        return;
    m_progress->setMaximum(total);
    m_progress->setValue(processed);
}

void BatchActionBar::onFinished(const Storage::BatchOutcome &outcome)
{
    if (outcome.batchId != m_batchId)
        return;
    m_batchId = 0;
    m_progress->hide();
    m_cancel->hide();
    m_allInFilter.clear();
    // The batch is done with: only the current item stays selected.
    m_table->selectionModel()->select(m_table->currentIndex(), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    updateSelection();
    const QString label = Lifecycle::of(m_model->kind()).commandLabel(m_command);
    Q_EMIT statusMessage(tr("%1: %2 done, %3 refused.").arg(label).arg(outcome.done).arg(outcome.refused.size()));
    if (m_summary)
        m_summary->close();
    m_summary = new BatchSummaryDialog(label, outcome, this);
    connect(m_summary, &BatchSummaryDialog::itemActivated, this, &BatchActionBar::itemActivated);
    m_summary->show();
    Q_EMIT finished(outcome);
}

} // namespace Clearway::Ui
