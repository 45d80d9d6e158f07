// Risk routing on a real clearway-server process (docs/protocol.md, "Risk and selectivity"):
// rule sets published and refused, dry runs, new declarations routed by the published rules and
// reaching a workstation's cache, re-routing with and without the permission and a reason, and the
// red of a dishonest enterprise that no one can lower.
#include "storage/cache.h"
#include "storage/cachewriter.h"
#include "sync/syncclient.h"
#include "tests/common/serverdatabase.h"
#include "tests/common/syncharness.h"
#include "tests/common/wsclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Clearway;

namespace {

QString str(const char *s) { return QString::fromUtf8(s); }
QString type(const QJsonObject &o) { return Tests::typeOf(o); }
QString code(const QJsonObject &o) { return Tests::codeOf(o); }

// Shrimp from a high-risk origin is yellow; far below the reference value it is red.
const char *const kRules = R"(# test rules
version test-1
rate USD 7.00
reference 0306 100.00 per 千克
list high-risk country VN

rule SHR-1 Frozen shrimp from high-risk origins
  hs 0306
  origin in high-risk
  channel yellow
  instruction Check the health certificate.
end

rule VAL-1 Shrimp far below the reference value
  hs 0306
  unit-value below 50%
  channel red
  instruction Weigh three cartons.
end
)";

// Two errors, on lines 3 and 6; the rest would parse.
const char *const kBadRules = R"(version test-bad
rate USD 7.00
rate EUR seven
rule X-1 No channel
  hs 0306
  origin in nowhere
end
)";

// A candidate for dry runs: every declaration at least yellow.
const char *const kAllYellow = "version candidate\nrule ALL-1 Everything\n  channel yellow\nend\n";

using Tests::declaration;

QStringList ruleIds(const QJsonArray &reasons)
{
    QStringList out;
    for (const QJsonValue &r : reasons)
        out << (r.toObject().contains(QStringLiteral("ruleId")) ? r.toObject().value(QStringLiteral("ruleId")).toString()
                                                                 : r.toObject().value(QStringLiteral("kind")).toString());
    return out;
}

int laneSum(const QJsonObject &counts)
{
    int sum = 0;
    for (const QJsonValue &v : counts)
        sum += v.toInt();
    return sum;
}

} // namespace

class TestRiskRouting final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void nonSupervisorsAreRefused();
    void noRuleSetAtFirst();
    void aBadRuleSetIsRefusedWithEveryLineAndTheOldOneStays();
    void aDryRunCountsLanesBeforeAndAfter();
    void aNewDeclarationGetsTheChannelAndReasonsTheRulesSay();
    void aBadDeclarationIsRefusedFieldByFieldAndNothingIsStored();
    void theCommandLineDeclaresToo();
    void rerouteNeedsThePermissionAndAReason();
    void aDishonestEnterpriseIsAlwaysRedAndCannotBeLowered();
    void everyChangeIsInTheAuditChain();
    void seedDemoRoutesThroughTheDemoRuleSet();
    void autoAssignmentGoesBySectionThenWorkload();

private:
    QJsonObject ask(Tests::WsClient &client, const char *messageType, QJsonObject body = {});
    void signIn(Tests::WsClient &client, const char *user);
    qint64 cacheChannel(const char *entryNo) const;

    QTemporaryDir m_dir;
    QString m_db;
    QDateTime m_now = QDateTime::currentDateTime();
    Tests::ServerProcess m_server;
    Tests::Desk m_desk; // wang.jianguo's workstation
    std::unique_ptr<Tests::WsClient> m_chief;   // zhou.hua, supervisor
    std::unique_ptr<Tests::WsClient> m_gateway; // the declaration intake, a System account
    std::unique_ptr<Tests::WsClient> m_wang;    // a window officer without the permission
    std::unique_ptr<Tests::WsClient> m_li;      // a window officer granted risk.reroute
    qint64 m_shrimpId = 0;
};

QJsonObject TestRiskRouting::ask(Tests::WsClient &client, const char *messageType, QJsonObject body)
{
    body.insert(QStringLiteral("type"), str(messageType));
    return client.request(body);
}

