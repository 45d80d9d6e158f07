// E-commerce retail import (models/ecommerce.h): the three-document comparison field by field, and
// the personal quota at its edges (5,000.00 and 5,000.01 a transaction; 25,999.99 used + 0.01 and
// + 0.02 a year), across the year boundary in China time, and after an identity theft is confirmed.
// Runs with TZ=Europe/London, so China's calendar year is not the machine's.
#include "models/ecommerce.h"
#include "tests/common/teststrings.h"

#include <QTest>
#include <QTimeZone>

#include <ctime>
#include <functional>

using namespace Clearway::Models;

namespace {

struct Documents
{
    Manifest manifest;
    EcommerceOrder order;
    EcommercePayment payment;
    EcommerceWaybill waybill;
};

// Three documents that agree with their manifest.
Documents agreeing()
{
    Documents d;
    d.manifest.manifestNo = QStringLiteral("51412026I000000123");
    d.manifest.orderNo = QStringLiteral("TM20251111000123");
    d.manifest.paymentNo = QStringLiteral("ALP2025111100998877");
    d.manifest.waybillNo = QStringLiteral("SF1400012345678");
    d.manifest.buyerName = QStringLiteral("王芳");
    d.manifest.buyerIdNo = QStringLiteral("44010619900307282X");
    d.manifest.consignee = QStringLiteral("王芳");
    d.manifest.totalValue = 123456; // 1,234.56 CNY
    d.order = {d.manifest.orderNo, d.manifest.buyerIdNo, d.manifest.buyerName, QStringLiteral("王芳"), 123456};
    d.payment = {d.manifest.paymentNo, d.manifest.orderNo, d.manifest.buyerIdNo, d.manifest.buyerName, 123456};
    d.waybill = {d.manifest.waybillNo, d.manifest.orderNo, QStringLiteral("王芳")};
    return d;
}

using Change = std::function<void(Documents &)>;

QStringList keys(const QList<DocumentMismatch> &list)
{
    QStringList out;
    for (const DocumentMismatch &m : list)
        out << m.field + QLatin1Char(':') + m.document + QLatin1Char('/') + m.reference;
    return out;
}

QDateTime shanghai(int y, int mo, int d, int h, int mi, int s = 0) { return QDateTime(QDate(y, mo, d), QTime(h, mi, s), QTimeZone("Asia/Shanghai")); }

const QString kBuyer = QStringLiteral("44010619900307282X");

struct Use
{
    qint64 fen;
    QDateTime at;
    QString buyer = kBuyer;
    bool stolen = false;
};

QuotaLedger ledgerOf(const QList<Use> &uses)
{
    QuotaLedger ledger;
    int n = 0;
    for (const Use &u : uses) {
        const QString order = QStringLiteral("ORD%1").arg(++n);
        QString error;
        const bool ok = ledger.record({u.buyer, order, QStringLiteral("M%1").arg(n), u.fen, u.at, {}}, &error);
        if (!ok)
            qFatal("ledger: %s", qPrintable(error));
        if (u.stolen && !ledger.restoreStolen(u.buyer, {order}, QStringLiteral("GZ-THEFT-1"), nullptr, &error))
            qFatal("restore: %s", qPrintable(error));
    }
    return ledger;
}

} // namespace

Q_DECLARE_METATYPE(Change)
Q_DECLARE_METATYPE(QList<Use>)

class TestEcommerce final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void compare_data();
    void compare();
    void mismatchNamesBothValues();

    void quota_data();
    void quota();
    void flaggedManifestReportsUsedAndRemaining();
    void quotaYear_data();
    void quotaYear();
    void recordRefusals();
    void theftRestoresTheQuota();
    void theftRestorationIsAllOrNothing();

    void release_data();
    void release();
    void identityNumbersAreMaskedOnScreen();
    void maskIdNumber_data();
    void maskIdNumber();
};

