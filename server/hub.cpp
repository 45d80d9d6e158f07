#include "server/hub.h"

#include "server/blobstore.h"
#include "server/store.h"
#include "storage/passwordhash.h"
#include "sync/message.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPointer>
#include <QRandomGenerator>
#include <QSslSocket>
#include <QTcpServer>
#include <QThread>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <algorithm>
#include <numeric>

namespace Clearway::Server {

Q_LOGGING_CATEGORY(lcHub, "clearway.server.hub")

namespace {

// The TLS socket under a wss:// connection. QWebSocketServer keeps it as a child of its own TLS
// server rather than of the WebSocket; it is the one with the same two ends.
QSslSocket *tlsSocketOf(const QWebSocketServer *server, const QWebSocket *socket)
{
    const auto sockets = server->findChildren<QSslSocket *>();
    for (QSslSocket *tls : sockets) {
        if (tls->peerPort() == socket->peerPort() && tls->localPort() == socket->localPort() && tls->peerAddress() == socket->peerAddress())
            return tls;
    }
    return nullptr;
}

} // namespace

struct Hub::Connection
{
    QWebSocket *socket = nullptr;
    // Under a wss:// connection: the TLS socket, whose encrypted bytes not yet taken by the kernel
    // the WebSocket's bytesToWrite() does not count (queuedBytes()).
    QPointer<QSslSocket> tls;
    quint64 serial = 0;
    QString address; // the peer's, for the sign-in throttle and the log
    QTimer *loginTimer = nullptr;
    QElapsedTimer lastHeard; // the last message from the peer (idle connections are closed)
    bool hello = false;
    bool signedIn = false;
    bool closing = false;   // hangUp(): nothing more is read from it or sent to it
    bool verifying = false; // a login's password is being checked; later messages wait in `held`
    QList<Held> held;
    int loginLeftMs = -1; // of the sign-in deadline, while the password is checked (-1: signed in already)
    // Above the send-queue watermark: skipped by fan-out rounds until the socket drains to half of
    // it (then a round is started for it); aboveWatermark says since when.
    bool waitingForDrain = false;
    QElapsedTimer aboveWatermark;
    Models::Officer officer;
    QString clientId;
    QString sessionToken; // the session it signed in or resumed with
    qint64 cursor = -1; // subscribed from here; -1 when not subscribed
    // How far the subscriber knows it has everything of its scope: the last change sent to it, or
    // the last "through" (tellThrough()).
    qint64 toldThrough = -1;
    Models::SyncScope scope; // the changes it takes
    Models::SyncScope mayKeep; // the widest scope its officer may copy and follow (signIn())
    QString scopeKey;        // the scope as JSON: subscribers with the same share frames
    bool deflateChanges = false; // asked for binary "changes" frames in hello
    int malformedInARow = 0;
    QElapsedTimer rateWindow;
    int messagesInWindow = 0;
    QHash<QString, qint64> uploads; // blob_begin: SHA-256 -> declared size
    struct Download
    {
        qint64 re = 0;
        QString sha256;
        qint64 offset = 0;
        qint64 size = 0;
    };
    QList<Download> downloads; // blob_get, in the order asked
};

Hub::Hub(Store *store, const HubOptions &options, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_options(options)
    , m_server(new QWebSocketServer(QStringLiteral("clearway-server"), options.tls ? QWebSocketServer::SecureMode : QWebSocketServer::NonSecureMode,
                                    this))
    , m_publishTimer(new QTimer(this))
    , m_sessionCheck(new QTimer(this))
    , m_throughTimer(new QTimer(this))
    , m_sweep(new QTimer(this))
    , m_stopTimer(new QTimer(this))
    , m_throttle(options.signInLimits)
    , m_risk(store)
    , m_window(store)
    , m_quota(store)
{
    if (!options.blobDir.isEmpty())
        m_blobs = std::make_unique<BlobStore>(options.blobDir);
    connect(m_server, &QWebSocketServer::newConnection, this, &Hub::onNewConnection);
    // Another server instance on the same database committed changes.
    connect(m_store, &Store::changesCommitted, this, [this] { publishChanges(); });
    m_publishTimer->setSingleShot(true);
    m_publishTimer->setTimerType(Qt::PreciseTimer);
    connect(m_publishTimer, &QTimer::timeout, this, [this] { publishChanges(); });
    m_sessionCheck->setInterval(m_options.sessionCheckMs);
    connect(m_sessionCheck, &QTimer::timeout, this, &Hub::checkSessions);
    m_sessionCheck->start();
    m_throughTimer->setInterval(m_options.throughMs);
    connect(m_throughTimer, &QTimer::timeout, this, &Hub::tellThrough);
    m_throughTimer->start();
    // Checks each connection a few times within the shortest of the limits it enforces.
    m_sweep->setInterval(std::clamp(std::min(m_options.idleTimeoutMs, m_options.slowReaderTimeoutMs) / 4, 100, 1000));
    connect(m_sweep, &QTimer::timeout, this, &Hub::sweep);
    m_sweep->start();
    m_stopTimer->setSingleShot(true);
    connect(m_stopTimer, &QTimer::timeout, this, [this] {
        qCWarning(lcHub) << m_connections.size() << "connections did not close in time: cut";
        close(); // drop() says stopped() when the last is gone
    });
    m_clock.start();
    // Argon2id takes 64 MiB and about 0.1 s a check: a few at a time, each on a core of its own.
    // A thread ends as soon as no check waits, so that none idles beside the hub between bursts of
    // sign-ins (starting one costs far less than a check). With QThreadPool's default (30 s idle)
    // bench_load's 1,000 workstations caught up after a gap in 3.2 to 5.5 s in five runs; ending
    // them, in 0.6 to 0.9 s in five runs of nine (the machine's noise is large: the server before
    // the pool took 0.85 to 5.8 s).
    m_verifiers.setExpiryTimeout(0);
    m_verifiers.setMaxThreadCount(std::clamp(QThread::idealThreadCount(), 1, 4));
    m_server->setHandshakeTimeout(m_options.handshakeTimeoutMs);
    if (options.tls) {
        m_server->setSslConfiguration(*options.tls);
        // A workstation that does not trust the certificate hangs up during the handshake.
        connect(m_server, &QWebSocketServer::alertReceived, this, [](QSsl::AlertLevel, QSsl::AlertType, const QString &description) {
            qCInfo(lcHub).noquote() << "TLS alert from a client:" << description;
        });
        connect(m_server, &QWebSocketServer::serverError, this, [this](QWebSocketProtocol::CloseCode) {
            qCInfo(lcHub).noquote() << "connection refused:" << m_server->errorString();
        });
    }
}

Hub::~Hub()
{
    // A check still running posts its answer to this hub: wait for it (the queued ones never start).
    m_verifiers.clear();
    m_verifiers.waitForDone();
    close();
}

bool Hub::listen(QString *error)
{
    if (m_blobs && !m_blobs->open(error))
        return false;
    // Workstations come back together (after a network cut, a server restart): with QTcpServer's
    // default backlog of 50 the kernel dropped the rest of such a burst, and each dropped connection
    // waited for TCP to try again, 1 s, then 3 s, 7 s, 15 s… (bench_load's 1,000 at once took a
    // minute). QWebSocketServer has no setter of its own; its QTcpServer is its child.
    if (auto *tcp = m_server->findChild<QTcpServer *>())
        tcp->setListenBacklogSize(std::max(50, m_options.maxConnections));
    else
        qCWarning(lcHub) << "the listening socket's backlog could not be set: connection bursts beyond 50 wait for TCP's retries";
    if (!m_server->listen(m_options.address, m_options.port)) {
        *error = m_server->errorString();
        return false;
    }
    return true;
}

quint16 Hub::port() const { return m_server->serverPort(); }

void Hub::close()
{
    m_server->close();
    const auto sockets = m_connections.keys();
    for (QWebSocket *socket : sockets) {
        socket->close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("server shutting down"));
        socket->abort(); // what the peer has not read is not waited for
        drop(socket);
    }
}

void Hub::shutdown()
{
    if (m_stopping)
        return;
    m_stopping = true;
    m_server->close(); // no new connections
    m_sessionCheck->stop();
    m_throughTimer->stop();
    m_verifiers.clear(); // sign-ins not begun yet: their connections are closing
    // The commands already read are applied and answered, and their changes sent, before the
    // close frames, which go out behind them.
    applyPending();
    publishChanges(true); // not left to a paced round, which would come after the close
    qCInfo(lcHub) << "shutting down: closing" << m_connections.size() << "connections";
    const auto connections = m_connections.values();
    for (Connection *c : connections)
        hangUp(c, QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("server shutting down"));
    if (m_connections.isEmpty())
        Q_EMIT stopped();
    else
        m_stopTimer->start(m_options.closeGraceMs + 500); // hangUp() cuts each after closeGraceMs; this is the backstop
}

void Hub::onNewConnection()
{
    while (QWebSocket *socket = m_server->nextPendingConnection()) {
        if (m_connections.size() >= m_options.maxConnections) {
            // 1006 must never be sent (clients take it for a protocol error); 1013 "try again later"
            // would fit, but Qt's clients refuse codes 1012..2999 the same way.
            socket->sendTextMessage(QString::fromUtf8(
                Sync::encodeError(0, QStringLiteral("server_busy"), QStringLiteral("more than %1 connections").arg(m_options.maxConnections))));
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("server_busy"));
            socket->deleteLater();
            continue;
        }
        socket->setMaxAllowedIncomingMessageSize(Sync::kMaxFrameBytes);
        socket->setMaxAllowedIncomingFrameSize(Sync::kMaxFrameBytes);
        auto *c = new Connection;
        c->socket = socket;
        if (m_options.tls) {
            c->tls = tlsSocketOf(m_server, socket);
            if (!c->tls)
                qCWarning(lcHub) << "a TLS connection whose TLS socket is not found: its send queue counts unencrypted bytes only";
        }
        c->serial = ++m_serials;
        const QHostAddress peer = socket->peerAddress();
        bool v4 = false;
        const quint32 ipv4 = peer.toIPv4Address(&v4); // ::ffff:a.b.c.d is a.b.c.d
        c->address = v4 ? QHostAddress(ipv4).toString() : peer.toString();
        c->rateWindow.start();
        c->lastHeard.start();
        c->loginTimer = new QTimer(socket);
        c->loginTimer->setSingleShot(true);
        connect(c->loginTimer, &QTimer::timeout, socket, [this, c] {
            qCInfo(lcHub).noquote() << "closing a connection from" << c->address << "that did not sign in";
            hangUp(c, QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("sign in within the time limit"));
        });
        c->loginTimer->start(m_options.loginTimeoutMs);
        m_connections.insert(socket, c);
        connect(socket, &QWebSocket::textMessageReceived, this, [this, c](const QString &text) { onMessage(c, text); });
        connect(socket, &QWebSocket::binaryMessageReceived, this, [this, c](const QByteArray &frame) { onBinaryMessage(c, frame); });
        connect(socket, &QWebSocket::bytesWritten, this, [this, c, socket] {
            if (m_connections.value(socket) != c || c->closing) // not after drop(), which deletes c before the socket
                return;
            pumpDownloads(c);
            if (!overWatermark(c))
                c->aboveWatermark.invalidate();
            // A subscriber skipped for its full queue gets the changes it lacks once it has room.
            if (c->waitingForDrain && queuedBytes(c) <= m_options.sendQueueHighBytes / 2) {
                c->waitingForDrain = false;
                publishChanges();
            }
        });
        // Queued: a Connection is deleted from the event loop only, never under a call that holds
        // it (closing a socket whose data has gone out says "disconnected" at once).
        connect(socket, &QWebSocket::disconnected, this, [this, socket] { drop(socket); }, Qt::QueuedConnection);
    }
}

