#include "server/signinthrottle.h"

#include <algorithm>

namespace Clearway::Server {

SignInThrottle::SignInThrottle(const Limits &limits)
    : m_limits(limits)
{
}

qint64 SignInThrottle::waitMs(const Entry &e, int limit, qint64 nowMs) const
{
    if (e.blockedUntil > nowMs)
        return e.blockedUntil - nowMs;
    const auto failures = std::count_if(e.recent.cbegin(), e.recent.cend(), [nowMs](qint64 t) { return t > nowMs - kWindowMs; });
    return e.checking > 0 && failures + e.checking >= limit ? kBusyMs : 0;
}

qint64 SignInThrottle::retryAfterMs(const QString &account, const QString &address, qint64 nowMs, bool *forAccount) const
{
    const qint64 byAccount = waitMs(m_accounts.value(account), m_limits.perAccount, nowMs);
    const qint64 byAddress = waitMs(m_addresses.value(address), m_limits.perAddress, nowMs);
    *forAccount = byAccount >= byAddress;
    return std::max<qint64>(0, std::max(byAccount, byAddress));
}

// No failure, and no block, for kQuietMs.
bool SignInThrottle::quiet(const Entry &e, qint64 nowMs) { return e.checking == 0 && std::max(e.lastFailure, e.blockedUntil) <= nowMs - kQuietMs; }

void SignInThrottle::checking(const QString &account, const QString &address)
{
    ++m_accounts[account].checking;
    ++m_addresses[address].checking;
}

qint64 SignInThrottle::fail(Entry &e, int limit, qint64 nowMs) const
{
    e.checking = std::max(0, e.checking - 1);
    if (quiet(e, nowMs))
        e = Entry(); // start again (prune() may not have come by yet)
    e.lastFailure = nowMs;
    e.recent.append(nowMs);
    while (!e.recent.isEmpty() && e.recent.first() <= nowMs - kWindowMs)
        e.recent.removeFirst();
    // Blocked before: the next failure blocks again, for longer. Else `limit` failures in a minute.
    if (e.blocks == 0 && e.recent.size() < limit)
        return 0;
    const qint64 ms = std::min(kMaxLockoutMs, m_limits.lockoutMs << std::min(e.blocks, 20));
    ++e.blocks;
    e.blockedUntil = nowMs + ms;
    return ms;
}

QList<SignInThrottle::Block> SignInThrottle::failed(const QString &account, const QString &address, qint64 nowMs)
{
    QList<Block> blocks;
    Entry &a = m_accounts[account];
    if (const qint64 ms = fail(a, m_limits.perAccount, nowMs))
        blocks.append({true, ms, int(a.recent.size())});
    Entry &b = m_addresses[address];
    if (const qint64 ms = fail(b, m_limits.perAddress, nowMs))
        blocks.append({false, ms, int(b.recent.size())});
    return blocks;
}

void SignInThrottle::succeeded(const QString &account, const QString &address)
{
    Entry &a = m_accounts[account];
    a = Entry{{}, 0, 0, 0, std::max(0, a.checking - 1)};
    if (a.checking == 0)
        m_accounts.remove(account);
    Entry &b = m_addresses[address];
    b.checking = std::max(0, b.checking - 1);
}

void SignInThrottle::prune(QHash<QString, Entry> &entries, qint64 nowMs)
{
    for (auto it = entries.begin(); it != entries.end();) {
        if (quiet(*it, nowMs))
            it = entries.erase(it);
        else
            ++it;
    }
}

void SignInThrottle::prune(qint64 nowMs)
{
    prune(m_accounts, nowMs);
    prune(m_addresses, nowMs);
}

} // namespace Clearway::Server
