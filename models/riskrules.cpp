#include "models/riskrules.h"

#include "models/codes.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <utility>

namespace Clearway::Models {

namespace {

constexpr const char *kContext = "Clearway::Models::RiskRules";
QString translated(const char *text) { return QCoreApplication::translate(kContext, text); }

// The keys of the enumerated fields, as written in rule text.
struct EnumKey
{
    const char16_t *key;
    int value;
};

constexpr EnumKey kCreditKeys[] = {{u"advanced", int(CreditClass::AdvancedCertified)},
                                   {u"general-certified", int(CreditClass::GeneralCertified)},
                                   {u"general", int(CreditClass::General)},
                                   {u"dishonest", int(CreditClass::Dishonest)}};
constexpr EnumKey kTransportKeys[] = {{u"sea", int(Transport::Sea)},   {u"air", int(Transport::Air)}, {u"rail", int(Transport::Rail)},
                                      {u"road", int(Transport::Road)}, {u"mail", int(Transport::Mail)}};
constexpr EnumKey kDirectionKeys[] = {{u"import", int(Direction::Import)}, {u"export", int(Direction::Export)}};
constexpr EnumKey kModeKeys[] = {{u"standard", int(DeclarationMode::Standard)},
                                 {u"advance", int(DeclarationMode::Advance)},
                                 {u"two-step", int(DeclarationMode::TwoStep)},
                                 {u"two-stage", int(DeclarationMode::TwoStageAccess)}};

template <size_t N>
std::optional<int> enumValue(const EnumKey (&keys)[N], QStringView key)
{
    for (const EnumKey &k : keys) {
        if (key == QStringView(k.key))
            return k.value;
    }
    return std::nullopt;
}

struct Keyword
{
    const char16_t *word;
    RiskField field;
};

constexpr Keyword kCriterionKeywords[] = {
    {u"hs", RiskField::HsCode},
    {u"origin", RiskField::Origin},
    {u"unit-value", RiskField::UnitValue},
    {u"enterprise", RiskField::Enterprise},
    {u"credit", RiskField::CreditClass},
    {u"trade-mode", RiskField::TradeMode},
    {u"transport", RiskField::Transport},
    {u"direction", RiskField::Direction},
    {u"mode", RiskField::DeclarationMode},
    {u"bill", RiskField::BillOfLading},
    {u"value", RiskField::TotalValue},
};

std::optional<RiskField> criterionField(QStringView word)
{
    for (const Keyword &k : kCriterionKeywords) {
        if (word == QStringView(k.word))
            return k.field;
    }
    return std::nullopt;
}

bool isRuleStatement(QStringView word)
{
    return criterionField(word) || word == u"channel" || word == u"sample" || word == u"instruction" || word == u"end";
}

bool isTopStatement(QStringView word)
{
    return word == u"version" || word == u"selection-key" || word == u"rate" || word == u"target" || word == u"list"
        || word == u"reference" || word == u"rule";
}

std::optional<RiskListKind> listKindOf(RiskField field)
{
    switch (field) {
    case RiskField::HsCode: return RiskListKind::HsCode;
    case RiskField::Origin: return RiskListKind::Country;
    case RiskField::Enterprise: return RiskListKind::Enterprise;
    case RiskField::BillOfLading: return RiskListKind::BillOfLading;
    default: return std::nullopt;
    }
}

RiskField fieldOfListKind(RiskListKind kind)
{
    switch (kind) {
    case RiskListKind::Enterprise: return RiskField::Enterprise;
    case RiskListKind::HsCode: return RiskField::HsCode;
    case RiskListKind::Country: return RiskField::Origin;
    case RiskListKind::BillOfLading: return RiskField::BillOfLading;
    }
    return RiskField::HsCode;
}

std::optional<RiskListKind> listKindFromKey(QStringView key)
{
    if (key == u"enterprise")
        return RiskListKind::Enterprise;
    if (key == u"hs")
        return RiskListKind::HsCode;
    if (key == u"country")
        return RiskListKind::Country;
    if (key == u"bill")
        return RiskListKind::BillOfLading;
    return std::nullopt;
}

bool isNameChar(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'-' || u == u'_' || u == u'.';
}

bool isName(QStringView s)
{
    if (s.isEmpty() || s.size() > 64)
        return false;
    for (QChar c : s) {
        if (!isNameChar(c))
            return false;
    }
    return true;
}

bool isBillNumber(QStringView s)
{
    if (s.isEmpty() || s.size() > 40)
        return false;
    for (QChar c : s) {
        const char16_t u = c.unicode();
        if (!((u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'-'))
            return false;
    }
    return true;
}

bool isListItem(RiskListKind kind, QStringView item)
{
    switch (kind) {
    case RiskListKind::Enterprise: return isCreditCode(item);
    case RiskListKind::HsCode: return isHsPrefix(item);
    case RiskListKind::Country: return isCountryCode(item);
    case RiskListKind::BillOfLading: return isBillNumber(item);
    }
    return false;
}

// Why a value does not fit a field, in words.
QString badValueMessage(RiskField field, QStringView value)
{
    const char *text = nullptr;
    switch (field) {
    case RiskField::HsCode: text = QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "\"%1\" is not an HS code or prefix (1 to 10 digits)."); break;
    case RiskField::Origin: text = QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "\"%1\" is not an ISO 3166-1 country code (two capital letters, e.g. VN)."); break;
    case RiskField::Enterprise: text = QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "\"%1\" is not a unified social credit code (18 digits and capital letters)."); break;
    case RiskField::CreditClass: text = QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "\"%1\" is not a credit class: use advanced, general-certified, general or dishonest."); break;
    case RiskField::TradeMode: text = QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "\"%1\" is not a trade mode (4 digits, e.g. 0110)."); break;
    case RiskField::Transport: text = QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "\"%1\" is not a transport: use sea, air, rail, road or mail."); break;
    case RiskField::Direction: text = QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "\"%1\" is not a direction: use import or export."); break;
    case RiskField::DeclarationMode: text = QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "\"%1\" is not a declaration mode: use standard, advance, two-step or two-stage."); break;
    case RiskField::BillOfLading: text = QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "\"%1\" is not a bill of lading number (capital letters, digits and '-', at most 40)."); break;
    case RiskField::UnitValue:
    case RiskField::TotalValue: break;
    }
    return text ? translated(text).arg(value) : QString();
}

