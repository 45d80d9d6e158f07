#include "storage/cachewriter.h"

#include "storage/queuespec.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
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

// A null QString binds as SQL NULL; the cache's text columns are NOT NULL with '' for "none".
QVariant text(const QString &value) { return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value); }

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

CacheWriter::CacheWriter(QObject *parent)
    : QObject(parent)
{
}

CacheWriter::~CacheWriter() = default;

OpenResult CacheWriter::open(const QString &path)
{
    return runOn(this, [this, path] { return openHere(path); });
}

void CacheWriter::close()
{
    runOn(this, [this] {
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
        if (outcome.stored)
            Q_EMIT itemChanged(command.kind, command.itemId);
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
    const QueueSpec &spec = QueueSpec::of(command.kind);
    QSqlDatabase db = m_connection.database();
    QString error;
    auto fail = [&](const QString &detail) {
        rollback(db);
        qCWarning(lcWriter).noquote() << "command" << command.name << "on" << command.itemId << "not stored:" << detail;
        out.stored = false;
        out.diskFull = isDiskFull(detail);
        out.error = out.diskFull
            ? translated(QT_TRANSLATE_NOOP("Clearway::Storage::CacheWriter",
                                           "The disk is full: your action was not saved. Nothing stored was changed; free some space and try again."))
            : translated(QT_TRANSLATE_NOOP("Clearway::Storage::CacheWriter", "Your action could not be saved in the local cache: %1")).arg(detail);
        return out;
    };

    if (!beginImmediate(db, &error))
        return fail(error);

    Models::WorkItemState before;
    {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT state, assignee, office, version FROM %1 WHERE id = ?").arg(spec.table));
        if (!execBound(q, {command.itemId}, &error))
            return fail(error);
        if (!q.next()) {
            rollback(db);
            out.decision.code = QStringLiteral("not_found");
            out.decision.message = translated(QT_TRANSLATE_NOOP("Clearway::Storage::CacheWriter", "This item is no longer in the cache."));
            return out;
        }
        before = {q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toLongLong()};
    }

    out.decision = Models::Lifecycle::of(command.kind).decide(before, command, actor);
    if (!out.decision.accepted) {
        rollback(db);
        return out;
    }
    const Models::WorkItemState &after = out.decision.after;
    const qint64 now = QDateTime::currentSecsSinceEpoch();

    QSqlQuery update(db);
    update.prepare(QStringLiteral("UPDATE %1 SET state = ?, assignee = ?, pending = pending + 1, updated_at = ? WHERE id = ?").arg(spec.table));
    if (!execBound(update, {after.state, text(after.assignee), now, command.itemId}, &error))
        return fail(error);

    QSqlQuery event(db);
    event.prepare(QStringLiteral("INSERT INTO events (item_kind, item_id, at, actor, command, from_state, to_state, reason, pending)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)"));
    if (!execBound(event, {static_cast<int>(command.kind), command.itemId, now, actor.id, command.name, before.state, after.state, text(command.reason)}, &error))
        return fail(error);

    QJsonObject payload{{QStringLiteral("command"), command.name}, {QStringLiteral("actor"), actor.id}};
    if (!command.reason.isEmpty())
        payload.insert(QStringLiteral("reason"), command.reason);
    if (!command.note.isEmpty())
        payload.insert(QStringLiteral("note"), command.note);
    if (!command.targetOfficer.isEmpty())
        payload.insert(QStringLiteral("target"), command.targetOfficer);
    QSqlQuery outbox(db);
    outbox.prepare(QStringLiteral("INSERT INTO outbox (client_id, item_kind, item_id, command, payload, base_version, created_at)"
                                  " VALUES (?, ?, ?, ?, ?, ?, ?)"));
    const qint64 baseVersion = command.baseVersion >= 0 ? command.baseVersion : before.version;
    if (!execBound(outbox, {m_clientId, static_cast<int>(command.kind), command.itemId, command.name,
                            QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact)), baseVersion, now},
                   &error))
        return fail(error);

    if (!commit(db, &error))
        return fail(error);
    out.stored = true;
    return out;
}

} // namespace Clearway::Storage
