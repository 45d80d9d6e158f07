#pragma once

#include <QCryptographicHash>
#include <QDateTime>
#include <QHash>
#include <QString>

#include <memory>

namespace Clearway::Server {

// The server's blobs (docs/protocol.md, "Blobs"): files named by their SHA-256 under one folder,
// <root>/ab/cd/<sha256>. An upload grows <sha256>.partial, which is also its resume point (it
// survives dropped connections and restarts); once it reaches the declared size its SHA-256 is
// checked, and it is published with fsync and an atomic rename. Names are checked by the caller
// (Sync::isBlobSha256); the store trusts them.
class BlobStore final
{
public:
    explicit BlobStore(const QString &root);
    Q_DISABLE_COPY_MOVE(BlobStore)

    QString root() const { return m_root; }
    // Creates the root folder; false with *error when it cannot be made or written. Removes the
    // partial uploads nobody has added to for kAbandonedDays (a workstation that resumes later starts
    // that blob again).
    bool open(QString *error);
    static constexpr int kAbandonedDays = 7;
    // Removes the partial uploads last written before `before`; how many.
    int removeAbandoned(const QDateTime &before);

    // Size of the published blob, or -1 when there is none.
    qint64 size(const QString &sha256) const;
    // Starts or resumes an upload of `size` bytes: how many the server already has (the resume
    // point; `size` when the blob is published already). A partial file longer than `size` belongs
    // to another declared size and is started afresh. -1 with *error when the disk fails.
    qint64 begin(const QString &sha256, qint64 size, QString *error);

    enum class Append {
        Appended,    // more to come: *have bytes stored
        Stored,      // the last chunk: checked and published
        WrongOffset, // not at the end of the partial file: *have is where to go on
        BadBlob,     // the bytes do not hash to the name: the partial file is gone
        Failed,      // the disk failed: *error
    };
    // Appends `bytes` at `offset` of an upload begun with `size`.
    Append append(const QString &sha256, qint64 size, qint64 offset, const QByteArray &bytes, qint64 *have, QString *error);

    // Forgets the running hash of an upload whose connection is gone (it is computed again from the
    // partial file if the upload resumes), so abandoned uploads hold no memory.
    void release(const QString &sha256) { m_running.remove(sha256); }
    // Bytes free for blobs on the folder's file system.
    qint64 bytesAvailable() const;

    // Up to `maxBytes` of a published blob from `offset`; false with *error.
    bool read(const QString &sha256, qint64 offset, qint64 maxBytes, QByteArray *out, QString *error) const;

private:
    QString path(const QString &sha256) const;
    QString partialPath(const QString &sha256) const { return path(sha256) + QStringLiteral(".partial"); }
    // The running hash of a partial file that holds `bytes`: kept while appends arrive in order,
    // otherwise read again from the file. nullptr with *error.
    QCryptographicHash *hashOf(const QString &sha256, qint64 bytes, QString *error);

    QString m_root;
    struct Running
    {
        std::unique_ptr<QCryptographicHash> hash;
        qint64 bytes = 0;
    };
    QHash<QString, std::shared_ptr<Running>> m_running;
};

} // namespace Clearway::Server
