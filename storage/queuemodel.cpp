#include "storage/queuemodel.h"

#include "storage/database.h"

#include "storage/cachereader.h"

#include "models/lifecycle.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace Clearway::Storage {

Q_LOGGING_CATEGORY(lcQueue, "clearway.storage.queue")

namespace {
// Pages kept in memory: 64 × 256 rows, about the last few screens in every direction.
constexpr int kMaxPages = 64;
// Columns read ahead of the visible ones: id, deadline, pending, version, state, assignee.
constexpr int kFixedColumns = 6;
} // namespace

QueueModel::QueueModel(const QString &connectionName, CacheReader *reader, OfficerNames officers, QObject *parent)
    : QAbstractTableModel(parent)
    , m_connectionName(connectionName)
    , m_reader(reader)
    , m_officers(std::move(officers))
    , m_spec(&QueueSpec::of(Models::WorkKind::Declaration))
{
    if (m_reader)
        connect(m_reader, &CacheReader::counted, this, &QueueModel::onCounted);
}

QueueModel::~QueueModel() = default;

void QueueModel::setQuery(Models::WorkKind kind, const QueueFilter &filter, int sortColumn, Qt::SortOrder order)
{
    m_spec = &QueueSpec::of(kind);
    m_filter = filter;
    m_sortColumn = (sortColumn >= 0 && sortColumn < m_spec->columns.size() && m_spec->columns.at(sortColumn).sortable)
        ? sortColumn
        : m_spec->defaultSortColumn;
    m_sortOrder = order;
    reload(true);
}

void QueueModel::setFilter(const QueueFilter &filter) { setQuery(m_spec->kind, filter, m_sortColumn, m_sortOrder); }

void QueueModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= m_spec->columns.size() || !m_spec->columns.at(column).sortable)
        return;
    if (column == m_sortColumn && order == m_sortOrder)
        return;
    setQuery(m_spec->kind, m_filter, column, order);
}

void QueueModel::setOfficerNames(OfficerNames officers) { m_officers = std::move(officers); }

void QueueModel::refresh() { reload(false); }

void QueueModel::reload(bool reset)
{
    const QDateTime now = m_filter.now.isValid() ? m_filter.now : QDateTime::currentDateTime();
    m_now = now.toSecsSinceEpoch();
    m_endOfToday = now.toLocalTime().date().addDays(1).startOfDay().toSecsSinceEpoch();
    {
        QString error;
        m_plan = chooseSearchPlan(QSqlDatabase::database(m_connectionName, false), *m_spec, m_filter, m_sortColumn, m_sortOrder, &error, m_searchHitLimit);
        if (!error.isEmpty())
            qCWarning(lcQueue).noquote() << m_spec->table << "search plan estimate failed, reading the hits first:" << error;
    }
    m_where = buildWhere(*m_spec, m_filter, m_plan);
    m_countWhere = buildWhere(*m_spec, m_filter);
    QStringList columns = {QStringLiteral("id"), QStringLiteral("deadline"), QStringLiteral("pending"),
                           QStringLiteral("version"), QStringLiteral("state"), QStringLiteral("assignee")};
    for (const FieldSpec &f : m_spec->columns)
        columns << f.sql;
    m_selectSql = QStringLiteral("SELECT ") + columns.join(QLatin1String(", ")) + QStringLiteral(" FROM ") + m_spec->table
        + QLatin1Char(' ') + m_where.clause + QLatin1Char(' ');
    m_lastError.clear();
    ++m_ticket;

    if (reset) {
        beginResetModel();
        m_pages.clear();
        m_rowOfId.clear();
        QList<Row> first;
        if (!readRows(0, PageSize, false, &first))
            first.clear();
        m_rowCount = int(first.size());
        m_countExact = first.size() < PageSize;
        for (int i = 0; i < first.size(); ++i)
            m_rowOfId.insert(first.at(i).id, i);
        m_pages.insert(0, Page{std::move(first), ++m_useClock});
        endResetModel();
    } else {
        m_pages.clear();
        m_rowOfId.clear();
    }

    if (!reset || !m_countExact) {
        if (m_reader) {
            m_reader->requestCount(m_ticket, m_spec->table, m_countWhere);
        } else {
            QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
            QSqlQuery q(db);
            q.prepare(QStringLiteral("SELECT count(*) FROM ") + m_spec->table + QLatin1Char(' ') + m_countWhere.clause);
            for (const QVariant &v : std::as_const(m_countWhere.binds))
                q.addBindValue(v);
            const bool ok = execRetrying(q) && q.next();
            onCounted(m_ticket, ok ? q.value(0).toLongLong() : 0, ok ? QString() : q.lastError().text());
            return;
        }
    }
    Q_EMIT countChanged(m_rowCount, m_countExact);
}

void QueueModel::onCounted(quint64 ticket, qint64 rows, const QString &error)
{
    if (ticket != m_ticket)
        return; // an answer to a query the officer has since replaced
    if (!error.isEmpty()) {
        fail(error);
        return;
    }
    m_countExact = true;
    setRowCount(rows);
    if (m_rowCount > 0)
        Q_EMIT dataChanged(index(0, 0), index(m_rowCount - 1, columnCount() - 1));
    Q_EMIT countChanged(m_rowCount, true);
    Q_EMIT refreshed();
}

