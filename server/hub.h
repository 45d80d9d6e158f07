#pragma once

#include "models/entities.h"
#include "server/quotaservice.h"
#include "server/riskservice.h"
#include "server/signinthrottle.h"
#include "server/windowservice.h"
#include "server/store.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QThreadPool>
#include <QWebSocketProtocol>

#include <memory>
#include <optional>

class QTimer;
class QWebSocket;
class QWebSocketServer;

namespace Clearway::Server {


struct HubOptions
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 0;           // 0: any free port
    int handshakeTimeoutMs = 10000; // a TCP connection must finish the WebSocket handshake within this
    int loginTimeoutMs = 10000; // a connection must sign in within this
    int idleTimeoutMs = 90000;  // a connection from which nothing arrives for this long is closed (workstations ping every 20 s)
    int maxConnections = 2000;
    int maxMessagesPerSecond = 500;
    int maxMalformedInARow = 3;
    int sessionHours = 12;
    int offlineSignInDays = 7;   // how long a workstation may sign an officer in without the server; 0: never
    int sessionCheckMs = 2000;   // how often open connections' sessions are checked (disable-user, a new password)
    int throughMs = 5000;        // how often a subscriber that got none of the latest changes (its scope) is told how far the log is
    int snapshotPageRows = 4000; // about 2 MB of declarations: a few milliseconds to read and to write
    // Slow readers: a subscriber with more than sendQueueHighBytes queued on its socket gets no
    // changes until it drains to half of it; a connection with more than sendQueueMaxBytes queued,
    // or above sendQueueHighBytes for longer than slowReaderTimeoutMs, is closed.
    qint64 sendQueueHighBytes = qint64(8) << 20;
    qint64 sendQueueMaxBytes = qint64(64) << 20;
    int slowReaderTimeoutMs = 60000;
    int closeGraceMs = 2000; // a connection the server closed is cut if it has not gone after this (its last frames unread)
    SignInThrottle::Limits signInLimits; // failed sign-ins per account and per address
    QString blobDir;                                 // blob transfer on with a folder; off when empty
    qint64 maxBlobBytes = qint64(2048) << 20;        // a bigger upload is refused with too_large
    std::optional<QSslConfiguration> tls; // wss:// with this; plain ws:// without (tests, loopback only)
};

// The WebSocket endpoint of docs/protocol.md: handshake, sign-in, commands, the change stream.
class BlobStore;

class Hub final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Hub)

public:
    Hub(Store *store, const HubOptions &options, QObject *parent = nullptr);
    ~Hub() override;

    bool listen(QString *error);
    quint16 port() const;
    // Closes every connection now, without waiting for anything to go out.
    void close();
    // Graceful stop (SIGTERM): stops accepting, answers the commands already read, closes every
    // connection with 1001 (going away) and gives the last frames up to closeGraceMs to go out;
    // then emits stopped().
    void shutdown();

    // Outbox commands one "commands" frame may carry (docs/protocol.md).
    static constexpr qsizetype kMaxCommandsPerFrame = 256;

Q_SIGNALS:
    void stopped();

