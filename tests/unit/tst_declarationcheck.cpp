// Field-level checks of declarations (models/declarationcheck.h): one mistake at a time against a
// valid declaration, several at once, the two-step guarantee rule and the step-2 deadline in China
// time. Runs with TZ=America/New_York, so nothing depends on the machine's zone.
#include "models/declarationcheck.h"
#include "tests/common/teststrings.h"

#include <QTest>
#include <QTimeZone>

#include <ctime>
#include <functional>
#include <limits>

using namespace Clearway::Models;

namespace {

using Change = std::function<void(Declaration &)>;

GoodsLine line(const char *hs, const char *origin, double quantity, qint64 value, const char *currency = "USD")
{
    GoodsLine g;
    g.hsCode = QString::fromLatin1(hs);
    g.origin = QString::fromLatin1(origin);
    g.quantity = quantity;
    g.unit = QStringLiteral("台");
    g.value = value;
    g.currency = QString::fromLatin1(currency);
    return g;
}

Declaration valid()
{
    Declaration d;
    d.entryNo = QStringLiteral("514120261000000001");
    d.district = QStringLiteral("5141");
    d.tradeMode = QStringLiteral("0110");
    d.enterprise = Enterprise{1, QStringLiteral("91440101MA5CK7XQ2L"), QStringLiteral("广州市华南进出口贸易有限公司"), CreditClass::General};
    d.currency = QStringLiteral("USD");
    d.goods = {line("8471300000", "US", 10, 650000), line("8517130000", "VN", 20, 840000), line("0306170000", "EC", 100.5, 123456)};
    d.totalValue = 650000 + 840000 + 123456;
    return d;
}

// "field:code" for each issue, in order.
QStringList keys(const QList<FieldIssue> &issues) { return Clearway::Test::fieldCodes(issues); }

QDateTime shanghai(int y, int m, int d, int h, int min) { return QDateTime(QDate(y, m, d), QTime(h, min), QTimeZone("Asia/Shanghai")); }

} // namespace

Q_DECLARE_METATYPE(Change)

class TestDeclarationCheck final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void validDeclarationHasNoIssues();
    void issues_data();
    void issues();
    void reasonsAreWordsThatNameTheValue_data();
    void reasonsAreWordsThatNameTheValue();
    void needsGuarantee_data();
    void needsGuarantee();
    void stepTwoDeadline_data();
    void stepTwoDeadline();
};

void TestDeclarationCheck::initTestCase()
{
    QCOMPARE(QTimeZone::systemTimeZoneId(), QByteArray("America/New_York"));
}

void TestDeclarationCheck::validDeclarationHasNoIssues()
{
    const QList<FieldIssue> issues = checkDeclaration(valid());
    QVERIFY2(issues.isEmpty(), qPrintable(keys(issues).join(QLatin1Char(' '))));
}