bool isValidValue(RiskField field, QStringView value)
{
    if (const std::optional<RiskListKind> kind = listKindOf(field))
        return isListItem(*kind, value);
    if (field == RiskField::TradeMode)
        return isTradeModeCode(value);
    return riskFieldEnumValue(field, value).has_value();
}

QString listKindLabel(RiskListKind kind)
{
    switch (kind) {
    case RiskListKind::Enterprise: return translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "enterprises"));
    case RiskListKind::HsCode: return translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "HS codes"));
    case RiskListKind::Country: return translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "countries"));
    case RiskListKind::BillOfLading: return translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "bills of lading"));
    }
    return {};
}

// A non-negative decimal with at most `decimals` places, scaled by 10^decimals; at most 15 whole digits.
std::optional<qint64> parseDecimal(QStringView s, int decimals)
{
    qint64 whole = 0;
    qsizetype i = 0;
    int wholeDigits = 0;
    for (; i < s.size() && s[i].isDigit() && s[i].unicode() < 128; ++i) {
        if (++wholeDigits > 15)
            return std::nullopt;
        whole = whole * 10 + (s[i].unicode() - u'0');
    }
    if (wholeDigits == 0)
        return std::nullopt;
    qint64 fraction = 0;
    int fractionDigits = 0;
    if (i < s.size() && s[i] == u'.') {
        for (++i; i < s.size() && s[i].isDigit() && s[i].unicode() < 128; ++i) {
            if (++fractionDigits > decimals)
                return std::nullopt;
            fraction = fraction * 10 + (s[i].unicode() - u'0');
        }
        if (fractionDigits == 0)
            return std::nullopt;
    }
    if (i != s.size())
        return std::nullopt;
    for (int d = 0; d < decimals; ++d) {
        whole *= 10;
        if (d >= fractionDigits)
            fraction *= 10;
    }
    return whole + fraction;
}

// "3%" or "0.5%" as millionths (3 % = 30000); at most four decimals.
std::optional<qint64> parsePercent(QStringView s)
{
    if (!s.endsWith(u'%'))
        return std::nullopt;
    return parseDecimal(s.chopped(1), 4);
}