void TestEcommerce::initTestCase()
{
    QCOMPARE(QTimeZone::systemTimeZoneId(), QByteArray("Europe/London"));
    QVERIFY(compareDocuments(agreeing().manifest, agreeing().order, agreeing().payment, agreeing().waybill).isEmpty());
}

void TestEcommerce::compare_data()
{
    QTest::addColumn<Change>("change");
    QTest::addColumn<QStringList>("expected");
    auto row = [](const char *name, Change change, std::initializer_list<const char *> expected) {
        QTest::newRow(name) << change << Clearway::Test::strings(expected);
    };
    row("all agree", [](Documents &) {}, {});
    row("order's order number", [](Documents &d) { d.order.orderNo += QLatin1Char('9'); }, {"order_no:order/manifest"});
    row("payment's order number", [](Documents &d) { d.payment.orderNo.clear(); }, {"order_no:payment/manifest"});
    row("waybill's order number", [](Documents &d) { d.waybill.orderNo = QStringLiteral("TM20251111000124"); }, {"order_no:waybill/manifest"});
    row("manifest's order number: all three differ", [](Documents &d) { d.manifest.orderNo = QStringLiteral("X"); },
        {"order_no:order/manifest", "order_no:payment/manifest", "order_no:waybill/manifest"});
    row("payment number", [](Documents &d) { d.payment.paymentNo = QStringLiteral("ALP0"); }, {"payment_no:payment/manifest"});
    row("waybill number", [](Documents &d) { d.manifest.waybillNo = QStringLiteral("SF0"); }, {"waybill_no:waybill/manifest"});
    row("buyer ID on the order", [](Documents &d) { d.order.buyerIdNo = QStringLiteral("440106199003072821"); }, {"buyer_id:order/manifest"});
    row("buyer ID on the payment: x for X", [](Documents &d) { d.payment.payerIdNo = QStringLiteral("44010619900307282x"); }, {"buyer_id:payment/manifest"});
    row("buyer ID on the manifest", [](Documents &d) { d.manifest.buyerIdNo = QStringLiteral("440106199003072838"); },
        {"buyer_id:order/manifest", "buyer_id:payment/manifest"});
    row("buyer name on the order", [](Documents &d) { d.order.buyerName = QStringLiteral("王 芳"); }, {"buyer_name:order/manifest"});
    row("payer name", [](Documents &d) { d.payment.payerName = QStringLiteral("李娜"); }, {"buyer_name:payment/manifest"});
    row("consignee on the waybill", [](Documents &d) { d.waybill.consignee = QStringLiteral("王芳 "); }, {"consignee:waybill/order"});
    row("consignee on the order", [](Documents &d) { d.order.consignee = QStringLiteral("张伟"); }, {"consignee:waybill/order"});
    row("consignee differs from the buyer: allowed", [](Documents &d) {
        d.order.consignee = QStringLiteral("张伟");
        d.waybill.consignee = QStringLiteral("张伟");
    }, {});
    row("order total one fen more", [](Documents &d) { d.order.total += 1; }, {"amount:order/manifest"});
    row("payment one fen less", [](Documents &d) { d.payment.amount -= 1; }, {"amount:payment/manifest"});
    row("manifest total one fen more", [](Documents &d) { d.manifest.totalValue += 1; }, {"amount:order/manifest", "amount:payment/manifest"});
    row("everything differs", [](Documents &d) {
        d.order = {};
        d.payment = {};
        d.waybill = {};
    }, {"order_no:order/manifest", "order_no:payment/manifest", "order_no:waybill/manifest", "payment_no:payment/manifest",
        "waybill_no:waybill/manifest", "buyer_id:order/manifest", "buyer_id:payment/manifest", "buyer_name:order/manifest",
        "buyer_name:payment/manifest", "amount:order/manifest", "amount:payment/manifest"});
}

