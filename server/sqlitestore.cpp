#include "server/sqlitestore.h"

#include "storage/manifestdocuments.h"
#include "storage/queuespec.h"
#include "storage/snapshot.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

namespace Clearway::Server {

namespace {

const QStringList &serverTables()
{
    static const QStringList tables = {
        QStringLiteral("CREATE TABLE IF NOT EXISTS server_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, password_hash TEXT NOT NULL) WITHOUT ROWID"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS client_seqs (client_id TEXT PRIMARY KEY, last_seq INTEGER NOT NULL) WITHOUT ROWID"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS commands (client_id TEXT NOT NULL, seq INTEGER NOT NULL, outcome TEXT NOT NULL,"
                       " code TEXT NOT NULL, message TEXT NOT NULL, version INTEGER NOT NULL, cursor INTEGER NOT NULL,"
                       " PRIMARY KEY (client_id, seq)) WITHOUT ROWID"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS changes (cursor INTEGER PRIMARY KEY AUTOINCREMENT, kind INTEGER NOT NULL,"
                       " item_id INTEGER NOT NULL, version INTEGER NOT NULL, state TEXT NOT NULL, assignee TEXT NOT NULL,"
                       " at INTEGER NOT NULL, actor TEXT NOT NULL, command TEXT NOT NULL, from_state TEXT NOT NULL, reason TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS audit (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, actor TEXT NOT NULL,"
                       " entry TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)"),
    };
    return tables;
}

// fsync of a file or a folder, so a renamed backup is on disk before it is reported.
bool syncToDisk(const QString &path, QString *error)
{
#ifdef Q_OS_UNIX
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    const bool ok = fd >= 0 && ::fsync(fd) == 0;
    if (fd >= 0)
        ::close(fd);
    if (!ok)
        *error = QStringLiteral("cannot sync %1 to disk").arg(path);
    return ok;
#else
    Q_UNUSED(path)
    Q_UNUSED(error)
    return true;
#endif
}

// Puts `partial` in place as `target` (never over an existing file) and syncs the folder.
bool publish(const QString &partial, const QString &target, QString *error)
{
    if (!syncToDisk(partial, error))
        return false;
    // QFile::rename never replaces an existing file, so a backup that appeared meanwhile is kept.
    if (!QFile::rename(partial, target)) {
        *error = QStringLiteral("cannot rename %1 to %2 (does %2 exist?)").arg(partial, target);
        return false;
    }
    return syncToDisk(QFileInfo(target).absolutePath(), error);
}

} // namespace

bool SqliteStore::open(const QString &path, QString *error)
{
    const Storage::OpenResult r = m_connection.open(path, QStringLiteral("server"), true);
    if (!r.ok()) {
        *error = r.message + QLatin1Char(' ') + r.detail;
        return false;
    }
    QSqlDatabase db = m_connection.database();
    if (!Storage::beginImmediate(db, error))
        return false;
    for (const QString &sql : serverTables() + QStringList{sessionsTableSql()} + riskTablesSql()) {
        if (!Storage::exec(db, sql, error)) {
            Storage::rollback(db);
            return false;
        }
    }
    QSqlQuery q(db);
    if (!Storage::execQuery(q, QStringLiteral("SELECT value FROM server_meta WHERE key = 'epoch'"), {}, error)) {
        Storage::rollback(db);
        return false;
    }
    if (q.next()) {
        m_epoch = q.value(0).toString();
    } else {
        // The epoch names this database; a restored or swapped one has another.
        m_epoch = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QSqlQuery insert(db);
        if (!Storage::execQuery(insert, QStringLiteral("INSERT INTO server_meta VALUES ('epoch', ?)"), {m_epoch}, error)) {
            Storage::rollback(db);
            return false;
        }
    }
    if (!Storage::execQuery(q, QStringLiteral("SELECT coalesce(max(cursor), 0) FROM changes"), {}, error) || !q.next()) {
        Storage::rollback(db);
        return false;
    }
    m_knownCursor = q.value(0).toLongLong();
    q.finish();
    if (!Storage::commit(db, error))
        return false;
    startChangePoll();
    return true;
}

SqliteStore::SqliteStore(QObject *parent)
    : Store(parent)
{
}

void SqliteStore::pollChanges()
{
    // Changes of this process are announced too; the hub then finds nothing new to send.
    announceNewChanges(QStringLiteral("SELECT coalesce(max(cursor), 0) FROM changes"), &m_knownCursor);
}

SqliteStore::~SqliteStore() { close(); }

void SqliteStore::close()
{
    stopChangePoll();
    dropCachedQueries();
    m_connection.close();
}

QStringList SqliteStore::snapshotColumns(const QString &table, QString *error) const { return Storage::tableColumns(database(), table, error); }

bool SqliteStore::readSnapshotRows(const Storage::SnapshotTable &table, const QStringList &columns, const QJsonArray &afterKey, int limit,
                                   const Storage::RowFilter &filter, Storage::PackedPage *page, QString *error) const
{
    return Storage::readRowPack(database(), table, columns, afterKey, limit, filter, page, error);
}

bool SqliteStore::beginCommands(QString *error)
{
    QSqlDatabase db = m_connection.database();
    return Storage::beginImmediate(db, error);
}

bool SqliteStore::commitCommands(QString *error)
{
    QSqlDatabase db = m_connection.database();
    return Storage::commit(db, error);
}

void SqliteStore::rollbackCommands()
{
    QSqlDatabase db = m_connection.database();
    Storage::rollback(db);
}

bool SqliteStore::applyInTransaction(const CommandRequest &request, ApplyResult *result, QString *error)
{
    const QString &clientId = request.clientId;
    const qint64 seq = request.seq;
    const Models::Command &command = request.command;
    const Models::Officer &actor = request.actor;
    ApplyResult &r = *result;

    QSqlQuery *q = execCached(QStringLiteral("SELECT last_seq FROM client_seqs WHERE client_id = ?"), {clientId}, error);
    if (!q)
        return false;
    r.lastSeq = q->next() ? q->value(0).toLongLong() : 0;
    q->finish();
    bool answered = false;
    if (!answerOutOfOrderSeq(clientId, &r, &answered, error))
        return false;
    if (answered)
        return true;

    const Storage::QueueSpec &spec = Storage::QueueSpec::of(command.kind);
    q = execCached(QStringLiteral("SELECT state, assignee, office, version FROM %1 WHERE id = ?").arg(spec.table), {command.itemId}, error);
    if (!q)
        return false;
    Models::WorkItemState before;
    Models::Decision decision;
    if (!decideOnRow(q, request, &before, &decision, error))
        return false;
    // A manifest's release also needs its three documents to agree and the buyer's quota to take it.
    if (!Storage::vetDecision(m_connection.database(), command, &decision, error))
        return false;

    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (decision.accepted) {
        const Models::WorkItemState &after = decision.after;
        recordApplied(before, after, &r);
        if (!execCached(QStringLiteral("UPDATE %1 SET state = ?, assignee = ?, version = ?, updated_at = ? WHERE id = ?").arg(spec.table),
                        {after.state, Storage::notNullText(after.assignee), r.version, now, command.itemId}, error))
            return false;
        LogEntry entry;
        entry.change = true;
        entry.actor = actor.id;
        entry.at = now;
        entry.item = {0, command.kind, command.itemId, r.version, after.state, after.assignee, now, actor.id, command.name, before.state, command.reason, {}};
        entry.audit = auditObject(command, before, after, clientId, seq);
        if (!appendLog(entry, &r.cursor, error))
            return false;
        r.outcome = ApplyResult::Outcome::Applied;
        r.code = QStringLiteral("ok");
    } else {
        recordRejected(before, decision, &r);
    }
    return execCached(QStringLiteral("INSERT INTO commands VALUES (?, ?, ?, ?, ?, ?, ?)"),
                      {clientId, seq, r.outcome == ApplyResult::Outcome::Applied ? QStringLiteral("applied") : QStringLiteral("rejected"), r.code,
                       Storage::notNullText(r.message), r.version, r.cursor},
                      error)
        && execCached(QStringLiteral("INSERT INTO client_seqs VALUES (?, ?) ON CONFLICT (client_id) DO UPDATE SET last_seq = excluded.last_seq"),
                      {clientId, seq}, error);
}

bool SqliteStore::appendLog(const LogEntry &entry, qint64 *cursor, QString *error)
{
    const Models::ItemChange &c = entry.item;
    *cursor = 0;
    if (entry.change) {
        QSqlQuery *q = execCached(QStringLiteral("INSERT INTO changes (kind, item_id, version, state, assignee, at, actor, command, from_state, reason)"
                                                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                                  {changeKind(c), c.itemId, c.version, c.state, Storage::notNullText(c.assignee), c.at, c.actor, c.command,
                                   Storage::notNullText(c.fromState), Storage::notNullText(c.reason)},
                                  error);
        if (!q)
            return false;
        *cursor = q->lastInsertId().toLongLong();
        if (!appendEventAndFields(c, *cursor, error))
            return false;
    }
    // The audit chain: each entry's hash covers the previous hash and the entry itself.
    QString previous;
    QSqlQuery *q = execCached(QStringLiteral("SELECT hash FROM audit ORDER BY seq DESC LIMIT 1"), {}, error);
    if (!q)
        return false;
    if (q->next())
        previous = q->value(0).toString();
    q->finish();
    const QString text = auditText(entry.audit, *cursor);
    return execCached(QStringLiteral("INSERT INTO audit (at, actor, entry, prev_hash, hash) VALUES (?, ?, ?, ?, ?)"),
                      {entry.at, entry.actor, text, Storage::notNullText(previous), chainHash(previous, text)}, error);
}

bool SqliteStore::summarize(BackupSummary *summary, QString *error) const
{
    QSqlQuery q(m_connection.database());
    if (!Storage::execQuery(q, QStringLiteral("SELECT coalesce(max(cursor), 0) FROM changes"), {}, error) || !q.next())
        return false;
    summary->epoch = m_epoch;
    summary->lastCursor = q.value(0).toLongLong();
    return verifyAudit(&summary->auditEntries, error);
}

bool SqliteStore::backupTo(const QString &to, BackupSummary *summary, QString *error) const
{
    const QString target = QFileInfo(to).absoluteFilePath();
    const QString partial = target + QStringLiteral(".partial");
    if (QFileInfo::exists(target)) {
        *error = QStringLiteral("%1 exists; a backup never overwrites a file").arg(target);
        return false;
    }
    if (QFileInfo::exists(partial) && !QFile::remove(partial)) {
        *error = QStringLiteral("cannot remove the unfinished backup %1").arg(partial);
        return false;
    }
    QSqlQuery q(m_connection.database());
    if (!Storage::execQuery(q, QStringLiteral("VACUUM INTO ?"), {partial}, error)) {
        QFile::remove(partial);
        return false;
    }
    q.finish();
    {
        SqliteStore copy;
        if (!copy.open(partial, error) || !copy.summarize(summary, error)) {
            *error = QStringLiteral("the copy %1 does not check out: %2").arg(partial, *error);
            return false;
        }
        if (copy.epoch() != m_epoch) {
            *error = QStringLiteral("the copy %1 has epoch %2, not %3").arg(partial, copy.epoch(), m_epoch);
            return false;
        }
    }
    return publish(partial, target, error);
}

bool SqliteStore::restore(const QString &backup, const QString &database, BackupSummary *summary, QString *error)
{
    const QString target = QFileInfo(database).absoluteFilePath();
    const QString partial = target + QStringLiteral(".partial");
    if (QFileInfo::exists(target)) {
        *error = QStringLiteral("%1 exists; move it aside first (restore never overwrites a database)").arg(target);
        return false;
    }
    if (!QFileInfo(backup).isFile()) {
        *error = QStringLiteral("there is no backup %1").arg(backup);
        return false;
    }
    if (QFileInfo::exists(partial) && !QFile::remove(partial)) {
        *error = QStringLiteral("cannot remove the unfinished restore %1").arg(partial);
        return false;
    }
    if (!QFile::copy(backup, partial)) {
        *error = QStringLiteral("cannot copy %1 to %2").arg(backup, partial);
        return false;
    }
    {
        SqliteStore store;
        if (!store.open(partial, error))
            return false;
        const QString previous = store.epoch();
        QSqlDatabase db = store.m_connection.database();
        if (!store.summarize(summary, error) || !Storage::beginImmediate(db, error))
            return false;
        store.m_epoch = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QSqlQuery q(db);
        if (!Storage::execQuery(q, QStringLiteral("UPDATE server_meta SET value = ? WHERE key = 'epoch'"), {store.m_epoch}, error)
            || !Storage::execQuery(q, QStringLiteral("INSERT OR REPLACE INTO server_meta VALUES ('restored_from', ?), ('restored_at', ?)"),
                    {previous, QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}, error)
            || !Storage::commit(db, error)) {
            Storage::rollback(db);
            return false;
        }
        summary->epoch = store.m_epoch;
    }
    return publish(partial, target, error);
}

} // namespace Clearway::Server