std::optional<QByteArray> parseHexKey(QStringView s)
{
    if (s.size() != 32)
        return std::nullopt;
    QByteArray out;
    for (qsizetype i = 0; i < s.size(); i += 2) {
        bool ok = false;
        const uint byte = s.mid(i, 2).toUInt(&ok, 16);
        if (!ok)
            return std::nullopt;
        out.append(char(byte));
    }
    return out;
}

struct Token
{
    QStringView text;
    qsizetype start = 0; // in the trimmed line
};

QList<Token> tokenize(QStringView line)
{
    QList<Token> out;
    qsizetype i = 0;
    while (i < line.size()) {
        while (i < line.size() && line[i].isSpace())
            ++i;
        const qsizetype start = i;
        while (i < line.size() && !line[i].isSpace())
            ++i;
        if (i > start)
            out.append(Token{line.mid(start, i - start), start});
    }
    return out;
}

class Parser
{
public:
    explicit Parser(QList<RuleSetError> *errors)
        : m_errors(errors)
    {
    }

    void statement(int line, QStringView text);
    void finish();

    RiskRuleSet set;

private:
    void error(int line, const char *code, QString message) { m_errors->append({line, QString::fromLatin1(code), std::move(message)}); }
    // True the first time `key` is given; otherwise reports the duplicate.
    bool firstTime(const QString &key, const QString &what, int line);
    QString rest(int index) const { return index < m_tokens.size() ? m_text.mid(m_tokens.at(index).start).trimmed().toString() : QString(); }

    void topStatement(int line);
    void ruleStatement(int line);
    void startRule(int line);
    void closeRule();
    void version(int line);
    void selectionKey(int line);
    void rate(int line);
    void target(int line);
    void list(int line);
    void reference(int line);
    void setCriterion(RiskField field, int line);
    void valueCriterion(int line);
    void unitValueCriterion(int line);
    void channel(int line);
    void sample(int line);
    void resolveLists();
    std::optional<Channel> ruleChannel(QStringView key, int line);

    RiskRule &rule() { return set.rules[m_rule]; }

    QList<RuleSetError> *m_errors;
    QStringView m_text;
    QList<Token> m_tokens;
    qsizetype m_rule = -1; // the rule being read, or -1
    bool m_sawStatement = false;
    int m_lastTargetLine = 0;
    QHash<QString, int> m_seen; // what was given, for duplicates: key -> line
    QHash<QString, QSet<QString>> m_listItems; // each list's items, for duplicates
};

bool Parser::firstTime(const QString &key, const QString &what, int line)
{
    const auto it = m_seen.constFind(key);
    if (it != m_seen.constEnd()) {
        error(line, "duplicate", translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "%1 is already given on line %2.")).arg(what).arg(it.value()));
        return false;
    }
    m_seen.insert(key, line);
    return true;
}

void Parser::statement(int line, QStringView text)
{
    m_text = text;
    m_tokens = tokenize(text);
    const QStringView word = m_tokens.first().text;
    if (!m_sawStatement) {
        m_sawStatement = true;
        if (word != u"version")
            error(line, "version_first", translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "The first statement must be \"version <name>\".")));
    }
    if (m_rule >= 0) {
        if (isRuleStatement(word)) {
            ruleStatement(line);
        } else if (word == u"rule") {
            error(line, "rule_not_ended",
                  translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "Rule %1 (line %2) has no \"end\" before this rule."))
                      .arg(rule().id)
                      .arg(rule().line));
            closeRule();
            startRule(line);
        } else if (isTopStatement(word)) {
            error(line, "inside_rule",
                  translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "\"%1\" cannot stand inside a rule: is the \"end\" of rule %2 (line %3) missing?"))
                      .arg(word)
                      .arg(rule().id)
                      .arg(rule().line));
        } else {
            error(line, "unknown_keyword", translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "Unknown word \"%1\".")).arg(word));
        }
        return;
    }
    if (isTopStatement(word)) {
        topStatement(line);
    } else if (word == u"end") {
        error(line, "end_without_rule", translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "\"end\" without a rule.")));
    } else if (isRuleStatement(word)) {
        error(line, "outside_rule",
              translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "\"%1\" belongs inside a rule (between \"rule\" and \"end\").")).arg(word));
    } else {
        error(line, "unknown_keyword", translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "Unknown word \"%1\".")).arg(word));
    }
}

