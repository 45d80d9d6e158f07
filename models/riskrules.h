#pragma once

#include "models/types.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>

namespace Clearway::Models {

// A risk rule set as supervisors write it (docs/risk-rules.md): the parsed text, before the risk
// engine (models/risk.h) compiles it. Plain values; the text itself is what is stored, versioned.

// Stable keys of the lanes in rule text and on the wire: "green", "yellow", "red", "blue".
QString channelKey(Channel channel);
std::optional<Channel> channelFromKey(QStringView key);

enum class RiskListKind : int { Enterprise, HsCode, Country, BillOfLading };

struct RiskList
{
    QString name;
    RiskListKind kind = RiskListKind::Enterprise;
    QStringList items; // credit codes, HS codes or prefixes, ISO 3166-1 codes, bill numbers
    int line = 0;      // where it is first declared
};

// What a criterion looks at. HsCode, Origin and UnitValue are goods-line fields: all of a rule's
// line criteria must hold on one and the same goods line. The others look at the declaration.
enum class RiskField : int {
    HsCode,
    Origin,
    UnitValue,
    Enterprise,
    CreditClass,
    TradeMode,
    Transport,
    Direction,
    DeclarationMode,
    BillOfLading,
    TotalValue,
};

bool isLineField(RiskField field);
// The value (of CreditClass, Transport, Direction or DeclarationMode) an enumerated field's key names.
std::optional<int> riskFieldEnumValue(RiskField field, QStringView key);
// The kind of list a set field may use ("origin in high-risk"), or nothing.
std::optional<RiskListKind> riskListKind(RiskField field);

enum class Comparison : int { Less, LessOrEqual, Greater, GreaterOrEqual, Between };

struct RiskCriterion
{
    RiskField field = RiskField::HsCode;
    bool negated = false;
    // Set fields: the literal values (as keys: "VN", "0306", "dishonest", "sea", ...) and the names
    // of lists ("in <list> ..."); the criterion holds when the value is in either.
    QStringList values;
    QStringList lists;
    // TotalValue: the declared total, converted to CNY, compared with amountFen (Between: from
    // amountFen to amountFen2, both inclusive). UnitValue: Less ("below") or Greater ("above")
    // than percentPpm millionths of the reference unit value.
    Comparison comparison = Comparison::Less;
    qint64 amountFen = 0;
    qint64 amountFen2 = 0;
    qint64 percentPpm = 0;
    int line = 0;
};

struct RiskRule
{
    QString id;
    QString name;
    QList<RiskCriterion> criteria; // all must hold; none: every declaration
    Channel channel = Channel::Unassessed; // the lane when the criteria hold; Unassessed: none
    QString instruction;                    // to the examiner, plain language; may span lines
    qint64 samplePpm = 0;                   // random selection among the declarations that meet the criteria
    Channel sampleChannel = Channel::Unassessed; // the lane at least given to a selected one
    int line = 0;
};

// The reference unit value for goods under an HS prefix declared in a unit ("千克", "台").
struct UnitValueReference
{
    QString hsPrefix;
    QString unit;
    qint64 fenPerUnit = 0; // CNY
    int line = 0;
};

// The customs exchange rate: CNY per one unit of a currency, in millionths.
struct ExchangeRate
{
    QString currency;
    qint64 microCnyPerUnit = 0;
    int line = 0;
};

struct RiskRuleSet
{
    QString version;
    QByteArray selectionKey; // 16 bytes; the built-in key when the text names none
    QList<ExchangeRate> rates;
    QList<RiskList> lists;
    QList<UnitValueReference> references;
    std::array<qint64, 5> targetPpm{-1, -1, -1, -1, -1}; // per Channel value; -1: no target
    QList<RiskRule> rules;

    const RiskList *list(const QString &name) const;
    const RiskRule *rule(const QString &id) const;
};

// The reserved list whose enterprises always get the red channel.
inline constexpr char kBlacklistName[] = "blacklist";

struct RuleSetError
{
    int line = 0;   // 1-based line of the text
    QString code;   // stable, for tests and logs: "unknown_keyword", "bad_value", ...
    QString message; // translated, for the supervisor

    QString text() const; // "Line 12: ..."
};

// Parses rule text. On any error returns nothing and lists every error found (not only the first),
// each with its line; nothing of a refused text is usable, so the published set stays in force.
std::optional<RiskRuleSet> parseRiskRules(const QString &text, QList<RuleSetError> *errors);

// The built-in selection key (SipHash-2-4) used when a rule set names none.
QByteArray defaultSelectionKey();

} // namespace Clearway::Models
