#pragma once

#include "models/types.h"
#include "storage/database.h"
#include "storage/queuespec.h"

#include <QDateTime>
#include <QList>
#include <QObject>

namespace Clearway::Storage {

// The navigation's live counts for one work kind.
struct QueueCounts
{
    Models::WorkKind kind = Models::WorkKind::Declaration;
    qint64 mine = 0;
    qint64 unassigned = 0;
    qint64 open = 0;
    qint64 overdue = 0;
};

// Reads that may take longer than a frame (counts over a million rows, quick_check) run here, on
// the reader's own thread and connection, and come back as queued signals. Call the request
// functions from any thread.
class CacheReader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CacheReader)

public:
    explicit CacheReader(const QString &path, QObject *parent = nullptr);
    ~CacheReader() override;

    void requestCount(quint64 ticket, const QString &table, const SqlWhere &where);
    void requestQueueCounts(const QString &officerId, const QDateTime &now);
    void requestQuickCheck();

Q_SIGNALS:
    void counted(quint64 ticket, qint64 rows, const QString &error);
    void queueCountsReady(const QList<Clearway::Storage::QueueCounts> &counts);
    void quickCheckDone(bool ok, const QString &detail, qint64 elapsedMs);

private:
    bool ensureOpen(QString *error);

    QString m_path;
    Connection m_connection;
};

} // namespace Clearway::Storage