void Parser::topStatement(int line)
{
    const QStringView word = m_tokens.first().text;
    if (word == u"version")
        version(line);
    else if (word == u"selection-key")
        selectionKey(line);
    else if (word == u"rate")
        rate(line);
    else if (word == u"target")
        target(line);
    else if (word == u"list")
        list(line);
    else if (word == u"reference")
        reference(line);
    else if (word == u"rule")
        startRule(line);
}

void Parser::version(int line)
{
    const QString name = rest(1);
    if (name.isEmpty() || name.size() > 64) {
        error(line, "bad_version", translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "\"version\" needs a name of at most 64 characters.")));
        return;
    }
    if (firstTime(QStringLiteral("version"), QStringLiteral("version"), line))
        set.version = name;
}

void Parser::selectionKey(int line)
{
    const std::optional<QByteArray> key = m_tokens.size() == 2 ? parseHexKey(m_tokens.at(1).text) : std::nullopt;
    if (!key) {
        error(line, "bad_selection_key", translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "\"selection-key\" needs 32 hexadecimal digits.")));
        return;
    }
    if (firstTime(QStringLiteral("selection-key"), QStringLiteral("selection-key"), line))
        set.selectionKey = *key;
}

void Parser::rate(int line)
{
    const qint64 micro = m_tokens.size() == 3 ? parseDecimal(m_tokens.at(2).text, 6).value_or(0) : 0;
    if (micro <= 0 || !isCurrencyCode(m_tokens.at(1).text)) {
        error(line, "bad_rate",
              translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "\"rate\" needs an ISO 4217 currency and the CNY value of one unit of it: rate USD 7.1026.")));
        return;
    }
    const QString currency = m_tokens.at(1).text.toString();
    if (currency == u"CNY") {
        error(line, "bad_rate", translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "CNY needs no rate.")));
        return;
    }
    if (firstTime(QStringLiteral("rate ") + currency, QStringLiteral("rate ") + currency, line))
        set.rates.append({currency, micro, line});
}

void Parser::target(int line)
{
    const std::optional<Channel> lane = m_tokens.size() == 3 ? channelFromKey(m_tokens.at(1).text) : std::nullopt;
    const qint64 ppm = m_tokens.size() == 3 ? parsePercent(m_tokens.at(2).text).value_or(-1) : -1;
    if (!lane || ppm < 0 || ppm > 1000000) {
        error(line, "bad_target", translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "\"target\" needs a channel and a percentage up to 100 %: target red 3%.")));
        return;
    }
    if (firstTime(QStringLiteral("target ") + channelKey(*lane), QStringLiteral("target ") + channelKey(*lane), line)) {
        set.targetPpm[size_t(*lane)] = ppm;
        m_lastTargetLine = line;
    }
}

void Parser::list(int line)
{
    const std::optional<RiskListKind> kind = m_tokens.size() >= 3 ? listKindFromKey(m_tokens.at(2).text) : std::nullopt;
    if (!kind || !isName(m_tokens.at(1).text)) {
        error(line, "bad_list",
              translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "\"list\" needs a name (letters, digits, '-', '_', '.'), a kind (enterprise, hs, country or bill) and items: list high-risk country VN TH.")));
        return;
    }
    const QString name = m_tokens.at(1).text.toString();
    if (name == QLatin1String(kBlacklistName) && *kind != RiskListKind::Enterprise) {
        error(line, "blacklist_kind", translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "The blacklist must be a list of enterprises.")));
        return;
    }
    qsizetype index = -1;
    for (qsizetype i = 0; i < set.lists.size(); ++i) {
        if (set.lists.at(i).name == name)
            index = i;
    }
    if (index < 0) {
        set.lists.append({name, *kind, {}, line});
        index = set.lists.size() - 1;
    } else if (set.lists.at(index).kind != *kind) {
        error(line, "list_kind_changed",
              translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "List \"%1\" was declared a list of %2 on line %3."))
                  .arg(name, listKindLabel(set.lists.at(index).kind))
                  .arg(set.lists.at(index).line));
        return;
    }
    RiskList &target = set.lists[index];
    for (qsizetype i = 3; i < m_tokens.size(); ++i) {
        const QStringView item = m_tokens.at(i).text;
        if (!isListItem(*kind, item)) {
            error(line, "bad_value", badValueMessage(fieldOfListKind(*kind), item));
            continue;
        }
        const QString s = item.toString();
        QSet<QString> &seen = m_listItems[name];
        if (!seen.contains(s)) {
            seen.insert(s);
            target.items.append(s);
        }
    }
}

