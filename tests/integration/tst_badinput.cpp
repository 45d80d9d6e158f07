// Bad input against a real clearway-server process on loopback: frames of the wrong shape, work
// before sign-in or beyond the officer's role, replayed and gapped seqs, floods of connections and
// of messages. Every case gets an error reply or a closed connection; afterwards the server still
// serves a well-behaved workstation and has lost nothing it stored. (tst_server covers the
// everyday refusals: no hello, wrong password or version, three malformed frames in a row.)
#include "sync/message.h"
#include "tests/common/serverharness.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

using namespace Clearway;
using Tests::Client;
using Tests::code;
using Tests::command;
using Tests::type;

namespace {

// Declarations of the fixture (cachefixture.h): id = row + 1, the state cycles with the row
// through received, under_review, returned, held, inspection, escalated, released.
constexpr qint64 kReceived = 29;      // the replay test's item
constexpr qint64 kNeverTouched = 36;  // received; only ever the target of refused or replayed commands
constexpr qint64 kOtherOffice = 43;   // received; an officer of another office tries to claim it
constexpr qint64 kAfterwards = 50;    // received; claimed by the well-behaved client at the end
constexpr qint64 kReturned = 3;
constexpr qint64 kInInspection = 5;
constexpr qint64 kEscalated = 6;

constexpr int kMaxConnections = 4;
constexpr int kMessagesPerSecond = 500; // HubOptions' default

QJsonObject ping() { return {{QStringLiteral("type"), QStringLiteral("ping")}}; }

bool isError(const QJsonObject &o) { return type(o) == QLatin1String("error"); }

// The connection is still open and answering.
bool answersPing(Client &c) { return type(c.request(ping())) == QLatin1String("pong"); }

} // namespace

class TestBadInput final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void answersFramesOfTheWrongShapeAndStaysOpen_data();
    void answersFramesOfTheWrongShapeAndStaysOpen();
    void refusesBinaryFrames();
    void closesOversizedFramesWith1009();
    void refusesWorkAfterAFailedSignIn_data();
    void refusesWorkAfterAFailedSignIn();
    void refusesCommandsBeyondTheOfficersRoleOrOffice();
    void acksReplayedSeqsWithoutReapplyingThem();
    void refusesConnectionsBeyondTheLimitAndServesTheOthers();
    void limitsTheMessageRate();
    void refusesSnapshotTokensItDidNotIssue_data();
    void refusesSnapshotTokensItDidNotIssue();
    void stillServesAWellBehavedClientAndLostNothing();

private:
    // A client of the main server, signed in as wang.jianguo; null (and a failed check) otherwise.
    std::unique_ptr<Client> signedIn(const QString &clientId, const QString &user = QStringLiteral("wang.jianguo"));

    QTemporaryDir m_dir;
    QString m_db;
    Tests::ServerProcess m_server;
    quint16 m_port = 0;
};

std::unique_ptr<Client> TestBadInput::signedIn(const QString &clientId, const QString &user)
{
    auto c = std::make_unique<Client>(m_port);
    if (!c->connected() || type(c->signIn(clientId, QStringLiteral("correct horse"), user)) != QLatin1String("session"))
        return nullptr;
    return c;
}