void TestEcommerce::compare()
{
    QFETCH(Change, change);
    QFETCH(QStringList, expected);
    Documents d = agreeing();
    change(d);
    const QList<DocumentMismatch> mismatches = compareDocuments(d.manifest, d.order, d.payment, d.waybill);
    QCOMPARE(keys(mismatches), expected);
    for (const DocumentMismatch &m : mismatches) {
        QVERIFY(m.value != m.expected);
        QVERIFY(!m.message.isEmpty());
    }
}

void TestEcommerce::mismatchNamesBothValues()
{
    Documents d = agreeing();
    d.payment.payerName = QStringLiteral("李娜");
    d.payment.amount = 123400;
    d.waybill.consignee.clear();
    const QList<DocumentMismatch> m = compareDocuments(d.manifest, d.order, d.payment, d.waybill);
    QCOMPARE(m.size(), 3);

    QCOMPARE(m.at(0).value, QStringLiteral("李娜"));
    QCOMPARE(m.at(0).expected, QStringLiteral("王芳"));
    QVERIFY2(m.at(0).message.contains(QStringLiteral("李娜")) && m.at(0).message.contains(QStringLiteral("王芳")), qPrintable(m.at(0).message));
    QVERIFY2(m.at(0).message.contains(QStringLiteral("payment")) && m.at(0).message.contains(QStringLiteral("manifest")), qPrintable(m.at(0).message));

    // Amounts as money, to the fen.
    QCOMPARE(m.at(2).field, QStringLiteral("amount"));
    QCOMPARE(m.at(2).value, formatMoney(123400, QStringLiteral("CNY")));
    QCOMPARE(m.at(2).expected, formatMoney(123456, QStringLiteral("CNY")));
    QVERIFY2(m.at(2).message.contains(m.at(2).value) && m.at(2).message.contains(m.at(2).expected), qPrintable(m.at(2).message));
    QVERIFY2(m.at(2).message.contains(QStringLiteral(".00 CNY")) && m.at(2).message.contains(QStringLiteral(".56 CNY")), qPrintable(m.at(2).message));

    // An empty value is shown as such, not as nothing.
    QCOMPARE(m.at(1).field, QStringLiteral("consignee"));
    QVERIFY2(m.at(1).message.contains(QStringLiteral("(empty)")), qPrintable(m.at(1).message));
}

