// The window-service catalogue and the rules of an intake: applicant codes (credit code and ID
// number check characters), field checks, working-day time limits and application numbers.
#include "models/lifecycle.h"
#include "models/servicecatalogue.h"
#include "tests/common/teststrings.h"

#include <QJsonArray>
#include <QSet>
#include <QTest>

using namespace Clearway::Models;

Q_DECLARE_METATYPE(ApplicantIdKind)

namespace {

ApplicationIntake goodIntake()
{
    ApplicationIntake in;
    in.serviceKey = QStringLiteral("certificate_of_origin");
    in.applicantName = QString::fromUtf8("广州测试海产品有限公司");
    in.applicantId = QStringLiteral("91350100M000100Y43");
    in.contact = QStringLiteral("020-8888 6666");
    in.documents = {QStringLiteral("origin_application"), QStringLiteral("commercial_invoice"), QStringLiteral("certificate_draft")};
    in.window = QStringLiteral("3");
    in.intakeSeconds = 187;
    return in;
}

QStringList fieldsAndCodes(const QList<FieldIssue> &issues) { return Clearway::Test::fieldCodes(issues); }

} // namespace

class TestServiceCatalogue final : public QObject
{
    Q_OBJECT

private slots:
    void theCatalogueHasTheItemsOfTheIssue_data();
    void theCatalogueHasTheItemsOfTheIssue();
    void everyItemIsComplete();
    void applicantIds_data();
    void applicantIds();
    void intakeChecks_data();
    void intakeChecks();
    void intakeFromJson_data();
    void intakeFromJson();
    void workingDays_data();
    void workingDays();
    void dueIsTheEndOfTheLastWorkingDayInChina();
    void applicationNumbers_data();
    void applicationNumbers();
    void theReceiptEventHasAName();
};

void TestServiceCatalogue::theCatalogueHasTheItemsOfTheIssue_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("officialName");
    QTest::addColumn<int>("timeLimitDays");
    QTest::newRow("registration") << "consignor_consignee_registration" << QString::fromUtf8("进出口货物收发货人备案") << 1;
    QTest::newRow("food and cosmetics") << "food_cosmetics_importer_filing" << QString::fromUtf8("进口食品化妆品进口商备案") << 3;
    QTest::newRow("origin") << "certificate_of_origin" << QString::fromUtf8("原产地证书签发") << 1;
    // The legal limit of special items approval is 20 working days (domain brief).
    QTest::newRow("special items") << "special_items_approval" << QString::fromUtf8("特殊物品审批") << 20;
    QTest::newRow("quota") << "consumer_quota_restoration" << QString::fromUtf8("个人年度交易额度恢复") << 5;
}

void TestServiceCatalogue::theCatalogueHasTheItemsOfTheIssue()
{
    QFETCH(QString, key);
    QFETCH(QString, officialName);
    QFETCH(int, timeLimitDays);
    const ServiceItem *item = ServiceCatalogue::find(key);
    QVERIFY(item);
    QCOMPARE(item->officialName, officialName);
    QCOMPARE(item->timeLimitDays, timeLimitDays);
    QCOMPARE(ServiceCatalogue::itemLabel(key, QStringLiteral("stored")), item->label());
}

void TestServiceCatalogue::everyItemIsComplete()
{
    QSet<QString> keys;
    for (const ServiceItem &item : ServiceCatalogue::items()) {
        QVERIFY2(!keys.contains(item.key), qPrintable(item.key));
        keys.insert(item.key);
        QVERIFY(!item.label().isEmpty());
        QVERIFY(!item.officeLabel().isEmpty());
        QVERIFY(!item.officialOffice.isEmpty());
        QVERIFY(item.timeLimitDays > 0);
        QVERIFY2(!item.requiredDocuments().isEmpty(), qPrintable(item.key));
        QSet<QString> documents;
        for (const ServiceDocument &d : item.documents) {
            QVERIFY2(!documents.contains(d.key), qPrintable(d.key));
            documents.insert(d.key);
            QVERIFY(!d.label().isEmpty());
            QCOMPARE(item.document(d.key), &d);
        }
    }
    QVERIFY(!ServiceCatalogue::find(QStringLiteral("nothing")));
    QCOMPARE(ServiceCatalogue::itemLabel(QStringLiteral("nothing"), QStringLiteral("报关单位备案")), QStringLiteral("报关单位备案"));
}