void QueueModel::setRowCount(qint64 rows)
{
    const int n = int(std::min<qint64>(rows, std::numeric_limits<int>::max()));
    if (n > m_rowCount) {
        beginInsertRows({}, m_rowCount, n - 1);
        m_rowCount = n;
        endInsertRows();
    } else if (n < m_rowCount) {
        beginRemoveRows({}, n, m_rowCount - 1);
        m_rowCount = n;
        // Pages past the end hold rows that are gone.
        for (auto it = m_pages.begin(); it != m_pages.end();) {
            it = (it.key() * PageSize >= n) ? m_pages.erase(it) : std::next(it);
        }
        endRemoveRows();
    }
}

void QueueModel::fail(const QString &detail)
{
    qCWarning(lcQueue).noquote() << m_spec->table << "query failed:" << detail;
    m_lastError = QCoreApplication::translate("Clearway::Storage::QueueModel", "The queue could not be read from the cache: %1").arg(detail);
    Q_EMIT queryFailed(m_lastError);
}

bool QueueModel::readRows(int first, int count, bool reversed, QList<Row> *rows) const
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery q(db);
    q.setForwardOnly(true);
    const QString sql = m_selectSql + buildOrderBy(*m_spec, m_sortColumn, m_sortOrder, reversed) + QStringLiteral(" LIMIT ? OFFSET ?");
    if (!q.prepare(sql)) {
        const_cast<QueueModel *>(this)->fail(q.lastError().text());
        return false;
    }
    for (const QVariant &v : std::as_const(m_where.binds))
        q.addBindValue(v);
    q.addBindValue(count);
    q.addBindValue(first);
    if (!execRetrying(q)) {
        const_cast<QueueModel *>(this)->fail(q.lastError().text());
        return false;
    }
    const int columns = int(m_spec->columns.size());
    while (q.next()) {
        Row r;
        r.id = q.value(0).toLongLong();
        const QVariant deadline = q.value(1);
        r.hasDeadline = !deadline.isNull();
        r.deadline = deadline.toLongLong();
        r.pending = q.value(2).toInt();
        r.version = q.value(3).toLongLong();
        r.state = q.value(4).toString();
        r.assignee = q.value(5).toString();
        r.values.reserve(columns);
        for (int c = 0; c < columns; ++c)
            r.values << q.value(kFixedColumns + c);
        rows->append(std::move(r));
    }
    // Release the statement now: an unfinished SELECT would pin this connection's WAL snapshot.
    q.finish();
    if (reversed)
        std::reverse(rows->begin(), rows->end());
    return true;
}

const QueueModel::Row *QueueModel::rowAt(int row) const
{
    if (row < 0 || row >= m_rowCount)
        return nullptr;
    const int pageNo = row / PageSize;
    auto it = m_pages.find(pageNo);
    if (it == m_pages.end()) {
        const int first = pageNo * PageSize;
        const int count = std::min(PageSize, m_rowCount - first);
        // Read from whichever end of the result is nearer: OFFSET costs in proportion to the rows
        // it skips, so the last page is as cheap as the first.
        const bool fromEnd = m_countExact && first > m_rowCount / 2;
        QList<Row> rows;
        if (!readRows(fromEnd ? m_rowCount - first - count : first, count, fromEnd, &rows))
            return nullptr;
        if (m_pages.size() >= kMaxPages) {
            auto oldest = std::min_element(m_pages.begin(), m_pages.end(),
                                           [](const Page &a, const Page &b) { return a.lastUse < b.lastUse; });
            for (const Row &r : std::as_const(oldest->rows))
                m_rowOfId.remove(r.id);
            m_pages.erase(oldest);
        }
        for (int i = 0; i < rows.size(); ++i)
            m_rowOfId.insert(rows.at(i).id, first + i);
        it = m_pages.insert(pageNo, Page{std::move(rows), 0});
    }
    it->lastUse = ++m_useClock;
    const int offset = row - pageNo * PageSize;
    return offset < it->rows.size() ? &it->rows.at(offset) : nullptr;
}

qint64 QueueModel::idAt(int row) const
{
    const Row *r = rowAt(row);
    return r ? r->id : 0;
}

int QueueModel::rowOfId(qint64 id) const { return m_rowOfId.value(id, -1); }

int QueueModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : m_rowCount; }

int QueueModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_spec->columns.size()); }

QVariant QueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row *r = rowAt(index.row());
    if (!r)
        return {};
    const FieldSpec &field = m_spec->columns.at(index.column());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole: {
        QString text = formatValue(field.format, r->values.at(index.column()), m_spec->kind, m_officers);
        // Live work shows how long is left, or how late it is.
        if (field.format == ValueFormat::Deadline && r->hasDeadline && Models::Lifecycle::of(m_spec->kind).isOpen(r->state))
            text += QStringLiteral(" · ") + formatTimeLeft(r->deadline - m_now);
        return text;
    }
    case Qt::TextAlignmentRole:
        return field.format == ValueFormat::Money ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case SortValueRole:
        return r->values.at(index.column());
    case IdRole:
        return r->id;
    case SlaRole: {
        // Only live work can be late; a released item's deadline is history.
        Models::SlaState sla = Models::SlaState::Later;
        if (!Models::Lifecycle::of(m_spec->kind).isOpen(r->state))
            return static_cast<int>(sla);
        if (r->hasDeadline && r->deadline < m_now)
            sla = Models::SlaState::Overdue;
        else if (r->hasDeadline && r->deadline < m_endOfToday)
            sla = Models::SlaState::DueToday;
        return static_cast<int>(sla);
    }
    case PendingRole:
        return r->pending;
    case StateRole:
        return r->state;
    case AssigneeRole:
        return r->assignee;
    case VersionRole:
        return r->version;
    default:
        return {};
    }
}

QVariant QueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= m_spec->columns.size())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole)
        return m_spec->columns.at(section).translatedLabel();
    return {};
}

} // namespace Clearway::Storage