void Parser::reference(int line)
{
    const bool shape = m_tokens.size() == 5 && m_tokens.at(3).text == u"per" && isHsPrefix(m_tokens.at(1).text);
    const qint64 fen = shape ? parseDecimal(m_tokens.at(2).text, 2).value_or(0) : 0;
    if (fen <= 0) {
        error(line, "bad_reference",
              translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "\"reference\" needs an HS prefix, a unit value in CNY above 0 and a unit: reference 0306 45.00 per 千克.")));
        return;
    }
    const QString prefix = m_tokens.at(1).text.toString();
    const QString unit = m_tokens.at(4).text.toString();
    const QString key = QStringLiteral("reference ") % prefix % QStringLiteral(" per ") % unit;
    if (firstTime(key, key, line))
        set.references.append({prefix, unit, fen, line});
}

void Parser::startRule(int line)
{
    set.rules.append(RiskRule{});
    m_rule = set.rules.size() - 1;
    RiskRule &r = rule();
    r.line = line;
    const QString name = rest(2);
    if (m_tokens.size() < 3 || !isName(m_tokens.at(1).text) || name.isEmpty()) {
        error(line, "bad_rule",
              translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "\"rule\" needs an id (letters, digits, '-', '_', '.') and a name: rule R-001 Frozen shrimp below reference value.")));
        if (m_tokens.size() >= 2)
            r.id = m_tokens.at(1).text.toString();
        return;
    }
    r.id = m_tokens.at(1).text.toString();
    r.name = name;
    firstTime(QStringLiteral("rule ") + r.id, QStringLiteral("rule ") + r.id, line);
}

void Parser::closeRule()
{
    const RiskRule &r = rule();
    if (r.channel == Channel::Unassessed && r.samplePpm == 0) {
        error(r.line, "rule_no_channel",
              translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "Rule %1 gives no channel: add \"channel <yellow|red|blue>\" or \"sample <percent>% <channel>\".")).arg(r.id));
    }
    m_rule = -1;
}

void Parser::ruleStatement(int line)
{
    const QStringView word = m_tokens.first().text;
    if (word == u"end") {
        if (m_tokens.size() > 1)
            error(line, "bad_end", translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "\"end\" stands alone on its line.")));
        closeRule();
    } else if (word == u"channel") {
        channel(line);
    } else if (word == u"sample") {
        sample(line);
    } else if (word == u"instruction") {
        const QString text = rest(1);
        if (text.isEmpty()) {
            error(line, "bad_instruction", translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "\"instruction\" needs text for the examiner.")));
            return;
        }
        RiskRule &r = rule();
        r.instruction = r.instruction.isEmpty() ? text : QString(r.instruction % QLatin1Char('\n') % text);
    } else if (const std::optional<RiskField> field = criterionField(word)) {
        if (*field == RiskField::TotalValue)
            valueCriterion(line);
        else if (*field == RiskField::UnitValue)
            unitValueCriterion(line);
        else
            setCriterion(*field, line);
    }
}

std::optional<Channel> Parser::ruleChannel(QStringView key, int line)
{
    const std::optional<Channel> lane = channelFromKey(key);
    if (!lane) {
        error(line, "bad_channel", translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "Unknown channel \"%1\": use yellow, red or blue.")).arg(key));
        return std::nullopt;
    }
    if (*lane == Channel::Green) {
        error(line, "green_rule",
              translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "A rule cannot give the green channel: green is what a declaration gets when no rule hits.")));
        return std::nullopt;
    }
    return lane;
}

void Parser::channel(int line)
{
    if (m_tokens.size() != 2) {
        error(line, "bad_channel", translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "\"channel\" needs one channel: yellow, red or blue.")));
        return;
    }
    const std::optional<Channel> lane = ruleChannel(m_tokens.at(1).text, line);
    if (lane && firstTime(QStringLiteral("rule#%1 channel").arg(m_rule), QStringLiteral("channel"), line))
        rule().channel = *lane;
}

