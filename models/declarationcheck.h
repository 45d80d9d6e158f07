#pragma once

#include "models/entities.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace Clearway::Models {

// What is wrong with one field of a declaration.
struct FieldIssue
{
    QString field;  // "entryNo", "enterprise.code", "currency", "totalValue", "guarantee", "goods[2].hsCode", ...
    QString code;   // stable: "missing", "malformed", "unknown_country", "unknown_currency", "quantity", ...
    QString reason; // translated, for the officer and the enterprise
};

// Every field-level problem of a declaration, in field order; empty when it may be accepted.
// Goods lines are named by their position, from 1.
QList<FieldIssue> checkDeclaration(const Declaration &declaration);

// A two-step declaration needs a guarantee unless the enterprise is advanced certified (AEO).
bool needsGuarantee(const Declaration &declaration);

// When the full declaration (step 2) of a two-step declaration is due: within 14 days of arrival,
// the arrival day counting as the first (late from the 15th day, as the late-declaration fee is),
// in China's time zone. The returned moment is the end of the 14th day (midnight starting the
// 15th, Asia/Shanghai). Invalid when `arrival` is. Public holidays are not taken into account.
QDateTime twoStepFullDeclarationDue(const QDateTime &arrival);

} // namespace Clearway::Models
