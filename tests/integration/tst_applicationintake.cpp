// Intake of window-service applications on a real clearway-server process (docs/protocol.md,
// "Window services"): numbers given by the server (office, day, sequence), the row reaching a
// workstation's cache with everything the window recorded, the audit chain, and bad input: missing
// fields, an unknown service item, wrong JSON types, a number chosen by the client, the wrong role,
// and a workstation that is offline. A refused application stores nothing: the next accepted one
// takes the next sequence number.
#include "models/servicecatalogue.h"
#include "storage/cache.h"
#include "sync/syncclient.h"
#include "tests/common/serverdatabase.h"
#include "tests/common/syncharness.h"
#include "tests/common/wsclient.h"

#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QJsonDocument>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Clearway;

namespace {

QString str(const char *s) { return QString::fromUtf8(s); }
QString type(const QJsonObject &o) { return Tests::typeOf(o); }

Models::ApplicationIntake origin()
{
    Models::ApplicationIntake in;
    in.serviceKey = QStringLiteral("certificate_of_origin");
    in.applicantName = str("广州测试海产品有限公司");
    in.applicantId = QStringLiteral("91350100m000100y43"); // lower case as typed: stored upper case
    in.contact = QStringLiteral("020-8888 6666");
    in.documents = {QStringLiteral("origin_application"), QStringLiteral("commercial_invoice"), QStringLiteral("certificate_draft")};
    in.window = QStringLiteral("3");
    in.notes = str("加急");
    in.intakeSeconds = 187;
    return in;
}

QStringList issueFields(const QJsonObject &refusal)
{
    QStringList out;
    for (const QJsonValue &v : refusal.value(QStringLiteral("issues")).toArray())
        out << v.toObject().value(QStringLiteral("field")).toString() + QLatin1Char(':') + v.toObject().value(QStringLiteral("code")).toString();
    return out;
}

} // namespace

class TestApplicationIntake final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void aWindowOfficerReceivesAndTheServerNumbers();
    void theApplicationReachesTheWorkstationsCache();
    void aSupervisorMayReceiveAnInspectorMayNot();
    void badInputIsRefusedFieldByFieldAndNothingIsStored_data();
    void badInputIsRefusedFieldByFieldAndNothingIsStored();
    void aMalformedRequestIsABadRequest();
    void offlineTheWorkstationIsToldAtOnce();
    void intakesAtTheSameTimeGetDistinctNumbers();
    void everyIntakeIsInTheAuditChain();
    void anOlderPostgresDatabaseGetsTheNewColumns();

private:
    QJsonObject receive(Tests::WsClient &client, const QJsonObject &application);
    // The sequence the next accepted application should get.
    QString expectedNumber(int sequence) const;

    QTemporaryDir m_dir;
    QString m_db;
    bool m_postgres = false;
    QDateTime m_now = QDateTime::currentDateTime();
    Tests::ServerProcess m_server;
    Tests::Desk m_desk; // li.na's workstation
    std::unique_ptr<Tests::WsClient> m_wang;
    std::unique_ptr<Tests::WsClient> m_chief;
    std::unique_ptr<Tests::WsClient> m_inspector;
    int m_accepted = 0;
    QString m_firstNumber;
};

QJsonObject TestApplicationIntake::receive(Tests::WsClient &client, const QJsonObject &application)
{
    return client.request({{QStringLiteral("type"), QStringLiteral("application_receive")}, {QStringLiteral("application"), application}});
}

QString TestApplicationIntake::expectedNumber(int sequence) const
{
    return Models::applicationNumber(QStringLiteral("5141"), QDateTime::currentDateTime().toTimeZone(Models::chinaTimeZone()).date(), sequence);
}