void Parser::sample(int line)
{
    const qint64 ppm = m_tokens.size() == 3 ? parsePercent(m_tokens.at(1).text).value_or(0) : 0;
    if (ppm <= 0 || ppm > 1000000) {
        error(line, "bad_sample",
              translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "\"sample\" needs a rate above 0 % and at most 100 %, and a channel: sample 3% yellow.")));
        return;
    }
    const std::optional<Channel> lane = ruleChannel(m_tokens.at(2).text, line);
    if (lane && firstTime(QStringLiteral("rule#%1 sample").arg(m_rule), QStringLiteral("sample"), line)) {
        rule().samplePpm = ppm;
        rule().sampleChannel = *lane;
    }
}

void Parser::setCriterion(RiskField field, int line)
{
    RiskCriterion c;
    c.field = field;
    c.line = line;
    qsizetype i = 1;
    if (i < m_tokens.size() && m_tokens.at(i).text == u"not") {
        c.negated = true;
        ++i;
    }
    bool inLists = false;
    if (i < m_tokens.size() && m_tokens.at(i).text == u"in") {
        inLists = true;
        ++i;
    }
    const QStringView word = m_tokens.first().text;
    if (i >= m_tokens.size()) {
        error(line, "missing_values", translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "\"%1\" needs at least one value or \"in <list>\".")).arg(word));
        return;
    }
    if (inLists && !listKindOf(field)) {
        error(line, "no_lists", translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "\"%1\" cannot use a list; lists hold enterprises, HS codes, countries or bills of lading.")).arg(word));
        return;
    }
    bool ok = true;
    for (; i < m_tokens.size(); ++i) {
        const QStringView value = m_tokens.at(i).text;
        if (inLists) {
            c.lists.append(value.toString()); // checked once every list is known
        } else if (isValidValue(field, value)) {
            c.values.append(value.toString());
        } else {
            error(line, "bad_value", badValueMessage(field, value));
            ok = false;
        }
    }
    if (ok)
        rule().criteria.append(c);
}

void Parser::valueCriterion(int line)
{
    RiskCriterion c;
    c.field = RiskField::TotalValue;
    c.line = line;
    bool ok = false;
    if (m_tokens.size() == 5 && m_tokens.at(1).text == u"between" && m_tokens.at(3).text == u"and") {
        const std::optional<qint64> from = parseDecimal(m_tokens.at(2).text, 2);
        const std::optional<qint64> to = parseDecimal(m_tokens.at(4).text, 2);
        if (from && to && *from <= *to) {
            c.comparison = Comparison::Between;
            c.amountFen = *from;
            c.amountFen2 = *to;
            ok = true;
        }
    } else if (m_tokens.size() == 3) {
        const QStringView op = m_tokens.at(1).text;
        const std::optional<qint64> amount = parseDecimal(m_tokens.at(2).text, 2);
        ok = amount.has_value();
        if (op == u"<")
            c.comparison = Comparison::Less;
        else if (op == u"<=")
            c.comparison = Comparison::LessOrEqual;
        else if (op == u">")
            c.comparison = Comparison::Greater;
        else if (op == u">=")
            c.comparison = Comparison::GreaterOrEqual;
        else
            ok = false;
        c.amountFen = amount.value_or(0);
    }
    if (!ok) {
        error(line, "bad_value_range",
              translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "\"value\" needs a comparison and an amount in CNY: value >= 100000, value < 5000.50 or value between 1000 and 5000.")));
        return;
    }
    rule().criteria.append(c);
}

void Parser::unitValueCriterion(int line)
{
    RiskCriterion c;
    c.field = RiskField::UnitValue;
    c.line = line;
    const QStringView how = m_tokens.size() == 3 ? m_tokens.at(1).text : QStringView();
    const qint64 ppm = m_tokens.size() == 3 ? parsePercent(m_tokens.at(2).text).value_or(0) : 0;
    if ((how != u"below" && how != u"above") || ppm <= 0 || ppm > 100000000) {
        error(line, "bad_unit_value",
              translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "\"unit-value\" needs below or above and a percentage of the reference: unit-value below 50%.")));
        return;
    }
    c.comparison = how == u"below" ? Comparison::Less : Comparison::Greater;
    c.percentPpm = ppm;
    rule().criteria.append(c);
}

