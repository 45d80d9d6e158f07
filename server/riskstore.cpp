// Store: risk routing (rule sets, new declarations, re-routing). The same SQL on every backend;
// the change log and the audit chain are appended through the backend (appendLog()).
#include "server/store.h"

#include "models/codes.h"
#include "server/riskwire.h"
#include "storage/database.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QSqlQuery>

#include <cmath>

namespace Clearway::Server {

namespace {

constexpr int kDeclarationKind = int(Models::WorkKind::Declaration);

// The declared total in CNY fen, by the rule set's exchange rates; 0 when it has no rate for the
// currency (the risk engine then notes that values could not be judged).
qint64 totalInCnyFen(const Models::Declaration &d, const Models::RiskRuleSet &rules)
{
    if (d.currency == QLatin1String("CNY"))
        return d.totalValue;
    for (const Models::ExchangeRate &rate : rules.rates) {
        if (rate.currency == d.currency) {
            const double major = double(d.totalValue) / std::pow(10.0, Models::currencyMinorDigits(d.currency));
            return std::llround(major * double(rate.microCnyPerUnit) / 10000.0);
        }
    }
    return 0;
}

QVariantList sqlValues(const QJsonObject &row)
{
    QVariantList out;
    for (auto it = row.begin(); it != row.end(); ++it)
        out << Storage::sqlValue(it.value());
    return out;
}

QString insertSql(const QString &table, const QJsonObject &row)
{
    return QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
        .arg(table, row.keys().join(QStringLiteral(", ")), QStringList(row.size(), QStringLiteral("?")).join(QStringLiteral(", ")));
}

QString compact(const QJsonArray &a) { return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact)); }

} // namespace

QStringList Store::riskTablesSql()
{
    return {
        // Every published rule set, its text exactly as written; the highest version is in force.
        QStringLiteral("CREATE TABLE IF NOT EXISTS risk_rule_sets (version bigint PRIMARY KEY, text text NOT NULL, published_at bigint NOT NULL,"
                       " published_by text NOT NULL)"),
        // How each declaration was routed when it arrived: the channel the rules gave, the reasons
        // (riskHitsJson) and the rule set's version. A later re-route changes declarations.channel only.
        QStringLiteral("CREATE TABLE IF NOT EXISTS declaration_risk (declaration_id bigint PRIMARY KEY, channel integer NOT NULL,"
                       " rule_set_version bigint NOT NULL, reasons text NOT NULL, routed_at bigint NOT NULL, routed_by text NOT NULL)"),
        // The columns a change sets beyond state and holder (Models::ItemChange::fields), by cursor.
        QStringLiteral("CREATE TABLE IF NOT EXISTS change_fields (cursor bigint PRIMARY KEY, fields text NOT NULL)"),
        // Permissions granted to an account beyond its roles (Models::kReroutePermission).
        QStringLiteral("CREATE TABLE IF NOT EXISTS officer_permissions (user_id text NOT NULL, permission text NOT NULL,"
                       " PRIMARY KEY (user_id, permission))"),
    };
}

bool Store::writeTransaction(const std::function<bool(QString *)> &work, QString *error)
{
    if (!beginCommands(error))
        return false;
    if (!work(error) || !commitCommands(error)) {
        rollbackCommands();
        return false;
    }
    return true;
}

std::optional<Store::Rules> Store::currentRules(QString *error)
{
    QSqlQuery q(database());
    if (!Storage::execQuery(q, QStringLiteral("SELECT coalesce(max(version), 0) FROM risk_rule_sets"), {}, error) || !q.next())
        return std::nullopt;
    const qint64 version = q.value(0).toLongLong();
    if (m_rules && m_rules->record.version == version)
        return m_rules;
    if (version == 0) {
        m_rules = Rules{};
        return m_rules;
    }
    if (!Storage::execQuery(q, QStringLiteral("SELECT text, published_at, published_by FROM risk_rule_sets WHERE version = ?"), {version}, error)
        || !q.next())
        return std::nullopt;
    const RuleSetRecord record{version, q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toString()};
    QList<Models::RuleSetError> errors;
    const std::optional<Models::RiskEngine> engine = Models::RiskEngine::fromText(record.text, &errors);
    if (!engine) {
        *error = QStringLiteral("the published rule set version %1 does not parse (written by a newer server?): %2")
                     .arg(version)
                     .arg(errors.value(0).text());
        return std::nullopt;
    }
    m_rules = Rules{record, *engine};
    return m_rules;
}

