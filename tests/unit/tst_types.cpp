// Domain value types: stable keys, user-facing labels, money formatting and SLA states.
// Runs with TZ=Asia/Shanghai (set in main() before Qt reads the zone), so "today" is well defined.
#include "models/entities.h"
#include "models/types.h"

#include <QCoreApplication>
#include <QLocale>
#include <QMetaEnum>
#include <QSet>
#include <QTest>
#include <QTimeZone>

#include <ctime>
#include <limits>

using namespace Clearway::Models;

namespace {

const QByteArray kZone = QByteArrayLiteral("Asia/Shanghai");

template <typename E>
QStringList labelsOf(QString (*label)(E))
{
    const QMetaEnum meta = QMetaEnum::fromType<E>();
    QStringList out;
    for (int i = 0; i < meta.keyCount(); ++i)
        out << label(static_cast<E>(meta.value(i)));
    return out;
}

QStringList roleLabels()
{
    const QMetaEnum meta = QMetaEnum::fromType<Roles>();
    QStringList out;
    for (int i = 0; i < meta.keyCount(); ++i)
        out << roleLabel(static_cast<Role>(meta.value(i)));
    return out;
}

QDateTime shanghai(int y, int m, int d, int h, int min, int s = 0, int ms = 0)
{
    return QDateTime(QDate(y, m, d), QTime(h, min, s, ms), QTimeZone(kZone));
}

} // namespace

class TestTypes final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void workKindKeys_data();
    void workKindKeys();
    void unknownWorkKindKeys_data();
    void unknownWorkKindKeys();
    void workKindCountMatchesTheEnum();

    void labelsAreNonEmptyAndDistinct_data();
    void labelsAreNonEmptyAndDistinct();
    void someLabelsVerbatim();
    void rolesLabel_data();
    void rolesLabel();

    void formatMoney_data();
    void formatMoney();

    void slaState_data();
    void slaState();

    void scopesWithinAndNarrowed_data();
    void scopesWithinAndNarrowed();
    void whatAnOfficerMayKeep();
};

void TestTypes::initTestCase()
{
    QCOMPARE(QTimeZone::systemTimeZoneId(), kZone);
    // The process's local time really is UTC+8 (no DST in China).
    const QDateTime local(QDate(2024, 7, 1), QTime(12, 0));
    QCOMPARE(local.offsetFromUtc(), 8 * 3600);
}

void TestTypes::cleanup() { QLocale::setDefault(QLocale::c()); }

// --- keys ------------------------------------------------------------------------------------

void TestTypes::workKindKeys_data()
{
    QTest::addColumn<WorkKind>("kind");
    QTest::addColumn<QString>("key"); // in the cache, on the wire and on the command line: never change
    QTest::newRow("declaration") << WorkKind::Declaration << QStringLiteral("declaration");
    QTest::newRow("manifest") << WorkKind::Manifest << QStringLiteral("manifest");
    QTest::newRow("inspection") << WorkKind::InspectionTask << QStringLiteral("inspection");
    QTest::newRow("video") << WorkKind::VideoSession << QStringLiteral("video");
    QTest::newRow("certificate") << WorkKind::Certificate << QStringLiteral("certificate");
    QTest::newRow("application") << WorkKind::ServiceApplication << QStringLiteral("application");
}

void TestTypes::workKindKeys()
{
    QFETCH(WorkKind, kind);
    QFETCH(QString, key);
    QCOMPARE(workKindKey(kind), key);
    const std::optional<WorkKind> back = workKindFromKey(key);
    QVERIFY(back.has_value());
    QCOMPARE(*back, kind);
}

void TestTypes::unknownWorkKindKeys_data()
{
    QTest::addColumn<QString>("key");
    QTest::newRow("empty") << QString();
    QTest::newRow("null vs empty") << QStringLiteral("");
    QTest::newRow("capitalised") << QStringLiteral("Declaration");
    QTest::newRow("upper case") << QStringLiteral("MANIFEST");
    QTest::newRow("leading space") << QStringLiteral(" declaration");
    QTest::newRow("trailing space") << QStringLiteral("video ");
    QTest::newRow("plural") << QStringLiteral("declarations");
    QTest::newRow("enum name") << QStringLiteral("InspectionTask");
    QTest::newRow("snake enum name") << QStringLiteral("inspection_task");
    QTest::newRow("number") << QStringLiteral("0");
    QTest::newRow("chinese") << QStringLiteral("报关单");
    QTest::newRow("garbage") << QStringLiteral("nonsense");
}

