#include "sync/syncclient.h"

#include "storage/cachewriter.h"
#include "sync/message.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkInformation>
#include <QRandomGenerator>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTimer>
#include <QWebSocket>

namespace Clearway::Sync {

Q_LOGGING_CATEGORY(lcSync, "clearway.sync.client")

namespace {
constexpr int kPingMs = 20000;
constexpr int kPongTimeoutMs = 10000;
constexpr int kPushMs = 5000;
constexpr int kMaxBackoffMs = 30000;
constexpr int kOutboxBatch = 200; // well below the server's default rate limit (500 a second)
// Commands travel in "commands" frames of up to this many (one message against the rate limit,
// well under the 1 MiB frame limit even with long reasons), and at most kMaxInFlight unanswered.
// 10,000 commands are 400 frames: under a second of the server's default rate limit.
constexpr int kCommandsPerFrame = 25;
constexpr qsizetype kMaxFrameCommandBytes = 256 * 1024;
constexpr int kMaxInFlight = 2000;
constexpr int kRateWindowMs = 1000; // the server's rate limit counts messages a second
} // namespace

SyncClient::SyncClient(Storage::CacheWriter *writer, QObject *parent)
    : QObject(parent)
    , m_writer(writer)
    , m_socket(new QWebSocket(QStringLiteral("clearway"), QWebSocketProtocol::VersionLatest, this))
    , m_reconnect(new QTimer(this))
    , m_ping(new QTimer(this))
    , m_pushTimer(new QTimer(this))
    , m_changeBatch(new QTimer(this))
    , m_replyBatch(new QTimer(this))
    , m_askAgain(new QTimer(this))
{
    m_socket->setMaxAllowedIncomingMessageSize(kMaxPageFrameBytes);
    m_reconnect->setSingleShot(true);
    m_changeBatch->setSingleShot(true);
    m_changeBatch->setInterval(0);
    m_replyBatch->setSingleShot(true);
    m_replyBatch->setInterval(0);
    connect(m_replyBatch, &QTimer::timeout, this, &SyncClient::flushReplies);
    m_ping->setInterval(kPingMs);
    m_pushTimer->setInterval(kPushMs);
    m_askAgain->setSingleShot(true);
    connect(m_askAgain, &QTimer::timeout, this, &SyncClient::askAgain);
    connect(m_reconnect, &QTimer::timeout, this, &SyncClient::connectNow);
    connect(m_changeBatch, &QTimer::timeout, this, &SyncClient::flushChanges);
    connect(m_pushTimer, &QTimer::timeout, this, &SyncClient::pushNow);
    connect(m_ping, &QTimer::timeout, this, [this] {
        if (m_lastPong && QDateTime::currentMSecsSinceEpoch() - m_lastPong > kPingMs + kPongTimeoutMs) {
            qCInfo(lcSync) << "no pong: the connection is dead";
            m_socket->abort();
            return;
        }
        send({{QStringLiteral("type"), QStringLiteral("ping")}});
    });
    connect(m_writer, &Storage::CacheWriter::commandsStored, this, &SyncClient::pushNow);
    connect(m_writer, &Storage::CacheWriter::commandSettled, this, [this](const Storage::CommandReply &reply, const Models::Command &command) {
        if (!reply.accepted)
            Q_EMIT commandRefused(command, reply.message);
    });
    // The network coming back is a reason to try at once rather than after the backoff (up to
    // 30 s): where the system says so (NetworkManager or GLib's network monitor).
    if (QNetworkInformation::loadDefaultBackend() && QNetworkInformation::instance()->supports(QNetworkInformation::Feature::Reachability)) {
        connect(QNetworkInformation::instance(), &QNetworkInformation::reachabilityChanged, this, [this](QNetworkInformation::Reachability r) {
            if (r == QNetworkInformation::Reachability::Online || r == QNetworkInformation::Reachability::Site
                || r == QNetworkInformation::Reachability::Local) {
                qCInfo(lcSync) << "the network is up again";
                reconnectNow();
            }
        });
    }
    connect(m_socket, &QWebSocket::connected, this, &SyncClient::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &SyncClient::onDisconnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &SyncClient::onMessage);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &frame) {
        if (isDeflatedChangesFrame(frame))
            onDeflatedChanges(frame);
        else
            onPage(frame);
    });
    connect(m_writer, &Storage::CacheWriter::snapshotProgress, this, [this](qint64 done, qint64 total) {
        m_pageFailures = 0; // a page was written
        Q_EMIT snapshotProgress(done, total);
    });
    connect(m_writer, &Storage::CacheWriter::syncFailed, this, [this](const QString &message) {
        if (!m_snapshotting) {
            stallChanges(message); // changes (or a reply) could not be written
            return;
        }
        // A page could not be written: ask again from the last page that was, in a moment.
        m_snapshotRequest = 0;
        resumeSnapshotLater();
    });
    connect(m_writer, &Storage::CacheWriter::ownWorkCopied, this, &SyncClient::ownWorkCopied);
    connect(m_writer, &Storage::CacheWriter::officersChanged, this, &SyncClient::officersChanged);
    // Written again after a failure: the stream goes on. (Not what was written of the stream
    // before the failure, which may come in after it.)
    auto unstalled = [this] {
        if (m_changeFailures == 0 || m_changesFailed)
            return;
        m_changeFailures = 0;
        m_stallReason.clear();
        Q_EMIT stalledChanged();
    };
    connect(m_writer, &Storage::CacheWriter::changesApplied, this, unstalled);
    connect(m_writer, &Storage::CacheWriter::commandSettled, this, unstalled);
    connect(m_writer, &Storage::CacheWriter::snapshotFinished, this, [this](qint64 watermark) {
        m_snapshotting = false;
        qCInfo(lcSync) << "initial snapshot written; following changes after" << watermark;
        if (m_signedIn)
            subscribe(watermark);
        Q_EMIT snapshotFinished();
    });
    connect(m_socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        QStringList texts;
        for (const QSslError &e : errors)
            texts << e.errorString();
        const QString detail = texts.join(QLatin1String("; "));
        qCWarning(lcSync).noquote() << "the server's certificate is refused:" << detail;
        // The socket aborts the handshake itself once this returns; stop the retries after that.
        QTimer::singleShot(0, this, [this, detail] {
            stop();
            Q_EMIT certificateRejected(detail);
        });
    });
}

