#pragma once

#include "models/assignment.h"
#include "models/declarationcheck.h"
#include "models/ecommerce.h"
#include "models/lifecycle.h"
#include "models/risk.h"
#include "models/servicecatalogue.h"

#include <QHash>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QObject>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <functional>
#include <map>
#include <memory>
#include <optional>

#include <QSqlQuery>

class QTimer;

namespace Clearway::Storage {
struct SnapshotTable;
struct PackedPage;
struct RowFilter;
} // namespace Clearway::Storage

namespace Clearway::Server {

Q_DECLARE_LOGGING_CATEGORY(lcStore)

// The refusal of a scope beyond what an account may keep (Models::SyncScope::mayKeep()).
QString beyondScope(const Models::SyncScope &mayKeep);

struct UserRecord
{
    Models::Officer officer;
    QString passwordHash; // libsodium crypto_pwhash_str (Argon2id)
};

// What became of one command from one client's outbox.
struct ApplyResult
{
    enum class Outcome { Applied, Rejected, Gap, Failed };
    Outcome outcome = Outcome::Failed;
    bool duplicate = false; // a retry of a seq already decided: the recorded outcome, not re-applied
    qint64 seq = 0;
    qint64 version = 0;     // the item's version after the command
    qint64 cursor = 0;      // the change-log position of the change
    // The item after the command when it was applied now, or as it was when the command was
    // refused now (not for a retry answered from the record, nor an item the server lacks).
    bool hasState = false;
    QString state;
    QString assignee;
    qint64 lastSeq = 0;     // the client's last decided seq
    QString code;           // "ok" or the lifecycle's reason code
    QString message;
};

// One command from one client's outbox, as the hub received it.
struct CommandRequest
{
    QString clientId;
    qint64 seq = 0;
    Models::Command command;
    Models::Officer actor;
};

// One page of the initial snapshot (docs/protocol.md).
struct SnapshotPage
{
    qint64 watermark = 0;
    QString table;
    QStringList columns;
    int rows = 0;
    QByteArray body;    // row pack
    QString next;       // resume token; empty after the last page
    qint64 done = 0;
    qint64 total = 0;
    // "mine": the officers, the enterprises and the officer's own open work, which come first;
    // "all": everything in the scope (docs/protocol.md, "Scopes").
    QString section;
};

// What a backup holds (printed by `backup` and `restore`).
struct BackupSummary
{
    QString epoch;
    qint64 lastCursor = 0;   // the last change in the copy
    qint64 auditEntries = 0; // verified
};

// A published risk rule set (docs/risk-rules.md), as stored: the text exactly as written.
struct RuleSetRecord
{
    qint64 version = 0; // 1, 2, ... in publishing order; 0: none published (the engine without rules)
    QString text;
    qint64 publishedAt = 0;
    QString publishedBy;
};

struct PublishResult
{
    enum class Outcome { Published, Refused, Failed };
    Outcome outcome = Outcome::Failed;
    QList<Models::RuleSetError> errors; // Refused: every error, with its line
    qint64 version = 0;                 // Published: the new version
    QString name;                       // the text's own "version" statement
    QString message;                    // Failed: the database's error
};

// What became of a new declaration (`declare`).
struct DeclareResult
{
    enum class Outcome { Accepted, Refused, Failed };
    Outcome outcome = Outcome::Failed;
    QString code;                        // "ok", "invalid" (see issues), "duplicate", "internal"
    QString message;
    QList<Models::FieldIssue> issues;    // Refused with "invalid": every field-level problem
    qint64 id = 0;
    qint64 cursor = 0;
    qint64 ruleSetVersion = 0;
    Models::RiskAssessment assessment;
    QString assignee; // auto-assignment's choice; empty: the shared queue
};

// What became of an application received at a window (`application_receive`).
struct ReceiveApplicationResult
{
    enum class Outcome { Accepted, Refused, Failed };
    Outcome outcome = Outcome::Failed;
    QString code;                     // "ok", "invalid" (see issues), "day_full", "internal"
    QString message;
    QList<Models::FieldIssue> issues; // Refused with "invalid": every field-level problem
    qint64 id = 0;
    QString number;                   // office-date-sequence, assigned here
    qint64 receivedAt = 0;
    qint64 due = 0;
    qint64 cursor = 0;
};

struct RerouteResult
{
    enum class Outcome { Accepted, Refused, Failed };
    Outcome outcome = Outcome::Failed;
    QString code; // "ok", checkReroute()'s codes, "not_found", "internal"
    QString message;
    Models::Channel from = Models::Channel::Unassessed;
    Models::Channel to = Models::Channel::Unassessed;
    qint64 version = 0;
    qint64 cursor = 0;
};

// What a confirmed identity-theft case gave back (Store::restoreQuota()).
struct QuotaRestoreResult
{
    enum class Outcome { Restored, Refused, Failed };
    Outcome outcome = Outcome::Failed;
    QString code; // "ok", "forbidden", "invalid" (no case, no orders, an order not among the buyer's released ones), "internal"
    QString message;
    Models::QuotaRestoration restoration;
    qint64 cursor = 0; // the last change written
};

// One declaration's routing, as seed-demo records it in bulk.
struct Routing
{
    qint64 declarationId = 0;
    Models::Channel channel = Models::Channel::Unassessed;
    QString reasons; // riskHitsJson(), compact
};

// The server's database, whatever holds it: the work-item tables of the cache schema plus users,
// per-client sequence numbers, the decided commands, the change log and the hash-chained audit log.
// Every accepted command updates the item, the change log, the events, the audit log and the
// client's seq in one transaction; a refused one records the refusal and advances the seq the same
// way. Backends: SqliteStore (a file, the default) and PostgresStore (postgresql:// URLs; several
// server instances may share one database).
//
// What is the same SQL on every backend lives here, on database(); the rest is virtual.
class Store : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Store)

