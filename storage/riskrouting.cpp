#include "storage/riskrouting.h"

#include "storage/database.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSqlQuery>

#include <cmath>

namespace Clearway::Storage {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Clearway::Storage::RiskRouting", text); }

// A non-negative number of the object, or nothing when it is there but not one.
bool readNumber(const QJsonObject &o, const char *key, double *out)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined())
        return true;
    if (!v.isDouble() || !std::isfinite(v.toDouble()) || v.toDouble() < 0)
        return false;
    *out = v.toDouble();
    return true;
}

} // namespace

std::optional<QList<Models::RiskHit>> riskHitsFromJson(const QJsonArray &reasons, QString *error)
{
    QList<Models::RiskHit> hits;
    for (qsizetype i = 0; i < reasons.size(); ++i) {
        const QJsonObject o = reasons.at(i).toObject();
        const std::optional<Models::RiskHitKind> kind = Models::riskHitKindFromKey(o.value(QStringLiteral("kind")).toString());
        const std::optional<Models::Channel> channel = Models::channelFromKey(o.value(QStringLiteral("channel")).toString());
        Models::RiskHit hit;
        double goodsLine = 0, percent = 0, unitValue = 0, reference = 0;
        if (!reasons.at(i).isObject() || !kind || !channel || !readNumber(o, "goodsLine", &goodsLine) || !readNumber(o, "samplePercent", &percent)
            || !readNumber(o, "draw", &hit.draw) || !readNumber(o, "unitValue", &unitValue) || !readNumber(o, "reference", &reference)) {
            *error = tr("reason %1 of the routing is malformed").arg(i + 1);
            return std::nullopt;
        }
        hit.kind = *kind;
        hit.channel = *channel;
        hit.ruleId = o.value(QStringLiteral("ruleId")).toString();
        hit.ruleName = o.value(QStringLiteral("ruleName")).toString();
        hit.instruction = o.value(QStringLiteral("instruction")).toString();
        hit.enterpriseCode = o.value(QStringLiteral("enterprise")).toString();
        hit.goodsLine = int(goodsLine);
        hit.samplePpm = qRound64(percent * 10000.0);
        hit.unitValueFen = unitValue * 100.0;
        hit.referenceFen = reference * 100.0;
        hit.unit = o.value(QStringLiteral("unit")).toString();
        hits.append(hit);
    }
    return hits;
}

std::optional<RiskRouting> riskRoutingFromJson(qint64 declarationId, const QJsonObject &o, QString *error)
{
    RiskRouting r;
    r.declarationId = declarationId;
    const std::optional<Models::Channel> channel = Models::channelFromKey(o.value(QStringLiteral("channel")).toString());
    if (!channel) {
        *error = tr("the routing of declaration %1 names no lane").arg(declarationId);
        return std::nullopt;
    }
    r.channel = *channel;
    r.ruleSet = o.value(QStringLiteral("ruleSet")).toInteger(-1);
    r.routedAt = o.value(QStringLiteral("routedAt")).toInteger(-1);
    r.routedBy = o.value(QStringLiteral("routedBy")).toString();
    if (r.ruleSet < 0 || r.routedAt < 0 || !o.value(QStringLiteral("reasons")).isArray()) {
        *error = tr("the routing of declaration %1 is malformed").arg(declarationId);
        return std::nullopt;
    }
    r.reasons = o.value(QStringLiteral("reasons")).toArray();
    std::optional<QList<Models::RiskHit>> hits = riskHitsFromJson(r.reasons, error);
    if (!hits)
        return std::nullopt;
    r.hits = std::move(*hits);
    return r;
}

bool loadDeclarationRisk(QSqlDatabase db, qint64 id, DeclarationRisk *out, QString *error)
{
    QSqlQuery q(db);
    if (!execQuery(q,
                   QStringLiteral("SELECT d.channel, d.number, r.channel, r.rule_set, r.reasons, r.routed_at, r.routed_by"
                                  " FROM declarations d LEFT JOIN risk_reasons r ON r.declaration_id = d.id WHERE d.id = ?"),
                   {id}, error))
        return false;
    if (!q.next()) {
        *error = tr("Declaration %1 is not in the local cache.").arg(id);
        return false;
    }
    *out = {};
    out->current = static_cast<Models::Channel>(q.value(0).toInt());
    out->number = q.value(1).toString();
    if (q.value(2).isNull())
        return true;
    RiskRouting r;
    r.declarationId = id;
    r.channel = static_cast<Models::Channel>(q.value(2).toInt());
    r.ruleSet = q.value(3).toLongLong();
    r.reasons = QJsonDocument::fromJson(q.value(4).toByteArray()).array();
    r.routedAt = q.value(5).toLongLong();
    r.routedBy = q.value(6).toString();
    std::optional<QList<Models::RiskHit>> hits = riskHitsFromJson(r.reasons, error);
    if (!hits)
        return false;
    r.hits = std::move(*hits);
    out->routing = std::move(r);
    return true;
}

bool storeRiskRouting(QSqlDatabase db, const RiskRouting &routing, QString *error)
{
    QSqlQuery q(db);
    return execQuery(q,
                     QStringLiteral("INSERT OR REPLACE INTO risk_reasons (declaration_id, channel, rule_set, reasons, routed_at, routed_by)"
                                    " VALUES (?, ?, ?, ?, ?, ?)"),
                     {routing.declarationId, int(routing.channel), routing.ruleSet,
                      QString::fromUtf8(QJsonDocument(routing.reasons).toJson(QJsonDocument::Compact)), routing.routedAt,
                      notNullText(routing.routedBy)},
                     error);
}

} // namespace Clearway::Storage