namespace {
// A snapshot token as the server writes one (docs/protocol.md: opaque to clients).
QString token(const QJsonObject &o)
{
    return QString::fromLatin1(QJsonDocument(o).toJson(QJsonDocument::Compact).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}
} // namespace

void TestBadInput::refusesSnapshotTokensItDidNotIssue_data()
{
    QTest::addColumn<QJsonValue>("after");
    QTest::addColumn<QString>("code");
    QTest::newRow("a number") << QJsonValue(7) << QStringLiteral("bad_request");
    QTest::newRow("not base64 JSON") << QJsonValue(QStringLiteral("%%%not a token%%%")) << QStringLiteral("bad_token");
    QTest::newRow("another database's") << QJsonValue(token({{QStringLiteral("e"), QStringLiteral("someone-else")}, {QStringLiteral("t"), 1}}))
                                         << QStringLiteral("bad_token");
    // The epoch is filled in by the test (it needs this server's).
    const QJsonObject everything{{QStringLiteral("o"), QJsonArray()}, {QStringLiteral("k"), QJsonArray()}};
    QTest::newRow("a step that does not exist") << QJsonValue(token({{QStringLiteral("v"), 2}, {QStringLiteral("s"), everything}, {QStringLiteral("t"), 99}}))
                                                << QStringLiteral("bad_token");
    QTest::newRow("a key of the wrong size")
        << QJsonValue(token({{QStringLiteral("v"), 2}, {QStringLiteral("s"), everything}, {QStringLiteral("t"), 2}, {QStringLiteral("k"), QJsonArray{1, 2, 3}}}))
        << QStringLiteral("bad_token");
    QTest::newRow("a kind that does not exist")
        << QJsonValue(token({{QStringLiteral("v"), 2}, {QStringLiteral("s"), QJsonObject{{QStringLiteral("k"), QJsonArray{42}}}}, {QStringLiteral("t"), 2}}))
        << QStringLiteral("bad_token");
    QTest::newRow("a token of the first version") << QJsonValue(token({{QStringLiteral("t"), 2}})) << QStringLiteral("bad_token");
}

// A token is the server's own: one it did not issue is refused with a code that tells the client to
// start over, never answered as an internal error the client would retry for ever.
void TestBadInput::refusesSnapshotTokensItDidNotIssue()
{
    QFETCH(QJsonValue, after);
    QFETCH(QString, code);
    const std::unique_ptr<Client> c = signedIn(QStringLiteral("snapshot-tokens"));
    QVERIFY(c);
    // Tokens naming no epoch get this server's, so only what the row names is wrong.
    if (after.isString()) {
        QJsonObject t = QJsonDocument::fromJson(QByteArray::fromBase64(after.toString().toLatin1(), QByteArray::Base64UrlEncoding)).object();
        if (!t.isEmpty() && !t.contains(QStringLiteral("e"))) {
            Client probe(m_port);
            QVERIFY(probe.connected());
            const QJsonObject welcome = probe.request({{QStringLiteral("type"), QStringLiteral("hello")}, {QStringLiteral("protocol"), QJsonArray{Sync::kProtocolVersion}},
                                                       {QStringLiteral("clientId"), QStringLiteral("probe")}});
            QVERIFY(!welcome.value(QStringLiteral("epoch")).toString().isEmpty());
            t.insert(QStringLiteral("e"), welcome.value(QStringLiteral("epoch")).toString());
            after = token(t);
        }
    }
    const QJsonObject r = c->request({{QStringLiteral("type"), QStringLiteral("snapshot")}, {QStringLiteral("after"), after}});
    QCOMPARE(type(r), QStringLiteral("error"));
    QCOMPARE(Tests::code(r), code);
}

void TestBadInput::initTestCase()
{
    // SQLite, or PostgreSQL when the environment names one (tst_badinput_postgres).
    const Tests::ServerDatabase db = Tests::newServerDatabase(m_dir.path(), QStringLiteral("server"), 60, QDateTime::currentDateTime());
    QVERIFY2(db.error.isEmpty(), qPrintable(db.error));
    m_db = db.database;
    QCOMPARE(Tests::addUser(m_db, {QStringLiteral("zhao.lei"), QStringLiteral("赵磊"), QStringLiteral("2200"), {}}, QStringLiteral("window"),
                            Tests::kPassword),
             QString());
    QString error;
    QVERIFY2(m_server.start(m_db, &error), qPrintable(error));
    m_port = m_server.port();
}

void TestBadInput::cleanupTestCase()
{
    m_server.kill();
    QCOMPARE(Tests::dropServerDatabase(m_db), QString());
}

void TestBadInput::answersFramesOfTheWrongShapeAndStaysOpen_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("mentions");
    // Fields the server reads itself (not through Sync::decode/parseCommand, whose verdicts
    // tst_message checks one by one).
    QTest::newRow("cursor a string") << QByteArray(R"({"type": "subscribe", "id": 1, "cursor": "0"})") << "bad_request" << "cursor";
    QTest::newRow("cursor negative") << QByteArray(R"({"type": "subscribe", "id": 1, "cursor": -1})") << "bad_request" << "cursor";
    QTest::newRow("cursor fractional") << QByteArray(R"({"type": "subscribe", "id": 1, "cursor": 0.5})") << "bad_request" << "cursor";
    QTest::newRow("cursor beyond 2^53") << QByteArray(R"({"type": "subscribe", "id": 1, "cursor": 1e300})") << "bad_request" << "cursor";
    QTest::newRow("clientId a number") << QStringLiteral(R"({"type": "hello", "id": 1, "protocol": [%1], "clientId": 5})").arg(Sync::kProtocolVersion).toUtf8() << "bad_request"
                                       << "clientId";
    QTest::newRow("user a number") << QByteArray(R"({"type": "login", "id": 1, "user": 5, "password": "correct horse"})") << "bad_request"
                                   << "user";
    QTest::newRow("password missing") << QByteArray(R"({"type": "login", "id": 1, "user": "wang.jianguo"})") << "bad_request" << "password";
    QTest::newRow("token an array") << QByteArray(R"({"type": "resume", "id": 1, "token": ["x"]})") << "bad_request" << "token";
    // The decoder's refusals reach the workstation through the server.
    QTest::newRow("seq a string") << QByteArray(R"({"type": "command", "id": 1, "seq": "1", "kind": "declaration", "itemId": 36, "name": "claim",
                                                    "baseVersion": 1})")
                                  << "bad_request" << "seq";
    QTest::newRow("kind unknown") << QByteArray(R"({"type": "command", "id": 1, "seq": 1, "kind": "parcel", "itemId": 36, "name": "claim",
                                                    "baseVersion": 1})")
                                  << "bad_request" << "parcel";
    QTest::newRow("type empty") << QByteArray(R"({"type": "", "id": 1})") << "unknown_type" << "\"\"";
    QTest::newRow("type in capitals") << QByteArray(R"({"type": "PING", "id": 1})") << "unknown_type" << "PING";
    QTest::newRow("type too long") << ("{\"type\": \"" + QByteArray(65, 't') + "\"}") << "bad_request" << "type";
    QTest::newRow("id a string") << QByteArray(R"({"type": "ping", "id": "1"})") << "bad_request" << "id";
    QTest::newRow("truncated") << QByteArray(R"({"type": "ping", "id": 1)") << "bad_request" << "not JSON";
    QTest::newRow("empty") << QByteArray() << "bad_request" << "not JSON";
}

