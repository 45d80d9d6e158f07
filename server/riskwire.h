#pragma once

#include "models/declarationcheck.h"
#include "models/entities.h"
#include "models/risk.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>

namespace Clearway::Server {

// The JSON of risk routing on the wire and in the database (docs/protocol.md, "Risk and
// selectivity"): reasons, refusals, dry runs, and the declaration a `declare` brings.

// The reasons of an assessment, one object per hit: "kind" (dishonest_credit, blacklist, rule,
// random_selection), "channel", "ruleId", "ruleName", "instruction", "enterprise", "goodsLine",
// "samplePercent", "draw", "unitValue"/"reference" (CNY per "unit"), and "text", the sentence.
QJsonArray riskHitsJson(const QList<Models::RiskHit> &hits);
QJsonArray ruleErrorsJson(const QList<Models::RuleSetError> &errors);
QJsonArray fieldIssuesJson(const QList<Models::FieldIssue> &issues);
// Counts per lane ({"green": 12, ...}) of a DryRunReport's before or after array.
QJsonObject laneCounts(const std::array<int, 5> &counts);
// The report; the first changed declarations are listed ("changes"), at most `maxListed` of them
// and `maxBytes` of their JSON; all are counted ("changed").
QJsonObject dryRunJson(const Models::DryRunReport &report, int maxListed, int maxBytes);

// A declaration as `declare` brings it (docs/protocol.md). Fields of the wrong JSON type or with an
// unknown key (direction, mode, transport, credit, guarantee) are listed in *issues, as
// checkDeclaration() lists the others, and the declaration must then be refused.
Models::Declaration declarationFromJson(const QJsonObject &o, QList<Models::FieldIssue> *issues);

} // namespace Clearway::Server