PublishResult Store::publishRules(const QString &text, const QString &actor)
{
    PublishResult r;
    const std::optional<Models::RiskEngine> engine = Models::RiskEngine::fromText(text, &r.errors);
    if (!engine) {
        r.outcome = PublishResult::Outcome::Refused;
        return r;
    }
    r.name = engine->ruleSet().version;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QString error;
    const bool ok = writeTransaction(
        [&](QString *error) {
            QSqlQuery q(database());
            if (!lockLog(error) || !Storage::execQuery(q, QStringLiteral("SELECT coalesce(max(version), 0) + 1 FROM risk_rule_sets"), {}, error)
                || !q.next())
                return false;
            r.version = q.value(0).toLongLong();
            q.finish();
            LogEntry entry;
            entry.actor = actor;
            entry.at = now;
            entry.audit = {{QStringLiteral("command"), QStringLiteral("rules_publish")},
                           {QStringLiteral("ruleSet"), r.version},
                           {QStringLiteral("name"), r.name},
                           {QStringLiteral("sha256"), QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex())}};
            qint64 cursor = 0;
            return Storage::execQuery(q, QStringLiteral("INSERT INTO risk_rule_sets (version, text, published_at, published_by) VALUES (?, ?, ?, ?)"),
                                      {r.version, text, now, actor}, error)
                && appendLog(entry, &cursor, error);
        },
        &error);
    if (!ok) {
        r.outcome = PublishResult::Outcome::Failed;
        r.message = error;
        return r;
    }
    m_rules = Rules{{r.version, text, now, actor}, *engine};
    r.outcome = PublishResult::Outcome::Published;
    return r;
}

bool Store::loadDeclarations(const QString &where, const QVariantList &binds, QList<Models::Declaration> *out, QString *error) const
{
    QSqlQuery q(database());
    q.setForwardOnly(true);
    if (!Storage::execQuery(q, QStringLiteral("SELECT d.id, d.number, d.state, d.assignee, d.office, d.version, d.district, d.direction, d.mode,"
                                              " d.trade_mode, d.transport, d.bill_no, d.enterprise_id, e.code, e.name, e.credit, d.total_value,"
                                              " d.currency, d.channel, d.guarantee FROM declarations d JOIN enterprises e ON e.id = d.enterprise_id"
                                              " WHERE %1 ORDER BY d.id")
                                   .arg(where),
                            binds, error))
        return false;
    QHash<qint64, qsizetype> index;
    while (q.next()) {
        Models::Declaration d;
        d.id = q.value(0).toLongLong();
        d.entryNo = q.value(1).toString();
        d.work = {q.value(2).toString(), q.value(3).toString(), q.value(4).toString(), q.value(5).toLongLong()};
        d.district = q.value(6).toString();
        d.direction = static_cast<Models::Direction>(q.value(7).toInt());
        d.mode = static_cast<Models::DeclarationMode>(q.value(8).toInt());
        d.tradeMode = q.value(9).toString();
        d.transport = static_cast<Models::Transport>(q.value(10).toInt());
        d.billNo = q.value(11).toString();
        d.enterprise = {q.value(12).toLongLong(), q.value(13).toString(), q.value(14).toString(), static_cast<Models::CreditClass>(q.value(15).toInt())};
        d.totalValue = q.value(16).toLongLong();
        d.currency = q.value(17).toString();
        d.channel = static_cast<Models::Channel>(q.value(18).toInt());
        d.guarantee = static_cast<Models::GuaranteeKind>(q.value(19).toInt());
        index.insert(d.id, out->size());
        out->append(d);
    }
    if (index.isEmpty())
        return true;
    // The goods lines of the range of ids, in one walk of the primary key.
    if (!Storage::execQuery(q, QStringLiteral("SELECT item_id, line_no, hs_code, description, quantity, unit, value, currency, origin FROM goods_lines"
                                              " WHERE item_kind = ? AND item_id BETWEEN ? AND ? ORDER BY item_id, line_no"),
                            {kDeclarationKind, out->constFirst().id, out->constLast().id}, error))
        return false;
    while (q.next()) {
        const auto it = index.constFind(q.value(0).toLongLong());
        if (it == index.constEnd())
            continue;
        (*out)[*it].goods.append({q.value(1).toInt(), q.value(2).toString(), q.value(3).toString(), q.value(4).toDouble(), q.value(5).toString(),
                                  q.value(6).toLongLong(), q.value(7).toString(), q.value(8).toString()});
    }
    return true;
}

