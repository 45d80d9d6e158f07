#include "storage/walcheckpointer.h"

#include <QLoggingCategory>
#include <QMutexLocker>

#include <sqlite3.h>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace Clearway::Storage {

Q_LOGGING_CATEGORY(lcCheckpointer, "clearway.storage.checkpointer")

WalCheckpointer::WalCheckpointer(sqlite3 *writer, const QString &path)
    : m_writer(writer)
{
    const QByteArray file = path.toUtf8();
    // Read-write: a checkpoint writes the database file. Used on one thread at a time.
    if (sqlite3_open_v2(file.constData(), &m_own, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK
        // A connection finds out that the database is in WAL mode on its first read; until then a
        // checkpoint does nothing.
        || sqlite3_exec(m_own, "PRAGMA busy_timeout = 10000; SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr) != SQLITE_OK) {
        qCWarning(lcCheckpointer).noquote() << "no checkpoints beside the writer:" << sqlite3_errmsg(m_own);
        sqlite3_close(m_own);
        m_own = nullptr;
        return;
    }
    sqlite3_exec(m_writer, QByteArray("PRAGMA journal_size_limit = " + QByteArray::number(kWalSizeLimit)).constData(), nullptr, nullptr, nullptr);
    // Replaces the automatic checkpoint (itself a WAL hook) on the writer's connection.
    sqlite3_wal_hook(m_writer, &WalCheckpointer::walHook, this);
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->setObjectName(QStringLiteral("cache-checkpoint"));
    m_thread->start();
}

WalCheckpointer::~WalCheckpointer()
{
    if (!m_own)
        return;
    sqlite3_wal_autocheckpoint(m_writer, kCheckpointPages); // the writer's own hook again
    {
        QMutexLocker lock(&m_mutex);
        m_stop = true;
    }
    m_wake.wakeOne();
    m_thread->wait();
    sqlite3_close(m_own);
}

int WalCheckpointer::checkpoints() const
{
    QMutexLocker lock(&m_mutex);
    return m_checkpoints;
}

// Called on the writer's thread after each commit, with the pages now in the log.
int WalCheckpointer::walHook(void *self, sqlite3 *db, const char *schema, int pages)
{
    if (pages < kCheckpointPages)
        return SQLITE_OK;
    auto *checkpointer = static_cast<WalCheckpointer *>(self);
    {
        QMutexLocker lock(&checkpointer->m_mutex);
        if (!checkpointer->m_failed) {
            checkpointer->m_due = true;
            checkpointer->m_wake.wakeOne();
            return SQLITE_OK;
        }
    }
    // The checkpoints beside it failed: the writer checkpoints, as SQLite's own hook does, rather
    // than let the log grow.
    sqlite3_wal_checkpoint(db, schema);
    return SQLITE_OK;
}

void WalCheckpointer::run()
{
    // Behind the GUI thread, the writer and the sync client when the cores are busy: a checkpoint
    // can wait, a frame cannot. (Qt's thread priorities do not reach SCHED_OTHER threads on Linux;
    // a thread's own nice value does.)
#ifdef Q_OS_LINUX
    setpriority(PRIO_PROCESS, id_t(gettid()), 10);
#else
    QThread::currentThread()->setPriority(QThread::LowPriority);
#endif
    QMutexLocker lock(&m_mutex);
    for (;;) {
        while (!m_due && !m_stop)
            m_wake.wait(&m_mutex);
        if (m_stop)
            return;
        m_due = false;
        lock.unlock();
        int logPages = 0;
        int copied = 0;
        const int rc = sqlite3_wal_checkpoint_v2(m_own, nullptr, SQLITE_CHECKPOINT_PASSIVE, &logPages, &copied);
        const bool failed = rc != SQLITE_OK && rc != SQLITE_BUSY;
        if (failed)
            qCWarning(lcCheckpointer).noquote() << "checkpoint failed; the writer checkpoints again:" << sqlite3_errmsg(m_own);
        lock.relock();
        ++m_checkpoints;
        if (failed) {
            m_failed = true;
            return;
        }
    }
}

} // namespace Clearway::Storage
