#pragma once

#include "models/types.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <optional>

namespace Clearway::Storage {

// How a cached value is shown to the officer.
enum class ValueFormat {
    Text,
    State,
    Channel,
    Direction,
    DeclarationMode,
    Transport,
    InspectionMethod,
    CertificateType,
    Guarantee,
    Money,    // CNY fen
    DateTime, // UTC seconds, shown in local time
    Deadline, // UTC seconds, shown with the SLA state
    Officer,  // officer id, shown as the officer's name
};

// One column of a queue, or one field of the detail summary.
struct FieldSpec
{
    QString key;                 // stable, for settings and tests
    const char *label = nullptr; // English source text; translated by label()
    QString sql;                 // the expression over the item's table
    ValueFormat format = ValueFormat::Text;
    bool sortable = true;        // every sortable column has a (column, id) index

    QString translatedLabel() const;
};

// What a queue of one work kind shows and how it is searched: data, so that one model serves all
// six kinds.
struct QueueSpec
{
    Models::WorkKind kind;
    QString table;
    QString fullTextTable;
    QStringList searchColumns; // the columns the full-text index covers
    QList<FieldSpec> columns;  // the queue table
    QList<FieldSpec> details;  // the detail pane's summary
    int defaultSortColumn = 0;
    bool hasChannel = false;
    bool hasDirection = false;

    int columnOf(const QString &key) const;
    static const QueueSpec &of(Models::WorkKind kind);
};

// Which part of a queue the officer looks at.
enum class Scope { MyWork, Unassigned, Open, Closed, All };

struct QueueFilter
{
    Scope scope = Scope::Open;
    QString text;           // free text: an 18-digit entry number, or words searched in full text
    QStringList states;     // empty: every state the scope allows
    std::optional<Models::Channel> channel;
    std::optional<Models::Direction> direction;
    std::optional<Models::SlaState> sla;
    QString officerId;      // for MyWork
    QDateTime now;          // the SLA boundaries; invalid means the current time

    bool operator==(const QueueFilter &other) const = default;
};

// A WHERE clause with its positional bind values.
struct SqlWhere
{
    QString clause; // empty, or "WHERE ..."
    QVariantList binds;
};

// How a free-text search reaches its first page. Every plan returns the same rows in the same
// order; they differ in what SQLite reads, and which is fast depends on how many rows match.
enum class SearchPlan {
    // The full-text hits are looked up by id and sorted: fast for few hits, and the shape counts use.
    HitsFirst,
    // The queue's sort index is walked and each id looked up among the hits ("+id IN (...)" keeps
    // the planner from driving by the hits): many hits, a small share of the queue.
    WalkTestingHits,
    // The queue's sort index is walked and each row's columns tested with LIKE: hits so dense that
    // a page is found within a few thousand rows, where reading every hit would cost more.
    WalkTestingText,
};

SqlWhere buildWhere(const QueueSpec &spec, const QueueFilter &filter, SearchPlan plan = SearchPlan::HitsFirst);

// Chooses the plan for a search sorted by sortColumn (HitsFirst when there is no free text): counts
// the full-text hits up to hitLimit (milliseconds); past it, tests the first rows of the queue in its
// order to see whether a page of hits lies near the start of the walk. Only queues with sort indexes
// of their own (open, closed, to claim) are walked. If the estimate cannot be read, *error says why
// and the plan is HitsFirst (always correct).
inline constexpr int kSearchHitLimit = 8000;
SearchPlan chooseSearchPlan(const QSqlDatabase &db, const QueueSpec &spec, const QueueFilter &filter, int sortColumn, Qt::SortOrder order,
                            QString *error = nullptr, int hitLimit = kSearchHitLimit);

// "state IN ('received', ...)": the kind's open (or closed) states as literals. The queue queries
// and the partial queue indexes use the very same text, which is how SQLite sees that an index
// WHERE it applies.
QString stateScope(const QueueSpec &spec, bool open);

// "ORDER BY <column> ASC, id ASC"; reversed flips both directions (used to read from the end).
QString buildOrderBy(const QueueSpec &spec, int column, Qt::SortOrder order, bool reversed = false);

// A full-text query for FTS5 trigram: every word quoted as a phrase (so that operators typed by the
// officer are searched literally), words ANDed. Words shorter than three characters cannot use the
// trigram index and are returned in *shortWords instead.
QString fullTextQuery(const QString &text, QStringList *shortWords);

// A query for the short-word index (<table>_grams, see storage/schema.cpp) finding rows that hold
// every word (one or two characters each) as a substring, with LIKE's case rule.
QString shortWordQuery(const QStringList &shortWords);

} // namespace Clearway::Storage
