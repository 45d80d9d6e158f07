#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Clearway::Storage {

// The cache's identity: PRAGMA application_id marks a file as a Clearway cache ('CLWY'), and
// PRAGMA user_version is its schema version. A file with another application id is foreign; one
// with a higher version was written by a newer Clearway and is never migrated down or touched.
inline constexpr int kApplicationId = 0x434C5759;
inline constexpr int kSchemaVersion = 6;

struct Migration
{
    int toVersion;
    QStringList statements;
};

// Step-by-step migrations from an empty file; migration N takes version N-1 to N.
const QList<Migration> &migrations();

// Secondary structures (queue indexes, full-text triggers) that a bulk load drops before inserting
// and re-creates afterwards, which is several times faster than maintaining them row by row.
QStringList secondaryStructuresCreate();
QStringList secondaryStructuresDrop();
// Rebuilds every full-text index (trigram and short-word) from its table (after a bulk load).
QStringList fullTextRebuild();
// After a bulk load with secondaryStructuresDrop(): full text, then indexes and triggers, then
// statistics, in that order (building the indexes after the rows is several times faster).
QStringList bulkLoadFinish();
// Exact planner statistics for the queue tables (after a bulk load). Sampled ones (analysis_limit)
// misjudge how many rows share a state, and the planner then sorts a million rows instead of
// walking the sort column's index: seconds instead of a millisecond.
QStringList statisticsRefresh();

} // namespace Clearway::Storage