void TestEcommerce::quota_data()
{
    QTest::addColumn<QList<Use>>("uses");
    QTest::addColumn<qint64>("amount");
    QTest::addColumn<QDateTime>("at");
    QTest::addColumn<bool>("overTransaction");
    QTest::addColumn<bool>("overYear");
    QTest::addColumn<qint64>("used");
    QTest::addColumn<qint64>("remaining");

    const QDateTime may = shanghai(2025, 5, 20, 10, 0);
    // 25,999.99 used in 2025: five 5,000.00 and one 999.99.
    QList<Use> almost;
    for (int i = 0; i < 5; ++i)
        almost << Use{500000, shanghai(2025, 1 + i, 3, 12, 0)};
    almost << Use{99999, shanghai(2025, 6, 1, 9, 0)};
    QList<Use> full = almost;
    full.last().fen = 100000; // 26,000.00

    QTest::newRow("exactly 5,000.00: passes") << QList<Use>() << qint64(500000) << may << false << false << qint64(0) << qint64(2600000);
    QTest::newRow("5,000.01: over the transaction limit") << QList<Use>() << qint64(500001) << may << true << false << qint64(0) << qint64(2600000);
    QTest::newRow("0.01") << QList<Use>() << qint64(1) << may << false << false << qint64(0) << qint64(2600000);
    QTest::newRow("25,999.99 used + 0.01: passes") << almost << qint64(1) << may << false << false << qint64(2599999) << qint64(1);
    QTest::newRow("25,999.99 used + 0.02: over the year") << almost << qint64(2) << may << false << true << qint64(2599999) << qint64(1);
    QTest::newRow("26,000.00 used + 0.01") << full << qint64(1) << may << false << true << qint64(2600000) << qint64(0);
    QTest::newRow("25,999.99 used + 5,000.01: over both") << almost << qint64(500001) << may << true << true << qint64(2599999) << qint64(1);

    // The year is China's: 2025-12-31 23:59 and 2026-01-01 00:00 in Asia/Shanghai are different years.
    const QList<Use> fullAtYearEnd = {Use{500000, shanghai(2025, 12, 31, 23, 59)}, Use{500000, shanghai(2025, 12, 31, 23, 59)},
                                      Use{500000, shanghai(2025, 12, 31, 23, 59)}, Use{500000, shanghai(2025, 12, 31, 23, 59)},
                                      Use{500000, shanghai(2025, 12, 31, 23, 59)}, Use{100000, shanghai(2025, 12, 31, 23, 59)}};
    QTest::newRow("full in 2025, next one at 2026-01-01 00:00") << fullAtYearEnd << qint64(500000) << shanghai(2026, 1, 1, 0, 0) << false << false
                                                                 << qint64(0) << qint64(2600000);
    QTest::newRow("full in 2025, next one at 2025-12-31 23:59:59") << fullAtYearEnd << qint64(1) << shanghai(2025, 12, 31, 23, 59, 59) << false << true
                                                                    << qint64(2600000) << qint64(0);
    // The same moments given in UTC: 16:00 UTC on 31 December is already 2026 in China, 15:59 is not.
    const QTimeZone utc = QTimeZone::utc();
    QTest::newRow("UTC 2025-12-31 16:00 is 2026 in China") << fullAtYearEnd << qint64(1) << QDateTime(QDate(2025, 12, 31), QTime(16, 0), utc) << false
                                                            << false << qint64(0) << qint64(2600000);
    QTest::newRow("UTC 2025-12-31 15:59 is 2025 in China") << fullAtYearEnd << qint64(1) << QDateTime(QDate(2025, 12, 31), QTime(15, 59), utc) << false
                                                            << true << qint64(2600000) << qint64(0);
    // Uses recorded in UTC count in China's year too: 2024-12-31 16:30 UTC is 2025 in China.
    QTest::newRow("use recorded in UTC counts in China's year")
        << QList<Use>{Use{500000, QDateTime(QDate(2024, 12, 31), QTime(16, 30), utc)}} << qint64(1) << may << false << false << qint64(500000)
        << qint64(2100000);
    QTest::newRow("last year's uses do not count") << QList<Use>{Use{500000, shanghai(2024, 6, 1, 9, 0)}} << qint64(1) << may << false << false
                                                   << qint64(0) << qint64(2600000);
    QTest::newRow("another buyer's uses do not count")
        << QList<Use>{Use{500000, may, QStringLiteral("110101198001010010")}} << qint64(1) << may << false << false << qint64(0) << qint64(2600000);
    QTest::newRow("stolen orders do not count") << QList<Use>{Use{500000, may, kBuyer, true}, Use{300000, may}} << qint64(1) << may << false << false
                                                << qint64(300000) << qint64(2300000);
}

void TestEcommerce::quota()
{
    QFETCH(QList<Use>, uses);
    QFETCH(qint64, amount);
    QFETCH(QDateTime, at);
    QFETCH(bool, overTransaction);
    QFETCH(bool, overYear);
    QFETCH(qint64, used);
    QFETCH(qint64, remaining);

    const QuotaLedger ledger = ledgerOf(uses);
    const QuotaCheck c = checkQuota(ledger, kBuyer, QStringLiteral("NEW-ORDER"), amount, at);
    QVERIFY(c.valid);
    QCOMPARE(c.overTransaction, overTransaction);
    QCOMPARE(c.overYear, overYear);
    QCOMPARE(c.usedFen, used);
    QCOMPARE(c.remainingFen, remaining);
    QCOMPARE(c.year, at.toTimeZone(QTimeZone("Asia/Shanghai")).date().year());
    QCOMPARE(c.flagged(), overTransaction || overYear);
    QCOMPARE(c.message.isEmpty(), !c.flagged());
}

