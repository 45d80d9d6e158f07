#pragma once

#include <QFile>
#include <QList>
#include <QObject>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>

#include <memory>

class QTimer;
class QWebSocket;

namespace Clearway::Sync {

// Moves blobs (photos, recordings, PDFs; docs/protocol.md, "Blobs") between this workstation and
// clearway-server, on a connection of its own signed in with the session token SyncClient holds
// (docs/architecture.md, "Blobs", says why). Uploads send a local file by path; downloads land in
// a local blob folder (<folder>/ab/cd/<sha256>) only once their SHA-256 is checked. Both resume
// where the server (upload) or the local .partial file (download) left off, after a dropped
// connection or a server restart. One transfer at a time, in the order asked.
class BlobTransfer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BlobTransfer)

public:
    BlobTransfer(const QString &clientId, const QString &blobFolder, QObject *parent = nullptr);
    ~BlobTransfer() override;

    // TLS settings of the connection (SyncClient's, with the office's CA); the system's otherwise.
    void setSslConfiguration(const QSslConfiguration &configuration) { m_ssl = configuration; }
    // Connects (and reconnects while jobs wait) to `url`, signing in with `token` (Session::token).
    void start(const QUrl &url, const QString &token);
    void stop();

    // Queues an upload of the file at `path`: its SHA-256 (the blob's name), or an empty string with
    // *error when the file cannot be read. (The file is read once here to name it.)
    QString upload(const QString &path, const QString &mime, QString *error);
    // Queues a download of `sha256` into the blob folder (done at once when it is there already).
    bool download(const QString &sha256, QString *error);

    // Where a downloaded blob lives (whether or not it is there yet).
    QString blobPath(const QString &sha256) const;
    // Chunk bytes sent and received since construction (to see what resuming saved).
    qint64 bytesSent() const { return m_bytesSent; }
    qint64 bytesReceived() const { return m_bytesReceived; }
    bool isIdle() const { return m_jobs.isEmpty(); }

Q_SIGNALS:
    void uploaded(const QString &sha256);
    void downloaded(const QString &sha256, const QString &path);
    // A transfer that cannot succeed: the file changed (bad_blob), the server has no such blob
    // (not_found), the blob is over the server's limit (too_large) or the server is full (no_space),
    // the local disk failed, the session ended (token_expired). The job is dropped; others go on.
    void failed(const QString &sha256, const QString &code, const QString &message);
    void progress(const QString &sha256, qint64 done, qint64 total);

private:
    struct Job
    {
        bool upload = true;
        QString sha256;
        QString path; // the local file (upload) or the blob's place in the folder (download)
        QString mime;
        qint64 size = 0;
    };

    void connectNow();
    void scheduleReconnect();
    void onConnected();
    void onDisconnected();
    void onText(const QString &text);
    void onBinary(const QByteArray &frame);
    qint64 send(QJsonObject message);
    void startJob();
    void finishJob();
    void failJob(const QString &code, const QString &message);
    void pumpUpload();
    void finishDownload(qint64 size);
    void retryLater();

    QString m_clientId;
    QString m_folder;
    QSslConfiguration m_ssl = QSslConfiguration::defaultConfiguration();
    QWebSocket *m_socket;
    QTimer *m_reconnect;
    QTimer *m_idle;   // a transfer under way that hears nothing for this long: the connection is dead
    QTimer *m_retry;  // asks where the job stands again after the server refused for now
    QUrl m_url;
    QString m_token;
    bool m_running = false;
    bool m_signedIn = false;
    int m_attempt = 0;
    qint64 m_nextId = 0;
    QList<Job> m_jobs; // the first is under way
    // The job under way:
    qint64 m_request = 0;  // its blob_begin or blob_get; replies to older requests are dropped
    bool m_ready = false;  // upload: blob_ready has come; chunk replies before it are stale
    qint64 m_sent = 0;     // upload: bytes sent; download: bytes written to the .partial file
    qint64 m_acked = 0;    // upload: bytes the server has
    std::unique_ptr<QFile> m_file;
    qint64 m_bytesSent = 0;
    qint64 m_bytesReceived = 0;
};

} // namespace Clearway::Sync