void TestTypes::unknownWorkKindKeys()
{
    QFETCH(QString, key);
    QVERIFY(!workKindFromKey(key).has_value());
}

void TestTypes::workKindCountMatchesTheEnum()
{
    const QMetaEnum meta = QMetaEnum::fromType<WorkKind>();
    QCOMPARE(meta.keyCount(), WorkKindCount);
    QSet<QString> keys;
    for (int i = 0; i < WorkKindCount; ++i) {
        QCOMPARE(meta.value(i), i); // the enum is dense, so 0..Count-1 are all the kinds
        const QString key = workKindKey(static_cast<WorkKind>(i));
        QVERIFY(!key.isEmpty());
        for (QChar c : key)
            QVERIFY2(c.isLower() || c == QLatin1Char('_'), qPrintable(key)); // lower-case ASCII keys
        keys.insert(key);
    }
    QCOMPARE(keys.size(), WorkKindCount);
}

// --- labels ----------------------------------------------------------------------------------

void TestTypes::labelsAreNonEmptyAndDistinct_data()
{
    QTest::addColumn<QStringList>("labels"); // one per enum value, from the enum's meta-object
    QTest::addColumn<int>("count");          // how many values the enum has today

    QTest::newRow("WorkKind") << labelsOf<WorkKind>(&workKindLabel) << 6;
    QTest::newRow("Role") << roleLabels() << 7;
    QTest::newRow("Channel") << labelsOf<Channel>(&channelLabel) << 5;
    QTest::newRow("Direction") << labelsOf<Direction>(&directionLabel) << 2;
    QTest::newRow("CreditClass") << labelsOf<CreditClass>(&creditClassLabel) << 4;
    QTest::newRow("DeclarationMode") << labelsOf<DeclarationMode>(&declarationModeLabel) << 4;
    QTest::newRow("Transport") << labelsOf<Transport>(&transportLabel) << 5;
    QTest::newRow("GuaranteeKind") << labelsOf<GuaranteeKind>(&guaranteeLabel) << 7;
    QTest::newRow("InspectionMethod") << labelsOf<InspectionMethod>(&inspectionMethodLabel) << 7;
    QTest::newRow("CertificateType") << labelsOf<CertificateType>(&certificateTypeLabel) << 4;
    QTest::newRow("SlaState") << labelsOf<SlaState>(&slaStateLabel) << 3;
}

void TestTypes::labelsAreNonEmptyAndDistinct()
{
    QFETCH(QStringList, labels);
    QFETCH(int, count);
    QCOMPARE(labels.size(), qsizetype(count));
    QSet<QString> seen;
    for (const QString &label : labels) {
        QVERIFY2(!label.trimmed().isEmpty(), qPrintable(labels.join(QLatin1Char('|'))));
        QVERIFY2(!seen.contains(label), qPrintable(QStringLiteral("duplicate label ") + label));
        seen.insert(label);
    }
}

void TestTypes::someLabelsVerbatim()
{
    // English is the source language; these are the msgids the translations key on.
    QCOMPARE(workKindLabel(WorkKind::Declaration), QStringLiteral("Declarations"));
    QCOMPARE(workKindLabel(WorkKind::VideoSession), QStringLiteral("Remote inspections"));
    QCOMPARE(roleLabel(Role::None), QStringLiteral("No role"));
    QCOMPARE(roleLabel(Role::Supervisor), QStringLiteral("Supervisor"));
    QCOMPARE(channelLabel(Channel::Unassessed), QStringLiteral("Not assessed"));
    QCOMPARE(channelLabel(Channel::Blue), QStringLiteral("Blue"));
    QCOMPARE(directionLabel(Direction::Import), QStringLiteral("Import"));
    QCOMPARE(directionLabel(Direction::Export), QStringLiteral("Export"));
    QCOMPARE(creditClassLabel(CreditClass::AdvancedCertified), QStringLiteral("Advanced certified (AEO)"));
    QCOMPARE(declarationModeLabel(DeclarationMode::TwoStep), QStringLiteral("Two-step declaration"));
    QCOMPARE(transportLabel(Transport::Mail), QStringLiteral("Mail and express"));
    QCOMPARE(guaranteeLabel(GuaranteeKind::TariffInsurance), QStringLiteral("Tariff guarantee insurance"));
    QCOMPARE(inspectionMethodLabel(InspectionMethod::XRay), QStringLiteral("X-ray (H986)"));
    QCOMPARE(certificateTypeLabel(CertificateType::CccExemption), QStringLiteral("CCC exemption statement"));
    QCOMPARE(slaStateLabel(SlaState::DueToday), QStringLiteral("Due today"));
}

