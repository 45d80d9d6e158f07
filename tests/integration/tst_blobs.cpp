// Blob transfer (docs/protocol.md, "Blobs") against a real clearway-server process on loopback:
// upload and download byte for byte, dedup, resume after a cut connection and after a restart,
// and every refusal (a wrong hash, a wrong offset, too large, not signed in, malformed chunks).
#include "server/blobstore.h"
#include "server/store.h"
#include "sync/blobtransfer.h"
#include "sync/message.h"
#include "tests/common/syncharness.h"
#include "tests/common/wsclient.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <memory>

using namespace Clearway;
using Tests::codeOf;
using Tests::typeOf;
using Tests::WsClient;

namespace {

constexpr int kMaxBlobMb = 8;
constexpr qint64 kChunk = Sync::kMaxBlobChunkBytes;

QByteArray randomBytes(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), size / 4);
    for (qsizetype i = size / 4 * 4; i < size; ++i)
        bytes[i] = char(QRandomGenerator::global()->bounded(256));
    return bytes;
}

bool writeFile(QFile &file, const QByteArray &data)
{
    const bool ok = file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
    file.close();
    return ok;
}

QString sha256Of(const QByteArray &bytes) { return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()); }

QJsonObject blobBegin(const QString &sha, qint64 size)
{
    return {{QStringLiteral("type"), QStringLiteral("blob_begin")}, {QStringLiteral("sha256"), sha}, {QStringLiteral("size"), size},
            {QStringLiteral("mime"), QStringLiteral("image/jpeg")}};
}

bool isBlobReply(const QJsonObject &o, const QString &sha)
{
    return o.value(QStringLiteral("sha256")).toString() == sha && !o.contains(QStringLiteral("re"));
}

// Sends `data` from `from` with at most four chunks unacknowledged, until the server has `until`
// bytes (or all). The last reply: blob_progress, blob_stored or an error; empty when the connection
// went quiet.
QJsonObject sendChunks(WsClient &c, const QString &sha, const QByteArray &data, qint64 from, qint64 until = -1)
{
    if (until < 0)
        until = data.size();
    qint64 sent = from;
    qint64 have = from;
    QJsonObject last;
    while (have < until) {
        while (sent < until && sent - have < 4 * kChunk) {
            const QByteArray bytes = data.mid(sent, qMin(kChunk, until - sent));
            c.sendBinary(Sync::encodeBlobChunkFrame({sha, sent, 0, bytes}));
            sent += bytes.size();
        }
        last = c.waitFor([&](const QJsonObject &o) { return isBlobReply(o, sha); });
        if (typeOf(last) != QLatin1String("blob_progress"))
            return last;
        have = last.value(QStringLiteral("have")).toInteger();
    }
    return last;
}

// blob_get from `offset`: the bytes of its chunks, in order, once blob_end arrives; *end gets the
// last reply (blob_end or an error).
QByteArray download(WsClient &c, const QString &sha, qint64 offset, QJsonObject *end)
{
    const qint64 id = c.post({{QStringLiteral("type"), QStringLiteral("blob_get")}, {QStringLiteral("sha256"), sha}, {QStringLiteral("offset"), offset}});
    *end = c.waitFor([id](const QJsonObject &o) { return o.value(QStringLiteral("re")).toInteger() == id; }, 20000);
    QByteArray bytes;
    qint64 at = offset;
    for (const QByteArray &frame : c.takeBinary()) {
        Sync::DecodeError error;
        const std::optional<Sync::BlobChunk> chunk = Sync::decodeBlobChunkFrame(frame, &error);
        if (!chunk || chunk->sha256 != sha || chunk->re != id || chunk->offset != at)
            return "broken chunk: " + error.message.toUtf8();
        bytes += chunk->bytes;
        at += chunk->bytes.size();
    }
    return bytes;
}

} // namespace

