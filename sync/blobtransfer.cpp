#include "sync/blobtransfer.h"

#include "sync/message.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTimer>
#include <QWebSocket>

#include <fcntl.h>
#include <unistd.h>

namespace Clearway::Sync {

Q_LOGGING_CATEGORY(lcBlob, "clearway.sync.blob")

namespace {

constexpr int kInFlight = 4; // chunks sent and not yet acknowledged
constexpr int kMaxBackoffMs = 15000;
constexpr int kIdleMs = 30000;
constexpr int kRetryMs = 1000;

// The SHA-256 of a file, read in blocks; empty with *error.
QString fileSha256(QFile &file, QString *error)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!file.seek(0) || !hash.addData(&file)) {
        *error = QStringLiteral("cannot read %1: %2").arg(file.fileName(), file.errorString());
        return {};
    }
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace

BlobTransfer::BlobTransfer(const QString &clientId, const QString &blobFolder, QObject *parent)
    : QObject(parent)
    , m_clientId(clientId)
    , m_folder(QDir::cleanPath(QFileInfo(blobFolder).absoluteFilePath()))
    , m_socket(new QWebSocket(QStringLiteral("clearway"), QWebSocketProtocol::VersionLatest, this))
    , m_reconnect(new QTimer(this))
    , m_idle(new QTimer(this))
    , m_retry(new QTimer(this))
{
    m_idle->setSingleShot(true);
    m_idle->setInterval(kIdleMs);
    connect(m_idle, &QTimer::timeout, this, [this] {
        qCInfo(lcBlob) << "no answer from the server for" << kIdleMs / 1000 << "s; reconnecting";
        m_socket->abort();
    });
    m_retry->setSingleShot(true);
    m_retry->setInterval(kRetryMs);
    connect(m_retry, &QTimer::timeout, this, &BlobTransfer::startJob);
    m_socket->setMaxAllowedIncomingFrameSize(kMaxFrameBytes);
    m_socket->setMaxAllowedIncomingMessageSize(kMaxFrameBytes);
    m_reconnect->setSingleShot(true);
    connect(m_reconnect, &QTimer::timeout, this, &BlobTransfer::connectNow);
    connect(m_socket, &QWebSocket::connected, this, &BlobTransfer::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &BlobTransfer::onDisconnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &BlobTransfer::onText);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &BlobTransfer::onBinary);
}

BlobTransfer::~BlobTransfer() { stop(); }

void BlobTransfer::start(const QUrl &url, const QString &token)
{
    m_url = url;
    m_token = token;
    m_running = true;
    m_attempt = 0;
    connectNow();
}

void BlobTransfer::stop()
{
    m_running = false;
    m_reconnect->stop();
    m_idle->stop();
    m_retry->stop();
    m_socket->abort();
}

QString BlobTransfer::blobPath(const QString &sha256) const
{
    return m_folder + QLatin1Char('/') + sha256.left(2) + QLatin1Char('/') + sha256.mid(2, 2) + QLatin1Char('/') + sha256;
}

QString BlobTransfer::upload(const QString &path, const QString &mime, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return {};
    }
    if (file.size() == 0) {
        *error = QStringLiteral("%1 is empty; a blob has at least one byte").arg(path);
        return {};
    }
    const QString sha256 = fileSha256(file, error);
    if (sha256.isEmpty())
        return {};
    m_jobs.append({true, sha256, QFileInfo(path).absoluteFilePath(), mime, file.size()});
    if (m_jobs.size() == 1)
        startJob();
    return sha256;
}

bool BlobTransfer::download(const QString &sha256, QString *error)
{
    if (!isBlobSha256(sha256)) {
        *error = QStringLiteral("\"%1\" is not a blob name (64 lower-case hex digits)").arg(sha256);
        return false;
    }
    const QString path = blobPath(sha256);
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        *error = QStringLiteral("cannot create the folder of %1").arg(path);
        return false;
    }
    m_jobs.append({false, sha256, path, {}, 0});
    if (m_jobs.size() == 1)
        startJob();
    return true;
}

void BlobTransfer::connectNow()
{
    if (!m_running)
        return;
    m_socket->abort(); // emits disconnected now, which schedules a retry: this is it
    m_reconnect->stop();
    m_socket->setSslConfiguration(m_ssl);
    m_socket->open(m_url);
}

void BlobTransfer::scheduleReconnect()
{
    if (!m_running || m_reconnect->isActive())
        return;
    const int ceiling = std::min(kMaxBackoffMs, 250 << std::min(m_attempt, 6));
    ++m_attempt;
    m_reconnect->start(int(QRandomGenerator::global()->bounded(ceiling / 2, ceiling + 1)));
}

