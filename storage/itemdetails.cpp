#include "storage/itemdetails.h"

#include "storage/database.h"

#include "models/lifecycle.h"
#include "storage/queuespec.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace Clearway::Storage {

using Models::WorkKind;

namespace {


QString translated(const char *text) { return QCoreApplication::translate("Clearway::Storage::ItemDetails", text); }

// Document numbers an item carries in its own columns.
struct CarriedDocument
{
    const char *column;
    const char *type;
};

QList<CarriedDocument> carriedDocuments(WorkKind kind)
{
    switch (kind) {
    case WorkKind::Declaration:
        return {{"bill_no", QT_TRANSLATE_NOOP("Clearway::Storage::ItemDetails", "Bill of lading")}, {"manifest_no", QT_TRANSLATE_NOOP("Clearway::Storage::ItemDetails", "Cargo manifest")}};
    case WorkKind::Manifest:
        return {{"order_no", QT_TRANSLATE_NOOP("Clearway::Storage::ItemDetails", "E-commerce order")}, {"payment_no", QT_TRANSLATE_NOOP("Clearway::Storage::ItemDetails", "Payment record")}, {"waybill_no", QT_TRANSLATE_NOOP("Clearway::Storage::ItemDetails", "Waybill")}};
    case WorkKind::InspectionTask:
        return {{"entry_no", QT_TRANSLATE_NOOP("Clearway::Storage::ItemDetails", "Customs declaration")}, {"bill_no", QT_TRANSLATE_NOOP("Clearway::Storage::ItemDetails", "Bill of lading")}, {"container_no", QT_TRANSLATE_NOOP("Clearway::Storage::ItemDetails", "Container")}};
    case WorkKind::VideoSession:
        return {{"entry_no", QT_TRANSLATE_NOOP("Clearway::Storage::ItemDetails", "Customs declaration")}};
    case WorkKind::Certificate:
    case WorkKind::ServiceApplication:
        break;
    }
    return {};
}

bool run(QSqlQuery &q, const QString &sql, const QVariantList &binds, QString *error)
{
    q.setForwardOnly(true);
    return execQuery(q, sql, binds, error);
}

} // namespace

bool loadItemWork(QSqlDatabase db, WorkKind kind, qint64 id, QString *number, Models::WorkItemState *work, QString *error)
{
    QSqlQuery q(db);
    if (!run(q, QStringLiteral("SELECT number, state, assignee, office, version FROM %1 WHERE id = ?").arg(QueueSpec::of(kind).table), {id}, error))
        return false;
    if (!q.next()) {
        *error = translated(QT_TRANSLATE_NOOP("Clearway::Storage::ItemDetails", "This item is no longer in the cache."));
        return false;
    }
    *number = q.value(0).toString();
    *work = {q.value(1).toString(), q.value(2).toString(), q.value(3).toString(), q.value(4).toLongLong()};
    return true;
}

bool loadItemDetails(QSqlDatabase db, WorkKind kind, qint64 id, const OfficerNames &officers, ItemDetails *out, QString *error)
{
    const QueueSpec &spec = QueueSpec::of(kind);
    *out = ItemDetails{};
    out->kind = kind;
    out->id = id;
    if (!loadItemWork(db, kind, id, &out->number, &out->work, error))
        return false;
    out->holderName = officers.value(out->work.assignee, out->work.assignee);

    QStringList columns;
    for (const FieldSpec &f : spec.details)
        columns << f.sql;
    const QList<CarriedDocument> carried = carriedDocuments(kind);
    for (const CarriedDocument &d : carried)
        columns << QString::fromLatin1(d.column);
    if (!columns.isEmpty()) {
        QSqlQuery q(db);
        if (!run(q, QStringLiteral("SELECT ") + columns.join(QLatin1String(", ")) + QStringLiteral(" FROM ") + spec.table
                     + QStringLiteral(" WHERE id = ?"),
                 {id}, error))
            return false;
        if (!q.next()) {
            *error = translated(QT_TRANSLATE_NOOP("Clearway::Storage::ItemDetails", "This item is no longer in the cache."));
            return false;
        }
        int c = 0;
        for (const FieldSpec &f : spec.details)
            out->summary.append({f.translatedLabel(), formatValue(f.format, q.value(c++), kind, officers)});
        for (const CarriedDocument &d : carried) {
            const QString number = q.value(c++).toString();
            if (!number.isEmpty())
                out->documents.append({translated(d.type), number, {}});
        }
    }
    {
        QSqlQuery q(db);
        if (!run(q, QStringLiteral("SELECT line_no, hs_code, description, quantity, unit, value, currency, origin FROM goods_lines"
                                   " WHERE item_kind = ? AND item_id = ? ORDER BY line_no"),
                 {static_cast<int>(kind), id}, error))
            return false;
        while (q.next()) {
            out->goods.append({q.value(0).toInt(), q.value(1).toString(), q.value(2).toString(), q.value(3).toDouble(),
                               q.value(4).toString(), q.value(5).toLongLong(), q.value(6).toString(), q.value(7).toString()});
        }
    }
    {
        QSqlQuery q(db);
        if (!run(q, QStringLiteral("SELECT at, actor, command, from_state, to_state, reason, pending FROM events"
                                   " WHERE item_kind = ? AND item_id = ? ORDER BY at DESC, id DESC"),
                 {static_cast<int>(kind), id}, error))
            return false;
        while (q.next()) {
            const QString actor = q.value(1).toString();
            out->history.append({q.value(0).toLongLong(), officers.value(actor, actor), q.value(2).toString(), q.value(3).toString(),
                                 q.value(4).toString(), q.value(5).toString(), q.value(6).toInt() != 0});
        }
    }
    if (kind == WorkKind::Declaration) {
        // Work items elsewhere that refer to this declaration.
        for (const WorkKind related : {WorkKind::InspectionTask, WorkKind::VideoSession}) {
            const QueueSpec &rs = QueueSpec::of(related);
            QSqlQuery q(db);
            if (!run(q, QStringLiteral("SELECT number, state FROM ") + rs.table + QStringLiteral(" WHERE entry_no = ? ORDER BY id"),
                     {out->number}, error))
                return false;
            while (q.next()) {
                out->documents.append({Models::workKindLabel(related), q.value(0).toString(),
                                       Models::Lifecycle::of(related).stateLabel(q.value(1).toString())});
            }
        }
    }
    return true;
}

TextTableModel::TextTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void TextTableModel::setHeaders(const QStringList &headers)
{
    beginResetModel();
    m_headers = headers;
    m_rows.clear();
    endResetModel();
}

void TextTableModel::setRows(QList<QStringList> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    for (QStringList &r : m_rows) {
        while (r.size() < m_headers.size())
            r << QString();
    }
    endResetModel();
}

void TextTableModel::setNumericColumns(QList<int> columns) { m_numeric = std::move(columns); }

int TextTableModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

int TextTableModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_headers.size()); }

QVariant TextTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return m_rows.at(index.row()).at(index.column());
    case Qt::TextAlignmentRole:
        return m_numeric.contains(index.column()) ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    default:
        return {};
    }
}

QVariant TextTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 && section < m_headers.size())
        return m_headers.at(section);
    return QAbstractTableModel::headerData(section, orientation, role);
}

} // namespace Clearway::Storage
