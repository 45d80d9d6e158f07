#pragma once

#include "models/entities.h"
#include "storage/database.h"
#include "storage/valueformat.h"

#include <QList>
#include <QObject>
#include <QThread>

namespace Clearway::Storage {

class CacheReader;
class CacheWriter;

// The workstation's local cache: the writer thread (opens and migrates the file, applies commands),
// the reader thread (counts, quick_check), and a read-only connection for the GUI thread, which
// pages queue rows and loads one item's details (index lookups that take a millisecond or two).
class Cache final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Cache)

public:
    explicit Cache(QObject *parent = nullptr);
    ~Cache() override;

    OpenResult open(const QString &path);
    void close();

    QString path() const { return m_path; }
    QString connectionName() const { return m_gui.name(); }
    CacheReader *reader() const { return m_reader; }
    CacheWriter *writer() const { return m_writer; }

    // The officers known to this cache, disabled accounts included (the copy and the change
    // stream bring them from the server).
    QList<Models::Officer> officers() const;
    OfficerNames officerNames() const;

private:
    QString m_path;
    Connection m_gui;
    QThread m_readerThread;
    QThread m_writerThread;
    CacheReader *m_reader = nullptr;
    CacheWriter *m_writer = nullptr;
};

} // namespace Clearway::Storage
