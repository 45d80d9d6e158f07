#include "models/entities.h"

namespace Clearway::Models {

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
