// The risk engine (models/risk.h) and its rule format (models/riskrules.h): channels computed for
// declarations written out by hand, the mandatory red, reasons, random selection (a SipHash
// known-answer test, determinism, the rate over 100,000 entry numbers), parse errors with their
// lines, the index agreeing with trying every rule, dry runs and re-routing.
#include "models/risk.h"
#include "tests/common/teststrings.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>

#include <cmath>

using namespace Clearway::Models;

Q_DECLARE_METATYPE(Clearway::Models::Declaration)

namespace {

QString str(const char *s) { return QString::fromUtf8(s); }

using Clearway::Test::strings;

// The rules most cases run against. Each rule looks at different fields, so that a case can say
// which ones it meets.
const char *const kRules = R"(# rules for tst_risk
version test-7
rate USD 7.0
rate JPY 0.05
target red 5%
target yellow 15%

list blacklist enterprise 91440300MA5BLACK01
list negative hs 9301 0106
list high-risk country VN EC
list watched enterprise 91440300MA5WATCH01
list bills bill COSU1234567
reference 0306 40.00 per 千克
reference 030617 50.00 per 千克

rule R-NEG Negative-list goods
  hs in negative
  channel red
  instruction Hold the goods and ask for the licence.
end

rule R-SHRIMP Frozen shrimp from high-risk origins
  hs 0306
  origin in high-risk
  channel yellow
  instruction Check the certificate of origin.
end

rule R-UV Shrimp far below the reference value
  hs 0306
  unit-value below 50%
  channel red
  instruction Weigh the cartons;
  instruction compare with the invoice.
end

rule R-WATCH Watched enterprises
  enterprise in watched
  channel yellow
end

rule R-BILL Watched bills of lading
  bill in bills
  channel red
end

rule R-BIG Large general-trade imports by general-credit firms
  trade-mode 0110
  credit general
  direction import
  value >= 1000000
  channel blue
end

rule R-AIR Air cargo not from Japan
  transport air
  origin not JP
  channel blue
end

rule R-TWO Two-step declarations by firms without AEO status
  mode two-step
  credit general general-certified
  channel yellow
end
)";

RiskEngine engine(const QString &text)
{
    QList<RuleSetError> errors;
    const std::optional<RiskEngine> e = RiskEngine::fromText(text, &errors);
    if (!e) {
        for (const RuleSetError &err : std::as_const(errors))
            qWarning("%s", qPrintable(err.text()));
        qFatal("the test's rule set does not parse");
    }
    return *e;
}

const RiskEngine &baseEngine()
{
    static const RiskEngine e = engine(str(kRules));
    return e;
}

GoodsLine goods(const char *hs, const char *origin, double quantity, const char *unit, qint64 value, const char *currency = "CNY")
{
    GoodsLine g;
    g.hsCode = str(hs);
    g.origin = str(origin);
    g.quantity = quantity;
    g.unit = str(unit);
    g.value = value;
    g.currency = str(currency);
    return g;
}

// A declaration that meets none of kRules: laptops from the US, general trade, by sea, a
// general-certified enterprise.
Declaration clean()
{
    Declaration d;
    d.id = 1;
    d.entryNo = QStringLiteral("514120261000000001");
    d.district = QStringLiteral("5141");
    d.tradeMode = QStringLiteral("0110");
    d.billNo = QStringLiteral("MSCU0000001");
    d.enterprise = Enterprise{7, QStringLiteral("91440300MA5GREEN01"), QStringLiteral("广州市华南进出口贸易有限公司"), CreditClass::GeneralCertified};
    d.currency = QStringLiteral("CNY");
    d.goods = {goods("8471300000", "US", 10, "台", 6500000)};
    d.totalValue = 6500000;
    return d;
}

// Goods replaced, lines numbered, the total the sum of the lines, in the lines' currency.
Declaration withGoods(Declaration d, QList<GoodsLine> lines)
{
    d.goods = std::move(lines);
    d.totalValue = 0;
    for (qsizetype i = 0; i < d.goods.size(); ++i) {
        d.goods[i].lineNo = int(i + 1);
        d.totalValue += d.goods.at(i).value;
    }
    if (!d.goods.isEmpty())
        d.currency = d.goods.first().currency;
    return d;
}

template <typename F>
Declaration cleanWith(F change)
{
    Declaration d = clean();
    change(d);
    return d;
}

// The hits as short keys: the rule id, "sample:<id>", "credit" or "blacklist".
QStringList hitKeys(const RiskAssessment &a)
{
    QStringList out;
    for (const RiskHit &h : a.hits) {
        switch (h.kind) {
        case RiskHitKind::DishonestCredit: out << QStringLiteral("credit"); break;
        case RiskHitKind::Blacklist: out << QStringLiteral("blacklist"); break;
        case RiskHitKind::Rule: out << h.ruleId; break;
        case RiskHitKind::RandomSelection: out << QStringLiteral("sample:") + h.ruleId; break;
        }
    }
    return out;
}

QString entryNumber(int serial) { return QStringLiteral("51412026%1").arg(serial, 10, 10, QLatin1Char('0')); }

// A small deterministic generator (SplitMix64) for the synthetic cases.
class Random
{
public:
    explicit Random(quint64 seed)
        : m_state(seed)
    {
    }
    quint64 next()
    {
        quint64 z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    int below(int n) { return int(next() % quint64(n)); }
    template <typename T>
    const T &pick(const QList<T> &items) { return items.at(below(int(items.size()))); }

private:
    quint64 m_state;
};

} // namespace

class TestRisk final : public QObject
{
    Q_OBJECT

private slots:
    void channelOrder();

    void channels_data();
    void channels();
    void mandatoryRed_data();
    void mandatoryRed();
    void reasons();
    void unitValueReason();
    void missingExchangeRateIsNoted();

    void sipHashKnownAnswers_data();
    void sipHashKnownAnswers();
    void selectionIsDeterministic();
    void selectionRate_data();
    void selectionRate();
    void selectionsOfTwoRulesAreIndependent();
    void selectionOnlyAmongMatchingDeclarations();
    void ruleChannelAndSelectionTogether();
    void selectionKeyChangesTheDraw();

    void parseErrors_data();
    void parseErrors();
    void parseCollectsEveryError();
    void parsedRuleSet();
    void documentedExampleParses();
    void refusedTextLeavesThePublishedSet();

    void indexedAgreesWithEveryRule();

    void dryRun();

    void reroute_data();
    void reroute();
};

void TestRisk::channelOrder()
{
    // red > yellow > blue > green > unassessed: blue releases the goods (with an audit after), so
    // it is milder than a document review before release.
    const QList<Channel> order = {Channel::Unassessed, Channel::Green, Channel::Blue, Channel::Yellow, Channel::Red};
    for (qsizetype i = 0; i < order.size(); ++i) {
        for (qsizetype j = 0; j < order.size(); ++j) {
            const Channel expected = order.at(qMax(i, j));
            QCOMPARE(stricterChannel(order.at(i), order.at(j)), expected);
            QCOMPARE(channelSeverity(order.at(i)) < channelSeverity(order.at(j)), i < j);
        }
    }
}

