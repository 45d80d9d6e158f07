#include "storage/offlinecredentials.h"

#include "storage/passwordhash.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMutex>
#include <QSaveFile>

namespace Clearway::Storage {

Q_LOGGING_CATEGORY(lcCredentials, "clearway.storage.signin")

namespace {

constexpr int kFormat = 1;
constexpr qint64 kMaxFileBytes = 4 << 20;

// One writer at a time in this process (sign-in, the verifier made after it, a refusal).
QMutex &fileLock()
{
    static QMutex lock;
    return lock;
}

QString revokedKey(OfflineAccount::Revoked r)
{
    switch (r) {
    case OfflineAccount::Revoked::No:
        return {};
    case OfflineAccount::Revoked::Expired:
        return QStringLiteral("expired");
    case OfflineAccount::Revoked::TurnedOff:
        return QStringLiteral("turned_off");
    case OfflineAccount::Revoked::Refused:
        return QStringLiteral("refused");
    }
    return {};
}

std::optional<OfflineAccount::Revoked> revokedFromKey(const QString &key)
{
    for (const auto r : {OfflineAccount::Revoked::No, OfflineAccount::Revoked::Expired, OfflineAccount::Revoked::TurnedOff,
                         OfflineAccount::Revoked::Refused}) {
        if (revokedKey(r) == key)
            return r;
    }
    return std::nullopt;
}

QJsonObject toJson(const OfflineAccount &a)
{
    return {{QStringLiteral("server"), a.server},
            {QStringLiteral("user"), a.officer.id},
            {QStringLiteral("name"), a.officer.name},
            {QStringLiteral("office"), a.officer.office},
            {QStringLiteral("roles"), int(a.officer.roles.toInt())},
            {QStringLiteral("verifier"), a.verifier},
            {QStringLiteral("validUntil"), a.validUntil},
            {QStringLiteral("token"), a.token},
            {QStringLiteral("tokenExpires"), a.tokenExpires},
            {QStringLiteral("failures"), a.failures},
            {QStringLiteral("retryAfter"), a.retryAfter},
            {QStringLiteral("revoked"), revokedKey(a.revoked)}};
}

std::optional<OfflineAccount> fromJson(const QJsonObject &o)
{
    OfflineAccount a;
    a.server = o.value(QStringLiteral("server")).toString();
    a.officer.id = o.value(QStringLiteral("user")).toString();
    a.officer.name = o.value(QStringLiteral("name")).toString();
    a.officer.office = o.value(QStringLiteral("office")).toString();
    a.officer.roles = Models::Roles::fromInt(o.value(QStringLiteral("roles")).toInt());
    a.verifier = o.value(QStringLiteral("verifier")).toString();
    a.validUntil = o.value(QStringLiteral("validUntil")).toInteger();
    a.token = o.value(QStringLiteral("token")).toString();
    a.tokenExpires = o.value(QStringLiteral("tokenExpires")).toInteger();
    a.failures = o.value(QStringLiteral("failures")).toInt();
    a.retryAfter = o.value(QStringLiteral("retryAfter")).toInteger();
    const std::optional<OfflineAccount::Revoked> revoked = revokedFromKey(o.value(QStringLiteral("revoked")).toString());
    if (a.server.isEmpty() || a.officer.id.isEmpty() || !revoked || a.failures < 0)
        return std::nullopt;
    a.revoked = *revoked;
    return a;
}

void revoke(OfflineAccount *a, OfflineAccount::Revoked why)
{
    a->revoked = why;
    a->verifier.clear();
    a->token.clear();
    a->tokenExpires = 0;
    a->failures = 0;
    a->retryAfter = 0;
}

} // namespace

OfflineCredentials::OfflineCredentials(const QString &path)
    : m_path(path)
{
}

QString OfflineCredentials::besideCache(const QString &cachePath)
{
    const QFileInfo cache(cachePath);
    return cache.absoluteDir().filePath(cache.completeBaseName() + QStringLiteral(".signin.json"));
}

QString OfflineCredentials::serverKey(const QUrl &url)
{
    QUrl u = url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveFragment | QUrl::StripTrailingSlash | QUrl::NormalizePathSegments);
    u.setScheme(u.scheme().toLower());
    if ((u.scheme() == QLatin1String("wss") && u.port() == 443) || (u.scheme() == QLatin1String("ws") && u.port() == 80))
        u.setPort(-1);
    return u.toString(QUrl::FullyEncoded);
}

