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

// A command waiting in the outbox for the server.
struct OutboxEntry
{
    qint64 seq = 0; // this client's sequence number
    Models::Command command;
    QString actor;
};

// The server's answer to one outbox command.
struct CommandReply
{
    qint64 seq = 0;
    bool accepted = false;
    qint64 version = 0; // the item's version after the command, when accepted
    QString code;
    QString message;
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

    // Sync (all on the writer thread). The first two block the caller until answered.
    QList<OutboxEntry> pendingCommands(int limit);
    qint64 syncCursor();
    // Applies the server's changes in one transaction with the new cursor; changes at or below
    // the stored cursor are skipped, so a replay never moves an item backwards. Items with pending
    // local commands are rebased: the server's state, then the pending commands again.
    void applyChanges(const QList<Models::ItemChange> &changes);
    // Settles an outbox command: an ack or a refusal removes it; a refusal falls back to the
    // server's state and writes the reason into the item's history.
    void settle(const CommandReply &reply);

    // This workstation's identity in the outbox, created once per cache.
    QString clientId() const { return m_clientId; }

Q_SIGNALS:
    void applied(const Clearway::Storage::CommandOutcome &outcome);
    void itemChanged(Clearway::Models::WorkKind kind, qint64 itemId);
    void changesApplied(qint64 cursor, int count);
    void commandSettled(const Clearway::Storage::CommandReply &reply, const Clearway::Models::Command &command);
    void syncFailed(const QString &message);

private:
    OpenResult openHere(const QString &path);
    CommandOutcome applyHere(const Models::Command &command, const Models::Officer &actor);
    bool applyChangesHere(const QList<Models::ItemChange> &changes, qint64 *cursor, int *count, QString *error);
    bool settleHere(const CommandReply &reply, Models::Command *command, QString *error);
    bool rebase(Models::WorkKind kind, qint64 itemId, QString *error);

    Connection m_connection;
    QString m_clientId;
};

} // namespace Clearway::Storage