void TestRisk::channels_data()
{
    QTest::addColumn<Declaration>("declaration");
    QTest::addColumn<Channel>("channel");
    QTest::addColumn<QStringList>("hits");

    const Declaration c = clean();
    auto shrimp = [&](const char *hs, const char *origin, qint64 fenPerKg, const char *currency = "CNY") {
        return withGoods(c, {goods(hs, origin, 100, "千克", fenPerKg * 100, currency)});
    };

    QTest::newRow("nothing hits: green") << c << Channel::Green << QStringList();
    QTest::newRow("negative list by 4-digit prefix") << withGoods(c, {goods("9301100000", "DE", 1, "支", 900000)}) << Channel::Red << strings({"R-NEG"});
    QTest::newRow("negative list, another prefix") << withGoods(c, {goods("0106110000", "TH", 2, "只", 50000)}) << Channel::Red << strings({"R-NEG"});
    QTest::newRow("negative list on the second line") << withGoods(c, {goods("8471300000", "US", 1, "台", 650000), goods("9301100000", "DE", 1, "支", 900000)})
                                                      << Channel::Red << strings({"R-NEG"});
    QTest::newRow("similar HS code, not listed") << withGoods(c, {goods("9310000000", "DE", 1, "个", 10000)}) << Channel::Green << QStringList();

    // Shrimp: origin list and the unit value against the reference (longest prefix: 030617 -> 50.00).
    QTest::newRow("shrimp from VN at the reference") << shrimp("0306170000", "VN", 5000) << Channel::Yellow << strings({"R-SHRIMP"});
    QTest::newRow("shrimp from EC") << shrimp("0306170000", "EC", 4000) << Channel::Yellow << strings({"R-SHRIMP"});
    QTest::newRow("shrimp from VN at 40 %: yellow and red, red wins") << shrimp("0306170000", "VN", 2000) << Channel::Red << strings({"R-SHRIMP", "R-UV"});
    QTest::newRow("shrimp from US at exactly 50 %: not below") << shrimp("0306170000", "US", 2500) << Channel::Green << QStringList();
    QTest::newRow("shrimp from US at 49.98 %") << shrimp("0306170000", "US", 2499) << Channel::Red << strings({"R-UV"});
    QTest::newRow("other shrimp: reference 40.00, at 50 %") << shrimp("0306190000", "US", 2000) << Channel::Green << QStringList();
    QTest::newRow("other shrimp: reference 40.00, below 50 %") << shrimp("0306190000", "US", 1999) << Channel::Red << strings({"R-UV"});
    QTest::newRow("shrimp in USD: 3.00 USD = 21 CNY/kg, 42 %") << shrimp("0306170000", "US", 300, "USD") << Channel::Red << strings({"R-UV"});
    QTest::newRow("shrimp in USD: 3.58 USD = 25.06 CNY/kg") << shrimp("0306170000", "US", 358, "USD") << Channel::Green << QStringList();
    QTest::newRow("shrimp in another unit: no reference") << withGoods(c, {goods("0306170000", "US", 100, "箱", 100)}) << Channel::Green << QStringList();
    QTest::newRow("line criteria on one line only: shrimp from US, laptops from VN")
        << withGoods(c, {goods("0306170000", "US", 100, "千克", 500000), goods("8471300000", "VN", 1, "台", 650000)}) << Channel::Green << QStringList();

    // Declaration-level lists.
    QTest::newRow("watched enterprise") << cleanWith([](Declaration &d) { d.enterprise.code = QStringLiteral("91440300MA5WATCH01"); })
                                        << Channel::Yellow << strings({"R-WATCH"});
    QTest::newRow("watched bill of lading") << cleanWith([](Declaration &d) { d.billNo = QStringLiteral("COSU1234567"); }) << Channel::Red << strings({"R-BILL"});

    // Value, credit, direction and trade mode together (R-BIG).
    auto big = [&](qint64 fen, const char *currency = "CNY") {
        Declaration d = withGoods(c, {goods("8471300000", "US", 100, "台", fen, currency)});
        d.enterprise.credit = CreditClass::General;
        return d;
    };
    QTest::newRow("1,000,000.00 CNY general trade, general credit") << big(100000000) << Channel::Blue << strings({"R-BIG"});
    QTest::newRow("999,999.99 CNY") << big(99999999) << Channel::Green << QStringList();
    QTest::newRow("142,857.15 USD = 1,000,000.05 CNY") << big(14285715, "USD") << Channel::Blue << strings({"R-BIG"});
    QTest::newRow("142,857.14 USD = 999,999.98 CNY") << big(14285714, "USD") << Channel::Green << QStringList();
    QTest::newRow("big but general certified") << cleanWith([](Declaration &d) { d.totalValue = d.goods[0].value = 200000000; }) << Channel::Green
                                               << QStringList();
    Declaration bigExport = big(200000000);
    bigExport.direction = Direction::Export;
    QTest::newRow("big export") << bigExport << Channel::Green << QStringList();
    Declaration bigEcommerce = big(200000000);
    bigEcommerce.tradeMode = QStringLiteral("9610");
    QTest::newRow("big, other trade mode") << bigEcommerce << Channel::Green << QStringList();

    // Transport and a negated origin (R-AIR).
    QTest::newRow("air from DE") << cleanWith([](Declaration &d) { d.transport = Transport::Air; d.goods[0].origin = QStringLiteral("DE"); })
                                 << Channel::Blue << strings({"R-AIR"});
    QTest::newRow("air from JP") << cleanWith([](Declaration &d) { d.transport = Transport::Air; d.goods[0].origin = QStringLiteral("JP"); })
                                 << Channel::Green << QStringList();
    QTest::newRow("rail from DE") << cleanWith([](Declaration &d) { d.transport = Transport::Rail; d.goods[0].origin = QStringLiteral("DE"); })
                                  << Channel::Green << QStringList();

    // Mode and credit (R-TWO).
    QTest::newRow("two-step, general certified") << cleanWith([](Declaration &d) { d.mode = DeclarationMode::TwoStep; }) << Channel::Yellow
                                                 << strings({"R-TWO"});
    QTest::newRow("two-step, AEO") << cleanWith([](Declaration &d) {
        d.mode = DeclarationMode::TwoStep;
        d.enterprise.credit = CreditClass::AdvancedCertified;
    }) << Channel::Green << QStringList();

    // The strictest lane wins; every hit is listed in rule order.
    QTest::newRow("yellow beats blue") << cleanWith([](Declaration &d) {
        d.enterprise.code = QStringLiteral("91440300MA5WATCH01");
        d.transport = Transport::Air;
    }) << Channel::Yellow << strings({"R-WATCH", "R-AIR"});
    QTest::newRow("yellow beats an earlier blue") << [&] {
        Declaration d = big(200000000);
        d.mode = DeclarationMode::TwoStep;
        return d;
    }() << Channel::Yellow << strings({"R-BIG", "R-TWO"});
    QTest::newRow("red beats yellow and blue") << cleanWith([](Declaration &d) {
        d.enterprise.code = QStringLiteral("91440300MA5WATCH01");
        d.transport = Transport::Air;
        d.billNo = QStringLiteral("COSU1234567");
    }) << Channel::Red << strings({"R-WATCH", "R-BILL", "R-AIR"});

    // Credit and blacklist: always red, listed first.
    QTest::newRow("dishonest credit") << cleanWith([](Declaration &d) { d.enterprise.credit = CreditClass::Dishonest; }) << Channel::Red << strings({"credit"});
    QTest::newRow("blacklisted") << cleanWith([](Declaration &d) { d.enterprise.code = QStringLiteral("91440300MA5BLACK01"); }) << Channel::Red
                                 << strings({"blacklist"});
    QTest::newRow("dishonest and blacklisted") << cleanWith([](Declaration &d) {
        d.enterprise.code = QStringLiteral("91440300MA5BLACK01");
        d.enterprise.credit = CreditClass::Dishonest;
    }) << Channel::Red << strings({"credit", "blacklist"});
    QTest::newRow("dishonest, two-step: reasons from the rules too") << cleanWith([](Declaration &d) {
        d.enterprise.credit = CreditClass::Dishonest;
        d.mode = DeclarationMode::TwoStep;
        d.transport = Transport::Air;
    }) << Channel::Red << strings({"credit", "R-AIR"});
}