void Hub::drop(QWebSocket *socket)
{
    Connection *c = m_connections.take(socket);
    if (!c)
        return;
    if (m_blobs) {
        for (auto it = c->uploads.cbegin(); it != c->uploads.cend(); ++it)
            m_blobs->release(it.key());
    }
    c->loginTimer->stop(); // its timeout would find c gone; the socket that owns it goes later
    socket->deleteLater();
    delete c;
    if (m_stopping && m_connections.isEmpty()) {
        m_stopTimer->stop();
        Q_EMIT stopped();
    }
}

void Hub::hangUp(Connection *c, QWebSocketProtocol::CloseCode code, const QString &reason)
{
    if (c->closing)
        return;
    c->closing = true;
    c->cursor = -1;
    c->held.clear();
    c->downloads.clear();
    c->loginTimer->stop();
    QWebSocket *socket = c->socket;
    QTimer::singleShot(m_options.closeGraceMs, socket, [socket] { socket->abort(); });
    socket->close(code, reason);
}

void Hub::sendText(Connection *c, const QString &text)
{
    if (c->closing)
        return;
    c->socket->sendTextMessage(text);
    closeIfSwamped(c);
}

void Hub::sendBinary(Connection *c, const QByteArray &frame)
{
    if (c->closing)
        return;
    c->socket->sendBinaryMessage(frame);
    closeIfSwamped(c);
}