class TestBlobs final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void uploadsAndDownloadsByteForByte();
    void storesTheSameContentOnce();
    void resumesAfterACutConnection();
    void resumesAfterAServerRestart();
    void refusesContentThatDoesNotMatchItsName();
    void namesTheExpectedOffset();
    void refusesBlobsOverTheLimit();
    void refusesBlobsBeforeSignIn();
    void refusesBadNames_data();
    void refusesBadNames();
    void answersMalformedChunksAndServesOthers();
    void answersUnknownBlobsWithNotFound();
    void transferResumesUploadsAndDownloadsOverCutConnections();
    void transferReportsBlobsItCannotMove();
    void transferKeepsToTheRateLimit();
    void keepsBlobsWhereTheBlobDirSays();
    void abandonedUploadsAreRemovedAtOpen();

private:
    std::unique_ptr<WsClient> signedIn(quint16 port, const QString &clientId);
    // A new server database of this test (SQLite, or PostgreSQL when the environment names one).
    QString newDatabase(const QString &name, int declarations);
    // Where a server of `database` keeps its blobs: beside an SQLite file, its default; for a
    // PostgreSQL database a folder of this test's, given with --blob-dir (blobOptions()), since the
    // default there, the working folder, would be every test's.
    QString blobDir(const QString &database) const;
    QStringList blobOptions(const QString &database) const;
    static QString blobPath(const QString &dir, const QString &sha)
    {
        return dir + QLatin1Char('/') + sha.left(2) + QLatin1Char('/') + sha.mid(2, 2) + QLatin1Char('/') + sha;
    }
    QString blobPath(const QString &sha) const { return blobPath(blobDir(m_db), sha); }

    QTemporaryDir m_dir;
    QString m_db;
    QStringList m_databases; // every one made, dropped at the end
    Tests::ServerProcess m_server;
};

QString TestBlobs::newDatabase(const QString &name, int declarations)
{
    const Tests::ServerDatabase db = Tests::newServerDatabase(m_dir.path(), name, declarations, QDateTime::currentDateTimeUtc());
    if (!db.error.isEmpty())
        qWarning("%s", qPrintable(db.error));
    m_databases << db.database;
    return db.error.isEmpty() ? db.database : QString();
}

QString TestBlobs::blobDir(const QString &database) const
{
    if (!Server::Store::isPostgresUrl(database))
        return database + QStringLiteral(".blobs");
    return m_dir.filePath(QUrl(database).path().mid(1) + QStringLiteral(".blobs"));
}

QStringList TestBlobs::blobOptions(const QString &database) const
{
    return Server::Store::isPostgresUrl(database) ? QStringList{QStringLiteral("--blob-dir"), blobDir(database)} : QStringList();
}

std::unique_ptr<WsClient> TestBlobs::signedIn(quint16 port, const QString &clientId)
{
    auto c = std::make_unique<WsClient>(port);
    if (!c->connected())
        return nullptr;
    return typeOf(c->signIn(clientId)) == QLatin1String("session") ? std::move(c) : nullptr;
}

void TestBlobs::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_db = newDatabase(QStringLiteral("server"), 10);
    QVERIFY(!m_db.isEmpty());
    QString error;
    QVERIFY2(m_server.start(m_db, QStringList{QStringLiteral("--max-blob-mb"), QString::number(kMaxBlobMb)} + blobOptions(m_db), &error), qPrintable(error));
}

void TestBlobs::cleanupTestCase()
{
    m_server.stop();
    for (const QString &database : std::as_const(m_databases))
        QCOMPARE(Tests::dropServerDatabase(database), QString());
}

