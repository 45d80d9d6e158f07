#pragma once

#include "models/lifecycle.h"
#include "storage/database.h"
#include "storage/riskrouting.h"

#include <QHash>
#include <QMutex>
#include <QSet>
#include <QPointer>
#include <QObject>
#include <QSqlQuery>
#include <QStringList>

#include <atomic>
#include <functional>
#include <map>
#include <memory>

namespace Clearway::Storage {

class WalCheckpointer;

// What became of an officer's command in the local cache.
struct CommandOutcome
{
    Models::Command command;
    Models::Decision decision; // the lifecycle's verdict (accepted, or why not)
    bool stored = false;       // written to the item, its history and the outbox, in one transaction
    bool diskFull = false;
    QString error;             // translated, when the cache could not store an accepted command
    QString number;            // the item's number, when it is in the cache
};

// One item of a batch that was not stored, and why (the lifecycle's or the release check's code).
struct BatchRefusal
{
    qint64 itemId = 0;
    QString number;
    QString code;
    QString message; // translated
};

// What became of a batch decision (CacheWriter::applyBatch()).
struct BatchOutcome
{
    quint64 batchId = 0;
    int total = 0;
    int processed = 0; // decided so far (stored or refused)
    int done = 0;      // stored, on their way to the server
    QList<BatchRefusal> refused;
    bool cancelled = false;
    int notTried = 0;  // left when cancelled or when the cache failed
    bool diskFull = false;
    QString error;     // translated, when the cache could not store a chunk (nothing of it is stored)
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
    // The item's state and holder after the command, as the server applied it (an ack for a
    // command applied now; not for a retry answered from the server's record).
    bool hasState = false;
    QString state;
    QString assignee;
    QString code;
    QString message;
};

// One page of the initial snapshot, as the server sent it (docs/protocol.md, "Initial snapshot").
struct SnapshotPage
{
    QString epoch;       // the server database the snapshot comes from
    qint64 watermark = 0; // the change-log cursor the snapshot starts after
    QString table;
    QStringList columns;
    int rows = 0;
    QByteArray body;     // a row pack whose SHA-256 the caller has checked
    QString after;       // the token this page was asked for with; empty for the first page
    QString next;        // the resume token; empty on the last page
    qint64 done = 0;     // rows sent so far, this page included
    qint64 total = 0;    // rows in the whole snapshot
    Models::SyncScope scope; // what the snapshot was asked for (docs/protocol.md, "Scopes")
    QString section;     // "mine": the officer's own work, which comes first; "all": the rest
};

// Where this cache stands with the initial snapshot.
struct SnapshotState
{
    QString epoch;         // the server it is (being) filled from; empty before the first page
    QString next;          // where an interrupted snapshot resumes; empty when none is under way
    bool complete = false; // a snapshot from `epoch` was written to the end
    Models::SyncScope scope; // what the cache holds (or is being filled with)
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

    // One officer's decision on many items (the batch actions): decided and stored like apply(),
    // in transactions of kBatchChunk commands, one chunk per turn of the writer's event loop, so
    // the server's replies and changes are written between chunks and a cancel is seen there.
    // Answers with batchProgress() after each chunk and batchFinished() at the end. May be called
    // from any thread; the id names the batch in the signals and in cancelBatch().
    static constexpr qsizetype kBatchChunk = 500;
    quint64 applyBatch(const QList<Models::Command> &commands, const Models::Officer &actor);
    // Stops the batch before its next chunk; what was stored stays (and goes to the server).
    void cancelBatch(quint64 batchId);