void TestEcommerce::flaggedManifestReportsUsedAndRemaining()
{
    QList<Use> uses;
    for (int i = 0; i < 5; ++i)
        uses << Use{500000, shanghai(2025, 3, 1 + i, 10, 0)};
    QuotaLedger ledger = ledgerOf(uses); // 25,000.00 used
    Manifest m;
    m.manifestNo = QStringLiteral("M-NEW");
    m.orderNo = QStringLiteral("ORD-NEW");
    m.buyerIdNo = kBuyer;
    m.totalValue = 150000; // 1,500.00: 500.00 too much
    m.declaredAt = shanghai(2025, 11, 11, 0, 5);
    const QuotaCheck c = checkQuota(ledger, m);
    QVERIFY(c.overYear);
    QVERIFY(!c.overTransaction);
    QCOMPARE(c.year, 2025);
    QCOMPARE(c.usedFen, qint64(2500000));
    QCOMPARE(c.remainingFen, qint64(100000));
    for (const QString &money : {formatMoney(2500000, QStringLiteral("CNY")), formatMoney(100000, QStringLiteral("CNY")),
                                 formatMoney(150000, QStringLiteral("CNY")), formatMoney(2600000, QStringLiteral("CNY"))})
        QVERIFY2(c.message.contains(money), qPrintable(c.message + QStringLiteral(" lacks ") + money));
    QVERIFY(c.message.contains(QStringLiteral("2025")));

    // Once recorded and checked again, the manifest does not count against itself.
    QString error;
    QVERIFY(ledger.record({kBuyer, m.orderNo, m.manifestNo, 100000, m.declaredAt, {}}, &error));
    m.totalValue = 100000;
    const QuotaCheck again = checkQuota(ledger, m);
    QVERIFY(!again.flagged());
    QCOMPARE(again.usedFen, qint64(2500000));
    QCOMPARE(ledger.used(kBuyer, 2025), qint64(2600000));

    // Bad input is flagged, not passed.
    m.totalValue = 0;
    QVERIFY(!checkQuota(ledger, m).valid);
    QVERIFY(!checkQuota(ledger, m).message.isEmpty());
    m.totalValue = 100;
    m.declaredAt = QDateTime();
    QVERIFY(!checkQuota(ledger, m).valid);
    m.declaredAt = shanghai(2025, 11, 11, 0, 5);
    m.buyerIdNo.clear();
    QVERIFY(checkQuota(ledger, m).flagged());
}

void TestEcommerce::quotaYear_data()
{
    QTest::addColumn<QDateTime>("at");
    QTest::addColumn<int>("year");
    const QTimeZone utc = QTimeZone::utc();
    QTest::newRow("Shanghai 2025-12-31 23:59") << shanghai(2025, 12, 31, 23, 59) << 2025;
    QTest::newRow("Shanghai 2026-01-01 00:00") << shanghai(2026, 1, 1, 0, 0) << 2026;
    QTest::newRow("UTC 2025-12-31 15:59:59") << QDateTime(QDate(2025, 12, 31), QTime(15, 59, 59), utc) << 2025;
    QTest::newRow("UTC 2025-12-31 16:00") << QDateTime(QDate(2025, 12, 31), QTime(16, 0), utc) << 2026;
    QTest::newRow("London local 2025-12-31 17:00 (machine zone)") << QDateTime(QDate(2025, 12, 31), QTime(17, 0)) << 2026;
    QTest::newRow("New York 2026-01-01 10:00") << QDateTime(QDate(2026, 1, 1), QTime(10, 0), QTimeZone("America/New_York")) << 2026;
    QTest::newRow("invalid") << QDateTime() << 0;
}