void TestBlobs::uploadsAndDownloadsByteForByte()
{
    const auto c = signedIn(m_server.port(), QStringLiteral("blob-ws-1"));
    QVERIFY(c);
    const QByteArray data = randomBytes(3 * 1024 * 1024 + 12345);
    const QString sha = sha256Of(data);
    const QJsonObject ready = c->request(blobBegin(sha, data.size()));
    QCOMPARE(typeOf(ready), QStringLiteral("blob_ready"));
    QCOMPARE(ready.value(QStringLiteral("have")).toInteger(), 0);
    QCOMPARE(ready.value(QStringLiteral("complete")).toBool(), false);
    const QJsonObject stored = sendChunks(*c, sha, data, 0);
    QCOMPARE(typeOf(stored), QStringLiteral("blob_stored"));
    QCOMPARE(stored.value(QStringLiteral("size")).toInteger(), data.size());
    QVERIFY(QFileInfo(blobPath(sha)).isFile());
    QVERIFY(!QFileInfo::exists(blobPath(sha) + QStringLiteral(".partial")));

    // Another workstation downloads it whole, then resumes from the middle.
    const auto other = signedIn(m_server.port(), QStringLiteral("blob-ws-2"));
    QVERIFY(other);
    QJsonObject end;
    const QByteArray whole = download(*other, sha, 0, &end);
    QCOMPARE(typeOf(end), QStringLiteral("blob_end"));
    QCOMPARE(end.value(QStringLiteral("size")).toInteger(), data.size());
    QVERIFY(whole == data);
    const QByteArray tail = download(*other, sha, 1000001, &end);
    QCOMPARE(typeOf(end), QStringLiteral("blob_end"));
    QVERIFY(tail == data.mid(1000001));
    QVERIFY(download(*other, sha, data.size(), &end).isEmpty());
    QCOMPARE(typeOf(end), QStringLiteral("blob_end"));
    download(*other, sha, data.size() + 1, &end);
    QCOMPARE(codeOf(end), QStringLiteral("bad_request"));
}

void TestBlobs::storesTheSameContentOnce()
{
    const auto c = signedIn(m_server.port(), QStringLiteral("blob-ws-3"));
    QVERIFY(c);
    const QByteArray data = randomBytes(700 * 1024);
    const QString sha = sha256Of(data);
    QCOMPARE(typeOf(c->request(blobBegin(sha, data.size()))), QStringLiteral("blob_ready"));
    QCOMPARE(typeOf(sendChunks(*c, sha, data, 0)), QStringLiteral("blob_stored"));
    const QDateTime written = QFileInfo(blobPath(sha)).lastModified();

    const auto again = signedIn(m_server.port(), QStringLiteral("blob-ws-4"));
    QVERIFY(again);
    const QJsonObject ready = again->request(blobBegin(sha, data.size()));
    QCOMPARE(ready.value(QStringLiteral("complete")).toBool(), true);
    QCOMPARE(ready.value(QStringLiteral("have")).toInteger(), data.size());
    QCOMPARE(QFileInfo(blobPath(sha)).lastModified(), written);
}

void TestBlobs::resumesAfterACutConnection()
{
    Tests::LoopbackProxy proxy(m_server.port());
    QString error;
    QVERIFY2(proxy.listen(&error), qPrintable(error));
    const QByteArray data = randomBytes(4 * 1024 * 1024);
    const QString sha = sha256Of(data);
    proxy.cutAfter(Tests::LoopbackProxy::Up, 1600 * 1024);
    {
        const auto c = signedIn(proxy.url().port(), QStringLiteral("blob-ws-5"));
        QVERIFY(c);
        QCOMPARE(typeOf(c->request(blobBegin(sha, data.size()))), QStringLiteral("blob_ready"));
        const QJsonObject last = sendChunks(*c, sha, data, 0);
        QVERIFY2(typeOf(last) != QLatin1String("blob_stored"), "the proxy cut the upload");
        QCOMPARE(proxy.cuts(), 1);
    }
    const auto c = signedIn(proxy.url().port(), QStringLiteral("blob-ws-5"));
    QVERIFY(c);
    const QJsonObject ready = c->request(blobBegin(sha, data.size()));
    const qint64 have = ready.value(QStringLiteral("have")).toInteger();
    QVERIFY2(have > 0 && have < 1600 * 1024, qPrintable(QString::number(have)));
    QCOMPARE(typeOf(sendChunks(*c, sha, data, have)), QStringLiteral("blob_stored"));
    QVERIFY2(proxy.bytes(Tests::LoopbackProxy::Up) < 2 * data.size(), qPrintable(QString::number(proxy.bytes(Tests::LoopbackProxy::Up))));
    QJsonObject end;
    QVERIFY(download(*c, sha, 0, &end) == data);
}