bool Store::recentDeclarations(int count, QList<Models::Declaration> *out, QString *error) const
{
    return loadDeclarations(QStringLiteral("d.id IN (SELECT id FROM declarations ORDER BY id DESC LIMIT ?)"), {count}, out, error);
}

DeclareResult Store::declare(const Models::Declaration &declaration, const QString &actor)
{
    DeclareResult r;
    r.issues = Models::checkDeclaration(declaration);
    if (!r.issues.isEmpty()) {
        r.outcome = DeclareResult::Outcome::Refused;
        r.code = QStringLiteral("invalid");
        r.message = QStringLiteral("the declaration has %1 field error(s); nothing was stored").arg(r.issues.size());
        return r;
    }
    QString error;
    const std::optional<Rules> rules = currentRules(&error);
    if (!rules) {
        r.code = QStringLiteral("internal");
        r.message = error;
        return r;
    }
    r.ruleSetVersion = rules->record.version;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const bool ok = writeTransaction(
        [&](QString *error) {
            QSqlQuery q(database());
            if (!lockLog(error) || !Storage::execQuery(q, QStringLiteral("SELECT id FROM declarations WHERE number = ?"), {declaration.entryNo}, error))
                return false;
            if (q.next()) {
                r.outcome = DeclareResult::Outcome::Refused;
                r.code = QStringLiteral("duplicate");
                r.message = QStringLiteral("declaration %1 exists already (id %2)").arg(declaration.entryNo).arg(q.value(0).toLongLong());
                return true;
            }
            Models::Declaration d = declaration;
            // The enterprise as customs knows it (registered with add-enterprise): its credit class
            // is customs' record, not the declarant's word.
            if (!Storage::execQuery(q, QStringLiteral("SELECT id, name, credit FROM enterprises WHERE code = ?"), {d.enterprise.code}, error))
                return false;
            if (!q.next()) {
                r.outcome = DeclareResult::Outcome::Refused;
                r.code = QStringLiteral("invalid");
                r.issues = {{QStringLiteral("enterprise.code"), QStringLiteral("unknown_enterprise"),
                             QStringLiteral("The enterprise %1 is not registered with customs (consignor and consignee registration comes first).")
                                 .arg(d.enterprise.code)}};
                r.message = QStringLiteral("the declaration has 1 field error(s); nothing was stored");
                return true;
            }
            d.enterprise.id = q.value(0).toLongLong();
            d.enterprise.name = q.value(1).toString();
            d.enterprise.credit = static_cast<Models::CreditClass>(q.value(2).toInt());
            // Sent with the declaration: a workstation copied before the enterprise was registered lacks it.
            const QJsonObject enterprise{{QStringLiteral("id"), d.enterprise.id},
                                         {QStringLiteral("code"), d.enterprise.code},
                                         {QStringLiteral("name"), d.enterprise.name},
                                         {QStringLiteral("credit"), int(d.enterprise.credit)}};
            if (!Storage::execQuery(q, QStringLiteral("SELECT coalesce(max(id), 0) + 1 FROM declarations"), {}, error) || !q.next())
                return false;
            d.id = q.value(0).toLongLong();
            r.id = d.id;
            r.assessment = rules->engine.assess(d);
            d.channel = r.assessment.channel;

            QStringList codes, texts;
            QJsonArray goods;
            for (const Models::GoodsLine &g : std::as_const(d.goods)) {
                codes << g.hsCode;
                texts << g.description;
                goods.append(QJsonObject{{QStringLiteral("item_kind"), kDeclarationKind}, {QStringLiteral("item_id"), d.id},
                                         {QStringLiteral("line_no"), g.lineNo},       {QStringLiteral("hs_code"), g.hsCode},
                                         {QStringLiteral("description"), g.description}, {QStringLiteral("quantity"), g.quantity},
                                         {QStringLiteral("unit"), g.unit},            {QStringLiteral("value"), g.value},
                                         {QStringLiteral("currency"), g.currency},    {QStringLiteral("origin"), g.origin}});
            }
            // Two-step declarations are due 14 days after arrival; others are to be reviewed within a day.
            const QDateTime due = d.mode == Models::DeclarationMode::TwoStep ? Models::twoStepFullDeclarationDue(d.arrivalAt) : QDateTime();
            const Models::Lifecycle &lifecycle = Models::Lifecycle::of(Models::WorkKind::Declaration);
            QString state = lifecycle.initialState();
            QString assignee;
            if (m_autoAssign) {
                // Assigned at registration: the officer has it under review as if claimed.
                QList<Models::AssignmentCandidate> candidates;
                if (!assignmentCandidates(d.district, &candidates, error))
                    return false;
                if (const std::optional<QString> chosen = Models::chooseAssignee(d, candidates)) {
                    assignee = *chosen;
                    state = lifecycle.command(QStringLiteral("claim"))->to;
                }
            }
            r.assignee = assignee;
            const QJsonObject row{
                {QStringLiteral("id"), d.id},
                {QStringLiteral("number"), d.entryNo},
                {QStringLiteral("state"), state},
                {QStringLiteral("assignee"), assignee},
                {QStringLiteral("office"), d.district},
                {QStringLiteral("version"), 1},
                {QStringLiteral("created_at"), now},
                {QStringLiteral("deadline"), due.isValid() ? due.toSecsSinceEpoch() : now + 86400},
                {QStringLiteral("updated_at"), now},
                {QStringLiteral("district"), d.district},
                {QStringLiteral("direction"), int(d.direction)},
                {QStringLiteral("mode"), int(d.mode)},
                {QStringLiteral("trade_mode"), d.tradeMode},
                {QStringLiteral("transport"), int(d.transport)},
                {QStringLiteral("vessel"), d.vessel},
                {QStringLiteral("voyage"), d.voyage},
                {QStringLiteral("bill_no"), d.billNo},
                {QStringLiteral("manifest_no"), d.manifestNo},
                {QStringLiteral("enterprise_id"), d.enterprise.id},
                {QStringLiteral("enterprise_name"), d.enterprise.name},
                {QStringLiteral("total_value"), d.totalValue},
                {QStringLiteral("currency"), d.currency},
                {QStringLiteral("total_value_cny"), totalInCnyFen(d, rules->engine.ruleSet())},
                {QStringLiteral("duties"), 0},
                {QStringLiteral("guarantee"), int(d.guarantee)},
                {QStringLiteral("channel"), int(d.channel)},
                {QStringLiteral("arrival_at"), d.arrivalAt.isValid() ? QJsonValue(d.arrivalAt.toSecsSinceEpoch()) : QJsonValue()},
                {QStringLiteral("hs_codes"), codes.join(QLatin1Char(' '))},
                {QStringLiteral("goods_text"), texts.join(QLatin1Char(' '))},
            };
            const QJsonArray reasons = riskHitsJson(r.assessment.hits);
            QJsonArray ruleIds;
            for (const Models::RiskHit &h : std::as_const(r.assessment.hits))
                ruleIds.append(h.ruleId.isEmpty() ? reasons.at(ruleIds.size()).toObject().value(QStringLiteral("kind")) : QJsonValue(h.ruleId));
            q.finish();
            if (!Storage::execQuery(q, insertSql(QStringLiteral("declarations"), row), sqlValues(row), error))
                return false;
            for (const QJsonValue &line : std::as_const(goods)) {
                if (!Storage::execQuery(q, insertSql(QStringLiteral("goods_lines"), line.toObject()), sqlValues(line.toObject()), error))
                    return false;
            }
            if (!Storage::execQuery(q, QStringLiteral("INSERT INTO declaration_risk (declaration_id, channel, rule_set_version, reasons, routed_at, routed_by)"
                                                      " VALUES (?, ?, ?, ?, ?, ?)"),
                                    {d.id, int(d.channel), r.ruleSetVersion, compact(reasons), now, actor}, error))
                return false;
            LogEntry entry;
            entry.change = true;
            entry.actor = actor;
            entry.at = now;
            QString note = QStringLiteral("%1 channel (rule set %2)").arg(Models::channelKey(d.channel)).arg(r.ruleSetVersion);
            if (!assignee.isEmpty())
                note += QStringLiteral("; assigned automatically to %1 (section and workload)").arg(assignee);
            entry.item = {0, Models::WorkKind::Declaration, d.id, 1, state, assignee, now, actor, QStringLiteral("declare"), QString(), note,
                          QJsonObject{{QStringLiteral("row"), row}, {QStringLiteral("goods"), goods}, {QStringLiteral("enterprise"), enterprise},
                                      // how it was routed, as risk_reasons answers, so workstations explain the lane offline
                                      {QStringLiteral("risk"), QJsonObject{{QStringLiteral("channel"), Models::channelKey(d.channel)},
                                                                           {QStringLiteral("ruleSet"), r.ruleSetVersion},
                                                                           {QStringLiteral("reasons"), reasons},
                                                                           {QStringLiteral("routedAt"), now},
                                                                           {QStringLiteral("routedBy"), actor}}}}};
            entry.audit = {{QStringLiteral("kind"), Models::workKindKey(Models::WorkKind::Declaration)},
                           {QStringLiteral("item"), d.id},
                           {QStringLiteral("number"), d.entryNo},
                           {QStringLiteral("command"), QStringLiteral("declare")},
                           {QStringLiteral("channel"), Models::channelKey(d.channel)},
                           {QStringLiteral("ruleSet"), r.ruleSetVersion},
                           {QStringLiteral("hits"), ruleIds},
                           {QStringLiteral("assignee"), assignee}};
            if (!appendLog(entry, &r.cursor, error))
                return false;
            r.outcome = DeclareResult::Outcome::Accepted;
            r.code = QStringLiteral("ok");
            return true;
        },
        &error);
    if (!ok) {
        r.outcome = DeclareResult::Outcome::Failed;
        r.code = QStringLiteral("internal");
        r.message = error;
    }
    return r;
}