void TestApplicationIntake::initTestCase()
{
    const Tests::ServerDatabase db = Tests::prepareServerDatabase(QStringLiteral(CLEARWAY_SERVER_EXE), m_dir.path(), 20, m_now);
    QVERIFY2(db.error.isEmpty(), qPrintable(db.error));
    m_db = db.database;
    m_postgres = db.postgres;
    QCOMPARE(Tests::addOfficers(m_db), QString());
    const QByteArray password = QByteArray(Tests::kPassword);
    QCOMPARE(Tests::addUser(m_db, {str("zhou.hua"), str("周华"), str("5141"), Models::Role::Supervisor}, QStringLiteral("supervisor"), password), QString());
    QCOMPARE(Tests::addUser(m_db, {str("chen.gang"), str("陈刚"), str("5141"), Models::Role::Inspector}, QStringLiteral("inspector"), password), QString());
    QString error;
    QVERIFY2(m_server.start(m_db, &error), qPrintable(error));
    QVERIFY2(m_desk.open(m_dir.filePath(QStringLiteral("desk.sqlite")), 0, m_now, &error), qPrintable(error));
    m_desk.start(m_server.url(), Tests::officerLi());
    QTRY_VERIFY_WITH_TIMEOUT(m_desk.sync->isFollowing(), 20000);
    m_wang = std::make_unique<Tests::WsClient>(m_server.port());
    m_chief = std::make_unique<Tests::WsClient>(m_server.port());
    m_inspector = std::make_unique<Tests::WsClient>(m_server.port());
    for (const auto &[client, user] : {std::pair{m_wang.get(), "wang.jianguo"}, std::pair{m_chief.get(), "zhou.hua"}, std::pair{m_inspector.get(), "chen.gang"}}) {
        QVERIFY(client->connected());
        const QJsonObject session = client->signIn(QStringLiteral("intake-") + str(user), QString::fromLatin1(Tests::kPassword), str(user));
        QVERIFY2(type(session) == u"session", QJsonDocument(session).toJson().constData());
    }
}

void TestApplicationIntake::cleanupTestCase()
{
    m_desk.sync.reset();
    m_server.stop();
    QCOMPARE(Tests::dropServerDatabase(m_db), QString());
}

void TestApplicationIntake::aWindowOfficerReceivesAndTheServerNumbers()
{
    for (int i = 1; i <= 2; ++i) {
        const qint64 before = QDateTime::currentSecsSinceEpoch();
        const QJsonObject r = receive(*m_wang, origin().toJson());
        QCOMPARE(type(r), QStringLiteral("application_received"));
        ++m_accepted;
        QCOMPARE(r.value(QStringLiteral("number")).toString(), expectedNumber(m_accepted));
        const qint64 receivedAt = r.value(QStringLiteral("receivedAt")).toInteger();
        QVERIFY(receivedAt >= before && receivedAt <= QDateTime::currentSecsSinceEpoch());
        // One working day for a certificate of origin: due at the end of the next working day in China.
        QCOMPARE(r.value(QStringLiteral("due")).toInteger(), Models::applicationDue(QDateTime::fromSecsSinceEpoch(receivedAt), 1).toSecsSinceEpoch());
        QVERIFY(r.value(QStringLiteral("applicationId")).toInteger() > 0);
        QVERIFY(r.value(QStringLiteral("cursor")).toInteger() > 0);
        if (i == 1)
            m_firstNumber = r.value(QStringLiteral("number")).toString();
    }
}

void TestApplicationIntake::theApplicationReachesTheWorkstationsCache()
{
    QTRY_COMPARE_WITH_TIMEOUT(m_desk.value(QStringLiteral("SELECT count(*) FROM applications WHERE number = ?"), {m_firstNumber}).toInt(), 1, 10000);
    const QString row = m_desk.value(QStringLiteral("SELECT state || '|' || assignee || '|' || office || '|' || service_key || '|' || service_item || '|'"
                                                    " || applicant_name || '|' || applicant_id || '|' || applicant_contact || '|' || documents || '|' || notes"
                                                    " || '|' || handling_office || '|' || received_by || '|' || service_window || '|' || intake_seconds || '|'"
                                                    " || time_limit_days FROM applications WHERE number = ?"),
                                     {m_firstNumber})
                            .toString();
    QCOMPARE(row, str("received||5141|certificate_of_origin|原产地证书签发|广州测试海产品有限公司|91350100M000100Y43|020-8888 6666|"
                      "[\"origin_application\",\"commercial_invoice\",\"certificate_draft\"]|加急|综合业务二科|wang.jianguo|3|187|1"));
    // Its first event: received at the window, by the officer.
    QCOMPARE(m_desk.value(QStringLiteral("SELECT e.actor || '|' || e.command || '|' || e.to_state FROM events e JOIN applications a ON a.id = e.item_id"
                                         " WHERE e.item_kind = ? AND a.number = ?"),
                          {int(Models::WorkKind::ServiceApplication), m_firstNumber})
                 .toString(),
             QStringLiteral("wang.jianguo|receive|received"));
}