void BlobTransfer::onConnected()
{
    m_signedIn = false;
    send({{QStringLiteral("type"), QStringLiteral("hello")},
          {QStringLiteral("protocol"), QJsonArray{kProtocolVersion}},
          {QStringLiteral("client"), QStringLiteral("clearway/0.1.0 blobs")},
          {QStringLiteral("clientId"), m_clientId}});
}

void BlobTransfer::onDisconnected()
{
    qCDebug(lcBlob) << "connection ended:" << m_socket->closeReason();
    m_signedIn = false;
    m_request = 0;
    m_file.reset();
    m_idle->stop();
    m_retry->stop();
    scheduleReconnect();
}

qint64 BlobTransfer::send(QJsonObject message)
{
    const qint64 id = ++m_nextId;
    message.insert(QStringLiteral("id"), id);
    m_socket->sendTextMessage(QString::fromUtf8(encode(message)));
    return id;
}

void BlobTransfer::startJob()
{
    m_file.reset();
    m_request = 0;
    m_ready = false;
    m_retry->stop();
    if (m_jobs.isEmpty() || !m_signedIn) {
        m_idle->stop();
        return;
    }
    m_idle->start();
    const Job &job = m_jobs.first();
    if (job.upload) {
        m_ready = false;
        m_request = send({{QStringLiteral("type"), QStringLiteral("blob_begin")},
                          {QStringLiteral("sha256"), job.sha256},
                          {QStringLiteral("size"), job.size},
                          {QStringLiteral("mime"), job.mime}});
        return;
    }
    if (QFileInfo(job.path).isFile()) { // downloaded before
        Q_EMIT downloaded(job.sha256, job.path);
        finishJob();
        return;
    }
    m_file = std::make_unique<QFile>(job.path + QStringLiteral(".partial"));
    if (!m_file->open(QIODevice::ReadWrite)) {
        failJob(QStringLiteral("internal"), QStringLiteral("cannot write %1: %2").arg(m_file->fileName(), m_file->errorString()));
        return;
    }
    m_sent = m_file->size(); // resume from the last byte written
    m_file->seek(m_sent);
    m_request = send({{QStringLiteral("type"), QStringLiteral("blob_get")}, {QStringLiteral("sha256"), job.sha256}, {QStringLiteral("offset"), m_sent}});
}

void BlobTransfer::finishJob()
{
    m_file.reset();
    m_request = 0;
    if (!m_jobs.isEmpty())
        m_jobs.removeFirst();
    startJob();
}

void BlobTransfer::failJob(const QString &code, const QString &message)
{
    const QString sha256 = m_jobs.isEmpty() ? QString() : m_jobs.first().sha256;
    qCWarning(lcBlob).noquote() << "blob" << sha256 << code << message;
    Q_EMIT failed(sha256, code, message);
    finishJob();
}

void BlobTransfer::pumpUpload()
{
    const Job &job = m_jobs.first();
    if (!m_file) {
        m_file = std::make_unique<QFile>(job.path);
        if (!m_file->open(QIODevice::ReadOnly)) {
            failJob(QStringLiteral("internal"), QStringLiteral("cannot read %1: %2").arg(job.path, m_file->errorString()));
            return;
        }
    }
    while (m_sent < job.size && m_sent - m_acked < kInFlight * kMaxBlobChunkBytes) {
        QByteArray bytes;
        if (m_file->seek(m_sent))
            bytes = m_file->read(qMin<qint64>(kMaxBlobChunkBytes, job.size - m_sent));
        if (bytes.isEmpty()) {
            failJob(QStringLiteral("internal"), QStringLiteral("cannot read %1 at %2: %3").arg(job.path).arg(m_sent).arg(m_file->errorString()));
            return;
        }
        m_socket->sendBinaryMessage(encodeBlobChunkFrame({job.sha256, m_sent, 0, bytes}));
        m_sent += bytes.size();
        m_bytesSent += bytes.size();
    }
}

void BlobTransfer::retryLater()
{
    m_ready = false; // replies to chunks already sent are stale
    m_request = 0;
    m_retry->start();
}

