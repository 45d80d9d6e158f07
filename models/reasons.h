#pragma once

#include "models/types.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Clearway::Models {

// A reason an officer can pick for a decision, from the catalogue customs uses for it.
struct ReasonOption
{
    QString code;              // stable, for statistics and tests: "classification", "value", ...
    const char *label = nullptr; // QT_TRANSLATE_NOOP("Clearway::Models::Reasons", ...)
    bool needsDetails = false; // "Other": the officer must say what

    QString text() const; // the label, translated
};

// The catalogue of reasons for `command` on `kind` (return for correction, hold, route to
// inspection, escalate, the manifests' return / delete / transfer, ...). Empty when the command
// takes the officer's own words only (a finding, a cancellation). The last option of a non-empty
// catalogue is always "Other", which needs details.
QList<ReasonOption> reasonCatalogue(WorkKind kind, const QString &command);

// The reason as recorded in the item's history and sent to the server: the chosen options'
// labels, then the officer's own words, joined by "; ". Empty when nothing was given.
QString composeReason(const QStringList &chosenLabels, const QString &details);

} // namespace Clearway::Models
