#include "sync/signin.h"

#include "storage/offlinecredentials.h"
#include "sync/syncclient.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace Clearway::Sync {

Q_LOGGING_CATEGORY(lcSignIn, "clearway.sync.signin")

namespace {

constexpr int kServerTimeoutMs = 10000;

SignIn::Failure failureOf(Storage::OfflineCheck::Outcome outcome)
{
    using O = Storage::OfflineCheck::Outcome;
    switch (outcome) {
    case O::WrongPassword:
        return SignIn::Failure::OfflineWrongPassword;
    case O::TooSoon:
        return SignIn::Failure::OfflineTooSoon;
    case O::NeverSignedIn:
        return SignIn::Failure::OfflineNeverSignedIn;
    case O::Expired:
        return SignIn::Failure::OfflineExpired;
    case O::TurnedOff:
        return SignIn::Failure::OfflineTurnedOff;
    case O::Refused:
        return SignIn::Failure::OfflineRefused;
    case O::Accepted:
    case O::Unreadable:
        break;
    }
    return SignIn::Failure::OfflineUnreadable;
}

} // namespace

SignIn::SignIn(SyncClient *sync, const QString &credentialsPath, QObject *parent)
    : QObject(parent)
    , m_sync(sync)
    , m_credentialsPath(credentialsPath)
    , m_deadline(new QTimer(this))
    , m_clock([] { return QDateTime::currentSecsSinceEpoch(); })
{
    m_deadline->setSingleShot(true);
    m_deadline->setInterval(kServerTimeoutMs);
    connect(m_deadline, &QTimer::timeout, this, [this] {
        if (m_phase == Phase::Online) {
            qCInfo(lcSignIn) << "the server did not open a session in time";
            signInOffline();
        }
    });
    // An account disabled on the server signs in here no more, not even offline.
    connect(m_sync, &SyncClient::officersChanged, this, &SignIn::forgetDisabled);
    connect(m_sync, &SyncClient::signedIn, this, &SignIn::onSession);
    connect(m_sync, &SyncClient::signInFailed, this, &SignIn::onRefused);
    connect(m_sync, &SyncClient::signInThrottled, this, &SignIn::onThrottled);
    connect(m_sync, &SyncClient::connectionFailed, this, [this] {
        if (m_phase == Phase::Online)
            signInOffline();
    });
    connect(m_sync, &SyncClient::certificateRejected, this, [this](const QString &detail) {
        if (m_phase != Phase::Online)
            return;
        // Not a reason to sign in offline: the address may lead to an impostor. Fixed, not bypassed.
        m_deadline->stop();
        m_phase = Phase::Idle;
        Q_EMIT failed(Failure::Certificate, 0, detail);
    });
}

SignIn::~SignIn() = default;

void SignIn::setServerTimeout(int ms) { m_deadline->setInterval(ms); }

void SignIn::start(const QUrl &url, const QString &user, const QString &password)
{
    ++m_attempt;
    m_phase = Phase::Online;
    m_offline = false;
    m_awaitingPassword = false;
    m_url = url;
    m_user = user;
    m_password = password;
    m_deadline->start();
    m_sync->start(url, user, password);
}

void SignIn::cancel()
{
    ++m_attempt;
    m_deadline->stop();
    m_phase = Phase::Idle;
    m_sync->stop();
}

void SignIn::reauthenticate(const QString &password)
{
    if (m_phase != Phase::SignedIn)
        return;
    m_password = password;
    m_sync->start(m_url, m_user, password);
}

void SignIn::onSession(const Session &session)
{
    if (m_phase == Phase::Idle || session.officer.id != m_user)
        return;
    if (session.withPassword) {
        // The server checked this password just now: this workstation's verifier is made from it,
        // for the period the server allows (none: what was kept is revoked). Off the GUI thread:
        // Argon2id at moderate cost takes about half a second.
        const QString path = m_credentialsPath;
        const QUrl url = m_url;
        const QString password = m_password;
        const qint64 now = m_clock();
        QtConcurrent::run([path, url, session, password, now] {
            QString error;
            Storage::OfflineCredentials(path).remember(url, session.officer, password, session.offlineValidFor, session.token, session.expires, now,
                                                       &error);
            return error;
        }).then(this, [this](const QString &error) {
            if (!error.isEmpty())
                qCWarning(lcSignIn).noquote() << "the offline sign-in verifier was not stored:" << error;
            Q_EMIT verifierStored(error);
        });
    }
    m_deadline->stop();
    const bool wasOffline = m_offline || m_awaitingPassword;
    m_offline = false;
    m_awaitingPassword = false;
    if (m_phase != Phase::SignedIn) {
        m_phase = Phase::SignedIn;
        Q_EMIT succeeded(session.officer, false, 0);
    } else if (wasOffline) {
        Q_EMIT backOnline();
    }
}