void TestDeclarationCheck::issues_data()
{
    QTest::addColumn<Change>("change");
    QTest::addColumn<QStringList>("expected");

    auto row = [](const char *name, Change change, std::initializer_list<const char *> expected) {
        QTest::newRow(name) << change << Clearway::Test::strings(expected);
    };
    row("entry number missing", [](Declaration &d) { d.entryNo.clear(); }, {"entryNo:missing"});
    row("entry number of 17 digits", [](Declaration &d) { d.entryNo.chop(1); }, {"entryNo:malformed"});
    row("entry number of 19 digits", [](Declaration &d) { d.entryNo += QLatin1Char('1'); }, {"entryNo:malformed"});
    row("entry number with a letter", [](Declaration &d) { d.entryNo[5] = QLatin1Char('A'); }, {"entryNo:malformed"});
    row("entry number with full-width digits", [](Declaration &d) { d.entryNo = QStringLiteral("５１４１２０２６１０００００００００１"); }, {"entryNo:malformed"});
    row("district missing", [](Declaration &d) { d.district.clear(); }, {"district:missing"});
    row("district of 3 digits", [](Declaration &d) { d.district = QStringLiteral("514"); }, {"district:malformed"});
    row("enterprise missing", [](Declaration &d) { d.enterprise = Enterprise{}; }, {"enterprise:missing"});
    row("enterprise without code", [](Declaration &d) { d.enterprise.code.clear(); }, {"enterprise.code:missing"});
    row("credit code of 17 characters", [](Declaration &d) { d.enterprise.code.chop(1); }, {"enterprise.code:malformed"});
    row("credit code with an O", [](Declaration &d) { d.enterprise.code[12] = QLatin1Char('O'); }, {"enterprise.code:malformed"});
    row("credit code in lower case", [](Declaration &d) { d.enterprise.code = d.enterprise.code.toLower(); }, {"enterprise.code:malformed"});
    row("trade mode missing", [](Declaration &d) { d.tradeMode.clear(); }, {"tradeMode:missing"});
    row("trade mode with a letter", [](Declaration &d) { d.tradeMode = QStringLiteral("01A0"); }, {"tradeMode:malformed"});
    // Without the declaration's currency the lines cannot differ from it, nor the total be summed.
    row("currency missing", [](Declaration &d) { d.currency.clear(); }, {"currency:missing"});
    row("unknown currency", [](Declaration &d) {
        d.currency = QStringLiteral("XYZ");
        for (GoodsLine &g : d.goods)
            g.currency = d.currency;
    }, {"currency:unknown_currency", "goods[1].currency:unknown_currency", "goods[2].currency:unknown_currency", "goods[3].currency:unknown_currency"});
    row("lower-case currency", [](Declaration &d) {
        d.currency = QStringLiteral("usd");
        for (GoodsLine &g : d.goods)
            g.currency = d.currency;
    }, {"currency:unknown_currency", "goods[1].currency:unknown_currency", "goods[2].currency:unknown_currency", "goods[3].currency:unknown_currency"});
    row("test currency XTS", [](Declaration &d) { d.goods[1].currency = QStringLiteral("XTS"); }, {"goods[2].currency:unknown_currency"});
    row("a line in another currency", [](Declaration &d) { d.goods[2].currency = QStringLiteral("EUR"); }, {"goods[3].currency:currency_differs"});
    row("no goods lines", [](Declaration &d) {
        d.goods.clear();
        d.totalValue = 0;
    }, {"goods:missing"});
    row("HS code of 8 digits", [](Declaration &d) { d.goods[0].hsCode = QStringLiteral("84713000"); }, {"goods[1].hsCode:malformed"});
    row("HS code of 11 digits", [](Declaration &d) { d.goods[1].hsCode += QLatin1Char('0'); }, {"goods[2].hsCode:malformed"});
    row("HS code with a dot", [](Declaration &d) { d.goods[0].hsCode = QStringLiteral("8471.30000"); }, {"goods[1].hsCode:malformed"});
    row("HS code missing", [](Declaration &d) { d.goods[2].hsCode.clear(); }, {"goods[3].hsCode:missing"});
    row("unknown country", [](Declaration &d) { d.goods[0].origin = QStringLiteral("XX"); }, {"goods[1].origin:unknown_country"});
    row("alpha-3 country", [](Declaration &d) { d.goods[0].origin = QStringLiteral("USA"); }, {"goods[1].origin:unknown_country"});
    row("lower-case country", [](Declaration &d) { d.goods[1].origin = QStringLiteral("vn"); }, {"goods[2].origin:unknown_country"});
    row("origin missing", [](Declaration &d) { d.goods[1].origin.clear(); }, {"goods[2].origin:missing"});
    row("zero quantity", [](Declaration &d) { d.goods[0].quantity = 0; }, {"goods[1].quantity:quantity"});
    row("negative quantity", [](Declaration &d) { d.goods[2].quantity = -3; }, {"goods[3].quantity:quantity"});
    row("quantity not a number", [](Declaration &d) { d.goods[2].quantity = std::numeric_limits<double>::quiet_NaN(); }, {"goods[3].quantity:quantity"});
    row("infinite quantity", [](Declaration &d) { d.goods[2].quantity = std::numeric_limits<double>::infinity(); }, {"goods[3].quantity:quantity"});
    row("unit missing", [](Declaration &d) { d.goods[1].unit = QStringLiteral(" "); }, {"goods[2].unit:missing"});
    row("negative line value (total follows)", [](Declaration &d) {
        d.goods[1].value = -5;
        d.totalValue = 650000 - 5 + 123456;
    }, {"goods[2].value:negative"});
    row("total one cent short", [](Declaration &d) { d.totalValue -= 1; }, {"totalValue:total_mismatch"});
    row("total one cent over", [](Declaration &d) { d.totalValue += 1; }, {"totalValue:total_mismatch"});
    row("negative total", [](Declaration &d) { d.totalValue = -1; }, {"totalValue:negative", "totalValue:total_mismatch"});
    row("line values overflow", [](Declaration &d) {
        d.goods[0].value = std::numeric_limits<qint64>::max();
        d.goods[1].value = 1;
    }, {"totalValue:total_overflow"});
    row("two-step without guarantee", [](Declaration &d) { d.mode = DeclarationMode::TwoStep; }, {"guarantee:guarantee_required"});
    row("two-step with a bank guarantee", [](Declaration &d) {
        d.mode = DeclarationMode::TwoStep;
        d.guarantee = GuaranteeKind::BankGuarantee;
    }, {});
    row("two-step by an AEO enterprise", [](Declaration &d) {
        d.mode = DeclarationMode::TwoStep;
        d.enterprise.credit = CreditClass::AdvancedCertified;
    }, {});
    row("advance declaration without guarantee", [](Declaration &d) { d.mode = DeclarationMode::Advance; }, {});
    row("several at once, in field order", [](Declaration &d) {
        d.entryNo = QStringLiteral("123");
        d.goods[0].hsCode = QStringLiteral("8471");
        d.goods[0].origin = QStringLiteral("ZZ");
        d.goods[2].quantity = 0;
        d.totalValue = 1;
        d.mode = DeclarationMode::TwoStep;
    }, {"entryNo:malformed", "goods[1].hsCode:malformed", "goods[1].origin:unknown_country", "goods[3].quantity:quantity",
        "totalValue:total_mismatch", "guarantee:guarantee_required"});
}