void TestEcommerce::quotaYear()
{
    QFETCH(QDateTime, at);
    QFETCH(int, year);
    QCOMPARE(Clearway::Models::quotaYear(at), year);
}

void TestEcommerce::recordRefusals()
{
    QuotaLedger ledger;
    const QDateTime at = shanghai(2025, 5, 1, 9, 0);
    QString error;
    QVERIFY(ledger.record({kBuyer, QStringLiteral("O1"), QStringLiteral("M1"), 100, at, {}}, &error));
    struct Bad
    {
        QuotaEntry entry;
        const char *why;
    };
    const QList<Bad> bad = {
        {{QString(), QStringLiteral("O2"), QStringLiteral("M2"), 100, at, {}}, "no buyer"},
        {{kBuyer, QString(), QStringLiteral("M2"), 100, at, {}}, "no order"},
        {{kBuyer, QStringLiteral("O2"), QStringLiteral("M2"), 0, at, {}}, "zero amount"},
        {{kBuyer, QStringLiteral("O2"), QStringLiteral("M2"), -100, at, {}}, "negative amount"},
        {{kBuyer, QStringLiteral("O2"), QStringLiteral("M2"), 100, QDateTime(), {}}, "no time"},
        {{kBuyer, QStringLiteral("O1"), QStringLiteral("M9"), 100, at, {}}, "order already counted"},
    };
    for (const Bad &b : bad) {
        error.clear();
        QVERIFY2(!ledger.record(b.entry, &error), b.why);
        QVERIFY2(!error.isEmpty(), b.why);
    }
    QCOMPARE(ledger.entries(kBuyer).size(), 1);
    QCOMPARE(ledger.used(kBuyer, 2025), qint64(100));
}

void TestEcommerce::theftRestoresTheQuota()
{
    // The buyer's identity was used for three orders of 5,000.00 (two in 2025, one in 2026);
    // the buyer's own order of 1,000.00 stays.
    QuotaLedger ledger;
    QString error;
    const QList<QuotaEntry> entries = {
        {kBuyer, QStringLiteral("OWN-1"), QStringLiteral("M1"), 100000, shanghai(2025, 3, 1, 9, 0), {}},
        {kBuyer, QStringLiteral("STOLEN-1"), QStringLiteral("M2"), 500000, shanghai(2025, 11, 11, 0, 1), {}},
        {kBuyer, QStringLiteral("STOLEN-2"), QStringLiteral("M3"), 500000, shanghai(2025, 12, 31, 23, 59), {}},
        {kBuyer, QStringLiteral("STOLEN-3"), QStringLiteral("M4"), 500000, shanghai(2026, 1, 1, 0, 0), {}},
    };
    for (const QuotaEntry &e : entries)
        QVERIFY(ledger.record(e, &error));
    QCOMPARE(ledger.used(kBuyer, 2025), qint64(1100000));
    QCOMPARE(ledger.used(kBuyer, 2026), qint64(500000));

    QuotaRestoration r;
    QVERIFY(ledger.restoreStolen(kBuyer, {QStringLiteral("STOLEN-1"), QStringLiteral("STOLEN-2"), QStringLiteral("STOLEN-3")},
                                 QStringLiteral("GZ-2025-0042"), &r, &error));
    QCOMPARE(r.restored, QStringList({QStringLiteral("STOLEN-1"), QStringLiteral("STOLEN-2"), QStringLiteral("STOLEN-3")}));
    QVERIFY(r.alreadyRestored.isEmpty());
    QCOMPARE(r.restoredFen.value(2025), qint64(1000000));
    QCOMPARE(r.restoredFen.value(2026), qint64(500000));
    QCOMPARE(ledger.used(kBuyer, 2025), qint64(100000));
    QCOMPARE(ledger.used(kBuyer, 2026), qint64(0));
    for (const QuotaEntry &e : ledger.entries(kBuyer))
        QCOMPARE(e.theftCase, e.orderNo.startsWith(u"STOLEN") ? QStringLiteral("GZ-2025-0042") : QString());

    // The quota is free again: a 5,000.00 order at the end of 2025 passes.
    const QuotaCheck c = checkQuota(ledger, kBuyer, QStringLiteral("OWN-2"), 500000, shanghai(2025, 12, 31, 12, 0));
    QVERIFY(!c.flagged());
    QCOMPARE(c.remainingFen, qint64(2500000));

    // Restoring again changes nothing and says so.
    QuotaRestoration again;
    QVERIFY(ledger.restoreStolen(kBuyer, {QStringLiteral("STOLEN-1")}, QStringLiteral("GZ-2025-0043"), &again, &error));
    QVERIFY(again.restored.isEmpty());
    QCOMPARE(again.alreadyRestored, QStringList{QStringLiteral("STOLEN-1")});
    QCOMPARE(ledger.entries(kBuyer).at(1).theftCase, QStringLiteral("GZ-2025-0042"));
    QCOMPARE(ledger.used(kBuyer, 2025), qint64(100000));
}