void TestRiskRouting::signIn(Tests::WsClient &client, const char *user)
{
    QVERIFY(client.connected());
    const QJsonObject session = client.signIn(QStringLiteral("risk-") + str(user), QString::fromLatin1(Tests::kPassword), str(user));
    QVERIFY2(type(session) == u"session", QJsonDocument(session).toJson().constData());
}

qint64 TestRiskRouting::cacheChannel(const char *entryNo) const
{
    const QVariant v = m_desk.value(QStringLiteral("SELECT channel FROM declarations WHERE number = ?"), {str(entryNo)});
    return v.isValid() ? v.toLongLong() : -1;
}

void TestRiskRouting::initTestCase()
{
    // SQLite, or PostgreSQL when the environment names one (tst_riskrouting_postgres).
    const Tests::ServerDatabase db = Tests::prepareServerDatabase(QStringLiteral(CLEARWAY_SERVER_EXE), m_dir.path(), 100, m_now);
    QVERIFY2(db.error.isEmpty(), qPrintable(db.error));
    m_db = db.database;
    QCOMPARE(Tests::addOfficers(m_db), QString());
    const QByteArray password = QByteArray(Tests::kPassword);
    QCOMPARE(Tests::addUser(m_db, {str("zhou.hua"), str("周华"), str("5141"), Models::Role::Supervisor}, QStringLiteral("window,supervisor"), password),
             QString());
    QCOMPARE(Tests::addUser(m_db, {str("gateway"), str("申报接入"), str("5141"), Models::Role::System}, QStringLiteral("system"), password), QString());
    QByteArray output;
    // li.na is granted re-routing; an unknown permission is refused.
    QCOMPARE(Tests::runServerCommand({str("add-user"), str("--database"), m_db, str("--id"), str("li.na"), str("--name"), str("李娜"), str("--office"),
                                      str("5141"), str("--roles"), str("window"), str("--permissions"), str("risk.reroute"), str("--password-stdin")},
                                     password + '\n', &output),
             0);
    QCOMPARE(Tests::runServerCommand({str("add-user"), str("--database"), m_db, str("--id"), str("li.na"), str("--name"), str("李娜"), str("--office"),
                                      str("5141"), str("--roles"), str("window"), str("--permissions"), str("root"), str("--password-stdin")},
                                     password + '\n', &output),
             64);
    // The test's enterprises, registered with customs; a bad code is refused.
    QCOMPARE(Tests::runServerCommand({str("add-enterprise"), str("--database"), m_db, str("--code"), str("91440101MA5CW00001"), str("--name"),
                                      str("广州测试海产品有限公司"), str("--credit"), str("general")}),
             0);
    QCOMPARE(Tests::runServerCommand({str("add-enterprise"), str("--database"), m_db, str("--code"), str("91440101MA5CW00002"), str("--name"),
                                      str("广州失信贸易有限公司"), str("--credit"), str("dishonest")}),
             0);
    QCOMPARE(Tests::runServerCommand({str("add-enterprise"), str("--database"), m_db, str("--code"), str("914401OOMA5CW00002"), str("--name"),
                                      str("x"), str("--credit"), str("general")}),
             2);
    QString error;
    QVERIFY2(m_server.start(m_db, &error), qPrintable(error));
    QVERIFY2(m_desk.open(m_dir.filePath(QStringLiteral("desk.sqlite")), 100, m_now, &error), qPrintable(error));
    m_desk.start(m_server.url(), Tests::officerWang());
    QTRY_COMPARE_WITH_TIMEOUT(m_desk.sync->state(), Sync::SyncClient::State::Online, 15000);
    m_chief = std::make_unique<Tests::WsClient>(m_server.port());
    m_gateway = std::make_unique<Tests::WsClient>(m_server.port());
    m_wang = std::make_unique<Tests::WsClient>(m_server.port());
    m_li = std::make_unique<Tests::WsClient>(m_server.port());
    signIn(*m_chief, "zhou.hua");
    signIn(*m_gateway, "gateway");
    signIn(*m_wang, "wang.jianguo");
    signIn(*m_li, "li.na");
}

void TestRiskRouting::cleanupTestCase()
{
    m_desk.sync.reset();
    m_server.stop();
    QCOMPARE(Tests::dropServerDatabase(m_db), QString());
}

