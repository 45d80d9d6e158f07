#include "server/riskservice.h"

#include "models/riskrules.h"
#include "server/riskwire.h"
#include "server/store.h"
#include "sync/message.h"

#include <QJsonDocument>
#include <QLoggingCategory>

namespace Clearway::Server {

Q_LOGGING_CATEGORY(lcRisk, "clearway.server.risk")

namespace {

QJsonObject reply(const char *type, qint64 re, QJsonObject body = {})
{
    body.insert(QStringLiteral("type"), QLatin1String(type));
    body.insert(QStringLiteral("re"), re);
    return body;
}

QJsonObject error(qint64 re, const QString &code, const QString &message)
{
    return reply("error", re, {{QStringLiteral("code"), code}, {QStringLiteral("message"), message}});
}

QJsonObject internal(qint64 re, const QString &what, const QString &detail)
{
    qCWarning(lcRisk).noquote() << what << detail;
    return error(re, QStringLiteral("internal"), what + QStringLiteral("; retry"));
}

QJsonObject refused(qint64 re, const QList<Models::RuleSetError> &errors, qint64 inForce)
{
    return reply("rules_refused", re, {{QStringLiteral("errors"), ruleErrorsJson(errors)}, {QStringLiteral("inForce"), inForce}});
}

} // namespace

DeclareResult declareFromJson(Store *store, const QJsonObject &declaration, const QString &actor, Models::Declaration *parsed)
{
    QList<Models::FieldIssue> issues;
    *parsed = declarationFromJson(declaration, &issues);
    if (issues.isEmpty())
        return store->declare(*parsed, actor);
    DeclareResult r;
    r.outcome = DeclareResult::Outcome::Refused;
    r.code = QStringLiteral("invalid");
    r.issues = issues + Models::checkDeclaration(*parsed);
    r.message = QStringLiteral("the declaration has %1 field error(s); nothing was stored").arg(r.issues.size());
    return r;
}

RiskService::RiskService(Store *store)
    : m_store(store)
{
}

bool RiskService::handles(const QString &type)
{
    return type == QLatin1String("rules_get") || type == QLatin1String("rules_publish") || type == QLatin1String("rules_dry_run")
        || type == QLatin1String("declare") || type == QLatin1String("reroute") || type == QLatin1String("risk_reasons");
}

QJsonObject RiskService::answer(const Models::Officer &officer, const QString &type, qint64 id, const QJsonObject &body, bool *committed)
{
    *committed = false;
    if (type == QLatin1String("declare")) {
        if (!officer.hasRole(Models::Role::System))
            return error(id, QStringLiteral("forbidden"), QStringLiteral("declarations arrive through a System account"));
        return declare(officer, id, body, committed);
    }
    if (type == QLatin1String("reroute"))
        return reroute(officer, id, body, committed);
    if (type == QLatin1String("risk_reasons"))
        return reasons(id, body);
    if (!officer.hasRole(Models::Role::Supervisor))
        return error(id, QStringLiteral("forbidden"), QStringLiteral("risk rules are for supervisors"));
    if (type == QLatin1String("rules_get"))
        return rulesGet(id);
    if (type == QLatin1String("rules_publish"))
        return rulesPublish(officer, id, body);
    return dryRun(id, body);
}

QJsonObject RiskService::rulesGet(qint64 id)
{
    QString detail;
    const std::optional<Store::Rules> rules = m_store->currentRules(&detail);
    if (!rules)
        return internal(id, QStringLiteral("the rule set could not be read"), detail);
    const RuleSetRecord &r = rules->record;
    return reply("rules", id,
                 {{QStringLiteral("version"), r.version}, {QStringLiteral("name"), rules->engine.ruleSet().version}, {QStringLiteral("text"), r.text},
                  {QStringLiteral("publishedAt"), r.publishedAt}, {QStringLiteral("publishedBy"), r.publishedBy}});
}

std::optional<QString> RiskService::ruleText(qint64 id, const QJsonObject &body, QJsonObject *refusal)
{
    Sync::DecodeError bad;
    QString text;
    if (!Sync::readString(body, QStringLiteral("text"), true, kMaxRuleText, &text, &bad)) {
        *refusal = error(id, bad.code, bad.message);
        return std::nullopt;
    }
    if (text.toUtf8().size() > kMaxRuleText) {
        *refusal = error(id, QStringLiteral("bad_request"), QStringLiteral("a rule set is at most %1 bytes of UTF-8").arg(kMaxRuleText));
        return std::nullopt;
    }
    return text;
}

QJsonObject RiskService::rulesPublish(const Models::Officer &officer, qint64 id, const QJsonObject &body)
{
    QJsonObject refusal;
    const std::optional<QString> text = ruleText(id, body, &refusal);
    if (!text)
        return refusal;
    const PublishResult r = m_store->publishRules(*text, officer.id);
    switch (r.outcome) {
    case PublishResult::Outcome::Published:
        qCInfo(lcRisk).noquote() << officer.id << "published rule set" << r.version << r.name;
        return reply("rules_published", id, {{QStringLiteral("version"), r.version}, {QStringLiteral("name"), r.name}});
    case PublishResult::Outcome::Refused: {
        QString detail;
        const std::optional<Store::Rules> inForce = m_store->currentRules(&detail);
        return refused(id, r.errors, inForce ? inForce->record.version : 0);
    }
    case PublishResult::Outcome::Failed: break;
    }
    return internal(id, QStringLiteral("the rule set could not be stored"), r.message);
}

QJsonObject RiskService::dryRun(qint64 id, const QJsonObject &body)
{
    QJsonObject refusal;
    const std::optional<QString> text = ruleText(id, body, &refusal);
    if (!text)
        return refusal;
    Sync::DecodeError bad;
    qint64 last = 0;
    if (!Sync::readInteger(body, QStringLiteral("last"), true, 1, &last, &bad))
        return error(id, bad.code, bad.message);
    if (last > kMaxDryRun)
        return error(id, QStringLiteral("bad_request"), QStringLiteral("a dry run routes at most %1 declarations").arg(kMaxDryRun));
    QString detail;
    const std::optional<Store::Rules> inForce = m_store->currentRules(&detail);
    if (!inForce)
        return internal(id, QStringLiteral("the rule set could not be read"), detail);
    QList<Models::RuleSetError> errors;
    const std::optional<Models::RiskEngine> candidate = Models::RiskEngine::fromText(*text, &errors);
    if (!candidate)
        return refused(id, errors, inForce->record.version);
    QList<Models::Declaration> past;
    if (!m_store->recentDeclarations(int(last), &past, &detail))
        return internal(id, QStringLiteral("the declarations could not be read"), detail);
    QJsonObject report = dryRunJson(Models::dryRun(*candidate, past), kMaxListedChanges, kMaxListedBytes);
    report.insert(QStringLiteral("inForce"), inForce->record.version);
    return reply("dry_run", id, report);
}

QJsonObject RiskService::declare(const Models::Officer &officer, qint64 id, const QJsonObject &body, bool *committed)
{
    const QJsonValue declaration = body.value(QStringLiteral("declaration"));
    if (!declaration.isObject())
        return error(id, QStringLiteral("bad_request"), QStringLiteral("field \"declaration\" must be an object"));
    Models::Declaration d;
    const DeclareResult r = declareFromJson(m_store, declaration.toObject(), officer.id, &d);
    switch (r.outcome) {
    case DeclareResult::Outcome::Accepted:
        *committed = true;
        return reply("declared", id,
                     {{QStringLiteral("declarationId"), r.id}, {QStringLiteral("number"), d.entryNo},
                      {QStringLiteral("channel"), Models::channelKey(r.assessment.channel)}, {QStringLiteral("ruleSet"), r.ruleSetVersion},
                      {QStringLiteral("ruleSetName"), r.assessment.ruleSetVersion}, {QStringLiteral("reasons"), riskHitsJson(r.assessment.hits)},
                      {QStringLiteral("notes"), QJsonArray::fromStringList(r.assessment.notes)}, {QStringLiteral("cursor"), r.cursor},
                      {QStringLiteral("assignee"), r.assignee}});
    case DeclareResult::Outcome::Refused:
        return reply("declaration_refused", id,
                     {{QStringLiteral("code"), r.code}, {QStringLiteral("message"), r.message}, {QStringLiteral("issues"), fieldIssuesJson(r.issues)}});
    case DeclareResult::Outcome::Failed: break;
    }
    return internal(id, QStringLiteral("the declaration could not be stored"), r.message);
}

QJsonObject RiskService::reroute(const Models::Officer &officer, qint64 id, const QJsonObject &body, bool *committed)
{
    Sync::DecodeError bad;
    qint64 declaration = 0;
    QString channel, reason;
    if (!Sync::readInteger(body, QStringLiteral("declarationId"), true, 1, &declaration, &bad)
        || !Sync::readString(body, QStringLiteral("channel"), true, 16, &channel, &bad)
        || !Sync::readString(body, QStringLiteral("reason"), false, 2000, &reason, &bad))
        return error(id, bad.code, bad.message);
    const std::optional<Models::Channel> to = Models::channelFromKey(channel);
    if (!to)
        return error(id, QStringLiteral("bad_request"), QStringLiteral("field \"channel\" must be green, yellow, red or blue"));
    const RerouteResult r = m_store->reroute(declaration, *to, reason, officer);
    switch (r.outcome) {
    case RerouteResult::Outcome::Accepted:
        *committed = true;
        return reply("rerouted", id,
                     {{QStringLiteral("declarationId"), declaration}, {QStringLiteral("from"), Models::channelKey(r.from)},
                      {QStringLiteral("channel"), Models::channelKey(r.to)}, {QStringLiteral("version"), r.version}, {QStringLiteral("cursor"), r.cursor}});
    case RerouteResult::Outcome::Refused:
        return reply("reroute_refused", id, {{QStringLiteral("code"), r.code}, {QStringLiteral("message"), r.message}});
    case RerouteResult::Outcome::Failed: break;
    }
    return internal(id, QStringLiteral("the channel could not be changed"), r.message);
}

QJsonObject RiskService::reasons(qint64 id, const QJsonObject &body)
{
    Sync::DecodeError bad;
    qint64 declaration = 0;
    if (!Sync::readInteger(body, QStringLiteral("declarationId"), true, 1, &declaration, &bad))
        return error(id, bad.code, bad.message);
    QString detail;
    const std::optional<Store::StoredRouting> r = m_store->routing(declaration, &detail);
    if (!r) {
        if (!detail.isEmpty())
            return internal(id, QStringLiteral("the routing could not be read"), detail);
        return error(id, QStringLiteral("not_found"), QStringLiteral("declaration %1 was not routed on this server").arg(declaration));
    }
    return reply("risk_reasons", id,
                 {{QStringLiteral("declarationId"), declaration}, {QStringLiteral("channel"), Models::channelKey(r->channel)},
                  {QStringLiteral("ruleSet"), r->ruleSetVersion}, {QStringLiteral("reasons"), QJsonDocument::fromJson(r->reasons.toUtf8()).array()},
                  {QStringLiteral("routedAt"), r->routedAt}, {QStringLiteral("routedBy"), r->routedBy}});
}

} // namespace Clearway::Server
