#include "sync/message.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Clearway;
using namespace Clearway::Sync;

class TestMessage final : public QObject
{
    Q_OBJECT

private slots:
    void refusesBadFrames_data();
    void refusesBadFrames();
    void decodesAGoodFrame();
    void refusesBadCommands_data();
    void refusesBadCommands();
    void commandRoundTrips();
    void changesFrameRoundTrips();
    void refusesUnreadableChanges();
    void officerChangesRoundTripAndBadOnesAreRefused();
    void deflatedChangesRoundTripAndDamageIsRefused();
    void pageFrameCarriesTheBodysSha256();
    void blobChunkRoundTrips();
    void refusesBadBlobChunks_data();
    void refusesBadBlobChunks();
};

void TestMessage::refusesBadFrames_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("empty") << QByteArray() << "bad_request" << "not JSON";
    QTest::newRow("truncated") << QByteArray(R"({"type": "ping")") << "bad_request" << "not JSON";
    QTest::newRow("array") << QByteArray(R"([1, 2])") << "bad_request" << "object";
    QTest::newRow("no type") << QByteArray(R"({"id": 1})") << "bad_request" << "\"type\"";
    QTest::newRow("type not a string") << QByteArray(R"({"type": 5})") << "bad_request" << "\"type\"";
    QTest::newRow("id a string") << QByteArray(R"({"type": "ping", "id": "1"})") << "bad_request" << "\"id\"";
    QTest::newRow("id fractional") << QByteArray(R"({"type": "ping", "id": 1.5})") << "bad_request" << "\"id\"";
    QTest::newRow("id zero") << QByteArray(R"({"type": "ping", "id": 0})") << "bad_request" << "\"id\"";
    QTest::newRow("id beyond 2^53") << QByteArray(R"({"type": "ping", "id": 1e300})") << "bad_request" << "\"id\"";
    QTest::newRow("re negative") << QByteArray(R"({"type": "pong", "re": -3})") << "bad_request" << "\"re\"";
    QTest::newRow("type too long") << (QByteArray(R"({"type": ")") + QByteArray(65, 'x') + "\"}") << "bad_request" << "longer";
    QTest::newRow("too large") << (QByteArray(R"({"type": "x", "pad": ")") + QByteArray(kMaxFrameBytes, 'a') + "\"}") << "too_large"
                               << "exceeds";
}

void TestMessage::refusesBadFrames()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, code);
    QFETCH(QString, mentions);
    DecodeError error;
    QVERIFY(!decode(frame, &error));
    QCOMPARE(error.code, code);
    QVERIFY2(error.message.contains(mentions), qPrintable(error.message));
}

void TestMessage::decodesAGoodFrame()
{
    DecodeError error;
    const auto m = decode(R"({"type": "ping", "id": 9007199254740992, "extra": {"ignored": true}})", &error);
    QVERIFY2(m, qPrintable(error.message));
    QCOMPARE(m->type, QStringLiteral("ping"));
    QCOMPARE(m->id, qint64(1) << 53);
    QCOMPARE(m->re, 0);
}

void TestMessage::refusesBadCommands_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("mentions");
    const QByteArray good = R"("type": "command", "id": 5, "seq": 17, "kind": "declaration", "itemId": 42, "name": "hold", "baseVersion": 3)";
    QTest::newRow("no seq") << QByteArray(R"({"type": "command", "kind": "declaration", "itemId": 1, "name": "x", "baseVersion": 1})") << "\"seq\"";
    QTest::newRow("seq zero") << QByteArray("{" + good + R"(, "seq": 0})") << "\"seq\"";
    QTest::newRow("unknown kind") << QByteArray(R"({"type": "command", "seq": 1, "kind": "parcel", "itemId": 1, "name": "x", "baseVersion": 1})") << "parcel";
    QTest::newRow("item id a string") << QByteArray(R"({"type": "command", "seq": 1, "kind": "manifest", "itemId": "1", "name": "x", "baseVersion": 1})")
                                      << "\"itemId\"";
    QTest::newRow("no base version") << QByteArray(R"({"type": "command", "seq": 1, "kind": "manifest", "itemId": 1, "name": "x"})") << "\"baseVersion\"";
    QTest::newRow("reason a number") << QByteArray("{" + good + R"(, "reason": 7})") << "\"reason\"";
    QTest::newRow("reason too long") << QByteArray("{" + good + R"(, "reason": ")" + QByteArray(4001, 'r') + "\"}") << "longer";
    QTest::newRow("after its own seq") << QByteArray("{" + good + R"(, "after": 17})") << "\"after\"";
    QTest::newRow("after a later seq") << QByteArray("{" + good + R"(, "after": 18})") << "\"after\"";
    QTest::newRow("after negative") << QByteArray("{" + good + R"(, "after": -1})") << "\"after\"";
    QTest::newRow("after a string") << QByteArray("{" + good + R"(, "after": "16"})") << "\"after\"";
}