void TestRiskRouting::nonSupervisorsAreRefused()
{
    QCOMPARE(code(ask(*m_wang, "rules_get")), QStringLiteral("forbidden"));
    QCOMPARE(code(ask(*m_wang, "rules_publish", {{QStringLiteral("text"), str(kRules)}})), QStringLiteral("forbidden"));
    QCOMPARE(code(ask(*m_gateway, "rules_publish", {{QStringLiteral("text"), str(kRules)}})), QStringLiteral("forbidden"));
    QCOMPARE(code(ask(*m_li, "rules_dry_run", {{QStringLiteral("text"), str(kRules)}, {QStringLiteral("last"), 10}})), QStringLiteral("forbidden"));
    // Declarations arrive through a System account only, not from a supervisor either.
    QCOMPARE(code(ask(*m_chief, "declare", {{QStringLiteral("declaration"), declaration("514120269900000001", "91440101MA5CW00001", "general", 500000)}})),
             QStringLiteral("forbidden"));
}

void TestRiskRouting::noRuleSetAtFirst()
{
    const QJsonObject r = ask(*m_chief, "rules_get");
    QCOMPARE(type(r), QStringLiteral("rules"));
    QCOMPARE(r.value(QStringLiteral("version")).toInteger(), 0);
    QCOMPARE(r.value(QStringLiteral("text")).toString(), QString());
}

void TestRiskRouting::aBadRuleSetIsRefusedWithEveryLineAndTheOldOneStays()
{
    const QJsonObject published = ask(*m_chief, "rules_publish", {{QStringLiteral("text"), str(kRules)}});
    QCOMPARE(type(published), QStringLiteral("rules_published"));
    QCOMPARE(published.value(QStringLiteral("version")).toInteger(), 1);
    QCOMPARE(published.value(QStringLiteral("name")).toString(), QStringLiteral("test-1"));

    const QJsonObject refused = ask(*m_chief, "rules_publish", {{QStringLiteral("text"), str(kBadRules)}});
    QCOMPARE(type(refused), QStringLiteral("rules_refused"));
    QCOMPARE(refused.value(QStringLiteral("inForce")).toInteger(), 1);
    QSet<int> lines;
    for (const QJsonValue &e : refused.value(QStringLiteral("errors")).toArray()) {
        lines.insert(e.toObject().value(QStringLiteral("line")).toInt());
        QVERIFY(!e.toObject().value(QStringLiteral("message")).toString().isEmpty());
        QVERIFY(!e.toObject().value(QStringLiteral("code")).toString().isEmpty());
    }
    QVERIFY2(lines.contains(3) && lines.contains(6), QJsonDocument(refused).toJson().constData());

    // Version 1 is still in force, its text exactly as written.
    const QJsonObject current = ask(*m_chief, "rules_get");
    QCOMPARE(current.value(QStringLiteral("version")).toInteger(), 1);
    QCOMPARE(current.value(QStringLiteral("text")).toString(), str(kRules));
    QCOMPARE(current.value(QStringLiteral("publishedBy")).toString(), QStringLiteral("zhou.hua"));
}

