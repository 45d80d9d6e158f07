#pragma once

#include "storage/queuespec.h"
#include "storage/valueformat.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QSqlDatabase>

namespace Clearway::Storage {

class CacheReader;

// One queue (a work kind, a filter and a sort) over the cache, paged. The first page is read
// synchronously so the table paints at once; the total is counted on the reader thread and the
// remaining rows appear when it arrives. Rows are read 256 at a time, on demand, from whichever
// end of the result is nearer, and a bounded number of pages is kept.
class QueueModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueModel)

public:
    enum Role {
        SortValueRole = Qt::UserRole + 1, // the raw cached value of the cell
        IdRole,                           // the item's id (any column)
        SlaRole,                          // Models::SlaState as int (any column)
        PendingRole,                      // local commands not yet acknowledged by the server
        StateRole,                        // the lifecycle state key
        AssigneeRole,                     // the holder's officer id
        VersionRole,
    };
    static constexpr int PageSize = 256;

    QueueModel(const QString &connectionName, CacheReader *reader, OfficerNames officers, QObject *parent = nullptr);
    ~QueueModel() override;

    // Replaces what the model shows; resets it.
    void setQuery(Models::WorkKind kind, const QueueFilter &filter, int sortColumn, Qt::SortOrder order);
    void setFilter(const QueueFilter &filter);
    // Re-reads the rows after the cache changed, keeping the query.
    void refresh();
    // Officer ids shown as names from now on (after the initial copy brought the officers).
    void setOfficerNames(OfficerNames officers);
    // How many full-text hits a search may have before the queue's sort index is walked instead
    // (chooseSearchPlan()); tests lower it to walk a small cache. Applies from the next query.
    void setSearchHitLimit(int hits) { m_searchHitLimit = hits; }

    Models::WorkKind kind() const { return m_spec->kind; }
    const QueueSpec &spec() const { return *m_spec; }
    const QueueFilter &filter() const { return m_filter; }
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    bool isCountExact() const { return m_countExact; }
    SearchPlan searchPlan() const { return m_plan; }
    QString lastError() const { return m_lastError; }

    qint64 idAt(int row) const;
    // The row of an item among the rows read so far, or -1.
    int rowOfId(qint64 id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

Q_SIGNALS:
    // The number of rows is known (exact) or provisional (still counting).
    void countChanged(qint64 rows, bool exact);
    void refreshed();
    void queryFailed(const QString &message);

private:
    struct Row
    {
        qint64 id = 0;
        qint64 deadline = 0;
        bool hasDeadline = false;
        int pending = 0;
        qint64 version = 0;
        QString state;
        QString assignee;
        QVariantList values;
    };
    struct Page
    {
        QList<Row> rows;
        quint64 lastUse = 0;
    };

    const Row *rowAt(int row) const;
    bool readRows(int first, int count, bool reversed, QList<Row> *rows) const;
    void reload(bool reset);
    void onCounted(quint64 ticket, qint64 rows, const QString &error);
    void setRowCount(qint64 rows);
    void fail(const QString &detail);

    QString m_connectionName;
    CacheReader *m_reader;
    OfficerNames m_officers;
    const QueueSpec *m_spec;
    QueueFilter m_filter;
    int m_sortColumn = 0;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    int m_searchHitLimit = kSearchHitLimit;
    SearchPlan m_plan = SearchPlan::HitsFirst;
    SqlWhere m_where;      // the rows, in the plan chosen for the first page
    SqlWhere m_countWhere; // the same rows in the hits-first shape, for counting
    QString m_selectSql;
    qint64 m_now = 0; // SLA reference, seconds, fixed per query
    qint64 m_endOfToday = 0;

    int m_rowCount = 0;
    bool m_countExact = true;
    quint64 m_ticket = 0;
    QString m_lastError;
    mutable QHash<int, Page> m_pages;
    mutable QHash<qint64, int> m_rowOfId;
    mutable quint64 m_useClock = 0;
};

} // namespace Clearway::Storage