void TestRisk::channels()
{
    QFETCH(Declaration, declaration);
    QFETCH(Channel, channel);
    QFETCH(QStringList, hits);

    const RiskAssessment a = baseEngine().assess(declaration);
    QCOMPARE(hitKeys(a), hits);
    QCOMPARE(a.channel, channel);
    QCOMPARE(a.ruleSetVersion, QStringLiteral("test-7"));
    // The strictest hit is the channel.
    Channel strictest = Channel::Green;
    for (const RiskHit &h : a.hits)
        strictest = stricterChannel(strictest, h.channel);
    QCOMPARE(a.channel, strictest);
    // Trying every rule gives the same answer as the index.
    const RiskAssessment all = baseEngine().assess(declaration, RiskEngine::Candidates::AllRules);
    QCOMPARE(all.channel, a.channel);
    QCOMPARE(hitKeys(all), hits);
}

void TestRisk::mandatoryRed_data()
{
    QTest::addColumn<QString>("rules");
    QTest::addColumn<CreditClass>("credit");
    QTest::addColumn<QString>("enterprise");
    QTest::addColumn<Channel>("channel");

    const QString none; // the engine without any rule set
    const QString noRules = QStringLiteral("version empty\n");
    const QString blacklistOnly = QStringLiteral("version b\nlist blacklist enterprise 91440300MA5BLACK01\n");
    const QString clean = QStringLiteral("91440300MA5GREEN01");
    const QString black = QStringLiteral("91440300MA5BLACK01");
    QTest::newRow("no rule set, dishonest") << none << CreditClass::Dishonest << clean << Channel::Red;
    QTest::newRow("no rule set, general") << none << CreditClass::General << clean << Channel::Green;
    QTest::newRow("no rules, dishonest") << noRules << CreditClass::Dishonest << clean << Channel::Red;
    QTest::newRow("no rules, AEO") << noRules << CreditClass::AdvancedCertified << clean << Channel::Green;
    QTest::newRow("blacklist, AEO but listed") << blacklistOnly << CreditClass::AdvancedCertified << black << Channel::Red;
    QTest::newRow("blacklist, not listed") << blacklistOnly << CreditClass::AdvancedCertified << clean << Channel::Green;
    QTest::newRow("rules, dishonest") << str(kRules) << CreditClass::Dishonest << clean << Channel::Red;
}

void TestRisk::mandatoryRed()
{
    QFETCH(QString, rules);
    QFETCH(CreditClass, credit);
    QFETCH(QString, enterprise);
    QFETCH(Channel, channel);

    const RiskEngine e = rules.isNull() ? RiskEngine() : engine(rules);
    Declaration d = clean();
    d.enterprise.credit = credit;
    d.enterprise.code = enterprise;
    const RiskAssessment a = e.assess(d);
    QCOMPARE(a.channel, channel);
    // Only the credit class and the blacklist make a red no one may lower.
    QCOMPARE(isMandatoryRed(a), channel == Channel::Red);
    if (channel == Channel::Red) {
        QVERIFY(!a.hits.isEmpty());
        const RiskHit &first = a.hits.first();
        QVERIFY(first.kind == RiskHitKind::DishonestCredit || first.kind == RiskHitKind::Blacklist);
        QCOMPARE(first.enterpriseCode, enterprise);
        QVERIFY(riskHitText(first).contains(enterprise));
    }
}

void TestRisk::reasons()
{
    // Shrimp from VN at 40 % of the reference, on goods line 2.
    const Declaration d = withGoods(clean(), {goods("8471300000", "US", 1, "台", 650000), goods("0306170000", "VN", 100, "千克", 200000)});
    const RiskAssessment a = baseEngine().assess(d);
    QCOMPARE(hitKeys(a), strings({"R-SHRIMP", "R-UV"}));
    const RiskHit &shrimp = a.hits.at(0);
    QCOMPARE(shrimp.kind, RiskHitKind::Rule);
    QCOMPARE(shrimp.channel, Channel::Yellow);
    QCOMPARE(shrimp.ruleName, QStringLiteral("Frozen shrimp from high-risk origins"));
    QCOMPARE(shrimp.instruction, QStringLiteral("Check the certificate of origin."));
    QCOMPARE(shrimp.goodsLine, 2);
    const RiskHit &uv = a.hits.at(1);
    QCOMPARE(uv.instruction, QStringLiteral("Weigh the cartons;\ncompare with the invoice."));
    for (const RiskHit &h : a.hits) {
        const QString text = riskHitText(h);
        QVERIFY2(text.contains(h.ruleId), qPrintable(text));
        QVERIFY2(text.contains(h.ruleName), qPrintable(text));
        QVERIFY2(text.contains(h.instruction), qPrintable(text));
        QVERIFY2(text.contains(channelLabel(h.channel)), qPrintable(text));
    }
}

void TestRisk::unitValueReason()
{
    const Declaration d = withGoods(clean(), {goods("0306170000", "US", 100, "千克", 200000)}); // 20.00 per kg
    const RiskAssessment a = baseEngine().assess(d);
    QCOMPARE(hitKeys(a), strings({"R-UV"}));
    const RiskHit &h = a.hits.first();
    QCOMPARE(h.unitValueFen, 2000.0);
    QCOMPARE(h.referenceFen, 5000.0); // the longer prefix, 030617
    QCOMPARE(h.unit, QStringLiteral("千克"));
    const QString text = riskHitText(h);
    QVERIFY2(text.contains(formatMoney(2000, QStringLiteral("CNY"))), qPrintable(text));
    QVERIFY2(text.contains(formatMoney(5000, QStringLiteral("CNY"))), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("40")), qPrintable(text));
}

void TestRisk::missingExchangeRateIsNoted()
{
    // No EUR rate: R-BIG cannot judge the value and does not hit, and the assessment says so.
    Declaration d = withGoods(clean(), {goods("8471300000", "US", 100, "台", 900000000, "EUR")});
    d.enterprise.credit = CreditClass::General;
    const RiskAssessment a = baseEngine().assess(d);
    QCOMPARE(a.channel, Channel::Green);
    QCOMPARE(a.notes.size(), 1);
    QVERIFY(a.notes.first().contains(QStringLiteral("EUR")));
    // With a rate the same declaration is routed blue.
    const RiskAssessment withRate = engine(str(kRules).replace(QStringLiteral("rate JPY 0.05"), QStringLiteral("rate EUR 7.7"))).assess(d);
    QCOMPARE(withRate.channel, Channel::Blue);
    QVERIFY(withRate.notes.isEmpty());
}

