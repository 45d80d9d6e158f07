#pragma once

#include "models/entities.h"
#include "models/riskrules.h"
#include "models/types.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <array>
#include <memory>
#include <optional>

namespace Clearway::Models {

// The risk engine: routes a declaration to a lane by a compiled rule set (models/riskrules.h),
// with the reasons. Shared by the server (routing on arrival, validating re-routes) and the
// workstation (dry runs, showing reasons). docs/risk-rules.md describes the rules.

// How strict a lane is: red (physical inspection) > yellow (document review before release) >
// blue (release now, audit after clearance) > green (release). Unassessed is below them all.
int channelSeverity(Channel channel);
Channel stricterChannel(Channel a, Channel b);

enum class RiskHitKind : int {
    DishonestCredit, // the enterprise's credit class is dishonest: always red
    Blacklist,       // the enterprise is on the blacklist: always red
    Rule,            // a rule's criteria hold
    RandomSelection, // a rule's random selection picked the declaration
};

struct RiskHit
{
    RiskHitKind kind = RiskHitKind::Rule;
    Channel channel = Channel::Red;
    QString ruleId; // empty for the credit class and the blacklist
    QString ruleName;
    QString instruction;
    QString enterpriseCode; // DishonestCredit, Blacklist
    int goodsLine = 0;      // the line that met the rule's goods-line criteria; 0 when none
    qint64 samplePpm = 0;   // RandomSelection: the rule's rate
    double draw = 0;        // RandomSelection: the declaration's draw in [0, 1) for this rule
    // When the rule judged the unit value of goodsLine: CNY fen per unit, and the reference.
    double unitValueFen = 0;
    double referenceFen = 0;
    QString unit;
};

// A translated sentence for the officer: what hit and what it means.
QString riskHitText(const RiskHit &hit);

// Stable keys of the kinds of hit on the wire: "dishonest_credit", "blacklist", "rule",
// "random_selection".
QString riskHitKindKey(RiskHitKind kind);
std::optional<RiskHitKind> riskHitKindFromKey(QStringView key);

struct RiskAssessment
{
    Channel channel = Channel::Green; // the strictest lane of the hits; green when nothing hit
    QList<RiskHit> hits;              // credit and blacklist first, then the rules in rule-set order
    QStringList notes;                // what could not be judged (a currency without a rate), translated
    QString ruleSetVersion;
};

// SipHash-2-4 of `size` bytes with a 16-byte key.
quint64 sipHash24(const QByteArray &key, const char *data, size_t size);
// A declaration's draw for a rule's random selection, in [0, 1): SipHash-2-4 of the entry number's
// UTF-8, a 0x1F separator and the rule id's UTF-8, its top 53 bits scaled. The same entry number and
// rule id under the same key always draw the same, so a decision can be replayed.
double selectionDraw(const QByteArray &key, QStringView entryNo, QStringView ruleId);

// A compiled rule set. Immutable and cheap to copy (the compiled data is shared); assess() may be
// called from several threads at once.
class RiskEngine final
{
public:
    RiskEngine(); // no rules: only the credit class can route a declaration away from green
    explicit RiskEngine(const RiskRuleSet &rules);
    ~RiskEngine();
    RiskEngine(const RiskEngine &) = default;
    RiskEngine &operator=(const RiskEngine &) = default;

    // Parses and compiles; on any error nothing is returned and `errors` lists them all.
    static std::optional<RiskEngine> fromText(const QString &text, QList<RuleSetError> *errors);

    const RiskRuleSet &ruleSet() const;

    // Which rules are tried: Indexed tries only those whose HS prefix, origin or trade mode the
    // declaration can meet (and those with none of these); AllRules tries every rule (the same
    // answer, slower; for checks and benchmarks).
    enum class Candidates { Indexed, AllRules };
    RiskAssessment assess(const Declaration &declaration, Candidates candidates = Candidates::Indexed) const;

private:
    struct Data;
    std::shared_ptr<const Data> d;
};

// How a candidate rule set would have routed past declarations, against the lanes they have now.
struct DryRunChange
{
    qint64 declarationId = 0;
    QString entryNo;
    Channel before = Channel::Unassessed;
    Channel after = Channel::Unassessed;
    QList<RiskHit> hits; // under the candidate
};

struct DryRunReport
{
    QString version; // the candidate's
    int total = 0;
    int changed = 0;
    std::array<int, 5> before{}; // declarations per lane, indexed by Channel's value
    std::array<int, 5> after{};
    std::array<qint64, 5> targetPpm{-1, -1, -1, -1, -1}; // the candidate's lane targets
    QList<DryRunChange> changes; // in the order of `past`
};

DryRunReport dryRun(const RiskEngine &candidate, const QList<Declaration> &past);

// Re-routing a declaration by hand, up or down: the validation the server runs on the command.
// Allowed to a Supervisor, or to an officer granted the permission kReroutePermission; a reason is
// always required and recorded. A mandatory red (the enterprise's credit class is dishonest, or it
// is on the blacklist: isMandatoryRed()) cannot be lowered by anyone, a supervisor included.
inline constexpr char kReroutePermission[] = "risk.reroute";

struct RerouteDecision
{
    bool accepted = false;
    QString code;    // "ok", "permission", "reason_required", "bad_channel", "same_channel", "mandatory_red"
    QString message; // translated
};

// Whether the assessment holds a red no rule and no officer can lower: a dishonest credit class or
// the blacklist.
bool isMandatoryRed(const RiskAssessment &assessment);

RerouteDecision checkReroute(const Officer &actor, const QStringList &permissions, Channel from, Channel to, const QString &reason,
                             bool mandatoryRed);

} // namespace Clearway::Models