void TestBlobs::resumesAfterAServerRestart()
{
    const QByteArray data = randomBytes(2 * 1024 * 1024 + 7);
    const QString sha = sha256Of(data);
    {
        const auto c = signedIn(m_server.port(), QStringLiteral("blob-ws-6"));
        QVERIFY(c);
        QCOMPARE(typeOf(c->request(blobBegin(sha, data.size()))), QStringLiteral("blob_ready"));
        const QJsonObject progress = sendChunks(*c, sha, data, 0, 3 * kChunk);
        QCOMPARE(progress.value(QStringLiteral("have")).toInteger(), 3 * kChunk);
        m_server.kill();
    }
    QVERIFY(QFileInfo(blobPath(sha) + QStringLiteral(".partial")).isFile());
    QString error;
    QVERIFY2(m_server.start(m_db, QStringList{QStringLiteral("--max-blob-mb"), QString::number(kMaxBlobMb)} + blobOptions(m_db), &error),
             qPrintable(error));
    const auto c = signedIn(m_server.port(), QStringLiteral("blob-ws-6"));
    QVERIFY(c);
    const QJsonObject ready = c->request(blobBegin(sha, data.size()));
    QCOMPARE(ready.value(QStringLiteral("have")).toInteger(), 3 * kChunk);
    QCOMPARE(typeOf(sendChunks(*c, sha, data, 3 * kChunk)), QStringLiteral("blob_stored"));
    QFile stored(blobPath(sha));
    QVERIFY(stored.open(QIODevice::ReadOnly));
    QVERIFY(stored.readAll() == data);
}

void TestBlobs::refusesContentThatDoesNotMatchItsName()
{
    const auto c = signedIn(m_server.port(), QStringLiteral("blob-ws-7"));
    QVERIFY(c);
    const QByteArray data = randomBytes(kChunk + 100);
    const QString claimed = sha256Of(randomBytes(64));
    QCOMPARE(typeOf(c->request(blobBegin(claimed, data.size()))), QStringLiteral("blob_ready"));
    const QJsonObject refused = sendChunks(*c, claimed, data, 0);
    QCOMPARE(codeOf(refused), QStringLiteral("bad_blob"));
    QVERIFY2(refused.value(QStringLiteral("message")).toString().contains(sha256Of(data)), qPrintable(refused.value(QStringLiteral("message")).toString()));
    QVERIFY(!QFileInfo::exists(blobPath(claimed)));
    QVERIFY(!QFileInfo::exists(blobPath(claimed) + QStringLiteral(".partial")));
    QJsonObject end;
    download(*c, claimed, 0, &end);
    QCOMPARE(codeOf(end), QStringLiteral("not_found"));
    // Starting again is allowed, from nothing.
    QCOMPARE(c->request(blobBegin(claimed, data.size())).value(QStringLiteral("have")).toInteger(), 0);
}

void TestBlobs::namesTheExpectedOffset()
{
    const auto c = signedIn(m_server.port(), QStringLiteral("blob-ws-8"));
    QVERIFY(c);
    const QByteArray data = randomBytes(3000);
    const QString sha = sha256Of(data);
    QCOMPARE(typeOf(c->request(blobBegin(sha, data.size()))), QStringLiteral("blob_ready"));
    QCOMPARE(typeOf(sendChunks(*c, sha, data, 0, 1000)), QStringLiteral("blob_progress"));
    c->sendBinary(Sync::encodeBlobChunkFrame({sha, 2000, 0, data.mid(2000)}));
    const QJsonObject refused = c->waitFor([&](const QJsonObject &o) { return isBlobReply(o, sha); });
    QCOMPARE(codeOf(refused), QStringLiteral("wrong_offset"));
    QCOMPARE(refused.value(QStringLiteral("expected")).toInteger(), 1000);
    QVERIFY(refused.value(QStringLiteral("message")).toString().contains(QStringLiteral("1000")));
    // A chunk past the declared size.
    c->sendBinary(Sync::encodeBlobChunkFrame({sha, 1000, 0, randomBytes(2001)}));
    QCOMPARE(codeOf(c->waitFor([&](const QJsonObject &o) { return isBlobReply(o, sha); })), QStringLiteral("bad_request"));
    QCOMPARE(typeOf(sendChunks(*c, sha, data, 1000)), QStringLiteral("blob_stored"));
}