void TestRisk::sipHashKnownAnswers_data()
{
    QTest::addColumn<int>("length");
    QTest::addColumn<quint64>("hash");
    // The reference vectors of SipHash-2-4 (key 00..0f, message 00 01 02 ... of the given length).
    QTest::newRow("empty") << 0 << quint64(0x726fdb47dd0e0e31ULL);
    QTest::newRow("1 byte") << 1 << quint64(0x74f839c593dc67fdULL);
    QTest::newRow("8 bytes") << 8 << quint64(0x93f5f5799a932462ULL);
    QTest::newRow("15 bytes (the paper's example)") << 15 << quint64(0xa129ca6149be45e5ULL);
}

void TestRisk::sipHashKnownAnswers()
{
    QFETCH(int, length);
    QFETCH(quint64, hash);
    QByteArray key, message;
    for (int i = 0; i < 16; ++i)
        key.append(char(i));
    for (int i = 0; i < length; ++i)
        message.append(char(i));
    QCOMPARE(sipHash24(key, message.constData(), size_t(message.size())), hash);
}

void TestRisk::selectionIsDeterministic()
{
    const QByteArray key = defaultSelectionKey();
    const QString entry = entryNumber(42);
    const double u = selectionDraw(key, entry, u"R-1");
    QVERIFY(u >= 0 && u < 1);
    QCOMPARE(selectionDraw(key, entry, u"R-1"), u);
    QVERIFY(selectionDraw(key, entry, u"R-2") != u);
    QVERIFY(selectionDraw(key, entryNumber(43), u"R-1") != u);

    // Through the engine: two separately compiled engines, assessed twice, agree hit for hit.
    const QString text = QStringLiteral("version s\nrule R-1 Sample\n  sample 30% yellow\nend\n");
    const RiskEngine a = engine(text);
    const RiskEngine b = engine(text);
    int selected = 0;
    for (int i = 0; i < 1000; ++i) {
        Declaration d = clean();
        d.entryNo = entryNumber(i);
        const RiskAssessment first = a.assess(d);
        const RiskAssessment again = b.assess(d);
        QCOMPARE(hitKeys(again), hitKeys(first));
        QCOMPARE(first.channel, again.channel);
        if (first.channel == Channel::Yellow) {
            ++selected;
            QCOMPARE(first.hits.first().draw, selectionDraw(key, d.entryNo, u"R-1"));
            QVERIFY(first.hits.first().draw < 0.3);
        } else {
            QVERIFY(selectionDraw(key, d.entryNo, u"R-1") >= 0.3);
        }
    }
    QVERIFY2(selected > 200 && selected < 400, qPrintable(QString::number(selected)));
}

void TestRisk::selectionRate_data()
{
    QTest::addColumn<QString>("rate");
    QTest::addColumn<double>("p");
    QTest::newRow("3 %") << QStringLiteral("3%") << 0.03;
    QTest::newRow("0.5 %") << QStringLiteral("0.5%") << 0.005;
    QTest::newRow("12.25 %") << QStringLiteral("12.25%") << 0.1225;
    QTest::newRow("50 %") << QStringLiteral("50%") << 0.5;
    QTest::newRow("100 %") << QStringLiteral("100%") << 1.0;
}

void TestRisk::selectionRate()
{
    QFETCH(QString, rate);
    QFETCH(double, p);
    const RiskEngine e = engine(QStringLiteral("version s\nrule RND-1 Random selection\n  sample %1 red\nend\n").arg(rate));
    constexpr int n = 100000;
    int selected = 0;
    Declaration d = clean();
    for (int i = 0; i < n; ++i) {
        d.entryNo = entryNumber(1000000 + i * 7);
        selected += e.assess(d).channel == Channel::Red ? 1 : 0;
    }
    // Within 5 standard deviations of the binomial count (3 %: 3000 +- 270, i.e. 2.73..3.27 %).
    const double sigma = std::sqrt(n * p * (1 - p));
    const double expected = n * p;
    QVERIFY2(std::abs(selected - expected) <= 5 * sigma + 0.5,
             qPrintable(QStringLiteral("%1 selected, expected %2 +- %3").arg(selected).arg(expected).arg(5 * sigma)));
    qInfo("%s: %d of %d selected (%.3f %%)", qPrintable(rate), selected, n, 100.0 * selected / n);
}

void TestRisk::selectionsOfTwoRulesAreIndependent()
{
    // Two 3 % rules draw separately: both select about 0.09 %, not 3 % (the same draw) nor 0.
    const RiskEngine e = engine(QStringLiteral("version s\nrule A Random A\n  sample 3% yellow\nend\nrule B Random B\n  sample 3% red\nend\n"));
    constexpr int n = 100000;
    int a = 0, b = 0, both = 0;
    Declaration d = clean();
    for (int i = 0; i < n; ++i) {
        d.entryNo = entryNumber(i);
        const QStringList hits = hitKeys(e.assess(d));
        const bool inA = hits.contains(QStringLiteral("sample:A"));
        const bool inB = hits.contains(QStringLiteral("sample:B"));
        a += inA;
        b += inB;
        both += inA && inB;
    }
    QVERIFY2(std::abs(a - 3000) <= 270 && std::abs(b - 3000) <= 270, qPrintable(QStringLiteral("%1 %2").arg(a).arg(b)));
    QVERIFY2(std::abs(both - 90) <= 48, qPrintable(QString::number(both)));
}

void TestRisk::selectionOnlyAmongMatchingDeclarations()
{
    const RiskEngine e = engine(QStringLiteral("version s\nrule S Shrimp sample\n  hs 0306\n  sample 50% red\nend\n"));
    int shrimpSelected = 0;
    for (int i = 0; i < 2000; ++i) {
        Declaration laptops = clean();
        laptops.entryNo = entryNumber(i);
        QCOMPARE(e.assess(laptops).channel, Channel::Green);
        Declaration shrimp = withGoods(laptops, {goods("0306170000", "US", 10, "千克", 50000)});
        const RiskAssessment a = e.assess(shrimp);
        if (a.channel == Channel::Red) {
            ++shrimpSelected;
            QCOMPARE(hitKeys(a), strings({"sample:S"}));
            QCOMPARE(a.hits.first().goodsLine, 1);
            QCOMPARE(a.hits.first().samplePpm, qint64(500000));
        }
    }
    QVERIFY2(shrimpSelected > 850 && shrimpSelected < 1150, qPrintable(QString::number(shrimpSelected)));
}

