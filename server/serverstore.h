#pragma once

#include "models/lifecycle.h"
#include "storage/database.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace Clearway::Server {

struct UserRecord
{
    Models::Officer officer;
    QString passwordHash; // libsodium crypto_pwhash_str (Argon2id)
};

// What became of one command from one client's outbox.
struct ApplyResult
{
    enum class Outcome { Applied, Rejected, Gap, Failed };
    Outcome outcome = Outcome::Failed;
    bool duplicate = false; // a retry of a seq already decided: the recorded outcome, not re-applied
    qint64 seq = 0;
    qint64 version = 0;     // the item's version after the command
    qint64 cursor = 0;      // the change-log position of the change
    qint64 lastSeq = 0;     // the client's last decided seq
    QString code;           // "ok" or the lifecycle's reason code
    QString message;
};

// One page of the initial snapshot (docs/protocol.md).
struct SnapshotPage
{
    qint64 watermark = 0;
    QString table;
    QStringList columns;
    int rows = 0;
    QByteArray body;    // row pack
    QString next;       // resume token; empty after the last page
    qint64 done = 0;
    qint64 total = 0;
};

// What a backup holds (printed by `backup` and `restore`).
struct BackupSummary
{
    QString epoch;
    qint64 lastCursor = 0;   // the last change in the copy
    qint64 auditEntries = 0; // verified
};

// The server's database, SQLite backend: the work-item tables of the cache schema plus users,
// per-client sequence numbers, the decided commands, the change log and the hash-chained audit log.
// Every accepted command updates the item, the change log, the audit log and the client's seq in
// one transaction; a refused one records the refusal and advances the seq the same way.
class SqliteStore final
{
public:
    SqliteStore() = default;
    Q_DISABLE_COPY_MOVE(SqliteStore)

    bool open(const QString &path, QString *error);
    void close();

    bool addUser(const Models::Officer &officer, const QString &password, QString *error);
    std::optional<UserRecord> user(const QString &id) const;
    QString epoch() const { return m_epoch; }

    ApplyResult apply(const QString &clientId, qint64 seq, const Models::Command &command, const Models::Officer &actor);
    QList<Models::ItemChange> changesAfter(qint64 cursor, int limit, QString *error) const;

    // The page after `token` (empty: start a snapshot at the current end of the change log).
    // A token from another epoch or one that does not parse is refused with *error set and
    // *code "bad_token", so the client starts over.
    bool snapshotPage(const QString &token, int maxRows, SnapshotPage *page, QString *code, QString *error) const;

    // Recomputes the audit chain; false with the first broken entry in *error.
    bool verifyAudit(qint64 *entries, QString *error) const;

    // A consistent copy of the database as it is now, while `serve` may be writing (VACUUM INTO:
    // one read snapshot, writers are not blocked). Written to `to`.partial, checked (it opens, its
    // audit chain verifies), synced, then renamed to `to`. Never overwrites an existing `to`. The
    // copy keeps this database's epoch.
    bool backupTo(const QString &to, BackupSummary *summary, QString *error) const;

    // Makes a new database file `database` from a backup: copies it, migrates and checks it, and
    // gives it a NEW epoch (the old one is kept in server_meta as restored_from), so workstations
    // see that the server went back in time. Never overwrites an existing `database`.
    static bool restore(const QString &backup, const QString &database, BackupSummary *summary, QString *error);

    static QString hashPassword(const QString &password);
    static bool verifyPassword(const QString &hash, const QString &password);

private:
    bool summarize(BackupSummary *summary, QString *error) const;

    Storage::Connection m_connection;
    QString m_epoch;
};

} // namespace Clearway::Server
