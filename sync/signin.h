#pragma once

#include "models/entities.h"

#include <QObject>
#include <QUrl>

#include <functional>

class QTimer;

namespace Clearway::Sync {

class SyncClient;
struct Session;

// Signs an officer in at this workstation: with the server when it answers, else offline, against
// the verifier this workstation made at the officer's last sign-in with the server
// (Storage::OfflineCredentials, the file beside the cache). It lives as long as the sync client:
// every later sign-in with the password (after a server restart, or the password typed again)
// renews the verifier, and a password the server refuses that the verifier would accept revokes it.
class SignIn final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignIn)

public:
    enum class Failure {
        WrongPassword,        // the server refused the user name or password (detail: its message)
        Certificate,          // the server's certificate is not trusted (detail)
        OfflineWrongPassword, // retryAfter: when the next attempt is allowed
        OfflineTooSoon,       // retryAfter
        OfflineNeverSignedIn, // this officer never signed in to this server here
        OfflineExpired,
        OfflineTurnedOff,     // the server does not allow offline sign-in
        OfflineRefused,       // the server refused this password since (changed there, or the account disabled)
        OfflineUnreadable,    // the sign-in file cannot be read (detail)
        Throttled,            // the server takes no password for this account (or address) for now: too many failed (retryAfter, detail)
    };
    Q_ENUM(Failure)

    SignIn(SyncClient *sync, const QString &credentialsPath, QObject *parent = nullptr);
    ~SignIn() override;

    // Seconds since the epoch for offline checks and verifier periods (tests; default: the system clock).
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }
    // How long the server has to open a session before the officer is signed in offline (default 10 s).
    void setServerTimeout(int ms);
    QString credentialsPath() const { return m_credentialsPath; }

    void start(const QUrl &url, const QString &user, const QString &password);
    void cancel();
    // After passwordNeeded(): the officer's password, typed again; sync goes on with it.
    void reauthenticate(const QString &password);

    // Signed in without the server, and no session with it since.
    bool isOffline() const { return m_offline; }

    // The server disabled these accounts (the change stream said so): what this workstation kept
    // to sign them in offline is revoked (OfflineAccount::Revoked::Refused), then
    // disabledForgotten() names those that had something to revoke.
    void forgetDisabled(const QStringList &users);

Q_SIGNALS:
    // The server cannot be reached: the password is being checked on this workstation.
    void checkingOffline();
    // offline: from this workstation's verifier, valid until offlineValidUntil (seconds since the epoch).
    void succeeded(const Clearway::Models::Officer &officer, bool offline, qint64 offlineValidUntil);
    void failed(Clearway::Sync::SignIn::Failure failure, qint64 retryAfter, const QString &detail);
    // Signed in, the server refused the session and the password (changed there, or the account
    // disabled): sync waits for reauthenticate(). Unsent work stays in the outbox.
    void passwordNeeded(const QString &message);
    // A session with the server after an offline sign-in or a passwordNeeded().
    void backOnline();
    // The verifier of a sign-in with the password was written (error empty) or not.
    void verifierStored(const QString &error);
    // A password the server refused has been weighed against the verifier: revoked when it was the
    // password the verifier was made from.
    void refusalRecorded(bool revoked);
    // After forgetDisabled(): the accounts whose offline sign-in was revoked.
    void disabledForgotten(const QStringList &revoked);

private:
    enum class Phase { Idle, Online, Checking, SignedIn };

    void onSession(const Session &session);
    void onRefused(const QString &message);
    void onThrottled(qint64 retryAfter, const QString &message);
    // The server answered without a session: signed in already (offline, or before a new
    // password), the password is asked for again; else the sign-in fails.
    void endWithoutSession(Failure failure, qint64 retryAfter, const QString &message);
    void signInOffline();

    SyncClient *m_sync;
    QString m_credentialsPath;
    QTimer *m_deadline;
    std::function<qint64()> m_clock;
    Phase m_phase = Phase::Idle;
    int m_attempt = 0; // answers of an offline check for an earlier attempt are dropped
    bool m_offline = false;
    bool m_awaitingPassword = false;
    QUrl m_url;
    QString m_user;
    QString m_password;
};

} // namespace Clearway::Sync