bool Store::assignmentCandidates(const QString &office, QList<Models::AssignmentCandidate> *out, QString *error) const
{
    const Models::Lifecycle &lifecycle = Models::Lifecycle::of(Models::WorkKind::Declaration);
    QStringList held; // the open states an item is in once someone holds it
    for (const Models::StateDef &st : lifecycle.states()) {
        if (st.open && st.key != lifecycle.initialState())
            held << QLatin1Char('\'') + st.key + QLatin1Char('\'');
    }
    QSqlQuery q(database());
    if (!Storage::execQuery(q,
                            QStringLiteral("SELECT o.id, o.roles, (SELECT count(*) FROM declarations x WHERE x.assignee = o.id AND x.state IN (%1))"
                                           " FROM officers o JOIN users u ON u.id = o.id WHERE o.office = ? ORDER BY o.id")
                                .arg(held.join(QLatin1Char(','))),
                            {office}, error))
        return false;
    QList<Models::AssignmentCandidate> candidates;
    while (q.next()) {
        if (Models::Roles::fromInt(q.value(1).toInt()) & Models::Role::WindowOfficer)
            candidates.append({q.value(0).toString(), q.value(2).toInt(), {}});
    }
    if (!Storage::execQuery(q, QStringLiteral("SELECT user_id, permission FROM officer_permissions WHERE permission LIKE 'section.hs:%'"), {}, error))
        return false;
    QHash<QString, QStringList> permissions;
    while (q.next())
        permissions[q.value(0).toString()] << q.value(1).toString();
    for (Models::AssignmentCandidate &c : candidates)
        c.hsSections = Models::hsSections(permissions.value(c.officerId));
    *out = candidates;
    return true;
}