void BlobTransfer::onText(const QString &text)
{
    if (m_idle->isActive())
        m_idle->start();
    DecodeError error;
    const std::optional<Message> m = decode(text.toUtf8(), &error);
    if (!m) {
        qCWarning(lcBlob).noquote() << "unreadable message from the server:" << error.message;
        return;
    }
    const QJsonObject &o = m->body;
    if (m->type == QLatin1String("welcome")) {
        send({{QStringLiteral("type"), QStringLiteral("resume")}, {QStringLiteral("token"), m_token}});
        return;
    }
    if (m->type == QLatin1String("session")) {
        m_signedIn = true;
        m_attempt = 0;
        startJob();
        return;
    }
    const QString code = o.value(QStringLiteral("code")).toString();
    if (m->type == QLatin1String("error") && (code == QLatin1String("token_expired") || code == QLatin1String("not_authenticated"))) {
        // The session ended: nothing can move until SyncClient signs in again and calls start().
        m_running = false;
        m_socket->close();
        while (!m_jobs.isEmpty())
            failJob(code, QStringLiteral("the session ended; sign in again"));
        return;
    }
    if (m_jobs.isEmpty())
        return;
    if (code == QLatin1String("rate_limited")) {
        // A chunk (or request) the server did not act on: ask where the job stands after a pause.
        if (!m_retry->isActive())
            retryLater();
        return;
    }
    const Job &job = m_jobs.first();
    const QString sha256 = o.value(QStringLiteral("sha256")).toString();
    if (sha256 != job.sha256 || (m->re != 0 && m->re != m_request))
        return; // about an earlier request or job
    if (m->type == QLatin1String("blob_ready") && job.upload) {
        if (o.value(QStringLiteral("complete")).toBool()) {
            Q_EMIT uploaded(job.sha256);
            finishJob();
            return;
        }
        m_ready = true;
        m_acked = m_sent = o.value(QStringLiteral("have")).toInteger();
        pumpUpload();
        return;
    }
    if (m->type == QLatin1String("blob_stored") && job.upload) {
        Q_EMIT progress(job.sha256, job.size, job.size);
        Q_EMIT uploaded(job.sha256);
        finishJob();
        return;
    }
    if (m->type == QLatin1String("blob_progress") && job.upload && m_ready) {
        m_acked = qMax(m_acked, o.value(QStringLiteral("have")).toInteger());
        Q_EMIT progress(job.sha256, m_acked, job.size);
        pumpUpload();
        return;
    }
    if (m->type == QLatin1String("blob_end") && !job.upload) {
        finishDownload(o.value(QStringLiteral("size")).toInteger(-1));
        return;
    }
    if (m->type != QLatin1String("error") || (job.upload && !m_ready && m->re == 0))
        return; // a reply to a chunk sent before the last blob_begin
    if (code == QLatin1String("wrong_offset") || code == QLatin1String("internal")) {
        // Another workstation is sending the same blob, or the server could not write: ask where it
        // stands and go on from there (a server that cannot write is asked again after a pause).
        if (code == QLatin1String("internal"))
            retryLater();
        else
            startJob();
        return;
    }
    failJob(code, o.value(QStringLiteral("message")).toString());
}

void BlobTransfer::onBinary(const QByteArray &frame)
{
    if (m_idle->isActive())
        m_idle->start();
    DecodeError error;
    const std::optional<BlobChunk> chunk = decodeBlobChunkFrame(frame, &error);
    if (!chunk) {
        qCWarning(lcBlob).noquote() << "unreadable chunk from the server:" << error.message;
        return;
    }
    if (m_jobs.isEmpty() || m_jobs.first().upload || chunk->re != m_request || chunk->sha256 != m_jobs.first().sha256 || !m_file)
        return;
    if (chunk->offset != m_sent) { // cannot happen with an ordered stream; ask again from what is written
        qCWarning(lcBlob) << "chunk at" << chunk->offset << "while" << m_sent << "bytes are written; asking again";
        startJob();
        return;
    }
    if (m_file->write(chunk->bytes) != chunk->bytes.size()) {
        failJob(QStringLiteral("internal"), QStringLiteral("cannot write %1: %2").arg(m_file->fileName(), m_file->errorString()));
        return;
    }
    m_sent += chunk->bytes.size();
    m_bytesReceived += chunk->bytes.size();
}

void BlobTransfer::finishDownload(qint64 size)
{
    const Job job = m_jobs.first();
    if (!m_file || !m_file->flush()) {
        failJob(QStringLiteral("internal"), QStringLiteral("cannot write %1").arg(job.path));
        return;
    }
    if (m_sent != size) {
        qCWarning(lcBlob) << "download of" << job.sha256 << "ended at" << m_sent << "of" << size << "bytes; asking again";
        startJob();
        return;
    }
    QString error;
    const QString digest = fileSha256(*m_file, &error);
    if (digest != job.sha256) {
        m_file->remove();
        failJob(QStringLiteral("bad_blob"), digest.isEmpty() ? error : QStringLiteral("the downloaded bytes hash to %1; discarded").arg(digest));
        return;
    }
    // Visible only whole and checked: on disk first, then renamed into place.
    if (::fsync(m_file->handle()) != 0 || !m_file->rename(job.path)) {
        failJob(QStringLiteral("internal"), QStringLiteral("cannot publish %1: %2").arg(job.path, m_file->errorString()));
        return;
    }
    m_file.reset();
    Q_EMIT progress(job.sha256, size, size);
    Q_EMIT downloaded(job.sha256, job.path);
    finishJob();
}

} // namespace Clearway::Sync
