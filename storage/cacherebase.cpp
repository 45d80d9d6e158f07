#include "storage/cacherebase.h"

#include "storage/database.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

namespace Clearway::Storage {

Q_LOGGING_CATEGORY(lcRebase, "clearway.storage.rebase")

namespace {

QString translated(const char *text) { return QCoreApplication::translate("Clearway::Storage::CacheRebase", text); }

QString native(const QString &path) { return QDir::toNativeSeparators(path); }

// SQLite's files beside a database in WAL mode: normally gone once the last connection closed.
const QStringList &companions()
{
    static const QStringList suffixes = {QStringLiteral("-wal"), QStringLiteral("-shm")};
    return suffixes;
}

// Renames a database with whatever companion files it still has; false (with *error) when the
// database itself cannot be renamed, which leaves everything as it was.
bool renameDatabase(const QString &from, const QString &to, QString *error)
{
    if (QFileInfo::exists(to)) {
        *error = translated(QT_TRANSLATE_NOOP("Clearway::Storage::CacheRebase", "%1 already exists.")).arg(native(to));
        return false;
    }
    QFile file(from);
    if (!file.rename(to)) {
        *error = translated(QT_TRANSLATE_NOOP("Clearway::Storage::CacheRebase", "%1 could not be renamed to %2: %3"))
                     .arg(native(from), native(to), file.errorString());
        return false;
    }
    for (const QString &suffix : companions()) {
        if (QFileInfo::exists(from + suffix) && !QFile::rename(from + suffix, to + suffix))
            qCWarning(lcRebase).noquote() << "could not move" << from + suffix << "beside" << to;
    }
    return true;
}

void removeDatabase(const QString &path)
{
    QFile::remove(path);
    for (const QString &suffix : companions())
        QFile::remove(path + suffix);
}

QString newCachePath(const QString &path) { return path + QStringLiteral(".rebase-new"); }

// Whether another process has the database open: SQLite holds a POSIX read lock on its SHARED range
// (from PENDING_BYTE + 2, 510 bytes) for as long as a connection in WAL mode is open, and F_GETLK
// reports locks of other processes only. The file must not be open in this process: closing the
// probe's descriptor would drop this process's own locks on it.
bool openElsewhere(const QString &path)
{
#ifdef Q_OS_UNIX
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct flock probe = {};
    probe.l_type = F_WRLCK;
    probe.l_whence = SEEK_SET;
    probe.l_start = 0x40000000 + 2;
    probe.l_len = 510;
    const bool locked = ::fcntl(fd, F_GETLK, &probe) == 0 && probe.l_type != F_UNLCK;
    ::close(fd);
    return locked;
#else
    Q_UNUSED(path);
    return false; // Windows refuses to rename a file another process has open
#endif
}

struct CarriedCommand
{
    qint64 seq = 0;
    int kind = 0;
    qint64 itemId = 0;
    QString command;
    QString payload;
    qint64 createdAt = 0;
};

// Reads the old cache's epoch and outbox and folds its WAL into the file, so the file alone holds
// everything when it is renamed.
bool readOldCache(const QString &path, QString *epoch, QList<CarriedCommand> *commands, QString *error)
{
    Connection connection;
    const OpenResult opened = connection.open(path, QStringLiteral("rebase-old"), true);
    if (!opened.ok()) {
        *error = opened.message;
        return false;
    }
    QSqlDatabase db = connection.database();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!execQuery(q, QStringLiteral("SELECT value FROM meta WHERE key = 'snapshot_epoch'"), {}, error))
        return false;
    *epoch = q.next() ? q.value(0).toString() : QString();
    q.finish();
    // A cache re-based again before its copy ended still holds the commands of the first re-base,
    // waiting: they are older than its outbox's, and go first. (Numbered afresh in that order.)
    if (!execQuery(q, QStringLiteral("SELECT 0 AS part, old_seq AS n, item_kind, item_id, command, payload, created_at FROM carried_commands"
                                     " UNION ALL SELECT 1, seq, item_kind, item_id, command, payload, created_at FROM outbox ORDER BY part, n"),
                   {}, error))
        return false;
    while (q.next()) {
        commands->append({commands->size() + 1, q.value(2).toInt(), q.value(3).toLongLong(), q.value(4).toString(), q.value(5).toString(),
                          q.value(6).toLongLong()});
    }
    q.finish();
    if (!execQuery(q, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"), {}, error))
        return false;
    return true;
}

// The new cache, at `path`: the current schema, its unsent commands waiting for the copy, and
// where it came from.
bool writeNewCache(const QString &path, const QString &keptPath, const QString &epoch, const QList<CarriedCommand> &commands, QString *error)
{
    Connection connection;
    const OpenResult opened = connection.open(path, QStringLiteral("rebase-new"), true);
    if (!opened.ok()) {
        *error = opened.message;
        return false;
    }
    QSqlDatabase db = connection.database();
    if (!beginImmediate(db, error))
        return false;
    QSqlQuery q(db);
    bool ok = q.prepare(QStringLiteral("INSERT INTO carried_commands (old_seq, item_kind, item_id, command, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)"));
    for (qsizetype i = 0; ok && i < commands.size(); ++i) {
        const CarriedCommand &c = commands.at(i);
        for (const QVariant &v : QVariantList{c.seq, c.kind, c.itemId, c.command, c.payload, c.createdAt})
            q.addBindValue(v);
        ok = q.exec();
    }
    if (!ok)
        *error = q.lastError().text();
    const QList<std::pair<QString, QString>> meta = {
        {QStringLiteral("rebased_from"), QFileInfo(keptPath).fileName()},
        {QStringLiteral("rebased_from_epoch"), epoch},
        {QStringLiteral("rebased_at"), QString::number(QDateTime::currentSecsSinceEpoch())},
    };
    for (const auto &[key, value] : meta) {
        if (ok)
            ok = execQuery(q, QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"), {key, value}, error);
    }
    q.finish();
    if (!ok || !commit(db, error)) {
        rollback(db);
        return false;
    }
    return execQuery(q, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"), {}, error);
}

} // namespace

bool readCacheOrigin(const QString &path, CacheOrigin *origin, QString *error)
{
    Connection connection;
    const OpenResult opened = connection.open(path, QStringLiteral("rebase-origin"), false);
    if (!opened.ok()) {
        *error = opened.message;
        return false;
    }
    QSqlDatabase db = connection.database();
    QSqlQuery q(db);
    if (!execQuery(q, QStringLiteral("SELECT (SELECT value FROM meta WHERE key = 'snapshot_epoch'),"
                                     " (SELECT count(*) FROM outbox) + (SELECT count(*) FROM carried_commands)"),
                   {}, error)
        || !q.next())
        return false;
    origin->epoch = q.value(0).toString();
    origin->unsent = q.value(1).toLongLong();
    return true;
}

QString keptCacheName(const QString &path, const QString &epoch, const QDateTime &at)
{
    const QFileInfo info(path);
    const QString suffix = info.suffix().isEmpty() ? QStringLiteral("sqlite") : info.suffix();
    const QString base = info.suffix().isEmpty() ? info.fileName() : info.completeBaseName();
    return info.dir().filePath(QStringLiteral("%1.epoch-%2.%3.%4").arg(base, epoch, at.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")), suffix));
}

RebaseResult rebaseCache(const QString &path, const QString &keptPath)
{
    RebaseResult r;
    r.keptPath = keptPath;
    auto fail = [&r, &path](const QString &why) {
        r.error = translated(QT_TRANSLATE_NOOP("Clearway::Storage::CacheRebase", "The cache %1 was not re-based, and nothing was changed: %2"))
                      .arg(native(path), why);
        qCWarning(lcRebase).noquote() << r.error;
        return r;
    };
    QString error;
    if (!QFileInfo::exists(path))
        return fail(translated(QT_TRANSLATE_NOOP("Clearway::Storage::CacheRebase", "there is no cache there.")));
    if (QFileInfo::exists(keptPath))
        return fail(translated(QT_TRANSLATE_NOOP("Clearway::Storage::CacheRebase", "%1 already exists.")).arg(native(keptPath)));
    if (openElsewhere(path)) {
        return fail(translated(QT_TRANSLATE_NOOP("Clearway::Storage::CacheRebase",
                                                 "another program has it open (is clearway still running on this workstation?). Close it and try again.")));
    }
    QList<CarriedCommand> commands;
    if (!readOldCache(path, &r.previousEpoch, &commands, &error))
        return fail(error);
    if (r.previousEpoch.isEmpty()) {
        return fail(translated(QT_TRANSLATE_NOOP("Clearway::Storage::CacheRebase",
                                                 "it was never filled from a server, so there is nothing to start again from.")));
    }
    // Built beside the old cache first: a leftover of an attempt that stopped before its renames
    // holds nothing the old cache does not.
    const QString building = newCachePath(path);
    removeDatabase(building);
    if (!writeNewCache(building, keptPath, r.previousEpoch, commands, &error)) {
        removeDatabase(building);
        return fail(error);
    }
    if (!renameDatabase(path, keptPath, &error)) {
        removeDatabase(building);
        return fail(error);
    }
    if (!renameDatabase(building, path, &error)) {
        // The old cache goes back where it was, so the workstation opens it as before.
        QString back;
        if (!renameDatabase(keptPath, path, &back)) {
            // Both files are whole: finishInterruptedRebase() puts the new one in place at the next start.
            r.error = translated(QT_TRANSLATE_NOOP("Clearway::Storage::CacheRebase",
                                                   "The cache %1 was kept as %2, but the new cache %3 could not take its place: %4"))
                          .arg(native(path), native(keptPath), native(building), error);
            qCCritical(lcRebase).noquote() << r.error << back;
            return r;
        }
        removeDatabase(building);
        return fail(error);
    }
    r.ok = true;
    r.carried = int(commands.size());
    qCInfo(lcRebase).noquote() << "cache" << path << "re-based: the cache filled from" << r.previousEpoch << "is kept as" << keptPath << "," << r.carried
                               << "unsent commands carried over";
    return r;
}

bool finishInterruptedRebase(const QString &path, QString *error)
{
    const QString building = newCachePath(path);
    if (QFileInfo::exists(path) || !QFileInfo::exists(building))
        return true;
    qCInfo(lcRebase).noquote() << "finishing an interrupted re-base of" << path;
    return renameDatabase(building, path, error);
}

} // namespace Clearway::Storage
