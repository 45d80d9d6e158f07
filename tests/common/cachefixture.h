#pragma once

#include <QDateTime>
#include <QString>

namespace Clearway::Tests {

// Writes a small cache with `declarations` declarations (and a few of every other kind) whose
// values are a pure function of the row number, so tests can compute what to expect:
//  - number: 5141 2026 1 + 9-digit serial, id = row + 1
//  - state: cycles through the declaration lifecycle's states
//  - assignee: "wang.jianguo" for every third row in a held state, else ""
//  - enterprise_name: one of five names, bill_no "COSU" + serial
//  - deadline: now - 2 days + row hours; channel row % 5
// Returns an empty string on success, else the error.
QString writeFixtureCache(const QString &path, int declarations, const QDateTime &now);

inline constexpr auto kFixtureOfficer = "wang.jianguo";

} // namespace Clearway::Tests