void TestEcommerce::theftRestorationIsAllOrNothing()
{
    QuotaLedger ledger = ledgerOf({Use{500000, shanghai(2025, 5, 1, 9, 0)}, Use{500000, shanghai(2025, 5, 2, 9, 0)}});
    QString error;
    QuotaRestoration r;
    // One unknown order: nothing is restored.
    QVERIFY(!ledger.restoreStolen(kBuyer, {QStringLiteral("ORD1"), QStringLiteral("ORD-UNKNOWN")}, QStringLiteral("CASE"), &r, &error));
    QVERIFY(error.contains(QStringLiteral("ORD-UNKNOWN")));
    QCOMPARE(ledger.used(kBuyer, 2025), qint64(1000000));
    // Another buyer's order is not this buyer's to restore.
    QVERIFY(!ledger.restoreStolen(QStringLiteral("110101198001010010"), {QStringLiteral("ORD1")}, QStringLiteral("CASE"), &r, &error));
    QCOMPARE(ledger.used(kBuyer, 2025), qint64(1000000));
    // No case reference, no orders.
    error.clear();
    QVERIFY(!ledger.restoreStolen(kBuyer, {QStringLiteral("ORD1")}, QStringLiteral("  "), &r, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!ledger.restoreStolen(kBuyer, {}, QStringLiteral("CASE"), &r, &error));
    QCOMPARE(ledger.used(kBuyer, 2025), qint64(1000000));
}

void TestEcommerce::release_data()
{
    // What a release meets (checkRelease(): the documents first, then the quota), with the buyer
    // having used `used` fen this year before the manifest.
    QTest::addColumn<Change>("change");
    QTest::addColumn<qint64>("used");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QStringList>("inMessage");
    const Change none = [](Documents &) {};
    const auto total = [](qint64 fen) { return Change([fen](Documents &d) { d.manifest.totalValue = d.order.total = d.payment.amount = fen; }); };
    QTest::newRow("agreeing, within the quota") << none << qint64(0) << QStringLiteral("ok") << QStringList();
    QTest::newRow("agreeing, the year's last fen") << total(100) << qint64(kQuotaPerYearFen - 100) << QStringLiteral("ok") << QStringList();
    QTest::newRow("agreeing, one fen over the year")
        << total(101) << qint64(kQuotaPerYearFen - 100) << QStringLiteral("quota_exceeded")
        << QStringList{formatMoney(kQuotaPerYearFen - 100, QStringLiteral("CNY")), formatMoney(100, QStringLiteral("CNY"))};
    QTest::newRow("agreeing, over one transaction") << total(kQuotaPerTransactionFen + 1) << qint64(0) << QStringLiteral("quota_exceeded")
                                                    << QStringList{formatMoney(kQuotaPerTransactionFen, QStringLiteral("CNY"))};
    QTest::newRow("paid by someone else") << Change([](Documents &d) { d.payment.payerName = QStringLiteral("刘强"); }) << qint64(0)
                                          << QStringLiteral("documents_disagree") << QStringList{QStringLiteral("刘强"), QStringLiteral("王芳")};
    QTest::newRow("disagreeing and over the quota: the documents are named")
        << Change([](Documents &d) { d.waybill.consignee = QStringLiteral("李四"); }) << qint64(kQuotaPerYearFen) << QStringLiteral("documents_disagree")
        << QStringList{QStringLiteral("李四")};
    QTest::newRow("no buyer ID: the quota cannot be checked")
        << Change([](Documents &d) {
               d.manifest.buyerIdNo.clear();
               d.order.buyerIdNo.clear();
               d.payment.payerIdNo.clear();
           })
        << qint64(0) << QStringLiteral("quota_unchecked") << QStringList();
}

void TestEcommerce::release()
{
    QFETCH(Change, change);
    QFETCH(qint64, used);
    QFETCH(QString, code);
    QFETCH(QStringList, inMessage);
    Documents d = agreeing();
    d.manifest.declaredAt = shanghai(2026, 11, 11, 10, 0);
    change(d);
    QuotaLedger ledger;
    QString error;
    if (used > 0)
        QVERIFY2(ledger.record({kBuyer, QStringLiteral("TM-EARLIER"), QStringLiteral("EARLIER"), used, shanghai(2026, 3, 8, 9, 0), {}}, &error), qPrintable(error));
    const ReleaseCheck check = checkRelease({d.manifest, d.order, d.payment, d.waybill, {}}, ledger);
    QCOMPARE(check.code, code);
    QCOMPARE(check.ok(), code == QLatin1String("ok"));
    QCOMPARE(check.message.isEmpty(), check.ok());
    for (const QString &part : inMessage)
        QVERIFY2(check.message.contains(part), qPrintable(check.message + QStringLiteral(" / ") + part));
}

void TestEcommerce::identityNumbersAreMaskedOnScreen()
{
    // The mismatch keeps the values for the code and masks them for the officer.
    Documents d = agreeing();
    d.payment.payerIdNo = QStringLiteral("440106199003071234");
    const QList<DocumentMismatch> m = compareDocuments(d.manifest, d.order, d.payment, d.waybill);
    QCOMPARE(m.size(), 1);
    QCOMPARE(m.first().value, QStringLiteral("440106199003071234"));
    QVERIFY2(!m.first().message.contains(QStringLiteral("4401061990")), qPrintable(m.first().message));
    QVERIFY2(m.first().message.contains(QStringLiteral("**************1234")) && m.first().message.contains(QStringLiteral("**************282X")),
             qPrintable(m.first().message));
}

void TestEcommerce::maskIdNumber_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("shown");
    QTest::newRow("18 digits") << QStringLiteral("44010619900307282X") << QStringLiteral("**************282X");
    QTest::newRow("15 digits (old cards)") << QStringLiteral("440106900307282") << QStringLiteral("***********7282");
    QTest::newRow("passport") << QStringLiteral("E12345678") << QStringLiteral("*****5678");
    QTest::newRow("four characters: nothing shown") << QStringLiteral("1234") << QStringLiteral("****");
    QTest::newRow("empty") << QString() << QString();
}

void TestEcommerce::maskIdNumber()
{
    QFETCH(QString, id);
    QFETCH(QString, shown);
    QCOMPARE(Clearway::Models::maskIdNumber(id), shown);
}

int main(int argc, char *argv[])
{
    // Not China: the calendar year must be China's, not the machine's.
    qputenv("TZ", "Europe/London");
    tzset();
    QCoreApplication app(argc, argv);
    TestEcommerce test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_ecommerce.moc"