bool SyncClient::addTrustedCertificates(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return false;
    }
    const QByteArray data = file.readAll();
    QList<QSslCertificate> certificates = QSslCertificate::fromData(data, QSsl::Pem);
    if (certificates.isEmpty())
        certificates = QSslCertificate::fromData(data, QSsl::Der);
    if (certificates.isEmpty()) {
        *error = QStringLiteral("no PEM or DER certificate in %1").arg(path);
        return false;
    }
    // Naming CA certificates turns off loading the system's on demand: name those too.
    QSslConfiguration configuration = m_socket->sslConfiguration();
    QList<QSslCertificate> trusted = configuration.caCertificates();
    for (const QSslCertificate &c : QSslConfiguration::systemCaCertificates() + certificates) {
        if (!trusted.contains(c))
            trusted.append(c);
    }
    configuration.setCaCertificates(trusted);
    m_socket->setSslConfiguration(configuration);
    return true;
}

SyncClient::~SyncClient() { stop(); }

void SyncClient::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void SyncClient::start(const QUrl &url, const QString &user, const QString &password, const QString &token)
{
    m_token = token;
    m_url = url;
    m_user = user;
    m_password = password;
    m_attempt = 0;
    connectNow();
}

void SyncClient::stop()
{
    m_reconnect->stop();
    m_ping->stop();
    m_pushTimer->stop();
    setState(State::Stopped);
    m_socket->abort();
}

void SyncClient::connectNow()
{
    if (m_state == State::Stopped && m_url.isEmpty())
        return;
    // A connection still open is replaced on purpose: its end is no failure and asks for no retry.
    // (QWebSocket::abort() emits disconnected before it returns.)
    m_replacing = true;
    m_socket->abort();
    m_replacing = false;
    m_reconnect->stop();
    setState(State::Connecting);
    m_socket->open(m_url);
}

void SyncClient::reconnectNow()
{
    if (m_state != State::Offline || !m_reconnect->isActive())
        return;
    m_attempt = 0;
    connectNow();
}

void SyncClient::scheduleReconnect()
{
    if (m_state == State::Stopped)
        return;
    // Exponential backoff with full jitter, so a thousand workstations do not come back at once.
    const int ceiling = std::min(kMaxBackoffMs, 250 << std::min(m_attempt, 7));
    ++m_attempt;
    m_reconnect->start(int(QRandomGenerator::global()->bounded(ceiling / 2, ceiling + 1)));
}