    // Sync (all on the writer thread). The first two block the caller until answered (for tests
    // and tools); the GUI thread uses the asynchronous forms, whose answer runs on `context`'s
    // thread, so it never waits behind a long write.
    // The oldest `limit` commands after `afterSeq`.
    QList<OutboxEntry> pendingCommands(int limit, qint64 afterSeq = 0);
    qint64 syncCursor();
    void readOutbox(int limit, QObject *context, std::function<void(const QList<OutboxEntry> &)> answer, qint64 afterSeq = 0);
    void readSyncState(QObject *context, std::function<void(const SnapshotState &, qint64 cursor)> answer);
    // Applies the server's changes in one transaction with the new cursor; changes at or below
    // the stored cursor are skipped, so a replay never moves an item backwards. Items with pending
    // local commands are rebased: the server's state, then the pending commands again. `through`:
    // the server said nothing else of this workstation's scope is at or below it (docs/protocol.md,
    // "through"), so the stored cursor moves there if it is further.
    void applyChanges(const QList<Models::ItemChange> &changes, qint64 through = 0);
    // After a batch of changes failed (syncFailed()), later batches are dropped: applied, they
    // would move the cursor past the failed changes. The sync client calls this once the server
    // has answered a new subscribe, which sends everything again from the stored cursor.
    void resumeChanges();
    // Says officersChanged() with every officer the cache holds as disabled, if any, but `except`
    // (the officer the server has just signed in, whose re-enabling may not be here yet): a
    // revocation the last run did not finish, or a copy that brought disabled officers, is done again.
    void announceDisabledOfficers(const QString &except);
    // Settles an outbox command: an ack or a refusal removes it; a refusal falls back to the
    // server's state and writes the reason into the item's history.
    void settle(const CommandReply &reply);

    // Keeps how a declaration was routed (a risk_reasons reply), so its lane is explained offline
    // too. A failure is logged: the cache only misses an explanation the server still has.
    void keepRiskRouting(const RiskRouting &routing);
    // Several replies, settled in order in one transaction.
    void settleAll(const QList<CommandReply> &replies);

    // The initial snapshot. Each page is written in one transaction with its resume token, so a
    // dropped connection resumes where it stopped. Into an empty cache the queue indexes and
    // full-text triggers are dropped for the load and built once after the last page.
    SnapshotState snapshotState(); // blocks the caller until answered
    void applySnapshotPage(const SnapshotPage &page);
    // Removes what lies outside `scope` and has no unsent work left (an item kept for its unsent
    // work when the scope narrowed goes once the server has settled it).
    void removeOutsideScope(const Models::SyncScope &scope);

    // After a copy into an empty cache, the closed-item queue indexes and the search index are built
    // in the background, in short transactions between the other work of the writer
    // (backgroundIndexProgress()). Until then a search may miss rows, and closed queues sort
    // without their indexes. Any thread.
    bool isBackgroundIndexingComplete() const { return m_indexStepsTotal.load() == 0; }