void TestApplicationIntake::aSupervisorMayReceiveAnInspectorMayNot()
{
    const QJsonObject chief = receive(*m_chief, origin().toJson());
    QCOMPARE(type(chief), QStringLiteral("application_received"));
    QCOMPARE(chief.value(QStringLiteral("number")).toString(), expectedNumber(++m_accepted));
    const QJsonObject inspector = receive(*m_inspector, origin().toJson());
    QCOMPARE(type(inspector), QStringLiteral("error"));
    QCOMPARE(Tests::codeOf(inspector), QStringLiteral("forbidden"));
}

void TestApplicationIntake::badInputIsRefusedFieldByFieldAndNothingIsStored_data()
{
    QTest::addColumn<QJsonObject>("application");
    QTest::addColumn<QStringList>("issues");
    QTest::newRow("empty") << QJsonObject{}
                           << QStringList{QStringLiteral("service:missing"), QStringLiteral("applicantName:missing"), QStringLiteral("applicantId:missing"),
                                          QStringLiteral("contact:missing"), QStringLiteral("window:missing")};
    QJsonObject a = origin().toJson();
    a.insert(QStringLiteral("service"), QStringLiteral("visa_on_arrival"));
    QTest::newRow("unknown service item") << a << QStringList{QStringLiteral("service:unknown_service")};
    a = origin().toJson();
    a.insert(QStringLiteral("documents"), QJsonArray{QStringLiteral("origin_application")});
    QTest::newRow("documents missing") << a << QStringList{QStringLiteral("documents:missing_document")};
    a = origin().toJson();
    a.insert(QStringLiteral("applicantId"), QStringLiteral("91350100M000100Y44"));
    QTest::newRow("bad credit code") << a << QStringList{QStringLiteral("applicantId:malformed")};
    a = origin().toJson();
    a.insert(QStringLiteral("intakeSeconds"), QStringLiteral("187"));
    a.insert(QStringLiteral("window"), 3);
    QTest::newRow("wrong JSON types") << a << QStringList{QStringLiteral("intakeSeconds:type"), QStringLiteral("window:type"), QStringLiteral("window:missing")};
    a = origin().toJson();
    a.insert(QStringLiteral("number"), QStringLiteral("5141-20261123-9999"));
    QTest::newRow("a number chosen by the client") << a << QStringList{QStringLiteral("number:unknown_field")};
}

void TestApplicationIntake::badInputIsRefusedFieldByFieldAndNothingIsStored()
{
    QFETCH(QJsonObject, application);
    QFETCH(QStringList, issues);
    const QJsonObject r = receive(*m_wang, application);
    QCOMPARE(type(r), QStringLiteral("application_refused"));
    QCOMPARE(Tests::codeOf(r), QStringLiteral("invalid"));
    QStringList got = issueFields(r);
    got.sort();
    issues.sort();
    QCOMPARE(got, issues);
    // Nothing was stored: the next application takes the next number.
    const QJsonObject next = receive(*m_wang, origin().toJson());
    QCOMPARE(next.value(QStringLiteral("number")).toString(), expectedNumber(++m_accepted));
}

void TestApplicationIntake::aMalformedRequestIsABadRequest()
{
    const QJsonObject r = m_wang->request({{QStringLiteral("type"), QStringLiteral("application_receive")}, {QStringLiteral("application"), QStringLiteral("x")}});
    QCOMPARE(Tests::codeOf(r), QStringLiteral("bad_request"));
    QCOMPARE(receive(*m_wang, origin().toJson()).value(QStringLiteral("number")).toString(), expectedNumber(++m_accepted));
}

void TestApplicationIntake::offlineTheWorkstationIsToldAtOnce()
{
    m_desk.sync->stop();
    QJsonObject reply;
    m_desk.sync->request({{QStringLiteral("type"), QStringLiteral("application_receive")}, {QStringLiteral("application"), origin().toJson()}}, this,
                         [&reply](const QJsonObject &r) { reply = r; });
    QTRY_VERIFY(!reply.isEmpty());
    QCOMPARE(Tests::codeOf(reply), QStringLiteral("offline"));
    // Nothing reached the server.
    QCOMPARE(receive(*m_wang, origin().toJson()).value(QStringLiteral("number")).toString(), expectedNumber(++m_accepted));
}