void SyncClient::onConnected()
{
    ++m_connection;
    m_verified = false; // nothing is sent until this server's database is known to be the cache's
    m_inflight.clear();
    m_sentSeqs.clear();
    m_lastSentSeq = 0;
    m_unanswered = 0;
    m_signedIn = false;
    m_following = false;
    m_lastPong = QDateTime::currentMSecsSinceEpoch();
    m_ping->start();
    send({{QStringLiteral("type"), QStringLiteral("hello")},
          {QStringLiteral("protocol"), QJsonArray{kProtocolVersion}},
          {QStringLiteral("client"), QStringLiteral("clearway/0.1.0")},
          {QStringLiteral("clientId"), m_writer->clientId()},
          {QStringLiteral("changeFrames"), QLatin1String(kDeflateChanges)}});
}

void SyncClient::onDisconnected()
{
    m_ping->stop();
    m_pushTimer->stop();
    m_askAgain->stop();
    const bool hadSession = m_signedIn;
    m_signedIn = false;
    m_following = false;
    failRequests(QStringLiteral("disconnected"), tr("The connection to the server ended before it answered. Check the item: the server may or may not have done it."));
    if (m_state == State::Stopped || m_replacing)
        return;
    setState(State::Offline);
    scheduleReconnect();
    if (!hadSession) {
        const QString detail = m_socket->errorString();
        qCDebug(lcSync).noquote() << "no session with" << m_url.toDisplayString() << ":" << detail;
        Q_EMIT connectionFailed(detail); // last: a receiver may stop the client
    }
}

qint64 SyncClient::send(QJsonObject message)
{
    const qint64 id = ++m_nextId;
    message.insert(QStringLiteral("id"), id);
    m_socket->sendTextMessage(QString::fromUtf8(encode(message)));
    return id;
}

namespace {
QJsonObject failure(const QString &code, const QString &message)
{
    return {{QStringLiteral("type"), QStringLiteral("error")}, {QStringLiteral("code"), code}, {QStringLiteral("message"), message}};
}
} // namespace

void SyncClient::request(QJsonObject message, QObject *context, ReplyHandler done, int timeoutMs)
{
    if (!m_signedIn) {
        QTimer::singleShot(0, context, [done = std::move(done)] {
            done(failure(QStringLiteral("offline"), tr("Not connected to the server. This needs the server; try again when the status bar says online.")));
        });
        return;
    }
    const qint64 id = send(std::move(message));
    m_requests.insert(id, {context, std::move(done)});
    QTimer::singleShot(timeoutMs, this, [this, id] {
        answerRequest(id, failure(QStringLiteral("timeout"), tr("The server did not answer in time. Nothing is known to have changed; try again.")));
    });
}

void SyncClient::answerRequest(qint64 id, const QJsonObject &reply)
{
    const auto it = m_requests.find(id);
    if (it == m_requests.end())
        return;
    const PendingRequest pending = *it;
    m_requests.erase(it);
    if (pending.context)
        pending.done(reply);
}

void SyncClient::failRequests(const QString &code, const QString &message)
{
    const QList<qint64> ids = m_requests.keys();
    for (qint64 id : ids)
        answerRequest(id, failure(code, message));
}

void SyncClient::pushNow()
{
    if (!m_verified)
        return;
    if (m_readingOutbox || m_unanswered >= kMaxInFlight) {
        m_outboxMore = true; // read again when the read under way is in, or when answers come
        return;
    }
    m_readingOutbox = true;
    m_outboxMore = false;
    m_writer->readOutbox(kOutboxBatch * 5, this, [this, connection = m_connection](const QList<Storage::OutboxEntry> &entries) {
        m_readingOutbox = false;
        if (!m_verified || connection != m_connection)
            return; // read for a connection that is gone; the next one pushes again
        QJsonArray frame;
        qsizetype frameBytes = 0;
        auto flush = [this, &frame, &frameBytes] {
            if (frame.isEmpty())
                return;
            const int n = int(frame.size());
            m_inflight.insert(send({{QStringLiteral("type"), QStringLiteral("commands")}, {QStringLiteral("commands"), frame}}), n);
            m_unanswered += n;
            frame = {};
            frameBytes = 0;
        };
        for (const Storage::OutboxEntry &e : entries) {
            if (m_sentSeqs.contains(e.seq))
                continue;
            m_sentSeqs.insert(e.seq);
            m_lastSentSeq = qMax(m_lastSentSeq, e.seq);
            QJsonObject c = commandToJson(0, {e.seq, e.command});
            c.remove(QStringLiteral("type"));
            c.remove(QStringLiteral("id"));
            frameBytes += 64 + e.command.reason.size() * 3 + e.command.note.size() * 3;
            frame.append(c);
            if (frame.size() >= kCommandsPerFrame || frameBytes >= kMaxFrameCommandBytes)
                flush();
        }
        flush();
        // More waiting behind these: read on as the answers come in (onMessage), or now.
        m_outboxMore = m_outboxMore || entries.size() == kOutboxBatch * 5;
        if (m_outboxMore && m_unanswered < kMaxInFlight / 2)
            QTimer::singleShot(0, this, &SyncClient::pushNow);
    }, m_lastSentSeq);
}

