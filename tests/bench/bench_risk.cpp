// Risk engine benchmark: route N declarations (default 100,000, several goods lines each) through a
// rule set of R rules (default 500), both made by a deterministic generator, and print the median
// of several runs, the throughput, and ratios to two baselines measured in the same run:
//  - the same engine trying every rule for every declaration (RiskEngine::Candidates::AllRules),
//    i.e. what the index saves;
//  - only reading the declarations (every field the rules look at), the floor.
// Target (issue #4): 100,000 declarations through 500 rules in <= 5 s on the 2-core machine.
//
//   bench_risk [declarations] [rules] [repeat]
#include "models/risk.h"
#include "tests/bench/benchutil.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>

#include <sys/resource.h>

#include <array>
#include <cstdio>

using namespace Clearway;
using namespace Clearway::Models;
using Bench::medianOf;

namespace {

// Qt's seeded generator (a Mersenne Twister): the same data on every run and machine.
class Random
{
public:
    explicit Random(quint32 seed)
        : m_g(seed)
    {
    }
    quint64 next() { return m_g.generate64(); }
    int below(int n) { return int(next() % quint64(n)); }
    double unit() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
    template <typename T>
    const T &pick(const QList<T> &items) { return items.at(below(int(items.size()))); }
    // An index drawn in proportion to the weights.
    int weighted(std::initializer_list<int> weights)
    {
        int total = 0;
        for (int w : weights)
            total += w;
        int r = below(total), i = 0;
        for (int w : weights) {
            if (r < w)
                return i;
            r -= w;
            ++i;
        }
        return i - 1;
    }

private:
    QRandomGenerator m_g;
};

struct Goods
{
    QString hs;
    QString description;
    QString unit;
    qint64 typicalFen = 0; // CNY per unit
};

struct Currency
{
    QString code;
    double cnyPerUnit;
    int minorDigits;
};

// The demo generator's 50 real tariff lines, plus synthetic ones over every chapter (sold by the
// kilogram), so that HS prefixes of every length have something to find.
QList<Goods> goodsCatalogue(Random &r)
{
    QList<Goods> out;
    QFile f(QStringLiteral(CLEARWAY_SOURCE_DIR "/resources/demo/hs_codes.tsv"));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(f.fileName()));
    while (!f.atEnd()) {
        const QByteArray line = f.readLine().trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const QList<QByteArray> cols = line.split('\t');
        out.append({QString::fromLatin1(cols.at(0)), QString::fromUtf8(cols.at(1)), QString::fromUtf8(cols.at(2)), cols.at(3).toLongLong()});
    }
    const QString kg = QStringLiteral("千克");
    for (int i = 0; i < 450; ++i) {
        const int chapter = 1 + r.below(97);
        out.append({QStringLiteral("%1%2").arg(chapter == 77 ? 76 : chapter, 2, 10, QLatin1Char('0')).arg(r.below(1000000) * 100, 8, 10, QLatin1Char('0')),
                    QStringLiteral("货物"), kg, 500 + r.below(200000)});
    }
    return out;
}

const QList<Currency> kCurrencies = {{QStringLiteral("USD"), 7.10, 2}, {QStringLiteral("CNY"), 1.0, 2}, {QStringLiteral("EUR"), 7.70, 2},
                                     {QStringLiteral("JPY"), 0.048, 0}, {QStringLiteral("HKD"), 0.91, 2}};

QStringList countryPool()
{
    QStringList out;
    for (const char *c : {"US", "JP", "KR", "DE", "AU", "BR", "VN", "TH", "MY", "FR", "IT", "NZ", "CL", "GB", "ES", "NL", "ID", "SA", "CA", "MX",
                          "PE", "ZA", "IN", "EC", "AR", "RU", "TR", "PH", "SG", "CH", "BE", "SE", "PL", "NO", "DK", "IE", "AT", "PT", "EG", "NG"})
        out << QString::fromLatin1(c);
    return out;
}

QString creditCode(Random &r)
{
    static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    QString code = QStringLiteral("91440%1MA5").arg(100 + r.below(900));
    while (code.size() < 18)
        code += QLatin1Char(alphabet[r.below(31)]);
    return code;
}

struct World
{
    QList<Goods> goods;
    QStringList countries;
    QList<Enterprise> enterprises;
    QStringList bills;
};