void TestMessage::refusesBadCommands()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, mentions);
    DecodeError error;
    const auto m = decode(frame, &error);
    QVERIFY2(m, qPrintable(error.message)); // a well-formed frame...
    QVERIFY(!parseCommand(*m, &error));      // ...whose command is not
    QCOMPARE(error.code, QStringLiteral("bad_request"));
    QVERIFY2(error.message.contains(mentions), qPrintable(error.message));
}

void TestMessage::commandRoundTrips()
{
    CommandMessage c;
    c.seq = 17;
    c.command.kind = Models::WorkKind::Manifest;
    c.command.itemId = 42;
    c.command.name = QStringLiteral("return_for_correction");
    c.command.baseVersion = 3;
    c.command.reason = QStringLiteral("订购人身份信息与支付单不一致");
    DecodeError error;
    const auto m = decode(encode(commandToJson(5, c)), &error);
    QVERIFY(m);
    QCOMPARE(m->id, 5);
    const auto back = parseCommand(*m, &error);
    QVERIFY2(back, qPrintable(error.message));
    QCOMPARE(back->seq, 17);
    QCOMPARE(back->command.kind, Models::WorkKind::Manifest);
    QCOMPARE(back->command.itemId, 42);
    QCOMPARE(back->command.name, c.command.name);
    QCOMPARE(back->command.baseVersion, 3);
    QCOMPARE(back->command.reason, c.command.reason);
    QVERIFY(back->command.targetOfficer.isEmpty());
    QCOMPARE(back->command.after, 0); // none: the field is left out
    QVERIFY(!commandToJson(5, c).contains(QStringLiteral("after")));
    c.command.after = 16;
    const auto following = parseCommand(*decode(encode(commandToJson(6, c)), &error), &error);
    QVERIFY2(following, qPrintable(error.message));
    QCOMPARE(following->command.after, 16);

    const auto e = decode(encodeError(5, QStringLiteral("forbidden"), QStringLiteral("no")), &error);
    QVERIFY(e);
    QCOMPARE(e->type, QStringLiteral("error"));
    QCOMPARE(e->re, 5);
}

void TestMessage::changesFrameRoundTrips()
{
    const Models::ItemChange a{8812346, Models::WorkKind::Declaration, 42, 5, QStringLiteral("under_review"), QStringLiteral("li.na"),
                               1795353700, QStringLiteral("li.na"), QStringLiteral("claim"), QStringLiteral("received"), {}};
    const Models::ItemChange b{8812347, Models::WorkKind::ServiceApplication, 7, 2, QStringLiteral("returned"), {},
                               1795353701, QStringLiteral("wang.jianguo"), QStringLiteral("return_for_correction"), QStringLiteral("received"),
                               QStringLiteral("材料不全：缺少营业执照副本")};
    DecodeError error;
    const auto m = decode(changesFrame({encodeChange(a), encodeChange(b)}), &error);
    QVERIFY2(m, qPrintable(error.message));
    QCOMPARE(m->type, QStringLiteral("changes"));
    const QJsonArray changes = m->body.value(QStringLiteral("changes")).toArray();
    QCOMPARE(changes.size(), 2);
    for (int i = 0; i < 2; ++i) {
        const Models::ItemChange &want = i ? b : a;
        const auto got = parseChange(changes.at(i).toObject());
        QVERIFY(got);
        QCOMPARE(got->cursor, want.cursor);
        QCOMPARE(got->kind, want.kind);
        QCOMPARE(got->itemId, want.itemId);
        QCOMPARE(got->version, want.version);
        QCOMPARE(got->state, want.state);
        QCOMPARE(got->assignee, want.assignee);
        QCOMPARE(got->at, want.at);
        QCOMPARE(got->actor, want.actor);
        QCOMPARE(got->command, want.command);
        QCOMPARE(got->fromState, want.fromState);
        QCOMPARE(got->reason, want.reason);
    }
    QVERIFY(decode(changesFrame({}), &error));
}