void TestTypes::rolesLabel_data()
{
    QTest::addColumn<Roles>("roles");
    QTest::addColumn<QString>("expected");
    QTest::newRow("none") << Roles() << QStringLiteral("No role");
    QTest::newRow("one") << Roles(Role::Inspector) << QStringLiteral("Inspector");
    QTest::newRow("system") << Roles(Role::System) << QStringLiteral("System");
    QTest::newRow("two, in enum order") << (Roles(Role::Supervisor) | Role::WindowOfficer) << QStringLiteral("Window officer, Supervisor");
    QTest::newRow("all")
        << (Roles(Role::WindowOfficer) | Role::Inspector | Role::RemoteInspector | Role::CertificateOfficer | Role::Supervisor | Role::System)
        << QStringLiteral("Window officer, Inspector, Remote inspector, Certificate officer, Supervisor, System");
}

void TestTypes::rolesLabel()
{
    QFETCH(Roles, roles);
    QFETCH(QString, expected);
    QCOMPARE(Clearway::Models::rolesLabel(roles), expected);
}

// --- money -----------------------------------------------------------------------------------

// Contract (types.h/.cpp): minor units as an integer, never floating point; the amount in the
// default locale's digit grouping, two decimals, then a space and the ISO 4217 code when given.
void TestTypes::formatMoney_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<qint64>("minorUnits");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("expected");

    const QString en = QStringLiteral("en_US");
    const QString cny = QStringLiteral("CNY");
    constexpr qint64 two53 = qint64(1) << 53;
    constexpr qint64 max = std::numeric_limits<qint64>::max();
    constexpr qint64 min = std::numeric_limits<qint64>::min();

    QTest::newRow("zero") << en << qint64(0) << cny << QStringLiteral("0.00 CNY");
    QTest::newRow("one fen") << en << qint64(1) << cny << QStringLiteral("0.01 CNY");
    QTest::newRow("ten fen") << en << qint64(10) << cny << QStringLiteral("0.10 CNY");
    QTest::newRow("one yuan") << en << qint64(100) << cny << QStringLiteral("1.00 CNY");
    QTest::newRow("grouped") << en << qint64(123456) << cny << QStringLiteral("1,234.56 CNY");
    QTest::newRow("millions") << en << qint64(123456789) << cny << QStringLiteral("1,234,567.89 CNY");
    QTest::newRow("minus one fen") << en << qint64(-1) << cny << QStringLiteral("-0.01 CNY");
    QTest::newRow("minus 99 fen") << en << qint64(-99) << cny << QStringLiteral("-0.99 CNY");
    QTest::newRow("minus one yuan") << en << qint64(-100) << cny << QStringLiteral("-1.00 CNY");
    QTest::newRow("negative grouped") << en << qint64(-123456) << cny << QStringLiteral("-1,234.56 CNY");
    QTest::newRow("2^53") << en << two53 << cny << QStringLiteral("90,071,992,547,409.92 CNY");
    QTest::newRow("2^53 + 1, where a double would round") << en << two53 + 1 << cny << QStringLiteral("90,071,992,547,409.93 CNY");
    QTest::newRow("-(2^53 + 1)") << en << -(two53 + 1) << cny << QStringLiteral("-90,071,992,547,409.93 CNY");
    QTest::newRow("int64 max") << en << max << cny << QStringLiteral("92,233,720,368,547,758.07 CNY");
    QTest::newRow("int64 min") << en << min << cny << QStringLiteral("-92,233,720,368,547,758.08 CNY");
    QTest::newRow("no currency") << en << qint64(123456) << QString() << QStringLiteral("1,234.56");
    QTest::newRow("US dollars") << en << qint64(99999) << QStringLiteral("USD") << QStringLiteral("999.99 USD");
    QTest::newRow("euros") << en << qint64(500) << QStringLiteral("EUR") << QStringLiteral("5.00 EUR");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN") << qint64(123456) << cny << QStringLiteral("1,234.56 CNY");
    QTest::newRow("zh_CN negative") << QStringLiteral("zh_CN") << qint64(-5) << cny << QStringLiteral("-0.05 CNY");
    // The C locale (what the tests run under, LC_ALL=C.UTF-8) does not group digits.
    QTest::newRow("C locale") << QStringLiteral("C") << qint64(123456) << cny << QStringLiteral("1234.56 CNY");
    // The decimal point comes from the locale too, or "1.234.56" would read as nonsense in German.
    QTest::newRow("de_DE decimal separator") << QStringLiteral("de_DE") << qint64(123456) << QStringLiteral("EUR")
                                             << QStringLiteral("1.234,56 EUR");
    // The minor unit follows ISO 4217: yen have none, Kuwaiti dinar have three decimals.
    QTest::newRow("JPY has no minor unit") << en << qint64(1234) << QStringLiteral("JPY") << QStringLiteral("1,234 JPY");
    QTest::newRow("KWD has three decimals") << en << qint64(1234567) << QStringLiteral("KWD") << QStringLiteral("1,234.567 KWD");
    QTest::newRow("KWD below one dinar, negative") << en << qint64(-5) << QStringLiteral("KWD") << QStringLiteral("-0.005 KWD");
    QTest::newRow("JPY negative") << en << qint64(-1234) << QStringLiteral("JPY") << QStringLiteral("-1,234 JPY");
}

