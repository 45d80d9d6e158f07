#include "server/blobstore.h"

#include <QDir>
#include <QDirIterator>
#include <QLoggingCategory>
#include <QFile>
#include <QFileInfo>
#include <QStorageInfo>

#include <fcntl.h>
#include <unistd.h>

namespace Clearway::Server {

Q_LOGGING_CATEGORY(lcBlobs, "clearway.server.blobs")

namespace {

// fsync of a file or a folder; false with *error.
bool syncPath(const QString &path, QString *error)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
        *error = QStringLiteral("cannot flush %1 to disk: %2").arg(path, QString::fromLocal8Bit(strerror(errno)));
        if (fd >= 0)
            ::close(fd);
        return false;
    }
    ::close(fd);
    return true;
}

} // namespace

BlobStore::BlobStore(const QString &root)
    : m_root(QDir::cleanPath(QFileInfo(root).absoluteFilePath()))
{
}

bool BlobStore::open(QString *error)
{
    if (!QDir().mkpath(m_root) || !QFileInfo(m_root).isWritable()) {
        *error = QStringLiteral("cannot create or write the blob folder %1").arg(m_root);
        return false;
    }
    if (const int removed = removeAbandoned(QDateTime::currentDateTimeUtc().addDays(-kAbandonedDays)))
        qCInfo(lcBlobs) << "removed" << removed << "partial uploads abandoned for" << kAbandonedDays << "days";
    return true;
}

int BlobStore::removeAbandoned(const QDateTime &before)
{
    int removed = 0;
    QDirIterator it(m_root, {QStringLiteral("*.partial")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo info(it.next());
        if (info.lastModified() < before && QFile::remove(info.filePath()))
            ++removed;
    }
    return removed;
}

qint64 BlobStore::bytesAvailable() const { return QStorageInfo(m_root).bytesAvailable(); }

QString BlobStore::path(const QString &sha256) const
{
    return m_root + QLatin1Char('/') + sha256.left(2) + QLatin1Char('/') + sha256.mid(2, 2) + QLatin1Char('/') + sha256;
}

qint64 BlobStore::size(const QString &sha256) const
{
    const QFileInfo info(path(sha256));
    return info.isFile() ? info.size() : -1;
}

qint64 BlobStore::begin(const QString &sha256, qint64 size, QString *error)
{
    const qint64 published = this->size(sha256);
    if (published >= 0)
        return published;
    const QString partial = partialPath(sha256);
    if (!QDir().mkpath(QFileInfo(partial).absolutePath())) {
        *error = QStringLiteral("cannot create the folder of %1").arg(partial);
        return -1;
    }
    const QFileInfo info(partial);
    // A partial file as long as the blob or longer was never published (its check or the rename
    // failed, or the server died in between): nothing could finish it, so it starts again.
    if (info.exists() && info.size() >= size) {
        m_running.remove(sha256);
        if (!QFile::remove(partial)) {
            *error = QStringLiteral("cannot remove %1").arg(partial);
            return -1;
        }
    }
    return QFileInfo(partial).exists() ? QFileInfo(partial).size() : 0;
}

QCryptographicHash *BlobStore::hashOf(const QString &sha256, qint64 bytes, QString *error)
{
    std::shared_ptr<Running> &running = m_running[sha256];
    if (running && running->bytes == bytes)
        return running->hash.get();
    // A resume after a restart, or appends from another connection in between: read the file again.
    running = std::make_shared<Running>();
    running->hash = std::make_unique<QCryptographicHash>(QCryptographicHash::Sha256);
    QFile file(partialPath(sha256));
    if (bytes > 0) {
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read %1: %2").arg(file.fileName(), file.errorString());
            m_running.remove(sha256);
            return nullptr;
        }
        while (running->bytes < bytes) {
            const QByteArray block = file.read(qMin<qint64>(1 << 20, bytes - running->bytes));
            if (block.isEmpty()) {
                *error = QStringLiteral("cannot read %1: %2").arg(file.fileName(), file.errorString());
                m_running.remove(sha256);
                return nullptr;
            }
            running->hash->addData(block);
            running->bytes += block.size();
        }
    }
    return running->hash.get();
}

BlobStore::Append BlobStore::append(const QString &sha256, qint64 size, qint64 offset, const QByteArray &bytes, qint64 *have, QString *error)
{
    const qint64 published = this->size(sha256);
    if (published >= 0) { // another connection finished it meanwhile
        *have = published;
        return Append::Stored;
    }
    QFile file(partialPath(sha256));
    *have = file.exists() ? file.size() : 0;
    if (offset != *have)
        return Append::WrongOffset;
    if (bytes.isEmpty() || offset + bytes.size() > size) { // the hub refuses these first
        *error = QStringLiteral("a chunk of %1 bytes at %2 does not fit a blob of %3 bytes").arg(bytes.size()).arg(offset).arg(size);
        return Append::Failed;
    }
    QCryptographicHash *hash = hashOf(sha256, *have, error);
    if (!hash)
        return Append::Failed;
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append) || file.write(bytes) != bytes.size() || !file.flush()) {
        *error = QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString());
        file.close();
        m_running.remove(sha256);
        // Nothing half-written stays behind the resume point: cut back to what was there.
        if (!QFile::resize(file.fileName(), *have))
            QFile::remove(file.fileName());
        return Append::Failed;
    }
    hash->addData(bytes);
    m_running[sha256]->bytes += bytes.size();
    *have += bytes.size();
    if (*have < size)
        return Append::Appended;

    const QString digest = QString::fromLatin1(hash->result().toHex());
    m_running.remove(sha256);
    if (digest != sha256) {
        file.close();
        QFile::remove(file.fileName());
        *have = 0;
        *error = QStringLiteral("the %1 bytes received hash to %2, not to the name %3; they were discarded").arg(size).arg(digest, sha256);
        return Append::BadBlob;
    }
    if (::fsync(file.handle()) != 0) {
        *error = QStringLiteral("cannot flush %1 to disk: %2").arg(file.fileName(), QString::fromLocal8Bit(strerror(errno)));
        return Append::Failed;
    }
    file.close();
    const QString target = path(sha256);
    if (!QFile::rename(file.fileName(), target)) {
        if (QFileInfo(target).isFile()) { // published by another connection in between
            QFile::remove(file.fileName());
            return Append::Stored;
        }
        *error = QStringLiteral("cannot publish %1 as %2").arg(file.fileName(), target);
        return Append::Failed;
    }
    if (!syncPath(QFileInfo(target).absolutePath(), error))
        return Append::Failed;
    return Append::Stored;
}

bool BlobStore::read(const QString &sha256, qint64 offset, qint64 maxBytes, QByteArray *out, QString *error) const
{
    QFile file(path(sha256));
    if (!file.open(QIODevice::ReadOnly) || !file.seek(offset)) {
        *error = QStringLiteral("cannot read %1: %2").arg(file.fileName(), file.errorString());
        return false;
    }
    *out = file.read(maxBytes);
    if (out->isEmpty() && offset < file.size()) {
        *error = QStringLiteral("cannot read %1: %2").arg(file.fileName(), file.errorString());
        return false;
    }
    return true;
}

} // namespace Clearway::Server
