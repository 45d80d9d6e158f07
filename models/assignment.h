#pragma once

#include "models/entities.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Clearway::Models {

// Auto-assignment of new declarations to window officers (as UNCTAD's ASYCUDA assigns at
// registration): by section, then by workload.

// A window officer who could take a declaration.
struct AssignmentCandidate
{
    QString officerId;
    int openItems = 0;       // declarations the officer holds that are not closed
    QStringList hsSections;  // HS code prefixes of the officer's section; empty: no section (a generalist)
};

// The permission that puts an officer in a section: "section.hs:<prefix>", one per prefix (2 to 10
// digits), granted with `clearway-server add-user --permissions section.hs:03,section.hs:16`.
inline constexpr auto kSectionPermissionPrefix = "section.hs:";

// The HS prefixes in an officer's permissions; malformed ones are skipped.
QStringList hsSections(const QStringList &permissions);

// Whom a new declaration goes to: among the officers whose section covers one of its goods lines'
// HS codes, else among the generalists, the one holding the fewest open declarations; ties go to
// the first officer id in order, so the choice replays. Nobody (the shared queue) when there is no
// candidate of either kind.
std::optional<QString> chooseAssignee(const Declaration &declaration, const QList<AssignmentCandidate> &candidates);

} // namespace Clearway::Models
