#pragma once

#include <QJsonValue>
#include <QSqlDatabase>
#include <QVariantList>
#include <QString>

class QSqlQuery;

struct sqlite3;

namespace Clearway::Storage {

// Why a cache could not be opened. Each is reported to the officer; none deletes anything.
enum class OpenError {
    None,
    CannotOpen,     // the file or its folder is not accessible
    NotADatabase,   // the file is not SQLite at all (or its header is damaged)
    ForeignFile,    // SQLite, but not a Clearway cache
    NewerSchema,    // written by a newer Clearway; never migrated down
    MigrationFailed,
    DiskFull,
    ReadOnly,
};

struct OpenResult
{
    OpenError error = OpenError::None;
    QString message; // translated, for the officer
    QString detail;  // the driver's text, for the log
    int schemaVersion = 0;
    bool ok() const { return error == OpenError::None; }
};

// One named connection to the cache, for one thread. Qt opens SQLite with NOMUTEX, so a connection
// is only ever used on the thread that opened it; close() (or the destructor) removes it.
class Connection final
{
public:
    Connection() = default;
    ~Connection();
    Q_DISABLE_COPY(Connection)

    // Opens, checks the file is ours and not newer than this build, applies the connection settings
    // (WAL, synchronous=NORMAL, foreign_keys, busy timeout) and, when `migrate` is set, migrates
    // step by step inside BEGIN IMMEDIATE transactions. A read-only connection never migrates.
    OpenResult open(const QString &path, const QString &purpose, bool migrate);
    void close();

    QSqlDatabase database() const;
    QString name() const { return m_name; }
    bool isOpen() const { return !m_name.isEmpty(); }

private:
    QString m_name;
    QString m_file; // the file's canonical path, while open
};

// Runs `sql` on `db`; on failure fills *error with the driver's text.
bool exec(QSqlDatabase &db, const QString &sql, QString *error);
// Executes `q` (prepared, or `sql` when given). SQLite prepares a statement that another
// connection's schema change (an index the background build adds) invalidated again, but under a
// burst of such changes that preparation can meet one too, and "database schema has changed"
// reaches the caller. That error is retried here, up to 20 times; any other is returned at once.
// Used by every query helper here, reads and writes (a statement failing so changed nothing).
bool execRetrying(QSqlQuery &q, const QString &sql = QString());
// Prepares `sql` on `q`, binds `binds` in order and executes it; on failure fills *error with the
// driver's text.
bool execQuery(QSqlQuery &q, const QString &sql, const QVariantList &binds, QString *error);
// Why `q` failed: the driver's text, or, where Qt refused it without one, that the connection is
// not open (a closed database, a PostgreSQL connection lost). Never empty.
QString queryError(const QSqlQuery &q);
// A null QString would bind as SQL NULL; text columns are NOT NULL with '' for "none".
QVariant notNullText(const QString &value);
// A JSON value (of a change's fields, docs/protocol.md) as an SQL value: whole numbers as integers,
// other numbers as reals, strings as text, null as NULL.
QVariant sqlValue(const QJsonValue &value);

// BEGIN IMMEDIATE ... COMMIT around writes (Qt's transaction() issues a deferred BEGIN, which in WAL
// fails with SQLITE_BUSY_SNAPSHOT when a read turns into a write).
bool beginImmediate(QSqlDatabase &db, QString *error);
bool commit(QSqlDatabase &db, QString *error);
void rollback(QSqlDatabase &db);

// The SQLite handle under a QSQLITE connection, for bulk work through SQLite's C API on the same
// connection (and so in the same transaction); nullptr for any other driver.
sqlite3 *sqliteHandle(const QSqlDatabase &db);

// Registers the cache's SQL functions on a QSQLITE connection (Connection::open does it; a
// connection opened otherwise that runs the migrations or writes searched columns must too):
//   clearway_grams(text, ...): the short-word index's tokens (schema.cpp): for each argument, each
//   character and each pair of adjacent characters, as the uppercase hex of its UTF-8 bytes after
//   ASCII lower-casing, separated by spaces. NULL arguments give nothing.
bool registerFunctions(const QSqlDatabase &db);

// True when the driver's error says the disk (or quota) is full.
bool isDiskFull(const QString &driverText);

} // namespace Clearway::Storage