void TestApplicationIntake::intakesAtTheSameTimeGetDistinctNumbers()
{
    // Two windows at once; on PostgreSQL each through its own server instance on the same database.
    Tests::ServerProcess second;
    quint16 port = m_server.port();
    if (m_postgres) {
        QString error;
        QVERIFY2(second.start(m_db, &error), qPrintable(error));
        port = second.port();
    }
    Tests::WsClient other(port);
    QVERIFY(other.connected());
    QCOMPARE(type(other.signIn(QStringLiteral("intake-other"), QString::fromLatin1(Tests::kPassword), QStringLiteral("li.na"))), QStringLiteral("session"));
    constexpr int kEach = 15;
    const QJsonObject message{{QStringLiteral("type"), QStringLiteral("application_receive")}, {QStringLiteral("application"), origin().toJson()}};
    QList<qint64> mine, theirs;
    for (int i = 0; i < kEach; ++i) {
        mine << m_wang->post(message);
        theirs << other.post(message);
    }
    QSet<QString> numbers;
    for (const auto &[client, ids] : {std::pair{m_wang.get(), &mine}, std::pair{&other, &theirs}}) {
        for (const qint64 id : *ids) {
            const QJsonObject r = client->waitFor([id](const QJsonObject &o) { return o.value(QStringLiteral("re")).toInteger() == id; }, 15000);
            QCOMPARE(type(r), QStringLiteral("application_received"));
            numbers.insert(r.value(QStringLiteral("number")).toString());
        }
    }
    QSet<QString> expected;
    for (int i = 1; i <= 2 * kEach; ++i)
        expected.insert(expectedNumber(m_accepted + i));
    m_accepted += 2 * kEach;
    QCOMPARE(numbers, expected);
}

void TestApplicationIntake::everyIntakeIsInTheAuditChain()
{
    QByteArray output;
    QCOMPARE(Tests::runServerCommand({str("verify-audit"), str("--database"), m_db}, {}, &output), 0);
    const QByteArray line = output.mid(output.indexOf("audit log intact: "));
    // Every application received, and the four accounts saved in initTestCase().
    const QByteArray expected = QByteArray("audit log intact: ") + QByteArray::number(m_accepted + 4) + QByteArray(" entries");
    QVERIFY2(line.startsWith(expected), output.constData());
}

void TestApplicationIntake::anOlderPostgresDatabaseGetsTheNewColumns()
{
    if (!m_postgres)
        QSKIP("PostgreSQL only: an SQLite database is upgraded by the cache's own migrations");
    // A database as a server before cache schema 6 left it: applications without the intake's columns.
    QVERIFY(m_server.stop());
    const QUrl url(m_db);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("older"));
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName());
        db.setPassword(url.password());
        db.setDatabaseName(url.path().mid(1));
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        QSqlQuery q(db);
        for (const char *column : {"service_key", "applicant_id", "applicant_contact", "documents", "notes", "received_by", "service_window",
                                   "intake_seconds", "time_limit_days"})
            QVERIFY2(q.exec(QStringLiteral("ALTER TABLE applications DROP COLUMN ") + QLatin1String(column)), qPrintable(q.lastError().text()));
        QVERIFY(q.exec(QStringLiteral("UPDATE server_meta SET value = '5' WHERE key = 'cache_schema'")));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("older"));
    // This server adds them (the stored applications keep their rows, with the defaults) and serves.
    QString error;
    QVERIFY2(m_server.start(m_db, &error), qPrintable(error));
    Tests::WsClient client(m_server.port());
    QVERIFY(client.connected());
    QCOMPARE(type(client.signIn(QStringLiteral("intake-upgraded"), QString::fromLatin1(Tests::kPassword), QStringLiteral("wang.jianguo"))),
             QStringLiteral("session"));
    const QJsonObject r = receive(client, origin().toJson());
    QCOMPARE(type(r), QStringLiteral("application_received"));
    QCOMPARE(r.value(QStringLiteral("number")).toString(), expectedNumber(++m_accepted));
}

QTEST_MAIN(TestApplicationIntake)
#include "tst_applicationintake.moc"