void SyncClient::resumeSnapshotLater()
{
    // 1 s, 2 s, 4 s ... up to a minute while pages keep failing (a page the server cannot read,
    // or this cache cannot write, fails the same way the next second).
    const int delayMs = 1000 << qMin(m_pageFailures++, 6);
    QTimer::singleShot(qMin(delayMs, 60000), this, &SyncClient::resumeSnapshot);
}

void SyncClient::resumeSnapshot()
{
    m_snapshotRequest = 0; // answers to earlier requests are dropped from here on
    m_writer->readSyncState(this, [this, connection = m_connection](const Storage::SnapshotState &state, qint64) {
        // A copy completed meanwhile is followed by snapshotFinished's subscription.
        if (m_signedIn && m_snapshotting && connection == m_connection && !state.complete)
            requestPage(state.next);
    });
}

void SyncClient::flushReplies()
{
    if (m_pendingReplies.isEmpty())
        return;
    m_writer->settleAll(m_pendingReplies);
    m_pendingReplies.clear();
}

void SyncClient::flushChanges()
{
    // What came before these changes is written before them, as the server sent it.
    flushReplies();
    if (m_pendingChanges.isEmpty() && m_pendingThrough == 0)
        return;
    m_writer->applyChanges(m_pendingChanges, m_pendingThrough);
    m_pendingChanges.clear();
    m_pendingThrough = 0;
}