void TestDeclarationCheck::issues()
{
    QFETCH(Change, change);
    QFETCH(QStringList, expected);
    Declaration d = valid();
    change(d);
    const QList<FieldIssue> issues = checkDeclaration(d);
    QCOMPARE(keys(issues), expected);
    for (const FieldIssue &i : issues)
        QVERIFY2(!i.reason.isEmpty(), qPrintable(i.field));
}

void TestDeclarationCheck::reasonsAreWordsThatNameTheValue_data()
{
    QTest::addColumn<Change>("change");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QStringList>("mentions");
    QTest::newRow("HS code") << Change([](Declaration &d) { d.goods[1].hsCode = QStringLiteral("851713"); }) << QStringLiteral("goods[2].hsCode")
                             << QStringList{QStringLiteral("851713"), QStringLiteral("10"), QStringLiteral("2")};
    QTest::newRow("country") << Change([](Declaration &d) { d.goods[0].origin = QStringLiteral("QQ"); }) << QStringLiteral("goods[1].origin")
                             << QStringList{QStringLiteral("QQ"), QStringLiteral("3166")};
    QTest::newRow("currency") << Change([](Declaration &d) { d.goods[0].currency = QStringLiteral("ABC"); }) << QStringLiteral("goods[1].currency")
                              << QStringList{QStringLiteral("ABC"), QStringLiteral("4217")};
    QTest::newRow("quantity") << Change([](Declaration &d) { d.goods[2].quantity = -2.5; }) << QStringLiteral("goods[3].quantity")
                              << QStringList{QStringLiteral("-2.5")};
    // Both sums, formatted as money: 16,134.56 USD against 16,134.57 USD.
    QTest::newRow("total") << Change([](Declaration &d) { d.totalValue += 1; }) << QStringLiteral("totalValue")
                           << QStringList{formatMoney(1613456, QStringLiteral("USD")), formatMoney(1613457, QStringLiteral("USD"))};
    QTest::newRow("entry number") << Change([](Declaration &d) { d.entryNo = QStringLiteral("5141"); }) << QStringLiteral("entryNo")
                                  << QStringList{QStringLiteral("5141"), QStringLiteral("18")};
}

void TestDeclarationCheck::reasonsAreWordsThatNameTheValue()
{
    QFETCH(Change, change);
    QFETCH(QString, field);
    QFETCH(QStringList, mentions);
    Declaration d = valid();
    change(d);
    const QList<FieldIssue> issues = checkDeclaration(d);
    QCOMPARE(issues.size(), 1);
    QCOMPARE(issues.first().field, field);
    for (const QString &m : mentions)
        QVERIFY2(issues.first().reason.contains(m), qPrintable(issues.first().reason + QStringLiteral(" lacks ") + m));
}