public:
    explicit Store(QObject *parent = nullptr);

    // The backend for `database`: PostgreSQL for a postgresql:// (or postgres://) URL, else an SQLite file.
    static std::unique_ptr<Store> create(const QString &database);
    static bool isPostgresUrl(const QString &database);

    virtual bool open(const QString &database, QString *error) = 0;
    virtual void close() = 0;

    // How often, while open, the change log's end is read for changes another process committed
    // (announced with changesCommitted()): another instance whose NOTIFY was missed (PostgreSQL),
    // or another process on the file (SQLite, e.g. `clearway-server declare`). The setting
    // change-poll-ms; kDefaultChangePollMs by default, 0 never (PostgreSQL: NOTIFY alone).
    static constexpr int kDefaultChangePollMs = 1000;
    void setChangePollInterval(int ms);

    // Adds the officer and the account, or replaces both when the id exists; `permissions`, when
    // given, replace what the account is granted beyond its roles, in the same transaction. The
    // officer goes to every workstation through the change stream, and to the audit log.
    bool addUser(const Models::Officer &officer, const QString &password, const std::optional<QStringList> &permissions, QString *error);
    // Removes the account (its password): the officer can no longer sign in, and the officer's
    // name stays in the history; workstations learn of it through the change stream (no work is
    // handed to a disabled officer, and the officer's offline sign-in ends). add-user gives the
    // account back with a new password. false with *error when there is no such account or the
    // database fails.
    bool disableUser(const QString &id, QString *error);
    // The account, or nullopt: none, or the database could not be read (then *error, when given,
    // says why: the hub answers "retry" rather than "wrong password").
    std::optional<UserRecord> user(const QString &id, QString *error = nullptr) const;

    // Session tokens outlive a server restart (and are shared by the instances on one PostgreSQL
    // database), so workstations resume without a password. Only the token's SHA-256 is stored.
    // *stored is false when the account changed since `checked` was read (nothing is stored).
    bool saveSession(const QString &token, const UserRecord &checked, qint64 expires, bool *stored, QString *error);
    struct Session
    {
        QString user;
        qint64 expires = 0;
    };
    // An unexpired session, or nullopt: none, or the database could not be read (then *error, when
    // given, says why: the session may well be valid).
    std::optional<Session> session(const QString &token, qint64 now, QString *error = nullptr) const;
    // The table both backends create (the same SQL on SQLite and PostgreSQL).
    static QString sessionsTableSql();
    QString epoch() const { return m_epoch; }

    ApplyResult apply(const QString &clientId, qint64 seq, const Models::Command &command, const Models::Officer &actor);
    // Several commands, each with apply()'s outcome, in order, committed together (one commit, so
    // a page several of them touch is written once), but one failing never fails the others: on a
    // database error the batch is rolled back and each command applied again on its own.
    virtual QList<ApplyResult> applyBatch(const QList<CommandRequest> &requests);
    QList<Models::ItemChange> changesAfter(qint64 cursor, int limit, QString *error) const;

    // The page after `token`. An empty token starts a snapshot at the current end of the change
    // log, of `scope`, with `officer`'s own open work first (none when empty); a token carries
    // both on. A token from another epoch or one that does not parse is refused with *error set
    // and *code "bad_token", so the client starts over.
    // `mayKeep`: the widest scope the officer may copy; a request or token beyond it is refused
    // ("forbidden").
    bool snapshotPage(const QString &token, const QString &officer, const Models::SyncScope &scope, const Models::SyncScope &mayKeep, int maxRows,
                      SnapshotPage *page,
                      QString *code, QString *error) const;

    // Risk routing (docs/risk-rules.md, docs/protocol.md "Risk and selectivity"); store-risk.cpp.
    // The tables both backends create (the same SQL on SQLite and PostgreSQL).
    static QStringList riskTablesSql();
    // The latest published rule set and its compiled engine (recompiled only when a newer version
    // was published, by this instance or another on the same database); version 0 when none.
    struct Rules
    {
        RuleSetRecord record;
        Models::RiskEngine engine;
    };
    std::optional<Rules> currentRules(QString *error);
    // Parses `text`; refused with every error (nothing stored, the published set stays in force),
    // or stored as the next version with an audit entry.
    PublishResult publishRules(const QString &text, const QString &actor);
    // The last `count` declarations (by id), with their enterprise and goods lines.
    bool recentDeclarations(int count, QList<Models::Declaration> *out, QString *error) const;
    // Checks (checkDeclaration, a registered enterprise), routes with the current rule set and stores a new declaration,
    // its reasons and the rule-set version, a change (with the whole row, so every workstation's
    // cache gets it), its first event and an audit entry, in one transaction. A refused one
    // stores nothing.
    DeclareResult declare(const Models::Declaration &declaration, const QString &actor);
    // Auto-assignment (setting auto-assign): a new declaration goes straight to a window officer of
    // its office, by section and workload (Models::chooseAssignee), under review; off: the shared queue.
    void setAutoAssign(bool on) { m_autoAssign = on; }
    // Changes a declaration's channel by hand (checkReroute(): the permission, a reason, and a
    // mandatory red is never lowered), with a change, an event and an audit entry.
    RerouteResult reroute(qint64 declarationId, Models::Channel to, const QString &reason, const Models::Officer &actor);
    // How a declaration was routed when it arrived (declaration_risk); nullopt when it was not (or
    // on a database error, then with *error set).
    struct StoredRouting
    {
        Models::Channel channel = Models::Channel::Unassessed; // as routed; re-routes change the declaration's
        qint64 ruleSetVersion = 0;
        QString reasons; // riskHitsJson(), compact
        qint64 routedAt = 0;
        QString routedBy;
    };
    std::optional<StoredRouting> routing(qint64 declarationId, QString *error) const;
    // Records the routing of declarations already stored (seed-demo) under `ruleSetVersion`.
    bool recordRoutings(qint64 ruleSetVersion, const QList<Routing> &routings, const QString &actor, QString *error);
    // Registers an enterprise (consignor and consignee registration) or sets its name and credit
    // class; a declaration from an unregistered one is refused. Audited: the credit class decides
    // the mandatory red.
    bool registerEnterprise(const Models::Enterprise &enterprise, const QString &actor, QString *error);
    // What an officer is granted beyond the roles (e.g. Models::kReroutePermission).
    QStringList permissions(const QString &user, QString *error) const;

    // Window services (servicestore.cpp): checks an intake (checkApplicationIntake()), gives it the
    // office's next number of the day and stores the application (state received, the receiving
    // officer, the intake's seconds), a change with the whole row, its first event and an audit
    // entry, in one transaction. A refused one stores nothing.
    ReceiveApplicationResult receiveApplication(const Models::ApplicationIntake &intake, const Models::Officer &officer, qint64 now);
    // A confirmed identity-theft case (supervisors): the buyer's stolen orders, among the buyer's
    // released manifests, stop counting against the quota. All or nothing (QuotaLedger's rules);
    // each restored manifest gets the case in quota_case through a change, an event and an audit
    // entry, so every workstation's quota follows. quotastore.cpp.
    QuotaRestoreResult restoreQuota(const QString &buyerIdNo, const QStringList &orderNos, const QString &caseRef, const Models::Officer &actor);

    // Recomputes the audit chain; false with the first broken entry in *error.
    bool verifyAudit(qint64 *entries, QString *error) const;