void SyncClient::onMessage(const QString &text)
{
    m_lastContact = QDateTime::currentDateTime();
    DecodeError error;
    const std::optional<Message> m = decode(text.toUtf8(), &error);
    if (!m) {
        qCWarning(lcSync).noquote() << "unreadable message from the server:" << error.message;
        return;
    }
    const QJsonObject &o = m->body;
    const QString &type = m->type;
    if (m->re && m_requests.contains(m->re)) {
        answerRequest(m->re, o);
        return;
    }
    if (type == QLatin1String("welcome")) {
        m_epoch = o.value(QStringLiteral("epoch")).toString();
        m_signInRetries = 0;
        signInNow();
    } else if (type == QLatin1String("session")) {
        Session session;
        session.token = o.value(QStringLiteral("token")).toString();
        session.expires = qint64(o.value(QStringLiteral("expires")).toDouble());
        session.withPassword = m->re != m_resumeRequest;
        session.offlineValidFor = session.withPassword ? std::max<qint64>(0, qint64(o.value(QStringLiteral("offlineValidFor")).toDouble())) : 0;
        const QJsonObject officer = o.value(QStringLiteral("officer")).toObject();
        session.officer = {officer.value(QStringLiteral("id")).toString(), officer.value(QStringLiteral("name")).toString(),
                           officer.value(QStringLiteral("office")).toString(), Models::Roles::fromInt(officer.value(QStringLiteral("roles")).toInt())};
        m_token = session.token;
        // What this workstation keeps: its setting, within what the server lets this officer keep
        // (their office's work, unless the account may keep every office's).
        const Models::SyncScope mayKeep = Models::SyncScope::fromJson(o.value(QStringLiteral("mayKeep")).toObject());
        m_scope = Models::SyncScope{m_ownOfficeOnly ? QStringList{session.officer.office} : QStringList(), m_scopeKinds}.normalized().narrowedTo(mayKeep);
        m_signedIn = true;
        m_attempt = 0;
        Q_EMIT signedIn(session);
        setState(State::Online);
        startFollowing(); // then pushes the outbox, once it knows this is the server it expects
    } else if (type == QLatin1String("ack") || type == QLatin1String("reject")) {
        // Changes that came before this reply are written before it is, as the server sent them:
        // else a change for an earlier command could show an older state after this ack.
        flushChanges();
        // A "commands" frame is answered once per command, each reply naming its seq.
        if (auto it = m_inflight.find(m->re); it != m_inflight.end() && --*it <= 0)
            m_inflight.erase(it);
        m_unanswered = qMax(0, m_unanswered - 1);
        Storage::CommandReply reply;
        reply.seq = qint64(o.value(QStringLiteral("seq")).toDouble());
        reply.accepted = type == QLatin1String("ack");
        reply.version = qint64(o.value(QStringLiteral("version")).toDouble());
        reply.hasState = o.value(QStringLiteral("state")).isString();
        reply.state = o.value(QStringLiteral("state")).toString();
        reply.assignee = o.value(QStringLiteral("assignee")).toString();
        reply.code = o.value(QStringLiteral("code")).toString();
        reply.message = o.value(QStringLiteral("message")).toString();
        // Replies that arrive together are settled in one transaction (flushReplies()).
        m_pendingReplies.append(reply);
        m_replyBatch->start();
        if (!reply.accepted)
            qCInfo(lcSync).noquote() << "command" << reply.seq << "refused:" << reply.code << reply.message;
        if (m_outboxMore && m_unanswered < kMaxInFlight / 2)
            pushNow();
    } else if (type == QLatin1String("changes")) {
        takeChanges(o.value(QStringLiteral("changes")).toArray());
    } else if (type == QLatin1String("through")) {
        // Nothing else of this workstation's scope up to the cursor: stored with the changes before it.
        DecodeError error;
        qint64 cursor = 0;
        if (!m_changesFailed && readInteger(o, QStringLiteral("cursor"), true, 1, &cursor, &error)) {
            m_pendingThrough = std::max(m_pendingThrough, cursor);
            m_changeBatch->start();
        }
    } else if (type == QLatin1String("subscribed")) {
        // From here on the server sends from the cursor this subscribe named.
        m_changesFailed = false;
        m_writer->resumeChanges();
        // Once per connection, the disabled officers the cache holds, whose offline sign-in a
        // crash or a copy may have left (not the one the server has just let in).
        if (!m_following)
            m_writer->announceDisabledOfficers(m_user);
        m_following = true;
        Q_EMIT following();
    } else if (type == QLatin1String("pong")) {
        m_lastPong = QDateTime::currentMSecsSinceEpoch();
    } else if (type == QLatin1String("error")) {
        const QString code = o.value(QStringLiteral("code")).toString();
        const QString message = o.value(QStringLiteral("message")).toString();
        if (code == QLatin1String("bad_credentials") || code == QLatin1String("token_expired")) {
            const bool resumeRefused = m_resumeRequest != 0 && m->re == m_resumeRequest;
            m_resumeRequest = 0;
            if (resumeRefused || code == QLatin1String("token_expired"))
                m_token.clear();
            if (resumeRefused && !m_password.isEmpty()) {
                login(); // the token ended (its time, a server restart, a new password): the password decides
                return;
            }
            stop();
            Q_EMIT signInFailed(message);
            return;
        }
        if (code == QLatin1String("rate_limited") && o.contains(QStringLiteral("retryAfter"))) {
            // The answer to the login after too many failed sign-ins: nothing is tried again until
            // the officer does.
            m_resumeRequest = 0;
            stop();
            Q_EMIT signInThrottled(o.value(QStringLiteral("retryAfter")).toInteger(), message);
            return;
        }
        if (!m_signedIn && code == QLatin1String("internal")) {
            // The server could not check the password or the session just now (its database is
            // out of reach): neither is wrong. Ask again on this connection, after a growing delay.
            const int delay = std::min(kMaxBackoffMs, 1000 << std::min(m_signInRetries++, 5));
            qCInfo(lcSync).noquote() << "the server could not check the sign-in:" << message << "- asking again in" << delay << "ms";
            QTimer::singleShot(delay, this, [this, connection = m_connection] {
                if (connection == m_connection && !m_signedIn && m_socket->state() == QAbstractSocket::ConnectedState)
                    signInNow();
            });
            return;
        }
        if (code == QLatin1String("rate_limited")) {
            // The server dropped a message without saying which (`re` is 0): a command, a page
            // request or the subscription. Once its window has passed, ask again for all of them.
            if (!m_askAgain->isActive()) {
                qCInfo(lcSync).noquote() << "rate limited by the server:" << message;
                m_askAgain->start(kRateWindowMs);
            }
            return;
        }
        if (m_snapshotting && m->re == m_snapshotRequest) {
            // A token from another database, or a page the server could not read: start over.
            qCWarning(lcSync).noquote() << "snapshot page refused:" << code << message;
            if (code == QLatin1String("bad_token"))
                requestPage(QString());
            else
                resumeSnapshotLater();
            return;
        }
        if (m_inflight.contains(m->re)) {
            // A command the server could not take now (a gap, a transient failure): send the whole
            // outbox again from the oldest; the server acknowledges what it already has.
            m_inflight.clear();
            m_sentSeqs.clear();
            m_lastSentSeq = 0;
            m_unanswered = 0;
            QTimer::singleShot(1000, this, &SyncClient::pushNow);
        }
        qCWarning(lcSync).noquote() << "server error" << code << message;
    }
}