RerouteResult Store::reroute(qint64 declarationId, Models::Channel to, const QString &reason, const Models::Officer &actor)
{
    RerouteResult r;
    r.to = to;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QString error;
    const bool ok = writeTransaction(
        [&](QString *error) {
            QList<Models::Declaration> found;
            if (!lockDeclaration(declarationId, error) || !lockLog(error)
                || !loadDeclarations(QStringLiteral("d.id = ?"), {declarationId}, &found, error))
                return false;
            if (found.isEmpty()) {
                r.outcome = RerouteResult::Outcome::Refused;
                r.code = QStringLiteral("not_found");
                r.message = QStringLiteral("no declaration %1").arg(declarationId);
                return true;
            }
            const Models::Declaration &d = found.constFirst();
            r.from = d.channel;
            const std::optional<Rules> rules = currentRules(error);
            if (!rules)
                return false;
            const QStringList granted = permissions(actor.id, error);
            if (!error->isEmpty())
                return false;
            // The credit class and the blacklist as they are now: a red they impose stays red.
            const bool mandatoryRed = Models::isMandatoryRed(rules->engine.assess(d));
            const Models::RerouteDecision decision = Models::checkReroute(actor, granted, d.channel, to, reason, mandatoryRed);
            if (!decision.accepted) {
                r.outcome = RerouteResult::Outcome::Refused;
                r.code = decision.code;
                r.message = decision.message;
                r.version = d.work.version;
                return true;
            }
            r.version = d.work.version + 1;
            QSqlQuery q(database());
            if (!Storage::execQuery(q, QStringLiteral("UPDATE declarations SET channel = ?, version = ?, updated_at = ? WHERE id = ?"),
                                    {int(to), r.version, now, d.id}, error))
                return false;
            LogEntry entry;
            entry.change = true;
            entry.actor = actor.id;
            entry.at = now;
            entry.item = {0, Models::WorkKind::Declaration, d.id, r.version, d.work.state, d.work.assignee, now, actor.id, QStringLiteral("reroute"),
                          d.work.state, reason, QJsonObject{{QStringLiteral("row"), QJsonObject{{QStringLiteral("channel"), int(to)}}}}};
            entry.audit = {{QStringLiteral("kind"), Models::workKindKey(Models::WorkKind::Declaration)},
                           {QStringLiteral("item"), d.id},
                           {QStringLiteral("command"), QStringLiteral("reroute")},
                           {QStringLiteral("fromChannel"), Models::channelKey(d.channel)},
                           {QStringLiteral("toChannel"), Models::channelKey(to)},
                           {QStringLiteral("reason"), reason}};
            if (!appendLog(entry, &r.cursor, error))
                return false;
            r.outcome = RerouteResult::Outcome::Accepted;
            r.code = QStringLiteral("ok");
            return true;
        },
        &error);
    if (!ok) {
        r.outcome = RerouteResult::Outcome::Failed;
        r.code = QStringLiteral("internal");
        r.message = error;
    }
    return r;
}