signals:
    // Another server instance committed changes (PostgreSQL NOTIFY): the hub sends them to its
    // subscribers. Changes this instance commits are not announced here; the hub knows of them.
    void changesCommitted();

protected:
    virtual QSqlDatabase database() const = 0;
    // The steps of applyBatch: a write transaction, one command inside it (false on a database
    // error, after which the batch is rolled back), commit, rollback.
    virtual bool beginCommands(QString *error) = 0;
    virtual bool applyInTransaction(const CommandRequest &request, ApplyResult *result, QString *error) = 0;
    virtual bool commitCommands(QString *error) = 0;
    virtual void rollbackCommands() = 0;
    // The snapshot table's columns in the cache schema's order, and one keyset page of its rows.
    virtual QStringList snapshotColumns(const QString &table, QString *error) const = 0;
    virtual bool readSnapshotRows(const Storage::SnapshotTable &table, const QStringList &columns, const QJsonArray &afterKey, int limit,
                                  const Storage::RowFilter &filter, Storage::PackedPage *page, QString *error) const = 0;

    // Appends to the logs inside an open write transaction (beginCommands()): when `change` is set,
    // a change-log row for the item (with its fields, if any) and its event; always an audit
    // entry, `audit` with the change's cursor added. lockLog() first serializes writers (PostgreSQL
    // locks the log head; SQLite's BEGIN IMMEDIATE already has).
    struct LogEntry
    {
        bool change = false;
        Models::ItemChange item; // kind, itemId, version, state, assignee, at, actor, command, fromState, reason, fields
        QJsonObject audit;
        QString actor;
        qint64 at = 0;
    };
    virtual bool lockLog(QString *error) = 0;
    // Locks a declaration's row until the transaction ends, before lockLog(): the order commands
    // take (item, then log head), so two instances never wait on each other in a circle.
    virtual bool lockDeclaration(qint64 id, QString *error) = 0;
    // appendLog()'s part that is the same SQL everywhere: the item's event and the change's fields.
    bool appendEventAndFields(const Models::ItemChange &change, qint64 cursor, QString *error);
    // The change-log kind of a change to the officer directory (ItemChange::officer): not a
    // WorkKind, so no work item's changes are mistaken for it.
    static constexpr int kOfficerChangeKind = -1;
    static int changeKind(const Models::ItemChange &c) { return c.officer ? kOfficerChangeKind : int(c.kind); }
    // Appends `officer` as it now is to the change log (every workstation keeps it) with an audit
    // entry, inside a write transaction.
    bool logOfficer(const Models::Officer &officer, const QString &command, QString *error);
    virtual bool appendLog(const LogEntry &entry, qint64 *cursor, QString *error) = 0;

    // Emits changesCommitted() when the change log's end, as `sql` reads it, is past *known (polled
    // for the changes other processes commit).
    void announceNewChanges(const QString &sql, qint64 *known);
    // The backend's look for changes other processes committed (announceNewChanges()), every
    // change-poll interval between startChangePoll() (open) and stopChangePoll() (close).
    virtual void pollChanges() = 0;
    void startChangePoll();
    void stopChangePoll();

    // The audit entry of an accepted command, and the hash that chains it to the previous entry.
    static QString auditEntry(qint64 cursor, const Models::Command &command, const Models::WorkItemState &before,
                              const Models::WorkItemState &after, const QString &clientId, qint64 seq);
    static QJsonObject auditObject(const Models::Command &command, const Models::WorkItemState &before, const Models::WorkItemState &after,
                                   const QString &clientId, qint64 seq);
    // The text of a LogEntry's audit entry once its cursor is known (0: the entry has no change).
    static QString auditText(QJsonObject audit, qint64 cursor);
    static QString chainHash(const QString &previous, const QString &entry);

    // A new password (or new roles) ends the account's sessions: its workstations sign in again.
    static bool revokeSessions(QSqlQuery &q, const QString &user, QString *error);
    // Replaces what `user` is granted beyond the roles (inside a write transaction).
    static bool replacePermissions(QSqlQuery &q, const QString &user, const QStringList &permissions, QString *error);
    // The password's Argon2id hash, or empty with *error when it is too short or cannot be hashed.
    static QString newPasswordHash(const QString &password, QString *error);
    // The lifecycle's decision on the item row `q` selected (state, assignee, office, version), or
    // not_found without one; *before gets the row. The version a holder's decision was made on
    // takes the workstation's earlier command on the item into account (Models::Command::after).
    // false on a database error.
    bool decideOnRow(QSqlQuery *q, const CommandRequest &request, Models::WorkItemState *before, Models::Decision *decision, QString *error) const;
    // A refused command's answer: the reason, and the item as it is (for the workstation to say why
    // in its officer's language, by deciding again on it).
    static void recordRejected(const Models::WorkItemState &before, const Models::Decision &decision, ApplyResult *r);
    // An accepted command's version and the item's state after it, for the ack.
    static void recordApplied(const Models::WorkItemState &before, const Models::WorkItemState &after, ApplyResult *r);
    // A seq that is not the client's next one (r->seq, r->lastSeq set): a retry is answered with
    // what was decided (the ack was lost), a gap asks the client to resend from its oldest command;
    // *answered is then true and nothing is to be changed. false on a database error.
    bool answerOutOfOrderSeq(const QString &clientId, ApplyResult *r, bool *answered, QString *error) const;

    // Runs `sql`, prepared once per connection and kept (PostgreSQL then plans it once), with
    // `binds`; the query, forward-only, or nullptr with *error. close() must dropCachedQueries().
    QSqlQuery *execCached(const QString &sql, const QVariantList &binds, QString *error) const;
    void dropCachedQueries();

    QString m_epoch;

private:
    bool loadDeclarations(const QString &where, const QVariantList &binds, QList<Models::Declaration> *out, QString *error) const;
    bool writeTransaction(const std::function<bool(QString *)> &work, QString *error);
    // The active window officers of `office`, their open declarations and sections.
    bool assignmentCandidates(const QString &office, QList<Models::AssignmentCandidate> *out, QString *error) const;

    mutable std::map<QString, std::unique_ptr<QSqlQuery>> m_queries;
    QTimer *m_changePoll;
    int m_changePollMs = kDefaultChangePollMs;
    bool m_polling = false; // between startChangePoll() and stopChangePoll()
    std::optional<Rules> m_rules; // the compiled latest rule set
    bool m_autoAssign = false;
};

} // namespace Clearway::Server
