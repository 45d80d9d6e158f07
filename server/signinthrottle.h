#pragma once

#include <QHash>
#include <QList>
#include <QString>

namespace Clearway::Server {

// Failed sign-ins, counted per account and per network address (docs/protocol.md, "Sign-in"). A
// key (an account name, or an address) with `limit` failures within a minute is blocked for a
// while, so guessing passwords costs the guesser time and the server no Argon2id work; the delay
// starts at `lockoutMs` and doubles with each further failure after a block (at most 15 minutes),
// until the key has been quiet (no failure, no block) for 15 minutes. A correct password clears its account's record,
// never its address's: many officers of an office may sign in from one address. Passwords still
// being checked count as failures to come: sign-ins sent all at once on many connections get no
// more guesses than sign-ins one after another. Times are the caller's monotonic milliseconds.
class SignInThrottle final
{
public:
    struct Limits
    {
        int perAccount = 5;
        int perAddress = 20;
        qint64 lockoutMs = 30000;
    };

    // A block that a failure started: for the account or the address, and for how long.
    struct Block
    {
        bool account = false; // else the address
        qint64 ms = 0;
        int failures = 0; // within the minute that started it (after a block, the one failure)
    };

    explicit SignInThrottle(const Limits &limits);

    // How long `account` from `address` must wait before a sign-in is tried (0: it may now), and
    // whether the account (else the address) is the reason. While the failures of the last minute
    // and the checks under way reach a limit: kBusyMs.
    qint64 retryAfterMs(const QString &account, const QString &address, qint64 nowMs, bool *forAccount) const;
    // A password of `account` from `address` is being checked; failed() or succeeded() follows.
    void checking(const QString &account, const QString &address);
    // A wrong password: the blocks this failure started (none, or the account's, the address's, both).
    QList<Block> failed(const QString &account, const QString &address, qint64 nowMs);
    void succeeded(const QString &account, const QString &address);
    // Forgets keys that are not blocked and have been quiet for 15 minutes.
    void prune(qint64 nowMs);
    qsizetype size() const { return m_accounts.size() + m_addresses.size(); }

    static constexpr qint64 kWindowMs = 60000;
    static constexpr qint64 kMaxLockoutMs = 15 * 60000;
    static constexpr qint64 kQuietMs = 15 * 60000;
    static constexpr qint64 kBusyMs = 1000;

private:
    struct Entry
    {
        QList<qint64> recent; // failures within the last minute, oldest first
        qint64 blockedUntil = 0;
        qint64 lastFailure = 0;
        int blocks = 0; // blocks so far: the next lasts lockoutMs * 2^blocks
        int checking = 0; // passwords being checked
    };
    qint64 waitMs(const Entry &e, int limit, qint64 nowMs) const;
    // Records a failure; the block it starts, in ms (0: none).
    qint64 fail(Entry &e, int limit, qint64 nowMs) const;
    static bool quiet(const Entry &e, qint64 nowMs);
    static void prune(QHash<QString, Entry> &entries, qint64 nowMs);

    Limits m_limits;
    QHash<QString, Entry> m_accounts;
    QHash<QString, Entry> m_addresses;
};

} // namespace Clearway::Server