    // This workstation's identity in the outbox, created once per cache.
    QString clientId() const { return m_clientId; }

Q_SIGNALS:
    void applied(const Clearway::Storage::CommandOutcome &outcome);
    void batchProgress(quint64 batchId, int processed, int total);
    void batchFinished(const Clearway::Storage::BatchOutcome &outcome);
    // Commands were stored in the outbox (one or a batch's chunk): time to push.
    void commandsStored();
    void itemChanged(Clearway::Models::WorkKind kind, qint64 itemId);
    void changesApplied(qint64 cursor, int count);
    // The change stream brought officers (accounts added, changed or disabled on the server), or
    // the disabled ones were announced again (announceDisabledOfficers(), once per connection);
    // `disabled`: the ids of those now disabled.
    void officersChanged(const QStringList &disabled);
    void commandSettled(const Clearway::Storage::CommandReply &reply, const Clearway::Models::Command &command);
    void syncFailed(const QString &message);
    void snapshotProgress(qint64 done, qint64 total);
    // The last page is written and the cache is ready; the change stream continues from `watermark`.
    void snapshotFinished(qint64 watermark);
    // The first pages of a copy, the officer's own open work with the officers and enterprises,
    // are written: the officer can work on them while the rest arrives.
    void ownWorkCopied();
    // After a re-base: `count` commands of the cache it replaced are in the outbox now, for the
    // server to decide again (commandsStored() follows).
    void commandsCarriedOver(int count);
    // Background indexing: steps done of `total`; done == total when complete.
    void backgroundIndexProgress(qint64 done, qint64 total);

private:
    OpenResult openHere(const QString &path);
    // A statement prepared once on the writer's connection and kept: SQLite compiles an UPDATE of a
    // work-item table with every partial index's condition, which cost more than running it when
    // done for every command, reply and change.
    QSqlQuery &statement(const QString &sql);
    void finishStatements(); // before a commit: no kept statement holds a read open
    CommandOutcome applyHere(const Models::Command &command, const Models::Officer &actor);
    // Decides and stores one command inside an open transaction; false on a database error (the
    // caller rolls back). A refusal is true with outcome->stored false and nothing written.
    bool applyInTransaction(const Models::Command &command, const Models::Officer &actor, CommandOutcome *outcome, QString *error);
    static void notStored(CommandOutcome *outcome, const QString &detail);
    struct BatchRun
    {
        QList<Models::Command> commands;
        Models::Officer actor;
        BatchOutcome outcome;
    };
    void runBatchChunk(const std::shared_ptr<BatchRun> &run, qsizetype from);
    bool batchCancelled(quint64 batchId);
    bool m_changesRefused = false; // a batch failed: no more until resumeChanges()
    bool applyChangesHere(const QList<Models::ItemChange> &changes, qint64 through, qint64 *cursor, int *count, QList<Models::Officer> *officers,
                          QString *error);
    // Settles one reply inside an open transaction; *found is false for a reply settled before.
    // *reply's message becomes the refusal in words (refusalInWords()).
    bool settleInTransaction(CommandReply *reply, Models::Command *command, bool *found, QString *error);
    // The server's refusal of `command` in this workstation's language: the same rules decided
    // again on the item as the server had it (a reject carries it), which give the same code and
    // its words here; the server's text (English) when they do not agree or nothing is known.
    bool refusalInWords(const CommandReply &reply, const Models::Command &command, const QString &actor, QString *words, QString *error);
    // The officer `id` as this cache knows them (office and roles; only the id when unknown).
    bool readOfficer(const QString &id, Models::Officer *officer, QString *error);
    bool rebase(Models::WorkKind kind, qint64 itemId, QString *error);
    bool applyChangeFields(const Models::ItemChange &change, QString *error);
    const QStringList &columnsOf(const QString &table, QString *error);
    bool applySnapshotPageHere(const SnapshotPage &page, bool *stale, int *carried, QString *error);
    // After a re-base (storage/cacherebase.h), in the last page's transaction: the old cache's
    // unsent commands into the outbox, in their order, on top of the new copy (rebase()).
    bool carryOverCommands(int *carried, QString *error);
    bool hasCarriedCommands(); // a re-base's commands wait for the end of the copy
    // One step of background indexing, then the next queued behind whatever else waits.
    void continueBackgroundIndexing();
    bool backgroundIndexStep(bool *more, QString *error);
    bool startBackgroundIndexing(); // when something is pending: counts the steps and schedules the first
    // Bulk work (the initial copy, background indexing) leaves the log's checkpoints to a thread
    // of their own (WalCheckpointer), and hands them back to the writer's commits when done.
    void takeOverCheckpoints();
    void handBackCheckpoints();

    Connection m_connection;
    QString m_clientId;
    std::atomic<quint64> m_nextBatch{0};
    QMutex m_cancelMutex;
    QSet<quint64> m_cancelled; // batches to stop before their next chunk
    std::map<QString, std::unique_ptr<QSqlQuery>> m_statements;
    std::unique_ptr<QSqlQuery> m_unprepared;
    std::atomic<qint64> m_indexStepsTotal{0}; // steps of the background indexing under way; 0: none
    qint64 m_indexStepsDone = 0;
    qint64 m_snapshotWriteMs = 0; // time spent writing snapshot pages, for the log
    QString m_lastSection;        // of the last snapshot page written, to tell when own work is in
    std::unique_ptr<WalCheckpointer> m_checkpointer; // during bulk work
    QHash<QString, QStringList> m_columns; // snapshot table -> its columns here (snapshot pages, changes with fields)
};

} // namespace Clearway::Storage
