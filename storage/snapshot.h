#pragma once

#include "models/entities.h"

#include <QByteArray>
#include <QJsonArray>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace Clearway::Storage {

// A table copied by the initial sync, in the order it is copied, with the primary key it is paged by.
struct SnapshotTable
{
    QString name;
    QStringList key;
    bool workItems = false; // has version/pending: a local row with pending work is not overwritten
    // The key is the server's row id and is not written here: the rows get ids of this cache
    // (which may already have used the server's for rows of its own) and are kept once by a
    // unique column of theirs (events: the change cursor).
    bool localIds = false;
};

// The tables the server copies to a fresh workstation (docs/protocol.md, "Initial snapshot"). The
// client accepts pages for these tables only.
const QList<SnapshotTable> &snapshotTables();
const SnapshotTable *snapshotTable(const QString &name);

// The table's columns in schema order (PRAGMA table_info).
QStringList tableColumns(QSqlDatabase db, const QString &table, QString *error);

// One page of a table, read with keyset paging: rows whose key is after `afterKey` (empty: from the
// start), at most `limit`, packed as docs/protocol.md's "row pack".
struct PackedPage
{
    QByteArray body;
    int rows = 0;
    QJsonArray lastKey; // the key of the last row, to continue from
};

// Which rows of the table a page takes beyond the keyset: an SQL condition with `?` marks and the
// values for them, in order (the server's scopes; empty: every row).
struct RowFilter
{
    QString where;
    QVariantList values;
};

bool readRowPack(QSqlDatabase db, const SnapshotTable &table, const QStringList &columns, const QJsonArray &afterKey, int limit,
                 const RowFilter &filter, PackedPage *page, QString *error);

// The same page through any Qt SQL driver (QSqlQuery values), with the same SQL and the same bytes:
// the PostgreSQL server backend uses it. readRowPack stays on SQLite's C API, which is faster.
bool readRowPackQuery(QSqlDatabase db, const SnapshotTable &table, const QStringList &columns, const QJsonArray &afterKey, int limit,
                      const RowFilter &filter, PackedPage *page, QString *error);

// The row pack encoding, one value at a time (docs/protocol.md): tag 0 null, 1 zigzag varint
// int64, 2 IEEE 754 double little-endian, 3 text (varint length, UTF-8), 4 blob (varint length).
void packNull(QByteArray &out);
void packInteger(QByteArray &out, qint64 value);
void packReal(QByteArray &out, double value);
void packBytes(QByteArray &out, const char *data, qsizetype size, bool text);
// A value from a Qt SQL driver: null, any integer type (bool too), double, QString or QByteArray.
void packValue(QByteArray &out, const QVariant &value);

// The statements that remove from a cache what lies outside `scope`: work items without pending
// local commands (an item with unsent work stays until the server has settled it), then the goods
// lines, events and risk reasons of items no longer kept. Nothing when the scope is everything.
QStringList outsideScopeDelete(const Models::SyncScope &scope);

// Writes a row pack into `table` inside the caller's transaction. Work-item rows with local pending
// commands, or newer locally than the page, are left as they are (the change stream settles them).
// A malformed pack (truncated, wrong column count, trailing bytes) is refused before anything is
// written to the table.
bool writeRowPack(QSqlDatabase db, const SnapshotTable &table, const QStringList &columns, const QByteArray &body, int rows,
                  QString *error);

} // namespace Clearway::Storage