qint64 OfflineCredentials::delayAfter(int failures)
{
    if (failures < 2)
        return 0;
    return std::min<qint64>(kMaxDelaySeconds, qint64(5) << std::min(failures - 2, 16));
}

OfflineCredentials::FileState OfflineCredentials::load(QList<OfflineAccount> *accounts, QString *error) const
{
    accounts->clear();
    QFile file(m_path);
    if (!file.exists())
        return FileState::Missing;
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(m_path), file.errorString());
        return FileState::Damaged;
    }
    if (file.size() > kMaxFileBytes) {
        *error = QStringLiteral("%1 is larger than %2 bytes").arg(QDir::toNativeSeparators(m_path)).arg(kMaxFileBytes);
        return FileState::Damaged;
    }
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parse);
    const QJsonObject root = doc.object();
    if (parse.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = QStringLiteral("%1 is not a sign-in file (%2)").arg(QDir::toNativeSeparators(m_path), parse.errorString());
        return FileState::Damaged;
    }
    if (root.value(QStringLiteral("format")).toInt() != kFormat) {
        *error = QStringLiteral("%1 has format %2; this Clearway reads format %3")
                     .arg(QDir::toNativeSeparators(m_path), root.value(QStringLiteral("format")).toVariant().toString())
                     .arg(kFormat);
        return FileState::Damaged;
    }
    for (const QJsonValue &v : root.value(QStringLiteral("accounts")).toArray()) {
        const std::optional<OfflineAccount> a = fromJson(v.toObject());
        if (!a) {
            *error = QStringLiteral("%1 holds an entry that cannot be read").arg(QDir::toNativeSeparators(m_path));
            return FileState::Damaged;
        }
        accounts->append(*a);
    }
    return FileState::Read;
}

bool OfflineCredentials::save(const QList<OfflineAccount> &accounts, QString *error) const
{
    QJsonArray list;
    for (const OfflineAccount &a : accounts)
        list.append(toJson(a));
    const QByteArray data = QJsonDocument(QJsonObject{{QStringLiteral("format"), kFormat}, {QStringLiteral("accounts"), list}}).toJson();
    QSaveFile file(m_path);
    // Owner only, set on the temporary file before anything is written to it.
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) || file.write(data) != data.size()
        || !file.commit()) {
        *error = QStringLiteral("%1 cannot be written: %2").arg(QDir::toNativeSeparators(m_path), file.errorString());
        return false;
    }
    return true;
}

template<typename Change>
bool OfflineCredentials::update(const QString &server, const QString &user, bool create, Change change, QString *error)
{
    const QMutexLocker locker(&fileLock());
    QList<OfflineAccount> accounts;
    QString damage;
    const FileState state = load(&accounts, &damage);
    if (state == FileState::Damaged) {
        if (!create) {
            *error = damage;
            return false;
        }
        // A new verifier replaces a file no one can read; the old bytes are kept for support.
        const QString aside = m_path + QStringLiteral(".damaged");
        QFile::remove(aside);
        if (!QFile::rename(m_path, aside)) {
            *error = QStringLiteral("%1; it cannot be moved aside to %2").arg(damage, QDir::toNativeSeparators(aside));
            return false;
        }
        qCWarning(lcCredentials).noquote() << damage << "- moved aside to" << aside;
    }
    qsizetype i = 0;
    while (i < accounts.size() && !(accounts.at(i).server == server && accounts.at(i).officer.id == user))
        ++i;
    if (i == accounts.size()) {
        if (!create)
            return true;
        OfflineAccount fresh;
        fresh.server = server;
        fresh.officer.id = user;
        accounts.append(fresh);
    }
    if (!change(&accounts[i]))
        return true;
    return save(accounts, error);
}

bool OfflineCredentials::find(const QUrl &server, const QString &user, std::optional<OfflineAccount> *account, QString *error) const
{
    account->reset();
    const QString key = serverKey(server);
    QList<OfflineAccount> accounts;
    const QMutexLocker locker(&fileLock());
    if (load(&accounts, error) == FileState::Damaged)
        return false;
    for (const OfflineAccount &a : std::as_const(accounts)) {
        if (a.server == key && a.officer.id == user)
            *account = a;
    }
    return true;
}

