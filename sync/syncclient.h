#pragma once

#include "models/entities.h"
#include "models/lifecycle.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>

class QTimer;
class QJsonArray;
class QWebSocket;

namespace Clearway::Storage {
class CacheWriter;
struct CommandReply;
}

namespace Clearway::Sync {

// A session the server opened (docs/protocol.md, "Sign-in").
struct Session
{
    Models::Officer officer;
    QString token;
    qint64 expires = 0;          // the token's end, seconds since the epoch (server clock)
    bool withPassword = false;   // the server checked the password (login), not a resumed token
    qint64 offlineValidFor = 0;  // with the password: how long, in seconds, this workstation may sign
                                 // the officer in without the server (0: not at all)
};

// The workstation's connection to clearway-server (docs/protocol.md). It keeps trying while the
// network is down (backoff with jitter), pushes the outbox on connect, after every local command
// and on a timer, and hands replies and the change stream to the cache writer, which applies them
// off the GUI thread.
class SyncClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncClient)

public:
    enum class State { Stopped, Offline, Connecting, Online };
    Q_ENUM(State)

    explicit SyncClient(Storage::CacheWriter *writer, QObject *parent = nullptr);
    ~SyncClient() override;

    // Trusts the CA certificates in `path` (PEM or DER) besides the system's, for a customs office's
    // own CA; the server's certificate is still verified in full. false with *error when the file
    // cannot be read or holds no certificate.
    bool addTrustedCertificates(const QString &path, QString *error);

    // Connects (and keeps reconnecting) to `url` as `user`: resumes the session of `token` when one
    // is given, else signs in with the password. A refused token falls back to the password.
    void start(const QUrl &url, const QString &user, const QString &password, const QString &token = QString());
    void stop();
    // Away from the server and waiting to try again: tries now, and from the shortest delay again
    // (the network is back, or the officer asked). Nothing when connected or stopped.
    void reconnectNow();
    // Sends what waits in the outbox now (after a local command).
    void pushNow();

    // A request outside the outbox, answered by one reply (docs/protocol.md: rules_get, rules_publish,
    // rules_dry_run, risk_reasons, reroute, application intake…): these need the server now and are
    // not queued while offline. `done` runs once on the GUI thread with the server's reply, unless
    // `context` is gone by then. When no reply can come it gets {"type": "error", "code": c,
    // "message": m} with c = "offline" (no session now), "disconnected" (the connection ended
    // first) or "timeout" (no reply within timeoutMs); m is translated.
    using ReplyHandler = std::function<void(const QJsonObject &reply)>;
    void request(QJsonObject message, QObject *context, ReplyHandler done, int timeoutMs = 30000);
    bool isSignedIn() const { return m_signedIn; }

    State state() const { return m_state; }
    QDateTime lastContact() const { return m_lastContact; }
    QUrl url() const { return m_url; }
    QString user() const { return m_user; }
    QString serverEpoch() const { return m_epoch; }
    // A copy is under way. False also in the moment after sign-in before the cache's state is
    // read: to know that the cache holds the server's data, ask isFollowing().
    bool isSnapshotting() const { return m_snapshotting; }
    // The server answered this connection's subscribe: the cache holds its data and changes follow.
    bool isFollowing() const { return m_following; }
    // Changes (or replies) from the server could not be written to the cache, and are asked for
    // again with a growing delay until they are: the cache is not up to date meanwhile.
    bool isStalled() const { return m_changeFailures > 0; }
    QString stallReason() const { return m_stallReason; }

    // What this workstation keeps (docs/protocol.md, "Scopes"): everything (the default), or only
    // the work of the signed-in officer's office and/or of some kinds. Set before start(). A cache
    // filled with another scope is copied again in this one, and what falls outside is removed
    // (never an item with unsent work).
    void setScope(bool ownOfficeOnly, const QList<Models::WorkKind> &kinds);
    Models::SyncScope scope() const { return m_scope; }
    bool isServerChanged() const { return m_serverChanged; }

