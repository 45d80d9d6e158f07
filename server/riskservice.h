#pragma once

#include "models/entities.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace Clearway::Server {

class Store;
struct DeclareResult;

// A declaration as JSON (declarationFromJson()) checked, routed and stored (Store::declare()); a
// malformed one is refused with every field-level problem, the JSON's and checkDeclaration()'s.
DeclareResult declareFromJson(Store *store, const QJsonObject &declaration, const QString &actor, Models::Declaration *parsed);

// The risk-routing messages of docs/protocol.md ("Risk and selectivity"): rules_get, rules_publish
// and rules_dry_run for supervisors, declare for System accounts, reroute for whoever checkReroute()
// allows, risk_reasons for every officer. Answers one request at a time from the store; the hub sends the answer and, when the
// request committed a change, publishes it.
class RiskService final
{
public:
    explicit RiskService(Store *store);
    Q_DISABLE_COPY_MOVE(RiskService)

    static bool handles(const QString &type);
    // The reply to request `id` of `type` from `officer`; *committed when it appended to the change log.
    QJsonObject answer(const Models::Officer &officer, const QString &type, qint64 id, const QJsonObject &body, bool *committed);

    // Bounds of the requests.
    static constexpr int kMaxRuleText = 512 * 1024; // UTF-8 bytes, so that rules_get's reply stays under the 1 MiB frame limit
    static constexpr int kMaxDryRun = 100000;       // declarations routed by one dry run
    static constexpr int kMaxListedChanges = 500;   // changed declarations listed in a dry-run reply
    static constexpr int kMaxListedBytes = 512 * 1024; // ... and their JSON at most this (the frame limit is 1 MiB)

private:
    QJsonObject rulesGet(qint64 id);
    // The "text" of a rules_publish or rules_dry_run, or an error reply in *refusal.
    static std::optional<QString> ruleText(qint64 id, const QJsonObject &body, QJsonObject *refusal);
    QJsonObject rulesPublish(const Models::Officer &officer, qint64 id, const QJsonObject &body);
    QJsonObject dryRun(qint64 id, const QJsonObject &body);
    QJsonObject declare(const Models::Officer &officer, qint64 id, const QJsonObject &body, bool *committed);
    QJsonObject reroute(const Models::Officer &officer, qint64 id, const QJsonObject &body, bool *committed);
    QJsonObject reasons(qint64 id, const QJsonObject &body);

    Store *m_store;
};

} // namespace Clearway::Server