void TestBlobs::refusesBlobsOverTheLimit()
{
    const auto c = signedIn(m_server.port(), QStringLiteral("blob-ws-9"));
    QVERIFY(c);
    const QJsonObject refused = c->request(blobBegin(QString(64, QLatin1Char('e')), (qint64(kMaxBlobMb) << 20) + 1));
    QCOMPARE(codeOf(refused), QStringLiteral("too_large"));
    QCOMPARE(typeOf(c->request(blobBegin(QString(64, QLatin1Char('e')), qint64(kMaxBlobMb) << 20))), QStringLiteral("blob_ready"));
    QCOMPARE(codeOf(c->request(blobBegin(QString(64, QLatin1Char('e')), 0))), QStringLiteral("bad_request"));
}

void TestBlobs::refusesBlobsBeforeSignIn()
{
    WsClient c(m_server.port());
    QVERIFY(c.connected());
    c.request({{QStringLiteral("type"), QStringLiteral("hello")}, {QStringLiteral("protocol"), QJsonArray{Sync::kProtocolVersion}}, {QStringLiteral("clientId"), QStringLiteral("blob-anon")}});
    const QString sha(64, QLatin1Char('1'));
    QCOMPARE(codeOf(c.request(blobBegin(sha, 10))), QStringLiteral("not_authenticated"));
    QCOMPARE(codeOf(c.request({{QStringLiteral("type"), QStringLiteral("blob_get")}, {QStringLiteral("sha256"), sha}})), QStringLiteral("not_authenticated"));
    c.sendBinary(Sync::encodeBlobChunkFrame({sha, 0, 0, QByteArray("0123456789")}));
    QCOMPARE(codeOf(c.waitFor([](const QJsonObject &o) { return typeOf(o) == QLatin1String("error"); })), QStringLiteral("not_authenticated"));
    QVERIFY(!QFileInfo::exists(blobPath(sha) + QStringLiteral(".partial")));
}

void TestBlobs::refusesBadNames_data()
{
    QTest::addColumn<QString>("sha");
    QTest::newRow("a path") << QStringLiteral("../../../../../../etc/passwd");
    QTest::newRow("63 digits") << QString(63, QLatin1Char('a'));
    QTest::newRow("65 digits") << QString(65, QLatin1Char('a'));
    QTest::newRow("upper case") << QString(64, QLatin1Char('A'));
    QTest::newRow("slashes") << QString(30, QLatin1Char('a')) + QStringLiteral("/../") + QString(30, QLatin1Char('a'));
}

void TestBlobs::refusesBadNames()
{
    QFETCH(QString, sha);
    const auto c = signedIn(m_server.port(), QStringLiteral("blob-ws-10"));
    QVERIFY(c);
    const QJsonObject refused = c->request(blobBegin(sha, 10));
    QCOMPARE(codeOf(refused), QStringLiteral("bad_request"));
    QVERIFY(refused.value(QStringLiteral("message")).toString().contains(QStringLiteral("sha256")));
    QCOMPARE(codeOf(c->request({{QStringLiteral("type"), QStringLiteral("blob_get")}, {QStringLiteral("sha256"), sha}})), QStringLiteral("bad_request"));
}

void TestBlobs::answersMalformedChunksAndServesOthers()
{
    const auto other = signedIn(m_server.port(), QStringLiteral("blob-ws-11"));
    QVERIFY(other);
    const QByteArray data = randomBytes(5000);
    const QString sha = sha256Of(data);
    QCOMPARE(typeOf(other->request(blobBegin(sha, data.size()))), QStringLiteral("blob_ready"));

    const auto c = signedIn(m_server.port(), QStringLiteral("blob-ws-12"));
    QVERIFY(c);
    auto nextError = [&] { return c->waitFor([](const QJsonObject &o) { return typeOf(o) == QLatin1String("error"); }); };
    c->sendBinary(QByteArray("not a chunk at all"));
    QJsonObject e = nextError();
    QCOMPARE(codeOf(e), QStringLiteral("bad_request"));
    QVERIFY(e.value(QStringLiteral("message")).toString().contains(QStringLiteral("CWBC")));
    c->sendBinary(QByteArray("CWBC\0\0\0\5{\"typ", 13));
    e = nextError();
    QVERIFY2(e.value(QStringLiteral("message")).toString().contains(QStringLiteral("chunk")), qPrintable(e.value(QStringLiteral("message")).toString()));
    QCOMPARE(typeOf(c->request({{QStringLiteral("type"), QStringLiteral("ping")}})), QStringLiteral("pong"));
    c->sendBinary(Sync::encodeBlobChunkFrame({sha, 0, 0, data}));
    e = c->waitFor([&](const QJsonObject &o) { return isBlobReply(o, sha); });
    QVERIFY2(e.value(QStringLiteral("message")).toString().contains(QStringLiteral("blob_begin")), "chunks of a blob this connection did not begin");

    // Three malformed frames in a row close that connection; the other goes on and finishes.
    for (int i = 0; i < 3; ++i)
        c->sendBinary(QByteArray("CWBC\xff\xff\xff\xff", 8));
    QVERIFY(c->waitClosed(5000));
    QCOMPARE(typeOf(sendChunks(*other, sha, data, 0)), QStringLiteral("blob_stored"));
    QJsonObject end;
    QVERIFY(download(*other, sha, 0, &end) == data);
}