void Hub::closeIfSwamped(Connection *c)
{
    const qint64 queued = queuedBytes(c);
    if (queued <= m_options.sendQueueMaxBytes)
        return;
    qCWarning(lcHub).noquote() << "closing a slow reader:" << c->officer.id << "from" << c->address << "has" << queued << "bytes unread";
    hangUp(c, QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("slow_reader: too much unread"));
}

qint64 Hub::queuedBytes(const Connection *c)
{
    return c->socket->bytesToWrite() + (c->tls ? c->tls->encryptedBytesToWrite() : 0);
}

bool Hub::overWatermark(const Connection *c) const { return queuedBytes(c) > m_options.sendQueueHighBytes; }

void Hub::send(Connection *c, const QJsonObject &message) { sendText(c, QString::fromUtf8(Sync::encode(message))); }

void Hub::sendError(Connection *c, qint64 re, const QString &code, const QString &message)
{
    sendText(c, QString::fromUtf8(Sync::encodeError(re, code, message)));
}

void Hub::sweep()
{
    const auto connections = m_connections.values();
    for (Connection *c : connections) {
        if (c->closing)
            continue;
        if (c->lastHeard.hasExpired(m_options.idleTimeoutMs)) {
            qCInfo(lcHub).noquote() << "closing an idle connection:" << (c->signedIn ? c->officer.id : QStringLiteral("(not signed in)")) << "from"
                                    << c->address << "sent nothing for" << m_options.idleTimeoutMs / 1000 << "s";
            hangUp(c, QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("idle_timeout: nothing received"));
            continue;
        }
        if (!overWatermark(c)) {
            c->aboveWatermark.invalidate();
        } else if (!c->aboveWatermark.isValid()) {
            c->aboveWatermark.start();
        } else if (c->aboveWatermark.hasExpired(m_options.slowReaderTimeoutMs)) {
            qCWarning(lcHub).noquote() << "closing a slow reader:" << c->officer.id << "from" << c->address << "has had more than"
                                       << m_options.sendQueueHighBytes << "bytes unread for" << m_options.slowReaderTimeoutMs / 1000 << "s";
            hangUp(c, QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("slow_reader: changes unread for too long"));
        }
    }
    m_throttle.prune(m_clock.elapsed());
}

// Text and chunk frames count alike: a chunk frame is at most half the frame limit.
bool Hub::withinRate(Connection *c)
{
    if (c->rateWindow.elapsed() > 1000) {
        c->rateWindow.restart();
        c->messagesInWindow = 0;
    }
    if (++c->messagesInWindow > m_options.maxMessagesPerSecond) {
        sendError(c, 0, QStringLiteral("rate_limited"), QStringLiteral("more than %1 messages a second").arg(m_options.maxMessagesPerSecond));
        return false;
    }
    return true;
}

void Hub::malformed(Connection *c, const QString &code, const QString &message)
{
    sendError(c, 0, code, message);
    if (++c->malformedInARow >= m_options.maxMalformedInARow)
        hangUp(c, QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("too many malformed messages"));
}

void Hub::onMessage(Connection *c, const QString &text)
{
    if (c->closing)
        return;
    c->lastHeard.start();
    if (!withinRate(c))
        return;
    Sync::DecodeError error;
    const std::optional<Sync::Message> m = Sync::decode(text.toUtf8(), &error);
    if (!m) {
        malformed(c, error.code, error.message);
        return;
    }
    c->malformedInARow = 0;
    if (c->verifying && m->type != QLatin1String("ping")) {
        hold(c, {m->type, m->id, m->body, {}, text.size() * qsizetype(sizeof(QChar))});
        return;
    }
    handle(c, m->type, m->id, m->body);
}

void Hub::hold(Connection *c, Held message)
{
    // At most this many, and this much, wait; more are refused as the rate limit refuses (and not
    // acted on).
    constexpr qsizetype kMaxHeld = 64;
    constexpr qsizetype kMaxHeldBytes = 4 * Sync::kMaxFrameBytes;
    const qsizetype heldBytes = std::accumulate(c->held.cbegin(), c->held.cend(), message.bytes, [](qsizetype sum, const Held &h) { return sum + h.bytes; });
    if (c->held.size() >= kMaxHeld || heldBytes > kMaxHeldBytes) {
        sendError(c, message.id, QStringLiteral("rate_limited"), QStringLiteral("wait for the answer to the login before sending more"));
        return;
    }
    c->held.append(std::move(message));
}

void Hub::handleHeld(Connection *c)
{
    while (!c->verifying && !c->closing && !c->held.isEmpty()) {
        const Held h = c->held.takeFirst();
        if (h.type.isEmpty())
            handleBinary(c, h.frame);
        else
            handle(c, h.type, h.id, h.body);
    }
}

void Hub::checkSessions()
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QHash<QString, bool> valid; // by token: many connections may share a session
    QList<Connection *> ended;
    for (Connection *c : std::as_const(m_connections)) {
        if (!c->signedIn || c->closing)
            continue;
        auto it = valid.find(c->sessionToken);
        if (it == valid.end()) {
            QString error;
            const bool found = m_store->session(c->sessionToken, now, &error).has_value();
            if (!error.isEmpty())
                return; // the database cannot tell now (PostgreSQL out of reach): no session ends, the next check decides
            it = valid.insert(c->sessionToken, found);
        }
        if (!*it)
            ended << c;
    }
    // What ended a session (disable-user) was committed with a change: the workstation gets it first.
    if (std::any_of(ended.cbegin(), ended.cend(), [](const Connection *c) { return c->cursor >= 0; }))
        publishChanges(true);
    for (Connection *c : std::as_const(ended)) {
        qCInfo(lcHub).noquote() << "session of" << c->officer.id << "ended: closing its connection";
        sendError(c, 0, QStringLiteral("session_ended"),
                  QStringLiteral("the session ended (the account was disabled, given a new password, or the session expired): sign in again"));
        c->signedIn = false;
        hangUp(c, QWebSocketProtocol::CloseCodeNormal, QStringLiteral("session_ended"));
    }
}