void TestRisk::ruleChannelAndSelectionTogether()
{
    // Every air parcel goes blue; 10 % of them at least red.
    const RiskEngine e = engine(QStringLiteral("version s\nrule P Air parcels\n  transport air\n  channel blue\n  sample 10% red\nend\n"));
    int red = 0;
    for (int i = 0; i < 5000; ++i) {
        Declaration d = clean();
        d.transport = Transport::Air;
        d.entryNo = entryNumber(i);
        const RiskAssessment a = e.assess(d);
        if (a.channel == Channel::Red) {
            ++red;
            QCOMPARE(hitKeys(a), strings({"P", "sample:P"}));
        } else {
            QCOMPARE(a.channel, Channel::Blue);
            QCOMPARE(hitKeys(a), strings({"P"}));
        }
    }
    QVERIFY2(red > 400 && red < 600, qPrintable(QString::number(red)));
}

void TestRisk::selectionKeyChangesTheDraw()
{
    const QString rule = QStringLiteral("rule R Random\n  sample 50% yellow\nend\n");
    const RiskEngine builtIn = engine(QStringLiteral("version a\n") + rule);
    const RiskEngine own = engine(QStringLiteral("version b\nselection-key 00112233445566778899aabbccddeeff\n") + rule);
    QCOMPARE(own.ruleSet().selectionKey, QByteArray::fromHex("00112233445566778899aabbccddeeff"));
    int differ = 0;
    for (int i = 0; i < 1000; ++i) {
        Declaration d = clean();
        d.entryNo = entryNumber(i);
        differ += builtIn.assess(d).channel != own.assess(d).channel;
    }
    QVERIFY2(differ > 400 && differ < 600, qPrintable(QString::number(differ))); // independent halves
}

void TestRisk::parseErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<int>>("lines");
    QTest::addColumn<QStringList>("codes");

    auto row = [](const char *name, const char *text, QList<int> lines, QStringList codes) {
        QTest::newRow(name) << QString::fromUtf8(text) << lines << codes;
    };
    row("empty", "", {1}, strings({"empty"}));
    row("only comments", "# nothing\n\n   # still nothing\n", {1}, strings({"empty"}));
    row("no version first", "rule R A\n channel red\nend\n", {1}, strings({"version_first"}));
    row("version without a name", "version\n", {1}, strings({"bad_version"}));
    row("two versions", "version a\nversion b\n", {2}, strings({"duplicate"}));
    row("unknown keyword", "version a\nfrobnicate 3\n", {2}, strings({"unknown_keyword"}));
    row("unknown keyword in a rule", "version a\nrule R A\n  colour red\n  channel red\nend\n", {3}, strings({"unknown_keyword"}));
    row("criterion outside a rule", "version a\nhs 0306\n", {2}, strings({"outside_rule"}));
    row("end without rule", "version a\nend\n", {2}, strings({"end_without_rule"}));
    row("rule without end at the end", "version a\n\nrule R A\n  channel red\n", {3}, strings({"rule_no_end"}));
    row("rule without end before the next", "version a\nrule R A\n  channel red\nrule S B\n  channel red\nend\n", {4}, strings({"rule_not_ended"}));
    row("list inside a rule", "version a\nrule R A\n  list x hs 01\n  channel red\nend\n", {3}, strings({"inside_rule"}));
    row("rule without id or name", "version a\nrule\n  channel red\nend\n", {2}, strings({"bad_rule"}));
    row("rule without a name", "version a\nrule R-1\n  channel red\nend\n", {2}, strings({"bad_rule"}));
    row("rule id with spaces or symbols", "version a\nrule R/1 Name\n  channel red\nend\n", {2}, strings({"bad_rule"}));
    row("duplicate rule id", "version a\nrule R A\n  channel red\nend\nrule R B\n  channel red\nend\n", {5}, strings({"duplicate"}));
    row("rule without channel or sample", "version a\nrule R A\n  hs 0306\nend\n", {2}, strings({"rule_no_channel"}));
    row("unknown channel", "version a\nrule R A\n  channel purple\nend\n", {2, 3}, strings({"rule_no_channel", "bad_channel"}));
    row("green rule", "version a\nrule R A\n  channel green\nend\n", {2, 3}, strings({"rule_no_channel", "green_rule"}));
    row("two channels", "version a\nrule R A\n  channel red\n  channel blue\nend\n", {4}, strings({"duplicate"}));
    row("channel with two words", "version a\nrule R A\n  channel red blue\nend\n", {2, 3}, strings({"rule_no_channel", "bad_channel"}));
    row("HS code with letters", "version a\nrule R A\n  hs 03O6\n  channel red\nend\n", {3}, strings({"bad_value"}));
    row("HS code too long", "version a\nrule R A\n  hs 03061700001\n  channel red\nend\n", {3}, strings({"bad_value"}));
    row("unknown country", "version a\nrule R A\n  origin VN XX\n  channel red\nend\n", {3}, strings({"bad_value"}));
    row("lower-case country", "version a\nrule R A\n  origin vn\n  channel red\nend\n", {3}, strings({"bad_value"}));
    row("bad credit code", "version a\nrule R A\n  enterprise 1234\n  channel red\nend\n", {3}, strings({"bad_value"}));
    row("unknown credit class", "version a\nrule R A\n  credit excellent\n  channel red\nend\n", {3}, strings({"bad_value"}));
    row("trade mode of 3 digits", "version a\nrule R A\n  trade-mode 011\n  channel red\nend\n", {3}, strings({"bad_value"}));
    row("unknown transport", "version a\nrule R A\n  transport pipeline\n  channel red\nend\n", {3}, strings({"bad_value"}));
    row("unknown direction", "version a\nrule R A\n  direction transit\n  channel red\nend\n", {3}, strings({"bad_value"}));
    row("unknown mode", "version a\nrule R A\n  mode three-step\n  channel red\nend\n", {3}, strings({"bad_value"}));
    row("bad bill", "version a\nrule R A\n  bill cosu_123\n  channel red\nend\n", {3}, strings({"bad_value"}));
    row("criterion without values", "version a\nrule R A\n  origin not\n  channel red\nend\n", {3}, strings({"missing_values"}));
    row("in without list", "version a\nrule R A\n  hs in\n  channel red\nend\n", {3}, strings({"missing_values"}));
    row("list on an enumerated field", "version a\nrule R A\n  credit in bad-firms\n  channel red\nend\n", {3}, strings({"no_lists"}));
    row("unknown list", "version a\nrule R A\n  hs in nowhere\n  channel red\nend\n", {3}, strings({"unknown_list"}));
    row("list of the wrong kind", "version a\nlist fruit hs 0805\nrule R A\n  origin in fruit\n  channel red\nend\n", {4}, strings({"list_kind"}));
    row("list without kind", "version a\nlist fruit 0805\n", {2}, strings({"bad_list"}));
    row("list with a bad name", "version a\nlist fr/uit hs 0805\n", {2}, strings({"bad_list"}));
    row("list without items", "version a\nlist fruit hs\n", {2}, strings({"empty_list"}));
    row("list with a bad item", "version a\nlist fruit hs 0805 08x5\n", {2}, strings({"bad_value"}));
    row("list kind changed", "version a\nlist fruit hs 0805\nlist fruit country VN\n", {3}, strings({"list_kind_changed"}));
    row("blacklist of countries", "version a\nlist blacklist country KP\n", {2}, strings({"blacklist_kind"}));
    row("value without operator", "version a\nrule R A\n  value 1000\n  channel red\nend\n", {3}, strings({"bad_value_range"}));
    row("value with an unknown operator", "version a\nrule R A\n  value => 1000\n  channel red\nend\n", {3}, strings({"bad_value_range"}));
    row("value with three decimals", "version a\nrule R A\n  value > 1000.001\n  channel red\nend\n", {3}, strings({"bad_value_range"}));
    row("value negative", "version a\nrule R A\n  value > -5\n  channel red\nend\n", {3}, strings({"bad_value_range"}));
    row("value range reversed", "version a\nrule R A\n  value between 5000 and 1000\n  channel red\nend\n", {3}, strings({"bad_value_range"}));
    row("not with value", "version a\nrule R A\n  value not > 5\n  channel red\nend\n", {3}, strings({"bad_value_range"}));
    row("unit value without percent sign", "version a\nrule R A\n  unit-value below 50\n  channel red\nend\n", {3}, strings({"bad_unit_value"}));
    row("unit value sideways", "version a\nrule R A\n  unit-value near 50%\n  channel red\nend\n", {3}, strings({"bad_unit_value"}));
    row("sample above 100 %", "version a\nrule R A\n  sample 101% red\nend\n", {2, 3}, strings({"rule_no_channel", "bad_sample"}));
    row("sample of 0 %", "version a\nrule R A\n  sample 0% red\nend\n", {2, 3}, strings({"rule_no_channel", "bad_sample"}));
    row("sample without channel", "version a\nrule R A\n  sample 3%\nend\n", {2, 3}, strings({"rule_no_channel", "bad_sample"}));
    row("sample of five decimals", "version a\nrule R A\n  sample 0.00001% red\nend\n", {2, 3}, strings({"rule_no_channel", "bad_sample"}));
    row("instruction without text", "version a\nrule R A\n  channel red\n  instruction\nend\n", {4}, strings({"bad_instruction"}));
    row("end with words", "version a\nrule R A\n  channel red\nend of rule\n", {4}, strings({"bad_end"}));
    row("reference without per", "version a\nreference 0306 45.00 千克\n", {2}, strings({"bad_reference"}));
    row("reference of zero", "version a\nreference 0306 0 per 千克\n", {2}, strings({"bad_reference"}));
    row("duplicate reference", "version a\nreference 0306 45 per 千克\nreference 0306 46 per 千克\n", {3}, strings({"duplicate"}));
    row("rate of an unknown currency", "version a\nrate XYZ 1.5\n", {2}, strings({"bad_rate"}));
    row("rate of CNY", "version a\nrate CNY 1\n", {2}, strings({"bad_rate"}));
    row("rate with seven decimals", "version a\nrate USD 7.1234567\n", {2}, strings({"bad_rate"}));
    row("duplicate rate", "version a\nrate USD 7.1\nrate USD 7.2\n", {3}, strings({"duplicate"}));
    row("target for an unknown lane", "version a\ntarget orange 5%\n", {2}, strings({"bad_target"}));
    row("target above 100 %", "version a\ntarget red 101%\n", {2}, strings({"bad_target"}));
    row("targets above 100 % together", "version a\ntarget red 60%\ntarget green 50%\n", {3}, strings({"target_sum"}));
    row("duplicate target", "version a\ntarget red 5%\ntarget red 6%\n", {3}, strings({"duplicate"}));
    row("short selection key", "version a\nselection-key 0011\n", {2}, strings({"bad_selection_key"}));
    row("selection key not hex", "version a\nselection-key 00112233445566778899aabbccddeefg\n", {2}, strings({"bad_selection_key"}));
    row("Windows line ends keep their numbers", "version a\r\n\r\nrule R A\r\n  hs 03x\r\n  channel red\r\nend\r\n", {4}, strings({"bad_value"}));
}

