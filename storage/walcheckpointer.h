#pragma once

#include <QMutex>
#include <QString>
#include <QThread>
#include <QWaitCondition>

#include <memory>

struct sqlite3;

namespace Clearway::Storage {

// Checkpoints a cache's write-ahead log on a thread and a connection of its own, for as long as it
// lives, instead of inside the writer's commits. SQLite's automatic checkpoint runs in the COMMIT
// that takes the log past 1,000 pages: the writer copies them into the database file and waits for
// the disk (two fsyncs) before it takes its next work. In the initial copy that was about a third
// of the writer's time (docs/performance.md, "Sync"); here the same checkpoints run beside the
// writer's next inserts. They are PASSIVE: a checkpoint never blocks the writer or a reader, and
// the writer's durability is SQLite's own (synchronous = NORMAL in WAL mode). While checkpoints
// lag behind a busy writer the log grows (the writer starts it again from its beginning only after
// a checkpoint has caught up); the file is cut back to kWalSizeLimit when it is.
//
// Made and destroyed on the writer's thread. The CacheWriter keeps one while it loads the initial
// copy and builds its indexes (its bulk work), and hands checkpointing back to its connection after.
class WalCheckpointer final
{
public:
    static constexpr qint64 kWalSizeLimit = 64 * 1024 * 1024;
    static constexpr int kCheckpointPages = 1000; // SQLite's automatic checkpoint threshold

    // Takes over the checkpoints of `writer`, a connection to the database at `path`; when a
    // connection of its own cannot be opened, leaves them with the writer (active() is false).
    WalCheckpointer(sqlite3 *writer, const QString &path);
    // Hands checkpointing back to the writer's connection, lets a checkpoint under way finish and
    // ends the thread. The writer's next commit checkpoints whatever is left.
    ~WalCheckpointer();
    Q_DISABLE_COPY(WalCheckpointer)

    bool active() const { return m_own != nullptr; }
    int checkpoints() const; // run so far, for the log

private:
    static int walHook(void *self, sqlite3 *db, const char *schema, int pages);
    void run();

    sqlite3 *m_writer = nullptr;
    sqlite3 *m_own = nullptr; // used on m_thread only, once it runs
    mutable QMutex m_mutex;
    QWaitCondition m_wake;
    bool m_due = false;
    bool m_stop = false;
    bool m_failed = false; // a checkpoint here failed: the writer's commits checkpoint again
    int m_checkpoints = 0;
    std::unique_ptr<QThread> m_thread;
};

} // namespace Clearway::Storage