void TestBadInput::answersFramesOfTheWrongShapeAndStaysOpen()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, code);
    QFETCH(QString, mentions);
    const std::unique_ptr<Client> c = signedIn(QStringLiteral("shapes"));
    QVERIFY(c);
    c->sendRaw(frame);
    const QJsonObject reply = c->waitFor(isError);
    QCOMPARE(Tests::code(reply), code);
    const QString message = reply.value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(mentions), qPrintable(message));
    QVERIFY(answersPing(*c));
}

void TestBadInput::refusesBinaryFrames()
{
    const std::unique_ptr<Client> c = signedIn(QStringLiteral("binary"));
    QVERIFY(c);
    c->sendBinary(QByteArray(40, '\xff'));
    QCOMPARE(code(c->waitFor(isError)), QStringLiteral("bad_request"));
    QVERIFY(answersPing(*c));
}

void TestBadInput::closesOversizedFramesWith1009()
{
    Client c(m_port);
    QVERIFY(c.connected());
    // Exactly at the limit is still a frame.
    const QByteArray head = R"({"type": "ping", "id": 1, "pad": ")";
    c.sendRaw(head + QByteArray(Sync::kMaxFrameBytes - head.size() - 2, 'a') + "\"}");
    QCOMPARE(type(c.waitFor([](const QJsonObject &o) { return o.value(QStringLiteral("re")).toInteger() == 1; }, 10000)), QStringLiteral("pong"));
    // One byte more closes the connection.
    c.sendRaw(head + QByteArray(Sync::kMaxFrameBytes - head.size() - 1, 'a') + "\"}");
    QVERIFY(c.waitClosed(10000));
    QCOMPARE(int(c.closeCode()), 1009);
}

