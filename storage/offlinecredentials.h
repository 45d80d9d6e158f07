#pragma once

#include "models/entities.h"

#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

namespace Clearway::Storage {

// What this workstation keeps of one officer's last online sign-in to one server, so that the
// officer can sign in while that server cannot be reached (docs/architecture.md, "Offline
// sign-in"). The verifier is this workstation's own Argon2id hash of the password, never the
// server's.
struct OfflineAccount
{
    // Why an entry no longer signs anyone in (its verifier and token are erased; who it was and
    // why stay, so the officer can be told).
    enum class Revoked {
        No,
        Expired,   // the period the server set has passed
        TurnedOff, // the server does not allow offline sign-in (offline-sign-in-days = 0)
        Refused,   // the server refused this password: changed there, or the account disabled
    };

    QString server; // OfflineCredentials::serverKey() of the address
    Models::Officer officer;
    QString verifier;      // Argon2id (crypto_pwhash_str), empty once revoked
    qint64 validUntil = 0; // seconds since the epoch on this workstation's clock
    QString token;         // the session token, to resume without the password when the server is back
    qint64 tokenExpires = 0;
    int failures = 0;      // wrong passwords in a row, offline
    qint64 retryAfter = 0; // no offline attempt before this
    Revoked revoked = Revoked::No;
};

// The answer to an offline sign-in attempt.
struct OfflineCheck
{
    enum class Outcome {
        Accepted,
        WrongPassword, // retryAfter: when the next attempt is allowed
        TooSoon,       // an attempt before retryAfter: the password was not even checked
        NeverSignedIn, // this officer never signed in to this server on this workstation
        Expired,
        TurnedOff,
        Refused,
        Unreadable, // the file cannot be read (error)
    };
    Outcome outcome = Outcome::Unreadable;
    OfflineAccount account; // Accepted: the officer, the token (empty when expired) and validUntil
    qint64 retryAfter = 0;
    QString error;
};

// The offline sign-in file beside a workstation's cache: a JSON file, mode 0600, written whole
// through a temporary file and a rename, so it is either the old or the new one. Each call reads
// and writes the file itself; calls from several threads of one process are serialised. Deriving
// and checking a verifier costs about half a second (Argon2id, HashCost::Moderate): call
// remember(), check() and forgetRefused() off the GUI thread.
class OfflineCredentials final
{
public:
    explicit OfflineCredentials(const QString &path);

    // <cache folder>/<cache name>.signin.json: one file per cache, which the officers it signs in
    // work from.
    static QString besideCache(const QString &cachePath);
    // One spelling of a server's address: scheme and host in lower case, no default port, no user
    // info, no trailing slash.
    static QString serverKey(const QUrl &url);
    // Seconds to wait before the next offline attempt after `failures` wrong passwords in a row:
    // none after the first, then 5 s doubling up to 5 minutes.
    static qint64 delayAfter(int failures);
    static constexpr qint64 kMaxDelaySeconds = 300;

    QString path() const { return m_path; }

    // The entry of `user` on `server`; nullopt in *account when there is none. false with *error
    // when the file cannot be read.
    bool find(const QUrl &server, const QString &user, std::optional<OfflineAccount> *account, QString *error) const;

    // After the server accepted `password` for `officer`: a new verifier, valid for `validFor`
    // seconds from `now`, stored with the officer and the session token (failures are forgotten).
    // validFor 0: the server does not allow offline sign-in, and what was kept for this officer is
    // revoked instead. false with *error when the file cannot be written.
    bool remember(const QUrl &server, const Models::Officer &officer, const QString &password, qint64 validFor, const QString &token,
                  qint64 tokenExpires, qint64 now, QString *error);

    // An offline sign-in attempt at `now`. A wrong password is counted and delays the next attempt
    // (delayAfter()); an expired verifier is erased.
    OfflineCheck check(const QUrl &server, const QString &user, const QString &password, qint64 now);

    // The server refused `password` for `user`. When the verifier accepts it, the password was
    // right here and is not on the server any more (changed there, or the account disabled): the
    // entry is revoked and *revoked set. A mistyped password changes nothing.
    bool forgetRefused(const QUrl &server, const QString &user, const QString &password, bool *revoked, QString *error);

    // The server disabled these accounts: their entries are revoked (Revoked::Refused), under
    // whatever address they were kept (the file beside a cache serves the one server database that
    // fills it, however it was reached). *revoked: the users that had an entry still signing in.
    bool forgetDisabled(const QStringList &users, QStringList *revoked, QString *error);

private:
    enum class FileState { Read, Missing, Damaged };
    FileState load(QList<OfflineAccount> *accounts, QString *error) const;
    bool save(const QList<OfflineAccount> &accounts, QString *error) const;
    // Reads the file, lets `change` edit the entry of (server, user) (inserted empty when missing
    // if `create`), and writes the file when `change` returns true. A damaged file is moved aside
    // (".damaged") when a new one is written.
    template<typename Change>
    bool update(const QString &server, const QString &user, bool create, Change change, QString *error);

    QString m_path;
};

} // namespace Clearway::Storage
