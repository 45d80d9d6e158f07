#pragma once

#include <QDateTime>
#include <QString>

namespace Clearway::Storage {

// Re-basing a cache onto another server database (docs/architecture.md, "Epoch"): after the
// server was restored from a backup or replaced, its change cursors and this workstation's command
// numbers mean other things there, so the cache starts again from the server as it is now. Nothing
// is deleted: the old file is renamed beside the new one (keptCacheName()), and its unsent commands
// are carried into the new cache, which sends them under a new client id once the copy from the
// new server is complete (CacheWriter), for the server to decide each one again.

// What a cache holds that a re-base is about, read from the file (which may be open elsewhere).
struct CacheOrigin
{
    QString epoch;     // the server database it was filled from; empty when never filled
    qint64 unsent = 0; // commands in its outbox
};

// Reads `path`'s origin; false with *error (translated) when it cannot be read.
bool readCacheOrigin(const QString &path, CacheOrigin *origin, QString *error);

// The name the old cache is kept under: beside it, with the epoch it was filled from and the time
// of the re-base (UTC), e.g. cache.sqlite -> cache.epoch-<uuid>.20261123T081500Z.sqlite.
QString keptCacheName(const QString &path, const QString &epoch, const QDateTime &at);

struct RebaseResult
{
    bool ok = false;
    QString keptPath;      // where the old cache is now
    QString previousEpoch; // the server database it had been filled from
    int carried = 0;       // unsent commands carried into the new cache
    QString error;         // translated; when !ok nothing was changed (the old cache is still at its path)
};

// Re-bases the cache at `path`: renames it to `keptPath` and puts in its place a new, empty cache
// holding its unsent commands. The file must not be open in this process (close the Cache first);
// one another process has open is refused (its later commands would go to the kept file). The new cache is
// built beside it first and the two renames come last, so an interruption leaves either the old
// cache in place or both files complete (finishInterruptedRebase()).
RebaseResult rebaseCache(const QString &path, const QString &keptPath);

// A re-base interrupted between its two renames left no cache at `path` and the new one beside it:
// puts the new one in place. Call before opening `path`; true when there was nothing to finish or it
// was finished, false with *error otherwise.
bool finishInterruptedRebase(const QString &path, QString *error);

} // namespace Clearway::Storage