void TestTypes::formatMoney()
{
    QFETCH(QString, locale);
    QFETCH(qint64, minorUnits);
    QFETCH(QString, currency);
    QFETCH(QString, expected);

    QLocale::setDefault(QLocale(locale));
    QCOMPARE(Clearway::Models::formatMoney(minorUnits, currency), expected);
}

// --- SLA ---------------------------------------------------------------------------------------

// Contract (entities.cpp): no deadline is Later; a deadline before now is Overdue (a deadline of
// exactly now is not yet); before the end of the officer's local today is DueToday; else Later.
void TestTypes::slaState_data()
{
    QTest::addColumn<QDateTime>("deadline");
    QTest::addColumn<QDateTime>("now");
    QTest::addColumn<SlaState>("expected");

    const QDateTime now = shanghai(2024, 3, 15, 10, 0);
    const QTimeZone utc = QTimeZone::utc();

    QTest::newRow("no deadline") << QDateTime() << now << SlaState::Later;
    QTest::newRow("a day ago") << now.addDays(-1) << now << SlaState::Overdue;
    QTest::newRow("a millisecond ago") << now.addMSecs(-1) << now << SlaState::Overdue;
    QTest::newRow("exactly now") << now << now << SlaState::DueToday;
    QTest::newRow("a millisecond from now") << now.addMSecs(1) << now << SlaState::DueToday;
    QTest::newRow("23:59 today") << shanghai(2024, 3, 15, 23, 59) << now << SlaState::DueToday;
    QTest::newRow("last millisecond of today") << shanghai(2024, 3, 15, 23, 59, 59, 999) << now << SlaState::DueToday;
    QTest::newRow("00:00 tomorrow") << shanghai(2024, 3, 16, 0, 0) << now << SlaState::Later;
    QTest::newRow("next week") << now.addDays(7) << now << SlaState::Later;
    QTest::newRow("00:00 today, seen at 10:00") << shanghai(2024, 3, 15, 0, 0) << now << SlaState::Overdue;
    QTest::newRow("seen at midnight, due 23:59") << shanghai(2024, 3, 15, 23, 59) << shanghai(2024, 3, 15, 0, 0) << SlaState::DueToday;
    QTest::newRow("seen at 23:59:59, due at midnight") << shanghai(2024, 3, 16, 0, 0) << shanghai(2024, 3, 15, 23, 59, 59) << SlaState::Later;
    QTest::newRow("year end") << shanghai(2025, 1, 1, 0, 0) << shanghai(2024, 12, 31, 12, 0) << SlaState::Later;
    QTest::newRow("leap day") << shanghai(2024, 2, 29, 18, 0) << shanghai(2024, 2, 29, 8, 0) << SlaState::DueToday;
    // Deadlines stored in UTC: 15:59 UTC is 23:59 in Shanghai, 16:00 UTC is tomorrow's midnight.
    QTest::newRow("UTC deadline 23:59 local") << QDateTime(QDate(2024, 3, 15), QTime(15, 59), utc) << now << SlaState::DueToday;
    QTest::newRow("UTC deadline 00:00 local tomorrow") << QDateTime(QDate(2024, 3, 15), QTime(16, 0), utc) << now
                                                       << SlaState::Later;
    // "Today" is the officer's local day even when now is given in UTC: 17:00 UTC on the 15th is
    // 01:00 on the 16th in Shanghai, so a deadline at 20:00 on the 16th is due today.
    QTest::newRow("now in UTC, local day already tomorrow") << shanghai(2024, 3, 16, 20, 0) << QDateTime(QDate(2024, 3, 15), QTime(17, 0), utc)
                                                            << SlaState::DueToday;
    QTest::newRow("now in UTC, deadline at local midnight") << shanghai(2024, 3, 17, 0, 0) << QDateTime(QDate(2024, 3, 15), QTime(17, 0), utc)
                                                            << SlaState::Later;
    QTest::newRow("now in New York") << shanghai(2024, 3, 15, 23, 0)
                                     << QDateTime(QDate(2024, 3, 14), QTime(23, 0), QTimeZone("America/New_York")) // 11:00 on the 15th in Shanghai
                                     << SlaState::DueToday;
}