World makeWorld()
{
    Random r(4);
    World w;
    w.goods = goodsCatalogue(r);
    w.countries = countryPool();
    for (int i = 0; i < 20000; ++i) {
        const auto credit = static_cast<CreditClass>(r.weighted({8, 12, 79, 1}));
        w.enterprises.append({i + 1, creditCode(r), QStringLiteral("企业%1").arg(i + 1), credit});
    }
    for (int i = 0; i < 50000; ++i)
        w.bills << QStringLiteral("%1%2").arg(QStringList{QStringLiteral("COSU"), QStringLiteral("MSCU"), QStringLiteral("EGLV"), QStringLiteral("OOLU")}.at(r.below(4))).arg(6000000000LL + r.below(999999999));
    return w;
}

QList<Declaration> makeDeclarations(const World &w, int n)
{
    Random r(20261104);
    const QStringList tradeModes = {QStringLiteral("0110"), QStringLiteral("9610"), QStringLiteral("1210"), QStringLiteral("0615"), QStringLiteral("0214")};
    QList<Declaration> out;
    out.reserve(n);
    for (int i = 0; i < n; ++i) {
        Declaration d;
        d.id = i + 1;
        d.entryNo = QStringLiteral("51412026%1").arg(i + 1, 10, 10, QLatin1Char('0'));
        d.district = QStringLiteral("5141");
        d.direction = r.below(5) == 0 ? Direction::Export : Direction::Import;
        d.mode = static_cast<DeclarationMode>(r.weighted({50, 35, 10, 5}));
        d.tradeMode = tradeModes.at(r.weighted({60, 10, 10, 10, 10}));
        d.transport = static_cast<Transport>(r.weighted({55, 20, 5, 10, 10}));
        d.billNo = w.bills.at(r.below(int(w.bills.size())));
        d.enterprise = w.enterprises.at(r.below(int(w.enterprises.size())));
        const Currency &cur = kCurrencies.at(r.weighted({60, 15, 10, 8, 7}));
        d.currency = cur.code;
        const int lines = 1 + r.weighted({20, 25, 25, 15, 10, 5}); // 1-6, about 2.9
        const double minorPerCny = std::pow(10.0, cur.minorDigits) / cur.cnyPerUnit;
        for (int l = 0; l < lines; ++l) {
            // Most lines are the real tariff lines (a fifth of the catalogue, declared often).
            const Goods &g = r.below(10) < 7 ? w.goods.at(r.below(50)) : r.pick(w.goods);
            GoodsLine line;
            line.lineNo = l + 1;
            line.hsCode = g.hs;
            line.description = g.description;
            line.unit = g.unit;
            line.quantity = 1 + r.below(2000);
            line.value = qint64(double(g.typicalFen) / 100.0 * line.quantity * (0.2 + r.unit() * 1.8) * minorPerCny);
            line.currency = cur.code;
            line.origin = w.countries.at(r.weighted({12, 8, 6, 6, 4, 4, 5, 4, 3, 3, 3, 2, 2, 3, 2, 2, 3, 1, 2, 2, 1, 1, 3, 1, 1, 1, 1, 1, 1,
                                                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}));
            d.totalValue += line.value;
            d.goods.append(line);
        }
        out.append(d);
    }
    return out;
}

QString prefixOf(const QString &hs, Random &r)
{
    static const int lengths[] = {4, 6, 6, 8, 8, 10};
    return hs.left(lengths[r.below(6)]);
}

