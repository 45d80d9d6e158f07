#include "storage/queuespec.h"

#include "storage/database.h"

#include "models/lifecycle.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

#include <algorithm>

namespace Clearway::Storage {

using Models::WorkKind;

namespace {


FieldSpec field(const char *key, const char *label, ValueFormat format = ValueFormat::Text, bool sortable = true,
                const char *sql = nullptr)
{
    return {QString::fromLatin1(key), label, QString::fromLatin1(sql ? sql : key), format, sortable};
}

// Columns every work item has; each kind's queue ends with them.
FieldSpec number(const char *label) { return field("number", label); }
FieldSpec state() { return field("state", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Status"), ValueFormat::State); }
FieldSpec holder() { return field("assignee", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Holder"), ValueFormat::Officer); }
FieldSpec deadline() { return field("deadline", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Deadline"), ValueFormat::Deadline); }
FieldSpec created(const char *label) { return field("created_at", label, ValueFormat::DateTime); }
FieldSpec updated() { return field("updated_at", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Updated"), ValueFormat::DateTime); }
FieldSpec version() { return field("version", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Version"), ValueFormat::Text, false); }

QueueSpec declarations()
{
    QueueSpec s{WorkKind::Declaration, QStringLiteral("declarations"), QStringLiteral("declarations_fts"), {}, {}, {}, 0, true, true};
    s.searchColumns = {QStringLiteral("number"), QStringLiteral("bill_no"), QStringLiteral("enterprise_name"),
                       QStringLiteral("hs_codes"), QStringLiteral("goods_text"), QStringLiteral("manifest_no")};
    s.columns = {
        number(QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Entry no.")),
        state(),
        field("channel", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Channel"), ValueFormat::Channel),
        field("direction", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "I/E"), ValueFormat::Direction),
        field("mode", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Mode"), ValueFormat::DeclarationMode),
        field("enterprise_name", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Enterprise")),
        field("bill_no", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Bill of lading")),
        field("total_value_cny", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Value (CNY)"), ValueFormat::Money),
        holder(),
        deadline(),
    };
    s.details = {
        number(QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Entry no.")),
        state(),
        holder(),
        field("channel", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Channel"), ValueFormat::Channel),
        field("district", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Customs district")),
        field("direction", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Import / export"), ValueFormat::Direction),
        field("mode", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Declaration mode"), ValueFormat::DeclarationMode),
        field("trade_mode", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Trade mode")),
        field("transport", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Transport"), ValueFormat::Transport),
        field("vessel", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Vessel / voyage"), ValueFormat::Text, false, "vessel || ' / ' || voyage"),
        field("bill_no", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Bill of lading")),
        field("manifest_no", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Manifest no.")),
        field("enterprise_name", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Enterprise")),
        field("declared_value", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Declared value"), ValueFormat::Text, false,
              "printf('%.2f %s', total_value / 100.0, currency)"),
        field("total_value_cny", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Value (CNY)"), ValueFormat::Money),
        field("duties", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Duties and taxes"), ValueFormat::Money),
        field("guarantee", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Guarantee"), ValueFormat::Guarantee),
        field("arrival_at", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Arrival"), ValueFormat::DateTime),
        // Models::twoStepFullDeclarationDue() in SQL: midnight in China (UTC+8, no daylight saving)
        // 14 days after the day of arrival; tst_queuemodel checks that the two agree.
        field("full_declaration_due", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Full declaration due (two-step)"),
              ValueFormat::Deadline, false,
              "CASE WHEN mode = 2 AND arrival_at IS NOT NULL THEN ((arrival_at + 28800) / 86400 + 14) * 86400 - 28800 END"),
        created(QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Declared")),
        deadline(),
        updated(),
        version(),
    };
    s.defaultSortColumn = s.columnOf(QStringLiteral("deadline"));
    return s;
}

QueueSpec manifests()
{
    QueueSpec s{WorkKind::Manifest, QStringLiteral("manifests"), QStringLiteral("manifests_fts"), {}, {}, {}, 0, false, false};
    s.searchColumns = {QStringLiteral("number"), QStringLiteral("order_no"), QStringLiteral("waybill_no"),
                       QStringLiteral("buyer_name"), QStringLiteral("enterprise_name"), QStringLiteral("goods_text")};
    s.columns = {
        number(QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Manifest no.")),
        state(),
        field("order_no", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Order no.")),
        field("buyer_name", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Buyer")),
        field("platform", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Platform")),
        field("enterprise_name", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Enterprise")),
        field("total_value", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Value (CNY)"), ValueFormat::Money),
        holder(),
        deadline(),
    };
    s.details = {
        number(QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Manifest no.")),
        state(),
        holder(),
        field("order_no", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Order no.")),
        field("payment_no", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Payment no.")),
        field("waybill_no", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Waybill no.")),
        field("platform", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Platform")),
        field("trade_mode", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Trade mode")),
        field("buyer_name", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Buyer")),
        // Identity numbers are shown masked; the full number never leaves the cache for display.
        field("buyer_id_no", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Buyer ID no."), ValueFormat::Text, false,
              "'**************' || substr(buyer_id_no, -4)"),
        field("consignee", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Consignee")),
        field("enterprise_name", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Enterprise")),
        field("total_value", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Manifest total"), ValueFormat::Money),
        field("order_total", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Order total"), ValueFormat::Money),
        field("payment_amount", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Payment amount"), ValueFormat::Money),
        created(QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Declared")),
        deadline(),
        version(),
    };
    s.defaultSortColumn = s.columnOf(QStringLiteral("deadline"));
    return s;
}

QueueSpec inspections()
{
    QueueSpec s{WorkKind::InspectionTask, QStringLiteral("inspections"), QStringLiteral("inspections_fts"), {}, {}, {}, 0, false, false};
    s.searchColumns = {QStringLiteral("number"), QStringLiteral("entry_no"), QStringLiteral("bill_no"),
                       QStringLiteral("container_no"), QStringLiteral("enterprise_name")};
    s.columns = {
        number(QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Task no.")),
        state(),
        field("entry_no", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Entry no.")),
        field("method", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Method"), ValueFormat::InspectionMethod),
        field("container_no", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Container")),
        field("enterprise_name", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Enterprise")),
        holder(),
        deadline(),
    };
    s.details = {
        number(QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Task no.")),
        state(),
        holder(),
        field("entry_no", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Entry no.")),
        field("method", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Method"), ValueFormat::InspectionMethod),
        field("check_type", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Check type")),
        field("enterprise_name", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Enterprise")),
        field("bill_no", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Bill of lading")),
        field("vessel", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Vessel / voyage"), ValueFormat::Text, false, "vessel || ' / ' || voyage"),
        field("container_no", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Container")),
        field("site", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Site")),
        created(QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Notified")),
        field("in_position_at", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Goods in position"), ValueFormat::DateTime),
        field("result", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Result")),
        deadline(),
        version(),
    };
    s.defaultSortColumn = s.columnOf(QStringLiteral("deadline"));
    return s;
}

QueueSpec videoSessions()
{
    QueueSpec s{WorkKind::VideoSession, QStringLiteral("video_sessions"), QStringLiteral("video_sessions_fts"), {}, {}, {}, 0, false, false};
    s.searchColumns = {QStringLiteral("number"), QStringLiteral("entry_no"), QStringLiteral("enterprise_name"), QStringLiteral("site")};
    s.columns = {
        number(QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Session no.")),
        state(),
        field("entry_no", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Entry no.")),
        field("enterprise_name", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Enterprise")),
        field("scheduled_at", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Scheduled"), ValueFormat::DateTime),
        holder(),
        deadline(),
    };
    s.details = {
        number(QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Session no.")),
        state(),
        holder(),
        field("entry_no", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Entry no.")),
        field("enterprise_name", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Enterprise")),
        field("site", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Site")),
        field("scheduled_at", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Scheduled"), ValueFormat::DateTime),
        field("duration_minutes", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Duration (min)")),
        field("recording_sha256", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Recording SHA-256")),
        deadline(),
        version(),
    };
    s.defaultSortColumn = s.columnOf(QStringLiteral("scheduled_at"));
    return s;
}

QueueSpec certificates()
{
    QueueSpec s{WorkKind::Certificate, QStringLiteral("certificates"), QStringLiteral("certificates_fts"), {}, {}, {}, 0, false, false};
    s.searchColumns = {QStringLiteral("number"), QStringLiteral("applicant_name")};
    s.columns = {
        number(QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Certificate no.")),
        state(),
        field("cert_type", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Type"), ValueFormat::CertificateType),
        field("applicant_name", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Applicant")),
        field("destination", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Destination")),
        holder(),
        deadline(),
    };
    s.details = {
        number(QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Certificate no.")),
        state(),
        holder(),
        field("cert_type", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Type"), ValueFormat::CertificateType),
        field("applicant_name", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Applicant")),
        field("destination", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Destination")),
        field("review_outcome", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Review outcome")),
        created(QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Submitted")),
        deadline(),
        version(),
    };
    s.defaultSortColumn = s.columnOf(QStringLiteral("deadline"));
    return s;
}

QueueSpec applications()
{
    QueueSpec s{WorkKind::ServiceApplication, QStringLiteral("applications"), QStringLiteral("applications_fts"), {}, {}, {}, 0, false, false};
    s.searchColumns = {QStringLiteral("number"), QStringLiteral("applicant_name"), QStringLiteral("service_item")};
    s.columns = {
        number(QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Application no.")),
        state(),
        field("service_item", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Service")),
        field("applicant_name", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Applicant")),
        field("handling_office", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Handling office")),
        holder(),
        deadline(),
    };
    s.details = {
        number(QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Application no.")),
        state(),
        holder(),
        field("service_item", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Service")),
        field("applicant_name", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Applicant")),
        field("applicant_id", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Credit code / ID number")),
        field("applicant_contact", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Contact")),
        field("handling_office", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Handling office")),
        field("received_by", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Received by"), ValueFormat::Officer),
        field("service_window", QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Window")),
        created(QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", "Received")),
        deadline(),
        version(),
    };
    s.defaultSortColumn = s.columnOf(QStringLiteral("deadline"));
    return s;
}

// State keys come from the lifecycle tables ([a-z_]), never from the officer, so they are written
// as literals: the planner then sees them.
QString inList(const QStringList &states)
{
    QStringList quoted;
    for (const QString &s : states)
        quoted << QLatin1Char('\'') + s + QLatin1Char('\'');
    return QStringLiteral("state IN (") + quoted.join(QLatin1Char(',')) + QLatin1Char(')');
}

QString likePattern(const QString &word)
{
    QString escaped = word;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('%'), QLatin1String("\\%"));
    escaped.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

QString shortWordTable(const QueueSpec &spec) { return spec.table + QStringLiteral("_grams"); }

// A word whose LIKE test (ASCII case rule) finds what the trigram index finds (Unicode case
// folding): ASCII, or characters without case (Chinese, digits, punctuation).
bool likeFindsWhatFullTextFinds(const QString &word)
{
    for (const char32_t c : word.toUcs4()) {
        if (c >= 0x80 && (QChar::toLower(c) != c || QChar::toUpper(c) != c || QChar::toTitleCase(c) != c))
            return false;
    }
    return true;
}

// "(number LIKE ? ESCAPE '\' OR bill_no LIKE ? ...)" for one word.
QString likeAnyColumn(const QueueSpec &spec, const QString &word, QVariantList *binds)
{
    QStringList any;
    for (const QString &column : spec.searchColumns) {
        any << column + QStringLiteral(" LIKE ? ESCAPE '\\'");
        *binds << likePattern(word);
    }
    return QLatin1Char('(') + any.join(QLatin1String(" OR ")) + QLatin1Char(')');
}

QStringList splitWords(const QString &text) { return text.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts); }

bool isCustomsNumber(const QString &text)
{
    static const QRegularExpression customsNumber(QStringLiteral("^[0-9A-Za-z]{18}$"));
    return customsNumber.match(text).hasMatch();
}

} // namespace

QString FieldSpec::translatedLabel() const { return QCoreApplication::translate("Clearway::Storage::QueueSpec", label); }

int QueueSpec::columnOf(const QString &key) const
{
    for (int i = 0; i < columns.size(); ++i) {
        if (columns.at(i).key == key)
            return i;
    }
    return -1;
}

const QueueSpec &QueueSpec::of(WorkKind kind)
{
    static const QList<QueueSpec> all = {declarations(), manifests(), inspections(), videoSessions(), certificates(), applications()};
    return all.at(static_cast<int>(kind));
}

QString fullTextQuery(const QString &text, QStringList *shortWords)
{
    QStringList phrases;
    const QStringList words = splitWords(text);
    for (QString word : words) {
        if (word.toUcs4().size() < 3) {
            if (shortWords)
                *shortWords << word;
            continue;
        }
        word.replace(QLatin1Char('"'), QLatin1String("\"\""));
        phrases << QLatin1Char('"') + word + QLatin1Char('"');
    }
    return phrases.join(QLatin1String(" AND "));
}

QString shortWordQuery(const QStringList &shortWords)
{
    QStringList tokens;
    for (const QString &word : shortWords) {
        // The schema's lower() is ASCII-only, as is LIKE's case rule.
        QByteArray utf8 = word.toUtf8();
        for (char &c : utf8) {
            if (c >= 'A' && c <= 'Z')
                c = char(c - 'A' + 'a');
        }
        tokens << QLatin1Char('"') + QString::fromLatin1(utf8.toHex()) + QLatin1Char('"');
    }
    return tokens.join(QLatin1String(" AND "));
}

QString stateScope(const QueueSpec &spec, bool open)
{
    QStringList states;
    for (const Models::StateDef &s : Models::Lifecycle::of(spec.kind).states()) {
        if (s.open == open)
            states << s.key;
    }
    return inList(states);
}

SqlWhere buildWhere(const QueueSpec &spec, const QueueFilter &filter, SearchPlan plan)
{
    const Models::Lifecycle &lifecycle = Models::Lifecycle::of(spec.kind);
    const QString open = stateScope(spec, true);

    QStringList terms;
    SqlWhere where;
    switch (filter.scope) {
    case Scope::MyWork:
        terms << QStringLiteral("assignee = ?") << open;
        where.binds << filter.officerId;
        break;
    case Scope::Unassigned:
        // The shared queue is most of the open work in a busy office: walking the open items in
        // sort order finds a page of unclaimed ones at once. Without the hint (and without
        // SQLite's STAT4, which Debian does not build) the planner takes "assignee = ''" for one
        // officer's share, reads it through (assignee, state) and sorts all of it.
        terms << QStringLiteral("likelihood(assignee = '', 0.9)") << open;
        break;
    case Scope::Open:
        terms << open;
        break;
    case Scope::Closed:
        terms << stateScope(spec, false);
        break;
    case Scope::All:
        break;
    }
    if (!filter.states.isEmpty()) {
        QStringList known;
        for (const QString &s : filter.states) {
            if (lifecycle.state(s))
                known << s;
        }
        terms << (known.isEmpty() ? QStringLiteral("0") : inList(known));
    }
    if (filter.channel && spec.hasChannel) {
        terms << QStringLiteral("channel = ?");
        where.binds << static_cast<int>(*filter.channel);
    }
    if (filter.direction && spec.hasDirection) {
        terms << QStringLiteral("direction = ?");
        where.binds << static_cast<int>(*filter.direction);
    }
    if (filter.sla) {
        const QDateTime now = filter.now.isValid() ? filter.now : QDateTime::currentDateTime();
        const qint64 nowSecs = now.toSecsSinceEpoch();
        const qint64 endOfToday = now.toLocalTime().date().addDays(1).startOfDay().toSecsSinceEpoch();
        switch (*filter.sla) {
        case Models::SlaState::Overdue:
            terms << QStringLiteral("deadline < ?");
            where.binds << nowSecs;
            break;
        case Models::SlaState::DueToday:
            terms << QStringLiteral("deadline >= ? AND deadline < ?");
            where.binds << nowSecs << endOfToday;
            break;
        case Models::SlaState::Later:
            terms << QStringLiteral("(deadline >= ? OR deadline IS NULL)");
            where.binds << endOfToday;
            break;
        }
    }

    const QString text = filter.text.trimmed();
    if (isCustomsNumber(text)) {
        // A whole customs number is looked up exactly, through the unique index.
        terms << QStringLiteral("number = ?");
        where.binds << text;
    } else if (!text.isEmpty()) {
        // Words of three characters or more are found through the trigram index, shorter ones
        // through the short-word index; a walk tests rows as it meets them (see SearchPlan).
        const QString member = plan == SearchPlan::HitsFirst ? QStringLiteral("id IN (SELECT rowid FROM %1 WHERE %1 MATCH ?)")
                                                             : QStringLiteral("+id IN (SELECT rowid FROM %1 WHERE %1 MATCH ?)");
        QStringList longWords, shortWords;
        for (const QString &word : splitWords(text)) {
            if (plan == SearchPlan::WalkTestingText && (word.toUcs4().size() < 3 || likeFindsWhatFullTextFinds(word)))
                terms << likeAnyColumn(spec, word, &where.binds);
            else
                (word.toUcs4().size() < 3 ? shortWords : longWords) << word;
        }
        const QString match = fullTextQuery(longWords.join(QLatin1Char(' ')), nullptr);
        if (!match.isEmpty()) {
            terms << member.arg(spec.fullTextTable);
            where.binds << match;
        }
        if (!shortWords.isEmpty()) {
            terms << member.arg(shortWordTable(spec));
            where.binds << shortWordQuery(shortWords);
        }
    }
    if (!terms.isEmpty())
        where.clause = QStringLiteral("WHERE ") + terms.join(QLatin1String(" AND "));
    return where;
}

QString buildOrderBy(const QueueSpec &spec, int column, Qt::SortOrder order, bool reversed)
{
    if (column < 0 || column >= spec.columns.size() || !spec.columns.at(column).sortable)
        column = spec.defaultSortColumn;
    bool ascending = order == Qt::AscendingOrder;
    if (reversed)
        ascending = !ascending;
    const QLatin1String dir = ascending ? QLatin1String(" ASC") : QLatin1String(" DESC");
    return QStringLiteral("ORDER BY ") + spec.columns.at(column).sql + dir + QStringLiteral(", id") + dir;
}

SearchPlan chooseSearchPlan(const QSqlDatabase &db, const QueueSpec &spec, const QueueFilter &filter, int sortColumn, Qt::SortOrder order,
                            QString *error, int hitLimit)
{
    const QString text = filter.text.trimmed();
    // Only these queues have partial sort indexes to walk; "my work" is small enough to sort.
    const bool walkable = filter.scope == Scope::Open || filter.scope == Scope::Closed || filter.scope == Scope::Unassigned;
    if (text.isEmpty() || isCustomsNumber(text) || !walkable)
        return SearchPlan::HitsFirst;

    QStringList shortWords;
    const QString longMatch = fullTextQuery(text, &shortWords);
    QList<std::pair<QString, QString>> parts; // (full-text table, MATCH expression)
    if (!longMatch.isEmpty())
        parts.append({spec.fullTextTable, longMatch});
    if (!shortWords.isEmpty())
        parts.append({shortWordTable(spec), shortWordQuery(shortWords)});

    auto fail = [&](const QSqlQuery &q) {
        if (error)
            *error = q.lastError().text();
        return SearchPlan::HitsFirst;
    };
    // Few hits (the words are ANDed: the rarer part bounds them): read and sort them.
    QSqlQuery q(db);
    q.setForwardOnly(true);
    for (const auto &[table, match] : std::as_const(parts)) {
        if (!q.prepare(QStringLiteral("SELECT count(*) FROM (SELECT rowid FROM %1 WHERE %1 MATCH ? LIMIT ?)").arg(table)))
            return fail(q);
        q.addBindValue(match);
        q.addBindValue(hitLimit);
        if (!execRetrying(q) || !q.next())
            return fail(q);
        const qint64 hits = q.value(0).toLongLong();
        q.finish();
        if (hits < hitLimit)
            return SearchPlan::HitsFirst;
    }

    // Many hits. Testing the text of the rows the walk meets pays while a page of them lies within
    // about 8,000 rows: measured where the walk starts, the first rows of the queue in its order
    // (hits often cluster by the sort column: by value, by enterprise).
    const QStringList words = splitWords(text);
    const bool likeAgrees = std::all_of(words.begin(), words.end(), [](const QString &w) { return w.toUcs4().size() < 3 || likeFindsWhatFullTextFinds(w); });
    if (likeAgrees) {
        constexpr int kWindow = 2048;
        constexpr int kDenseHits = kWindow * 256 / 8000;
        QueueFilter scopeOnly = filter;
        scopeOnly.text.clear();
        const SqlWhere scope = buildWhere(spec, scopeOnly);
        SqlWhere test;
        QStringList terms;
        for (const QString &word : words)
            terms << likeAnyColumn(spec, word, &test.binds);
        if (!q.prepare(QStringLiteral("SELECT count(*) FROM (SELECT %1 FROM %2 %3 %4 LIMIT %5) WHERE %6")
                           .arg(spec.searchColumns.join(QStringLiteral(", ")), spec.table, scope.clause, buildOrderBy(spec, sortColumn, order))
                           .arg(kWindow)
                           .arg(terms.join(QStringLiteral(" AND ")))))
            return fail(q);
        for (const QVariant &v : scope.binds + test.binds)
            q.addBindValue(v);
        if (!execRetrying(q) || !q.next())
            return fail(q);
        const bool dense = q.value(0).toInt() >= kDenseHits;
        q.finish();
        if (dense)
            return SearchPlan::WalkTestingText;
    }
    return SearchPlan::WalkTestingHits;
}

} // namespace Clearway::Storage