void TestMessage::refusesUnreadableChanges()
{
    const QJsonObject good = QJsonDocument::fromJson(encodeChange({1, Models::WorkKind::Declaration, 2, 3, QStringLiteral("held"), {}, 0, {}, {}, {}, {}}))
                                 .object();
    QVERIFY(parseChange(good));
    for (const char *field : {"kind", "cursor", "itemId", "version"}) {
        QJsonObject bad = good;
        bad.remove(QLatin1String(field));
        QVERIFY2(!parseChange(bad), field);
    }
    QJsonObject unknownKind = good;
    unknownKind.insert(QStringLiteral("kind"), QStringLiteral("parcel"));
    QVERIFY(!parseChange(unknownKind));
}

void TestMessage::officerChangesRoundTripAndBadOnesAreRefused()
{
    Models::ItemChange change;
    change.cursor = 77;
    change.officer = Models::Officer{QStringLiteral("sun.li"), QStringLiteral("孙丽"), QStringLiteral("5141"),
                                     Models::Role::WindowOfficer | Models::Role::Supervisor, false};
    const QJsonObject good = QJsonDocument::fromJson(encodeChange(change)).object();
    QCOMPARE(good.value(QStringLiteral("kind")).toString(), QStringLiteral("officer"));
    const std::optional<Models::ItemChange> back = parseChange(good);
    QVERIFY(back);
    QCOMPARE(back->cursor, 77);
    QVERIFY(back->officer);
    QCOMPARE(*back->officer, *change.officer);

    // "active" may be left out (true); everything else must be there with its type.
    QJsonObject officer = good.value(QStringLiteral("officer")).toObject();
    officer.remove(QStringLiteral("active"));
    QJsonObject noActive = good;
    noActive.insert(QStringLiteral("officer"), officer);
    QVERIFY(parseChange(noActive)->officer->active);
    const QList<QPair<const char *, QJsonValue>> bad = {
        {"id", QString()}, {"id", 5}, {"name", QJsonValue()}, {"office", 5141}, {"roles", QStringLiteral("window")},
        {"roles", -1}, {"roles", 1.5}, {"roles", 64}, {"roles", 1e300}, {"active", 1},
    };
    for (const auto &[field, value] : bad) {
        QJsonObject o = good.value(QStringLiteral("officer")).toObject();
        if (value.isNull())
            o.remove(QLatin1String(field));
        else
            o.insert(QLatin1String(field), value);
        QJsonObject c = good;
        c.insert(QStringLiteral("officer"), o);
        QVERIFY2(!parseChange(c), field);
    }
    QJsonObject noCursor = good;
    noCursor.remove(QStringLiteral("cursor"));
    QVERIFY(!parseChange(noCursor));
    QJsonObject noOfficer = good;
    noOfficer.remove(QStringLiteral("officer"));
    QVERIFY(!parseChange(noOfficer));
}

