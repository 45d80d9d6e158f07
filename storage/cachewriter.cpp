#include "storage/cachewriter.h"

#include "storage/manifestdocuments.h"
#include "storage/queuespec.h"
#include "storage/schema.h"
#include "storage/snapshot.h"
#include "storage/walcheckpointer.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>

namespace Clearway::Storage {

Q_LOGGING_CATEGORY(lcWriter, "clearway.storage.writer")

namespace {

QString translated(const char *text) { return QCoreApplication::translate("Clearway::Storage::CacheWriter", text); }

// Runs `fn` on `object`'s thread and waits for it (directly when already there).
template <typename Fn>
auto runOn(QObject *object, Fn fn)
{
    using Result = decltype(fn());
    if (QThread::currentThread() == object->thread())
        return fn();
    Result result{};
    QMetaObject::invokeMethod(object, [&result, &fn] { result = fn(); }, Qt::BlockingQueuedConnection);
    return result;
}


bool execBound(QSqlQuery &q, const QVariantList &binds, QString *error)
{
    for (const QVariant &v : binds)
        q.addBindValue(v);
    if (q.exec())
        return true;
    *error = q.lastError().text();
    return false;
}

} // namespace

namespace {
// One step of the search-index build: about a tenth of a second of trigram and short-word
// indexing on this class of machine, so that a command waits at most that long behind it.
constexpr int kSearchRowsPerStep = 4000;

QString metaText(QSqlDatabase db, const QString &key, bool *found)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    q.addBindValue(key);
    *found = q.exec() && q.next();
    return *found ? q.value(0).toString() : QString();
}

QStringList pendingIndexes(QSqlDatabase db)
{
    bool found = false;
    return metaText(db, QString::fromLatin1(kIndexesPendingKey), &found).split(QLatin1Char(','), Qt::SkipEmptyParts);
}
} // namespace

CacheWriter::CacheWriter(QObject *parent)
    : QObject(parent)
{
}

CacheWriter::~CacheWriter() = default;

QSqlQuery &CacheWriter::statement(const QString &sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        auto q = std::make_unique<QSqlQuery>(m_connection.database());
        // A statement that does not prepare is not kept: its exec() fails and says so.
        if (!q->prepare(sql)) {
            qCWarning(lcWriter).noquote() << "could not prepare" << sql.left(80) << q->lastError().text();
            m_unprepared = std::move(q);
            return *m_unprepared;
        }
        it = m_statements.emplace(sql, std::move(q)).first;
    }
    return *it->second;
}

void CacheWriter::finishStatements()
{
    for (auto &[sql, q] : m_statements)
        q->finish();
}

OpenResult CacheWriter::open(const QString &path)
{
    return runOn(this, [this, path] { return openHere(path); });
}

void CacheWriter::close()
{
    runOn(this, [this] {
        m_checkpointer.reset();
        m_statements.clear();
        m_unprepared.reset();
        m_connection.close();
        return true;
    });
}

void CacheWriter::limitSize(qint64 bytes)
{
    runOn(this, [this, bytes] {
        QSqlDatabase db = m_connection.database();
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("PRAGMA page_size")) || !q.next())
            return false;
        const qint64 pages = std::max<qint64>(1, bytes / q.value(0).toLongLong());
        QString error;
        return exec(db, QStringLiteral("PRAGMA max_page_count = %1").arg(pages), &error);
    });
}

OpenResult CacheWriter::openHere(const QString &path)
{
    OpenResult r = m_connection.open(path, QStringLiteral("writer"), true);
    if (!r.ok())
        return r;
    QSqlDatabase db = m_connection.database();
    // Indexes for queue columns added since the cache was written (a no-op when all exist), except
    // those a background build after the copy has not reached yet.
    for (const QString &sql : secondaryStructuresCreate(pendingIndexes(db))) {
        QString error;
        if (!exec(db, sql, &error))
            qCWarning(lcWriter).noquote() << "could not create" << sql.left(80) << error;
    }
    // Indexing interrupted by the end of the last session goes on, once the open is answered: the
    // count of what is left must not hold up the workstation's start.
    QMetaObject::invokeMethod(this, [this] { startBackgroundIndexing(); }, Qt::QueuedConnection);
    QSqlQuery q(db);
    if (q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'client_id'")) && q.next()) {
        m_clientId = q.value(0).toString();
        return r;
    }
    m_clientId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral("INSERT INTO meta (key, value) VALUES ('client_id', ?)"));
    QString error;
    if (!execBound(insert, {m_clientId}, &error)) {
        // Not fatal for reading; the officer is told when a command cannot be stored.
        qCWarning(lcWriter).noquote() << "could not store the client id:" << error;
    }
    return r;
}

void CacheWriter::apply(const Models::Command &command, const Models::Officer &actor)
{
    QMetaObject::invokeMethod(this, [this, command, actor] {
        const CommandOutcome outcome = applyHere(command, actor);
        if (outcome.stored) {
            Q_EMIT itemChanged(command.kind, command.itemId);
            Q_EMIT commandsStored();
        }
        Q_EMIT applied(outcome);
    });
}

CommandOutcome CacheWriter::applyHere(const Models::Command &command, const Models::Officer &actor)
{
    CommandOutcome out;
    out.command = command;
    if (!m_connection.isOpen()) {
        out.error = translated(QT_TRANSLATE_NOOP("Clearway::Storage::CacheWriter", "The cache is not open."));
        return out;
    }
    QSqlDatabase db = m_connection.database();
    QString error;
    bool ok = beginImmediate(db, &error) && applyInTransaction(command, actor, &out, &error);
    finishStatements();
    if (ok && out.stored && !commit(db, &error))
        ok = false;
    if (!ok || !out.stored)
        rollback(db);
    if (!ok)
        notStored(&out, error);
    return out;
}

void CacheWriter::notStored(CommandOutcome *out, const QString &detail)
{
    qCWarning(lcWriter).noquote() << "command" << out->command.name << "on" << out->command.itemId << "not stored:" << detail;
    out->stored = false;
    out->diskFull = isDiskFull(detail);
    out->error = out->diskFull
        ? translated(QT_TRANSLATE_NOOP("Clearway::Storage::CacheWriter",
                                       "The disk is full: your action was not saved. Nothing stored was changed; free some space and try again."))
        : translated(QT_TRANSLATE_NOOP("Clearway::Storage::CacheWriter", "Your action could not be saved in the local cache: %1")).arg(detail);
}