void TestDeclarationCheck::needsGuarantee_data()
{
    QTest::addColumn<DeclarationMode>("mode");
    QTest::addColumn<CreditClass>("credit");
    QTest::addColumn<bool>("needed");
    const QList<DeclarationMode> modes = {DeclarationMode::Standard, DeclarationMode::Advance, DeclarationMode::TwoStep, DeclarationMode::TwoStageAccess};
    const QList<CreditClass> credits = {CreditClass::AdvancedCertified, CreditClass::GeneralCertified, CreditClass::General, CreditClass::Dishonest};
    for (DeclarationMode m : modes) {
        for (CreditClass c : credits) {
            QTest::addRow("%s/%s", qPrintable(declarationModeLabel(m)), qPrintable(creditClassLabel(c)))
                << m << c << (m == DeclarationMode::TwoStep && c != CreditClass::AdvancedCertified);
        }
    }
}

void TestDeclarationCheck::needsGuarantee()
{
    QFETCH(DeclarationMode, mode);
    QFETCH(CreditClass, credit);
    QFETCH(bool, needed);
    Declaration d = valid();
    d.mode = mode;
    d.enterprise.credit = credit;
    QCOMPARE(Clearway::Models::needsGuarantee(d), needed);
    QCOMPARE(keys(checkDeclaration(d)).contains(QStringLiteral("guarantee:guarantee_required")), needed);
    d.guarantee = GuaranteeKind::GeneralGuarantee;
    QVERIFY(checkDeclaration(d).isEmpty());
}

void TestDeclarationCheck::stepTwoDeadline_data()
{
    QTest::addColumn<QDateTime>("arrival");
    QTest::addColumn<QDateTime>("due");
    const QTimeZone utc = QTimeZone::utc();
    // The arrival day is day 1; the full declaration is due by the end of day 14.
    QTest::newRow("morning arrival") << shanghai(2025, 3, 1, 10, 0) << shanghai(2025, 3, 15, 0, 0);
    QTest::newRow("arrival at midnight") << shanghai(2025, 3, 1, 0, 0) << shanghai(2025, 3, 15, 0, 0);
    QTest::newRow("arrival at 23:59") << shanghai(2025, 3, 1, 23, 59) << shanghai(2025, 3, 15, 0, 0);
    QTest::newRow("across the month") << shanghai(2025, 1, 25, 9, 0) << shanghai(2025, 2, 8, 0, 0);
    QTest::newRow("across the year") << shanghai(2025, 12, 20, 9, 0) << shanghai(2026, 1, 3, 0, 0);
    QTest::newRow("leap February") << shanghai(2024, 2, 20, 9, 0) << shanghai(2024, 3, 5, 0, 0);
    // Given in UTC: 17:00 UTC on 1 March is 01:00 on 2 March in China.
    QTest::newRow("UTC, already the next day in China") << QDateTime(QDate(2025, 3, 1), QTime(17, 0), utc) << shanghai(2025, 3, 16, 0, 0);
    QTest::newRow("UTC, same day in China") << QDateTime(QDate(2025, 3, 1), QTime(15, 59), utc) << shanghai(2025, 3, 15, 0, 0);
    QTest::newRow("no arrival yet") << QDateTime() << QDateTime();
}

void TestDeclarationCheck::stepTwoDeadline()
{
    QFETCH(QDateTime, arrival);
    QFETCH(QDateTime, due);
    const QDateTime got = twoStepFullDeclarationDue(arrival);
    QCOMPARE(got.isValid(), due.isValid());
    if (due.isValid()) {
        QCOMPARE(got.toMSecsSinceEpoch(), due.toMSecsSinceEpoch());
        QCOMPARE(got.toTimeZone(QTimeZone("Asia/Shanghai")).time(), QTime(0, 0));
        // Arrival day counts as the first of the 14 days.
        QCOMPARE(arrival.toTimeZone(QTimeZone("Asia/Shanghai")).date().daysTo(got.toTimeZone(QTimeZone("Asia/Shanghai")).date()), 14);
    }
}

int main(int argc, char *argv[])
{
    // Not China: the deadline must not depend on the machine's zone.
    qputenv("TZ", "America/New_York");
    tzset();
    QCoreApplication app(argc, argv);
    TestDeclarationCheck test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_declarationcheck.moc"