void TestMessage::deflatedChangesRoundTripAndDamageIsRefused()
{
    QList<QByteArray> encoded;
    for (qint64 cursor = 101; cursor <= 300; ++cursor)
        encoded << encodeChange({cursor, Models::WorkKind::Declaration, cursor % 37 + 1, cursor, QStringLiteral("under_review"), QStringLiteral("li.na"),
                                 1795353700 + cursor, QStringLiteral("li.na"), QStringLiteral("claim"), QStringLiteral("received"),
                                 QStringLiteral("单证不齐")});
    const QByteArray frame = deflatedChangesFrame(encoded, 101, 300);
    QVERIFY(isDeflatedChangesFrame(frame));
    // Smaller than the text frame it stands for.
    QVERIFY2(frame.size() * 4 < changesFrame(encoded).size(), qPrintable(QString::number(frame.size())));
    DecodeError error;
    const auto decoded = decodeDeflatedChangesFrame(frame, &error);
    QVERIFY2(decoded, qPrintable(error.message));
    QCOMPARE(decoded->header.value(QStringLiteral("first")).toInteger(), 101);
    QCOMPARE(decoded->header.value(QStringLiteral("last")).toInteger(), 300);
    QCOMPARE(decoded->changes.size(), 200);
    const auto last = parseChange(decoded->changes.last().toObject());
    QVERIFY(last);
    QCOMPARE(last->cursor, 300);
    QCOMPARE(last->reason, QStringLiteral("单证不齐"));
    // The same changes as the text frame carries.
    const auto text = decode(changesFrame(encoded), &error);
    QVERIFY(text);
    QCOMPARE(decoded->changes, text->body.value(QStringLiteral("changes")).toArray());

    // Damage anywhere is refused, never half-read.
    QByteArray flipped = frame;
    flipped[flipped.size() - 10] = char(flipped.at(flipped.size() - 10) ^ 0x5a);
    QVERIFY(!decodeDeflatedChangesFrame(flipped, &error));
    QVERIFY(!decodeDeflatedChangesFrame(frame.left(frame.size() - 1), &error));
    QVERIFY(!decodeDeflatedChangesFrame(frame.left(12), &error));
    QVERIFY(!decodeDeflatedChangesFrame(QByteArray("CWPG") + frame.mid(4), &error));
    QByteArray lying = frame;
    const QByteArray bytesField = "\"bytes\":";
    const qsizetype at = lying.indexOf(bytesField) + bytesField.size();
    lying[at] = lying.at(at) == '9' ? '8' : char(lying.at(at) + 1);
    QVERIFY(!decodeDeflatedChangesFrame(lying, &error));
}

