#include "storage/queuespec.h"

#include "models/lifecycle.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QTimeZone>

namespace Clearway::Storage {

using Models::WorkKind;

namespace {

#define CW_FIELD(text) QT_TRANSLATE_NOOP("Clearway::Storage::QueueSpec", text)

FieldSpec field(const char *key, const char *label, ValueFormat format = ValueFormat::Text, bool sortable = true,
                const char *sql = nullptr)
{
    return {QString::fromLatin1(key), label, QString::fromLatin1(sql ? sql : key), format, sortable};
}

// Columns every work item has; each kind's queue ends with them.
FieldSpec number(const char *label) { return field("number", label); }
FieldSpec state() { return field("state", CW_FIELD("Status"), ValueFormat::State); }
FieldSpec holder() { return field("assignee", CW_FIELD("Holder"), ValueFormat::Officer); }
FieldSpec deadline() { return field("deadline", CW_FIELD("Deadline"), ValueFormat::Deadline); }
FieldSpec created(const char *label) { return field("created_at", label, ValueFormat::DateTime); }
FieldSpec updated() { return field("updated_at", CW_FIELD("Updated"), ValueFormat::DateTime); }
FieldSpec version() { return field("version", CW_FIELD("Version"), ValueFormat::Text, false); }

QueueSpec declarations()
{
    QueueSpec s{WorkKind::Declaration, QStringLiteral("declarations"), QStringLiteral("declarations_fts"), {}, {}, {}, 0, true, true};
    s.searchColumns = {QStringLiteral("number"), QStringLiteral("bill_no"), QStringLiteral("enterprise_name"),
                       QStringLiteral("hs_codes"), QStringLiteral("goods_text"), QStringLiteral("manifest_no")};
    s.columns = {
        number(CW_FIELD("Entry no.")),
        state(),
        field("channel", CW_FIELD("Channel"), ValueFormat::Channel),
        field("direction", CW_FIELD("I/E"), ValueFormat::Direction),
        field("mode", CW_FIELD("Mode"), ValueFormat::DeclarationMode),
        field("enterprise_name", CW_FIELD("Enterprise")),
        field("bill_no", CW_FIELD("Bill of lading")),
        field("total_value_cny", CW_FIELD("Value (CNY)"), ValueFormat::Money),
        holder(),
        deadline(),
        updated(),
    };
    s.details = {
        number(CW_FIELD("Entry no.")),
        state(),
        holder(),
        field("channel", CW_FIELD("Channel"), ValueFormat::Channel),
        field("district", CW_FIELD("Customs district")),
        field("direction", CW_FIELD("Import / export"), ValueFormat::Direction),
        field("mode", CW_FIELD("Declaration mode"), ValueFormat::DeclarationMode),
        field("trade_mode", CW_FIELD("Trade mode")),
        field("transport", CW_FIELD("Transport"), ValueFormat::Transport),
        field("vessel", CW_FIELD("Vessel / voyage"), ValueFormat::Text, false, "vessel || ' / ' || voyage"),
        field("bill_no", CW_FIELD("Bill of lading")),
        field("manifest_no", CW_FIELD("Manifest no.")),
        field("enterprise_name", CW_FIELD("Enterprise")),
        field("declared_value", CW_FIELD("Declared value"), ValueFormat::Text, false,
              "printf('%.2f %s', total_value / 100.0, currency)"),
        field("total_value_cny", CW_FIELD("Value (CNY)"), ValueFormat::Money),
        field("duties", CW_FIELD("Duties and taxes"), ValueFormat::Money),
        field("guarantee", CW_FIELD("Guarantee"), ValueFormat::Guarantee),
        field("arrival_at", CW_FIELD("Arrival"), ValueFormat::DateTime),
        created(CW_FIELD("Declared")),
        deadline(),
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
        number(CW_FIELD("Manifest no.")),
        state(),
        field("order_no", CW_FIELD("Order no.")),
        field("buyer_name", CW_FIELD("Buyer")),
        field("platform", CW_FIELD("Platform")),
        field("enterprise_name", CW_FIELD("Enterprise")),
        field("total_value", CW_FIELD("Value (CNY)"), ValueFormat::Money),
        holder(),
        deadline(),
    };
    s.details = {
        number(CW_FIELD("Manifest no.")),
        state(),
        holder(),
        field("order_no", CW_FIELD("Order no.")),
        field("payment_no", CW_FIELD("Payment no.")),
        field("waybill_no", CW_FIELD("Waybill no.")),
        field("platform", CW_FIELD("Platform")),
        field("trade_mode", CW_FIELD("Trade mode")),
        field("buyer_name", CW_FIELD("Buyer")),
        // Identity numbers are shown masked; the full number never leaves the cache for display.
        field("buyer_id_no", CW_FIELD("Buyer ID no."), ValueFormat::Text, false,
              "substr(buyer_id_no, 1, 6) || '********' || substr(buyer_id_no, 15)"),
        field("consignee", CW_FIELD("Consignee")),
        field("enterprise_name", CW_FIELD("Enterprise")),
        field("total_value", CW_FIELD("Manifest total"), ValueFormat::Money),
        field("order_total", CW_FIELD("Order total"), ValueFormat::Money),
        field("payment_amount", CW_FIELD("Payment amount"), ValueFormat::Money),
        created(CW_FIELD("Declared")),
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
        number(CW_FIELD("Task no.")),
        state(),
        field("entry_no", CW_FIELD("Entry no.")),
        field("method", CW_FIELD("Method"), ValueFormat::InspectionMethod),
        field("container_no", CW_FIELD("Container")),
        field("enterprise_name", CW_FIELD("Enterprise")),
        holder(),
        deadline(),
    };
    s.details = {
        number(CW_FIELD("Task no.")),
        state(),
        holder(),
        field("entry_no", CW_FIELD("Entry no.")),
        field("method", CW_FIELD("Method"), ValueFormat::InspectionMethod),
        field("check_type", CW_FIELD("Check type")),
        field("enterprise_name", CW_FIELD("Enterprise")),
        field("bill_no", CW_FIELD("Bill of lading")),
        field("vessel", CW_FIELD("Vessel / voyage"), ValueFormat::Text, false, "vessel || ' / ' || voyage"),
        field("container_no", CW_FIELD("Container")),
        field("site", CW_FIELD("Site")),
        created(CW_FIELD("Notified")),
        field("in_position_at", CW_FIELD("Goods in position"), ValueFormat::DateTime),
        field("result", CW_FIELD("Result")),
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
        number(CW_FIELD("Session no.")),
        state(),
        field("entry_no", CW_FIELD("Entry no.")),
        field("enterprise_name", CW_FIELD("Enterprise")),
        field("scheduled_at", CW_FIELD("Scheduled"), ValueFormat::DateTime),
        holder(),
        deadline(),
    };
    s.details = {
        number(CW_FIELD("Session no.")),
        state(),
        holder(),
        field("entry_no", CW_FIELD("Entry no.")),
        field("enterprise_name", CW_FIELD("Enterprise")),
        field("site", CW_FIELD("Site")),
        field("scheduled_at", CW_FIELD("Scheduled"), ValueFormat::DateTime),
        field("duration_minutes", CW_FIELD("Duration (min)")),
        field("recording_sha256", CW_FIELD("Recording SHA-256")),
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
        number(CW_FIELD("Certificate no.")),
        state(),
        field("cert_type", CW_FIELD("Type"), ValueFormat::CertificateType),
        field("applicant_name", CW_FIELD("Applicant")),
        field("destination", CW_FIELD("Destination")),
        holder(),
        deadline(),
    };
    s.details = {
        number(CW_FIELD("Certificate no.")),
        state(),
        holder(),
        field("cert_type", CW_FIELD("Type"), ValueFormat::CertificateType),
        field("applicant_name", CW_FIELD("Applicant")),
        field("destination", CW_FIELD("Destination")),
        field("review_outcome", CW_FIELD("Review outcome")),
        created(CW_FIELD("Submitted")),
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
        number(CW_FIELD("Application no.")),
        state(),
        field("service_item", CW_FIELD("Service")),
        field("applicant_name", CW_FIELD("Applicant")),
        field("handling_office", CW_FIELD("Handling office")),
        holder(),
        deadline(),
    };
    s.details = {
        number(CW_FIELD("Application no.")),
        state(),
        holder(),
        field("service_item", CW_FIELD("Service")),
        field("applicant_name", CW_FIELD("Applicant")),
        field("handling_office", CW_FIELD("Handling office")),
        created(CW_FIELD("Received")),
        deadline(),
        version(),
    };
    s.defaultSortColumn = s.columnOf(QStringLiteral("deadline"));
    return s;
}

QString inList(const QStringList &states)
{
    // State keys come from the lifecycle tables ([a-z_]), never from the officer, so they are
    // written as literals: the planner then sees them.
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
    const QStringList words = text.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
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

SqlWhere buildWhere(const QueueSpec &spec, const QueueFilter &filter)
{
    const Models::Lifecycle &lifecycle = Models::Lifecycle::of(spec.kind);
    QStringList open, closed;
    for (const Models::StateDef &s : lifecycle.states())
        (s.open ? open : closed) << s.key;

    QStringList terms;
    SqlWhere where;
    switch (filter.scope) {
    case Scope::MyWork:
        terms << QStringLiteral("assignee = ?") << inList(open);
        where.binds << filter.officerId;
        break;
    case Scope::Unassigned:
        terms << QStringLiteral("assignee = ''") << inList(open);
        break;
    case Scope::Open:
        terms << inList(open);
        break;
    case Scope::Closed:
        terms << inList(closed);
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
    static const QRegularExpression customsNumber(QStringLiteral("^[0-9A-Za-z]{18}$"));
    if (customsNumber.match(text).hasMatch()) {
        // A whole customs number is looked up exactly, through the unique index.
        terms << QStringLiteral("number = ?");
        where.binds << text;
    } else if (!text.isEmpty()) {
        QStringList shortWords;
        const QString match = fullTextQuery(text, &shortWords);
        if (!match.isEmpty()) {
            terms << QStringLiteral("id IN (SELECT rowid FROM %1 WHERE %1 MATCH ?)").arg(spec.fullTextTable);
            where.binds << match;
        }
        for (const QString &word : shortWords) {
            QStringList any;
            for (const QString &column : spec.searchColumns) {
                any << column + QStringLiteral(" LIKE ? ESCAPE '\\'");
                where.binds << likePattern(word);
            }
            terms << QLatin1Char('(') + any.join(QLatin1String(" OR ")) + QLatin1Char(')');
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

} // namespace Clearway::Storage