bool OfflineCredentials::remember(const QUrl &server, const Models::Officer &officer, const QString &password, qint64 validFor, const QString &token,
                                  qint64 tokenExpires, qint64 now, QString *error)
{
    QString verifier;
    if (validFor > 0) {
        verifier = hashPassword(password, HashCost::Moderate);
        if (verifier.isEmpty()) {
            *error = QStringLiteral("the offline verifier could not be made (libsodium: out of memory?)");
            return false;
        }
    }
    return update(serverKey(server), officer.id, true, [&](OfflineAccount *a) {
        a->officer = officer;
        if (verifier.isEmpty()) {
            revoke(a, OfflineAccount::Revoked::TurnedOff);
            return true;
        }
        a->verifier = verifier;
        a->validUntil = now + validFor;
        a->token = token;
        a->tokenExpires = tokenExpires;
        a->failures = 0;
        a->retryAfter = 0;
        a->revoked = OfflineAccount::Revoked::No;
        return true;
    }, error);
}

OfflineCheck OfflineCredentials::check(const QUrl &server, const QString &user, const QString &password, qint64 now)
{
    OfflineCheck out;
    std::optional<OfflineAccount> found;
    if (!find(server, user, &found, &out.error))
        return out; // Unreadable
    if (!found) {
        out.outcome = OfflineCheck::Outcome::NeverSignedIn;
        return out;
    }
    out.account = *found;
    out.account.verifier.clear(); // the hash stays in the file
    switch (found->revoked) {
    case OfflineAccount::Revoked::No:
        break;
    case OfflineAccount::Revoked::Expired:
        out.outcome = OfflineCheck::Outcome::Expired;
        return out;
    case OfflineAccount::Revoked::TurnedOff:
        out.outcome = OfflineCheck::Outcome::TurnedOff;
        return out;
    case OfflineAccount::Revoked::Refused:
        out.outcome = OfflineCheck::Outcome::Refused;
        return out;
    }
    const QString key = serverKey(server);
    if (now >= found->validUntil) {
        out.outcome = OfflineCheck::Outcome::Expired;
        if (!update(key, user, false, [](OfflineAccount *a) { revoke(a, OfflineAccount::Revoked::Expired); return true; }, &out.error))
            qCWarning(lcCredentials).noquote() << "an expired verifier could not be erased:" << out.error;
        return out;
    }
    // A clock set back does not lengthen the wait beyond the longest delay.
    const qint64 retryAfter = std::min(found->retryAfter, now + kMaxDelaySeconds);
    if (now < retryAfter) {
        out.outcome = OfflineCheck::Outcome::TooSoon;
        out.retryAfter = retryAfter;
        return out;
    }
    const bool right = verifyPassword(found->verifier, password);
    if (!update(key, user, false, [&](OfflineAccount *a) {
            if (a->verifier != found->verifier)
                return false; // replaced meanwhile by an online sign-in
            a->failures = right ? 0 : a->failures + 1;
            a->retryAfter = right ? 0 : now + delayAfter(a->failures);
            out.retryAfter = a->retryAfter;
            return true;
        }, &out.error)) {
        // Not counting a failure would let the delay be skipped: refuse without a verdict.
        out.outcome = OfflineCheck::Outcome::Unreadable;
        return out;
    }
    out.outcome = right ? OfflineCheck::Outcome::Accepted : OfflineCheck::Outcome::WrongPassword;
    if (!right)
        return out;
    out.retryAfter = 0;
    out.account.failures = 0;
    out.account.retryAfter = 0;
    if (out.account.tokenExpires <= now)
        out.account.token.clear();
    return out;
}

bool OfflineCredentials::forgetRefused(const QUrl &server, const QString &user, const QString &password, bool *revoked, QString *error)
{
    *revoked = false;
    std::optional<OfflineAccount> found;
    if (!find(server, user, &found, error))
        return false;
    if (!found || found->verifier.isEmpty() || !verifyPassword(found->verifier, password))
        return true;
    return update(serverKey(server), user, false, [&](OfflineAccount *a) {
        if (a->verifier != found->verifier)
            return false;
        revoke(a, OfflineAccount::Revoked::Refused);
        *revoked = true;
        return true;
    }, error);
}

bool OfflineCredentials::forgetDisabled(const QStringList &users, QStringList *revoked, QString *error)
{
    revoked->clear();
    const QMutexLocker locker(&fileLock());
    QList<OfflineAccount> accounts;
    switch (load(&accounts, error)) {
    case FileState::Missing: return true;
    case FileState::Damaged: return false;
    case FileState::Read: break;
    }
    for (OfflineAccount &a : accounts) {
        if (a.revoked == OfflineAccount::Revoked::No && users.contains(a.officer.id)) {
            revoke(&a, OfflineAccount::Revoked::Refused);
            if (!revoked->contains(a.officer.id))
                revoked->append(a.officer.id);
        }
    }
    return revoked->isEmpty() || save(accounts, error);
}

} // namespace Clearway::Storage