std::optional<Store::StoredRouting> Store::routing(qint64 declarationId, QString *error) const
{
    QSqlQuery q(database());
    if (!Storage::execQuery(q, QStringLiteral("SELECT channel, rule_set_version, reasons, routed_at, routed_by FROM declaration_risk WHERE declaration_id = ?"),
                            {declarationId}, error)
        || !q.next())
        return std::nullopt;
    return StoredRouting{static_cast<Models::Channel>(q.value(0).toInt()), q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toLongLong(),
                         q.value(4).toString()};
}

bool Store::recordRoutings(qint64 ruleSetVersion, const QList<Routing> &routings, const QString &actor, QString *error)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    return writeTransaction(
        [&](QString *error) {
            // Multi-row INSERTs of kRowsPerStatement rows (the last one shorter): a round trip per
            // row would dominate seeding a large demo on PostgreSQL.
            constexpr qsizetype kRowsPerStatement = 500;
            for (qsizetype from = 0; from < routings.size(); from += kRowsPerStatement) {
                const qsizetype rows = qMin(kRowsPerStatement, routings.size() - from);
                QVariantList binds;
                binds.reserve(rows * 6);
                for (qsizetype i = from; i < from + rows; ++i) {
                    const Routing &routing = routings.at(i);
                    binds << routing.declarationId << int(routing.channel) << ruleSetVersion << routing.reasons << now << actor;
                }
                if (!execCached(QStringLiteral("INSERT INTO declaration_risk (declaration_id, channel, rule_set_version, reasons, routed_at, routed_by)"
                                               " VALUES ")
                                    + QStringList(rows, QStringLiteral("(?, ?, ?, ?, ?, ?)")).join(QStringLiteral(", ")),
                                binds, error))
                    return false;
            }
            LogEntry entry;
            entry.actor = actor;
            entry.at = now;
            entry.audit = {{QStringLiteral("command"), QStringLiteral("route")}, {QStringLiteral("ruleSet"), ruleSetVersion},
                           {QStringLiteral("declarations"), routings.size()}};
            qint64 cursor = 0;
            return lockLog(error) && appendLog(entry, &cursor, error);
        },
        error);
}