bool CacheWriter::applyInTransaction(const Models::Command &command, const Models::Officer &actor, CommandOutcome *outcome, QString *errorOut)
{
    CommandOutcome &out = *outcome;
    out.command = command;
    QString &error = *errorOut;
    const QueueSpec &spec = QueueSpec::of(command.kind);
    QSqlDatabase db = m_connection.database();

    Models::WorkItemState before;
    qint64 pending = 0;
    {
        QSqlQuery &q = statement(QStringLiteral("SELECT state, assignee, office, version, number, pending FROM %1 WHERE id = ?").arg(spec.table));
        if (!execBound(q, {command.itemId}, &error))
            return false;
        if (!q.next()) {
            out.decision.code = QStringLiteral("not_found");
            out.decision.message = translated(QT_TRANSLATE_NOOP("Clearway::Storage::CacheWriter", "This item is no longer in the cache."));
            return true;
        }
        before = {q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toLongLong()};
        out.number = q.value(4).toString();
        pending = q.value(5).toLongLong();
    }

    out.decision = Models::Lifecycle::of(command.kind).decide(before, command, actor);
    // The server's release check of a manifest (documents, quota), on the cache's rows.
    if (!vetDecision(db, command, &out.decision, &error))
        return false;
    if (!out.decision.accepted)
        return true;
    const Models::WorkItemState &after = out.decision.after;
    const qint64 now = QDateTime::currentSecsSinceEpoch();

    // The first pending command on an item keeps the server's state aside for rebasing.
    QSqlQuery &base = statement(QStringLiteral("INSERT OR IGNORE INTO item_base (item_kind, item_id, state, assignee, version) VALUES (?, ?, ?, ?, ?)"));
    if (!execBound(base, {static_cast<int>(command.kind), command.itemId, before.state, notNullText(before.assignee), before.version}, &error))
        return false;

    QSqlQuery &update = statement(QStringLiteral("UPDATE %1 SET state = ?, assignee = ?, pending = pending + 1, updated_at = ? WHERE id = ?").arg(spec.table));
    if (!execBound(update, {after.state, notNullText(after.assignee), now, command.itemId}, &error))
        return false;

    QSqlQuery &event = statement(QStringLiteral("INSERT INTO events (item_kind, item_id, at, actor, command, from_state, to_state, reason, pending)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)"));
    if (!execBound(event, {static_cast<int>(command.kind), command.itemId, now, actor.id, command.name, before.state, after.state, notNullText(command.reason)}, &error))
        return false;

    // The server decides a holder's decision on the version it was made on: the row's, which is the
    // server's last word (a local command leaves it as it is), after this workstation's commands
    // on the item still waiting, the last of which this one follows.
    qint64 afterSeq = 0;
    if (pending > 0) {
        QSqlQuery &last = statement(QStringLiteral("SELECT max(seq) FROM outbox WHERE item_kind = ? AND item_id = ?"));
        if (!execBound(last, {static_cast<int>(command.kind), command.itemId}, &error))
            return false;
        if (last.next())
            afterSeq = last.value(0).toLongLong();
    }

    QJsonObject payload{{QStringLiteral("command"), command.name}, {QStringLiteral("actor"), actor.id}};
    if (!command.reason.isEmpty())
        payload.insert(QStringLiteral("reason"), command.reason);
    if (!command.note.isEmpty())
        payload.insert(QStringLiteral("note"), command.note);
    if (!command.targetOfficer.isEmpty())
        payload.insert(QStringLiteral("target"), command.targetOfficer);
    QSqlQuery &outbox = statement(QStringLiteral("INSERT INTO outbox (client_id, item_kind, item_id, command, payload, base_version, after_seq, created_at)"
                                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    if (!execBound(outbox, {m_clientId, static_cast<int>(command.kind), command.itemId, command.name,
                            QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact)), before.version, afterSeq, now},
                   &error))
        return false;
    out.stored = true;
    return true;
}

quint64 CacheWriter::applyBatch(const QList<Models::Command> &commands, const Models::Officer &actor)
{
    const quint64 id = m_nextBatch.fetch_add(1) + 1;
    QMetaObject::invokeMethod(this, [this, id, commands, actor] {
        BatchOutcome outcome;
        outcome.batchId = id;
        outcome.total = int(commands.size());
        runBatchChunk(std::make_shared<BatchRun>(BatchRun{commands, actor, outcome}), 0);
    });
    return id;
}

void CacheWriter::cancelBatch(quint64 batchId)
{
    QMutexLocker lock(&m_cancelMutex);
    m_cancelled.insert(batchId);
}

bool CacheWriter::batchCancelled(quint64 batchId)
{
    QMutexLocker lock(&m_cancelMutex);
    return m_cancelled.remove(batchId);
}

void CacheWriter::runBatchChunk(const std::shared_ptr<BatchRun> &run, qsizetype from)
{
    BatchOutcome &o = run->outcome;
    const qsizetype end = qMin(from + kBatchChunk, run->commands.size());
    if (from < end && batchCancelled(o.batchId)) {
        o.cancelled = true;
        o.notTried = int(run->commands.size() - from);
    } else if (from < end) {
        QSqlDatabase db = m_connection.database();
        QString error;
        QList<CommandOutcome> outcomes;
        bool ok = m_connection.isOpen() && beginImmediate(db, &error);
        if (!m_connection.isOpen())
            error = translated(QT_TRANSLATE_NOOP("Clearway::Storage::CacheWriter", "The cache is not open."));
        for (qsizetype i = from; ok && i < end; ++i) {
            CommandOutcome c;
            ok = applyInTransaction(run->commands.at(i), run->actor, &c, &error);
            outcomes.append(c);
        }
        finishStatements();
        ok = ok && commit(db, &error);
        if (!ok) {
            // Nothing of this chunk is stored, and the rest is not tried: the officer is told why.
            rollback(db);
            CommandOutcome failed;
            failed.command = run->commands.at(from);
            notStored(&failed, error);
            o.error = failed.error;
            o.diskFull = failed.diskFull;
            o.notTried = int(run->commands.size() - from);
        } else {
            for (const CommandOutcome &c : std::as_const(outcomes)) {
                if (c.stored)
                    ++o.done;
                else
                    o.refused.append({c.command.itemId, c.number, c.decision.code, c.decision.message});
            }
            o.processed = int(end);
            Q_EMIT batchProgress(o.batchId, o.processed, o.total);
            if (o.done > 0)
                Q_EMIT commandsStored();
            if (end < run->commands.size()) {
                // The next chunk after what else waits for the writer (the server's replies and
                // changes), so a long batch never holds them back.
                QMetaObject::invokeMethod(this, [this, run, end] { runBatchChunk(run, end); }, Qt::QueuedConnection);
                return;
            }
        }
    }
    batchCancelled(o.batchId); // a cancel that came too late is forgotten
    Q_EMIT batchFinished(o);
}

QList<OutboxEntry> CacheWriter::pendingCommands(int limit, qint64 afterSeq)
{
    return runOn(this, [this, limit, afterSeq] {
        QList<OutboxEntry> out;
        QSqlDatabase db = m_connection.database();
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT seq, item_kind, item_id, command, payload, base_version, after_seq FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?"));
        QString error;
        if (!execBound(q, {afterSeq, limit}, &error)) {
            qCWarning(lcWriter).noquote() << "outbox read failed:" << error;
            return out;
        }
        while (q.next()) {
            const QJsonObject payload = QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object();
            OutboxEntry e;
            e.seq = q.value(0).toLongLong();
            e.command.kind = static_cast<Models::WorkKind>(q.value(1).toInt());
            e.command.itemId = q.value(2).toLongLong();
            e.command.name = q.value(3).toString();
            e.command.baseVersion = q.value(5).toLongLong();
            e.command.after = q.value(6).toLongLong();
            e.command.reason = payload.value(QStringLiteral("reason")).toString();
            e.command.note = payload.value(QStringLiteral("note")).toString();
            e.command.targetOfficer = payload.value(QStringLiteral("target")).toString();
            e.actor = payload.value(QStringLiteral("actor")).toString();
            out << e;
        }
        return out;
    });
}