void Hub::signIn(Connection *c, qint64 id, const UserRecord &record, qint64 expires, const QString &token, qint64 offlineValidFor)
{
    // What the officer may keep on a workstation: their office's work, unless granted more. Not
    // guessed when the permissions cannot be read now: a narrower scope would make the workstation
    // copy again, twice.
    QString error;
    const QStringList granted = m_store->permissions(record.officer.id, &error);
    if (!error.isEmpty()) {
        qCWarning(lcHub).noquote() << "cannot read the permissions of" << record.officer.id << ":" << error;
        sendError(c, id, QStringLiteral("internal"), QStringLiteral("the account could not be checked; retry"));
        return;
    }
    c->signedIn = true;
    c->officer = record.officer;
    c->sessionToken = token;
    c->loginTimer->stop();
    c->mayKeep = Models::SyncScope::mayKeep(record.officer, granted);
    QJsonObject session{{QStringLiteral("type"), QStringLiteral("session")},
                        {QStringLiteral("re"), id},
                        {QStringLiteral("token"), token},
                        {QStringLiteral("expires"), expires},
                        {QStringLiteral("officer"), c->officer.toJson()},
                        {QStringLiteral("mayKeep"), c->mayKeep.toJson()}};
    if (offlineValidFor >= 0)
        session.insert(QStringLiteral("offlineValidFor"), offlineValidFor);
    send(c, session);
}

void Hub::startLogin(Connection *c, qint64 id, const QString &user, const QString &password)
{
    bool forAccount = false;
    if (const qint64 wait = m_throttle.retryAfterMs(user, c->address, m_clock.elapsed(), &forAccount); wait > 0) {
        const qint64 seconds = (wait + 999) / 1000;
        send(c, {{QStringLiteral("type"), QStringLiteral("error")},
                 {QStringLiteral("re"), id},
                 {QStringLiteral("code"), QStringLiteral("rate_limited")},
                 {QStringLiteral("message"), QStringLiteral("too many sign-ins failed or being checked %1: try again in %2 s")
                                                 .arg(forAccount ? QStringLiteral("for this account") : QStringLiteral("from this address"))
                                                 .arg(seconds)},
                 {QStringLiteral("retryAfter"), seconds}});
        return;
    }
    QString readError;
    const std::optional<UserRecord> record = m_store->user(user, &readError);
    if (!readError.isEmpty()) {
        // Not "wrong password": the database cannot tell now (PostgreSQL out of reach).
        qCWarning(lcHub).noquote() << "cannot read an account:" << readError;
        sendError(c, id, QStringLiteral("internal"), QStringLiteral("the account could not be checked; retry"));
        return;
    }
    // The sign-in deadline stands still while the password is checked (a burst of sign-ins waits
    // for the verifiers).
    c->loginLeftMs = c->signedIn ? -1 : c->loginTimer->remainingTime();
    c->loginTimer->stop();
    c->verifying = true;
    QWebSocket *socket = c->socket; // a key to find the connection again, never used on the pool's thread
    const quint64 serial = c->serial;
    const QString address = c->address;
    m_throttle.checking(user, address);
    m_verifiers.start([this, socket, serial, id, user, address, password, record] {
        // An unknown user costs the same Argon2id work as a known one, so timing does not tell
        // which users exist.
        static const QString decoy = Storage::hashPassword(QStringLiteral("decoy password for unknown users"), Storage::HashCost::Interactive);
        const bool ok = Storage::verifyPassword(record ? record->passwordHash : decoy, password) && record;
        QMetaObject::invokeMethod(
            this, [this, socket, serial, id, user, address, record, ok] { finishLogin(socket, serial, id, user, address, record, ok); },
            Qt::QueuedConnection);
    });
}

void Hub::finishLogin(QWebSocket *socket, quint64 serial, qint64 id, const QString &user, const QString &address,
                      const std::optional<UserRecord> &record, bool ok)
{
    // Counted whether or not the connection is still there: closing it does not undo a guess.
    if (ok) {
        m_throttle.succeeded(user, address);
    } else {
        qCInfo(lcHub).noquote() << "failed sign-in for" << user << "from" << address;
        for (const SignInThrottle::Block &b : m_throttle.failed(user, address, m_clock.elapsed())) {
            qCWarning(lcHub).noquote() << QStringLiteral("sign-ins %1 refused for %2 s: %3 failed within a minute (the last for \"%4\" from %5)")
                                              .arg(b.account ? QStringLiteral("to \"%1\"").arg(user) : QStringLiteral("from ") + address)
                                              .arg(b.ms / 1000)
                                              .arg(b.failures)
                                              .arg(user, address);
        }
    }
    Connection *c = m_connections.value(socket);
    if (!c || c->serial != serial || c->closing)
        return; // closed meanwhile
    c->verifying = false;
    if (ok)
        openSession(c, id, *record);
    else
        sendError(c, id, QStringLiteral("bad_credentials"), QStringLiteral("wrong user or password"));
    // Not signed in after all (a wrong password, or the session could not be stored): the deadline
    // goes on from where it stood.
    if (!c->signedIn && c->loginLeftMs >= 0)
        c->loginTimer->start(c->loginLeftMs);
    handleHeld(c);
}

void Hub::openSession(Connection *c, qint64 id, const UserRecord &record)
{
    QByteArray raw(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(raw.data()), reinterpret_cast<quint32 *>(raw.data() + raw.size()));
    const QString token = QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    const qint64 expires = QDateTime::currentSecsSinceEpoch() + qint64(m_options.sessionHours) * 3600;
    QString saveError;
    bool stored = false;
    if (!m_store->saveSession(token, record, expires, &stored, &saveError)) {
        qCWarning(lcHub).noquote() << "cannot store a session:" << saveError;
        sendError(c, id, QStringLiteral("internal"), QStringLiteral("the session could not be stored; retry"));
        return;
    }
    if (!stored) { // the password was changed, or the account disabled, while it was checked
        sendError(c, id, QStringLiteral("bad_credentials"), QStringLiteral("wrong user or password"));
        return;
    }
    signIn(c, id, record, expires, token, qint64(m_options.offlineSignInDays) * 86400);
}