void TestBadInput::refusesWorkAfterAFailedSignIn_data()
{
    QTest::addColumn<QJsonObject>("attempt");
    QTest::addColumn<QString>("refusal");
    QTest::addColumn<QJsonObject>("work");
    const QJsonObject wrongPassword{{QStringLiteral("type"), QStringLiteral("login")}, {QStringLiteral("user"), QStringLiteral("wang.jianguo")},
                                    {QStringLiteral("password"), QStringLiteral("incorrect horse")}};
    const QJsonObject unknownToken{{QStringLiteral("type"), QStringLiteral("resume")}, {QStringLiteral("token"), QStringLiteral("made-up")}};
    const QJsonObject subscribe = Tests::officeSubscribe(0);
    const QJsonObject unknown{{QStringLiteral("type"), QStringLiteral("teleport")}};
    QTest::newRow("wrong password, command") << wrongPassword << "bad_credentials" << command(1, "claim", kNeverTouched);
    QTest::newRow("wrong password, subscribe") << wrongPassword << "bad_credentials" << subscribe;
    QTest::newRow("wrong password, unknown type") << wrongPassword << "bad_credentials" << unknown;
    QTest::newRow("unknown token, command") << unknownToken << "token_expired" << command(1, "claim", kNeverTouched);
    QTest::newRow("unknown token, subscribe") << unknownToken << "token_expired" << subscribe;
}

void TestBadInput::refusesWorkAfterAFailedSignIn()
{
    QFETCH(QJsonObject, attempt);
    QFETCH(QString, refusal);
    QFETCH(QJsonObject, work);
    Client c(m_port);
    QVERIFY(c.connected());
    QCOMPARE(type(c.request({{QStringLiteral("type"), QStringLiteral("hello")}, {QStringLiteral("protocol"), QJsonArray{Sync::kProtocolVersion}},
                             {QStringLiteral("clientId"), QStringLiteral("intruder")}})),
             QStringLiteral("welcome"));
    QCOMPARE(code(c.request(attempt)), refusal);
    QCOMPARE(code(c.request(work)), QStringLiteral("not_authenticated"));
    // Nothing arrives that the client is not entitled to (the subscription did not start).
    QVERIFY(c.waitFor([](const QJsonObject &o) { return type(o) == QLatin1String("change"); }, 200).isEmpty());
}

void TestBadInput::refusesCommandsBeyondTheOfficersRoleOrOffice()
{
    const std::unique_ptr<Client> window = signedIn(QStringLiteral("desk-role"));
    QVERIFY(window);
    // Inspectors finish inspections, supervisors endorse, only the enterprise (System) resubmits.
    struct Attempt
    {
        qint64 seq;
        const char *name;
        qint64 item;
    };
    for (const Attempt &a : {Attempt{1, "inspection_done", kInInspection}, Attempt{2, "endorse", kEscalated}, Attempt{3, "resubmit", kReturned}}) {
        const QJsonObject r = window->request(command(a.seq, a.name, a.item));
        QCOMPARE(type(r), QStringLiteral("reject"));
        QCOMPARE(code(r), QStringLiteral("role"));
    }
    // An officer of office 2200 cannot claim a declaration of office 5141...
    const std::unique_ptr<Client> stranger = signedIn(QStringLiteral("desk-2200"), QStringLiteral("zhao.lei"));
    QVERIFY(stranger);
    const QJsonObject r = stranger->request(command(1, "claim", kOtherOffice));
    QCOMPARE(type(r), QStringLiteral("reject"));
    QCOMPARE(code(r), QStringLiteral("office"));
    // ...which stayed untouched: its own officer claims it from version 1.
    const QJsonObject ack = window->request(command(4, "claim", kOtherOffice));
    QCOMPARE(type(ack), QStringLiteral("ack"));
    QCOMPARE(ack.value(QStringLiteral("version")).toInteger(), 2);
}