qint64 CacheWriter::syncCursor()
{
    return runOn(this, [this] {
        QSqlDatabase db = m_connection.database();
        QSqlQuery q(db);
        return q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'sync_cursor'")) && q.next() ? q.value(0).toLongLong() : qint64(0);
    });
}

void CacheWriter::readOutbox(int limit, QObject *context, std::function<void(const QList<OutboxEntry> &)> answer, qint64 afterSeq)
{
    QMetaObject::invokeMethod(this, [this, limit, afterSeq, context = QPointer<QObject>(context), answer = std::move(answer)] {
        const QList<OutboxEntry> entries = pendingCommands(limit, afterSeq);
        if (context)
            QMetaObject::invokeMethod(context, [entries, answer] { answer(entries); });
    });
}

void CacheWriter::readSyncState(QObject *context, std::function<void(const SnapshotState &, qint64)> answer)
{
    QMetaObject::invokeMethod(this, [this, context = QPointer<QObject>(context), answer = std::move(answer)] {
        const SnapshotState state = snapshotState();
        const qint64 cursor = syncCursor();
        if (context)
            QMetaObject::invokeMethod(context, [state, cursor, answer] { answer(state, cursor); });
    });
}

void CacheWriter::applyChanges(const QList<Models::ItemChange> &changes, qint64 through)
{
    QMetaObject::invokeMethod(this, [this, changes, through] {
        if (m_changesRefused)
            return;
        qint64 cursor = 0;
        int count = 0;
        QList<Models::Officer> officers; // as the changes left them, in order
        QString error;
        if (!applyChangesHere(changes, through, &cursor, &count, &officers, &error)) {
            QSqlDatabase db = m_connection.database();
            rollback(db);
            qCWarning(lcWriter).noquote() << "changes not applied:" << error;
            m_changesRefused = true;
            Q_EMIT syncFailed(error);
            return;
        }
        if (count > 0)
            Q_EMIT changesApplied(cursor, count);
        if (!officers.isEmpty()) {
            QStringList disabled;
            for (const Models::Officer &o : std::as_const(officers)) {
                disabled.removeAll(o.id);
                if (!o.active)
                    disabled << o.id;
            }
            Q_EMIT officersChanged(disabled);
        }
    });
}

void CacheWriter::resumeChanges()
{
    QMetaObject::invokeMethod(this, [this] { m_changesRefused = false; });
}

void CacheWriter::announceDisabledOfficers(const QString &except)
{
    QMetaObject::invokeMethod(this, [this, except] {
        QSqlQuery q(m_connection.database());
        QStringList disabled;
        QString error;
        if (!execQuery(q, QStringLiteral("SELECT id FROM officers WHERE active = 0 AND id <> ?"), {except}, &error)) {
            qCWarning(lcWriter).noquote() << "the disabled officers could not be read:" << error;
            return;
        }
        while (q.next())
            disabled << q.value(0).toString();
        if (!disabled.isEmpty())
            Q_EMIT officersChanged(disabled);
    });
}