void TestRisk::parseErrors()
{
    QFETCH(QString, text);
    QFETCH(QList<int>, lines);
    QFETCH(QStringList, codes);

    QList<RuleSetError> errors;
    const std::optional<RiskRuleSet> set = parseRiskRules(text, &errors);
    QVERIFY(!set);
    QList<int> gotLines;
    QStringList gotCodes;
    for (const RuleSetError &e : std::as_const(errors)) {
        gotLines << e.line;
        gotCodes << e.code;
        QVERIFY(!e.message.isEmpty());
        QVERIFY(e.text().contains(QString::number(e.line)));
    }
    QCOMPARE(gotCodes, codes);
    QCOMPARE(gotLines, lines);
    QVERIFY(!RiskEngine::fromText(text, nullptr));
}

void TestRisk::parseCollectsEveryError()
{
    // Five mistakes in different places: all five are reported, in line order.
    const QString text = QStringLiteral("version a\n"                 // 1
                                        "rate USD seven\n"           // 2
                                        "list hot country VN XX\n"   // 3
                                        "rule R1 First\n"            // 4
                                        "  hs 12345678901\n"         // 5
                                        "  channel red\n"            // 6
                                        "end\n"                      // 7
                                        "rule R2 Second\n"           // 8
                                        "  origin in hot cold\n"     // 9
                                        "  channel orange\n"         // 10
                                        "end\n");
    QList<RuleSetError> errors;
    QVERIFY(!parseRiskRules(text, &errors));
    QStringList got;
    for (const RuleSetError &e : std::as_const(errors))
        got << QStringLiteral("%1:%2").arg(e.line).arg(e.code);
    QCOMPARE(got, strings({"2:bad_rate", "3:bad_value", "5:bad_value", "8:rule_no_channel", "9:unknown_list", "10:bad_channel"}));
}

void TestRisk::parsedRuleSet()
{
    QList<RuleSetError> errors;
    const std::optional<RiskRuleSet> set = parseRiskRules(str(kRules), &errors);
    QVERIFY(errors.isEmpty());
    QVERIFY(set);
    QCOMPARE(set->version, QStringLiteral("test-7"));
    QCOMPARE(set->selectionKey, defaultSelectionKey());
    QCOMPARE(set->rates.size(), 2);
    QCOMPARE(set->rates.at(0).currency, QStringLiteral("USD"));
    QCOMPARE(set->rates.at(0).microCnyPerUnit, qint64(7000000));
    QCOMPARE(set->rates.at(1).microCnyPerUnit, qint64(50000));
    QCOMPARE(set->targetPpm[size_t(Channel::Red)], qint64(50000));
    QCOMPARE(set->targetPpm[size_t(Channel::Yellow)], qint64(150000));
    QCOMPARE(set->targetPpm[size_t(Channel::Green)], qint64(-1));
    QCOMPARE(set->lists.size(), 5);
    QCOMPARE(set->list(QStringLiteral("negative"))->items, strings({"9301", "0106"}));
    // Items given twice, or on a second line, are kept once, in order.
    const std::optional<RiskRuleSet> lists = parseRiskRules(QStringLiteral("version l\nlist x country VN TH VN\nlist x country EC TH\n"), nullptr);
    QVERIFY(lists);
    QCOMPARE(lists->list(QStringLiteral("x"))->items, strings({"VN", "TH", "EC"}));
    QCOMPARE(lists->list(QStringLiteral("x"))->line, 2);
    QCOMPARE(set->list(QStringLiteral("negative"))->kind, RiskListKind::HsCode);
    QCOMPARE(set->list(QStringLiteral("high-risk"))->line, 10);
    QCOMPARE(set->references.size(), 2);
    QCOMPARE(set->references.at(1).hsPrefix, QStringLiteral("030617"));
    QCOMPARE(set->references.at(1).fenPerUnit, qint64(5000));
    QCOMPARE(set->references.at(1).unit, QStringLiteral("千克"));
    QCOMPARE(set->rules.size(), 8);
    const RiskRule *big = set->rule(QStringLiteral("R-BIG"));
    QVERIFY(big);
    QCOMPARE(big->name, QStringLiteral("Large general-trade imports by general-credit firms"));
    QCOMPARE(big->channel, Channel::Blue);
    QCOMPARE(big->criteria.size(), 4);
    QCOMPARE(big->criteria.at(3).field, RiskField::TotalValue);
    QCOMPARE(big->criteria.at(3).comparison, Comparison::GreaterOrEqual);
    QCOMPARE(big->criteria.at(3).amountFen, qint64(100000000));
    const RiskRule *air = set->rule(QStringLiteral("R-AIR"));
    QCOMPARE(air->criteria.at(1).negated, true);
    QCOMPARE(air->criteria.at(1).values, strings({"JP"}));
    const RiskRule *uv = set->rule(QStringLiteral("R-UV"));
    QCOMPARE(uv->criteria.at(1).percentPpm, qint64(500000));
    QCOMPARE(uv->line, 29);
}

