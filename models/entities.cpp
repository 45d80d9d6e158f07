#include "models/entities.h"

#include <QJsonArray>

#include <algorithm>

namespace Clearway::Models {

QJsonObject Officer::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("name"), name},
            {QStringLiteral("office"), office},
            {QStringLiteral("roles"), int(roles.toInt())},
            {QStringLiteral("active"), active}};
}

std::optional<Officer> Officer::fromJson(const QJsonObject &o)
{
    const QJsonValue id = o.value(QStringLiteral("id"));
    const QJsonValue name = o.value(QStringLiteral("name"));
    const QJsonValue office = o.value(QStringLiteral("office"));
    const QJsonValue roles = o.value(QStringLiteral("roles"));
    const QJsonValue active = o.value(QStringLiteral("active"));
    int allRoles = 0;
    for (Role r : {Role::WindowOfficer, Role::Inspector, Role::RemoteInspector, Role::CertificateOfficer, Role::Supervisor, Role::System})
        allRoles |= int(r);
    const double bits = roles.toDouble(-1);
    if (!id.isString() || id.toString().isEmpty() || !name.isString() || !office.isString() || !roles.isDouble() || bits < 0 || bits > allRoles
        || bits != double(int(bits)) || (int(bits) & ~allRoles) || !(active.isUndefined() || active.isBool()))
        return std::nullopt;
    return Officer{id.toString(), name.toString(), office.toString(), Roles::fromInt(int(bits)), active.toBool(true)};
}

SyncScope SyncScope::normalized() const
{
    SyncScope out = *this;
    std::sort(out.offices.begin(), out.offices.end());
    out.offices.erase(std::unique(out.offices.begin(), out.offices.end()), out.offices.end());
    std::sort(out.kinds.begin(), out.kinds.end());
    out.kinds.erase(std::unique(out.kinds.begin(), out.kinds.end()), out.kinds.end());
    return out;
}

QJsonObject SyncScope::toJson() const
{
    QJsonObject out;
    if (!offices.isEmpty())
        out.insert(QStringLiteral("offices"), QJsonArray::fromStringList(offices));
    if (!kinds.isEmpty()) {
        QJsonArray names;
        for (WorkKind k : kinds)
            names.append(workKindKey(k));
        out.insert(QStringLiteral("kinds"), names);
    }
    return out;
}

bool SyncScope::within(const SyncScope &allowed) const
{
    auto listWithin = [](const auto &mine, const auto &theirs) {
        return theirs.isEmpty() || (!mine.isEmpty() && std::all_of(mine.cbegin(), mine.cend(), [&theirs](const auto &x) { return theirs.contains(x); }));
    };
    return listWithin(offices, allowed.offices) && listWithin(kinds, allowed.kinds);
}

SyncScope SyncScope::narrowedTo(const SyncScope &allowed) const
{
    auto narrowed = [](const auto &mine, const auto &theirs) {
        if (theirs.isEmpty())
            return mine;
        auto out = mine;
        out.removeIf([&theirs](const auto &x) { return !theirs.contains(x); });
        return out.isEmpty() ? theirs : out;
    };
    return SyncScope{narrowed(offices, allowed.offices), narrowed(kinds, allowed.kinds)}.normalized();
}

SyncScope SyncScope::mayKeep(const Officer &officer, const QStringList &permissions)
{
    if (officer.hasRole(Role::System) || permissions.contains(QLatin1String(kAllOfficesPermission)))
        return {};
    return SyncScope{{officer.office}, {}};
}

SyncScope SyncScope::fromJson(const QJsonObject &o)
{
    SyncScope out;
    for (const QJsonValue &v : o.value(QStringLiteral("offices")).toArray())
        out.offices << v.toString();
    for (const QJsonValue &v : o.value(QStringLiteral("kinds")).toArray()) {
        if (const std::optional<WorkKind> k = workKindFromKey(v.toString()))
            out.kinds << *k;
    }
    return out.normalized();
}

QTimeZone chinaTimeZone()
{
    // Without the time zone database, UTC+8: China has kept it all year since 1991.
    static const QTimeZone zone = [] {
        const QTimeZone shanghai(QByteArrayLiteral("Asia/Shanghai"));
        return shanghai.isValid() ? shanghai : QTimeZone(8 * 3600);
    }();
    return zone;
}

SlaState slaStateAt(const QDateTime &deadline, const QDateTime &now)
{
    if (!deadline.isValid())
        return SlaState::Later;
    if (deadline < now)
        return SlaState::Overdue;
    const QDateTime endOfToday = now.toLocalTime().date().addDays(1).startOfDay();
    return deadline < endOfToday ? SlaState::DueToday : SlaState::Later;
}

} // namespace Clearway::Models
