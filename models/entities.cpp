#include "models/entities.h"

#include <QJsonArray>

#include <algorithm>

namespace Clearway::Models {

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