void Parser::resolveLists()
{
    for (const RiskRule &r : std::as_const(set.rules)) {
        for (const RiskCriterion &c : r.criteria) {
            for (const QString &name : c.lists) {
                const RiskList *l = set.list(name);
                if (!l) {
                    error(c.line, "unknown_list", translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "There is no list named \"%1\".")).arg(name));
                } else if (l->kind != *listKindOf(c.field)) {
                    error(c.line, "list_kind",
                          translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "List \"%1\" holds %2; this criterion needs %3."))
                              .arg(name, listKindLabel(l->kind), listKindLabel(*listKindOf(c.field))));
                }
            }
        }
    }
}

void Parser::finish()
{
    if (!m_sawStatement) {
        error(1, "empty", translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "The rule set is empty: it needs at least a \"version\" line.")));
        return;
    }
    if (m_rule >= 0) {
        // Only the missing end: what else the unfinished rule lacks may be below a lost "end".
        error(rule().line, "rule_no_end", translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "Rule %1 has no \"end\".")).arg(rule().id));
        m_rule = -1;
    }
    for (const RiskList &l : std::as_const(set.lists)) {
        if (l.items.isEmpty())
            error(l.line, "empty_list", translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "List \"%1\" has no items.")).arg(l.name));
    }
    resolveLists();
    qint64 total = 0;
    for (qint64 ppm : set.targetPpm)
        total += qMax<qint64>(ppm, 0);
    if (total > 1000000) {
        error(m_lastTargetLine, "target_sum",
              translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "The lane targets add up to %1 %, more than 100 %.")).arg(double(total) / 10000.0));
    }
    if (set.selectionKey.isEmpty())
        set.selectionKey = defaultSelectionKey();
}

} // namespace

QString channelKey(Channel channel)
{
    switch (channel) {
    case Channel::Unassessed: return QStringLiteral("unassessed");
    case Channel::Green: return QStringLiteral("green");
    case Channel::Yellow: return QStringLiteral("yellow");
    case Channel::Red: return QStringLiteral("red");
    case Channel::Blue: return QStringLiteral("blue");
    }
    return {};
}

std::optional<Channel> channelFromKey(QStringView key)
{
    for (Channel c : {Channel::Green, Channel::Yellow, Channel::Red, Channel::Blue}) {
        if (key == channelKey(c))
            return c;
    }
    return std::nullopt;
}

bool isLineField(RiskField field)
{
    return field == RiskField::HsCode || field == RiskField::Origin || field == RiskField::UnitValue;
}

std::optional<int> riskFieldEnumValue(RiskField field, QStringView key)
{
    switch (field) {
    case RiskField::CreditClass: return enumValue(kCreditKeys, key);
    case RiskField::Transport: return enumValue(kTransportKeys, key);
    case RiskField::Direction: return enumValue(kDirectionKeys, key);
    case RiskField::DeclarationMode: return enumValue(kModeKeys, key);
    default: return std::nullopt;
    }
}

std::optional<RiskListKind> riskListKind(RiskField field) { return listKindOf(field); }

const RiskList *RiskRuleSet::list(const QString &name) const
{
    for (const RiskList &l : lists) {
        if (l.name == name)
            return &l;
    }
    return nullptr;
}

const RiskRule *RiskRuleSet::rule(const QString &id) const
{
    for (const RiskRule &r : rules) {
        if (r.id == id)
            return &r;
    }
    return nullptr;
}

QString RuleSetError::text() const
{
    return translated(QT_TRANSLATE_NOOP("Clearway::Models::RiskRules", "Line %1: %2")).arg(line).arg(message);
}

QByteArray defaultSelectionKey()
{
    // Fixed so that every server and workstation draws alike; a rule set may name its own.
    return QByteArrayLiteral("\x43\x4c\x57\x59\x2d\x72\x69\x73\x6b\x2d\x73\x65\x6c\x65\x63\x74"); // "CLWY-risk-select"
}

std::optional<RiskRuleSet> parseRiskRules(const QString &text, QList<RuleSetError> *errors)
{
    QList<RuleSetError> found;
    Parser parser(&found);
    int number = 0;
    for (QStringView line : QStringView(text).split(u'\n')) {
        ++number;
        const QStringView trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(u'#'))
            continue;
        parser.statement(number, trimmed);
    }
    parser.finish();
    std::stable_sort(found.begin(), found.end(), [](const RuleSetError &a, const RuleSetError &b) { return a.line < b.line; });
    if (errors)
        *errors = found;
    if (!found.isEmpty())
        return std::nullopt;
    return std::move(parser.set);
}

} // namespace Clearway::Models