void TestBadInput::acksReplayedSeqsWithoutReapplyingThem()
{
    std::unique_ptr<Client> c = signedIn(QStringLiteral("desk-replay"));
    QVERIFY(c);
    const QJsonObject claimed = c->request(command(1, "claim", kReceived));
    QCOMPARE(type(claimed), QStringLiteral("ack"));
    const QJsonObject unclaimed = c->request(command(2, "unclaim", kReceived));
    QCOMPARE(type(unclaimed), QStringLiteral("ack"));
    QCOMPARE(code(c->request(command(3, "release", kReceived))), QStringLiteral("wrong_state"));

    // An older seq is answered with what was decided then, whatever the frame now says.
    QJsonObject replay = c->request(command(1, "claim", kReceived));
    QCOMPARE(type(replay), QStringLiteral("ack"));
    QCOMPARE(replay.value(QStringLiteral("version")), claimed.value(QStringLiteral("version")));
    QCOMPARE(replay.value(QStringLiteral("cursor")), claimed.value(QStringLiteral("cursor")));
    replay = c->request(command(1, "claim", kNeverTouched));
    QCOMPARE(type(replay), QStringLiteral("ack"));
    QCOMPARE(replay.value(QStringLiteral("cursor")), claimed.value(QStringLiteral("cursor")));
    replay = c->request(command(3, "release", kReceived));
    QCOMPARE(type(replay), QStringLiteral("reject"));
    QCOMPARE(code(replay), QStringLiteral("wrong_state"));

    // The same workstation after a reconnect.
    c = signedIn(QStringLiteral("desk-replay"));
    QVERIFY(c);
    replay = c->request(command(2, "unclaim", kReceived));
    QCOMPARE(replay.value(QStringLiteral("cursor")), unclaimed.value(QStringLiteral("cursor")));

    // A gap is refused and does not use up a seq.
    const QJsonObject gap = c->request(command(6, "claim", kReceived));
    QCOMPARE(code(gap), QStringLiteral("bad_request"));
    QVERIFY2(gap.value(QStringLiteral("message")).toString().contains(QStringLiteral("expected seq 4")), qPrintable(gap.value(QStringLiteral("message")).toString()));
    const QJsonObject next = c->request(command(4, "claim", kReceived));
    QCOMPARE(type(next), QStringLiteral("ack"));
    QCOMPARE(next.value(QStringLiteral("version")).toInteger(), 4); // claim, unclaim, claim: nothing replayed
}