void TestBlobs::answersUnknownBlobsWithNotFound()
{
    const auto c = signedIn(m_server.port(), QStringLiteral("blob-ws-13"));
    QVERIFY(c);
    QJsonObject end;
    download(*c, QString(64, QLatin1Char('f')), 0, &end);
    QCOMPARE(codeOf(end), QStringLiteral("not_found"));
    QCOMPARE(end.value(QStringLiteral("sha256")).toString(), QString(64, QLatin1Char('f')));
}

// The workstation's BlobTransfer through a proxy that cuts the connection in the middle of an
// upload and again in the middle of the download: both go on from where they stood.
void TestBlobs::transferResumesUploadsAndDownloadsOverCutConnections()
{
    WsClient login(m_server.port());
    QVERIFY(login.connected());
    const QString token = login.signIn(QStringLiteral("blob-desk")).value(QStringLiteral("token")).toString();
    QVERIFY(!token.isEmpty());
    Tests::LoopbackProxy proxy(m_server.port());
    QString error;
    QVERIFY2(proxy.listen(&error), qPrintable(error));

    const QByteArray data = randomBytes(5 * 1024 * 1024 + 3);
    QFile local(m_dir.filePath(QStringLiteral("inspection-photo.jpg")));
    QVERIFY(writeFile(local, data));

    Sync::BlobTransfer uploader(QStringLiteral("blob-desk"), m_dir.filePath(QStringLiteral("desk-a-blobs")));
    QSignalSpy uploaded(&uploader, &Sync::BlobTransfer::uploaded);
    QSignalSpy failed(&uploader, &Sync::BlobTransfer::failed);
    proxy.cutAfter(Tests::LoopbackProxy::Up, 2 * 1024 * 1024);
    uploader.start(proxy.url(), token);
    const QString sha = uploader.upload(local.fileName(), QStringLiteral("image/jpeg"), &error);
    QCOMPARE(sha, sha256Of(data));
    QVERIFY2(uploaded.wait(30000), failed.isEmpty() ? "no upload" : qPrintable(failed.first().at(2).toString()));
    QCOMPARE(uploaded.first().first().toString(), sha);
    QCOMPARE(proxy.cuts(), 1);
    QVERIFY2(uploader.bytesSent() < 2 * data.size(), qPrintable(QString::number(uploader.bytesSent())));
    QVERIFY(uploader.bytesSent() >= data.size());
    QFile stored(blobPath(sha));
    QVERIFY(stored.open(QIODevice::ReadOnly));
    QVERIFY(stored.readAll() == data);

    // Another desk downloads it; the connection is cut half-way and the download resumes.
    Sync::BlobTransfer downloader(QStringLiteral("blob-desk-b"), m_dir.filePath(QStringLiteral("desk-b-blobs")));
    QSignalSpy downloaded(&downloader, &Sync::BlobTransfer::downloaded);
    QSignalSpy downloadFailed(&downloader, &Sync::BlobTransfer::failed);
    proxy.cutAfter(Tests::LoopbackProxy::Down, 2 * 1024 * 1024);
    downloader.start(proxy.url(), token);
    QVERIFY(downloader.download(sha, &error));
    QVERIFY2(downloaded.wait(30000), downloadFailed.isEmpty() ? "no download" : qPrintable(downloadFailed.first().at(2).toString()));
    QCOMPARE(proxy.cuts(), 2);
    QCOMPARE(downloaded.first().at(1).toString(), downloader.blobPath(sha));
    QVERIFY2(downloader.bytesReceived() < 2 * data.size(), qPrintable(QString::number(downloader.bytesReceived())));
    QFile copy(downloader.blobPath(sha));
    QVERIFY(copy.open(QIODevice::ReadOnly));
    QVERIFY(copy.readAll() == data);
    QVERIFY(!QFileInfo::exists(downloader.blobPath(sha) + QStringLiteral(".partial")));
    // A second upload of the same content costs nothing.
    const qint64 before = uploader.bytesSent();
    QCOMPARE(uploader.upload(local.fileName(), QStringLiteral("image/jpeg"), &error), sha);
    QVERIFY(uploaded.wait(10000));
    QCOMPARE(uploader.bytesSent(), before);
}