bool CacheWriter::applyChangesHere(const QList<Models::ItemChange> &changes, qint64 through, qint64 *cursor, int *count, QList<Models::Officer> *officers,
                                   QString *error)
{
    QSqlDatabase db = m_connection.database();
    if (!beginImmediate(db, error))
        return false;
    *cursor = 0;
    {
        QSqlQuery q(db);
        if (q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'sync_cursor'")) && q.next())
            *cursor = q.value(0).toLongLong();
    }
    for (const Models::ItemChange &c : changes) {
        if (c.cursor <= *cursor)
            continue; // already applied: reads never go backwards
        if (c.officer) {
            // The officer directory: the account as the server now has it.
            const Models::Officer &o = *c.officer;
            QSqlQuery &officer = statement(QStringLiteral("INSERT INTO officers (id, name, office, roles, active) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id)"
                                                          " DO UPDATE SET name = excluded.name, office = excluded.office, roles = excluded.roles,"
                                                          " active = excluded.active"));
            if (!execBound(officer, {o.id, o.name, o.office, int(o.roles.toInt()), o.active ? 1 : 0}, error))
                return false;
            *officers << o;
            *cursor = c.cursor;
            ++*count;
            continue;
        }
        const QueueSpec &spec = QueueSpec::of(c.kind);
        if (!c.fields.isEmpty() && !applyChangeFields(c, error))
            return false;
        QSqlQuery &q = statement(QStringLiteral("SELECT 1 FROM item_base WHERE item_kind = ? AND item_id = ?"));
        if (!execBound(q, {static_cast<int>(c.kind), c.itemId}, error))
            return false;
        const bool pendingHere = q.next();
        q.finish();
        // A row the initial snapshot copied after this change already holds it (or a later one).
        if (pendingHere) {
            QSqlQuery &base = statement(QStringLiteral("UPDATE item_base SET state = ?, assignee = ?, version = ? WHERE item_kind = ? AND item_id = ? AND version < ?"));
            if (!execBound(base, {c.state, notNullText(c.assignee), c.version, static_cast<int>(c.kind), c.itemId, c.version}, error))
                return false;
        }
        QSqlQuery &update = statement(QStringLiteral("UPDATE %1 SET state = ?, assignee = ?, version = ?, updated_at = ? WHERE id = ? AND version < ?").arg(spec.table));
        if (!execBound(update, {c.state, notNullText(c.assignee), c.version, c.at, c.itemId, c.version}, error))
            return false;
        QSqlQuery &event = statement(QStringLiteral("INSERT OR IGNORE INTO events (item_kind, item_id, at, actor, command, from_state, to_state, reason, pending, cursor)"
                                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)"));
        if (!execBound(event, {static_cast<int>(c.kind), c.itemId, c.at, c.actor, c.command, c.fromState, c.state, notNullText(c.reason), c.cursor}, error))
            return false;
        if (pendingHere && !rebase(c.kind, c.itemId, error))
            return false;
        *cursor = c.cursor;
        ++*count;
    }
    *cursor = std::max(*cursor, through);
    QSqlQuery &save = statement(QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES ('sync_cursor', ?)"));
    if (!execBound(save, {QString::number(*cursor)}, error))
        return false;
    finishStatements();
    return commit(db, error);
}

const QStringList &CacheWriter::columnsOf(const QString &table, QString *error)
{
    auto it = m_columns.find(table);
    if (it == m_columns.end()) {
        const QStringList columns = tableColumns(m_connection.database(), table, error);
        if (columns.isEmpty()) {
            static const QStringList none;
            return none;
        }
        it = m_columns.insert(table, columns);
    }
    return *it;
}

bool CacheWriter::applyChangeFields(const Models::ItemChange &c, QString *error)
{
    QSqlDatabase db = m_connection.database();
    // How a new declaration was routed (docs/protocol.md, "Change stream"), so the detail pane
    // explains its lane without asking the server.
    const QJsonValue risk = c.fields.value(QStringLiteral("risk"));
    if (c.kind == Models::WorkKind::Declaration && risk.isObject()) {
        const std::optional<RiskRouting> routing = riskRoutingFromJson(c.itemId, risk.toObject(), error);
        if (!routing || !storeRiskRouting(db, *routing, error))
            return false;
    }
    // The names are the server's; only this cache's own columns are accepted.
    auto split = [this, error](const QString &table, const QJsonObject &row, QStringList *names, QVariantList *values) {
        const QStringList &known = columnsOf(table, error);
        for (auto it = row.begin(); it != row.end(); ++it) {
            if (!known.contains(it.key())) {
                *error = QStringLiteral("the server sent column %1.%2, which this cache does not have").arg(table, it.key());
                return false;
            }
            *names << it.key();
            *values << sqlValue(it.value());
        }
        return true;
    };
    auto insert = [&db, error](const QString &verb, const QString &table, const QStringList &names, const QVariantList &values) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("%1 INTO %2 (%3) VALUES (%4)")
                      .arg(verb, table, names.join(QStringLiteral(", ")), QStringList(names.size(), QStringLiteral("?")).join(QStringLiteral(", "))));
        return execBound(q, values, error);
    };
    const QString table = QueueSpec::of(c.kind).table;
    const QJsonObject row = c.fields.value(QStringLiteral("row")).toObject();
    QStringList names;
    QVariantList values;
    if (!split(table, row, &names, &values))
        return false;
    // The declaration's enterprise, whether or not the item is here: a declaration the initial copy
    // brought after its enterprise's page was copied still needs it.
    const QJsonObject enterprise = c.fields.value(QStringLiteral("enterprise")).toObject();
    if (!enterprise.isEmpty()) {
        QStringList en;
        QVariantList ev;
        if (!split(QStringLiteral("enterprises"), enterprise, &en, &ev) || !insert(QStringLiteral("INSERT OR IGNORE"), QStringLiteral("enterprises"), en, ev))
            return false;
    }
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT 1 FROM %1 WHERE id = ?").arg(table));
    if (!execBound(q, {c.itemId}, error))
        return false;
    const bool known = q.next();
    q.finish();
    if (known) {
        // Columns of an item this cache holds, set when the change is newer than the row.
        if (names.isEmpty())
            return true;
        QStringList sets;
        for (const QString &n : std::as_const(names))
            sets << n + QStringLiteral(" = ?");
        QSqlQuery update(db);
        update.prepare(QStringLiteral("UPDATE %1 SET %2 WHERE id = ? AND version < ?").arg(table, sets.join(QStringLiteral(", "))));
        return execBound(update, values + QVariantList{c.itemId, c.version}, error);
    }
    // An item this cache does not hold: a whole row (a new declaration) is inserted; a partial
    // one (a re-route of an item not copied here) has nothing to apply to.
    if (!row.contains(QStringLiteral("number")))
        return true;
    if (!insert(QStringLiteral("INSERT"), table, names, values))
        return false;
    for (const QJsonValue &line : c.fields.value(QStringLiteral("goods")).toArray()) {
        QStringList gn;
        QVariantList gv;
        if (!split(QStringLiteral("goods_lines"), line.toObject(), &gn, &gv) || !insert(QStringLiteral("INSERT OR REPLACE"), QStringLiteral("goods_lines"), gn, gv))
            return false;
    }
    return true;
}

void CacheWriter::keepRiskRouting(const RiskRouting &routing)
{
    QMetaObject::invokeMethod(this, [this, routing] {
        QString error;
        if (!storeRiskRouting(m_connection.database(), routing, &error))
            qCWarning(lcWriter).noquote() << "the routing of declaration" << routing.declarationId << "was not kept:" << error;
    });
}

SnapshotState CacheWriter::snapshotState()
{
    return runOn(this, [this] {
        SnapshotState state;
        QSqlQuery q(m_connection.database());
        if (q.exec(QStringLiteral("SELECT key, value FROM meta WHERE key IN ('snapshot_epoch', 'snapshot_next', 'snapshot_complete', 'snapshot_scope')"))) {
            while (q.next()) {
                const QString key = q.value(0).toString();
                if (key == QLatin1String("snapshot_epoch"))
                    state.epoch = q.value(1).toString();
                else if (key == QLatin1String("snapshot_next"))
                    state.next = q.value(1).toString();
                else if (key == QLatin1String("snapshot_scope"))
                    state.scope = Models::SyncScope::fromJson(QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object());
                else
                    state.complete = q.value(1).toString() == QLatin1String("1");
            }
        }
        return state;
    });
}

void CacheWriter::applySnapshotPage(const SnapshotPage &page)
{
    QMetaObject::invokeMethod(this, [this, page] {
        QString error;
        bool stale = false;
        int carried = 0;
        takeOverCheckpoints();
        QElapsedTimer timer;
        timer.start();
        const bool written = applySnapshotPageHere(page, &stale, &carried, &error);
        m_snapshotWriteMs += timer.elapsed();
        if (page.next.isEmpty())
            qCInfo(lcWriter) << "initial copy: pages written in" << m_snapshotWriteMs << "ms of writer time";
        if (!written) {
            QSqlDatabase db = m_connection.database();
            rollback(db);
            qCWarning(lcWriter).noquote() << "snapshot page not written:" << error;
            Q_EMIT syncFailed(translated(QT_TRANSLATE_NOOP("Clearway::Storage::CacheWriter", "The initial copy from the server could not be written: %1"))
                                  .arg(error));
            return;
        }
        if (stale)
            return;
        // Own work is in once the rest begins (also when a copy resumes there). Not after a
        // re-base while carried commands wait for the end of the copy: what the officer did now
        // would go out before what they did earlier.
        if (page.section == QLatin1String("all") && m_lastSection != page.section && !hasCarriedCommands())
            Q_EMIT ownWorkCopied();
        m_lastSection = page.section;
        Q_EMIT snapshotProgress(page.done, page.total);
        if (page.next.isEmpty()) {
            Q_EMIT snapshotFinished(page.watermark);
            if (carried > 0) {
                Q_EMIT commandsCarriedOver(carried);
                Q_EMIT commandsStored();
            }
            if (!startBackgroundIndexing())
                handBackCheckpoints();
        }
    });
}


void CacheWriter::removeOutsideScope(const Models::SyncScope &scope)
{
    const QStringList statements = outsideScopeDelete(scope);
    if (statements.isEmpty())
        return;
    QMetaObject::invokeMethod(this, [this, statements] {
        QSqlDatabase db = m_connection.database();
        QString error;
        bool ok = beginImmediate(db, &error);
        for (qsizetype i = 0; ok && i < statements.size(); ++i)
            ok = exec(db, statements.at(i), &error);
        if (!ok || !commit(db, &error)) {
            rollback(db);
            qCWarning(lcWriter).noquote() << "what lies outside the workstation's scope was not removed:" << error;
        }
    });
}

bool CacheWriter::startBackgroundIndexing()
{
    if (m_indexStepsTotal.load() != 0)
        return true; // under way
    QSqlDatabase db = m_connection.database();
    qint64 steps = pendingIndexes(db).size();
    bool pending = steps > 0;
    for (const QString &table : searchedTables()) {
        bool found = false;
        const qint64 upTo = metaText(db, searchPendingKey(table), &found).toLongLong();
        if (!found)
            continue;
        pending = true;
        QSqlQuery q(db);
        if (q.exec(QStringLiteral("SELECT count(*) FROM %1 WHERE id > %2").arg(table).arg(upTo)) && q.next())
            steps += q.value(0).toLongLong() / kSearchRowsPerStep + 1;
    }
    if (!pending)
        return false;
    takeOverCheckpoints();
    m_indexStepsTotal = steps;
    m_indexStepsDone = 0;
    qCInfo(lcWriter) << "indexing in the background:" << steps << "steps";
    QMetaObject::invokeMethod(this, &CacheWriter::continueBackgroundIndexing, Qt::QueuedConnection);
    return true;
}

void CacheWriter::takeOverCheckpoints()
{
    if (m_checkpointer || !m_connection.isOpen())
        return;
    QSqlDatabase db = m_connection.database();
    m_checkpointer = std::make_unique<WalCheckpointer>(sqliteHandle(db), db.databaseName());
}

void CacheWriter::handBackCheckpoints()
{
    if (!m_checkpointer)
        return;
    qCInfo(lcWriter) << "bulk work done:" << m_checkpointer->checkpoints() << "checkpoints beside the writer";
    m_checkpointer.reset();
}

void CacheWriter::continueBackgroundIndexing()
{
    if (!m_connection.isOpen())
        return; // closed; the marks stay and the next open goes on
    bool more = false;
    QString error;
    if (!backgroundIndexStep(&more, &error)) {
        QSqlDatabase db = m_connection.database();
        rollback(db);
        // A full disk or a damaged file: what is left stays pending until the next start tries again.
        qCWarning(lcWriter).noquote() << "background indexing stopped:" << error;
        m_indexStepsTotal = 0;
        handBackCheckpoints();
        return;
    }
    const qint64 total = m_indexStepsTotal.load();
    if (!more) {
        m_indexStepsTotal = 0;
        handBackCheckpoints();
        Q_EMIT backgroundIndexProgress(total, total);
        qCInfo(lcWriter) << "background indexing complete";
        return;
    }
    Q_EMIT backgroundIndexProgress(std::min(m_indexStepsDone, total - 1), total);
    // Behind the commands, changes and reads already waiting: they never wait more than one step.
    QMetaObject::invokeMethod(this, &CacheWriter::continueBackgroundIndexing, Qt::QueuedConnection);
}

bool CacheWriter::backgroundIndexStep(bool *more, QString *error)
{
    *more = false;
    QSqlDatabase db = m_connection.database();
    QSqlQuery q(db);
    // First the deferred queue indexes, one at a time, each with its statistics.
    QStringList indexes = pendingIndexes(db);
    if (!indexes.isEmpty()) {
        const QString name = indexes.takeFirst();
        const QString create = queueIndexCreate(name);
        if (!beginImmediate(db, error) || (!create.isEmpty() && (!exec(db, create, error) || !exec(db, QStringLiteral("ANALYZE ") + name, error))))
            return false;
        q.prepare(indexes.isEmpty() ? QStringLiteral("DELETE FROM meta WHERE key = ?") : QStringLiteral("UPDATE meta SET value = ? WHERE key = ?"));
        QVariantList binds{QString::fromLatin1(kIndexesPendingKey)};
        if (!indexes.isEmpty())
            binds.prepend(indexes.join(QLatin1Char(',')));
        if (!execBound(q, binds, error) || !commit(db, error))
            return false;
        ++m_indexStepsDone;
        *more = true;
        return true;
    }
    // Then the search index, table by table, a few thousand rows a step.
    for (const QString &table : searchedTables()) {
        const QString key = searchPendingKey(table);
        bool found = false;
        const qint64 lo = metaText(db, key, &found).toLongLong();
        if (!found)
            continue;
        if (!beginImmediate(db, error))
            return false;
        q.prepare(QStringLiteral("SELECT max(id), count(*) FROM (SELECT id FROM %1 WHERE id > ? ORDER BY id LIMIT %2)").arg(table).arg(kSearchRowsPerStep));
        if (!execBound(q, {lo}, error) || !q.next())
            return false;
        const qint64 rows = q.value(1).toLongLong();
        const qint64 hi = rows > 0 ? q.value(0).toLongLong() : lo;
        q.finish();
        if (rows > 0) {
            for (const QString &sql : searchIndexFill(table)) {
                q.prepare(sql);
                if (!execBound(q, {lo, hi}, error))
                    return false;
            }
        }
        if (rows < kSearchRowsPerStep) {
            // The last rows: from now on the triggers keep every row of the table indexed.
            q.prepare(QStringLiteral("DELETE FROM meta WHERE key = ?"));
            if (!execBound(q, {key}, error))
                return false;
        } else {
            q.prepare(QStringLiteral("UPDATE meta SET value = ? WHERE key = ?"));
            if (!execBound(q, {QString::number(hi), key}, error))
                return false;
        }
        if (!commit(db, error))
            return false;
        ++m_indexStepsDone;
        *more = true;
        return true;
    }
    return true;
}

bool CacheWriter::applySnapshotPageHere(const SnapshotPage &page, bool *stale, int *carried, QString *error)
{
    *stale = false;
    *carried = 0;
    const SnapshotTable *table = snapshotTable(page.table);
    if (!table) {
        *error = QStringLiteral("the server sent a page for table \"%1\", which is not copied").arg(page.table);
        return false;
    }
    QSqlDatabase db = m_connection.database();
    const QStringList &columns = columnsOf(table->name, error);
    if (columns.isEmpty())
        return false;
    if (page.columns != columns) {
        *error = QStringLiteral("the server's table %1 has other columns than this cache's (%2 / %3)")
                     .arg(table->name, page.columns.join(QLatin1Char(',')), columns.join(QLatin1Char(',')));
        return false;
    }
    if (!beginImmediate(db, error))
        return false;
    auto setMeta = [&db, error](const QString &key, const QString &value) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"));
        return execBound(q, {key, value}, error);
    };
    auto metaValue = [&db](const char *key) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
        q.addBindValue(QString::fromLatin1(key));
        return q.exec() && q.next() ? q.value(0).toString() : QString();
    };

    // Pages are written in order: one that does not continue from the last page written belongs to
    // an abandoned request (after a failure or a reconnect) and is dropped.
    if (!page.after.isEmpty() && page.after != metaValue("snapshot_next")) {
        *stale = true;
        rollback(db);
        return true;
    }
    bool bulk = metaValue("snapshot_bulk") == QLatin1String("1");
    if (page.after.isEmpty()
        && !setMeta(QStringLiteral("snapshot_scope"), QString::fromUtf8(QJsonDocument(page.scope.toJson()).toJson(QJsonDocument::Compact))))
        return false;
    if (page.after.isEmpty() && !bulk) {
        // The first page. Into an empty cache, indexes and full-text are built once at the end.
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT NOT EXISTS (SELECT 1 FROM declarations) AND NOT EXISTS (SELECT 1 FROM events)"))) {
            *error = q.lastError().text();
            return false;
        }
        if (q.next() && q.value(0).toBool()) {
            q.finish();
            for (const QString &sql : secondaryStructuresDrop()) {
                if (!exec(db, sql, error))
                    return false;
            }
            if (!setMeta(QStringLiteral("snapshot_bulk"), QStringLiteral("1")))
                return false;
            bulk = true;
        }
        if (!setMeta(QStringLiteral("snapshot_complete"), QStringLiteral("0")))
            return false;
        // History a cache kept from before every event had a cursor comes again with one: without
        // this it would be there twice. (The server's refusals noted here are the cache's own.)
        if (!bulk && !exec(db, QStringLiteral("DELETE FROM events WHERE cursor IS NULL AND pending = 0 AND actor <> 'clearway-server'"), error))
            return false;
    }
    if (!writeRowPack(db, *table, page.columns, page.body, page.rows, error))
        return false;
    if (!setMeta(QStringLiteral("snapshot_epoch"), page.epoch) || !setMeta(QStringLiteral("snapshot_next"), notNullText(page.next).toString()))
        return false;
    if (page.next.isEmpty()) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT INTO meta (key, value) VALUES ('sync_cursor', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"
                                 " WHERE CAST(value AS INTEGER) < CAST(excluded.value AS INTEGER)"));
        if (!execBound(q, {QString::number(page.watermark)}, error) || !setMeta(QStringLiteral("snapshot_complete"), QStringLiteral("1")))
            return false;
        // A copy of a narrower scope than the cache held: what is outside it is no longer kept,
        // except items with the officer's unsent work (the change stream no longer follows them).
        for (const QString &sql : outsideScopeDelete(page.scope)) {
            if (!exec(db, sql, error))
                return false;
        }
        if (bulk) {
            // The officer can work once the rows and the open-item queue indexes are in; the rest
            // follows in the background (startBackgroundIndexing()).
            const QStringList finish = bulkLoadFinishRestLater() << QStringLiteral("DELETE FROM meta WHERE key = 'snapshot_bulk'");
            QElapsedTimer timer;
            timer.start();
            for (const QString &sql : finish) {
                if (!exec(db, sql, error))
                    return false;
            }
            qCInfo(lcWriter) << "initial copy: queue indexes and statistics built in" << timer.elapsed() << "ms";
        }
        if (!carryOverCommands(carried, error))
            return false;
    }
    return commit(db, error);
}