void Hub::handle(Connection *c, const QString &type, qint64 id, const QJsonObject &body)
{
    if (type == QLatin1String("ping")) {
        send(c, {{QStringLiteral("type"), QStringLiteral("pong")}, {QStringLiteral("re"), id}});
        return;
    }
    if (type == QLatin1String("hello")) {
        bool speaksOurs = false;
        for (const QJsonValue &v : body.value(QStringLiteral("protocol")).toArray())
            speaksOurs = speaksOurs || v.toInt() == Sync::kProtocolVersion;
        if (!speaksOurs) {
            sendError(c, id, QStringLiteral("unsupported_version"), QStringLiteral("this server speaks protocol %1").arg(Sync::kProtocolVersion));
            hangUp(c, QWebSocketProtocol::CloseCodeProtocolError, QStringLiteral("unsupported_version"));
            return;
        }
        const QString clientId = body.value(QStringLiteral("clientId")).toString();
        if (clientId.isEmpty() || clientId.size() > 64) {
            sendError(c, id, QStringLiteral("bad_request"), QStringLiteral("field \"clientId\" must be a string of 1 to 64 characters"));
            return;
        }
        c->hello = true;
        c->clientId = clientId;
        c->deflateChanges = body.value(QStringLiteral("changeFrames")).toString() == QLatin1String(Sync::kDeflateChanges);
        QJsonObject welcome{{QStringLiteral("type"), QStringLiteral("welcome")},
                            {QStringLiteral("re"), id},
                            {QStringLiteral("protocol"), Sync::kProtocolVersion},
                            {QStringLiteral("server"), QStringLiteral("clearway-server/0.1.0")},
                            {QStringLiteral("epoch"), m_store->epoch()},
                            {QStringLiteral("time"), QDateTime::currentSecsSinceEpoch()}};
        if (c->deflateChanges)
            welcome.insert(QStringLiteral("changeFrames"), QLatin1String(Sync::kDeflateChanges));
        send(c, welcome);
        return;
    }
    if (!c->hello) {
        sendError(c, id, QStringLiteral("bad_request"), QStringLiteral("say hello first"));
        return;
    }
    if (type == QLatin1String("login")) {
        Sync::DecodeError error;
        QString user;
        QString password;
        if (!Sync::readString(body, QStringLiteral("user"), true, 64, &user, &error)
            || !Sync::readString(body, QStringLiteral("password"), true, 1024, &password, &error)) {
            sendError(c, id, error.code, error.message);
            return;
        }
        startLogin(c, id, user, password);
        return;
    }
    if (type == QLatin1String("resume")) {
        Sync::DecodeError error;
        QString token;
        if (!Sync::readString(body, QStringLiteral("token"), true, 256, &token, &error)) {
            sendError(c, id, error.code, error.message);
            return;
        }
        // A token ends with its time, and with its account: disabled, or given a new password since
        // (both delete the account's sessions).
        QString readError;
        const std::optional<Store::Session> session = m_store->session(token, QDateTime::currentSecsSinceEpoch(), &readError);
        const std::optional<UserRecord> record = session ? m_store->user(session->user, &readError) : std::nullopt;
        if (!readError.isEmpty()) {
            qCWarning(lcHub).noquote() << "cannot read a session:" << readError;
            sendError(c, id, QStringLiteral("internal"), QStringLiteral("the session could not be checked; retry"));
            return;
        }
        if (!record) {
            sendError(c, id, QStringLiteral("token_expired"), QStringLiteral("sign in again"));
            return;
        }
        signIn(c, id, *record, session->expires, token, -1);
        return;
    }
    if (!c->signedIn) {
        sendError(c, id, QStringLiteral("not_authenticated"), QStringLiteral("sign in first"));
        return;
    }
    if (type.startsWith(QLatin1String("blob_"))) {
        handleBlob(c, type, id, body);
        return;
    }
    if (type == QLatin1String("command")) {
        Sync::DecodeError error;
        const std::optional<Sync::CommandMessage> command = Sync::parseCommand(Sync::Message{type, id, 0, body}, &error);
        if (!command) {
            sendError(c, id, error.code, error.message);
            return;
        }
        if (m_pending.isEmpty())
            QTimer::singleShot(0, this, &Hub::applyPending);
        m_pending.append({QPointer<QWebSocket>(c->socket), id});
        m_pendingRequests.append({c->clientId, command->seq, command->command, c->officer});
        return;
    }
    if (type == QLatin1String("commands")) {
        // Several outbox commands in one frame (docs/protocol.md), each answered as if it came
        // alone. The frame is taken whole or refused whole.
        const QJsonArray list = body.value(QStringLiteral("commands")).toArray();
        if (list.isEmpty() || list.size() > kMaxCommandsPerFrame) {
            sendError(c, id, QStringLiteral("bad_request"), QStringLiteral("\"commands\" must hold 1 to %1 commands").arg(kMaxCommandsPerFrame));
            return;
        }
        QList<CommandRequest> requests;
        for (const QJsonValue &v : list) {
            Sync::DecodeError error;
            const std::optional<Sync::CommandMessage> command = Sync::parseCommand(Sync::Message{QStringLiteral("command"), id, 0, v.toObject()}, &error);
            if (!command) {
                sendError(c, id, error.code, error.message);
                return;
            }
            requests.append({c->clientId, command->seq, command->command, c->officer});
        }
        if (m_pending.isEmpty())
            QTimer::singleShot(0, this, &Hub::applyPending);
        for (const CommandRequest &r : std::as_const(requests)) {
            m_pending.append({QPointer<QWebSocket>(c->socket), id});
            m_pendingRequests.append(r);
        }
        return;
    }
    if (type == QLatin1String("snapshot")) {
        const QJsonValue after = body.value(QStringLiteral("after"));
        if (!after.isUndefined() && !after.isNull() && !after.isString()) {
            sendError(c, id, QStringLiteral("bad_request"), QStringLiteral("field \"after\" must be a string or null"));
            return;
        }
        Models::SyncScope scope;
        Sync::DecodeError scopeError;
        if (!Sync::readScope(body, QStringLiteral("scope"), &scope, &scopeError)) {
            sendError(c, id, scopeError.code, scopeError.message);
            return;
        }
        SnapshotPage page;
        QString code, error;
        if (!m_store->snapshotPage(after.toString(), c->officer.id, scope, c->mayKeep, m_options.snapshotPageRows, &page, &code, &error)) {
            if (code == QLatin1String("internal"))
                qCWarning(lcHub).noquote() << "snapshot page failed:" << error;
            sendError(c, id, code, code == QLatin1String("internal") ? QStringLiteral("the snapshot page could not be read; retry") : error);
            return;
        }
        const QJsonObject header{{QStringLiteral("type"), QStringLiteral("page")},
                                 {QStringLiteral("re"), id},
                                 {QStringLiteral("epoch"), m_store->epoch()},
                                 {QStringLiteral("watermark"), page.watermark},
                                 {QStringLiteral("table"), page.table},
                                 {QStringLiteral("columns"), QJsonArray::fromStringList(page.columns)},
                                 {QStringLiteral("rows"), page.rows},
                                 {QStringLiteral("next"), page.next.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(page.next)},
                                 {QStringLiteral("done"), page.done},
                                 {QStringLiteral("total"), page.total},
                                 {QStringLiteral("section"), page.section}};
        sendBinary(c, Sync::encodePageFrame(header, page.body));
        return;
    }
    if (type == QLatin1String("subscribe")) {
        Sync::DecodeError error;
        qint64 cursor = 0;
        Models::SyncScope scope;
        if (!Sync::readInteger(body, QStringLiteral("cursor"), true, 0, &cursor, &error)
            || !Sync::readScope(body, QStringLiteral("scope"), &scope, &error)) {
            sendError(c, id, error.code, error.message);
            return;
        }
        if (!scope.within(c->mayKeep)) {
            sendError(c, id, QStringLiteral("forbidden"), beyondScope(c->mayKeep));
            return;
        }
        c->cursor = cursor;
        c->toldThrough = cursor;
        c->scope = scope;
        c->scopeKey = QString::fromUtf8(QJsonDocument(scope.toJson()).toJson(QJsonDocument::Compact));
        send(c, {{QStringLiteral("type"), QStringLiteral("subscribed")}, {QStringLiteral("re"), id}});
        publishChanges();
        return;
    }
    if (RiskService::handles(type)) {
        bool committed = false;
        send(c, m_risk.answer(c->officer, type, id, body, &committed));
        if (committed)
            publishChanges();
        return;
    }
    if (WindowService::handles(type)) {
        bool committed = false;
        send(c, m_window.answer(c->officer, type, id, body, &committed));
        if (committed)
            publishChanges();
        return;
    }
    if (QuotaService::handles(type)) {
        bool committed = false;
        send(c, m_quota.answer(c->officer, type, id, body, &committed));
        if (committed)
            publishChanges();
        return;
    }
    sendError(c, id, QStringLiteral("unknown_type"), QStringLiteral("unknown message type \"%1\"").arg(type));
}

