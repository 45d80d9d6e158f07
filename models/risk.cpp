#include "models/risk.h"

#include "models/codes.h"

#include <QCoreApplication>
#include <QHash>
#include <QLocale>
#include <QVarLengthArray>
#include <QtEndian>

#include <algorithm>
#include <bitset>
#include <cmath>
#include <limits>
#include <unordered_map>
#include <vector>

namespace Clearway::Models {

namespace {

constexpr const char *kContext = "Clearway::Models::Risk";
QString translated(const char *text) { return QCoreApplication::translate(kContext, text); }

constexpr qint64 kPow10[] = {1LL, 10LL, 100LL, 1000LL, 10000LL, 100000LL, 1000000LL, 10000000LL, 100000000LL, 1000000000LL, 10000000000LL};

// Digits as a number, or -1 when `s` is not 1 to 10 ASCII digits.
qint64 digitsNumber(QStringView s)
{
    if (s.isEmpty() || s.size() > 10)
        return -1;
    qint64 n = 0;
    for (QChar c : s) {
        const char16_t u = c.unicode();
        if (u < u'0' || u > u'9')
            return -1;
        n = n * 10 + (u - u'0');
    }
    return n;
}

// An HS prefix of `length` digits whose value is `prefix`, as one key (length in bits 40..43).
quint64 hsKey(int length, qint64 prefix) { return (quint64(length) << 40) | quint64(prefix); }

// HS codes and prefixes: does a 10-digit code start with one of them?
class HsSet
{
public:
    void add(QStringView prefix)
    {
        m_keys.push_back(hsKey(int(prefix.size()), digitsNumber(prefix)));
        m_lengths |= 1u << prefix.size();
    }
    void finish()
    {
        std::sort(m_keys.begin(), m_keys.end());
        m_keys.erase(std::unique(m_keys.begin(), m_keys.end()), m_keys.end());
    }
    bool contains(qint64 hs) const
    {
        if (hs < 0)
            return false;
        for (int length = 1; length <= 10; ++length) {
            if ((m_lengths & (1u << length)) && std::binary_search(m_keys.begin(), m_keys.end(), hsKey(length, hs / kPow10[10 - length])))
                return true;
        }
        return false;
    }
    const std::vector<quint64> &keys() const { return m_keys; }

private:
    std::vector<quint64> m_keys;
    quint32 m_lengths = 0;
};

class IdSet
{
public:
    void add(int id) { m_ids.push_back(id); }
    void finish()
    {
        std::sort(m_ids.begin(), m_ids.end());
        m_ids.erase(std::unique(m_ids.begin(), m_ids.end()), m_ids.end());
    }
    bool contains(int id) const { return id >= 0 && std::binary_search(m_ids.begin(), m_ids.end(), id); }
    const std::vector<int> &ids() const { return m_ids; }

private:
    std::vector<int> m_ids;
};

using CountrySet = std::bitset<26 * 26>;

struct Criterion
{
    RiskField field = RiskField::HsCode;
    bool negated = false;
    quint32 mask = 0; // enumerated fields: one bit per value
    IdSet ids;        // enterprises and bills (interned ids), trade modes (their number)
    HsSet hs;
    CountrySet countries;
    Comparison comparison = Comparison::Less;
    double a = 0; // TotalValue: CNY fen; UnitValue: the share of the reference
    double b = 0; // TotalValue, Between: the upper bound
};

struct CompiledRule
{
    std::vector<Criterion> declaration; // on the declaration
    std::vector<Criterion> line;        // on one goods line
    bool judgesUnitValue = false;
    Channel channel = Channel::Unassessed;
    double sampleRate = 0; // 0..1
    Channel sampleChannel = Channel::Unassessed;
    QByteArray idUtf8;
};

struct LineFeatures
{
    const GoodsLine *source = nullptr;
    qint64 hs = -1;     // the 10-digit code as a number
    int country = -1;   // countryIndex()
    int unit = -1;      // interned unit of a reference, or -1
    double valueFen = std::numeric_limits<double>::quiet_NaN(); // in CNY; NaN without a rate
    double referenceFen = -2; // -2: not looked up yet; -1: no reference
};

// A declaration as the rules see it, computed once per assessment.
struct Features
{
    int enterprise = -1;
    int bill = -1;
    int tradeMode = -1;
    int credit = 0;
    int transport = 0;
    int direction = 0;
    int mode = 0;
    double totalFen = std::numeric_limits<double>::quiet_NaN();
    bool blacklisted = false;
    QVarLengthArray<LineFeatures, 8> lines;
    // What could not be judged, for the notes.
    bool totalUnconvertible = false;
    bool lineUnconvertible = false;
};

quint64 rotl(quint64 x, int b) { return (x << b) | (x >> (64 - b)); }

// A 53-bit-uniform draw in [0, 1) from SipHash of `entry` 0x1F `ruleId`, without allocating.
double draw(const QByteArray &key, const QVarLengthArray<char, 64> &entry, const QByteArray &ruleId)
{
    QVarLengthArray<char, 128> message;
    message.append(entry.constData(), entry.size());
    message.append('\x1f');
    message.append(ruleId.constData(), ruleId.size());
    const quint64 h = sipHash24(key, message.constData(), size_t(message.size()));
    return double(h >> 11) * (1.0 / 9007199254740992.0);
}

void utf8Of(QStringView s, QVarLengthArray<char, 64> *out)
{
    out->clear();
    for (QChar c : s) {
        if (c.unicode() >= 0x80) { // rare: not an entry number; take the general path
            const QByteArray bytes = s.toUtf8();
            out->clear();
            out->append(bytes.constData(), bytes.size());
            return;
        }
        out->append(char(c.unicode()));
    }
}

QString percentText(double share)
{
    return QLocale().toString(share * 100.0, 'f', share * 100.0 >= 10 ? 0 : 1);
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Channels

int channelSeverity(Channel channel)
{
    switch (channel) {
    case Channel::Unassessed: return 0;
    case Channel::Green: return 1;
    case Channel::Blue: return 2;
    case Channel::Yellow: return 3;
    case Channel::Red: return 4;
    }
    return 0;
}

Channel stricterChannel(Channel a, Channel b) { return channelSeverity(b) > channelSeverity(a) ? b : a; }

// ---------------------------------------------------------------------------------------------
// Random selection

quint64 sipHash24(const QByteArray &key, const char *data, size_t size)
{
    Q_ASSERT(key.size() == 16);
    const quint64 k0 = qFromLittleEndian<quint64>(key.constData());
    const quint64 k1 = qFromLittleEndian<quint64>(key.constData() + 8);
    quint64 v0 = 0x736f6d6570736575ULL ^ k0;
    quint64 v1 = 0x646f72616e646f6dULL ^ k1;
    quint64 v2 = 0x6c7967656e657261ULL ^ k0;
    quint64 v3 = 0x7465646279746573ULL ^ k1;
    auto round = [&] {
        v0 += v1; v1 = rotl(v1, 13); v1 ^= v0; v0 = rotl(v0, 32);
        v2 += v3; v3 = rotl(v3, 16); v3 ^= v2;
        v0 += v3; v3 = rotl(v3, 21); v3 ^= v0;
        v2 += v1; v1 = rotl(v1, 17); v1 ^= v2; v2 = rotl(v2, 32);
    };
    const size_t whole = size - size % 8;
    for (size_t i = 0; i < whole; i += 8) {
        const quint64 m = qFromLittleEndian<quint64>(data + i);
        v3 ^= m;
        round();
        round();
        v0 ^= m;
    }
    quint64 last = quint64(size) << 56;
    for (size_t i = 0; i < size % 8; ++i)
        last |= quint64(uchar(data[whole + i])) << (8 * i);
    v3 ^= last;
    round();
    round();
    v0 ^= last;
    v2 ^= 0xff;
    round();
    round();
    round();
    round();
    return v0 ^ v1 ^ v2 ^ v3;
}

double selectionDraw(const QByteArray &key, QStringView entryNo, QStringView ruleId)
{
    QVarLengthArray<char, 64> entry;
    utf8Of(entryNo, &entry);
    return draw(key, entry, ruleId.toUtf8());
}

// ---------------------------------------------------------------------------------------------
// The compiled rule set

struct RiskEngine::Data
{
    RiskRuleSet set;
    std::vector<CompiledRule> rules; // in rule-set order
    QHash<QString, int> enterpriseIds;
    QHash<QString, int> billIds;
    QHash<QString, int> unitIds;
    QHash<QString, double> fenPerMinorUnit; // per currency: CNY fen for one minor unit
    IdSet blacklist;
    std::unordered_map<quint64, double> references; // (unit << 44 | hsKey) -> CNY fen per unit
    quint32 referenceLengths = 0;
    // The index: which rules a declaration can meet.
    std::unordered_map<quint64, std::vector<int>> byHs; // hsKey -> rules
    quint32 hsLengths = 0;
    std::vector<std::vector<int>> byCountry = std::vector<std::vector<int>>(26 * 26);
    std::unordered_map<int, std::vector<int>> byTradeMode;
    std::vector<int> unindexed;

    explicit Data(const RiskRuleSet &ruleSet);
    int intern(QHash<QString, int> *ids, const QString &value) const;
    Criterion compile(const RiskCriterion &c);
    void index(const CompiledRule &rule, int number);
    void features(const Declaration &d, Features *f) const;
    double referenceFen(LineFeatures *line) const;
    bool holds(const Criterion &c, Features *f, LineFeatures *line) const;
};

int RiskEngine::Data::intern(QHash<QString, int> *ids, const QString &value) const
{
    const auto it = ids->constFind(value);
    if (it != ids->constEnd())
        return it.value();
    const int id = int(ids->size());
    ids->insert(value, id);
    return id;
}

Criterion RiskEngine::Data::compile(const RiskCriterion &c)
{
    Criterion out;
    out.field = c.field;
    out.negated = c.negated;
    QStringList values = c.values;
    for (const QString &name : c.lists) {
        if (const RiskList *l = set.list(name))
            values += l->items;
    }
    switch (c.field) {
    case RiskField::HsCode:
        for (const QString &v : std::as_const(values))
            out.hs.add(v);
        out.hs.finish();
        break;
    case RiskField::Origin:
        for (const QString &v : std::as_const(values))
            out.countries.set(size_t(countryIndex(v)));
        break;
    case RiskField::Enterprise:
        for (const QString &v : std::as_const(values))
            out.ids.add(intern(&enterpriseIds, v));
        out.ids.finish();
        break;
    case RiskField::BillOfLading:
        for (const QString &v : std::as_const(values))
            out.ids.add(intern(&billIds, v));
        out.ids.finish();
        break;
    case RiskField::TradeMode:
        for (const QString &v : std::as_const(values))
            out.ids.add(int(digitsNumber(v)));
        out.ids.finish();
        break;
    case RiskField::CreditClass:
    case RiskField::Transport:
    case RiskField::Direction:
    case RiskField::DeclarationMode:
        for (const QString &v : std::as_const(values))
            out.mask |= 1u << riskFieldEnumValue(c.field, v).value_or(0);
        break;
    case RiskField::TotalValue:
        out.comparison = c.comparison;
        out.a = double(c.amountFen);
        out.b = double(c.amountFen2);
        break;
    case RiskField::UnitValue:
        out.comparison = c.comparison;
        out.a = double(c.percentPpm) / 1e6;
        break;
    }
    return out;
}

void RiskEngine::Data::index(const CompiledRule &rule, int number)
{
    // By the most selective criterion a declaration must meet positively: an HS code or prefix,
    // else an origin, else a trade mode; rules with none of these are tried for every declaration.
    auto find = [](const std::vector<Criterion> &criteria, RiskField field) -> const Criterion * {
        for (const Criterion &c : criteria) {
            if (c.field == field && !c.negated)
                return &c;
        }
        return nullptr;
    };
    if (const Criterion *hs = find(rule.line, RiskField::HsCode)) {
        for (quint64 key : hs->hs.keys()) {
            byHs[key].push_back(number);
            hsLengths |= 1u << (key >> 40);
        }
    } else if (const Criterion *origin = find(rule.line, RiskField::Origin)) {
        for (size_t country = 0; country < origin->countries.size(); ++country) {
            if (origin->countries.test(country))
                byCountry[country].push_back(number);
        }
    } else if (const Criterion *mode = find(rule.declaration, RiskField::TradeMode)) {
        for (int code : mode->ids.ids())
            byTradeMode[code].push_back(number);
    } else {
        unindexed.push_back(number);
    }
}

RiskEngine::Data::Data(const RiskRuleSet &ruleSet)
    : set(ruleSet)
{
    if (set.selectionKey.size() != 16)
        set.selectionKey = defaultSelectionKey();
    fenPerMinorUnit.insert(QStringLiteral("CNY"), 1.0);
    for (const ExchangeRate &r : std::as_const(set.rates))
        fenPerMinorUnit.insert(r.currency, double(r.microCnyPerUnit) / 1e4 / double(kPow10[currencyMinorDigits(r.currency)]));
    for (const UnitValueReference &r : std::as_const(set.references)) {
        const int unit = intern(&unitIds, r.unit);
        references[(quint64(unit) << 44) | hsKey(int(r.hsPrefix.size()), digitsNumber(r.hsPrefix))] = double(r.fenPerUnit);
        referenceLengths |= 1u << r.hsPrefix.size();
    }
    if (const RiskList *black = set.list(QString::fromLatin1(kBlacklistName))) {
        for (const QString &code : black->items)
            blacklist.add(intern(&enterpriseIds, code));
        blacklist.finish();
    }
    rules.reserve(size_t(set.rules.size()));
    for (const RiskRule &rule : std::as_const(set.rules)) {
        CompiledRule compiled;
        for (const RiskCriterion &c : rule.criteria) {
            (isLineField(c.field) ? compiled.line : compiled.declaration).push_back(compile(c));
            compiled.judgesUnitValue = compiled.judgesUnitValue || c.field == RiskField::UnitValue;
        }
        compiled.channel = rule.channel;
        compiled.sampleRate = double(rule.samplePpm) / 1e6;
        compiled.sampleChannel = rule.sampleChannel;
        compiled.idUtf8 = rule.id.toUtf8();
        index(compiled, int(rules.size()));
        rules.push_back(std::move(compiled));
    }
}

void RiskEngine::Data::features(const Declaration &d, Features *f) const
{
    f->enterprise = enterpriseIds.value(d.enterprise.code, -1);
    f->blacklisted = blacklist.contains(f->enterprise);
    f->bill = billIds.value(d.billNo, -1);
    f->tradeMode = d.tradeMode.size() == 4 ? int(digitsNumber(d.tradeMode)) : -1;
    f->credit = int(d.enterprise.credit);
    f->transport = int(d.transport);
    f->direction = int(d.direction);
    f->mode = int(d.mode);
    const auto rate = fenPerMinorUnit.constFind(d.currency);
    if (rate != fenPerMinorUnit.constEnd())
        f->totalFen = double(d.totalValue) * rate.value();
    f->lines.resize(d.goods.size());
    for (qsizetype i = 0; i < d.goods.size(); ++i) {
        const GoodsLine &g = d.goods.at(i);
        LineFeatures &l = f->lines[i];
        l.source = &g;
        l.hs = g.hsCode.size() == 10 ? digitsNumber(g.hsCode) : -1;
        l.country = countryIndex(g.origin);
        l.unit = unitIds.value(g.unit, -1);
        const auto lineRate = g.currency == d.currency ? rate : fenPerMinorUnit.constFind(g.currency);
        if (lineRate != fenPerMinorUnit.constEnd())
            l.valueFen = double(g.value) * lineRate.value();
    }
}

double RiskEngine::Data::referenceFen(LineFeatures *line) const
{
    if (line->referenceFen > -2)
        return line->referenceFen;
    line->referenceFen = -1;
    if (line->hs >= 0 && line->unit >= 0) {
        for (int length = 10; length >= 1; --length) { // the longest prefix with a reference
            if (!(referenceLengths & (1u << length)))
                continue;
            const auto it = references.find((quint64(line->unit) << 44) | hsKey(length, line->hs / kPow10[10 - length]));
            if (it != references.end()) {
                line->referenceFen = it->second;
                break;
            }
        }
    }
    return line->referenceFen;
}

bool RiskEngine::Data::holds(const Criterion &c, Features *f, LineFeatures *line) const
{
    bool in = false;
    switch (c.field) {
    case RiskField::HsCode: in = c.hs.contains(line->hs); break;
    case RiskField::Origin: in = line->country >= 0 && c.countries.test(size_t(line->country)); break;
    case RiskField::Enterprise: in = c.ids.contains(f->enterprise); break;
    case RiskField::BillOfLading: in = c.ids.contains(f->bill); break;
    case RiskField::TradeMode: in = c.ids.contains(f->tradeMode); break;
    case RiskField::CreditClass: in = f->credit >= 0 && f->credit < 32 && (c.mask & (1u << f->credit)); break;
    case RiskField::Transport: in = f->transport >= 0 && f->transport < 32 && (c.mask & (1u << f->transport)); break;
    case RiskField::Direction: in = f->direction >= 0 && f->direction < 32 && (c.mask & (1u << f->direction)); break;
    case RiskField::DeclarationMode: in = f->mode >= 0 && f->mode < 32 && (c.mask & (1u << f->mode)); break;
    case RiskField::TotalValue: {
        if (std::isnan(f->totalFen)) {
            f->totalUnconvertible = true;
            return false;
        }
        const double v = f->totalFen;
        switch (c.comparison) {
        case Comparison::Less: return v < c.a;
        case Comparison::LessOrEqual: return v <= c.a;
        case Comparison::Greater: return v > c.a;
        case Comparison::GreaterOrEqual: return v >= c.a;
        case Comparison::Between: return v >= c.a && v <= c.b;
        }
        return false;
    }
    case RiskField::UnitValue: {
        const double reference = referenceFen(line);
        const double quantity = line->source->quantity;
        if (reference <= 0 || !(quantity > 0))
            return false;
        if (std::isnan(line->valueFen)) {
            f->lineUnconvertible = true;
            return false;
        }
        const double unitValue = line->valueFen / quantity;
        return c.comparison == Comparison::Less ? unitValue < c.a * reference : unitValue > c.a * reference;
    }
    }
    return in != c.negated;
}

// ---------------------------------------------------------------------------------------------
// RiskEngine

RiskEngine::RiskEngine()
    : RiskEngine(RiskRuleSet{})
{
}

RiskEngine::RiskEngine(const RiskRuleSet &rules)
    : d(std::make_shared<const Data>(rules))
{
}

RiskEngine::~RiskEngine() = default;

std::optional<RiskEngine> RiskEngine::fromText(const QString &text, QList<RuleSetError> *errors)
{
    const std::optional<RiskRuleSet> set = parseRiskRules(text, errors);
    if (!set)
        return std::nullopt;
    return RiskEngine(*set);
}

const RiskRuleSet &RiskEngine::ruleSet() const { return d->set; }

RiskAssessment RiskEngine::assess(const Declaration &declaration, Candidates candidates) const
{
    const Data &data = *d;
    RiskAssessment out;
    out.ruleSetVersion = data.set.version;
    Features f;
    data.features(declaration, &f);

    auto add = [&out](RiskHit hit) {
        out.channel = stricterChannel(out.channel, hit.channel);
        out.hits.append(std::move(hit));
    };
    if (declaration.enterprise.credit == CreditClass::Dishonest) {
        RiskHit hit;
        hit.kind = RiskHitKind::DishonestCredit;
        hit.enterpriseCode = declaration.enterprise.code;
        add(std::move(hit));
    }
    if (f.blacklisted) {
        RiskHit hit;
        hit.kind = RiskHitKind::Blacklist;
        hit.enterpriseCode = declaration.enterprise.code;
        add(std::move(hit));
    }

    QVarLengthArray<int, 256> chosen;
    if (candidates == Candidates::AllRules) {
        for (size_t i = 0; i < data.rules.size(); ++i)
            chosen.append(int(i));
    } else {
        auto take = [&chosen](const std::vector<int> &rules) { chosen.append(rules.data(), qsizetype(rules.size())); };
        take(data.unindexed);
        for (const LineFeatures &l : std::as_const(f.lines)) {
            if (l.hs >= 0) {
                for (int length = 1; length <= 10; ++length) {
                    if (!(data.hsLengths & (1u << length)))
                        continue;
                    const auto it = data.byHs.find(hsKey(length, l.hs / kPow10[10 - length]));
                    if (it != data.byHs.end())
                        take(it->second);
                }
            }
            if (l.country >= 0)
                take(data.byCountry[size_t(l.country)]);
        }
        if (f.tradeMode >= 0) {
            const auto it = data.byTradeMode.find(f.tradeMode);
            if (it != data.byTradeMode.end())
                take(it->second);
        }
        std::sort(chosen.begin(), chosen.end());
        chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
    }

    QVarLengthArray<char, 64> entry;
    bool entryReady = false;
    for (int number : chosen) {
        const CompiledRule &rule = data.rules[size_t(number)];
        bool ok = true;
        for (const Criterion &c : rule.declaration) {
            if (!data.holds(c, &f, nullptr)) {
                ok = false;
                break;
            }
        }
        if (!ok)
            continue;
        LineFeatures *matched = nullptr;
        if (!rule.line.empty()) {
            for (LineFeatures &l : f.lines) {
                const bool all = std::all_of(rule.line.begin(), rule.line.end(), [&](const Criterion &c) { return data.holds(c, &f, &l); });
                if (all) {
                    matched = &l;
                    break;
                }
            }
            if (!matched)
                continue;
        }
        const RiskRule &source = data.set.rules.at(number);
        RiskHit hit;
        hit.ruleId = source.id;
        hit.ruleName = source.name;
        hit.instruction = source.instruction;
        if (matched) {
            hit.goodsLine = matched->source->lineNo;
            if (rule.judgesUnitValue) {
                hit.unitValueFen = matched->valueFen / matched->source->quantity;
                hit.referenceFen = matched->referenceFen;
                hit.unit = matched->source->unit;
            }
        }
        if (rule.channel != Channel::Unassessed) {
            hit.kind = RiskHitKind::Rule;
            hit.channel = rule.channel;
            add(hit);
        }
        if (rule.sampleRate > 0) {
            if (!entryReady) {
                utf8Of(declaration.entryNo, &entry);
                entryReady = true;
            }
            const double u = draw(data.set.selectionKey, entry, rule.idUtf8);
            if (u < rule.sampleRate) {
                hit.kind = RiskHitKind::RandomSelection;
                hit.channel = rule.sampleChannel;
                hit.samplePpm = source.samplePpm;
                hit.draw = u;
                add(std::move(hit));
            }
        }
    }

    if (f.totalUnconvertible) {
        out.notes << translated(QT_TRANSLATE_NOOP("Clearway::Models::Risk", "Rule set %1 has no exchange rate for %2: rules on the declared total value were not applied."))
                         .arg(data.set.version, declaration.currency);
    }
    if (f.lineUnconvertible) {
        out.notes << translated(QT_TRANSLATE_NOOP("Clearway::Models::Risk", "Rule set %1 has no exchange rate for a goods line's currency: rules on the unit value were not applied to it."))
                         .arg(data.set.version);
    }
    return out;
}

QString riskHitText(const RiskHit &hit)
{
    QString text;
    switch (hit.kind) {
    case RiskHitKind::DishonestCredit:
        return translated(QT_TRANSLATE_NOOP("Clearway::Models::Risk", "Enterprise %1 has dishonest credit: the red channel, whatever the rules say."))
            .arg(hit.enterpriseCode);
    case RiskHitKind::Blacklist:
        return translated(QT_TRANSLATE_NOOP("Clearway::Models::Risk", "Enterprise %1 is on the blacklist: the red channel, whatever the rules say."))
            .arg(hit.enterpriseCode);
    case RiskHitKind::Rule:
        text = translated(QT_TRANSLATE_NOOP("Clearway::Models::Risk", "Rule %1 (%2): %3 channel."))
                   .arg(hit.ruleId, hit.ruleName, channelLabel(hit.channel));
        break;
    case RiskHitKind::RandomSelection:
        text = translated(QT_TRANSLATE_NOOP("Clearway::Models::Risk", "Random selection by rule %1 (%2): %3 % of the declarations it covers get at least the %4 channel, and this one was drawn."))
                   .arg(hit.ruleId, hit.ruleName, percentText(double(hit.samplePpm) / 1e6), channelLabel(hit.channel));
        break;
    }
    if (hit.goodsLine > 0)
        text += QLatin1Char(' ') + translated(QT_TRANSLATE_NOOP("Clearway::Models::Risk", "Goods line %1.")).arg(hit.goodsLine);
    if (hit.referenceFen > 0) {
        text += QLatin1Char(' ')
            + translated(QT_TRANSLATE_NOOP("Clearway::Models::Risk", "Its unit value, %1 per %2, is %3 % of the reference %4."))
                  .arg(formatMoney(qRound64(hit.unitValueFen), QStringLiteral("CNY")), hit.unit,
                       percentText(hit.unitValueFen / hit.referenceFen), formatMoney(qRound64(hit.referenceFen), QStringLiteral("CNY")));
    }
    if (!hit.instruction.isEmpty())
        text += QLatin1Char(' ') + translated(QT_TRANSLATE_NOOP("Clearway::Models::Risk", "Instruction: %1")).arg(hit.instruction);
    return text;
}

QString riskHitKindKey(RiskHitKind kind)
{
    switch (kind) {
    case RiskHitKind::DishonestCredit: return QStringLiteral("dishonest_credit");
    case RiskHitKind::Blacklist: return QStringLiteral("blacklist");
    case RiskHitKind::Rule: return QStringLiteral("rule");
    case RiskHitKind::RandomSelection: return QStringLiteral("random_selection");
    }
    return {};
}

std::optional<RiskHitKind> riskHitKindFromKey(QStringView key)
{
    for (RiskHitKind kind : {RiskHitKind::DishonestCredit, RiskHitKind::Blacklist, RiskHitKind::Rule, RiskHitKind::RandomSelection}) {
        if (key == riskHitKindKey(kind))
            return kind;
    }
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Dry run and re-routing

DryRunReport dryRun(const RiskEngine &candidate, const QList<Declaration> &past)
{
    DryRunReport report;
    report.version = candidate.ruleSet().version;
    report.targetPpm = candidate.ruleSet().targetPpm;
    report.total = int(past.size());
    // A lane read from storage that is none of the five counts as not assessed.
    auto lane = [](Channel c) { return int(c) >= 0 && int(c) < 5 ? size_t(c) : size_t(Channel::Unassessed); };
    for (const Declaration &d : past) {
        const RiskAssessment a = candidate.assess(d);
        ++report.before[lane(d.channel)];
        ++report.after[lane(a.channel)];
        if (a.channel != d.channel) {
            ++report.changed;
            report.changes.append({d.id, d.entryNo, d.channel, a.channel, a.hits});
        }
    }
    return report;
}

bool isMandatoryRed(const RiskAssessment &assessment)
{
    for (const RiskHit &hit : assessment.hits) {
        if (hit.kind == RiskHitKind::DishonestCredit || hit.kind == RiskHitKind::Blacklist)
            return true;
    }
    return false;
}

RerouteDecision checkReroute(const Officer &actor, const QStringList &permissions, Channel from, Channel to, const QString &reason,
                             bool mandatoryRed)
{
    auto decision = [](bool accepted, const char *code, QString message) {
        return RerouteDecision{accepted, QString::fromLatin1(code), std::move(message)};
    };
    if (!actor.hasRole(Role::Supervisor) && !permissions.contains(QLatin1String(kReroutePermission)))
        return decision(false, "permission", translated(QT_TRANSLATE_NOOP("Clearway::Models::Risk", "Only a supervisor or an officer with the re-routing permission may change a channel.")));
    if (to == Channel::Unassessed)
        return decision(false, "bad_channel", translated(QT_TRANSLATE_NOOP("Clearway::Models::Risk", "Choose the green, yellow, red or blue channel.")));
    if (to == from)
        return decision(false, "same_channel", translated(QT_TRANSLATE_NOOP("Clearway::Models::Risk", "The declaration is already in the %1 channel.")).arg(channelLabel(to)));
    if (mandatoryRed && to != Channel::Red)
        return decision(false, "mandatory_red", translated(QT_TRANSLATE_NOOP("Clearway::Models::Risk", "The enterprise is dishonest or on the blacklist: its declarations stay in the red channel.")));
    if (reason.trimmed().isEmpty())
        return decision(false, "reason_required", translated(QT_TRANSLATE_NOOP("Clearway::Models::Risk", "Changing a channel needs a reason; it is recorded.")));
    return decision(true, "ok", QString());
}

} // namespace Clearway::Models