void TestRiskRouting::aDryRunCountsLanesBeforeAndAfter()
{
    const QJsonObject r = ask(*m_chief, "rules_dry_run", {{QStringLiteral("text"), str(kAllYellow)}, {QStringLiteral("last"), 10}});
    QCOMPARE(type(r), QStringLiteral("dry_run"));
    QCOMPARE(r.value(QStringLiteral("total")).toInt(), 10);
    QCOMPARE(r.value(QStringLiteral("name")).toString(), QStringLiteral("candidate"));
    QCOMPARE(laneSum(r.value(QStringLiteral("before")).toObject()), 10);
    const QJsonObject after = r.value(QStringLiteral("after")).toObject();
    // The fixture's enterprises are of general credit: every declaration turns yellow.
    QCOMPARE(after.value(QStringLiteral("yellow")).toInt(), 10);
    const int unchanged = r.value(QStringLiteral("before")).toObject().value(QStringLiteral("yellow")).toInt();
    QCOMPARE(r.value(QStringLiteral("changed")).toInt(), 10 - unchanged);
    const QJsonArray changes = r.value(QStringLiteral("changes")).toArray();
    QCOMPARE(changes.size(), 10 - unchanged);
    for (const QJsonValue &c : changes) {
        QCOMPARE(c.toObject().value(QStringLiteral("after")).toString(), QStringLiteral("yellow"));
        QVERIFY(c.toObject().value(QStringLiteral("declarationId")).toInteger() > 90);
        QCOMPARE(ruleIds(c.toObject().value(QStringLiteral("reasons")).toArray()), QStringList{QStringLiteral("ALL-1")});
    }
    // A candidate that does not parse is refused like a publish; nothing is in force but version 1.
    const QJsonObject bad = ask(*m_chief, "rules_dry_run", {{QStringLiteral("text"), str(kBadRules)}, {QStringLiteral("last"), 10}});
    QCOMPARE(type(bad), QStringLiteral("rules_refused"));
    QCOMPARE(bad.value(QStringLiteral("inForce")).toInteger(), 1);
    QCOMPARE(code(ask(*m_chief, "rules_dry_run", {{QStringLiteral("text"), str(kAllYellow)}})), QStringLiteral("bad_request"));
    QCOMPARE(code(ask(*m_chief, "rules_dry_run", {{QStringLiteral("text"), str(kAllYellow)}, {QStringLiteral("last"), 100001}})), QStringLiteral("bad_request"));
    // More than there are: all of them.
    const QJsonObject all = ask(*m_chief, "rules_dry_run", {{QStringLiteral("text"), str(kAllYellow)}, {QStringLiteral("last"), 100000}});
    QCOMPARE(all.value(QStringLiteral("total")).toInt(), 100);
    QCOMPARE(all.value(QStringLiteral("after")).toObject().value(QStringLiteral("yellow")).toInt(), 100);
    QCOMPARE(all.value(QStringLiteral("changes")).toArray().size(), all.value(QStringLiteral("changed")).toInt());
}

void TestRiskRouting::aNewDeclarationGetsTheChannelAndReasonsTheRulesSay()
{
    // 1,000 kg of shrimp from VN for USD 5,000.00: 35 CNY/kg, 35 % of the reference.
    const QJsonObject r = ask(*m_gateway, "declare", {{QStringLiteral("declaration"), declaration("514120269900000001", "91440101MA5CW00001", "general", 500000)}});
    QCOMPARE(type(r), QStringLiteral("declared"));
    QCOMPARE(r.value(QStringLiteral("channel")).toString(), QStringLiteral("red"));
    QCOMPARE(r.value(QStringLiteral("ruleSet")).toInteger(), 1);
    QCOMPARE(ruleIds(r.value(QStringLiteral("reasons")).toArray()), (QStringList{QStringLiteral("SHR-1"), QStringLiteral("VAL-1")}));
    const QJsonObject valuation = r.value(QStringLiteral("reasons")).toArray().at(1).toObject();
    QCOMPARE(valuation.value(QStringLiteral("unitValue")).toDouble(), 35.0);
    QCOMPARE(valuation.value(QStringLiteral("reference")).toDouble(), 100.0);
    QCOMPARE(valuation.value(QStringLiteral("instruction")).toString(), QStringLiteral("Weigh three cartons."));
    m_shrimpId = r.value(QStringLiteral("declarationId")).toInteger();
    QCOMPARE(m_shrimpId, 101);

    // The workstation's cache gets the whole declaration, its goods and its first event.
    QTRY_COMPARE_WITH_TIMEOUT(cacheChannel("514120269900000001"), qint64(Models::Channel::Red), 10000);
    QCOMPARE(m_desk.value(QStringLiteral("SELECT state || '/' || enterprise_name || '/' || hs_codes FROM declarations WHERE id = ?"), {m_shrimpId}).toString(),
             str("received/广州测试海产品有限公司/0306170000"));
    QCOMPARE(m_desk.value(QStringLiteral("SELECT count(*) FROM goods_lines WHERE item_kind = 0 AND item_id = ?"), {m_shrimpId}).toInt(), 1);
    QCOMPARE(m_desk.value(QStringLiteral("SELECT command FROM events WHERE item_kind = 0 AND item_id = ?"), {m_shrimpId}).toString(), QStringLiteral("declare"));
    // The enterprise was registered after the workstation's copy: it came with the declaration.
    QCOMPARE(m_desk.value(QStringLiteral("SELECT credit FROM enterprises WHERE code = ?"), {str("91440101MA5CW00001")}).toInt(), 2);
    // The officer can work on it like on any other: claim it.
    m_desk.issue(Tests::officerWang(), QStringLiteral("claim"), m_shrimpId);
    QTRY_COMPARE(m_desk.itemState(m_shrimpId), QStringLiteral("under_review/wang.jianguo/0"));

    // Any officer can read why it was routed so, later.
    const QJsonObject why = ask(*m_wang, "risk_reasons", {{QStringLiteral("declarationId"), m_shrimpId}});
    QCOMPARE(type(why), QStringLiteral("risk_reasons"));
    QCOMPARE(why.value(QStringLiteral("channel")).toString(), QStringLiteral("red"));
    QCOMPARE(why.value(QStringLiteral("ruleSet")).toInteger(), 1);
    QCOMPARE(why.value(QStringLiteral("reasons")).toArray(), r.value(QStringLiteral("reasons")).toArray());
    QCOMPARE(why.value(QStringLiteral("routedBy")).toString(), QStringLiteral("gateway"));
    QCOMPARE(code(ask(*m_wang, "risk_reasons", {{QStringLiteral("declarationId"), 5}})), QStringLiteral("not_found")); // the fixture's: not routed here

    // The same number twice is refused.
    const QJsonObject again = ask(*m_gateway, "declare", {{QStringLiteral("declaration"), declaration("514120269900000001", "91440101MA5CW00001", "general", 500000)}});
    QCOMPARE(type(again), QStringLiteral("declaration_refused"));
    QCOMPARE(code(again), QStringLiteral("duplicate"));
}

