#include "server/store.h"

#include "server/postgresstore.h"
#include "server/sqlitestore.h"
#include "models/lifecycle.h"
#include "storage/database.h"
#include "storage/passwordhash.h"
#include "storage/queuespec.h"
#include "storage/snapshot.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

namespace Clearway::Server {

Q_LOGGING_CATEGORY(lcStore, "clearway.server.store")

Store::Store(QObject *parent)
    : QObject(parent)
    , m_changePoll(new QTimer(this))
{
    connect(m_changePoll, &QTimer::timeout, this, [this] { pollChanges(); });
}

void Store::setChangePollInterval(int ms)
{
    m_changePollMs = ms;
    if (m_polling)
        startChangePoll();
}

void Store::startChangePoll()
{
    m_polling = true;
    if (m_changePollMs > 0)
        m_changePoll->start(m_changePollMs);
    else
        m_changePoll->stop();
}

void Store::stopChangePoll()
{
    m_polling = false;
    m_changePoll->stop();
}

bool Store::isPostgresUrl(const QString &database)
{
    return database.startsWith(QLatin1String("postgresql://")) || database.startsWith(QLatin1String("postgres://"));
}

std::unique_ptr<Store> Store::create(const QString &database)
{
    if (isPostgresUrl(database))
        return std::make_unique<PostgresStore>();
    return std::make_unique<SqliteStore>();
}

ApplyResult Store::apply(const QString &clientId, qint64 seq, const Models::Command &command, const Models::Officer &actor)
{
    return applyBatch({{clientId, seq, command, actor}}).constFirst();
}

QList<ApplyResult> Store::applyBatch(const QList<CommandRequest> &requests)
{
    QList<ApplyResult> out;
    QString error;
    bool ok = beginCommands(&error);
    for (qsizetype i = 0; ok && i < requests.size(); ++i) {
        ApplyResult r;
        r.seq = requests.at(i).seq;
        ok = applyInTransaction(requests.at(i), &r, &error);
        out.append(r);
    }
    ok = ok && commitCommands(&error);
    if (!ok) {
        rollbackCommands();
        if (requests.size() > 1) {
            out.clear();
            for (const CommandRequest &c : requests)
                out.append(applyBatch({c}).constFirst());
            return out;
        }
        qCWarning(lcStore).noquote() << "command" << requests.constFirst().clientId << requests.constFirst().seq << "failed:" << error;
        ApplyResult r;
        r.seq = requests.constFirst().seq;
        r.outcome = ApplyResult::Outcome::Failed;
        r.code = QStringLiteral("internal");
        r.message = error;
        return {r};
    }
    for (ApplyResult &r : out) {
        if (!r.duplicate && r.outcome != ApplyResult::Outcome::Gap)
            r.lastSeq = r.seq;
    }
    return out;
}

QString Store::newPasswordHash(const QString &password, QString *error)
{
    if (password.size() < 8) {
        *error = QStringLiteral("the password must have at least 8 characters");
        return {};
    }
    const QString hash = Storage::hashPassword(password, Storage::HashCost::Interactive);
    if (hash.isEmpty())
        *error = QStringLiteral("the password could not be hashed (libsodium)");
    return hash;
}

bool Store::decideOnRow(QSqlQuery *q, const CommandRequest &request, Models::WorkItemState *before, Models::Decision *decision, QString *error) const
{
    if (!q->next()) {
        q->finish();
        decision->accepted = false;
        decision->code = QStringLiteral("not_found");
        decision->message = QStringLiteral("no such item");
        return true;
    }
    *before = {q->value(0).toString(), q->value(1).toString(), q->value(2).toString(), q->value(3).toLongLong()};
    q->finish();
    Models::Command command = request.command;
    if (command.after > 0) {
        // The workstation made this command after an earlier one of its own on the item that it had
        // no answer for: it saw the item as that command left it. Expected here: the version that
        // command left, or the base if the workstation saw a newer one. If the earlier command was
        // refused, the item never was as this one was decided on: the version asked for is then
        // one the item has not reached (the lifecycle says so, after_refused).
        QSqlQuery *earlier = execCached(QStringLiteral("SELECT outcome, version FROM commands WHERE client_id = ? AND seq = ?"),
                                        {request.clientId, command.after}, error);
        if (!earlier)
            return false;
        if (earlier->next()) {
            command.baseVersion = earlier->value(0).toString() == QLatin1String("applied")
                ? std::max(command.baseVersion, earlier->value(1).toLongLong())
                : before->version + 1;
        } // else decided so long ago that its record is gone: the base alone
        earlier->finish();
    }
    *decision = Models::Lifecycle::of(command.kind).decide(*before, command, request.actor);
    return true;
}

void Store::recordRejected(const Models::WorkItemState &before, const Models::Decision &decision, ApplyResult *r)
{
    r->outcome = ApplyResult::Outcome::Rejected;
    r->code = decision.code;
    r->message = decision.message;
    r->version = before.version;
    r->hasState = !before.state.isEmpty(); // not for an item the server does not have
    r->state = before.state;
    r->assignee = before.assignee;
}

void Store::recordApplied(const Models::WorkItemState &before, const Models::WorkItemState &after, ApplyResult *r)
{
    r->version = before.version + 1;
    r->hasState = true;
    r->state = after.state;
    r->assignee = after.assignee;
}

bool Store::answerOutOfOrderSeq(const QString &clientId, ApplyResult *r, bool *answered, QString *error) const
{
    *answered = r->seq != r->lastSeq + 1;
    if (r->seq > r->lastSeq + 1) {
        r->outcome = ApplyResult::Outcome::Gap;
        r->code = QStringLiteral("bad_request");
        r->message = QStringLiteral("expected seq %1, got %2; resend from %1").arg(r->lastSeq + 1).arg(r->seq);
    }
    if (r->seq > r->lastSeq)
        return true;
    QSqlQuery *q = execCached(QStringLiteral("SELECT outcome, code, message, version, cursor FROM commands WHERE client_id = ? AND seq = ?"),
                              {clientId, r->seq}, error);
    if (!q)
        return false;
    r->duplicate = true;
    if (!q->next()) {
        r->outcome = ApplyResult::Outcome::Applied; // decided long ago and pruned: already done
        r->code = QStringLiteral("ok");
        return true;
    }
    r->outcome = q->value(0).toString() == QLatin1String("applied") ? ApplyResult::Outcome::Applied : ApplyResult::Outcome::Rejected;
    r->code = q->value(1).toString();
    r->message = q->value(2).toString();
    r->version = q->value(3).toLongLong();
    r->cursor = q->value(4).toLongLong();
    q->finish();
    return true;
}

QString Store::chainHash(const QString &previous, const QString &entry)
{
    const QByteArray input = previous.toUtf8() + '\n' + entry.toUtf8();
    return QString::fromLatin1(QCryptographicHash::hash(input, QCryptographicHash::Sha256).toHex());
}

QJsonObject Store::auditObject(const Models::Command &command, const Models::WorkItemState &before, const Models::WorkItemState &after,
                               const QString &clientId, qint64 seq)
{
    return {{QStringLiteral("kind"), Models::workKindKey(command.kind)}, {QStringLiteral("item"), command.itemId},
            {QStringLiteral("command"), command.name},                  {QStringLiteral("from"), before.state},
            {QStringLiteral("to"), after.state},                        {QStringLiteral("assignee"), after.assignee},
            {QStringLiteral("reason"), command.reason},                 {QStringLiteral("client"), clientId},
            {QStringLiteral("seq"), seq}};
}

QString Store::auditText(QJsonObject audit, qint64 cursor)
{
    if (cursor > 0)
        audit.insert(QStringLiteral("cursor"), cursor);
    return QString::fromUtf8(QJsonDocument(audit).toJson(QJsonDocument::Compact));
}

QString Store::auditEntry(qint64 cursor, const Models::Command &command, const Models::WorkItemState &before, const Models::WorkItemState &after,
                          const QString &clientId, qint64 seq)
{
    return auditText(auditObject(command, before, after, clientId, seq), cursor);
}

bool Store::appendEventAndFields(const Models::ItemChange &c, qint64 cursor, QString *error)
{
    // The item's history, as workstations show it; the cursor keeps it once on each of them. An
    // officer's change has no item, so no history.
    return (c.officer
            || execCached(QStringLiteral("INSERT INTO events (item_kind, item_id, at, actor, command, from_state, to_state, reason, cursor)"
                                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                          {int(c.kind), c.itemId, c.at, c.actor, c.command, Storage::notNullText(c.fromState), c.state, Storage::notNullText(c.reason),
                           cursor},
                          error))
        && (c.fields.isEmpty()
            || execCached(QStringLiteral("INSERT INTO change_fields (cursor, fields) VALUES (?, ?)"),
                          {cursor, QString::fromUtf8(QJsonDocument(c.fields).toJson(QJsonDocument::Compact))}, error));
}

void Store::announceNewChanges(const QString &sql, qint64 *known)
{
    QString error;
    QSqlQuery *q = execCached(sql, {}, &error);
    if (!q || !q->next()) {
        qCWarning(lcStore).noquote() << "cannot read the change log's end:" << error;
        return;
    }
    const qint64 last = q->value(0).toLongLong();
    q->finish();
    if (last > *known) {
        *known = last;
        emit changesCommitted();
    }
}

QSqlQuery *Store::execCached(const QString &sql, const QVariantList &binds, QString *error) const
{
    auto it = m_queries.find(sql);
    if (it == m_queries.end()) {
        auto prepared = std::make_unique<QSqlQuery>(database());
        prepared->setForwardOnly(true);
        if (!prepared->prepare(sql)) {
            *error = Storage::queryError(*prepared);
            return nullptr;
        }
        it = m_queries.emplace(sql, std::move(prepared)).first;
    }
    QSqlQuery *q = it->second.get();
    for (qsizetype i = 0; i < binds.size(); ++i)
        q->bindValue(int(i), binds.at(i));
    if (!q->exec()) {
        *error = Storage::queryError(*q);
        return nullptr;
    }
    return q;
}

void Store::dropCachedQueries() { m_queries.clear(); }

bool Store::addUser(const Models::Officer &officer, const QString &password, const std::optional<QStringList> &permissions, QString *error)
{
    const QString hash = newPasswordHash(password, error);
    if (hash.isEmpty())
        return false;
    Models::Officer saved = officer;
    saved.active = true;
    return writeTransaction(
        [&](QString *error) {
            QSqlQuery q(database());
            return Storage::execQuery(q,
                                      QStringLiteral("INSERT INTO officers (id, name, office, roles, active) VALUES (?, ?, ?, ?, 1) ON CONFLICT (id) DO UPDATE"
                                                     " SET name = excluded.name, office = excluded.office, roles = excluded.roles, active = 1"),
                                      {saved.id, saved.name, saved.office, qint64(saved.roles.toInt())}, error)
                && Storage::execQuery(q,
                                      QStringLiteral("INSERT INTO users (id, password_hash) VALUES (?, ?)"
                                                     " ON CONFLICT (id) DO UPDATE SET password_hash = excluded.password_hash"),
                                      {saved.id, hash}, error)
                && (!permissions || replacePermissions(q, saved.id, *permissions, error)) && revokeSessions(q, saved.id, error)
                && logOfficer(saved, QStringLiteral("add-user"), error);
        },
        error);
}

bool Store::disableUser(const QString &id, QString *error)
{
    return writeTransaction(
        [&](QString *error) {
            QSqlQuery q(database());
            if (!Storage::execQuery(q, QStringLiteral("DELETE FROM users WHERE id = ?"), {id}, error))
                return false;
            if (q.numRowsAffected() < 1) {
                *error = QStringLiteral("there is no account \"%1\"").arg(id);
                return false;
            }
            if (!revokeSessions(q, id, error)
                || !Storage::execQuery(q, QStringLiteral("UPDATE officers SET active = 0 WHERE id = ?"), {id}, error)
                || !Storage::execQuery(q, QStringLiteral("SELECT name, office, roles FROM officers WHERE id = ?"), {id}, error))
                return false;
            if (!q.next()) {
                *error = QStringLiteral("the account \"%1\" has no officer").arg(id);
                return false;
            }
            const Models::Officer officer{id, q.value(0).toString(), q.value(1).toString(), Models::Roles::fromInt(q.value(2).toInt()), false};
            q.finish();
            return logOfficer(officer, QStringLiteral("disable-user"), error);
        },
        error);
}

bool Store::logOfficer(const Models::Officer &officer, const QString &command, QString *error)
{
    LogEntry entry;
    entry.change = true;
    entry.actor = QStringLiteral("clearway-server");
    entry.at = QDateTime::currentSecsSinceEpoch();
    entry.item.at = entry.at;
    entry.item.actor = entry.actor;
    entry.item.command = command;
    entry.item.state = officer.active ? QStringLiteral("active") : QStringLiteral("disabled");
    entry.item.assignee = officer.id;
    entry.item.officer = officer;
    entry.item.fields = {{QStringLiteral("officer"), officer.toJson()}};
    entry.audit = {{QStringLiteral("command"), command}, {QStringLiteral("officer"), officer.toJson()}};
    qint64 cursor = 0;
    return appendLog(entry, &cursor, error);
}

std::optional<UserRecord> Store::user(const QString &id, QString *error) const
{
    QSqlQuery q(database());
    QString failure;
    if (!Storage::execQuery(q, QStringLiteral("SELECT o.name, o.office, o.roles, u.password_hash FROM users u JOIN officers o ON o.id = u.id WHERE u.id = ?"),
                            {id}, &failure)) {
        if (error)
            *error = failure;
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    return UserRecord{{id, q.value(0).toString(), q.value(1).toString(), Models::Roles::fromInt(q.value(2).toInt())}, q.value(3).toString()};
}

QString Store::sessionsTableSql()
{
    return QStringLiteral("CREATE TABLE IF NOT EXISTS sessions (token_hash text PRIMARY KEY, user_id text NOT NULL, expires bigint NOT NULL)");
}

namespace {
QString tokenHash(const QString &token)
{
    return QString::fromLatin1(QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex());
}
} // namespace

bool Store::saveSession(const QString &token, const UserRecord &checked, qint64 expires, bool *stored, QString *error)
{
    QSqlQuery q(database());
    // Expired sessions go as new ones come: the table holds a day's sign-ins or so. The session is
    // stored only while the account still has the password hash that was checked: add-user or
    // disable-user during the (slow) check has ended the account's sessions, and must end this one.
    if (!Storage::execQuery(q, QStringLiteral("DELETE FROM sessions WHERE expires < ?"), {QDateTime::currentSecsSinceEpoch()}, error)
        || !Storage::execQuery(q,
                               QStringLiteral("INSERT INTO sessions (token_hash, user_id, expires) SELECT ?, ?, ?"
                                              " WHERE EXISTS (SELECT 1 FROM users WHERE id = ? AND password_hash = ?)"),
                               {tokenHash(token), checked.officer.id, expires, checked.officer.id, checked.passwordHash}, error))
        return false;
    *stored = q.numRowsAffected() == 1;
    return true;
}

bool Store::revokeSessions(QSqlQuery &q, const QString &user, QString *error)
{
    return Storage::execQuery(q, QStringLiteral("DELETE FROM sessions WHERE user_id = ?"), {user}, error);
}

std::optional<Store::Session> Store::session(const QString &token, qint64 now, QString *error) const
{
    QSqlQuery q(database());
    QString failure;
    if (!Storage::execQuery(q, QStringLiteral("SELECT user_id, expires FROM sessions WHERE token_hash = ? AND expires >= ?"), {tokenHash(token), now},
                            &failure)) {
        if (error)
            *error = failure;
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    return Session{q.value(0).toString(), q.value(1).toLongLong()};
}

QList<Models::ItemChange> Store::changesAfter(qint64 cursor, int limit, QString *error) const
{
    QList<Models::ItemChange> out;
    // The item's office by a probe of its table's primary key, for the scoped subscribers.
    static const QString office = [] {
        QStringList whens;
        for (int k = 0; k < Models::WorkKindCount; ++k)
            whens << QStringLiteral("WHEN %1 THEN (SELECT office FROM %2 WHERE id = c.item_id)").arg(k).arg(Storage::QueueSpec::of(static_cast<Models::WorkKind>(k)).table);
        return QStringLiteral("CASE c.kind %1 END").arg(whens.join(QLatin1Char(' ')));
    }();
    QSqlQuery *q = execCached(QStringLiteral("SELECT c.cursor, c.kind, c.item_id, c.version, c.state, c.assignee, c.at, c.actor, c.command,"
                                             " c.from_state, c.reason, f.fields, %1 FROM changes c LEFT JOIN change_fields f ON f.cursor = c.cursor"
                                             " WHERE c.cursor > ? ORDER BY c.cursor LIMIT ?").arg(office),
                              {cursor, limit}, error);
    if (!q)
        return out;
    while (q->next()) {
        const int kind = q->value(1).toInt();
        out.append({q->value(0).toLongLong(), static_cast<Models::WorkKind>(kind == kOfficerChangeKind ? 0 : kind), q->value(2).toLongLong(),
                    q->value(3).toLongLong(), q->value(4).toString(), q->value(5).toString(), q->value(6).toLongLong(), q->value(7).toString(),
                    q->value(8).toString(), q->value(9).toString(), q->value(10).toString(),
                    q->value(11).isNull() ? QJsonObject() : QJsonDocument::fromJson(q->value(11).toString().toUtf8()).object(),
                    q->value(12).toString()});
        if (kind == kOfficerChangeKind) {
            Models::ItemChange &ch = out.last();
            ch.officer = Models::Officer::fromJson(ch.fields.value(QStringLiteral("officer")).toObject());
            if (!ch.officer) {
                // Skipped, not the batch: one unreadable row must not stop the stream for everyone.
                qCWarning(lcStore).noquote() << "change" << ch.cursor << "names no officer it can read; not sent";
                out.removeLast();
            }
        }
    }
    q->finish();
    return out;
}

namespace {

// The steps of a snapshot, each one table under one filter: the officers and the enterprises,
// then (when there is an officer) each work-item table, its goods lines and its events restricted
// to the officer's own open work, then the work-item tables, goods lines and events of the whole
// scope. Own work is sent twice; the client keeps the newer version of an item and each event
// once by its cursor.
struct SnapshotStep
{
    int table = 0; // in Storage::snapshotTables()
    bool mine = false;
};

QList<SnapshotStep> snapshotSteps(bool mine)
{
    const int tables = int(Storage::snapshotTables().size());
    QList<SnapshotStep> out = {{0, false}, {1, false}}; // officers, enterprises
    for (int pass = mine ? 0 : 1; pass < 2; ++pass) {
        for (int t = 2; t < tables; ++t)
            out.append({t, pass == 0});
    }
    return out;
}

QString marks(qsizetype n)
{
    QStringList out;
    for (qsizetype i = 0; i < n; ++i)
        out << QStringLiteral("?");
    return out.join(QLatin1Char(','));
}

// The rows of one step: work items by office (and, for own work, holder and open state); goods
// lines and events by their item. An item's office and kind never change, so neither does whether
// its rows are in a scope.
Storage::RowFilter stepFilter(const Storage::SnapshotTable &table, const Models::SyncScope &scope, const QString &mine)
{
    // The condition on a work item of `kind`, its columns prefixed with `alias`.
    auto itemCondition = [&](Models::WorkKind kind, const QString &alias, QVariantList *values) {
        QStringList terms;
        if (!scope.offices.isEmpty()) {
            terms << QStringLiteral("%1office IN (%2)").arg(alias, marks(scope.offices.size()));
            for (const QString &o : scope.offices)
                *values << o;
        }
        if (!mine.isEmpty()) {
            const QStringList open = Models::Lifecycle::of(kind).openStates();
            terms << QStringLiteral("%1assignee = ? AND %1state IN (%2)").arg(alias, marks(open.size()));
            *values << mine;
            for (const QString &state : open)
                *values << state;
        }
        return terms.join(QStringLiteral(" AND "));
    };
    QList<Models::WorkKind> kinds;
    for (int k = 0; k < Models::WorkKindCount; ++k) {
        if (scope.covers(static_cast<Models::WorkKind>(k)))
            kinds << static_cast<Models::WorkKind>(k);
    }
    Storage::RowFilter f;
    if (table.workItems) {
        const Models::WorkKind kind = [&] {
            for (int k = 0; k < Models::WorkKindCount; ++k) {
                if (Storage::QueueSpec::of(static_cast<Models::WorkKind>(k)).table == table.name)
                    return static_cast<Models::WorkKind>(k);
            }
            return Models::WorkKind::Declaration;
        }();
        f.where = scope.covers(kind) ? itemCondition(kind, QString(), &f.values) : QStringLiteral("1 = 0");
        return f;
    }
    if (!table.key.contains(QStringLiteral("item_kind")) && !table.localIds)
        return f; // officers, enterprises: all of them; goods lines and events go by their item
    if (kinds.size() == Models::WorkKindCount && scope.offices.isEmpty() && mine.isEmpty())
        return f;
    QStringList kindNumbers;
    for (Models::WorkKind k : kinds)
        kindNumbers << QString::number(int(k));
    // Without the officer's item list, the keyset range on the table's key is the way in: a plain
    // "item_kind IN (...)" made SQLite seek by item_kind alone and walk each kind from its start on
    // every page (goods lines), or sort the whole table by id for each page (events), which took
    // an office's copy from 4 s to 9 s at 200,000 declarations. The unary + keeps the term off
    // the index (PostgreSQL reads it as the same condition).
    QStringList terms = {QStringLiteral("%1item_kind IN (%2)").arg(mine.isEmpty() ? QStringLiteral("+") : QString(), kindNumbers.join(QLatin1Char(',')))};
    if (!scope.offices.isEmpty() || !mine.isEmpty()) {
        QStringList whens;
        QStringList ids;
        QVariantList idValues;
        for (Models::WorkKind k : kinds) {
            const QString itemTable = Storage::QueueSpec::of(k).table;
            if (mine.isEmpty()) {
                // A probe of the item's primary key per row: the whole table is read anyway.
                whens << QStringLiteral("WHEN %1 THEN EXISTS (SELECT 1 FROM %2 x WHERE x.id = %3.item_id AND %4)")
                             .arg(int(k))
                             .arg(itemTable, table.name, itemCondition(k, QStringLiteral("x."), &f.values));
            } else {
                // The officer's few items, listed: the rows are found through the item's index.
                const QString condition = itemCondition(k, QString(), &f.values);
                whens << QStringLiteral("WHEN %1 THEN item_id IN (SELECT id FROM %2 WHERE %3)").arg(int(k)).arg(itemTable, condition);
                ids << QStringLiteral("SELECT id FROM %1 WHERE %2").arg(itemTable, itemCondition(k, QString(), &idValues));
            }
        }
        if (!ids.isEmpty()) {
            terms << QStringLiteral("item_id IN (%1)").arg(ids.join(QStringLiteral(" UNION ALL ")));
            // The CASE's values come after the list's in the statement.
            f.values = idValues + f.values;
        }
        terms << QStringLiteral("CASE item_kind %1 ELSE 1 = 0 END").arg(whens.join(QLatin1Char(' ')));
    }
    f.where = terms.join(QStringLiteral(" AND "));
    return f;
}

QJsonObject scopeToken(const Models::SyncScope &scope)
{
    QJsonArray kinds;
    for (Models::WorkKind k : scope.kinds)
        kinds.append(int(k));
    return {{QStringLiteral("o"), QJsonArray::fromStringList(scope.offices)}, {QStringLiteral("k"), kinds}};
}

std::optional<Models::SyncScope> scopeFromToken(const QJsonObject &o)
{
    Models::SyncScope scope;
    for (const QJsonValue &v : o.value(QStringLiteral("o")).toArray())
        scope.offices << v.toString();
    for (const QJsonValue &v : o.value(QStringLiteral("k")).toArray()) {
        const int k = v.toInt(-1);
        if (k < 0 || k >= Models::WorkKindCount)
            return std::nullopt;
        scope.kinds << static_cast<Models::WorkKind>(k);
    }
    return scope;
}

} // namespace

QString beyondScope(const Models::SyncScope &mayKeep)
{
    return mayKeep.offices.isEmpty() ? QStringLiteral("this account may not keep that scope")
                                     : QStringLiteral("this account may keep the work of office %1 only (ask for \"scope\": %2)")
                                           .arg(mayKeep.offices.join(QStringLiteral(", ")),
                                                QString::fromUtf8(QJsonDocument(mayKeep.toJson()).toJson(QJsonDocument::Compact)));
}

bool Store::snapshotPage(const QString &token, const QString &officer, const Models::SyncScope &scope, const Models::SyncScope &mayKeep, int maxRows,
                         SnapshotPage *page, QString *code, QString *error) const
{
    QSqlDatabase db = database();
    const QList<Storage::SnapshotTable> &tables = Storage::snapshotTables();
    Models::SyncScope copied = scope;
    QString mine = officer;
    int stepIndex = 0;
    QJsonArray after;
    auto badToken = [&] {
        *code = QStringLiteral("bad_token");
        *error = QStringLiteral("the snapshot token is not from this server's database; start again");
        return false;
    };
    if (token.isEmpty()) {
        // A new snapshot: fix the watermark and count what will be sent, for progress.
        QSqlQuery q(db);
        if (!Storage::execQuery(q, QStringLiteral("SELECT coalesce(max(cursor), 0) FROM changes"), {}, error) || !q.next()) {
            *code = QStringLiteral("internal");
            return false;
        }
        page->watermark = q.value(0).toLongLong();
        for (const SnapshotStep &step : snapshotSteps(!mine.isEmpty())) {
            const Storage::SnapshotTable &t = tables.at(step.table);
            const Storage::RowFilter f = stepFilter(t, copied, step.mine ? mine : QString());
            if (!Storage::execQuery(q, QStringLiteral("SELECT count(*) FROM %1%2").arg(t.name, f.where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + f.where),
                                    f.values, error)
                || !q.next()) {
                *code = QStringLiteral("internal");
                return false;
            }
            page->total += q.value(0).toLongLong();
        }
    } else {
        const QJsonObject t = QJsonDocument::fromJson(QByteArray::fromBase64(token.toLatin1(), QByteArray::Base64UrlEncoding)).object();
        // Version 2 tokens carry the scope and the officer whose work comes first; an older one
        // (a copy begun before the server was upgraded) starts over.
        const std::optional<Models::SyncScope> tokenScope = scopeFromToken(t.value(QStringLiteral("s")).toObject());
        if (t.value(QStringLiteral("e")).toString() != m_epoch || t.value(QStringLiteral("v")).toInt() != 2 || !tokenScope)
            return badToken();
        copied = *tokenScope;
        mine = t.value(QStringLiteral("o")).toString();
        stepIndex = t.value(QStringLiteral("t")).toInt(-1);
        after = t.value(QStringLiteral("k")).toArray();
        const QList<SnapshotStep> steps = snapshotSteps(!mine.isEmpty());
        if (stepIndex < 0 || stepIndex >= steps.size() || (!after.isEmpty() && after.size() != tables.at(steps.at(stepIndex).table).key.size()))
            return badToken();
        page->watermark = t.value(QStringLiteral("w")).toInteger();
        page->done = t.value(QStringLiteral("d")).toInteger();
        page->total = t.value(QStringLiteral("n")).toInteger();
    }
    if (!copied.within(mayKeep)) {
        *code = QStringLiteral("forbidden");
        *error = beyondScope(mayKeep);
        return false;
    }
    const QList<SnapshotStep> steps = snapshotSteps(!mine.isEmpty());
    Storage::PackedPage packed;
    for (;;) {
        const SnapshotStep step = steps.at(stepIndex);
        const Storage::SnapshotTable &table = tables.at(step.table);
        page->table = table.name;
        page->section = step.mine || (step.table < 2 && !mine.isEmpty()) ? QStringLiteral("mine") : QStringLiteral("all");
        page->columns = snapshotColumns(table.name, error);
        if (page->columns.isEmpty()
            || !readSnapshotRows(table, page->columns, after, maxRows, stepFilter(table, copied, step.mine ? mine : QString()), &packed, error)) {
            *code = QStringLiteral("internal");
            return false;
        }
        if (packed.rows < maxRows) {
            // A short page ends the step; the next starts from the beginning of its table.
            ++stepIndex;
            after = {};
            // An empty step sends nothing (an officer with no open work has none of the first).
            if (packed.rows == 0 && stepIndex < steps.size())
                continue;
        } else {
            after = packed.lastKey;
        }
        break;
    }
    page->rows = packed.rows;
    page->body = packed.body;
    page->done += packed.rows;
    if (stepIndex < steps.size()) {
        const QJsonObject next{{QStringLiteral("v"), 2},
                               {QStringLiteral("e"), m_epoch},
                               {QStringLiteral("w"), page->watermark},
                               {QStringLiteral("s"), scopeToken(copied)},
                               {QStringLiteral("o"), mine},
                               {QStringLiteral("t"), stepIndex},
                               {QStringLiteral("k"), after},
                               {QStringLiteral("d"), page->done},
                               {QStringLiteral("n"), page->total}};
        page->next = QString::fromLatin1(
            QJsonDocument(next).toJson(QJsonDocument::Compact).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    }
    return true;
}

bool Store::verifyAudit(qint64 *entries, QString *error) const
{
    QSqlQuery q(database());
    q.setForwardOnly(true);
    if (!Storage::execQuery(q, QStringLiteral("SELECT seq, entry, prev_hash, hash FROM audit ORDER BY seq"), {}, error))
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

} // namespace Clearway::Server