void Hub::applyPending()
{
    constexpr qsizetype kMaxBatch = 256;
    bool published = false;
    while (!m_pending.isEmpty()) {
        const qsizetype n = qMin(kMaxBatch, m_pending.size());
        const QList<PendingCommand> batch = m_pending.first(n);
        const QList<ApplyResult> results = m_store->applyBatch(m_pendingRequests.first(n));
        m_pending.remove(0, n);
        m_pendingRequests.remove(0, n);
        bool applied = false;
        for (qsizetype i = 0; i < n; ++i) {
            Connection *c = batch.at(i).socket ? m_connections.value(batch.at(i).socket.data()) : nullptr; // gone meanwhile
            const ApplyResult &r = results.at(i);
            applied = applied || (r.outcome == ApplyResult::Outcome::Applied && !r.duplicate);
            if (!c)
                continue;
            const qint64 id = batch.at(i).id;
            // The item as the command left it (ack) or found it (reject), when it was decided now.
            auto withItem = [&r](QJsonObject answer) {
                if (r.hasState) {
                    answer.insert(QStringLiteral("version"), r.version);
                    answer.insert(QStringLiteral("state"), r.state);
                    answer.insert(QStringLiteral("assignee"), r.assignee);
                }
                return answer;
            };
            switch (r.outcome) {
            case ApplyResult::Outcome::Applied:
                send(c, withItem({{QStringLiteral("type"), QStringLiteral("ack")}, {QStringLiteral("re"), id}, {QStringLiteral("seq"), r.seq},
                                  {QStringLiteral("version"), r.version}, {QStringLiteral("cursor"), r.cursor}}));
                break;
            case ApplyResult::Outcome::Rejected:
                send(c, withItem({{QStringLiteral("type"), QStringLiteral("reject")}, {QStringLiteral("re"), id}, {QStringLiteral("seq"), r.seq},
                                  {QStringLiteral("code"), r.code}, {QStringLiteral("message"), r.message}}));
                break;
            case ApplyResult::Outcome::Gap:
                sendError(c, id, QStringLiteral("bad_request"), r.message);
                break;
            case ApplyResult::Outcome::Failed:
                sendError(c, id, QStringLiteral("internal"), QStringLiteral("the command could not be stored; retry"));
                break;
            }
        }
        published = published || applied;
    }
    if (published)
        publishChanges();
}

