#include "models/entities.h"

namespace Clearway::Models {

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
