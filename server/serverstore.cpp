#include "server/serverstore.h"

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

#include <sodium.h>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

namespace Clearway::Server {

Q_LOGGING_CATEGORY(lcStore, "clearway.server.store")

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

bool run(QSqlQuery &q, const QString &sql, const QVariantList &binds, QString *error)
{
    if (!q.prepare(sql)) {
        *error = q.lastError().text();
        return false;
    }
    for (const QVariant &v : binds)
        q.addBindValue(v);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

QVariant text(const QString &s) { return s.isNull() ? QVariant(QStringLiteral("")) : QVariant(s); }

QString chainHash(const QString &previous, const QString &entry)
{
    const QByteArray input = previous.toUtf8() + '\n' + entry.toUtf8();
    return QString::fromLatin1(QCryptographicHash::hash(input, QCryptographicHash::Sha256).toHex());
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

bool sodiumReady()
{
    static const bool ready = sodium_init() >= 0;
    return ready;
}

} // namespace

QString SqliteStore::hashPassword(const QString &password)
{
    if (!sodiumReady())
        return {};
    const QByteArray utf8 = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, utf8.constData(), quint64(utf8.size()), crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return {};
    return QString::fromLatin1(out);
}

bool SqliteStore::verifyPassword(const QString &hash, const QString &password)
{
    if (!sodiumReady() || hash.isEmpty())
        return false;
    const QByteArray h = hash.toLatin1();
    const QByteArray utf8 = password.toUtf8();
    return crypto_pwhash_str_verify(h.constData(), utf8.constData(), quint64(utf8.size())) == 0;
}

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
    for (const QString &sql : serverTables()) {
        if (!Storage::exec(db, sql, error)) {
            Storage::rollback(db);
            return false;
        }
    }
    QSqlQuery q(db);
    if (!run(q, QStringLiteral("SELECT value FROM server_meta WHERE key = 'epoch'"), {}, error)) {
        Storage::rollback(db);
        return false;
    }
    if (q.next()) {
        m_epoch = q.value(0).toString();
    } else {
        // The epoch names this database; a restored or swapped one has another.
        m_epoch = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QSqlQuery insert(db);
        if (!run(insert, QStringLiteral("INSERT INTO server_meta VALUES ('epoch', ?)"), {m_epoch}, error)) {
            Storage::rollback(db);
            return false;
        }
    }
    q.finish();
    return Storage::commit(db, error);
}

void SqliteStore::close() { m_connection.close(); }

bool SqliteStore::addUser(const Models::Officer &officer, const QString &password, QString *error)
{
    if (password.size() < 8) {
        *error = QStringLiteral("the password must have at least 8 characters");
        return false;
    }
    const QString hash = hashPassword(password);
    if (hash.isEmpty()) {
        *error = QStringLiteral("the password could not be hashed (libsodium)");
        return false;
    }
    QSqlDatabase db = m_connection.database();
    if (!Storage::beginImmediate(db, error))
        return false;
    QSqlQuery q(db);
    const bool ok = run(q, QStringLiteral("INSERT OR REPLACE INTO officers (id, name, office, roles) VALUES (?, ?, ?, ?)"),
                        {officer.id, officer.name, officer.office, int(officer.roles.toInt())}, error)
        && run(q, QStringLiteral("INSERT OR REPLACE INTO users (id, password_hash) VALUES (?, ?)"), {officer.id, hash}, error);
    if (!ok) {
        Storage::rollback(db);
        return false;
    }
    return Storage::commit(db, error);
}

std::optional<UserRecord> SqliteStore::user(const QString &id) const
{
    QSqlDatabase db = m_connection.database();
    QSqlQuery q(db);
    QString error;
    if (!run(q, QStringLiteral("SELECT o.name, o.office, o.roles, u.password_hash FROM users u JOIN officers o ON o.id = u.id WHERE u.id = ?"),
             {id}, &error)
        || !q.next())
        return std::nullopt;
    return UserRecord{{id, q.value(0).toString(), q.value(1).toString(), Models::Roles::fromInt(q.value(2).toInt())}, q.value(3).toString()};
}

ApplyResult SqliteStore::apply(const QString &clientId, qint64 seq, const Models::Command &command, const Models::Officer &actor)
{
    ApplyResult r;
    r.seq = seq;
    QSqlDatabase db = m_connection.database();
    QString error;
    auto fail = [&](const QString &detail) {
        Storage::rollback(db);
        qCWarning(lcStore).noquote() << "command" << clientId << seq << "failed:" << detail;
        r.outcome = ApplyResult::Outcome::Failed;
        r.code = QStringLiteral("internal");
        r.message = detail;
        return r;
    };
    if (!Storage::beginImmediate(db, &error))
        return fail(error);

    QSqlQuery q(db);
    if (!run(q, QStringLiteral("SELECT last_seq FROM client_seqs WHERE client_id = ?"), {clientId}, &error))
        return fail(error);
    r.lastSeq = q.next() ? q.value(0).toLongLong() : 0;
    q.finish();
    if (seq <= r.lastSeq) {
        // A retry (the ack was lost): answer with what was decided, change nothing.
        if (!run(q, QStringLiteral("SELECT outcome, code, message, version, cursor FROM commands WHERE client_id = ? AND seq = ?"), {clientId, seq}, &error))
            return fail(error);
        if (q.next()) {
            r.outcome = q.value(0).toString() == QLatin1String("applied") ? ApplyResult::Outcome::Applied : ApplyResult::Outcome::Rejected;
            r.code = q.value(1).toString();
            r.message = q.value(2).toString();
            r.version = q.value(3).toLongLong();
            r.cursor = q.value(4).toLongLong();
        } else {
            r.outcome = ApplyResult::Outcome::Applied; // decided long ago and pruned: already done
            r.code = QStringLiteral("ok");
        }
        q.finish();
        Storage::rollback(db);
        r.duplicate = true;
        return r;
    }
    if (seq != r.lastSeq + 1) {
        Storage::rollback(db);
        r.outcome = ApplyResult::Outcome::Gap;
        r.code = QStringLiteral("bad_request");
        r.message = QStringLiteral("expected seq %1, got %2; resend from %1").arg(r.lastSeq + 1).arg(seq);
        return r;
    }

    const Storage::QueueSpec &spec = Storage::QueueSpec::of(command.kind);
    if (!run(q, QStringLiteral("SELECT state, assignee, office, version FROM %1 WHERE id = ?").arg(spec.table), {command.itemId}, &error))
        return fail(error);
    Models::Decision decision;
    Models::WorkItemState before;
    if (q.next()) {
        before = {q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toLongLong()};
        decision = Models::Lifecycle::of(command.kind).decide(before, command, actor);
    } else {
        decision.code = QStringLiteral("not_found");
        decision.message = QStringLiteral("no such item");
    }
    q.finish();

    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (decision.accepted) {
        r.version = before.version + 1;
        const Models::WorkItemState &after = decision.after;
        if (!run(q, QStringLiteral("UPDATE %1 SET state = ?, assignee = ?, version = ?, updated_at = ? WHERE id = ?").arg(spec.table),
                 {after.state, text(after.assignee), r.version, now, command.itemId}, &error)
            || !run(q, QStringLiteral("INSERT INTO changes (kind, item_id, version, state, assignee, at, actor, command, from_state, reason)"
                                      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                    {int(command.kind), command.itemId, r.version, after.state, text(after.assignee), now, actor.id, command.name, before.state,
                     text(command.reason)},
                    &error))
            return fail(error);
        r.cursor = q.lastInsertId().toLongLong();
        // The item's history, as workstations show it; the cursor keeps it once on each of them.
        if (!run(q, QStringLiteral("INSERT INTO events (item_kind, item_id, at, actor, command, from_state, to_state, reason, cursor)"
                                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                 {int(command.kind), command.itemId, now, actor.id, command.name, before.state, after.state, text(command.reason), r.cursor}, &error))
            return fail(error);

        // The audit chain: each entry's hash covers the previous hash and the entry itself.
        QString previous;
        if (!run(q, QStringLiteral("SELECT hash FROM audit ORDER BY seq DESC LIMIT 1"), {}, &error))
            return fail(error);
        if (q.next())
            previous = q.value(0).toString();
        q.finish();
        const QString entry = QString::fromUtf8(QJsonDocument(QJsonObject{
            {QStringLiteral("cursor"), r.cursor}, {QStringLiteral("kind"), Models::workKindKey(command.kind)},
            {QStringLiteral("item"), command.itemId}, {QStringLiteral("command"), command.name}, {QStringLiteral("from"), before.state},
            {QStringLiteral("to"), after.state}, {QStringLiteral("assignee"), after.assignee}, {QStringLiteral("reason"), command.reason},
            {QStringLiteral("client"), clientId}, {QStringLiteral("seq"), seq}}).toJson(QJsonDocument::Compact));
        if (!run(q, QStringLiteral("INSERT INTO audit (at, actor, entry, prev_hash, hash) VALUES (?, ?, ?, ?, ?)"),
                 {now, actor.id, entry, text(previous), chainHash(previous, entry)}, &error))
            return fail(error);
        r.outcome = ApplyResult::Outcome::Applied;
        r.code = QStringLiteral("ok");
    } else {
        r.outcome = ApplyResult::Outcome::Rejected;
        r.code = decision.code;
        r.message = decision.message;
        r.version = before.version;
    }
    if (!run(q, QStringLiteral("INSERT INTO commands VALUES (?, ?, ?, ?, ?, ?, ?)"),
             {clientId, seq, r.outcome == ApplyResult::Outcome::Applied ? QStringLiteral("applied") : QStringLiteral("rejected"), r.code,
              text(r.message), r.version, r.cursor},
             &error)
        || !run(q, QStringLiteral("INSERT INTO client_seqs VALUES (?, ?) ON CONFLICT (client_id) DO UPDATE SET last_seq = excluded.last_seq"),
                {clientId, seq}, &error))
        return fail(error);
    if (!Storage::commit(db, &error))
        return fail(error);
    r.lastSeq = seq;
    return r;
}

QList<Models::ItemChange> SqliteStore::changesAfter(qint64 cursor, int limit, QString *error) const
{
    QList<Models::ItemChange> out;
    QSqlDatabase db = m_connection.database();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!run(q, QStringLiteral("SELECT cursor, kind, item_id, version, state, assignee, at, actor, command, from_state, reason FROM changes"
                               " WHERE cursor > ? ORDER BY cursor LIMIT ?"),
             {cursor, limit}, error))
        return out;
    while (q.next()) {
        out.append({q.value(0).toLongLong(), static_cast<Models::WorkKind>(q.value(1).toInt()), q.value(2).toLongLong(), q.value(3).toLongLong(),
                    q.value(4).toString(), q.value(5).toString(), q.value(6).toLongLong(), q.value(7).toString(), q.value(8).toString(),
                    q.value(9).toString(), q.value(10).toString()});
    }
    return out;
}

bool SqliteStore::snapshotPage(const QString &token, int maxRows, SnapshotPage *page, QString *code, QString *error) const
{
    QSqlDatabase db = m_connection.database();
    const QList<Storage::SnapshotTable> &tables = Storage::snapshotTables();
    int tableIndex = 0;
    QJsonArray after;
    if (token.isEmpty()) {
        // A new snapshot: fix the watermark and count what will be sent, for progress.
        QSqlQuery q(db);
        if (!run(q, QStringLiteral("SELECT coalesce(max(cursor), 0) FROM changes"), {}, error) || !q.next()) {
            *code = QStringLiteral("internal");
            return false;
        }
        page->watermark = q.value(0).toLongLong();
        for (const Storage::SnapshotTable &t : tables) {
            if (!run(q, QStringLiteral("SELECT count(*) FROM %1").arg(t.name), {}, error) || !q.next()) {
                *code = QStringLiteral("internal");
                return false;
            }
            page->total += q.value(0).toLongLong();
        }
    } else {
        const QJsonObject t = QJsonDocument::fromJson(QByteArray::fromBase64(token.toLatin1(), QByteArray::Base64UrlEncoding)).object();
        tableIndex = t.value(QStringLiteral("t")).toInt(-1);
        if (t.value(QStringLiteral("e")).toString() != m_epoch || tableIndex < 0 || tableIndex >= tables.size()) {
            *code = QStringLiteral("bad_token");
            *error = QStringLiteral("the snapshot token is not from this server's database; start again");
            return false;
        }
        page->watermark = qint64(t.value(QStringLiteral("w")).toDouble());
        page->done = qint64(t.value(QStringLiteral("d")).toDouble());
        page->total = qint64(t.value(QStringLiteral("n")).toDouble());
        after = t.value(QStringLiteral("k")).toArray();
    }
    const Storage::SnapshotTable &table = tables.at(tableIndex);
    page->table = table.name;
    page->columns = Storage::tableColumns(db, table.name, error);
    Storage::PackedPage packed;
    if (page->columns.isEmpty() || !Storage::readRowPack(db, table, page->columns, after, maxRows, &packed, error)) {
        *code = QStringLiteral("internal");
        return false;
    }
    page->rows = packed.rows;
    page->body = packed.body;
    page->done += packed.rows;
    // A short page ends the table; the next table starts from its beginning.
    QJsonArray key = packed.lastKey;
    if (packed.rows < maxRows) {
        ++tableIndex;
        key = {};
    }
    if (tableIndex < tables.size()) {
        const QJsonObject next{{QStringLiteral("e"), m_epoch}, {QStringLiteral("w"), page->watermark}, {QStringLiteral("t"), tableIndex},
                               {QStringLiteral("k"), key}, {QStringLiteral("d"), page->done}, {QStringLiteral("n"), page->total}};
        page->next = QString::fromLatin1(
            QJsonDocument(next).toJson(QJsonDocument::Compact).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    }
    return true;
}

bool SqliteStore::verifyAudit(qint64 *entries, QString *error) const
{
    QSqlDatabase db = m_connection.database();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!run(q, QStringLiteral("SELECT seq, entry, prev_hash, hash FROM audit ORDER BY seq"), {}, error))
        return false;
    QString previous;
    *entries = 0;
    while (q.next()) {
        const qint64 seq = q.value(0).toLongLong();
        if (q.value(2).toString() != previous) {
            *error = QStringLiteral("audit entry %1 does not follow entry %2 (previous hash differs)").arg(seq).arg(seq - 1);
            return false;
        }
        const QString expected = chainHash(previous, q.value(1).toString());
        if (q.value(3).toString() != expected) {
            *error = QStringLiteral("audit entry %1 was altered (its hash does not match its content)").arg(seq);
            return false;
        }
        previous = expected;
        ++*entries;
    }
    return true;
}

bool SqliteStore::summarize(BackupSummary *summary, QString *error) const
{
    QSqlQuery q(m_connection.database());
    if (!run(q, QStringLiteral("SELECT coalesce(max(cursor), 0) FROM changes"), {}, error) || !q.next())
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
    if (!run(q, QStringLiteral("VACUUM INTO ?"), {partial}, error)) {
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
        if (!run(q, QStringLiteral("UPDATE server_meta SET value = ? WHERE key = 'epoch'"), {store.m_epoch}, error)
            || !run(q, QStringLiteral("INSERT OR REPLACE INTO server_meta VALUES ('restored_from', ?), ('restored_at', ?)"),
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
