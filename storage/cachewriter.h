#pragma once

#include "models/lifecycle.h"
#include "storage/database.h"

#include <QObject>

namespace Clearway::Storage {

// What became of an officer's command in the local cache.
struct CommandOutcome
{
    Models::Command command;
    Models::Decision decision; // the lifecycle's verdict (accepted, or why not)
    bool stored = false;       // written to the item, its history and the outbox, in one transaction
    bool diskFull = false;
    QString error;             // translated, when the cache could not store an accepted command
};

// The cache's one writer. It lives on its own thread; apply() may be called from any thread and
// answers with applied(). Each accepted command updates the item, appends to its history and
// queues it in the outbox for the server, all in one BEGIN IMMEDIATE transaction: either all three
// are stored or none is.
class CacheWriter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CacheWriter)

public:
    explicit CacheWriter(QObject *parent = nullptr);
    ~CacheWriter() override;

    // Runs on the writer's thread (blocking the caller until it has): opens and migrates the cache.
    OpenResult open(const QString &path);
    void close();

    // Caps the cache file at about `bytes` (SQLite's max_page_count), for workstations with a disk
    // quota; a write past it fails as "disk full" and changes nothing.
    void limitSize(qint64 bytes);

    void apply(const Models::Command &command, const Models::Officer &actor);

    // This workstation's identity in the outbox, created once per cache.
    QString clientId() const { return m_clientId; }

Q_SIGNALS:
    void applied(const Clearway::Storage::CommandOutcome &outcome);
    void itemChanged(Clearway::Models::WorkKind kind, qint64 itemId);

private:
    OpenResult openHere(const QString &path);
    CommandOutcome applyHere(const Models::Command &command, const Models::Officer &actor);

    Connection m_connection;
    QString m_clientId;
};

} // namespace Clearway::Storage
