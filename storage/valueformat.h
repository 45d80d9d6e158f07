#pragma once

#include "models/types.h"
#include "storage/queuespec.h"

#include <QHash>
#include <QString>
#include <QVariant>

namespace Clearway::Storage {

// Officer id → display name, read once from the cache's officers table.
using OfficerNames = QHash<QString, QString>;

// The text an officer sees for a cached value.
QString formatValue(ValueFormat format, const QVariant &raw, Models::WorkKind kind, const OfficerNames &officers);

// Local date and time as the queues show it: "2026-11-22 14:05".
QString formatTimestamp(qint64 utcSeconds);

// How far a deadline is from now, for the officer: "in 5 h", "2 d 3 h overdue".
QString formatTimeLeft(qint64 secondsLeft);

} // namespace Clearway::Storage