void TestBlobs::transferReportsBlobsItCannotMove()
{
    WsClient login(m_server.port());
    QVERIFY(login.connected());
    const QString token = login.signIn(QStringLiteral("blob-desk-c")).value(QStringLiteral("token")).toString();
    Sync::BlobTransfer transfer(QStringLiteral("blob-desk-c"), m_dir.filePath(QStringLiteral("desk-c-blobs")));
    QSignalSpy failed(&transfer, &Sync::BlobTransfer::failed);
    transfer.start(m_server.url(), token);
    QString error;
    const QString unknown(64, QLatin1Char('d'));
    QVERIFY(transfer.download(unknown, &error));
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.first().at(1).toString(), QStringLiteral("not_found"));
    QVERIFY(!QFileInfo::exists(transfer.blobPath(unknown)));
    QVERIFY(!transfer.download(QStringLiteral("../../etc/passwd"), &error));
    QVERIFY(error.contains(QStringLiteral("not a blob name")));

    QFile big(m_dir.filePath(QStringLiteral("recording.mp4")));
    QVERIFY(big.open(QIODevice::WriteOnly));
    QVERIFY(big.resize((qint64(kMaxBlobMb) << 20) + 1));
    big.close();
    QVERIFY(!transfer.upload(big.fileName(), QStringLiteral("video/mp4"), &error).isEmpty());
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.last().at(1).toString(), QStringLiteral("too_large"));
    QVERIFY(transfer.isIdle());
}

// A server that takes three messages a second: chunks beyond that are answered rate_limited and
// dropped; the transfer asks where it stands after a pause and still finishes.
void TestBlobs::transferKeepsToTheRateLimit()
{
    const QString db = newDatabase(QStringLiteral("slow"), 1);
    QVERIFY(!db.isEmpty());
    Tests::ServerProcess slow;
    QString error;
    QVERIFY2(slow.start(db, QStringList{QStringLiteral("--max-messages-per-second"), QStringLiteral("3")} + blobOptions(db), &error), qPrintable(error));
    WsClient login(slow.port());
    QVERIFY(login.connected());
    const QString token = login.signIn(QStringLiteral("blob-desk-d")).value(QStringLiteral("token")).toString();
    QVERIFY(!token.isEmpty());

    const QByteArray data = randomBytes(3 * kChunk + 10);
    QFile local(m_dir.filePath(QStringLiteral("declaration.pdf")));
    QVERIFY(writeFile(local, data));
    Sync::BlobTransfer transfer(QStringLiteral("blob-desk-d"), m_dir.filePath(QStringLiteral("desk-d-blobs")));
    QSignalSpy uploaded(&transfer, &Sync::BlobTransfer::uploaded);
    QSignalSpy failed(&transfer, &Sync::BlobTransfer::failed);
    transfer.start(slow.url(), token);
    QTest::qWait(1100); // hello and resume spent this second's messages
    QCOMPARE(transfer.upload(local.fileName(), QStringLiteral("application/pdf"), &error), sha256Of(data));
    QVERIFY2(uploaded.wait(30000), failed.isEmpty() ? "no upload" : qPrintable(failed.first().at(2).toString()));
    QVERIFY(failed.isEmpty());
    QVERIFY2(transfer.bytesSent() > data.size(), "some chunks were refused and sent again");
    QFile stored(blobPath(blobDir(db), sha256Of(data)));
    QVERIFY(stored.open(QIODevice::ReadOnly));
    QVERIFY(stored.readAll() == data);
    slow.stop();
}

