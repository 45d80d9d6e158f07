#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Clearway::Storage {

// The cache's identity: PRAGMA application_id marks a file as a Clearway cache ('CLWY'), and
// PRAGMA user_version is its schema version. A file with another application id is foreign; one
// with a higher version was written by a newer Clearway and is never migrated down or touched.
inline constexpr int kApplicationId = 0x434C5759;
inline constexpr int kSchemaVersion = 12;

struct Migration
{
    int toVersion;
    QStringList statements;
};

// Step-by-step migrations from an empty file; migration N takes version N-1 to N.
const QList<Migration> &migrations();

// Secondary structures (queue indexes, full-text triggers) that a bulk load drops before inserting
// and re-creates afterwards, which is several times faster than maintaining them row by row.
// `except`: queue indexes to leave out (those still pending, kIndexesPendingKey).
QStringList secondaryStructuresCreate(const QStringList &except = {});
QStringList secondaryStructuresDrop();
// Rebuilds every full-text index (trigram and short-word) from its table (after a bulk load).
QStringList fullTextRebuild();
// After a bulk load with secondaryStructuresDrop(): full text, then indexes and triggers, then
// statistics, in that order (building the indexes after the rows is several times faster).
QStringList bulkLoadFinish();
// What a workstation's copy needs before the officer can work: each queue's index for its default
// sort of open work and its (assignee, state) index, the triggers and the statistics. The rest is
// marked pending, for CacheWriter to build in the background in short transactions: the other queue
// indexes (kIndexesPendingKey, one at a time, queueIndexCreate(); until then a queue sorted by that
// column sorts its rows instead of walking an index) and the search index of every searched table
// (searchPendingKey() = 0, a few thousand rows at a time, searchIndexFill()).
QStringList bulkLoadFinishRestLater();
inline constexpr auto kIndexesPendingKey = "indexes_pending"; // meta: index names, comma-separated
QStringList deferredQueueIndexes(); // open work's first, then closed work's
QString queueIndexCreate(const QString &name);
// meta key holding the highest id of `table` that its search index covers while a background build
// is under way; absent when the index covers every row. The full-text triggers skip rows above it.
QString searchPendingKey(const QString &table);
QStringList searchedTables();
// Indexes the rows of `table` with lo < id <= hi (bound in that order, per statement) for search.
QStringList searchIndexFill(const QString &table);
// Exact planner statistics for the queue tables (after a bulk load). Sampled ones (analysis_limit)
// misjudge how many rows share a state, and the planner then sorts a million rows instead of
// walking the sort column's index: seconds instead of a millisecond.
QStringList statisticsRefresh();

} // namespace Clearway::Storage