Q_SIGNALS:
    void stateChanged(Clearway::Sync::SyncClient::State state);
    void signedIn(const Clearway::Sync::Session &session);
    // The server refused the password (or the token, with no password to fall back on). Sync stops:
    // the same password would be refused again.
    void signInFailed(const QString &message);
    // The server takes no sign-in for this account, or from this address, for retryAfter seconds
    // (too many failed sign-ins; docs/protocol.md, "Sign-in"). Not a verdict on the password.
    void signInThrottled(qint64 retryAfter, const QString &message);
    // A connection ended before a session began: the server refused it or did not answer, the host
    // was not found, or the server closed it (busy, shutting down). The client tries again later.
    void connectionFailed(const QString &detail);
    // The server's TLS certificate is not trusted, or is not for this address. Sync stops: trying
    // again will not help until the certificate (or the trusted CA file) is fixed.
    void certificateRejected(const QString &detail);
    // A command the server refused: the officer is told why.
    void commandRefused(const Clearway::Models::Command &command, const QString &message);
    // The server is not the one this cache was filled from (restored from a backup, or swapped).
    // Nothing is deleted and nothing is sent to it; the officer or support can re-base the cache onto
    // it (Storage::rebaseCache(), the main window's banner, clearway --rebase-cache).
    void serverChanged(const QString &previousEpoch, const QString &epoch);
    // The initial copy of the server's data: rows written so far, of `total`.
    void snapshotProgress(qint64 done, qint64 total);
    void snapshotFinished();
    // During a first copy: the officer's own open work is in the cache (it comes first).
    void ownWorkCopied();
    // The change stream brought officers (accounts added, changed or disabled on the server), or
    // the disabled ones were announced again (announceDisabledOfficers(), once per connection);
    // `disabled`: the ids of those now disabled.
    void officersChanged(const QStringList &disabled);
    // The cache holds the server's data and the change stream is on (after sign-in, and after the
    // initial copy when one was needed).
    void following();
    // isStalled() changed.
    void stalledChanged();

private:
    void setState(State state);
    // Changes could not be read or written: none is taken until they are asked for again.
    void stallChanges(const QString &reason);
    void connectNow();
    void scheduleReconnect();
    void onConnected();
    void onDisconnected();
    void onMessage(const QString &text);
    void login();
    // Resumes the session with the kept token, or signs in with the password.
    void signInNow();
    qint64 send(QJsonObject message);
    void flushChanges();
    void flushReplies();
    void onPage(const QByteArray &frame);
    void resumeSnapshotLater();
    void onDeflatedChanges(const QByteArray &frame);
    void takeChanges(const QJsonArray &changes);
    void startFollowing();
    void subscribe(qint64 cursor);
    void requestPage(const QString &after);
    void resumeSnapshot(); // from the last page written
    void askAgain();

    Storage::CacheWriter *m_writer;
    QWebSocket *m_socket;
    QTimer *m_reconnect;
    QTimer *m_ping;
    QTimer *m_pushTimer;
    QTimer *m_changeBatch;
    QTimer *m_replyBatch;
    QTimer *m_askAgain; // after the server dropped a request without saying which
    QUrl m_url;
    QString m_user;
    QString m_password;
    QString m_token;
    bool m_ownOfficeOnly = false;
    QList<Models::WorkKind> m_scopeKinds;
    Models::SyncScope m_scope; // from the two above and the signed-in officer
    qint64 m_resumeRequest = 0; // the resume being answered: a refusal falls back to the password
    QString m_epoch;
    State m_state = State::Stopped;
    bool m_signedIn = false;
    bool m_replacing = false; // connectNow() is closing the previous connection
    bool m_snapshotting = false;
    bool m_following = false; // "subscribed" came on this connection
    bool m_readingOutbox = false;
    bool m_serverChanged = false; // the server is not the one the cache was filled from: send nothing
    bool m_verified = false;      // this connection's server is the cache's: sending is allowed
    int m_connection = 0; // counts connections, so answers meant for an earlier one are dropped
    qint64 m_snapshotRequest = 0; // the page request being answered; older answers are dropped
    QString m_pageAfter;          // the token it was made with
    int m_attempt = 0;
    int m_signInRetries = 0; // sign-ins on this connection the server could not check just now
    int m_pageFailures = 0; // snapshot pages refused or not written in a row
    qint64 m_nextId = 0;
    qint64 m_lastPong = 0;
    QDateTime m_lastContact;
    QHash<qint64, int> m_inflight; // "commands" frame id -> its commands not answered yet
    int m_unanswered = 0;          // commands sent and not answered, over all frames
    qint64 m_lastSentSeq = 0;      // the outbox is read on after it
    bool m_outboxMore = false;     // the last read was full: more waits in the outbox
    struct PendingRequest
    {
        QPointer<QObject> context;
        ReplyHandler done;
    };
    QHash<qint64, PendingRequest> m_requests; // request() calls waiting for their reply, by id
    void answerRequest(qint64 id, const QJsonObject &reply);
    void failRequests(const QString &code, const QString &message);
    QSet<qint64> m_sentSeqs;
    QList<Models::ItemChange> m_pendingChanges;
    qint64 m_pendingThrough = 0; // the last "through" not yet stored
    bool m_changesFailed = false; // changes could not be written: none taken until the next "subscribed"
    int m_changeFailures = 0;     // in a row, for the delay before asking again; 0: not stalled
    QString m_stallReason;
    QList<Storage::CommandReply> m_pendingReplies; // acks and refusals to settle together
};

} // namespace Clearway::Sync