// R rules in the text supervisors write, each narrow as real control rules are (an HS code with an
// origin and a value or credit condition, a unit value far below its reference, a random sample):
// HS-prefix rules, unit-value rules against references, origin rules, trade-mode rules, and rules on
// enterprises, bills, credit and mode that no index can narrow (tried for every declaration).
QString makeRules(const World &w, int count)
{
    Random r(11);
    QString t = QStringLiteral("version bench-1\nrate USD 7.10\nrate EUR 7.70\nrate JPY 0.048\nrate HKD 0.91\n"
                               "target red 3%\ntarget yellow 12%\ntarget blue 10%\ntarget green 75%\n");
    auto listOf = [&](const char *name, const char *kind, const QStringList &items) {
        for (qsizetype i = 0; i < items.size(); i += 20)
            t += QStringLiteral("list %1 %2 %3\n").arg(QLatin1String(name), QLatin1String(kind), items.mid(i, 20).join(QLatin1Char(' ')));
    };
    QStringList black, watched, negative, bills;
    for (int i = 0; i < 50; ++i)
        black << w.enterprises.at(r.below(int(w.enterprises.size()))).code;
    for (int i = 0; i < 500; ++i)
        watched << w.enterprises.at(r.below(int(w.enterprises.size()))).code;
    for (int i = 0; i < 10; ++i)
        negative << w.goods.at(50 + r.below(int(w.goods.size()) - 50)).hs; // rarely declared goods
    for (int i = 0; i < 300; ++i)
        bills << w.bills.at(r.below(int(w.bills.size())));
    listOf("blacklist", "enterprise", black);
    listOf("watched", "enterprise", watched);
    listOf("negative", "hs", negative);
    listOf("watched-bills", "bill", bills);
    for (int i = 0; i < 50; ++i) {
        const Goods &g = w.goods.at(i);
        t += QStringLiteral("reference %1 %2 per %3\n").arg(g.hs.left(6)).arg(double(g.typicalFen) / 100.0, 0, 'f', 2).arg(g.unit);
    }
    t += QStringLiteral("rule NEG Negative list\n  hs in negative\n  channel red\n  instruction Check the licence.\nend\n");
    const QStringList transports = {QStringLiteral("sea"), QStringLiteral("air"), QStringLiteral("mail")};
    const QStringList modes = {QStringLiteral("9610"), QStringLiteral("1210"), QStringLiteral("0615")};
    auto lane = [&r] { return QStringList{QStringLiteral("yellow"), QStringLiteral("blue"), QStringLiteral("red")}.at(r.weighted({50, 45, 5})); };
    auto million = [&r](int lo, int hi) { return QString::number(qint64(lo + r.below(hi - lo)) * 1000000); }; // CNY
    for (int i = 1; i < count; ++i) {
        t += QStringLiteral("rule B%1 Generated rule %1\n").arg(i);
        const Goods &g = r.below(2) ? w.goods.at(r.below(50)) : r.pick(w.goods);
        switch (r.weighted({45, 10, 12, 6, 7, 8, 12})) {
        case 0: // goods from an origin, large or by general-credit firms
            t += QStringLiteral("  hs %1\n  origin %2\n").arg(prefixOf(g.hs, r), r.pick(w.countries));
            t += r.below(2) ? QStringLiteral("  value >= %1\n").arg(million(1, 20)) : QStringLiteral("  credit general\n");
            t += QStringLiteral("  channel %1\n").arg(lane());
            break;
        case 1: // far below the reference value
            t += QStringLiteral("  hs %1\n  unit-value below %2%\n  channel %3\n").arg(w.goods.at(r.below(50)).hs.left(6)).arg(20 + r.below(6)).arg(lane());
            break;
        case 2: // an origin by a transport, general credit, large
            t += QStringLiteral("  origin %1\n  transport %2\n  credit general\n  value >= %3\n  channel %4\n")
                     .arg(r.pick(w.countries), r.pick(transports), million(2, 30), lane());
            break;
        case 3: // a trade mode, large
            t += QStringLiteral("  trade-mode %1\n  value >= %2\n  channel blue\n").arg(r.pick(modes), million(30, 80));
            break;
        case 4: // enterprises: named ones, or the watch-list on two-step declarations
            t += r.below(4) ? QStringLiteral("  enterprise %1 %2\n").arg(r.pick(w.enterprises).code, r.pick(w.enterprises).code)
                            : QStringLiteral("  enterprise in watched\n  mode two-step\n  direction import\n");
            t += QStringLiteral("  channel yellow\n");
            break;
        case 5: // bills, or two-step declarations of general-credit firms above a value
            t += r.below(2) ? QStringLiteral("  bill %1 %2 %3\n").arg(r.pick(w.bills), r.pick(w.bills), r.pick(w.bills))
                            : QStringLiteral("  credit general\n  mode two-step\n  value >= %1\n").arg(million(40, 90));
            t += QStringLiteral("  channel %1\n").arg(lane());
            break;
        default: // a random sample of goods not made in China
            t += QStringLiteral("  hs %1\n  origin not CN\n  sample %2% red\n").arg(prefixOf(g.hs, r)).arg(0.5 * (1 + r.below(3)));
            break;
        }
        t += QStringLiteral("  instruction Generated instruction %1.\nend\n").arg(i);
    }
    return t;
}

// The floor: read every field of every declaration the rules look at.
quint64 readAll(const QList<Declaration> &ds)
{
    quint64 h = 0;
    for (const Declaration &d : ds) {
        h += qHash(d.enterprise.code) ^ qHash(d.billNo) ^ qHash(d.tradeMode) ^ qHash(d.currency) ^ quint64(d.totalValue) ^ quint64(d.enterprise.credit)
            ^ quint64(d.transport) ^ quint64(d.mode);
        for (const GoodsLine &g : d.goods)
            h += qHash(g.hsCode) ^ qHash(g.origin) ^ qHash(g.unit) ^ qHash(g.currency) ^ quint64(g.value) ^ quint64(g.quantity);
    }
    return h;
}

struct Routed
{
    std::array<int, 5> lanes{};
    qint64 hits = 0;
};