void TestRisk::documentedExampleParses()
{
    // Every ```rules block of docs/risk-rules.md is a valid rule set.
    QFile doc(QStringLiteral(CLEARWAY_SOURCE_DIR "/docs/risk-rules.md"));
    QVERIFY2(doc.open(QIODevice::ReadOnly), qPrintable(doc.fileName()));
    const QString text = QString::fromUtf8(doc.readAll());
    static const QRegularExpression block(QStringLiteral("```rules\\n(.*?)```"), QRegularExpression::DotMatchesEverythingOption);
    int blocks = 0;
    for (const QRegularExpressionMatch &m : block.globalMatch(text)) {
        ++blocks;
        QList<RuleSetError> errors;
        const std::optional<RiskRuleSet> set = parseRiskRules(m.captured(1), &errors);
        for (const RuleSetError &e : std::as_const(errors))
            qWarning("block %d: %s", blocks, qPrintable(e.text()));
        QVERIFY(set);
        QVERIFY(!set->rules.isEmpty());
    }
    QVERIFY(blocks >= 1);
}

void TestRisk::refusedTextLeavesThePublishedSet()
{
    RiskEngine published = baseEngine();
    QList<RuleSetError> errors;
    const QString edited = str(kRules).replace(QStringLiteral("version test-7"), QStringLiteral("version test-8")) + QStringLiteral("rule R-X Broken\n");
    if (std::optional<RiskEngine> candidate = RiskEngine::fromText(edited, &errors))
        published = *candidate;
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().code, QStringLiteral("rule_no_end"));
    QCOMPARE(published.ruleSet().version, QStringLiteral("test-7"));
    QCOMPARE(published.ruleSet().rules.size(), 8);
    QCOMPARE(published.assess(cleanWith([](Declaration &d) { d.billNo = QStringLiteral("COSU1234567"); })).channel, Channel::Red);
}

void TestRisk::indexedAgreesWithEveryRule()
{
    // Generated rules over every field (HS prefixes of all lengths, negations, lists, values,
    // samples) and generated declarations: the index must find exactly what trying every rule finds.
    Random r(20251103);
    const QStringList hs = strings({"0306170000", "0306190000", "0402210000", "8471300000", "8517130000", "9301100000", "2204210000", "6403990000"});
    const QStringList countries = strings({"US", "VN", "EC", "JP", "DE", "TH", "CN", "BR"});
    const QStringList firms = strings({"91440300MA5AAAAA01", "91440300MA5BBBBB02", "91440300MA5CCCCC03", "91440300MA5DDDDD04"});
    const QStringList modes = strings({"0110", "9610", "1210", "0615"});
    QString text = QStringLiteral("version gen\nrate USD 7.1\nreference 03 40 per 千克\nreference 0402 60 per 千克\n"
                                  "list firms enterprise 91440300MA5AAAAA01 91440300MA5CCCCC03\nlist hot country VN EC\n"
                                  "list goods hs 0306 8517 22\nlist bills bill COSU0000003\n");
    const QStringList lanes = strings({"yellow", "red", "blue"});
    for (int i = 0; i < 300; ++i) {
        text += QStringLiteral("rule G%1 Generated\n").arg(i);
        const int criteria = r.below(4);
        for (int k = 0; k < criteria; ++k) {
            const QString no = r.below(5) == 0 ? QStringLiteral("not ") : QString();
            switch (r.below(11)) {
            case 0: text += QStringLiteral("  hs %1%2\n").arg(no, r.pick(hs).left(1 + r.below(10))); break;
            case 1: text += QStringLiteral("  hs %1in goods\n").arg(no); break;
            case 2: text += QStringLiteral("  origin %1%2 %3\n").arg(no, r.pick(countries), r.pick(countries)); break;
            case 3: text += QStringLiteral("  origin %1in hot\n").arg(no); break;
            case 4: text += QStringLiteral("  enterprise %1in firms\n").arg(no); break;
            case 5: text += QStringLiteral("  trade-mode %1%2\n").arg(no, r.pick(modes)); break;
            case 6: text += QStringLiteral("  credit %1general dishonest\n").arg(no); break;
            case 7: text += QStringLiteral("  transport %1sea air\n").arg(no); break;
            case 8: text += QStringLiteral("  value %1 %2\n").arg(r.below(2) ? QStringLiteral(">=") : QStringLiteral("<")).arg(r.below(2000000)); break;
            case 9: text += QStringLiteral("  unit-value %1 %2%\n").arg(r.below(2) ? QStringLiteral("below") : QStringLiteral("above")).arg(20 + r.below(200)); break;
            case 10: text += QStringLiteral("  bill %1in bills\n").arg(no); break;
            }
        }
        if (r.below(3))
            text += QStringLiteral("  channel %1\n").arg(r.pick(lanes));
        else
            text += QStringLiteral("  sample %1% %2\n").arg(1 + r.below(60)).arg(r.pick(lanes));
        text += QStringLiteral("end\n");
    }
    const RiskEngine e = engine(text);
    int hits = 0;
    for (int i = 0; i < 3000; ++i) {
        Declaration d = clean();
        d.entryNo = entryNumber(i);
        d.enterprise.code = r.pick(firms);
        d.enterprise.credit = static_cast<CreditClass>(r.below(4));
        d.tradeMode = r.pick(modes);
        d.transport = static_cast<Transport>(r.below(5));
        d.billNo = QStringLiteral("COSU000000%1").arg(r.below(5));
        QList<GoodsLine> lines;
        const int n = 1 + r.below(4);
        for (int k = 0; k < n; ++k)
            lines << goods(qPrintable(r.pick(hs)), qPrintable(r.pick(countries)), 1 + r.below(500), r.below(2) ? "千克" : "个", 1000 + r.below(10000000),
                           r.below(3) ? "CNY" : "USD");
        for (GoodsLine &g : lines)
            g.currency = lines.first().currency;
        d = withGoods(d, lines);
        const RiskAssessment indexed = e.assess(d);
        const RiskAssessment all = e.assess(d, RiskEngine::Candidates::AllRules);
        QCOMPARE(hitKeys(indexed), hitKeys(all));
        QCOMPARE(indexed.channel, all.channel);
        hits += int(indexed.hits.size());
    }
    QVERIFY2(hits > 3000, qPrintable(QString::number(hits))); // the generated rules do hit
}