void Hub::publishChanges(bool now)
{
    // Fan-out is paced: each round sends every subscriber one frame, so with many subscribers the
    // rounds are spaced to keep to about kFramesPerSecond frames (a round for 1,000 workstations
    // every 50 ms; with a few, every change goes out at once). Changes that commit meanwhile go out
    // together in the next round.
    constexpr qint64 kFramesPerSecond = 20000;
    constexpr int kBatch = 1000;
    constexpr qsizetype kMaxFrame = Sync::kMaxFrameBytes / 2;
    // A subscriber with a full send queue waits for it to drain (the bytesWritten handler starts a
    // round for it then) and holds back neither the log read nor the others.
    auto takesChanges = [](const Connection *c) { return c->cursor >= 0 && !c->waitingForDrain; };
    qint64 from = -1;
    qint64 subscribers = 0;
    for (const Connection *c : std::as_const(m_connections)) {
        if (takesChanges(c)) {
            ++subscribers;
            from = from < 0 ? c->cursor : qMin(from, c->cursor);
        }
    }
    if (from < 0)
        return;
    const qint64 intervalNs = subscribers * 1000000000 / kFramesPerSecond;
    if (!now && m_lastPublish.isValid() && m_lastPublish.nsecsElapsed() < intervalNs) {
        if (!m_publishTimer->isActive())
            m_publishTimer->start(int((intervalNs - m_lastPublish.nsecsElapsed()) / 1000000) + 1);
        return;
    }
    m_lastPublish.start();
    for (;;) {
        QString error;
        const QList<Models::ItemChange> changes = m_store->changesAfter(from, kBatch, &error);
        if (!error.isEmpty()) {
            qCWarning(lcHub).noquote() << "cannot read the change log:" << error;
            return;
        }
        if (changes.isEmpty())
            return;
        QList<QByteArray> encoded;
        encoded.reserve(changes.size());
        for (const Models::ItemChange &ch : changes)
            encoded << Sync::encodeChange(ch);
        // Subscribers at the same cursor with the same scope get the same frames, made once in
        // each form asked for.
        struct Frames
        {
            QList<QList<qsizetype>> parts; // the indexes in `changes` of each frame's changes
            QStringList text;
            QList<QByteArray> deflated;
        };
        QHash<QString, Frames> framesFrom;
        const qint64 last = changes.constLast().cursor;
        for (Connection *c : std::as_const(m_connections)) {
            if (!takesChanges(c) || c->cursor >= last)
                continue;
            const QString key = QString::number(c->cursor) + c->scopeKey;
            auto it = framesFrom.find(key);
            if (it == framesFrom.end()) {
                Frames frames;
                QList<qsizetype> part;
                qsizetype bytes = 0;
                for (qsizetype i = std::upper_bound(changes.cbegin(), changes.cend(), c->cursor,
                                                    [](qint64 cursor, const Models::ItemChange &ch) { return cursor < ch.cursor; })
                         - changes.cbegin();
                     i < encoded.size(); ++i) {
                    const Models::ItemChange &ch = changes.at(i);
                    if (!ch.officer && !c->scope.covers(ch.kind, ch.office))
                        continue; // the officer directory goes to every scope
                    if (!part.isEmpty() && bytes + encoded.at(i).size() >= kMaxFrame) {
                        frames.parts.append(part);
                        part.clear();
                        bytes = 0;
                    }
                    part.append(i);
                    bytes += encoded.at(i).size() + 1;
                }
                if (!part.isEmpty())
                    frames.parts.append(part);
                it = framesFrom.insert(key, frames);
            }
            auto selected = [&encoded](const QList<qsizetype> &part) {
                QList<QByteArray> out;
                out.reserve(part.size());
                for (qsizetype i : part)
                    out << encoded.at(i);
                return out;
            };
            // Frame by frame while the socket has room: the cursor moves past what was queued only,
            // and the rest waits for the socket to drain (nothing is skipped). A frame is made when
            // the first subscriber takes it.
            qsizetype sent = 0;
            while (sent < it->parts.size() && !c->closing && !overWatermark(c)) {
                const QList<qsizetype> &part = it->parts.at(sent);
                const qint64 through = changes.at(part.constLast()).cursor;
                if (c->deflateChanges) {
                    if (it->deflated.size() == sent)
                        it->deflated << Sync::deflatedChangesFrame(selected(part), changes.at(part.constFirst()).cursor, through);
                    sendBinary(c, it->deflated.at(sent));
                } else {
                    if (it->text.size() == sent)
                        it->text << QString::fromUtf8(Sync::changesFrame(selected(part)));
                    sendText(c, it->text.at(sent));
                }
                ++sent;
                if (!c->closing)
                    c->cursor = c->toldThrough = through;
            }
            if (c->closing)
                continue;
            if (sent == it->parts.size()) {
                c->cursor = last;
            } else {
                qCDebug(lcHub).noquote() << c->officer.id << "from" << c->address << "has" << queuedBytes(c)
                                         << "bytes unread: it gets the changes after" << c->cursor << "once it has read them";
                c->waitingForDrain = true;
                if (!c->aboveWatermark.isValid())
                    c->aboveWatermark.start();
            }
        }
        if (changes.size() < kBatch)
            return;
        from = last;
        for (const Connection *c : std::as_const(m_connections)) {
            if (takesChanges(c))
                from = qMin(from, c->cursor);
        }
    }
}

void Hub::tellThrough()
{
    // Changes outside a subscriber's scope do not move the cursor it stores; this does, so that a
    // reconnect does not read them all again.
    for (Connection *c : std::as_const(m_connections)) {
        if (c->cursor > c->toldThrough && !c->waitingForDrain) {
            send(c, {{QStringLiteral("type"), QStringLiteral("through")}, {QStringLiteral("cursor"), c->cursor}});
            c->toldThrough = c->cursor;
        }
    }
}

void Hub::sendBlobError(Connection *c, qint64 re, const QString &code, const QString &message, const QString &sha256, qint64 expected)
{
    QJsonObject o{{QStringLiteral("type"), QStringLiteral("error")}, {QStringLiteral("code"), code}, {QStringLiteral("message"), message}};
    if (re > 0)
        o.insert(QStringLiteral("re"), re);
    if (!sha256.isEmpty())
        o.insert(QStringLiteral("sha256"), sha256);
    if (expected >= 0)
        o.insert(QStringLiteral("expected"), expected);
    send(c, o);
}

void Hub::handleBlob(Connection *c, const QString &type, qint64 id, const QJsonObject &body)
{
    if (!m_blobs) {
        sendError(c, id, QStringLiteral("bad_request"), QStringLiteral("blob transfer is not enabled on this server"));
        return;
    }
    const bool begin = type == QLatin1String("blob_begin");
    if (!begin && type != QLatin1String("blob_get")) {
        sendError(c, id, QStringLiteral("unknown_type"), QStringLiteral("unknown message type \"%1\"").arg(type));
        return;
    }
    Sync::DecodeError error;
    QString sha256;
    qint64 number = 0; // blob_begin: size (a blob has at least one byte: chunks do); blob_get: offset
    QString mime;
    if (!Sync::readString(body, QStringLiteral("sha256"), true, 64, &sha256, &error)
        || !Sync::readInteger(body, begin ? QStringLiteral("size") : QStringLiteral("offset"), begin, begin ? 1 : 0, &number, &error)
        || (begin && !Sync::readString(body, QStringLiteral("mime"), true, 127, &mime, &error))) {
        sendError(c, id, error.code, error.message);
        return;
    }
    if (!Sync::isBlobSha256(sha256)) {
        sendError(c, id, QStringLiteral("bad_request"), QStringLiteral("field \"sha256\" must be 64 lower-case hex digits"));
        return;
    }
    QString failure;
    if (begin) {
        if (number > m_options.maxBlobBytes) {
            sendBlobError(c, id, QStringLiteral("too_large"),
                          QStringLiteral("a blob of %1 bytes is over this server's limit of %2 bytes").arg(number).arg(m_options.maxBlobBytes), sha256);
            return;
        }
        const qint64 have = m_blobs->begin(sha256, number, &failure);
        if (have < 0) {
            qCWarning(lcHub).noquote() << "blob_begin failed:" << failure;
            sendBlobError(c, id, QStringLiteral("internal"), QStringLiteral("the blob could not be prepared; retry"), sha256);
            return;
        }
        const bool complete = m_blobs->size(sha256) >= 0;
        // What is left to send must fit, with 1 GiB to spare for the database and the logs.
        constexpr qint64 kReserve = qint64(1) << 30;
        if (!complete && m_blobs->bytesAvailable() - kReserve < number - have) {
            qCWarning(lcHub).noquote() << "blob folder" << m_blobs->root() << "is full:" << m_blobs->bytesAvailable() << "bytes free";
            sendBlobError(c, id, QStringLiteral("no_space"), QStringLiteral("the server has no room for %1 more bytes now; try later").arg(number - have), sha256);
            return;
        }
        if (complete)
            c->uploads.remove(sha256);
        else
            c->uploads.insert(sha256, number);
        qCDebug(lcHub).noquote() << c->officer.id << "blob_begin" << sha256 << mime << number << "bytes, have" << have;
        send(c, {{QStringLiteral("type"), QStringLiteral("blob_ready")}, {QStringLiteral("re"), id}, {QStringLiteral("sha256"), sha256},
                 {QStringLiteral("have"), have}, {QStringLiteral("complete"), complete}});
        return;
    }
    const qint64 size = m_blobs->size(sha256);
    if (size < 0) {
        sendBlobError(c, id, QStringLiteral("not_found"), QStringLiteral("this server has no blob %1").arg(sha256), sha256);
        return;
    }
    if (number > size) {
        sendBlobError(c, id, QStringLiteral("bad_request"), QStringLiteral("offset %1 is beyond the blob's %2 bytes").arg(number).arg(size), sha256);
        return;
    }
    c->downloads.append({id, sha256, number, size});
    pumpDownloads(c);
}