bool Store::registerEnterprise(const Models::Enterprise &enterprise, const QString &actor, QString *error)
{
    if (!Models::isCreditCode(enterprise.code) || enterprise.name.trimmed().isEmpty()) {
        *error = QStringLiteral("an enterprise needs an 18-character unified social credit code and a name");
        return false;
    }
    return writeTransaction(
        [&](QString *error) {
            QSqlQuery q(database());
            if (!lockLog(error) || !Storage::execQuery(q, QStringLiteral("SELECT id FROM enterprises WHERE code = ?"), {enterprise.code}, error))
                return false;
            // No ON CONFLICT: on PostgreSQL the cache schema's UNIQUE (code) is not recreated.
            const bool known = q.next();
            const qint64 knownId = known ? q.value(0).toLongLong() : 0;
            q.finish();
            LogEntry entry;
            entry.actor = actor;
            entry.at = QDateTime::currentSecsSinceEpoch();
            entry.audit = {{QStringLiteral("command"), QStringLiteral("register_enterprise")}, {QStringLiteral("enterprise"), enterprise.code},
                           {QStringLiteral("name"), enterprise.name}, {QStringLiteral("credit"), int(enterprise.credit)}};
            qint64 cursor = 0;
            const bool written = known ? Storage::execQuery(q, QStringLiteral("UPDATE enterprises SET name = ?, credit = ? WHERE id = ?"),
                                                            {enterprise.name, int(enterprise.credit), knownId}, error)
                                       : Storage::execQuery(q, QStringLiteral("INSERT INTO enterprises (id, code, name, credit)"
                                                                              " SELECT coalesce(max(id), 0) + 1, ?, ?, ? FROM enterprises"),
                                                            {enterprise.code, enterprise.name, int(enterprise.credit)}, error);
            return written
                && appendLog(entry, &cursor, error);
        },
        error);
}

QStringList Store::permissions(const QString &user, QString *error) const
{
    QStringList out;
    QSqlQuery q(database());
    if (!Storage::execQuery(q, QStringLiteral("SELECT permission FROM officer_permissions WHERE user_id = ? ORDER BY permission"), {user}, error))
        return out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

bool Store::replacePermissions(QSqlQuery &q, const QString &user, const QStringList &permissions, QString *error)
{
    if (!Storage::execQuery(q, QStringLiteral("DELETE FROM officer_permissions WHERE user_id = ?"), {user}, error))
        return false;
    for (const QString &p : permissions) {
        if (!Storage::execQuery(q, QStringLiteral("INSERT INTO officer_permissions (user_id, permission) VALUES (?, ?)"), {user, p}, error))
            return false;
    }
    return true;
}

} // namespace Clearway::Server