void TestServiceCatalogue::applicantIds_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<ApplicantIdKind>("kind");
    QTest::newRow("credit code") << "91350100M000100Y43" << ApplicantIdKind::CreditCode;
    QTest::newRow("credit code, wrong check character") << "91350100M000100Y44" << ApplicantIdKind::Invalid;
    QTest::newRow("credit code with I (not in the alphabet)") << "91350100M000100I43" << ApplicantIdKind::Invalid;
    QTest::newRow("credit code, lower case") << "91350100m000100y43" << ApplicantIdKind::Invalid;
    QTest::newRow("ID number ending in X") << "11010519491231002X" << ApplicantIdKind::ResidentId;
    QTest::newRow("ID number") << "440524188001010014" << ApplicantIdKind::ResidentId;
    QTest::newRow("ID number, wrong check digit") << "440524188001010015" << ApplicantIdKind::Invalid;
    QTest::newRow("ID number, no such birth date") << "440524188002300016" << ApplicantIdKind::Invalid;
    QTest::newRow("17 characters") << "44052418800101001" << ApplicantIdKind::Invalid;
    QTest::newRow("19 characters") << "4405241880010100140" << ApplicantIdKind::Invalid;
    QTest::newRow("empty") << "" << ApplicantIdKind::Invalid;
}

void TestServiceCatalogue::applicantIds()
{
    QFETCH(QString, id);
    QFETCH(ApplicantIdKind, kind);
    QCOMPARE(applicantIdKind(id), kind);
}

void TestServiceCatalogue::intakeChecks_data()
{
    QTest::addColumn<QString>("change");
    QTest::addColumn<QStringList>("expected"); // field:code
    QTest::newRow("good") << "" << QStringList{};
    QTest::newRow("no service") << "service=" << QStringList{QStringLiteral("service:missing")};
    QTest::newRow("unknown service") << "service=visa" << QStringList{QStringLiteral("service:unknown_service")};
    QTest::newRow("no applicant") << "applicantName=   " << QStringList{QStringLiteral("applicantName:missing")};
    QTest::newRow("applicant too long") << "applicantName=long" << QStringList{QStringLiteral("applicantName:too_long")};
    QTest::newRow("no code") << "applicantId=" << QStringList{QStringLiteral("applicantId:missing")};
    QTest::newRow("bad code") << "applicantId=91350100M000100Y44" << QStringList{QStringLiteral("applicantId:malformed")};
    QTest::newRow("a person's ID number") << "applicantId=11010519491231002X" << QStringList{};
    QTest::newRow("no contact") << "contact=" << QStringList{QStringLiteral("contact:missing")};
    QTest::newRow("letters for a telephone") << "contact=call me" << QStringList{QStringLiteral("contact:malformed")};
    QTest::newRow("international telephone") << "contact=+86 20 8888 6666" << QStringList{};
    QTest::newRow("a required document missing") << "documents=origin_application,commercial_invoice" << QStringList{QStringLiteral("documents:missing_document")};
    QTest::newRow("an optional document too") << "documents=origin_application,commercial_invoice,certificate_draft,packing_list" << QStringList{};
    QTest::newRow("a document of another item") << "documents=origin_application,commercial_invoice,certificate_draft,police_report"
                                                << QStringList{QStringLiteral("documents:unknown_document")};
    QTest::newRow("no window") << "window= " << QStringList{QStringLiteral("window:missing")};
    QTest::newRow("negative seconds") << "intakeSeconds=-1" << QStringList{QStringLiteral("intakeSeconds:out_of_range")};
    QTest::newRow("more than a day") << "intakeSeconds=86401" << QStringList{QStringLiteral("intakeSeconds:out_of_range")};
    QTest::newRow("exactly a day") << "intakeSeconds=86400" << QStringList{};
    QTest::newRow("notes too long") << "notes=long" << QStringList{QStringLiteral("notes:too_long")};
}

