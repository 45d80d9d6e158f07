#include "storage/snapshot.h"

#include "storage/database.h"
#include "storage/queuespec.h"

#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace Clearway::Storage {

namespace {

// Row pack value tags (docs/protocol.md).
enum Tag : quint8 { Null = 0, Integer = 1, Real = 2, Text = 3, Blob = 4 };

struct StatementDeleter
{
    void operator()(sqlite3_stmt *s) const { sqlite3_finalize(s); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

Statement prepare(sqlite3 *db, const QString &sql, QString *error)
{
    sqlite3_stmt *s = nullptr;
    const QByteArray utf8 = sql.toUtf8();
    if (sqlite3_prepare_v2(db, utf8.constData(), int(utf8.size()), &s, nullptr) != SQLITE_OK) {
        *error = QString::fromUtf8(sqlite3_errmsg(db));
        sqlite3_finalize(s);
        return nullptr;
    }
    return Statement(s);
}

void putVarint(QByteArray &out, quint64 v)
{
    while (v >= 0x80) {
        out.append(char(v | 0x80));
        v >>= 7;
    }
    out.append(char(v));
}

bool getVarint(const char *&p, const char *end, quint64 *v)
{
    *v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (p == end)
            return false;
        const quint8 b = quint8(*p++);
        *v |= quint64(b & 0x7f) << shift;
        if (!(b & 0x80))
            return true;
    }
    return false;
}

// SELECT columns FROM table WHERE (key) > (?, ...) ORDER BY key LIMIT n: keyset paging, the same on
// SQLite and PostgreSQL.
bool keysetSql(const SnapshotTable &table, const QStringList &columns, const QJsonArray &afterKey, int limit, const RowFilter &filter,
               QString *sql, QString *error);

QString quoted(const QString &identifier) { return QLatin1Char('"') + identifier + QLatin1Char('"'); }

QStringList quotedAll(const QStringList &identifiers)
{
    QStringList out;
    for (const QString &i : identifiers)
        out << quoted(i);
    return out;
}

bool keysetSql(const SnapshotTable &table, const QStringList &columns, const QJsonArray &afterKey, int limit, const RowFilter &filter,
               QString *sql, QString *error)
{
    for (const QString &k : table.key) {
        if (!columns.contains(k)) {
            *error = QStringLiteral("table %1 lacks its key columns").arg(table.name);
            return false;
        }
    }
    const QStringList key = quotedAll(table.key);
    QStringList selected = quotedAll(columns);
    if (table.localIds) {
        // An event the server recorded without a change (imported or generated history) has no
        // cursor; it travels with minus its server id instead, so a client keeps every event once
        // by its cursor however often a copy sends it (docs/protocol.md, "Initial snapshot").
        const qsizetype at = columns.indexOf(QStringLiteral("cursor"));
        if (at >= 0)
            selected[at] = QStringLiteral("coalesce(\"cursor\", -\"id\") AS \"cursor\"");
    }
    *sql = QStringLiteral("SELECT %1 FROM %2").arg(selected.join(QLatin1Char(',')), quoted(table.name));
    QStringList where;
    if (!afterKey.isEmpty()) {
        if (afterKey.size() != table.key.size()) {
            *error = QStringLiteral("the resume key does not fit table %1").arg(table.name);
            return false;
        }
        QStringList marks;
        for (qsizetype i = 0; i < key.size(); ++i)
            marks << QStringLiteral("?");
        where << QStringLiteral("(%1) > (%2)").arg(key.join(QLatin1Char(',')), marks.join(QLatin1Char(',')));
    }
    if (!filter.where.isEmpty())
        where << QLatin1Char('(') + filter.where + QLatin1Char(')');
    if (!where.isEmpty())
        *sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    *sql += QStringLiteral(" ORDER BY %1 LIMIT %2").arg(key.join(QLatin1Char(','))).arg(limit);
    return true;
}

} // namespace

void packNull(QByteArray &out) { out.append(char(Null)); }

void packInteger(QByteArray &out, qint64 value)
{
    out.append(char(Integer));
    putVarint(out, (quint64(value) << 1) ^ quint64(value >> 63)); // zigzag
}

void packReal(QByteArray &out, double value)
{
    char bytes[8];
    std::memcpy(bytes, &value, 8); // IEEE 754; every supported host is little-endian
    out.append(char(Real)).append(bytes, 8);
}

void packBytes(QByteArray &out, const char *data, qsizetype size, bool text)
{
    out.append(char(text ? Text : Blob));
    putVarint(out, quint64(size));
    out.append(data, size);
}

void packValue(QByteArray &out, const QVariant &value)
{
    if (value.isNull()) {
        packNull(out);
        return;
    }
    switch (value.typeId()) {
    case QMetaType::Bool:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Long:
    case QMetaType::LongLong:
    case QMetaType::Short:
    case QMetaType::ULongLong:
        packInteger(out, value.toLongLong());
        break;
    case QMetaType::Double:
    case QMetaType::Float:
        packReal(out, value.toDouble());
        break;
    case QMetaType::QByteArray: {
        const QByteArray bytes = value.toByteArray();
        packBytes(out, bytes.constData(), bytes.size(), false);
        break;
    }
    default: {
        const QByteArray utf8 = value.toString().toUtf8();
        packBytes(out, utf8.constData(), utf8.size(), true);
        break;
    }
    }
}

QStringList outsideScopeDelete(const Models::SyncScope &scope)
{
    QStringList offices;
    for (const QString &o : scope.offices)
        offices << QLatin1Char('\'') + QString(o).replace(QLatin1Char('\''), QStringLiteral("''")) + QLatin1Char('\'');
    QStringList out;
    for (int k = 0; k < Models::WorkKindCount; ++k) {
        const auto kind = static_cast<Models::WorkKind>(k);
        const QString table = QueueSpec::of(kind).table;
        if (scope.covers(kind) && offices.isEmpty())
            continue;
        out << QStringLiteral("DELETE FROM %1 WHERE pending = 0%2")
                   .arg(table, scope.covers(kind) ? QStringLiteral(" AND office NOT IN (%1)").arg(offices.join(QLatin1Char(','))) : QString());
        out << QStringLiteral("DELETE FROM goods_lines WHERE item_kind = %1 AND item_id NOT IN (SELECT id FROM %2)").arg(k).arg(table);
        out << QStringLiteral("DELETE FROM events WHERE item_kind = %1 AND pending = 0 AND item_id NOT IN (SELECT id FROM %2)").arg(k).arg(table);
        if (kind == Models::WorkKind::Declaration)
            out << QStringLiteral("DELETE FROM risk_reasons WHERE declaration_id NOT IN (SELECT id FROM declarations)");
    }
    return out;
}

const QList<SnapshotTable> &snapshotTables()
{
    static const QList<SnapshotTable> tables = [] {
        const QStringList id = {QStringLiteral("id")};
        QList<SnapshotTable> out = {
            {QStringLiteral("officers"), id, false},
            {QStringLiteral("enterprises"), id, false},
        };
        for (const char *t : {"declarations", "manifests", "inspections", "video_sessions", "certificates", "applications"})
            out.append({QString::fromLatin1(t), id, true});
        out.append({QStringLiteral("goods_lines"), {QStringLiteral("item_kind"), QStringLiteral("item_id"), QStringLiteral("line_no")}, false});
        out.append({QStringLiteral("events"), id, false, true});
        return out;
    }();
    return tables;
}

const SnapshotTable *snapshotTable(const QString &name)
{
    for (const SnapshotTable &t : snapshotTables()) {
        if (t.name == name)
            return &t;
    }
    return nullptr;
}

QStringList tableColumns(QSqlDatabase db, const QString &table, QString *error)
{
    QStringList out;
    QSqlQuery q(db);
    if (!execRetrying(q, QStringLiteral("SELECT name FROM pragma_table_info('%1') ORDER BY cid").arg(table))) {
        *error = q.lastError().text();
        return {};
    }
    while (q.next())
        out << q.value(0).toString();
    if (out.isEmpty())
        *error = QStringLiteral("no table %1").arg(table);
    return out;
}

bool readRowPack(QSqlDatabase db, const SnapshotTable &table, const QStringList &columns, const QJsonArray &afterKey, int limit,
                 const RowFilter &filter, PackedPage *page, QString *error)
{
    sqlite3 *h = sqliteHandle(db);
    if (!h) {
        *error = QStringLiteral("not an SQLite connection");
        return false;
    }
    QList<int> keyAt;
    for (const QString &k : table.key)
        keyAt << int(columns.indexOf(k));
    QString sql;
    if (!keysetSql(table, columns, afterKey, limit, filter, &sql, error))
        return false;
    Statement s = prepare(h, sql, error);
    if (!s)
        return false;
    int parameter = 0;
    auto bind = [&s, &parameter](const QVariant &v) {
        if (v.typeId() == QMetaType::QString) {
            const QByteArray utf8 = v.toString().toUtf8();
            sqlite3_bind_text(s.get(), ++parameter, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
        } else {
            sqlite3_bind_int64(s.get(), ++parameter, v.toLongLong());
        }
    };
    for (const QJsonValue &v : afterKey)
        bind(v.toVariant());
    for (const QVariant &v : filter.values)
        bind(v);
    struct KeyValue
    {
        bool integer = true;
        qint64 number = 0;
        std::string text;
    };
    std::vector<KeyValue> lastKey(size_t(keyAt.size()));
    page->body.clear();
    page->rows = 0;
    const int n = int(columns.size());
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
        for (int c = 0; c < n; ++c) {
            switch (sqlite3_column_type(s.get(), c)) {
            case SQLITE_NULL:
                packNull(page->body);
                break;
            case SQLITE_INTEGER:
                packInteger(page->body, sqlite3_column_int64(s.get(), c));
                break;
            case SQLITE_FLOAT:
                packReal(page->body, sqlite3_column_double(s.get(), c));
                break;
            case SQLITE_TEXT:
            case SQLITE_BLOB: {
                const bool text = sqlite3_column_type(s.get(), c) == SQLITE_TEXT;
                const void *data = text ? static_cast<const void *>(sqlite3_column_text(s.get(), c)) : sqlite3_column_blob(s.get(), c);
                packBytes(page->body, static_cast<const char *>(data), sqlite3_column_bytes(s.get(), c), text);
                break;
            }
            }
        }
        // The row's key, in case it is the last: kept as SQLite's values and made JSON once for the
        // page, not once a row.
        for (qsizetype i = 0; i < keyAt.size(); ++i) {
            const int k = keyAt.at(i);
            KeyValue &v = lastKey[size_t(i)];
            v.integer = sqlite3_column_type(s.get(), k) == SQLITE_INTEGER;
            if (v.integer)
                v.number = sqlite3_column_int64(s.get(), k);
            else
                v.text.assign(reinterpret_cast<const char *>(sqlite3_column_text(s.get(), k)), size_t(sqlite3_column_bytes(s.get(), k)));
        }
        ++page->rows;
    }
    if (rc != SQLITE_DONE) {
        *error = QString::fromUtf8(sqlite3_errmsg(h));
        return false;
    }
    page->lastKey = QJsonArray();
    if (page->rows > 0) {
        for (const KeyValue &v : lastKey)
            page->lastKey.append(v.integer ? QJsonValue(v.number) : QJsonValue(QString::fromUtf8(v.text.data(), qsizetype(v.text.size()))));
    }
    return true;
}

bool readRowPackQuery(QSqlDatabase db, const SnapshotTable &table, const QStringList &columns, const QJsonArray &afterKey, int limit,
                      const RowFilter &filter, PackedPage *page, QString *error)
{
    QString sql;
    if (!keysetSql(table, columns, afterKey, limit, filter, &sql, error))
        return false;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(sql)) {
        *error = q.lastError().text();
        return false;
    }
    for (const QJsonValue &v : afterKey)
        q.addBindValue(v.isString() ? QVariant(v.toString()) : QVariant(v.toInteger()));
    for (const QVariant &v : filter.values)
        q.addBindValue(v);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    QList<int> keyAt;
    for (const QString &k : table.key)
        keyAt << int(columns.indexOf(k));
    page->body.clear();
    page->rows = 0;
    const int n = int(columns.size());
    while (q.next()) {
        for (int c = 0; c < n; ++c)
            packValue(page->body, q.value(c));
        QJsonArray last;
        for (int k : std::as_const(keyAt)) {
            const QVariant v = q.value(k);
            last.append(v.typeId() == QMetaType::QString ? QJsonValue(v.toString()) : QJsonValue(v.toLongLong()));
        }
        page->lastKey = last;
        ++page->rows;
    }
    if (q.lastError().isValid()) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

bool writeRowPack(QSqlDatabase db, const SnapshotTable &table, const QStringList &columns, const QByteArray &body, int rows, QString *error)
{
    sqlite3 *h = sqliteHandle(db);
    if (!h) {
        *error = QStringLiteral("not an SQLite connection");
        return false;
    }
    const int n = int(columns.size());
    // First pass: the pack must be well formed, so a bad page writes nothing.
    {
        const char *p = body.constData();
        const char *end = p + body.size();
        for (int r = 0; r < rows; ++r) {
            for (int c = 0; c < n; ++c) {
                if (p == end) {
                    *error = QStringLiteral("the page ends inside row %1").arg(r + 1);
                    return false;
                }
                const quint8 tag = quint8(*p++);
                quint64 v = 0;
                switch (tag) {
                case Null: break;
                case Integer:
                    if (!getVarint(p, end, &v)) {
                        *error = QStringLiteral("a bad integer in row %1").arg(r + 1);
                        return false;
                    }
                    break;
                case Real:
                    if (end - p < 8) {
                        *error = QStringLiteral("a truncated number in row %1").arg(r + 1);
                        return false;
                    }
                    p += 8;
                    break;
                case Text:
                case Blob:
                    if (!getVarint(p, end, &v) || v > quint64(end - p)) {
                        *error = QStringLiteral("a truncated text in row %1").arg(r + 1);
                        return false;
                    }
                    p += v;
                    break;
                default:
                    *error = QStringLiteral("unknown value tag %1 in row %2").arg(tag).arg(r + 1);
                    return false;
                }
            }
        }
        if (p != end) {
            *error = QStringLiteral("%1 bytes after the last row").arg(end - p);
            return false;
        }
    }

    // Which statement parameter each column's value goes to (0: not written).
    QList<int> parameter;
    QStringList written, marks, updates;
    for (const QString &c : columns) {
        if (table.localIds && table.key.contains(c)) {
            parameter << 0;
            continue;
        }
        written << c;
        parameter << int(written.size());
        marks << QStringLiteral("?");
        updates << QStringLiteral("%1 = excluded.%1").arg(quoted(c));
    }
    QString sql = QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                      .arg(quoted(table.name), quotedAll(written).join(QLatin1Char(',')), marks.join(QLatin1Char(',')));
    if (table.localIds) {
        sql += QStringLiteral(" ON CONFLICT DO NOTHING"); // already here, from the change stream
    } else if (table.workItems) {
        // The officer's unacknowledged work wins until the server has settled it; an older copy
        // never replaces a newer one.
        sql += QStringLiteral(" ON CONFLICT DO UPDATE SET %1 WHERE pending = 0 AND excluded.version >= version")
                   .arg(updates.join(QLatin1Char(',')));
    } else {
        sql += QStringLiteral(" ON CONFLICT DO UPDATE SET %1").arg(updates.join(QLatin1Char(',')));
    }
    Statement s = prepare(h, sql, error);
    if (!s)
        return false;
    const char *p = body.constData();
    const char *end = p + body.size();
    for (int r = 0; r < rows; ++r) {
        for (int i = 0; i < n; ++i) {
            const int c = parameter.at(i);
            const quint8 tag = quint8(*p++);
            quint64 v = 0;
            switch (tag) {
            case Integer:
                getVarint(p, end, &v);
                if (c)
                    sqlite3_bind_int64(s.get(), c, qint64(v >> 1) ^ -qint64(v & 1));
                break;
            case Real: {
                double d;
                std::memcpy(&d, p, 8);
                p += 8;
                if (c)
                    sqlite3_bind_double(s.get(), c, d);
                break;
            }
            case Text:
            case Blob:
                getVarint(p, end, &v);
                if (c && tag == Text)
                    sqlite3_bind_text(s.get(), c, p, int(v), SQLITE_STATIC);
                else if (c)
                    sqlite3_bind_blob(s.get(), c, p, int(v), SQLITE_STATIC);
                p += v;
                break;
            default:
                if (c)
                    sqlite3_bind_null(s.get(), c);
                break;
            }
        }
        const int rc = sqlite3_step(s.get());
        sqlite3_reset(s.get());
        if (rc != SQLITE_DONE) {
            *error = QStringLiteral("row %1 of %2: %3").arg(r + 1).arg(table.name, QString::fromUtf8(sqlite3_errmsg(h)));
            return false;
        }
    }
    return true;
}

} // namespace Clearway::Storage
