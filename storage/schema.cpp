#include "storage/schema.h"

#include "storage/queuespec.h"

namespace Clearway::Storage {

namespace {

// Every work-item table shares these columns, so that one queue model and one command path serve
// all of them: id (server id), number (the customs number), state, assignee ('' = shared queue),
// office, version (server version), pending (local commands not yet acknowledged), created_at,
// deadline and updated_at (UTC seconds since the epoch).
QString workItemTable(const QString &name, const QString &extraColumns)
{
    return QStringLiteral("CREATE TABLE %1 ("
                          " id INTEGER PRIMARY KEY,"
                          " number TEXT NOT NULL UNIQUE,"
                          " state TEXT NOT NULL,"
                          " assignee TEXT NOT NULL DEFAULT '',"
                          " office TEXT NOT NULL,"
                          " version INTEGER NOT NULL DEFAULT 1,"
                          " pending INTEGER NOT NULL DEFAULT 0,"
                          " created_at INTEGER NOT NULL,"
                          " deadline INTEGER,"
                          " updated_at INTEGER NOT NULL,"
                          "%2)")
        .arg(name, extraColumns);
}

struct FullText
{
    QString table;   // e.g. declarations
    QStringList columns;
};

const QList<FullText> &fullTextTables()
{
    // What an officer types into the search box, per queue (QueueSpec::searchColumns). Trigram
    // tokenizing finds Chinese substrings and partial numbers (three characters or more).
    static const QList<FullText> tables = [] {
        QList<FullText> out;
        for (int k = 0; k < Models::WorkKindCount; ++k) {
            const QueueSpec &spec = QueueSpec::of(static_cast<Models::WorkKind>(k));
            out.append({spec.table, spec.searchColumns});
        }
        return out;
    }();
    return tables;
}

QString ftsName(const FullText &ft) { return ft.table + QStringLiteral("_fts"); }

QStringList fullTextCreate()
{
    QStringList out;
    for (const FullText &ft : fullTextTables()) {
        out << QStringLiteral("CREATE VIRTUAL TABLE %1 USING fts5(%2, content='%3', content_rowid='id', tokenize='trigram')")
                   .arg(ftsName(ft), ft.columns.join(QStringLiteral(", ")), ft.table);
    }
    return out;
}

// The short-word index (schema 5): the trigram index cannot find a word of one or two characters
// ("冻虾", "钢材"), and LIKE over a million rows takes seconds. For every searched column it holds
// each character and each pair of adjacent characters as one token, written as the hex of its
// UTF-8 bytes after ASCII lower-casing (exactly LIKE's case rule; lower() is ASCII-only without
// ICU), so that the ascii tokenizer keeps CJK, punctuation and spaces intact: "Cu冻" gives
// 63 6375 75 75E586BB E586BB E586BB. A pair never spans two columns. Only whether a row holds a
// token is kept (detail=none): a word of one or two characters is one token. Contentless: the
// triggers and the bulk rebuild write the derived text, computed by the SQL function
// clearway_grams() (storage/database.cpp), about thirty times faster than the same text built in
// SQL over a table of character positions (108 s for a million declarations).

QString gramsName(const FullText &ft) { return ft.table + QStringLiteral("_grams"); }

// The token text of one row; rowRef is "new", "old" or the table's name (registerFunctions()).
QString gramsText(const FullText &ft, const QString &rowRef)
{
    QStringList columns;
    for (const QString &c : ft.columns)
        columns << rowRef + QLatin1Char('.') + c;
    return QStringLiteral("clearway_grams(%1)").arg(columns.join(QStringLiteral(", ")));
}

QStringList gramsCreate()
{
    QStringList out;
    for (const FullText &ft : fullTextTables()) {
        out << QStringLiteral("CREATE VIRTUAL TABLE IF NOT EXISTS %1 USING fts5(grams, content='', tokenize='ascii', detail='none', columnsize=0)")
                   .arg(gramsName(ft));
    }
    return out;
}

QStringList gramsRebuild()
{
    QStringList out;
    for (const FullText &ft : fullTextTables()) {
        const QString g = gramsName(ft);
        out << QStringLiteral("INSERT INTO %1(%1) VALUES ('delete-all')").arg(g);
        out << QStringLiteral("INSERT INTO %1(rowid, grams) SELECT id, %2 FROM %3").arg(g, gramsText(ft, ft.table), ft.table);
    }
    return out;
}

// Only rows the search index already covers are kept up to date by the triggers: while the index
// is built in the background after a copy (searchPendingKey()), a row above the built range is
// indexed, as it is then, when the build reaches it.
QString searchGuard(const FullText &ft, const QString &rowRef)
{
    return QStringLiteral("WHEN %1.id <= coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = '%2'), 9223372036854775807)")
        .arg(rowRef, searchPendingKey(ft.table));
}

QStringList fullTextTriggersCreate()
{
    QStringList out;
    for (const FullText &ft : fullTextTables()) {
        const QString cols = ft.columns.join(QStringLiteral(", "));
        QStringList newCols, oldCols;
        for (const QString &c : ft.columns) {
            newCols << QStringLiteral("new.") + c;
            oldCols << QStringLiteral("old.") + c;
        }
        const QString fts = ftsName(ft);
        const QString whenNew = searchGuard(ft, QStringLiteral("new"));
        const QString whenOld = searchGuard(ft, QStringLiteral("old"));
        out << QStringLiteral("CREATE TRIGGER IF NOT EXISTS %1_ai AFTER INSERT ON %2 %5 BEGIN INSERT INTO %1(rowid, %3) VALUES (new.id, %4); END")
                   .arg(fts, ft.table, cols, newCols.join(QStringLiteral(", ")), whenNew);
        out << QStringLiteral("CREATE TRIGGER IF NOT EXISTS %1_ad AFTER DELETE ON %2 %5 BEGIN INSERT INTO %1(%1, rowid, %3) VALUES ('delete', old.id, %4); END")
                   .arg(fts, ft.table, cols, oldCols.join(QStringLiteral(", ")), whenOld);
        // Only the searchable columns re-index; a state change does not touch the full-text index.
        out << QStringLiteral("CREATE TRIGGER IF NOT EXISTS %1_au AFTER UPDATE OF %3 ON %2 %6 BEGIN "
                              "INSERT INTO %1(%1, rowid, %3) VALUES ('delete', old.id, %4); "
                              "INSERT INTO %1(rowid, %3) VALUES (new.id, %5); END")
                   .arg(fts, ft.table, cols, oldCols.join(QStringLiteral(", ")), newCols.join(QStringLiteral(", ")), whenOld);
        const QString g = gramsName(ft);
        out << QStringLiteral("CREATE TRIGGER IF NOT EXISTS %1_ai AFTER INSERT ON %2 %4 BEGIN INSERT INTO %1(rowid, grams) VALUES (new.id, %3); END")
                   .arg(g, ft.table, gramsText(ft, QStringLiteral("new")), whenNew);
        out << QStringLiteral("CREATE TRIGGER IF NOT EXISTS %1_ad AFTER DELETE ON %2 %4 BEGIN INSERT INTO %1(%1, rowid, grams) VALUES ('delete', old.id, %3); END")
                   .arg(g, ft.table, gramsText(ft, QStringLiteral("old")), whenOld);
        out << QStringLiteral("CREATE TRIGGER IF NOT EXISTS %1_au AFTER UPDATE OF %3 ON %2 %6 BEGIN "
                              "INSERT INTO %1(%1, rowid, grams) VALUES ('delete', old.id, %4); "
                              "INSERT INTO %1(rowid, grams) VALUES (new.id, %5); END")
                   .arg(g, ft.table, cols, gramsText(ft, QStringLiteral("old")), gramsText(ft, QStringLiteral("new")), whenOld);
    }
    return out;
}

QStringList fullTextTriggersDrop()
{
    QStringList out;
    for (const FullText &ft : fullTextTables()) {
        for (const char *suffix : {"_ai", "_ad", "_au"}) {
            out << QStringLiteral("DROP TRIGGER IF EXISTS %1%2").arg(ftsName(ft), QString::fromLatin1(suffix));
            out << QStringLiteral("DROP TRIGGER IF EXISTS %1%2").arg(gramsName(ft), QString::fromLatin1(suffix));
        }
    }
    return out;
}

struct IndexDef
{
    QString name;
    QString table;
    QString columns;
    QString where; // a partial index's condition, or empty
    // Built in the background after a copy (CacheWriter): all but the open items' default sort and
    // (assignee, state), which the first queue an officer sees and the counts need at once.
    bool deferrable = false;
    bool closedItems = false;
};

const QList<IndexDef> &queueIndexes()
{
    // Two partial (column, id) indexes per sortable queue column, over the open items and over the
    // closed ones, so that any sort of either in either direction is an index walk that never
    // passes over the other half (the first page of open items sorted by deadline would otherwise
    // skip every closed item with an earlier deadline). Together they hold one entry per row, as
    // one full index would. Their WHERE is the very text of the queue queries' (stateScope()).
    // The shared queue ("to claim") walks the open ones: it is most of the open work in a busy
    // office, and its filter tells the planner so (buildWhere). (assignee, state) serves "my
    // work", which is small enough to sort, and the counts. Derived from the queue specifications: a new sortable column
    // gets its indexes the next time a writer opens the cache (IF NOT EXISTS).
    static const QList<IndexDef> indexes = [] {
        QList<IndexDef> out;
        for (int k = 0; k < Models::WorkKindCount; ++k) {
            const QueueSpec &spec = QueueSpec::of(static_cast<Models::WorkKind>(k));
            for (int c = 0; c < spec.columns.size(); ++c) {
                const FieldSpec &f = spec.columns.at(c);
                if (!f.sortable)
                    continue;
                const QString columns = f.sql + QStringLiteral(", id");
                out.append({QStringLiteral("%1_open_by_%2").arg(spec.table, f.sql), spec.table, columns, stateScope(spec, true),
                            c != spec.defaultSortColumn, false});
                out.append({QStringLiteral("%1_closed_by_%2").arg(spec.table, f.sql), spec.table, columns, stateScope(spec, false), true, true});
            }
            out.append({spec.table + QStringLiteral("_by_assignee_state"), spec.table, QStringLiteral("assignee, state, id"), QString()});
        }
        return out;
    }();
    return indexes;
}

// The full (column, id) indexes of schema 3 and before, which the partial ones replace.
QStringList fullQueueIndexesDrop()
{
    QStringList out;
    for (int k = 0; k < Models::WorkKindCount; ++k) {
        const QueueSpec &spec = QueueSpec::of(static_cast<Models::WorkKind>(k));
        for (const FieldSpec &f : spec.columns) {
            if (f.sortable && f.key != QLatin1String("number"))
                out << QStringLiteral("DROP INDEX IF EXISTS %1_by_%2").arg(spec.table, f.sql);
        }
    }
    return out;
}

} // namespace

const QList<Migration> &migrations()
{
    static const QList<Migration> all = [] {
        QList<Migration> list;
        QStringList v1;
        v1 << QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID");
        v1 << QStringLiteral("CREATE TABLE officers (id TEXT PRIMARY KEY, name TEXT NOT NULL, office TEXT NOT NULL,"
                             " roles INTEGER NOT NULL) WITHOUT ROWID");
        v1 << QStringLiteral("CREATE TABLE enterprises (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE,"
                             " name TEXT NOT NULL, credit INTEGER NOT NULL)");
        v1 << workItemTable(QStringLiteral("declarations"),
                            QStringLiteral(" district TEXT NOT NULL, direction INTEGER NOT NULL, mode INTEGER NOT NULL,"
                                           " trade_mode TEXT NOT NULL, transport INTEGER NOT NULL, vessel TEXT NOT NULL DEFAULT '',"
                                           " voyage TEXT NOT NULL DEFAULT '', bill_no TEXT NOT NULL DEFAULT '',"
                                           " manifest_no TEXT NOT NULL DEFAULT '',"
                                           " enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),"
                                           " enterprise_name TEXT NOT NULL, total_value INTEGER NOT NULL, currency TEXT NOT NULL,"
                                           " total_value_cny INTEGER NOT NULL, duties INTEGER NOT NULL DEFAULT 0,"
                                           " guarantee INTEGER NOT NULL DEFAULT 0, channel INTEGER NOT NULL DEFAULT 0,"
                                           " arrival_at INTEGER, hs_codes TEXT NOT NULL DEFAULT '', goods_text TEXT NOT NULL DEFAULT ''"));
        v1 << QStringLiteral("CREATE TABLE goods_lines (item_kind INTEGER NOT NULL, item_id INTEGER NOT NULL, line_no INTEGER NOT NULL,"
                             " hs_code TEXT NOT NULL, description TEXT NOT NULL, quantity REAL NOT NULL, unit TEXT NOT NULL,"
                             " value INTEGER NOT NULL, currency TEXT NOT NULL, origin TEXT NOT NULL,"
                             " PRIMARY KEY (item_kind, item_id, line_no)) WITHOUT ROWID");
        v1 << workItemTable(QStringLiteral("manifests"),
                            QStringLiteral(" order_no TEXT NOT NULL, payment_no TEXT NOT NULL, waybill_no TEXT NOT NULL,"
                                           " platform TEXT NOT NULL, buyer_name TEXT NOT NULL, buyer_id_no TEXT NOT NULL,"
                                           " consignee TEXT NOT NULL, trade_mode TEXT NOT NULL,"
                                           " enterprise_id INTEGER NOT NULL REFERENCES enterprises(id), enterprise_name TEXT NOT NULL,"
                                           " total_value INTEGER NOT NULL, order_total INTEGER NOT NULL, payment_amount INTEGER NOT NULL,"
                                           " goods_text TEXT NOT NULL DEFAULT ''"));
        v1 << workItemTable(QStringLiteral("inspections"),
                            QStringLiteral(" entry_no TEXT NOT NULL, enterprise_name TEXT NOT NULL, manifest_no TEXT NOT NULL DEFAULT '',"
                                           " bill_no TEXT NOT NULL DEFAULT '', vessel TEXT NOT NULL DEFAULT '', voyage TEXT NOT NULL DEFAULT '',"
                                           " container_no TEXT NOT NULL DEFAULT '', site TEXT NOT NULL DEFAULT '', method INTEGER NOT NULL,"
                                           " check_type TEXT NOT NULL, in_position_at INTEGER, result TEXT NOT NULL DEFAULT ''"));
        v1 << workItemTable(QStringLiteral("video_sessions"),
                            QStringLiteral(" entry_no TEXT NOT NULL, enterprise_name TEXT NOT NULL, site TEXT NOT NULL,"
                                           " scheduled_at INTEGER NOT NULL, duration_minutes INTEGER NOT NULL DEFAULT 0,"
                                           " recording_sha256 TEXT NOT NULL DEFAULT ''"));
        v1 << workItemTable(QStringLiteral("certificates"),
                            QStringLiteral(" cert_type INTEGER NOT NULL, applicant_name TEXT NOT NULL, destination TEXT NOT NULL,"
                                           " review_outcome TEXT NOT NULL DEFAULT ''"));
        v1 << workItemTable(QStringLiteral("applications"),
                            QStringLiteral(" service_item TEXT NOT NULL, applicant_name TEXT NOT NULL, handling_office TEXT NOT NULL"));
        // The event history of every work item: who did what, when, and why. Append-only.
        v1 << QStringLiteral("CREATE TABLE events (id INTEGER PRIMARY KEY, item_kind INTEGER NOT NULL, item_id INTEGER NOT NULL,"
                             " at INTEGER NOT NULL, actor TEXT NOT NULL, command TEXT NOT NULL, from_state TEXT NOT NULL,"
                             " to_state TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '', pending INTEGER NOT NULL DEFAULT 0)");
        v1 << QStringLiteral("CREATE INDEX events_by_item ON events (item_kind, item_id, at)");
        // Commands waiting for the server's acknowledgement, in the order the officer issued them.
        v1 << QStringLiteral("CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, client_id TEXT NOT NULL,"
                             " item_kind INTEGER NOT NULL, item_id INTEGER NOT NULL, command TEXT NOT NULL,"
                             " payload TEXT NOT NULL, base_version INTEGER NOT NULL, created_at INTEGER NOT NULL,"
                             " attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT NOT NULL DEFAULT '')");
        // The server's last word on items with commands still pending here: local state is this
        // plus the pending commands re-applied in order (rebase), so nothing the server sends
        // overwrites an officer's unacknowledged work, and a refusal falls back to it.
        v1 << QStringLiteral("CREATE TABLE item_base (item_kind INTEGER NOT NULL, item_id INTEGER NOT NULL, state TEXT NOT NULL,"
                             " assignee TEXT NOT NULL, version INTEGER NOT NULL, PRIMARY KEY (item_kind, item_id)) WITHOUT ROWID");
        v1 << fullTextCreate();
        v1 << gramsCreate();
        v1 << secondaryStructuresCreate();
        list.append({1, v1});
        // Events the server recorded carry its change-log cursor: the initial snapshot and the
        // change stream may both bring the same event, and it is kept once.
        list.append({2,
                     {QStringLiteral("ALTER TABLE events ADD COLUMN cursor INTEGER"),
                      QStringLiteral("CREATE UNIQUE INDEX events_by_cursor ON events (cursor) WHERE cursor IS NOT NULL")}});
        // Caches written before this carry sampled statistics that send queue queries to the
        // wrong index (statisticsRefresh()).
        list.append({3, statisticsRefresh()});
        // Partial queue indexes, open and closed, instead of full ones (queueIndexes()).
        list.append({4, fullQueueIndexesDrop() + secondaryStructuresCreate() + statisticsRefresh()});
        // The short-word index beside the trigram one (gramsCreate()); on a cache of a million
        // declarations the first open after the upgrade builds it in about a minute.
        list.append({5, gramsCreate() + gramsRebuild() + secondaryStructuresCreate()});
        // The full-text triggers skip rows a background build has not reached yet
        // (searchPendingKey()).
        list.append({6, fullTextTriggersDrop() + fullTextTriggersCreate()});
        // Why each declaration has its lane, as routed on arrival (storage/riskrouting.h): filled from
        // the change that brings a declaration and from risk_reasons replies, so the detail pane
        // explains a lane offline. Not a snapshot table: the server keeps its own declaration_risk.
        list.append({7,
                     {QStringLiteral("CREATE TABLE risk_reasons (declaration_id INTEGER PRIMARY KEY, channel INTEGER NOT NULL,"
                                     " rule_set INTEGER NOT NULL, reasons TEXT NOT NULL, routed_at INTEGER NOT NULL,"
                                     " routed_by TEXT NOT NULL DEFAULT '')")}});
        // Window services (docs/workflows/window-services.md): what the window recorded at intake
        // (the catalogue key, the applicant's code and contact, the documents brought as a JSON array
        // of keys, notes, the receiving officer and window, the seconds the intake took, the time
        // limit in working days) and an index for the hand-off ledger's walk by command and time.
        list.append({8,
                     {QStringLiteral("ALTER TABLE applications ADD COLUMN service_key TEXT NOT NULL DEFAULT ''"),
                      QStringLiteral("ALTER TABLE applications ADD COLUMN applicant_id TEXT NOT NULL DEFAULT ''"),
                      QStringLiteral("ALTER TABLE applications ADD COLUMN applicant_contact TEXT NOT NULL DEFAULT ''"),
                      QStringLiteral("ALTER TABLE applications ADD COLUMN documents TEXT NOT NULL DEFAULT '[]'"),
                      QStringLiteral("ALTER TABLE applications ADD COLUMN notes TEXT NOT NULL DEFAULT ''"),
                      QStringLiteral("ALTER TABLE applications ADD COLUMN received_by TEXT NOT NULL DEFAULT ''"),
                      QStringLiteral("ALTER TABLE applications ADD COLUMN service_window TEXT NOT NULL DEFAULT ''"),
                      QStringLiteral("ALTER TABLE applications ADD COLUMN intake_seconds INTEGER NOT NULL DEFAULT 0"),
                      QStringLiteral("ALTER TABLE applications ADD COLUMN time_limit_days INTEGER NOT NULL DEFAULT 0"),
                      QStringLiteral("CREATE INDEX events_by_command ON events (item_kind, command, at)")}});
        // The three documents of an e-commerce manifest as their senders sent them (the order, the
        // payment, the waybill), for the three-document comparison, and the identity-theft case
        // that restored a manifest's quota use. Manifests stored before carry only the manifest's
        // own values, so their documents are taken to say what the manifest says. The buyer index
        // serves the quota: a buyer's released manifests.
        QStringList v9;
        for (const char *column : {"order_doc_no", "order_buyer_id_no", "order_buyer_name", "order_consignee", "payment_doc_no",
                                   "payment_order_no", "payer_id_no", "payer_name", "waybill_doc_no", "waybill_order_no", "waybill_consignee",
                                   "quota_case"})
            v9 << QStringLiteral("ALTER TABLE manifests ADD COLUMN %1 TEXT NOT NULL DEFAULT ''").arg(QString::fromLatin1(column));
        v9 << QStringLiteral("UPDATE manifests SET order_doc_no = order_no, order_buyer_id_no = buyer_id_no, order_buyer_name = buyer_name,"
                             " order_consignee = consignee, payment_doc_no = payment_no, payment_order_no = order_no, payer_id_no = buyer_id_no,"
                             " payer_name = buyer_name, waybill_doc_no = waybill_no, waybill_order_no = order_no, waybill_consignee = consignee");
        v9 << QStringLiteral("CREATE INDEX manifests_by_buyer ON manifests (buyer_id_no, state)");
        // An item's pending commands (rebase(), on every reply and every change to an item with
        // pending work): without it each reply scanned the whole outbox, which a batch decision
        // fills with thousands of commands (10,000 replies read 50 million rows).
        v9 << QStringLiteral("CREATE INDEX outbox_by_item ON outbox (item_kind, item_id, seq)");
        list.append({9, v9});
        // A re-base onto another server database (storage/cacherebase.h): the unsent commands of
        // the cache it replaced, in their old order, until the copy from the new server is
        // complete; the last page's transaction moves them into the outbox (CacheWriter).
        list.append({10,
                     {QStringLiteral("CREATE TABLE carried_commands (old_seq INTEGER PRIMARY KEY, item_kind INTEGER NOT NULL,"
                                     " item_id INTEGER NOT NULL, command TEXT NOT NULL, payload TEXT NOT NULL, created_at INTEGER NOT NULL)")}});
        // Whether an officer's account is enabled (Models::Officer::active): the change stream now
        // carries the officer directory, and no work is handed to a disabled account.
        list.append({11, {QStringLiteral("ALTER TABLE officers ADD COLUMN active INTEGER NOT NULL DEFAULT 1")}});
        // The seq of this workstation's earlier command on the same item that was still waiting
        // when the command was made (0: none): the server checks a holder's decision against the
        // version that command leaves (docs/protocol.md, "Commands"). Commands already waiting get
        // it from their order.
        list.append({12,
                     {QStringLiteral("ALTER TABLE outbox ADD COLUMN after_seq INTEGER NOT NULL DEFAULT 0"),
                      QStringLiteral("UPDATE outbox SET after_seq = coalesce((SELECT max(e.seq) FROM outbox e WHERE e.item_kind = outbox.item_kind"
                                     " AND e.item_id = outbox.item_id AND e.seq < outbox.seq), 0)")}});
        return list;
    }();
    return all;
}

QString queueIndexCreate(const QString &name)
{
    for (const IndexDef &ix : queueIndexes()) {
        if (ix.name == name)
            return QStringLiteral("CREATE INDEX IF NOT EXISTS %1 ON %2 (%3)%4")
                .arg(ix.name, ix.table, ix.columns, ix.where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + ix.where);
    }
    return {};
}

QStringList secondaryStructuresCreate(const QStringList &except)
{
    QStringList out;
    for (const IndexDef &ix : queueIndexes()) {
        if (!except.contains(ix.name))
            out << queueIndexCreate(ix.name);
    }
    out << fullTextTriggersCreate();
    return out;
}

QStringList deferredQueueIndexes()
{
    QStringList open, closed;
    for (const IndexDef &ix : queueIndexes()) {
        if (ix.deferrable)
            (ix.closedItems ? closed : open) << ix.name;
    }
    return open + closed; // open work is sorted more often
}

QStringList secondaryStructuresDrop()
{
    QStringList out;
    for (const IndexDef &ix : queueIndexes())
        out << QStringLiteral("DROP INDEX IF EXISTS %1").arg(ix.name);
    return out + fullTextTriggersDrop();
}

QStringList fullTextRebuild()
{
    QStringList out;
    for (const FullText &ft : fullTextTables())
        out << QStringLiteral("INSERT INTO %1(%1) VALUES ('rebuild')").arg(ftsName(ft));
    out << gramsRebuild();
    return out;
}

QStringList statisticsRefresh()
{
    QStringList out = {QStringLiteral("PRAGMA analysis_limit = 0")};
    for (const FullText &ft : fullTextTables())
        out << QStringLiteral("ANALYZE %1").arg(ft.table);
    return out;
}

QStringList bulkLoadFinish() { return fullTextRebuild() + secondaryStructuresCreate() + statisticsRefresh(); }

QString searchPendingKey(const QString &table) { return QStringLiteral("search_pending:") + table; }

QStringList searchedTables()
{
    QStringList out;
    for (const FullText &ft : fullTextTables())
        out << ft.table;
    return out;
}

QStringList bulkLoadFinishRestLater()
{
    const QStringList later = deferredQueueIndexes();
    QStringList out = secondaryStructuresCreate(later) + statisticsRefresh();
    out << QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES ('%1', '%2')").arg(QLatin1String(kIndexesPendingKey), later.join(QLatin1Char(',')));
    for (const FullText &ft : fullTextTables()) {
        // Empty after a bulk load, unless the workstation was restarted during the copy: the
        // triggers it re-created then indexed some rows, which the build will index again.
        out << QStringLiteral("INSERT INTO %1(%1) VALUES ('delete-all')").arg(ftsName(ft));
        out << QStringLiteral("INSERT INTO %1(%1) VALUES ('delete-all')").arg(gramsName(ft));
        out << QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES ('%1', '0')").arg(searchPendingKey(ft.table));
    }
    return out;
}

QStringList searchIndexFill(const QString &table)
{
    for (const FullText &ft : fullTextTables()) {
        if (ft.table != table)
            continue;
        const QString cols = ft.columns.join(QStringLiteral(", "));
        const QString range = QStringLiteral(" FROM %1 WHERE id > ? AND id <= ?").arg(ft.table);
        return {QStringLiteral("INSERT INTO %1(rowid, %2) SELECT id, %2").arg(ftsName(ft), cols) + range,
                QStringLiteral("INSERT INTO %1(rowid, grams) SELECT id, %2").arg(gramsName(ft), gramsText(ft, ft.table)) + range};
    }
    return {};
}

} // namespace Clearway::Storage