void TestServiceCatalogue::intakeChecks()
{
    QFETCH(QString, change);
    QFETCH(QStringList, expected);
    ApplicationIntake in = goodIntake();
    const QString field = change.section(QLatin1Char('='), 0, 0);
    const QString value = change.section(QLatin1Char('='), 1);
    if (field == QLatin1String("service"))
        in.serviceKey = value;
    else if (field == QLatin1String("applicantName"))
        in.applicantName = value == QLatin1String("long") ? QString(kMaxApplicantName + 1, QLatin1Char('x')) : value;
    else if (field == QLatin1String("applicantId"))
        in.applicantId = value;
    else if (field == QLatin1String("contact"))
        in.contact = value;
    else if (field == QLatin1String("documents"))
        in.documents = value.split(QLatin1Char(','));
    else if (field == QLatin1String("window"))
        in.window = value;
    else if (field == QLatin1String("intakeSeconds"))
        in.intakeSeconds = value.toLongLong();
    else if (field == QLatin1String("notes"))
        in.notes = QString(kMaxApplicationNotes + 1, QLatin1Char('n'));
    const QList<FieldIssue> issues = checkApplicationIntake(in);
    QCOMPARE(fieldsAndCodes(issues), expected);
    for (const FieldIssue &i : issues)
        QVERIFY(!i.reason.isEmpty());
}

void TestServiceCatalogue::intakeFromJson_data()
{
    QTest::addColumn<QJsonObject>("json");
    QTest::addColumn<QStringList>("expected");
    const QJsonObject good = goodIntake().toJson();
    QTest::newRow("round trip") << good << QStringList{};
    QJsonObject j = good;
    j.insert(QStringLiteral("contact"), 12345678);
    QTest::newRow("number for text") << j << QStringList{QStringLiteral("contact:type")};
    j = good;
    j.insert(QStringLiteral("documents"), QStringLiteral("origin_application"));
    QTest::newRow("documents not a list") << j << QStringList{QStringLiteral("documents:type")};
    j = good;
    j.insert(QStringLiteral("documents"), QJsonArray{QStringLiteral("origin_application"), 3});
    QTest::newRow("a document not text") << j << QStringList{QStringLiteral("documents:type")};
    j = good;
    j.insert(QStringLiteral("intakeSeconds"), 1.5);
    QTest::newRow("fractional seconds") << j << QStringList{QStringLiteral("intakeSeconds:type")};
    j = good;
    j.insert(QStringLiteral("number"), QStringLiteral("5141-20261123-0001"));
    QTest::newRow("a number chosen by the client") << j << QStringList{QStringLiteral("number:unknown_field")};
}

void TestServiceCatalogue::intakeFromJson()
{
    QFETCH(QJsonObject, json);
    QFETCH(QStringList, expected);
    QList<FieldIssue> issues;
    const ApplicationIntake in = applicationIntakeFromJson(json, &issues);
    QCOMPARE(fieldsAndCodes(issues), expected);
    if (expected.isEmpty()) {
        QCOMPARE(in.toJson(), goodIntake().toJson());
        QVERIFY(checkApplicationIntake(in).isEmpty());
    }
}

