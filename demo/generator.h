#pragma once

#include "models/entities.h"
#include "models/risk.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>

#include <functional>

namespace Clearway::Demo {

struct Options
{
    qint64 declarations = 20000;
    quint64 seed = 20261122;
    QDateTime now; // deadlines are spread around it; invalid means the current time
    // When set, every declaration's channel comes from this engine (instead of a random draw), and
    // `routed` is told of each declaration's assessment, in id order.
    const Models::RiskEngine *risk = nullptr;
    std::function<void(qint64 id, const Models::RiskAssessment &assessment)> routed{};
};

// The demo's risk rule set (resources/demo/risk-rules.txt): a docs-quality example for the demo
// data's HS codes, origins and enterprises.
QString demoRiskRules();

struct Result
{
    bool ok = false;
    QString error;                 // translated, when !ok
    QMap<QString, qint64> counts;  // rows written per table
    qint64 elapsedMs = 0;
};

// The demo officers of office 5141, one or more for every role.
QList<Models::Officer> demoOfficers();

// Writes a demo cache with `options.declarations` declarations and the other work kinds in
// proportion (manifests N/10, inspection tasks N/20, video sessions N/200, certificates N/50,
// service applications N/100, each at least 40). The same seed and `now` give the same content.
// Writes `path`.partial and renames it when complete, so `path` is never half written; an
// existing `path` is replaced only with `overwrite`.
Result generate(const QString &path, const Options &options, bool overwrite);

} // namespace Clearway::Demo