void SignIn::forgetDisabled(const QStringList &users)
{
    if (users.isEmpty())
        return;
    const QString path = m_credentialsPath;
    QtConcurrent::run([path, users] {
        QStringList revoked;
        QString error;
        if (!Storage::OfflineCredentials(path).forgetDisabled(users, &revoked, &error))
            qCWarning(lcSignIn).noquote() << "the offline sign-in file could not be updated:" << error;
        return revoked;
    }).then(this, [this](const QStringList &revoked) {
        if (!revoked.isEmpty())
            qCInfo(lcSignIn).noquote() << "accounts disabled on the server, offline sign-in revoked:" << revoked.join(QLatin1String(", "));
        Q_EMIT disabledForgotten(revoked);
    });
}

void SignIn::onRefused(const QString &message)
{
    if (m_phase == Phase::Idle)
        return;
    // The server says this password is wrong. If this workstation's verifier accepts it, it was
    // right when the verifier was made and is not any more: the verifier goes. A typo leaves it.
    const QString path = m_credentialsPath;
    const QUrl url = m_url;
    const QString user = m_user;
    const QString password = m_password;
    QtConcurrent::run([path, url, user, password] {
        bool revoked = false;
        QString error;
        if (!Storage::OfflineCredentials(path).forgetRefused(url, user, password, &revoked, &error))
            qCWarning(lcSignIn).noquote() << "the offline sign-in file could not be updated:" << error;
        return revoked;
    }).then(this, [this, user](bool revoked) {
        if (revoked)
            qCInfo(lcSignIn).noquote() << "the server refused the password this workstation knew for" << user << "- offline sign-in revoked";
        Q_EMIT refusalRecorded(revoked);
    });
    endWithoutSession(Failure::WrongPassword, 0, message);
}

void SignIn::onThrottled(qint64 retryAfter, const QString &message)
{
    if (m_phase == Phase::Idle)
        return;
    // The server did not check the password: the verifier stays, and the sign-in does not go
    // offline (the server can be reached; it says to wait).
    endWithoutSession(Failure::Throttled, m_clock() + retryAfter, message);
}

void SignIn::endWithoutSession(Failure failure, qint64 retryAfter, const QString &message)
{
    m_deadline->stop();
    if (m_phase == Phase::SignedIn) {
        m_awaitingPassword = true;
        Q_EMIT passwordNeeded(message);
        return;
    }
    m_phase = Phase::Idle;
    Q_EMIT failed(failure, retryAfter, message);
}

void SignIn::signInOffline()
{
    m_deadline->stop();
    m_phase = Phase::Checking;
    // No retries with this password until the verifier has said yes.
    m_sync->stop();
    Q_EMIT checkingOffline();
    const QString path = m_credentialsPath;
    const QUrl url = m_url;
    const QString user = m_user;
    const QString password = m_password;
    const qint64 now = m_clock();
    QtConcurrent::run([path, url, user, password, now] { return Storage::OfflineCredentials(path).check(url, user, password, now); })
        .then(this, [this, attempt = m_attempt](const Storage::OfflineCheck &check) {
            if (attempt != m_attempt || m_phase != Phase::Checking)
                return; // cancelled, or another attempt began
            if (check.outcome != Storage::OfflineCheck::Outcome::Accepted) {
                m_phase = Phase::Idle;
                Q_EMIT failed(failureOf(check.outcome), check.retryAfter, check.error);
                return;
            }
            m_phase = Phase::SignedIn;
            m_offline = true;
            qCInfo(lcSignIn).noquote() << m_user << "signed in offline; the server is tried again in the background";
            // Back to trying the server: the token kept resumes the session, else the password signs in.
            m_sync->start(m_url, m_user, m_password, check.account.token);
            Q_EMIT succeeded(check.account.officer, true, check.account.validUntil);
        });
}

} // namespace Clearway::Sync