void TestRiskRouting::aBadDeclarationIsRefusedFieldByFieldAndNothingIsStored()
{
    QJsonObject bad = declaration("51412026990000000X", "91440101MA5CW00001", "general", 500000);
    QJsonObject line = bad.value(QStringLiteral("goods")).toArray().at(0).toObject();
    line.insert(QStringLiteral("hsCode"), str("030617"));
    line.insert(QStringLiteral("quantity"), -5);
    bad.insert(QStringLiteral("goods"), QJsonArray{line});
    bad.insert(QStringLiteral("currency"), str("XYZ"));
    bad.insert(QStringLiteral("transport"), str("teleport"));
    const QJsonObject r = ask(*m_gateway, "declare", {{QStringLiteral("declaration"), bad}});
    QCOMPARE(type(r), QStringLiteral("declaration_refused"));
    QCOMPARE(code(r), QStringLiteral("invalid"));
    QStringList fields;
    for (const QJsonValue &i : r.value(QStringLiteral("issues")).toArray())
        fields << i.toObject().value(QStringLiteral("field")).toString();
    for (const char *f : {"transport", "entryNo", "currency", "goods[1].hsCode", "goods[1].quantity"})
        QVERIFY2(fields.contains(str(f)), qPrintable(fields.join(QLatin1Char(' '))));
    // A declaration from an enterprise customs does not know is refused.
    const QJsonObject unknown = ask(*m_gateway, "declare", {{QStringLiteral("declaration"), declaration("514120269900000009", "91440101MA5CW00009", "general", 500000)}});
    QCOMPARE(type(unknown), QStringLiteral("declaration_refused"));
    QCOMPARE(unknown.value(QStringLiteral("issues")).toArray().at(0).toObject().value(QStringLiteral("code")).toString(), QStringLiteral("unknown_enterprise"));
    // Nothing stored: the next declaration gets the next id.
    const QJsonObject next = ask(*m_gateway, "declare", {{QStringLiteral("declaration"), declaration("514120269900000002", "91440101MA5C000001", "general", 5000000)}});
    QCOMPARE(type(next), QStringLiteral("declared"));
    QCOMPARE(next.value(QStringLiteral("declarationId")).toInteger(), m_shrimpId + 1);
    // USD 50,000.00 for 1,000 kg is 350 CNY/kg, not undervalued: yellow for the origin only.
    QCOMPARE(next.value(QStringLiteral("channel")).toString(), QStringLiteral("yellow"));
    QCOMPARE(ruleIds(next.value(QStringLiteral("reasons")).toArray()), QStringList{QStringLiteral("SHR-1")});
}

