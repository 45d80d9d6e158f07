#pragma once

#include "server/store.h"
#include "storage/database.h"

namespace Clearway::Server {

// The server's database in one SQLite file (the embedded default). Writes are serialized by
// BEGIN IMMEDIATE; there is one server process per file.
class SqliteStore final : public Store
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SqliteStore)

public:
    explicit SqliteStore(QObject *parent = nullptr);
    ~SqliteStore() override;

    bool open(const QString &path, QString *error) override;
    void close() override;


    // SQLite only (PostgreSQL has pg_dump and its own tools):
    // A consistent copy of the database as it is now, while `serve` may be writing (VACUUM INTO:
    // one read snapshot, writers are not blocked). Written to `to`.partial, checked (it opens, its
    // audit chain verifies), synced, then renamed to `to`. Never overwrites an existing `to`. The
    // copy keeps this database's epoch.
    bool backupTo(const QString &to, BackupSummary *summary, QString *error) const;

    // Makes a new database file `database` from a backup: copies it, migrates and checks it, and
    // gives it a NEW epoch (the old one is kept in server_meta as restored_from), so workstations
    // see that the server went back in time. Never overwrites an existing `database`.
    static bool restore(const QString &backup, const QString &database, BackupSummary *summary, QString *error);

protected:
    QSqlDatabase database() const override { return m_connection.database(); }
    bool beginCommands(QString *error) override;
    bool applyInTransaction(const CommandRequest &request, ApplyResult *result, QString *error) override;
    bool commitCommands(QString *error) override;
    void rollbackCommands() override;
    bool lockLog(QString *) override { return true; } // BEGIN IMMEDIATE has serialized the writers
    bool lockDeclaration(qint64, QString *) override { return true; }
    bool appendLog(const LogEntry &entry, qint64 *cursor, QString *error) override;
    QStringList snapshotColumns(const QString &table, QString *error) const override;
    bool readSnapshotRows(const Storage::SnapshotTable &table, const QStringList &columns, const QJsonArray &afterKey, int limit,
                          const Storage::RowFilter &filter, Storage::PackedPage *page, QString *error) const override;

private:
    bool summarize(BackupSummary *summary, QString *error) const;
    // Another process on the file (`clearway-server declare`) may append changes: a look at the
    // change log's end every change-poll interval announces them (changesCommitted) to the hub.
    void pollChanges() override;

    Storage::Connection m_connection;
    qint64 m_knownCursor = 0;
};

} // namespace Clearway::Server
