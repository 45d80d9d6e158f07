#pragma once

#include "models/entities.h"
#include "storage/valueformat.h"

#include <QAbstractTableModel>
#include <QList>
#include <QSqlDatabase>
#include <QStringList>

namespace Clearway::Storage {

struct SummaryField
{
    QString label;
    QString value;
};

// One line of an item's event history.
struct HistoryEntry
{
    qint64 at = 0; // UTC seconds
    QString actor;
    QString command;
    QString fromState;
    QString toState;
    QString reason;
    bool pending = false; // not yet acknowledged by the server
};

// A document on file for the item: a transport document number it carries, or another work item
// that refers to it (an inspection task or a video session for a declaration, say).
struct RelatedDocument
{
    QString type;
    QString number;
    QString note;
};

// What the detail pane shows for one item.
struct ItemDetails
{
    Models::WorkKind kind = Models::WorkKind::Declaration;
    qint64 id = 0;
    QString number;
    Models::WorkItemState work;
    QString holderName; // empty when in the shared queue
    QList<SummaryField> summary;
    QList<Models::GoodsLine> goods;
    QList<HistoryEntry> history;
    QList<RelatedDocument> documents;
};

// Reads an item's number and where it stands (state, holder, office, version): one index lookup.
// Returns false with *error set when the item is not in the cache or the cache cannot be read.
bool loadItemWork(QSqlDatabase db, Models::WorkKind kind, qint64 id, QString *number, Models::WorkItemState *work, QString *error);

// Reads one item with its goods lines, history and related documents. Index lookups only.
// Returns false with *error set when the item is not in the cache or the cache cannot be read.
bool loadItemDetails(QSqlDatabase db, Models::WorkKind kind, qint64 id, const OfficerNames &officers, ItemDetails *out,
                     QString *error);

// A read-only table over rows of display strings: the detail pane's goods lines, history and
// documents.
class TextTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TextTableModel)

public:
    explicit TextTableModel(QObject *parent = nullptr);

    void setHeaders(const QStringList &headers);
    void setRows(QList<QStringList> rows);
    // Columns whose text is aligned right (amounts, quantities).
    void setNumericColumns(QList<int> columns);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QStringList m_headers;
    QList<QStringList> m_rows;
    QList<int> m_numeric;
};

} // namespace Clearway::Storage