void TestBadInput::refusesConnectionsBeyondTheLimitAndServesTheOthers()
{
    Tests::ServerProcess server; // stopped when it goes out of scope
    QString error;
    QVERIFY2(server.start(m_db, {QStringLiteral("--max-connections"), QString::number(kMaxConnections)}, &error), qPrintable(error));
    const quint16 port = server.port();
    std::vector<std::unique_ptr<Client>> admitted;
    for (int i = 0; i < kMaxConnections; ++i) {
        admitted.push_back(std::make_unique<Client>(port));
        QVERIFY(admitted.back()->connected());
        QVERIFY(answersPing(*admitted.back()));
    }
    std::vector<std::unique_ptr<Client>> flood;
    for (int i = 0; i < 5 * kMaxConnections; ++i)
        flood.push_back(std::make_unique<Client>(port));
    for (const std::unique_ptr<Client> &c : flood) {
        QCOMPARE(code(c->waitFor(isError)), QStringLiteral("server_busy"));
        QVERIFY(c->waitClosed(5000));
        QCOMPARE(c->closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
        QCOMPARE(c->closeReason(), QStringLiteral("server_busy"));
    }
    QCOMPARE(type(admitted.front()->signIn(QStringLiteral("under-siege"))), QStringLiteral("session"));
    for (const std::unique_ptr<Client> &c : admitted)
        QVERIFY(answersPing(*c));

    // A freed place is given to the next workstation.
    admitted.pop_back();
    bool served = false;
    for (int attempt = 0; attempt < 20 && !served; ++attempt) {
        Client next(port);
        served = next.connected() && answersPing(next);
        if (!served)
            QTest::qWait(100);
    }
    QVERIFY(served);
}

void TestBadInput::limitsTheMessageRate()
{
    const std::unique_ptr<Client> flooder = signedIn(QStringLiteral("flooder"));
    const std::unique_ptr<Client> bystander = signedIn(QStringLiteral("bystander"));
    QVERIFY(flooder && bystander);
    // Twice the limit and one: however the burst falls into the server's one-second windows, one
    // window sees more than the limit.
    for (int i = 0; i < 2 * kMessagesPerSecond + 1; ++i)
        flooder->sendRaw(R"({"type": "ping"})");
    QCOMPARE(code(flooder->waitFor([](const QJsonObject &o) { return code(o) == QLatin1String("rate_limited"); }, 10000)),
             QStringLiteral("rate_limited"));
    QVERIFY(answersPing(*bystander));
    // The flooder is slowed down, not cut off.
    QTest::qWait(1100);
    QVERIFY(answersPing(*flooder));
}

void TestBadInput::stillServesAWellBehavedClientAndLostNothing()
{
    QVERIFY(m_server.isRunning());
    const std::unique_ptr<Client> c = signedIn(QStringLiteral("well-behaved"));
    QVERIFY(c);
    QCOMPARE(type(c->request(command(1, "claim", kAfterwards))), QStringLiteral("ack"));

    // Every change since the start: exactly what the tests above had applied.
    QCOMPARE(type(c->request(Tests::officeSubscribe(0))), QStringLiteral("subscribed"));
    QStringList applied;
    for (;;) {
        const QJsonObject change = c->waitFor([](const QJsonObject &o) { return type(o) == QLatin1String("change"); });
        QVERIFY2(!change.isEmpty(), qPrintable(applied.join(QLatin1Char(' '))));
        if (change.value(QStringLiteral("kind")).toString() == QLatin1String("officer")) {
            applied << QStringLiteral("officer:") + change.value(QStringLiteral("officer")).toObject().value(QStringLiteral("id")).toString();
            continue;
        }
        const qint64 item = change.value(QStringLiteral("itemId")).toInteger();
        applied << QStringLiteral("%1:%2").arg(item).arg(change.value(QStringLiteral("event")).toObject().value(QStringLiteral("command")).toString());
        if (item == kAfterwards)
            break;
    }
    // The accounts saved before the server started, then the commands.
    QCOMPARE(applied, QStringList({QStringLiteral("officer:wang.jianguo"), QStringLiteral("officer:li.na"), QStringLiteral("officer:zhao.lei"),
                                   QStringLiteral("43:claim"), QStringLiteral("29:claim"), QStringLiteral("29:unclaim"), QStringLiteral("29:claim"),
                                   QStringLiteral("50:claim")}));

    QByteArray output;
    QCOMPARE(Tests::runServerCommand({QStringLiteral("verify-audit"), QStringLiteral("--database"), m_db}, {}, &output), 0);
    QVERIFY2(output.contains("intact: 8 entries"), output.constData()); // three accounts, five commands
}

QTEST_GUILESS_MAIN(TestBadInput)
#include "tst_badinput.moc"