void TestTypes::slaState()
{
    QFETCH(QDateTime, deadline);
    QFETCH(QDateTime, now);
    QFETCH(SlaState, expected);
    QCOMPARE(slaStateAt(deadline, now), expected);
}

// A scope as "offices|kinds", each comma-separated; empty: every one.
SyncScope scope(const char *text)
{
    const QStringList parts = QString::fromLatin1(text).split(QLatin1Char('|'));
    SyncScope s;
    s.offices = parts.value(0).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &k : parts.value(1).split(QLatin1Char(','), Qt::SkipEmptyParts))
        s.kinds << *workKindFromKey(k);
    return s.normalized();
}

void TestTypes::scopesWithinAndNarrowed_data()
{
    QTest::addColumn<QString>("asked");
    QTest::addColumn<QString>("allowed");
    QTest::addColumn<bool>("within");
    QTest::addColumn<QString>("narrowed");
    QTest::newRow("everything, everything allowed") << "|" << "|" << true << "|";
    QTest::newRow("everything, one office allowed") << "|" << "5141|" << false << "5141|";
    QTest::newRow("the office allowed") << "5141|" << "5141|" << true << "5141|";
    QTest::newRow("another office") << "5300|" << "5141|" << false << "5141|";
    QTest::newRow("two offices, one allowed") << "5141,5300|" << "5141|" << false << "5141|";
    QTest::newRow("one office of those allowed") << "5300|" << "5141,5300|" << true << "5300|";
    QTest::newRow("kinds within the office") << "5141|declaration,manifest" << "5141|" << true << "5141|declaration,manifest";
    QTest::newRow("kinds beyond those allowed") << "5141|declaration,manifest" << "5141|declaration" << false << "5141|declaration";
}

void TestTypes::scopesWithinAndNarrowed()
{
    QFETCH(QString, asked);
    QFETCH(QString, allowed);
    QFETCH(bool, within);
    QFETCH(QString, narrowed);
    const SyncScope a = scope(qPrintable(asked)), b = scope(qPrintable(allowed));
    QCOMPARE(a.within(b), within);
    QCOMPARE(a.narrowedTo(b), scope(qPrintable(narrowed)));
    QVERIFY(a.narrowedTo(b).within(b));
}

void TestTypes::whatAnOfficerMayKeep()
{
    const Officer wang{QStringLiteral("wang.jianguo"), QStringLiteral("王建国"), QStringLiteral("5141"), Role::WindowOfficer};
    QCOMPARE(SyncScope::mayKeep(wang, {}), scope("5141|"));
    QCOMPARE(SyncScope::mayKeep(wang, {QStringLiteral("risk.reroute")}), scope("5141|"));
    QVERIFY(SyncScope::mayKeep(wang, {QString::fromLatin1(kAllOfficesPermission)}).isEverything());
    const Officer chief{QStringLiteral("zhou.hua"), QStringLiteral("周华"), QStringLiteral("5141"), Role::Supervisor};
    QCOMPARE(SyncScope::mayKeep(chief, {}), scope("5141|")); // a section chief keeps to the office too
    const Officer gateway{QStringLiteral("gateway"), QStringLiteral("gateway"), QStringLiteral("5141"), Role::System};
    QVERIFY(SyncScope::mayKeep(gateway, {}).isEverything());
}

int main(int argc, char *argv[])
{
    // Before anything reads the local time zone.
    qputenv("TZ", kZone);
    tzset();
    QCoreApplication app(argc, argv);
    TestTypes test;
QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_types.moc"