void Hub::onBinaryMessage(Connection *c, const QByteArray &frame)
{
    if (c->closing)
        return;
    c->lastHeard.start();
    if (!withinRate(c))
        return;
    if (c->verifying && c->signedIn) {
        hold(c, {{}, 0, {}, frame, frame.size()});
        return;
    }
    handleBinary(c, frame); // before a session: refused at once, not held
}

void Hub::handleBinary(Connection *c, const QByteArray &frame)
{
    if (!c->signedIn) {
        sendError(c, 0, QStringLiteral("not_authenticated"), QStringLiteral("sign in first"));
        return;
    }
    if (!m_blobs) {
        sendError(c, 0, QStringLiteral("bad_request"), QStringLiteral("binary frames are for blob transfer, which is not enabled"));
        return;
    }
    Sync::DecodeError error;
    if (!Sync::isBlobChunkFrame(frame)) {
        malformed(c, QStringLiteral("bad_request"), QStringLiteral("a binary frame from a client must be a blob chunk (\"CWBC\")"));
        return;
    }
    const std::optional<Sync::BlobChunk> chunk = Sync::decodeBlobChunkFrame(frame, &error);
    if (!chunk) {
        malformed(c, error.code, error.message);
        return;
    }
    c->malformedInARow = 0;
    const auto upload = c->uploads.constFind(chunk->sha256);
    if (upload == c->uploads.constEnd()) {
        sendBlobError(c, 0, QStringLiteral("bad_request"), QStringLiteral("send blob_begin for this blob before its chunks"), chunk->sha256);
        return;
    }
    const qint64 size = *upload;
    if (chunk->bytes.isEmpty() || chunk->offset + chunk->bytes.size() > size) {
        sendBlobError(c, 0, QStringLiteral("bad_request"),
                      QStringLiteral("a chunk of %1 bytes at %2 does not fit the declared size of %3 bytes").arg(chunk->bytes.size()).arg(chunk->offset).arg(size),
                      chunk->sha256);
        return;
    }
    qint64 have = 0;
    QString failure;
    switch (m_blobs->append(chunk->sha256, size, chunk->offset, chunk->bytes, &have, &failure)) {
    case BlobStore::Append::Appended:
        send(c, {{QStringLiteral("type"), QStringLiteral("blob_progress")}, {QStringLiteral("sha256"), chunk->sha256}, {QStringLiteral("have"), have}});
        return;
    case BlobStore::Append::Stored:
        c->uploads.remove(chunk->sha256);
        send(c, {{QStringLiteral("type"), QStringLiteral("blob_stored")}, {QStringLiteral("sha256"), chunk->sha256}, {QStringLiteral("size"), have}});
        return;
    case BlobStore::Append::WrongOffset:
        sendBlobError(c, 0, QStringLiteral("wrong_offset"),
                      QStringLiteral("a chunk at offset %1, but the server has %2 bytes of this blob: go on from %2").arg(chunk->offset).arg(have),
                      chunk->sha256, have);
        return;
    case BlobStore::Append::BadBlob:
        c->uploads.remove(chunk->sha256);
        qCInfo(lcHub).noquote() << c->officer.id << "sent a blob that does not match its name:" << failure;
        sendBlobError(c, 0, QStringLiteral("bad_blob"), failure, chunk->sha256);
        return;
    case BlobStore::Append::Failed:
        qCWarning(lcHub).noquote() << "blob chunk not stored:" << failure;
        sendBlobError(c, 0, QStringLiteral("internal"), QStringLiteral("the chunk could not be stored; resume from blob_begin"), chunk->sha256);
        return;
    }
}

void Hub::pumpDownloads(Connection *c)
{
    // A few chunks queued on the socket at a time: a 2 GiB recording is not read into memory.
    constexpr qint64 kQueued = 4 * Sync::kMaxBlobChunkBytes;
    while (!c->downloads.isEmpty() && queuedBytes(c) < kQueued) {
        Connection::Download &d = c->downloads.first();
        if (d.offset >= d.size) {
            send(c, {{QStringLiteral("type"), QStringLiteral("blob_end")}, {QStringLiteral("re"), d.re}, {QStringLiteral("sha256"), d.sha256},
                     {QStringLiteral("size"), d.size}});
            c->downloads.removeFirst();
            continue;
        }
        QByteArray bytes;
        QString failure;
        if (!m_blobs->read(d.sha256, d.offset, Sync::kMaxBlobChunkBytes, &bytes, &failure) || bytes.isEmpty()) {
            qCWarning(lcHub).noquote() << "blob read failed:" << failure;
            sendBlobError(c, d.re, QStringLiteral("internal"), QStringLiteral("the blob could not be read; ask again from the last byte written"), d.sha256);
            c->downloads.removeFirst();
            continue;
        }
        sendBinary(c, Sync::encodeBlobChunkFrame({d.sha256, d.offset, d.re, bytes}));
        d.offset += bytes.size();
    }
}

} // namespace Clearway::Server