void SyncClient::signInNow()
{
    m_resumeRequest = 0;
    if (!m_token.isEmpty())
        m_resumeRequest = send({{QStringLiteral("type"), QStringLiteral("resume")}, {QStringLiteral("token"), m_token}});
    else
        login();
}

void SyncClient::login()
{
    send({{QStringLiteral("type"), QStringLiteral("login")}, {QStringLiteral("user"), m_user}, {QStringLiteral("password"), m_password}});
}

void SyncClient::askAgain()
{
    if (!m_verified)
        return; // a new connection asks for everything anyway; another server gets nothing
    // The server acknowledges a command it already has without applying it again; the cache skips
    // changes and snapshot pages it has already written.
    m_inflight.clear();
    m_sentSeqs.clear();
    m_lastSentSeq = 0;
    m_unanswered = 0;
    pushNow();
    if (m_snapshotting) {
        resumeSnapshot();
        return;
    }
    m_writer->readSyncState(this, [this, connection = m_connection](const Storage::SnapshotState &, qint64 cursor) {
        if (m_verified && !m_snapshotting && connection == m_connection)
            subscribe(cursor);
    });
}

void SyncClient::startFollowing()
{
    m_writer->readSyncState(this, [this, connection = m_connection](const Storage::SnapshotState &snapshot, qint64 cursor) {
        if (!m_signedIn || connection != m_connection)
            return;
        // (A copy begun from another database counts too: its rows and resume token are that one's.)
        m_serverChanged = !snapshot.epoch.isEmpty() && snapshot.epoch != m_epoch;
        if (m_serverChanged) {
            // Filled from another server database (restored from a backup, or swapped). Its change
            // cursors and this workstation's command numbers mean other things there: following
            // it would skip its changes as seen and send commands it takes for gaps. Keep every
            // row and every unsent command, tell the officer, and send nothing.
            qCWarning(lcSync).noquote() << "the server's database" << m_epoch << "is not the one this cache was filled from ("
                                        << snapshot.epoch << "): not syncing";
            Q_EMIT serverChanged(snapshot.epoch, m_epoch);
            return;
        }
        m_verified = true;
        pushNow();
        m_pushTimer->start();
        const bool sameScope = snapshot.scope == m_scope;
        if (snapshot.complete && sameScope) {
            m_writer->removeOutsideScope(m_scope); // items kept for unsent work, settled since
            subscribe(cursor);
            return;
        }
        // No complete copy yet: resume the one under way from this server, or start one. A copy
        // of another scope (the workstation's setting changed) starts over in this one.
        if (!sameScope)
            qCInfo(lcSync).noquote() << "the cache holds another scope than this workstation's"
                                     << QJsonDocument(snapshot.scope.toJson()).toJson(QJsonDocument::Compact) << "-> copying"
                                     << QJsonDocument(m_scope.toJson()).toJson(QJsonDocument::Compact);
        m_snapshotting = true;
        requestPage(sameScope ? snapshot.next : QString());
    });
}

void SyncClient::setScope(bool ownOfficeOnly, const QList<Models::WorkKind> &kinds)
{
    m_ownOfficeOnly = ownOfficeOnly;
    m_scopeKinds = kinds;
}

void SyncClient::subscribe(qint64 cursor)
{
    QJsonObject message{{QStringLiteral("type"), QStringLiteral("subscribe")}, {QStringLiteral("cursor"), cursor}};
    if (!m_scope.isEverything())
        message.insert(QStringLiteral("scope"), m_scope.toJson());
    send(message);
}