bool CacheWriter::hasCarriedCommands()
{
    QSqlQuery q(m_connection.database());
    return q.exec(QStringLiteral("SELECT EXISTS (SELECT 1 FROM carried_commands)")) && q.next() && q.value(0).toBool();
}

bool CacheWriter::carryOverCommands(int *carried, QString *error)
{
    QSqlDatabase db = m_connection.database();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!execQuery(q, QStringLiteral("SELECT item_kind, item_id, command, payload, created_at FROM carried_commands ORDER BY old_seq"), {}, error))
        return false;
    struct Carried
    {
        Models::WorkKind kind;
        qint64 itemId;
        QString name;
        QString payload;
        qint64 createdAt;
    };
    QList<Carried> commands;
    while (q.next()) {
        const int kind = q.value(0).toInt();
        if (kind < 0 || kind >= Models::WorkKindCount) {
            *error = QStringLiteral("a carried command has an unknown kind of work (%1)").arg(kind);
            return false;
        }
        commands.append({static_cast<Models::WorkKind>(kind), q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toString(), q.value(4).toLongLong()});
    }
    q.finish();
    if (commands.isEmpty())
        return true;

    // Each command goes into the outbox as the officer gave it, to be decided by this server on
    // what it holds now. Its base is this copy's state of the item: version numbers of the old
    // server's database tell nothing about this one's. Its pending event shows it in the item's
    // history until the server answers; an item this server does not have gets no event (the
    // server refuses the command with not_found, and the refusal is shown like any other).
    QHash<std::pair<int, qint64>, Models::WorkItemState> running;
    QHash<std::pair<int, qint64>, qint64> lastCarried; // the outbox seq of the item's last carried command
    for (const Carried &c : std::as_const(commands)) {
        const QueueSpec &spec = QueueSpec::of(c.kind);
        const std::pair<int, qint64> key{static_cast<int>(c.kind), c.itemId};
        auto it = running.find(key);
        if (it == running.end()) {
            QSqlQuery &row = statement(QStringLiteral("SELECT state, assignee, office, version FROM %1 WHERE id = ?").arg(spec.table));
            if (!execBound(row, {c.itemId}, error))
                return false;
            Models::WorkItemState state;
            const bool found = row.next();
            if (found)
                state = {row.value(0).toString(), row.value(1).toString(), row.value(2).toString(), row.value(3).toLongLong()};
            row.finish();
            if (found) {
                QSqlQuery &base = statement(QStringLiteral("INSERT OR IGNORE INTO item_base (item_kind, item_id, state, assignee, version) VALUES (?, ?, ?, ?, ?)"));
                if (!execBound(base, {key.first, c.itemId, state.state, notNullText(state.assignee), state.version}, error))
                    return false;
            } else {
                state.version = -1; // not here
            }
            it = running.insert(key, state);
        }
        const QJsonObject payload = QJsonDocument::fromJson(c.payload.toUtf8()).object();
        const QString actor = payload.value(QStringLiteral("actor")).toString();
        // Made on this copy's version of the item, after the command carried before it on the item.
        QSqlQuery &outbox = statement(QStringLiteral("INSERT INTO outbox (client_id, item_kind, item_id, command, payload, base_version, after_seq, created_at)"
                                                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
        if (!execBound(outbox, {m_clientId, key.first, c.itemId, c.name, c.payload, std::max<qint64>(0, it->version), lastCarried.value(key), c.createdAt},
                       error))
            return false;
        lastCarried.insert(key, outbox.lastInsertId().toLongLong());
        if (it->version < 0)
            continue;
        Models::Officer officer;
        if (!readOfficer(actor, &officer, error))
            return false;
        Models::Command command;
        command.kind = c.kind;
        command.itemId = c.itemId;
        command.name = c.name;
        command.reason = payload.value(QStringLiteral("reason")).toString();
        command.targetOfficer = payload.value(QStringLiteral("target")).toString();
        const Models::Decision d = Models::Lifecycle::of(c.kind).decide(*it, command, officer);
        const QString before = it->state;
        if (d.accepted) {
            it->state = d.after.state;
            it->assignee = d.after.assignee;
        }
        QSqlQuery &event = statement(QStringLiteral("INSERT INTO events (item_kind, item_id, at, actor, command, from_state, to_state, reason, pending)"
                                                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)"));
        if (!execBound(event, {key.first, c.itemId, c.createdAt, actor, c.name, before, it->state, notNullText(command.reason)}, error))
            return false;
    }
    for (auto it = running.cbegin(); it != running.cend(); ++it) {
        if (it->version >= 0 && !rebase(static_cast<Models::WorkKind>(it.key().first), it.key().second, error))
            return false;
    }
    if (!exec(db, QStringLiteral("DELETE FROM carried_commands"), error))
        return false;
    finishStatements();
    *carried = int(commands.size());
    qCInfo(lcWriter) << "re-base:" << *carried << "unsent commands of the previous cache are in the outbox, for this server to decide";
    return true;
}

void CacheWriter::settle(const CommandReply &reply) { settleAll({reply}); }

void CacheWriter::settleAll(const QList<CommandReply> &replies)
{
    QMetaObject::invokeMethod(this, [this, replies] {
        // The replies that arrived together in one transaction, in order: a batch's acks come by
        // the hundred and one commit each would keep the writer from the batch itself.
        QSqlDatabase db = m_connection.database();
        QString error;
        QList<std::pair<CommandReply, Models::Command>> settled;
        bool ok = beginImmediate(db, &error);
        for (qsizetype i = 0; ok && i < replies.size(); ++i) {
            CommandReply reply = replies.at(i);
            Models::Command command;
            bool found = false;
            ok = settleInTransaction(&reply, &command, &found, &error);
            if (ok && found)
                settled.append({reply, command});
        }
        finishStatements();
        if (!ok || !commit(db, &error)) {
            rollback(db);
            qCWarning(lcWriter).noquote() << "replies not applied:" << error;
            Q_EMIT syncFailed(error);
            return;
        }
        for (const auto &[reply, command] : std::as_const(settled)) {
            Q_EMIT itemChanged(command.kind, command.itemId);
            Q_EMIT commandSettled(reply, command);
        }
    });
}

bool CacheWriter::settleInTransaction(CommandReply *replyInOut, Models::Command *command, bool *found, QString *error)
{
    const CommandReply &reply = *replyInOut;
    QSqlDatabase db = m_connection.database();
    *found = false;
    QString actor;
    {
        QSqlQuery &q = statement(QStringLiteral("SELECT item_kind, item_id, command, payload FROM outbox WHERE seq = ?"));
        if (!execBound(q, {reply.seq}, error))
            return false;
        if (!q.next())
            return true; // settled before (a repeated ack): nothing to do
        *found = true;
        command->kind = static_cast<Models::WorkKind>(q.value(0).toInt());
        command->itemId = q.value(1).toLongLong();
        command->name = q.value(2).toString();
        const QJsonObject payload = QJsonDocument::fromJson(q.value(3).toString().toUtf8()).object();
        command->reason = payload.value(QStringLiteral("reason")).toString();
        command->targetOfficer = payload.value(QStringLiteral("target")).toString();
        actor = payload.value(QStringLiteral("actor")).toString();
    }
    const int kind = static_cast<int>(command->kind);
    QSqlQuery &q = statement(QStringLiteral("DELETE FROM outbox WHERE seq = ?"));
    if (!execBound(q, {reply.seq}, error))
        return false;
    // The local, pending copy of the event goes; the change stream brings the server's.
    QSqlQuery &events = statement(QStringLiteral("DELETE FROM events WHERE id = (SELECT id FROM events WHERE item_kind = ? AND item_id = ? AND command = ?"
                                                 " AND pending = 1 ORDER BY id LIMIT 1)"));
    if (!execBound(events, {kind, command->itemId, command->name}, error))
        return false;

    QSqlQuery &read = statement(QStringLiteral("SELECT state, assignee, version FROM item_base WHERE item_kind = ? AND item_id = ?"));
    if (!execBound(read, {kind, command->itemId}, error))
        return false;
    Models::WorkItemState base;
    const bool haveBase = read.next();
    if (haveBase)
        base = {read.value(0).toString(), read.value(1).toString(), QString(), read.value(2).toLongLong()};
    read.finish();

    if (reply.accepted && haveBase && base.version < reply.version) {
        // The ack came before the change. With the server's state in the ack, that state is the
        // base now, at the acknowledged version, and the row is at that version too, so a change
        // for an earlier version arriving late (this officer's own previous command) cannot show
        // it going back. Without it (a retry answered from the server's record), the command is
        // folded onto the base as the workstation decides it, and the change stream corrects it.
        Models::WorkItemState after = base;
        if (reply.hasState) {
            after.state = reply.state;
            after.assignee = reply.assignee;
        } else {
            Models::Officer officer;
            if (!readOfficer(actor, &officer, error))
                return false;
            const Models::Decision d = Models::Lifecycle::of(command->kind).decide(base, *command, officer);
            if (d.accepted)
                after = d.after;
        }
        QSqlQuery &u = statement(QStringLiteral("UPDATE item_base SET state = ?, assignee = ?, version = ? WHERE item_kind = ? AND item_id = ?"));
        if (!execBound(u, {after.state, notNullText(after.assignee), reply.version, kind, command->itemId}, error))
            return false;
        if (reply.hasState) {
            QSqlQuery &row = statement(QStringLiteral("UPDATE %1 SET version = ? WHERE id = ? AND version < ?").arg(QueueSpec::of(command->kind).table));
            if (!execBound(row, {reply.version, command->itemId, reply.version}, error))
                return false;
        }
    }
    if (!reply.accepted) {
        // The officer sees the refusal in the item's history, in words of this workstation's
        // language.
        if (!refusalInWords(reply, *command, actor, &replyInOut->message, error))
            return false;
        QSqlQuery &e = statement(QStringLiteral("INSERT INTO events (item_kind, item_id, at, actor, command, from_state, to_state, reason, pending)"
                                 " VALUES (?, ?, ?, 'clearway-server', ?, ?, ?, ?, 0)"));
        const QString note = translated(QT_TRANSLATE_NOOP("Clearway::Storage::CacheWriter", "Refused by the server: %1")).arg(reply.message);
        if (!execBound(e, {kind, command->itemId, QDateTime::currentSecsSinceEpoch(), command->name, notNullText(base.state), notNullText(base.state), note}, error))
            return false;
    }
    return rebase(command->kind, command->itemId, error);
}

bool CacheWriter::readOfficer(const QString &id, Models::Officer *officer, QString *error)
{
    *officer = {};
    officer->id = id;
    QSqlQuery &o = statement(QStringLiteral("SELECT name, office, roles FROM officers WHERE id = ?"));
    if (!execBound(o, {id}, error))
        return false;
    if (o.next()) {
        officer->name = o.value(0).toString();
        officer->office = o.value(1).toString();
        officer->roles = Models::Roles::fromInt(o.value(2).toInt());
    }
    o.finish();
    return true;
}

bool CacheWriter::refusalInWords(const CommandReply &reply, const Models::Command &command, const QString &actor, QString *words, QString *error)
{
    *words = reply.message;
    if (reply.code == QLatin1String("not_found")) {
        *words = translated(QT_TRANSLATE_NOOP("Clearway::Storage::CacheWriter", "The server does not have this item."));
        return true;
    }
    if (!reply.hasState)
        return true; // a retry answered from the server's record: its words
    Models::Officer officer;
    if (!readOfficer(actor, &officer, error))
        return false;
    QSqlQuery &row = statement(QStringLiteral("SELECT office FROM %1 WHERE id = ?").arg(QueueSpec::of(command.kind).table));
    if (!execBound(row, {command.itemId}, error))
        return false;
    const QString office = row.next() ? row.value(0).toString() : QString();
    row.finish();
    // The version the decision was made on is not in the reply; one that gives the same code is.
    Models::Command again = command;
    again.baseVersion = reply.code == QLatin1String("stale_version") ? reply.version - 1
        : reply.code == QLatin1String("after_refused")             ? reply.version + 1
                                                                    : -1;
    Models::Decision d = Models::Lifecycle::of(command.kind).decide({reply.state, reply.assignee, office, reply.version}, again, officer);
    if (!vetDecision(m_connection.database(), again, &d, error))
        return false;
    if (d.accepted || d.code != reply.code)
        return true;
    *words = d.message;
    // Who has the item now, by name: the officer knows whom to ask.
    if (!reply.assignee.isEmpty() && reply.assignee != actor) {
        Models::Officer holder;
        if (!readOfficer(reply.assignee, &holder, error))
            return false;
        const QString name = holder.name.isEmpty() ? holder.id : holder.name;
        // The rules' words name the holder by login id: the name instead, where the id stands alone.
        const QRegularExpression id(QStringLiteral("(?<![A-Za-z0-9._-])%1(?![A-Za-z0-9._-])").arg(QRegularExpression::escape(reply.assignee)));
        if (words->contains(id))
            words->replace(id, name);
        else
            *words = translated(QT_TRANSLATE_NOOP("Clearway::Storage::CacheWriter", "%1 %2 has it now.")).arg(*words, name);
    }
    return true;
}

bool CacheWriter::rebase(Models::WorkKind kind, qint64 itemId, QString *error)
{
    QSqlDatabase db = m_connection.database();
    const QueueSpec &spec = QueueSpec::of(kind);
    QSqlQuery &q = statement(QStringLiteral("SELECT state, assignee, version FROM item_base WHERE item_kind = ? AND item_id = ?"));
    if (!execBound(q, {static_cast<int>(kind), itemId}, error))
        return false;
    if (!q.next())
        return true; // nothing pending on this item
    Models::WorkItemState state{q.value(0).toString(), q.value(1).toString(), QString(), q.value(2).toLongLong()};
    q.finish();
    QSqlQuery &office = statement(QStringLiteral("SELECT office, state, assignee, pending FROM %1 WHERE id = ?").arg(spec.table));
    if (!execBound(office, {itemId}, error))
        return false;
    QString rowState, rowAssignee;
    qint64 rowPending = -1;
    if (office.next()) {
        state.office = office.value(0).toString();
        rowState = office.value(1).toString();
        rowAssignee = office.value(2).toString();
        rowPending = office.value(3).toLongLong();
    }
    office.finish();

    // Pending commands again, in order, on top of the server's state, each decided as the server
    // will decide it as far as this cache can tell: by the lifecycle, and a holder's decision on
    // the version it was made on (Models::Command::after: the version the earlier command it
    // follows leaves). An earlier command that seems refused here may be one the server applied
    // and whose change came before its ack (re-applied, a claim finds the item claimed already):
    // the guess is then the lenient one, as for an earlier command already answered, whose result
    // is in the base. The server's answer corrects a wrong guess.
    QSqlQuery &pendingCommands = statement(QStringLiteral("SELECT o.command, o.payload, f.office, f.roles, o.seq, o.base_version, o.after_seq"
                                                          " FROM outbox o LEFT JOIN officers f ON f.id = json_extract(o.payload, '$.actor')"
                                                          " WHERE o.item_kind = ? AND o.item_id = ? ORDER BY o.seq"));
    if (!execBound(pendingCommands, {static_cast<int>(kind), itemId}, error))
        return false;
    const qint64 serverVersion = state.version;
    QHash<qint64, qint64> leaves; // a pending command's seq -> the version it leaves, if it seems accepted
    int pending = 0;
    while (pendingCommands.next()) {
        const QJsonObject payload = QJsonDocument::fromJson(pendingCommands.value(1).toString().toUtf8()).object();
        Models::Command c;
        c.kind = kind;
        c.itemId = itemId;
        c.name = pendingCommands.value(0).toString();
        c.reason = payload.value(QStringLiteral("reason")).toString();
        c.targetOfficer = payload.value(QStringLiteral("target")).toString();
        const Models::Officer actor{payload.value(QStringLiteral("actor")).toString(), {}, pendingCommands.value(2).toString(),
                                    Models::Roles::fromInt(pendingCommands.value(3).toInt())};
        const qint64 seq = pendingCommands.value(4).toLongLong();
        c.baseVersion = pendingCommands.value(5).toLongLong();
        if (const qint64 after = pendingCommands.value(6).toLongLong(); after > 0)
            c.baseVersion = std::max(c.baseVersion, leaves.value(after, serverVersion));
        const Models::Decision d = Models::Lifecycle::of(kind).decide(state, c, actor);
        if (d.accepted) {
            state = d.after; // otherwise the server will refuse it and say why
            leaves.insert(seq, state.version);
        }
        ++pending;
    }
    pendingCommands.finish();
    // Most rebases (a reply settled) leave the state and the holder as they are: then only the
    // count changes, and the queue's partial indexes (whose conditions read the state) are not
    // rewritten for nothing.
    if (state.state != rowState || notNullText(state.assignee) != rowAssignee) {
        QSqlQuery &update = statement(QStringLiteral("UPDATE %1 SET state = ?, assignee = ?, pending = ? WHERE id = ?").arg(spec.table));
        if (!execBound(update, {state.state, notNullText(state.assignee), pending, itemId}, error))
            return false;
    } else if (pending != rowPending) {
        QSqlQuery &update = statement(QStringLiteral("UPDATE %1 SET pending = ? WHERE id = ?").arg(spec.table));
        if (!execBound(update, {pending, itemId}, error))
            return false;
    }
    if (pending == 0) {
        QSqlQuery &drop = statement(QStringLiteral("DELETE FROM item_base WHERE item_kind = ? AND item_id = ?"));
        if (!execBound(drop, {static_cast<int>(kind), itemId}, error))
            return false;
    }
    return true;
}

} // namespace Clearway::Storage
