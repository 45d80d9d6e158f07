#pragma once

#include "models/risk.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace Clearway::Storage {

// How a declaration was routed when it arrived (docs/protocol.md, "Why a declaration has its
// lane"): the lane the rules gave, the rule-set version and the reasons. The workstation keeps it in
// the cache's risk_reasons table, from the `risk` of the change that brought the declaration or
// from a risk_reasons reply, so the detail pane explains a lane offline too.
struct RiskRouting
{
    qint64 declarationId = 0;
    Models::Channel channel = Models::Channel::Unassessed; // given on arrival; a re-route does not change it
    qint64 ruleSet = 0;                                      // the version of the rule set in force then
    QList<Models::RiskHit> hits;
    QJsonArray reasons; // the hits as the server wrote them (stored as they came)
    qint64 routedAt = 0; // UTC seconds
    QString routedBy;
};

// A declaration's lane now (re-routes included) and, when this cache knows it, how it was routed.
struct DeclarationRisk
{
    QString number; // the entry number
    Models::Channel current = Models::Channel::Unassessed;
    std::optional<RiskRouting> routing;
};

// The reasons of a reply (the "reasons" array): one hit per object. A malformed entry makes the
// whole array refused with *error naming it.
std::optional<QList<Models::RiskHit>> riskHitsFromJson(const QJsonArray &reasons, QString *error);

// A risk_reasons reply, or the "risk" object of a change's fields ({"channel", "ruleSet",
// "reasons", "routedAt", "routedBy"}), for `declarationId`. nullopt with *error when malformed.
std::optional<RiskRouting> riskRoutingFromJson(qint64 declarationId, const QJsonObject &o, QString *error);

// Reads declaration `id`'s lane and its stored routing (GUI thread: two index lookups). false with
// *error when the cache cannot be read or the declaration is not in it.
bool loadDeclarationRisk(QSqlDatabase db, qint64 id, DeclarationRisk *out, QString *error);
// Stores (replaces) a routing; the writer thread calls it inside or outside a transaction.
bool storeRiskRouting(QSqlDatabase db, const RiskRouting &routing, QString *error);

} // namespace Clearway::Storage