private:
    struct Connection;

    void onNewConnection();
    void onMessage(Connection *c, const QString &text);
    // While a login's password is checked, what else the connection sends waits here and is then
    // handled in order (ping is answered at once).
    struct Held
    {
        QString type; // empty: a binary frame
        qint64 id = 0;
        QJsonObject body;
        QByteArray frame;
        qsizetype bytes = 0; // as received
    };
    void hold(Connection *c, Held message);
    void handleBinary(Connection *c, const QByteArray &frame);
    void handleHeld(Connection *c);
    void handle(Connection *c, const QString &type, qint64 id, const QJsonObject &body);
    bool withinRate(Connection *c);
    void malformed(Connection *c, const QString &code, const QString &message);
    // Blobs (docs/protocol.md): blob_begin and blob_get, chunk frames, downloads paced by what the
    // socket has still to write.
    void handleBlob(Connection *c, const QString &type, qint64 id, const QJsonObject &body);
    void onBinaryMessage(Connection *c, const QByteArray &frame);
    void pumpDownloads(Connection *c);
    void sendBlobError(Connection *c, qint64 re, const QString &code, const QString &message, const QString &sha256, qint64 expected = -1);
    // Sends the session; offlineValidFor >= 0 (a sign-in with the password) adds the offline period.
    void signIn(Connection *c, qint64 id, const UserRecord &record, qint64 expires, const QString &token, qint64 offlineValidFor);
    // login: the password is checked by Argon2id on m_verifiers, off the hub's thread;
    // finishLogin() takes the answer back on it.
    void startLogin(Connection *c, qint64 id, const QString &user, const QString &password);
    void finishLogin(QWebSocket *socket, quint64 serial, qint64 id, const QString &user, const QString &address, const std::optional<UserRecord> &record,
                     bool ok);
    void openSession(Connection *c, qint64 id, const UserRecord &record);
    void send(Connection *c, const QJsonObject &message);
    void sendError(Connection *c, qint64 re, const QString &code, const QString &message);
    // Every frame to a connection goes through these: nothing to a connection being closed, and one
    // with more than sendQueueMaxBytes queued is closed as a slow reader.
    void sendText(Connection *c, const QString &text);
    void sendBinary(Connection *c, const QByteArray &frame);
    void closeIfSwamped(Connection *c);
    bool overWatermark(const Connection *c) const;
    // What waits to go out on the connection: the frames the WebSocket holds, and under TLS the
    // encrypted bytes the TLS socket holds.
    static qint64 queuedBytes(const Connection *c);
    // Closes a connection with a close frame; it is cut (abort) after closeGraceMs if it has not
    // gone by then, so a peer that reads nothing does not keep it forever. Nothing more is sent to it.
    void hangUp(Connection *c, QWebSocketProtocol::CloseCode code, const QString &reason);
    // Every few hundred ms: closes idle connections and slow readers, forgets old sign-in failures.
    void sweep();
    // Sends each subscriber the changes it lacks; `now`: without waiting for the pacing interval.
    void publishChanges(bool now = false);
    // Tells each subscriber that got no change of its scope since the last time how far the change
    // log is (a "through" message), every HubOptions::throughMs.
    void tellThrough();
    void applyPending();
    void drop(QWebSocket *socket);
    // A connection whose session the database no longer has (the account disabled, or given a new
    // password, perhaps by another process or instance) is told so and closed: it must sign in again.
    void checkSessions();

    Store *m_store;
    HubOptions m_options;
    QWebSocketServer *m_server;
    std::unique_ptr<BlobStore> m_blobs; // null: blob transfer is off
    QTimer *m_publishTimer;      // the next fan-out round, when the last was too recent
    QTimer *m_sessionCheck;      // ends connections whose session was revoked (checkSessions())
    QTimer *m_throughTimer;      // tellThrough()
    QTimer *m_sweep;             // sweep()
    QTimer *m_stopTimer;         // shutdown(): the last connections are cut when it fires
    QElapsedTimer m_lastPublish;
    QElapsedTimer m_clock;       // the sign-in throttle's time
    SignInThrottle m_throttle;
    QThreadPool m_verifiers;     // Argon2id password checks
    quint64 m_serials = 0;       // numbers connections, so that an answer for a closed one is not taken for another's
    bool m_stopping = false;
    QHash<QWebSocket *, Connection *> m_connections;
    RiskService m_risk;
    WindowService m_window;
    QuotaService m_quota;
    // Commands received and not yet applied: applied together once the event loop has read what
    // the sockets hold, so that a backend can commit them at once (Store::applyBatch).
    struct PendingCommand
    {
        QPointer<QWebSocket> socket; // null once the connection is gone
        qint64 id = 0;
    };
    QList<PendingCommand> m_pending;
    QList<CommandRequest> m_pendingRequests;
};

} // namespace Clearway::Server