void SyncClient::requestPage(const QString &after)
{
    m_snapshotting = true;
    m_pageAfter = after;
    QJsonObject message{{QStringLiteral("type"), QStringLiteral("snapshot")},
                        {QStringLiteral("after"), after.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(after)}};
    // The first request fixes the scope; the tokens carry it on.
    if (after.isEmpty() && !m_scope.isEverything())
        message.insert(QStringLiteral("scope"), m_scope.toJson());
    m_snapshotRequest = send(message);
}

void SyncClient::onDeflatedChanges(const QByteArray &frame)
{
    m_lastContact = QDateTime::currentDateTime();
    DecodeError error;
    const std::optional<ChangesFrame> changes = decodeDeflatedChangesFrame(frame, &error);
    if (!changes) {
        // Changes are never skipped: reconnect, and the server sends them again from the cursor
        // the cache holds.
        qCWarning(lcSync).noquote() << "damaged changes frame:" << error.message;
        m_socket->abort();
        return;
    }
    takeChanges(changes->changes);
}

void SyncClient::takeChanges(const QJsonArray &changes)
{
    if (m_changesFailed)
        return; // sent again after the next subscribe
    for (const QJsonValue &v : changes) {
        const std::optional<Models::ItemChange> change = parseChange(v.toObject());
        if (!change) {
            // Skipped, it would be lost: the cursor of the next one would pass it.
            const QString text = QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
            qCWarning(lcSync).noquote() << "unreadable change from the server:" << text;
            stallChanges(tr("A change from the server could not be read: %1").arg(text.left(200)));
            return;
        }
        m_pendingChanges.append(*change);
    }
    // Changes arriving together are applied in one transaction.
    m_changeBatch->start();
}

void SyncClient::stallChanges(const QString &reason)
{
    // The server has moved past changes this workstation could not read or write: ask again from
    // the cursor stored, in a moment. What arrives meanwhile is dropped (the writer drops what was
    // already queued, changesFailed()): it would move the cursor past the failure. Nothing is
    // skipped, so a change this workstation can never take stops the stream here: asked for again
    // after 1 s, 2 s, 4 s ... up to a minute, and the officer is told (isStalled()).
    m_changesFailed = true;
    m_pendingChanges.clear();
    m_pendingThrough = 0;
    m_stallReason = reason;
    const int delayMs = qMin(1000 << qMin(m_changeFailures++, 6), 60000);
    if (!m_askAgain->isActive())
        m_askAgain->start(delayMs);
    if (m_changeFailures == 1)
        Q_EMIT stalledChanged();
}

void SyncClient::onPage(const QByteArray &frame)
{
    m_lastContact = QDateTime::currentDateTime();
    DecodeError error;
    const std::optional<PageFrame> page = decodePageFrame(frame, &error);
    if (!page) {
        // A damaged page is never written; ask for it again from the last page written.
        qCWarning(lcSync).noquote() << "snapshot page refused:" << error.message;
        if (m_signedIn)
            resumeSnapshotLater();
        return;
    }
    const QJsonObject &h = page->header;
    if (qint64(h.value(QStringLiteral("re")).toDouble()) != m_snapshotRequest)
        return; // the answer to a request given up on (a failure started the copy again)
    Storage::SnapshotPage p;
    p.after = m_pageAfter;
    p.epoch = h.value(QStringLiteral("epoch")).toString();
    p.watermark = qint64(h.value(QStringLiteral("watermark")).toDouble());
    p.table = h.value(QStringLiteral("table")).toString();
    for (const QJsonValue &c : h.value(QStringLiteral("columns")).toArray())
        p.columns << c.toString();
    p.rows = h.value(QStringLiteral("rows")).toInt();
    p.body = page->body;
    p.next = h.value(QStringLiteral("next")).toString();
    p.done = qint64(h.value(QStringLiteral("done")).toDouble());
    p.total = qint64(h.value(QStringLiteral("total")).toDouble());
    p.section = h.value(QStringLiteral("section")).toString();
    p.scope = m_scope;
    // Ask for the next page before this one is written, so the server reads while this side writes.
    if (!p.next.isEmpty())
        requestPage(p.next);
    m_writer->applySnapshotPage(p);
}

} // namespace Clearway::Sync
