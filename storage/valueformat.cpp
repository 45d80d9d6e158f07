#include "storage/valueformat.h"

#include "models/lifecycle.h"

#include <QCoreApplication>
#include <QDateTime>

namespace Clearway::Storage {

using namespace Clearway::Models;

QString formatTimestamp(qint64 utcSeconds)
{
    return QDateTime::fromSecsSinceEpoch(utcSeconds).toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString formatTimeLeft(qint64 secondsLeft)
{
    const qint64 s = secondsLeft < 0 ? -secondsLeft : secondsLeft;
    const qint64 days = s / 86400;
    const qint64 hours = (s % 86400) / 3600;
    const qint64 minutes = (s % 3600) / 60;
    auto translated = [](const char *source) { return QCoreApplication::translate("Clearway::Storage::ValueFormat", source); };
    QString span;
    if (days > 0)
        span = translated(QT_TRANSLATE_NOOP("Clearway::Storage::ValueFormat", "%1 d %2 h")).arg(days).arg(hours);
    else if (hours > 0)
        span = translated(QT_TRANSLATE_NOOP("Clearway::Storage::ValueFormat", "%1 h %2 min")).arg(hours).arg(minutes);
    else
        span = translated(QT_TRANSLATE_NOOP("Clearway::Storage::ValueFormat", "%1 min")).arg(minutes);
    return secondsLeft < 0 ? translated(QT_TRANSLATE_NOOP("Clearway::Storage::ValueFormat", "%1 overdue")).arg(span)
                           : translated(QT_TRANSLATE_NOOP("Clearway::Storage::ValueFormat", "in %1")).arg(span);
}

QString formatValue(ValueFormat format, const QVariant &raw, WorkKind kind, const OfficerNames &officers)
{
    if (raw.isNull())
        return {};
    switch (format) {
    case ValueFormat::Text:
        return raw.toString();
    case ValueFormat::State:
        return Lifecycle::of(kind).stateLabel(raw.toString());
    case ValueFormat::Channel:
        return channelLabel(static_cast<Channel>(raw.toInt()));
    case ValueFormat::Direction:
        return directionLabel(static_cast<Direction>(raw.toInt()));
    case ValueFormat::DeclarationMode:
        return declarationModeLabel(static_cast<DeclarationMode>(raw.toInt()));
    case ValueFormat::Transport:
        return transportLabel(static_cast<Transport>(raw.toInt()));
    case ValueFormat::InspectionMethod:
        return inspectionMethodLabel(static_cast<InspectionMethod>(raw.toInt()));
    case ValueFormat::CertificateType:
        return certificateTypeLabel(static_cast<CertificateType>(raw.toInt()));
    case ValueFormat::Guarantee:
        return guaranteeLabel(static_cast<GuaranteeKind>(raw.toInt()));
    case ValueFormat::Money:
        return formatMoney(raw.toLongLong(), QStringLiteral("CNY"));
    case ValueFormat::DateTime:
    case ValueFormat::Deadline:
        return formatTimestamp(raw.toLongLong());
    case ValueFormat::Officer: {
        const QString id = raw.toString();
        return officers.value(id, id);
    }
    }
    return raw.toString();
}

} // namespace Clearway::Storage