void TestRiskRouting::theCommandLineDeclaresToo()
{
    const QString file = m_dir.filePath(QStringLiteral("declaration.json"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(declaration("514120269900000003", "91440101MA5CW00001", "general", 400000)).toJson());
    f.close();
    QByteArray output;
    QCOMPARE(Tests::runServerCommand({str("declare"), str("--database"), m_db, str("--file"), file}, {}, &output), 0);
    QVERIFY2(output.contains("red channel (rule set 1, test-1)") && output.contains("VAL-1"), output.constData());
    // The serving process notices the other process's change and sends it on.
    QTRY_COMPARE_WITH_TIMEOUT(cacheChannel("514120269900000003"), qint64(Models::Channel::Red), 10000);

    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write("{\"entryNo\": \"123\", \"goods\": []}");
    f.close();
    QCOMPARE(Tests::runServerCommand({str("declare"), str("--database"), m_db, str("--file"), file}, {}, &output), 2);
    QVERIFY2(output.contains("entryNo:") && output.contains("goods:"), output.constData());
}

void TestRiskRouting::rerouteNeedsThePermissionAndAReason()
{
    auto reroute = [this](Tests::WsClient &client, const char *channel, const char *reason) {
        return ask(client, "reroute",
                   {{QStringLiteral("declarationId"), m_shrimpId}, {QStringLiteral("channel"), str(channel)}, {QStringLiteral("reason"), str(reason)}});
    };
    const QJsonObject noPermission = reroute(*m_wang, "yellow", "documents are complete");
    QCOMPARE(type(noPermission), QStringLiteral("reroute_refused"));
    QCOMPARE(code(noPermission), QStringLiteral("permission"));
    QCOMPARE(code(reroute(*m_li, "yellow", "  ")), QStringLiteral("reason_required"));
    QCOMPARE(code(reroute(*m_li, "red", "again")), QStringLiteral("same_channel"));
    QCOMPARE(code(reroute(*m_li, "purple", "why not")), QStringLiteral("bad_request"));
    QCOMPARE(cacheChannel("514120269900000001"), qint64(Models::Channel::Red));

    const QJsonObject down = reroute(*m_li, "yellow", "Weighed on arrival: as declared");
    QCOMPARE(type(down), QStringLiteral("rerouted"));
    QCOMPARE(down.value(QStringLiteral("from")).toString(), QStringLiteral("red"));
    QCOMPARE(down.value(QStringLiteral("channel")).toString(), QStringLiteral("yellow"));
    QTRY_COMPARE_WITH_TIMEOUT(cacheChannel("514120269900000001"), qint64(Models::Channel::Yellow), 10000);
    QTRY_COMPARE(m_desk.value(QStringLiteral("SELECT reason FROM events WHERE item_id = ? AND command = 'reroute'"), {m_shrimpId}).toString(),
                 QStringLiteral("Weighed on arrival: as declared"));
    // The claim the officer made is kept; only the channel changed.
    QCOMPARE(m_desk.itemState(m_shrimpId), QStringLiteral("under_review/wang.jianguo/0"));

    const QJsonObject up = reroute(*m_chief, "red", "Tip-off from anti-smuggling");
    QCOMPARE(type(up), QStringLiteral("rerouted"));
    QTRY_COMPARE_WITH_TIMEOUT(cacheChannel("514120269900000001"), qint64(Models::Channel::Red), 10000);
    QCOMPARE(code(ask(*m_chief, "reroute", {{QStringLiteral("declarationId"), 99999}, {QStringLiteral("channel"), str("green")}, {QStringLiteral("reason"), str("x")}})),
             QStringLiteral("not_found"));
}

void TestRiskRouting::aDishonestEnterpriseIsAlwaysRedAndCannotBeLowered()
{
    // Not shrimp, not from a listed origin: no rule hits, but the credit class makes it red.
    const QJsonObject r = ask(*m_gateway, "declare",
                              {{QStringLiteral("declaration"), declaration("514120269900000004", "91440101MA5CW00002", "dishonest", 900000, "8471300000")}});
    QCOMPARE(type(r), QStringLiteral("declared"));
    QCOMPARE(r.value(QStringLiteral("channel")).toString(), QStringLiteral("red"));
    QCOMPARE(ruleIds(r.value(QStringLiteral("reasons")).toArray()), QStringList{QStringLiteral("dishonest_credit")});
    const qint64 id = r.value(QStringLiteral("declarationId")).toInteger();
    QTRY_COMPARE_WITH_TIMEOUT(cacheChannel("514120269900000004"), qint64(Models::Channel::Red), 10000);

    // Nobody lowers it, a supervisor included, whatever the reason.
    for (const char *lane : {"green", "yellow", "blue"}) {
        const QJsonObject refused = ask(*m_chief, "reroute", {{QStringLiteral("declarationId"), id}, {QStringLiteral("channel"), str(lane)},
                                                              {QStringLiteral("reason"), str("The director said so")}});
        QCOMPARE(type(refused), QStringLiteral("reroute_refused"));
        QCOMPARE(code(refused), QStringLiteral("mandatory_red"));
    }
    // The credit class is customs' record: a declaration claiming another class is red all the same.
    const QJsonObject second = ask(*m_gateway, "declare",
                                   {{QStringLiteral("declaration"), declaration("514120269900000005", "91440101MA5CW00002", "advanced", 900000, "8471300000")}});
    QCOMPARE(second.value(QStringLiteral("channel")).toString(), QStringLiteral("red"));
    QCOMPARE(cacheChannel("514120269900000004"), qint64(Models::Channel::Red));
}

void TestRiskRouting::everyChangeIsInTheAuditChain()
{
    QByteArray output;
    QCOMPARE(Tests::runServerCommand({str("verify-audit"), str("--database"), m_db}, {}, &output), 0);
    // Five accounts saved (wang.jianguo, li.na, zhou.hua, gateway, li.na's permission; the refused
    // permission saved nothing), two enterprises registered, a publish, five declarations, two
    // re-routes and the claim.
    const QByteArray line = output.mid(output.indexOf("audit log intact: "));
    QVERIFY2(line.startsWith("audit log intact: 16 entries"), output.constData());
}

void TestRiskRouting::seedDemoRoutesThroughTheDemoRuleSet()
{
    // An SQLite demo whatever the backend under test: the routing is the same code on both.
    const QString demo = m_dir.filePath(QStringLiteral("demo.sqlite"));
    QByteArray output;
    QCOMPARE(Tests::runServerCommand({str("seed-demo"), str("3000"), str("--database"), demo}, {}, &output), 0);
    QCOMPARE(Tests::queryValue(demo, QStringLiteral("SELECT count(*) FROM declaration_risk")).toInt(), 3000);
    QCOMPARE(Tests::queryValue(demo, QStringLiteral("SELECT max(version) || '/' || min(published_by) FROM risk_rule_sets")).toString(),
             QStringLiteral("1/seed-demo"));
    // Every lane is used, the channel is the one recorded, and a red has its reasons.
    QCOMPARE(Tests::queryValue(demo, QStringLiteral("SELECT count(DISTINCT channel) FROM declarations")).toInt(), 4);
    QCOMPARE(Tests::queryValue(demo, QStringLiteral("SELECT count(*) FROM declarations d JOIN declaration_risk r ON r.declaration_id = d.id"
                                                    " WHERE r.channel != d.channel")).toInt(),
             0);
    QCOMPARE(Tests::queryValue(demo, QStringLiteral("SELECT count(*) FROM declaration_risk WHERE channel = 3 AND reasons = '[]'")).toInt(), 0);
    // Dishonest enterprises are red, with the credit class as the first reason.
    QVERIFY(Tests::queryValue(demo, QStringLiteral("SELECT count(*) FROM declarations d JOIN enterprises e ON e.id = d.enterprise_id WHERE e.credit = 3"))
                .toInt()
            > 0);
    QCOMPARE(Tests::queryValue(demo, QStringLiteral("SELECT count(*) FROM declarations d JOIN enterprises e ON e.id = d.enterprise_id"
                                                    " JOIN declaration_risk r ON r.declaration_id = d.id WHERE e.credit = 3"
                                                    " AND (d.channel != 3 OR r.reasons NOT LIKE '[{\"channel\":\"red\",%\"kind\":\"dishonest_credit\"%')"))
                 .toInt(),
             0);
    QCOMPARE(Tests::runServerCommand({str("verify-audit"), str("--database"), demo}, {}, &output), 0);
}

// With auto-assign on, a new declaration goes under review to the officer whose section covers
// its goods, else to the least loaded window officer of the office; off, to the shared queue.
void TestRiskRouting::autoAssignmentGoesBySectionThenWorkload()
{
    QByteArray output;
    QCOMPARE(Tests::runServerCommand({str("add-user"), str("--database"), m_db, str("--id"), str("li.na"), str("--name"), str("李娜"), str("--office"),
                                      str("5141"), str("--roles"), str("window"), str("--permissions"), str("risk.reroute, section.hs:0306"),
                                      str("--password-stdin")},
                                     QByteArray(Tests::kPassword) + '\n', &output),
             0);
    QCOMPARE(Tests::runServerCommand({str("add-user"), str("--database"), m_db, str("--id"), str("li.na"), str("--name"), str("李娜"), str("--office"),
                                      str("5141"), str("--roles"), str("window"), str("--permissions"), str("section.hs:3"), str("--password-stdin")},
                                     QByteArray(Tests::kPassword) + '\n', &output),
             64);
    const auto declare = [&](const char *entryNo, const char *hs, const QStringList &extra) {
        const QString file = m_dir.filePath(QString::fromLatin1(entryNo) + QStringLiteral(".json"));
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly))
            return -1;
        f.write(QJsonDocument(declaration(entryNo, "91440101MA5CW00001", "general", 4000000, hs)).toJson());
        f.close();
        return Tests::runServerCommand(QStringList{str("declare"), str("--database"), m_db, str("--file"), file} + extra, {}, &output);
    };
    const auto holder = [&](const char *entryNo) {
        return Tests::queryValue(m_db, str("SELECT state || '/' || assignee FROM declarations WHERE number = ?"), {str(entryNo)}).toString();
    };
    const QString generalistOpen = str("SELECT count(*) FROM declarations WHERE assignee = ? AND state NOT IN ('received', 'released')");

    QCOMPARE(declare("514120269900000101", "0306170000", {str("--auto-assign"), str("on")}), 0);
    QCOMPARE(holder("514120269900000101"), str("under_review/li.na"));
    // The change carries the holder to every workstation.
    QTRY_COMPARE_WITH_TIMEOUT(m_desk.value(str("SELECT state || '/' || assignee FROM declarations WHERE number = '514120269900000101'")).toString(),
                              str("under_review/li.na"), 10000);

    // Computers are in nobody's section: the generalist window officer holding less.
    const int wangOpen = Tests::queryValue(m_db, generalistOpen, {str("wang.jianguo")}).toInt();
    const int zhouOpen = Tests::queryValue(m_db, generalistOpen, {str("zhou.hua")}).toInt();
    QVERIFY(wangOpen != zhouOpen);
    QCOMPARE(declare("514120269900000102", "8471300000", {str("--auto-assign"), str("on")}), 0);
    QCOMPARE(holder("514120269900000102"), wangOpen < zhouOpen ? str("under_review/wang.jianguo") : str("under_review/zhou.hua"));

    QCOMPARE(declare("514120269900000103", "0306170000", {}), 0); // off by default
    QCOMPARE(holder("514120269900000103"), str("received/"));
    QCOMPARE(declare("514120269900000104", "0306170000", {str("--auto-assign"), str("sometimes")}), 78);
    QVERIFY2(output.contains("auto-assign"), output.constData());
    QVERIFY(Tests::queryValue(m_db, str("SELECT count(*) FROM declarations WHERE number = '514120269900000104'")).toInt() == 0);
}

QTEST_GUILESS_MAIN(TestRiskRouting)
#include "tst_riskrouting.moc"