void TestServiceCatalogue::workingDays_data()
{
    QTest::addColumn<QDate>("received");
    QTest::addColumn<int>("days");
    QTest::addColumn<QDate>("last");
    // 2026-11-23 is a Monday.
    QTest::newRow("Monday + 1") << QDate(2026, 11, 23) << 1 << QDate(2026, 11, 24);
    QTest::newRow("Friday + 1 is Monday") << QDate(2026, 11, 27) << 1 << QDate(2026, 11, 30);
    QTest::newRow("Saturday + 1 is Monday") << QDate(2026, 11, 28) << 1 << QDate(2026, 11, 30);
    QTest::newRow("Sunday + 1 is Monday") << QDate(2026, 11, 29) << 1 << QDate(2026, 11, 30);
    QTest::newRow("Wednesday + 3 is Monday") << QDate(2026, 11, 25) << 3 << QDate(2026, 11, 30);
    QTest::newRow("Monday + 5 is Monday") << QDate(2026, 11, 23) << 5 << QDate(2026, 11, 30);
    QTest::newRow("Monday + 20 is four weeks on") << QDate(2026, 11, 23) << 20 << QDate(2026, 12, 21);
    QTest::newRow("across the year") << QDate(2026, 12, 31) << 1 << QDate(2027, 1, 1);
    QTest::newRow("zero") << QDate(2026, 11, 23) << 0 << QDate(2026, 11, 23);
}

void TestServiceCatalogue::workingDays()
{
    QFETCH(QDate, received);
    QFETCH(int, days);
    QFETCH(QDate, last);
    QCOMPARE(addWorkingDays(received, days), last);
}

void TestServiceCatalogue::dueIsTheEndOfTheLastWorkingDayInChina()
{
    // Friday 2026-11-27 23:30 in Shanghai is 15:30 UTC: received on Friday there, due at the end of Monday.
    const QDateTime received(QDate(2026, 11, 27), QTime(15, 30), Qt::UTC);
    const QDateTime due = applicationDue(received, 1);
    QCOMPARE(due, QDateTime(QDate(2026, 12, 1), QTime(0, 0), chinaTimeZone()));
    QCOMPARE(due.toUTC(), QDateTime(QDate(2026, 11, 30), QTime(16, 0), Qt::UTC));
    // 16:30 UTC that day is already Saturday in Shanghai: still due at the end of Monday.
    QCOMPARE(applicationDue(received.addSecs(3600), 1), due);
}

void TestServiceCatalogue::applicationNumbers_data()
{
    QTest::addColumn<int>("sequence");
    QTest::addColumn<QString>("number");
    QTest::newRow("first") << 1 << "5141-20261123-0001";
    QTest::newRow("tenth") << 10 << "5141-20261123-0010";
    QTest::newRow("last") << 9999 << "5141-20261123-9999";
}

void TestServiceCatalogue::applicationNumbers()
{
    QFETCH(int, sequence);
    QFETCH(QString, number);
    const QDate day(2026, 11, 23);
    QCOMPARE(applicationNumber(QStringLiteral("5141"), day, sequence), number);
    const QString prefix = applicationNumberPrefix(QStringLiteral("5141"), day);
    QCOMPARE(applicationSequence(number, prefix), sequence);
    QCOMPARE(applicationSequence(number, applicationNumberPrefix(QStringLiteral("5141"), day.addDays(1))), 0);
    QCOMPARE(applicationSequence(QStringLiteral("YC5141202600000001"), prefix), 0);
}

void TestServiceCatalogue::theReceiptEventHasAName()
{
    // The server's "receive" event is not a command, but the history names it like the state it creates.
    const Lifecycle &applications = Lifecycle::of(WorkKind::ServiceApplication);
    QVERIFY(!applications.command(QStringLiteral("receive")));
    QCOMPARE(applications.commandLabel(QStringLiteral("receive")), applications.stateLabel(QStringLiteral("received")));
    QCOMPARE(Lifecycle::of(WorkKind::Certificate).commandLabel(QStringLiteral("receive")), QStringLiteral("receive"));
}

QTEST_GUILESS_MAIN(TestServiceCatalogue)
#include "tst_servicecatalogue.moc"
