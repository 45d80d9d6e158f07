#include "storage/cache.h"

#include "storage/cachereader.h"
#include "storage/cachewriter.h"
#include "storage/database.h"

#include <QSqlQuery>

namespace Clearway::Storage {

Cache::Cache(QObject *parent)
    : QObject(parent)
{
    m_readerThread.setObjectName(QStringLiteral("cache-reader"));
    m_writerThread.setObjectName(QStringLiteral("cache-writer"));
}

Cache::~Cache() { close(); }

OpenResult Cache::open(const QString &path)
{
    close();
    m_path = path;
    m_writer = new CacheWriter;
    m_writer->moveToThread(&m_writerThread);
    connect(&m_writerThread, &QThread::finished, m_writer, &QObject::deleteLater);
    m_writerThread.start();
    OpenResult r = m_writer->open(path);
    if (r.ok()) {
        // The writer created the WAL files, so read-only connections can open now.
        const OpenResult gui = m_gui.open(path, QStringLiteral("gui"), false);
        if (!gui.ok())
            r = gui;
    }
    if (!r.ok()) {
        close();
        return r;
    }
    m_reader = new CacheReader(path);
    m_reader->moveToThread(&m_readerThread);
    // Deleted on its own thread as that thread finishes, which closes its connection there.
    connect(&m_readerThread, &QThread::finished, m_reader, &QObject::deleteLater);
    m_readerThread.start();
    return r;
}

void Cache::close()
{
    m_gui.close();
    if (m_reader) {
        m_readerThread.quit();
        m_readerThread.wait();
        m_reader = nullptr;
    }
    if (m_writer) {
        m_writer->close();
        m_writerThread.quit();
        m_writerThread.wait();
        m_writer = nullptr;
    }
}

QList<Models::Officer> Cache::officers() const
{
    QList<Models::Officer> out;
    QSqlDatabase db = m_gui.database();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!execRetrying(q, QStringLiteral("SELECT id, name, office, roles, active FROM officers ORDER BY roles, id")))
        return out;
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), Models::Roles::fromInt(q.value(3).toInt()), q.value(4).toBool()});
    return out;
}

OfficerNames Cache::officerNames() const
{
    OfficerNames names;
    for (const Models::Officer &o : officers())
        names.insert(o.id, o.name);
    return names;
}

} // namespace Clearway::Storage