void TestRisk::dryRun()
{
    // Six past declarations and their lanes today; the candidate adds a rule for air cargo from DE
    // and drops nothing.
    QList<Declaration> past;
    auto add = [&past](Declaration d, Channel now) {
        d.id = past.size() + 1;
        d.entryNo = entryNumber(int(d.id));
        d.channel = now;
        past << d;
    };
    add(clean(), Channel::Green);                                                                                    // stays green
    add(cleanWith([](Declaration &d) { d.transport = Transport::Air; d.goods[0].origin = QStringLiteral("DE"); }), Channel::Green); // -> blue
    add(cleanWith([](Declaration &d) { d.billNo = QStringLiteral("COSU1234567"); }), Channel::Red);                  // stays red
    add(cleanWith([](Declaration &d) { d.enterprise.code = QStringLiteral("91440300MA5WATCH01"); }), Channel::Red);  // -> yellow
    add(cleanWith([](Declaration &d) { d.mode = DeclarationMode::TwoStep; }), Channel::Unassessed);                  // -> yellow
    add(cleanWith([](Declaration &d) { d.enterprise.credit = CreditClass::Dishonest; }), Channel::Red);             // stays red

    const DryRunReport report = Clearway::Models::dryRun(baseEngine(), past);
    QCOMPARE(report.version, QStringLiteral("test-7"));
    QCOMPARE(report.total, 6);
    QCOMPARE(report.changed, 3);
    const std::array<int, 5> before{1, 2, 0, 3, 0}; // unassessed, green, yellow, red, blue
    const std::array<int, 5> after{0, 1, 2, 2, 1};
    QCOMPARE(report.before, before);
    QCOMPARE(report.after, after);
    QCOMPARE(report.targetPpm[size_t(Channel::Red)], qint64(50000));
    QCOMPARE(report.changes.size(), 3);
    QCOMPARE(report.changes.at(0).declarationId, qint64(2));
    QCOMPARE(report.changes.at(0).before, Channel::Green);
    QCOMPARE(report.changes.at(0).after, Channel::Blue);
    QCOMPARE(report.changes.at(0).hits.first().ruleId, QStringLiteral("R-AIR"));
    QCOMPARE(report.changes.at(1).entryNo, entryNumber(4));
    QCOMPARE(report.changes.at(1).after, Channel::Yellow);
    QCOMPARE(report.changes.at(2).before, Channel::Unassessed);
    QCOMPARE(report.changes.at(2).hits.first().ruleId, QStringLiteral("R-TWO"));

    // A lane that is none of the five (a damaged row) counts as not assessed.
    Declaration odd = clean();
    odd.channel = static_cast<Channel>(9);
    const DryRunReport damaged = Clearway::Models::dryRun(baseEngine(), {odd});
    QCOMPARE(damaged.before[size_t(Channel::Unassessed)], 1);
    QCOMPARE(damaged.after[size_t(Channel::Green)], 1);

    const DryRunReport none = Clearway::Models::dryRun(baseEngine(), {});
    QCOMPARE(none.total, 0);
    QCOMPARE(none.changed, 0);
}

void TestRisk::reroute_data()
{
    QTest::addColumn<Roles>("roles");
    QTest::addColumn<QStringList>("permissions");
    QTest::addColumn<Channel>("from");
    QTest::addColumn<Channel>("to");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<bool>("mandatoryRed");
    QTest::addColumn<QString>("code");

    const QString why = QStringLiteral("Inspection found the goods as declared");
    const QStringList none;
    const QStringList granted = strings({"queue.view", kReroutePermission});
    QTest::newRow("supervisor down") << Roles(Role::Supervisor) << none << Channel::Red << Channel::Green << why << false << QStringLiteral("ok");
    QTest::newRow("supervisor up") << Roles(Role::Supervisor) << none << Channel::Green << Channel::Red << why << false << QStringLiteral("ok");
    QTest::newRow("officer with the permission") << Roles(Role::WindowOfficer) << granted << Channel::Yellow << Channel::Blue << why << false << QStringLiteral("ok");
    QTest::newRow("officer without it") << Roles(Role::WindowOfficer) << strings({"queue.view"}) << Channel::Yellow << Channel::Blue << why << false << QStringLiteral("permission");
    QTest::newRow("the system is no supervisor") << Roles(Role::System) << none << Channel::Yellow << Channel::Blue << why << false << QStringLiteral("permission");
    QTest::newRow("no reason") << Roles(Role::Supervisor) << none << Channel::Red << Channel::Green << QString() << false << QStringLiteral("reason_required");
    QTest::newRow("blank reason") << Roles(Role::Supervisor) << none << Channel::Red << Channel::Green << QStringLiteral("  \t") << false << QStringLiteral("reason_required");
    QTest::newRow("same lane") << Roles(Role::Supervisor) << none << Channel::Red << Channel::Red << why << false << QStringLiteral("same_channel");
    QTest::newRow("to unassessed") << Roles(Role::Supervisor) << none << Channel::Red << Channel::Unassessed << why << false << QStringLiteral("bad_channel");
    QTest::newRow("dishonest: not lowered by a supervisor") << Roles(Role::Supervisor) << none << Channel::Red << Channel::Green << why << true << QStringLiteral("mandatory_red");
    QTest::newRow("dishonest: not to yellow either") << Roles(Role::WindowOfficer) << granted << Channel::Red << Channel::Yellow << why << true << QStringLiteral("mandatory_red");
    QTest::newRow("dishonest: raised to red") << Roles(Role::Supervisor) << none << Channel::Yellow << Channel::Red << why << true << QStringLiteral("ok");
    QTest::newRow("dishonest: still needs the permission") << Roles(Role::WindowOfficer) << none << Channel::Red << Channel::Green << why << true << QStringLiteral("permission");
    QTest::newRow("permission checked first") << Roles(Role::Inspector) << none << Channel::Red << Channel::Red << QString() << false << QStringLiteral("permission");
}

void TestRisk::reroute()
{
    QFETCH(Roles, roles);
    QFETCH(QStringList, permissions);
    QFETCH(Channel, from);
    QFETCH(Channel, to);
    QFETCH(QString, reason);
    QFETCH(bool, mandatoryRed);
    QFETCH(QString, code);

    const Officer actor{QStringLiteral("chief"), QStringLiteral("科长"), QStringLiteral("5141"), roles};
    const RerouteDecision d = checkReroute(actor, permissions, from, to, reason, mandatoryRed);
    QCOMPARE(d.code, code);
    QCOMPARE(d.accepted, code == u"ok");
    QCOMPARE(d.message.isEmpty(), d.accepted);
}

QTEST_GUILESS_MAIN(TestRisk)
#include "tst_risk.moc"