void TestBlobs::keepsBlobsWhereTheBlobDirSays()
{
    const QString db = newDatabase(QStringLiteral("elsewhere"), 1);
    QVERIFY(!db.isEmpty());
    const QString folder = m_dir.filePath(QStringLiteral("shared/blobs"));
    Tests::ServerProcess server;
    QString error;
    QVERIFY2(server.start(db, {QStringLiteral("--blob-dir"), folder}, &error), qPrintable(error));
    const auto c = signedIn(server.port(), QStringLiteral("blob-ws-14"));
    QVERIFY(c);
    const QByteArray data = randomBytes(1000);
    const QString sha = sha256Of(data);
    QCOMPARE(typeOf(c->request(blobBegin(sha, data.size()))), QStringLiteral("blob_ready"));
    QCOMPARE(typeOf(sendChunks(*c, sha, data, 0)), QStringLiteral("blob_stored"));
    QVERIFY(QFileInfo(blobPath(folder, sha)).isFile());
    // Not beside the SQLite file, the default there. (PostgreSQL's default, the working folder, is
    // shared with the other tests and not looked at.)
    QVERIFY(!QFileInfo::exists(blobDir(db)));
    server.stop();

    // A folder that cannot be made stops the server at start, saying which.
    QFile notAFolder(m_dir.filePath(QStringLiteral("a-file")));
    QVERIFY(writeFile(notAFolder, "x"));
    QByteArray output;
    const int rc = Tests::runServerCommand({QStringLiteral("serve"), QStringLiteral("--database"), db, QStringLiteral("--port"), QStringLiteral("0"),
                                            QStringLiteral("--insecure"), QStringLiteral("--blob-dir"), notAFolder.fileName() + QStringLiteral("/blobs")},
                                           {}, &output);
    QVERIFY2(rc > 0, output.constData());
    QVERIFY2(output.contains("blob folder"), output.constData());
}

// A partial upload nobody has added to for a week is removed when the store opens; a recent one
// (an upload that may still resume) and published blobs stay.
void TestBlobs::abandonedUploadsAreRemovedAtOpen()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Server::BlobStore store(dir.path());
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    const QString oldSha = QString(64, QLatin1Char('a'));
    const QString newSha = QString(64, QLatin1Char('b'));
    const QString published = QString(64, QLatin1Char('c'));
    // The documented layout: <root>/ab/cd/<sha256>, an upload beside it as <sha256>.partial.
    const auto blobPath = [&](const QString &sha) { return dir.filePath(sha.left(2) + QLatin1Char('/') + sha.mid(2, 2) + QLatin1Char('/') + sha); };
    const auto write = [&](const QString &path, int ageDays) {
        QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("some bytes");
        QVERIFY(f.flush()); // before the time is set: writing later would make it now again
        QVERIFY(f.setFileTime(QDateTime::currentDateTimeUtc().addDays(-ageDays), QFileDevice::FileModificationTime));
    };
    write(blobPath(oldSha) + QStringLiteral(".partial"), Server::BlobStore::kAbandonedDays + 1);
    write(blobPath(newSha) + QStringLiteral(".partial"), Server::BlobStore::kAbandonedDays - 1);
    write(blobPath(published), Server::BlobStore::kAbandonedDays + 30);

    Server::BlobStore reopened(dir.path());
    QVERIFY2(reopened.open(&error), qPrintable(error));
    QVERIFY(!QFileInfo::exists(blobPath(oldSha) + QStringLiteral(".partial")));
    QVERIFY(QFileInfo::exists(blobPath(newSha) + QStringLiteral(".partial")));
    QCOMPARE(reopened.size(published), qint64(10));
}

QTEST_GUILESS_MAIN(TestBlobs)
#include "tst_blobs.moc"