Routed route(const RiskEngine &e, const QList<Declaration> &ds, RiskEngine::Candidates candidates)
{
    Routed out;
    for (const Declaration &d : ds) {
        const RiskAssessment a = e.assess(d, candidates);
        ++out.lanes[size_t(a.channel)];
        out.hits += a.hits.size();
    }
    return out;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int n = argc > 1 ? QByteArray(argv[1]).toInt() : 100000;
    const int ruleCount = argc > 2 ? QByteArray(argv[2]).toInt() : 500;
    const int repeat = argc > 3 ? QByteArray(argv[3]).toInt() : 5;
    if (n < 1 || ruleCount < 1 || repeat < 1) {
        std::fprintf(stderr, "usage: bench_risk [declarations >= 1] [rules >= 1] [repeat >= 1]\n");
        return 2;
    }

    QElapsedTimer t;
    t.start();
    const World world = makeWorld();
    const QList<Declaration> declarations = makeDeclarations(world, n);
    qint64 lines = 0;
    for (const Declaration &d : declarations)
        lines += d.goods.size();
    const QString text = makeRules(world, ruleCount);
    std::printf("generated %d declarations (%lld goods lines, %.2f a declaration) and %d rules (%lld lines of rule text) in %.1f s\n", n,
                static_cast<long long>(lines), double(lines) / n, ruleCount, static_cast<long long>(text.count(QLatin1Char('\n'))), t.elapsed() / 1000.0);

    QList<double> compile;
    std::optional<RiskEngine> engine;
    for (int i = 0; i < repeat; ++i) {
        QList<RuleSetError> errors;
        t.restart();
        engine = RiskEngine::fromText(text, &errors);
        compile << t.nsecsElapsed() / 1e6;
        if (!engine) {
            for (const RuleSetError &e : std::as_const(errors))
                std::fprintf(stderr, "%s\n", qPrintable(e.text()));
            return 1;
        }
    }

    QList<double> indexed, all, floor;
    Routed r, rAll;
    quint64 sink = 0;
    const int allRepeat = qMax(1, repeat / 2);
    for (int i = 0; i < repeat; ++i) {
        t.restart();
        sink += readAll(declarations);
        floor << t.nsecsElapsed() / 1e6;
        t.restart();
        r = route(*engine, declarations, RiskEngine::Candidates::Indexed);
        indexed << t.nsecsElapsed() / 1e6;
        if (i < allRepeat) {
            t.restart();
            rAll = route(*engine, declarations, RiskEngine::Candidates::AllRules);
            all << t.nsecsElapsed() / 1e6;
        }
        std::printf("run %d: indexed %.0f ms, reading only %.1f ms%s\n", i + 1, indexed.last(), floor.last(),
                    i < allRepeat ? qPrintable(QStringLiteral(", every rule %1 ms").arg(all.last(), 0, 'f', 0)) : "");
        std::fflush(stdout);
    }
    if (r.lanes != rAll.lanes || r.hits != rAll.hits) {
        std::fprintf(stderr, "the index and trying every rule disagree\n");
        return 1;
    }

    struct rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    const double ix = medianOf(indexed), ax = medianOf(all), fx = medianOf(floor);
    std::printf("lanes: green %d (%.1f %%), blue %d (%.1f %%), yellow %d (%.1f %%), red %d (%.1f %%); %.2f reasons a declaration\n",
                r.lanes[size_t(Channel::Green)], 100.0 * r.lanes[size_t(Channel::Green)] / n, r.lanes[size_t(Channel::Blue)],
                100.0 * r.lanes[size_t(Channel::Blue)] / n, r.lanes[size_t(Channel::Yellow)], 100.0 * r.lanes[size_t(Channel::Yellow)] / n,
                r.lanes[size_t(Channel::Red)], 100.0 * r.lanes[size_t(Channel::Red)] / n, double(r.hits) / n);
    std::printf("parse + compile %d rules                       median %8.1f ms\n", ruleCount, medianOf(compile));
    std::printf("route %d declarations, %d rules (indexed)     median %8.0f ms  %9.0f declarations/s   target <= 5000 ms\n", n, ruleCount, ix,
                n / (ix / 1000));
    std::printf("  baseline: every rule for every declaration   median %8.0f ms  %9.0f declarations/s   indexed/every rule %.3fx\n", ax,
                n / (ax / 1000), ix / ax);
    std::printf("  baseline: reading the declarations only      median %8.1f ms                          indexed/reading %.1fx\n", fx, ix / fx);
    std::printf("peak RSS %.0f MB (checksum %llu)\n", usage.ru_maxrss / 1024.0, static_cast<unsigned long long>(sink % 1000));
    return 0;
}