void TestMessage::pageFrameCarriesTheBodysSha256()
{
    // The page checksum is plain SHA-256 (OpenSSL's, for speed): any implementation agrees on it.
    QByteArray body;
    for (int i = 0; i < 100000; ++i)
        body.append(char(i * 131 % 251));
    const QByteArray frame = encodePageFrame({{QStringLiteral("type"), QStringLiteral("page")}, {QStringLiteral("rows"), 3}}, body);
    DecodeError error;
    const std::optional<PageFrame> page = decodePageFrame(frame, &error);
    QVERIFY2(page, qPrintable(error.message));
    QCOMPARE(page->body, body);
    QCOMPARE(page->header.value(QStringLiteral("sha256")).toString(),
             QString::fromLatin1(QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex()));
    QCOMPARE(page->header.value(QStringLiteral("rows")).toInt(), 3);

    // One byte changed in transit: refused, and nothing of it is read.
    QByteArray damaged = frame;
    damaged[damaged.size() - 500] = char(damaged.at(damaged.size() - 500) ^ 0x01);
    QVERIFY(!decodePageFrame(damaged, &error));
    QVERIFY2(error.message.contains(QLatin1String("SHA-256")), qPrintable(error.message));

    // An empty page (a table with no rows) has the empty input's digest.
    const std::optional<PageFrame> empty = decodePageFrame(encodePageFrame({{QStringLiteral("type"), QStringLiteral("page")}}, {}), &error);
    QVERIFY2(empty, qPrintable(error.message));
    QCOMPARE(empty->header.value(QStringLiteral("sha256")).toString(), QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
}

void TestMessage::blobChunkRoundTrips()
{
    const QString sha = QString(64, QLatin1Char('a'));
    QVERIFY(isBlobSha256(sha));
    QByteArray bytes(kMaxBlobChunkBytes, Qt::Uninitialized);
    for (qsizetype i = 0; i < bytes.size(); ++i)
        bytes[i] = char(i * 7);
    const QByteArray frame = encodeBlobChunkFrame({sha, qint64(1) << 40, 17, bytes});
    QVERIFY(isBlobChunkFrame(frame));
    QVERIFY(frame.size() < kMaxFrameBytes); // a full chunk passes the server's frame limit
    DecodeError error;
    const auto chunk = decodeBlobChunkFrame(frame, &error);
    QVERIFY2(chunk, qPrintable(error.message));
    QCOMPARE(chunk->sha256, sha);
    QCOMPARE(chunk->offset, qint64(1) << 40);
    QCOMPARE(chunk->re, 17);
    QCOMPARE(chunk->bytes, bytes);
    const auto upload = decodeBlobChunkFrame(encodeBlobChunkFrame({sha, 0, 0, QByteArray("x")}), &error);
    QVERIFY(upload);
    QCOMPARE(upload->re, 0);
}

void TestMessage::refusesBadBlobChunks_data()
{
    const QString sha = QString(64, QLatin1Char('0'));
    auto frame = [](const QByteArray &header, const QByteArray &body) -> QByteArray {
        QByteArray length(4, 0);
        length[3] = char(header.size() & 0xff);
        length[2] = char(header.size() >> 8);
        return QByteArray("CWBC") + length + header + body;
    };
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("short") << QByteArray("CWBC\0\0", 6) << "bad_request" << "not a chunk frame";
    QTest::newRow("header past the end") << QByteArray("CWBC\0\0\1\0{}", 10) << "bad_request" << "past the end";
    QTest::newRow("header not JSON") << frame("{nope", "x") << "bad_request" << "not a JSON object";
    QTest::newRow("wrong type") << frame(R"({"type":"page"})", "x") << "bad_request" << "of type \"chunk\"";
    QTest::newRow("no sha256") << frame(R"({"type":"chunk","offset":0})", "x") << "bad_request" << "\"sha256\"";
    QTest::newRow("sha256 upper case") << frame(R"({"type":"chunk","offset":0,"sha256":")" + sha.toUpper().replace(QLatin1Char('0'), QLatin1Char('A')).toLatin1() + "\"}", "x")
                                       << "bad_request" << "lower-case hex";
    QTest::newRow("sha256 a path") << frame(R"({"type":"chunk","offset":0,"sha256":"../../../../etc/passwd"})", "x") << "bad_request" << "64 lower-case hex";
    QTest::newRow("negative offset") << frame(R"({"type":"chunk","offset":-1,"sha256":")" + sha.toLatin1() + "\"}", "x") << "bad_request" << "\"offset\"";
    QTest::newRow("offset a string") << frame(R"({"type":"chunk","offset":"0","sha256":")" + sha.toLatin1() + "\"}", "x") << "bad_request" << "\"offset\"";
    QTest::newRow("chunk too big") << frame(R"({"type":"chunk","offset":0,"sha256":")" + sha.toLatin1() + "\"}", QByteArray(kMaxBlobChunkBytes + 1, 'x'))
                                   << "too_large" << "at most";
    QTest::newRow("frame too big") << frame(R"({"type":"chunk","offset":0,"sha256":")" + sha.toLatin1() + "\"}", QByteArray(kMaxFrameBytes, 'x'))
                                   << "too_large" << "exceeds";
}

void TestMessage::refusesBadBlobChunks()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, code);
    QFETCH(QString, mentions);
    DecodeError error;
    QVERIFY(!decodeBlobChunkFrame(frame, &error));
    QCOMPARE(error.code, code);
    QVERIFY2(error.message.contains(mentions), qPrintable(error.message));
}

QTEST_GUILESS_MAIN(TestMessage)
#include "tst_message.moc"
