#include "sync/message.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QtEndian>
#include <QJsonParseError>

#include <openssl/evp.h>

#include <cmath>

namespace Clearway::Sync {

namespace {

constexpr qint64 kMaxId = qint64(1) << 53;

DecodeError badRequest(const QString &message) { return {QStringLiteral("bad_request"), message}; }

// The hex SHA-256 of a page body. OpenSSL's uses the CPU's SHA extensions: about ten times
// QCryptographicHash's speed in Qt 6.4 (1.1 GB/s against 114 MB/s here), and a million
// declarations are about 540 MB of pages, hashed by the server and again by the workstation.
QString pageSha256(const QByteArray &body)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (EVP_Digest(body.constData(), size_t(body.size()), digest, &size, EVP_sha256(), nullptr) != 1)
        return QString::fromLatin1(QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex());
    return QString::fromLatin1(QByteArray::fromRawData(reinterpret_cast<const char *>(digest), int(size)).toHex());
}

} // namespace

// An integer field: JSON numbers are doubles, so accept only whole numbers in the safe range.
bool readInteger(const QJsonObject &o, const QString &key, bool required, qint64 min, qint64 *out, DecodeError *error)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull()) {
        if (required)
            *error = badRequest(QStringLiteral("field \"%1\" is required").arg(key));
        return !required;
    }
    const double d = v.toDouble(-1.5);
    // Range first: converting an out-of-range double to an integer is undefined.
    if (!v.isDouble() || !(d >= double(min) && d <= double(kMaxId)) || d != std::floor(d)) {
        *error = badRequest(QStringLiteral("field \"%1\" must be an integer from %2 to 2^53").arg(key).arg(min));
        return false;
    }
    *out = qint64(d);
    return true;
}

bool readString(const QJsonObject &o, const QString &key, bool required, int maxLength, QString *out, DecodeError *error)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull()) {
        if (required)
            *error = badRequest(QStringLiteral("field \"%1\" is required").arg(key));
        return !required;
    }
    if (!v.isString()) {
        *error = badRequest(QStringLiteral("field \"%1\" must be a string").arg(key));
        return false;
    }
    *out = v.toString();
    if (out->size() > maxLength) {
        *error = badRequest(QStringLiteral("field \"%1\" is longer than %2 characters").arg(key).arg(maxLength));
        return false;
    }
    return true;
}

bool readScope(const QJsonObject &o, const QString &key, Models::SyncScope *out, DecodeError *error)
{
    *out = {};
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isObject()) {
        *error = badRequest(QStringLiteral("field \"%1\" must be an object").arg(key));
        return false;
    }
    const QJsonObject scope = v.toObject();
    for (auto it = scope.begin(); it != scope.end(); ++it) {
        const bool offices = it.key() == QLatin1String("offices");
        if (!offices && it.key() != QLatin1String("kinds")) {
            *error = badRequest(QStringLiteral("a scope has \"offices\" and \"kinds\", not \"%1\"").arg(it.key()));
            return false;
        }
        const QJsonArray values = it.value().toArray();
        if (!it.value().isArray() || values.isEmpty() || values.size() > 100) {
            *error = badRequest(QStringLiteral("scope \"%1\" must be a list of 1 to 100 names").arg(it.key()));
            return false;
        }
        for (const QJsonValue &value : values) {
            const QString name = value.toString();
            if (!value.isString() || name.isEmpty() || name.size() > 32) {
                *error = badRequest(QStringLiteral("scope \"%1\" holds something that is not a name").arg(it.key()));
                return false;
            }
            if (offices) {
                out->offices << name;
                continue;
            }
            const std::optional<Models::WorkKind> kind = Models::workKindFromKey(name);
            if (!kind) {
                *error = badRequest(QStringLiteral("scope \"kinds\": there is no kind of work \"%1\"").arg(name));
                return false;
            }
            out->kinds << *kind;
        }
    }
    *out = out->normalized();
    return true;
}

std::optional<Message> decode(const QByteArray &frame, DecodeError *error)
{
    if (frame.size() > kMaxFrameBytes) {
        *error = {QStringLiteral("too_large"), QStringLiteral("frame of %1 bytes exceeds %2").arg(frame.size()).arg(kMaxFrameBytes)};
        return std::nullopt;
    }
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(frame, &parse);
    if (parse.error != QJsonParseError::NoError) {
        *error = badRequest(QStringLiteral("not JSON: %1 at offset %2").arg(parse.errorString()).arg(parse.offset));
        return std::nullopt;
    }
    if (!doc.isObject()) {
        *error = badRequest(QStringLiteral("a message must be a JSON object"));
        return std::nullopt;
    }
    Message m;
    m.body = doc.object();
    if (!readString(m.body, QStringLiteral("type"), true, 64, &m.type, error))
        return std::nullopt;
    if (!readInteger(m.body, QStringLiteral("id"), false, 1, &m.id, error) || !readInteger(m.body, QStringLiteral("re"), false, 1, &m.re, error))
        return std::nullopt;
    return m;
}

QByteArray encode(const QJsonObject &object) { return QJsonDocument(object).toJson(QJsonDocument::Compact); }

QByteArray encodeError(qint64 re, const QString &code, const QString &message)
{
    QJsonObject o{{QStringLiteral("type"), QStringLiteral("error")}, {QStringLiteral("code"), code}, {QStringLiteral("message"), message}};
    if (re > 0)
        o.insert(QStringLiteral("re"), re);
    return encode(o);
}

std::optional<CommandMessage> parseCommand(const Message &message, DecodeError *error)
{
    const QJsonObject &o = message.body;
    CommandMessage c;
    QString kind;
    if (!readInteger(o, QStringLiteral("seq"), true, 1, &c.seq, error) || !readString(o, QStringLiteral("kind"), true, 32, &kind, error)
        || !readInteger(o, QStringLiteral("itemId"), true, 1, &c.command.itemId, error)
        || !readString(o, QStringLiteral("name"), true, 64, &c.command.name, error)
        || !readInteger(o, QStringLiteral("baseVersion"), true, 0, &c.command.baseVersion, error)
        || !readString(o, QStringLiteral("reason"), false, 4000, &c.command.reason, error)
        || !readString(o, QStringLiteral("note"), false, 4000, &c.command.note, error)
        || !readString(o, QStringLiteral("target"), false, 64, &c.command.targetOfficer, error)
        || !readInteger(o, QStringLiteral("after"), false, 0, &c.command.after, error))
        return std::nullopt;
    if (c.command.after >= c.seq) {
        *error = badRequest(QStringLiteral("\"after\" (%1) must name an earlier command than seq %2").arg(c.command.after).arg(c.seq));
        return std::nullopt;
    }
    const std::optional<Models::WorkKind> k = Models::workKindFromKey(kind);
    if (!k) {
        *error = badRequest(QStringLiteral("unknown kind \"%1\"").arg(kind));
        return std::nullopt;
    }
    c.command.kind = *k;
    return c;
}

QJsonObject commandToJson(qint64 id, const CommandMessage &c)
{
    QJsonObject o{{QStringLiteral("type"), QStringLiteral("command")},
                  {QStringLiteral("id"), id},
                  {QStringLiteral("seq"), c.seq},
                  {QStringLiteral("kind"), Models::workKindKey(c.command.kind)},
                  {QStringLiteral("itemId"), c.command.itemId},
                  {QStringLiteral("name"), c.command.name},
                  {QStringLiteral("baseVersion"), c.command.baseVersion}};
    if (!c.command.reason.isEmpty())
        o.insert(QStringLiteral("reason"), c.command.reason);
    if (!c.command.note.isEmpty())
        o.insert(QStringLiteral("note"), c.command.note);
    if (!c.command.targetOfficer.isEmpty())
        o.insert(QStringLiteral("target"), c.command.targetOfficer);
    if (c.command.after > 0)
        o.insert(QStringLiteral("after"), c.command.after);
    return o;
}

QByteArray encodeChange(const Models::ItemChange &ch)
{
    if (ch.officer)
        return encode({{QStringLiteral("cursor"), ch.cursor},
                       {QStringLiteral("kind"), QStringLiteral("officer")},
                       {QStringLiteral("officer"), ch.officer->toJson()}});
    QJsonObject o{{QStringLiteral("cursor"), ch.cursor},
                   {QStringLiteral("kind"), Models::workKindKey(ch.kind)},
                   {QStringLiteral("itemId"), ch.itemId},
                   {QStringLiteral("version"), ch.version},
                   {QStringLiteral("state"), ch.state},
                   {QStringLiteral("assignee"), ch.assignee},
                   {QStringLiteral("event"),
                    QJsonObject{{QStringLiteral("at"), ch.at},
                                {QStringLiteral("actor"), ch.actor},
                                {QStringLiteral("command"), ch.command},
                                {QStringLiteral("from"), ch.fromState},
                                {QStringLiteral("to"), ch.state},
                                {QStringLiteral("reason"), ch.reason}}}};
    if (!ch.fields.isEmpty())
        o.insert(QStringLiteral("fields"), ch.fields);
    return encode(o);
}

QByteArray changesFrame(const QList<QByteArray> &encodedChanges)
{
    static const QByteArray head = QByteArrayLiteral("{\"type\":\"changes\",\"changes\":[");
    qsizetype size = head.size() + 2 + encodedChanges.size();
    for (const QByteArray &c : encodedChanges)
        size += c.size();
    QByteArray frame;
    frame.reserve(size);
    frame.append(head);
    for (qsizetype i = 0; i < encodedChanges.size(); ++i) {
        if (i)
            frame.append(',');
        frame.append(encodedChanges.at(i));
    }
    return frame.append("]}");
}

std::optional<Models::ItemChange> parseChange(const QJsonObject &o)
{
    // Numbers are checked for range before they become integers (readInteger()).
    DecodeError error;
    Models::ItemChange change;
    if (!readInteger(o, QStringLiteral("cursor"), true, 1, &change.cursor, &error))
        return std::nullopt;
    if (o.value(QStringLiteral("kind")).toString() == QLatin1String("officer")) {
        change.officer = Models::Officer::fromJson(o.value(QStringLiteral("officer")).toObject());
        return change.officer ? std::optional(change) : std::nullopt;
    }
    const std::optional<Models::WorkKind> kind = Models::workKindFromKey(o.value(QStringLiteral("kind")).toString());
    const QJsonObject event = o.value(QStringLiteral("event")).toObject();
    if (!kind || !readInteger(o, QStringLiteral("itemId"), true, 0, &change.itemId, &error)
        || !readInteger(o, QStringLiteral("version"), true, 0, &change.version, &error)
        || !readInteger(event, QStringLiteral("at"), false, 0, &change.at, &error))
        return std::nullopt;
    change.kind = *kind;
    change.state = o.value(QStringLiteral("state")).toString();
    change.assignee = o.value(QStringLiteral("assignee")).toString();
    change.actor = event.value(QStringLiteral("actor")).toString();
    change.command = event.value(QStringLiteral("command")).toString();
    change.fromState = event.value(QStringLiteral("from")).toString();
    change.reason = event.value(QStringLiteral("reason")).toString();
    change.fields = o.value(QStringLiteral("fields")).toObject();
    return change;
}

namespace {
constexpr char kPageMagic[4] = {'C', 'W', 'P', 'G'};
constexpr char kChangesMagic[4] = {'C', 'W', 'C', 'Z'};
constexpr char kChunkMagic[4] = {'C', 'W', 'B', 'C'};

// magic, header length, header: the framing pages and deflated changes share.
QByteArray binaryFrame(const char (&magic)[4], const QJsonObject &header, const QByteArray &body)
{
    const QByteArray h = QJsonDocument(header).toJson(QJsonDocument::Compact);
    QByteArray frame;
    frame.reserve(8 + h.size() + body.size());
    frame.append(magic, 4);
    char length[4];
    qToBigEndian(quint32(h.size()), length);
    return frame.append(length, 4).append(h).append(body);
}

// The header of a binary frame of `type`, and where its body starts; nullopt with *error.
std::optional<QJsonObject> binaryHeader(const QByteArray &frame, const char (&magic)[4], QLatin1String type, qsizetype *bodyAt, DecodeError *error)
{
    if (frame.size() > kMaxPageFrameBytes) {
        *error = {QStringLiteral("too_large"), QStringLiteral("binary frame of %1 bytes exceeds %2").arg(frame.size()).arg(kMaxPageFrameBytes)};
        return std::nullopt;
    }
    if (frame.size() < 8 || !frame.startsWith(QByteArray(magic, 4))) {
        *error = badRequest(QStringLiteral("not a %1 frame").arg(type));
        return std::nullopt;
    }
    const quint32 length = qFromBigEndian<quint32>(frame.constData() + 4);
    if (length > quint32(frame.size() - 8)) {
        *error = badRequest(QStringLiteral("the %1 header runs past the end of the frame").arg(type));
        return std::nullopt;
    }
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(frame.mid(8, length), &parse);
    if (!doc.isObject() || doc.object().value(QStringLiteral("type")).toString() != type) {
        *error = badRequest(QStringLiteral("the %1 header is not a JSON object of type \"%1\"").arg(type));
        return std::nullopt;
    }
    *bodyAt = 8 + qsizetype(length);
    return doc.object();
}
} // namespace

QByteArray deflatedChangesFrame(const QList<QByteArray> &encodedChanges, qint64 firstCursor, qint64 lastCursor)
{
    QByteArray array = changesFrame(encodedChanges);
    // changesFrame() wraps the array in {"type":"changes","changes":[...]}: keep the array.
    array = array.mid(array.indexOf('['));
    array.chop(1);
    // qCompress writes the inflated size (4 bytes, big-endian) before the zlib stream.
    const QByteArray compressed = qCompress(array, 3).mid(4);
    return binaryFrame(kChangesMagic,
                       {{QStringLiteral("type"), QStringLiteral("changes")},
                        {QStringLiteral("count"), encodedChanges.size()},
                        {QStringLiteral("first"), firstCursor},
                        {QStringLiteral("last"), lastCursor},
                        {QStringLiteral("bytes"), array.size()}},
                       compressed);
}

bool isDeflatedChangesFrame(const QByteArray &frame) { return frame.startsWith(QByteArray(kChangesMagic, 4)); }

std::optional<ChangesFrame> decodeDeflatedChangesFrame(const QByteArray &frame, DecodeError *error)
{
    qsizetype bodyAt = 0;
    const std::optional<QJsonObject> header = binaryHeader(frame, kChangesMagic, QLatin1String("changes"), &bodyAt, error);
    if (!header)
        return std::nullopt;
    const qint64 bytes = header->value(QStringLiteral("bytes")).toInteger(-1);
    if (bytes < 2 || bytes > kMaxInflatedChangesBytes) {
        *error = badRequest(QStringLiteral("the changes frame's \"bytes\" must be from 2 to %1").arg(kMaxInflatedChangesBytes));
        return std::nullopt;
    }
    char size[4];
    qToBigEndian(quint32(bytes), size);
    const QByteArray inflated = qUncompress(QByteArray(size, 4) + frame.mid(bodyAt));
    if (inflated.size() != bytes) {
        *error = badRequest(QStringLiteral("the changes frame does not inflate to its %1 bytes").arg(bytes));
        return std::nullopt;
    }
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(inflated, &parse);
    if (!doc.isArray() || doc.array().size() != header->value(QStringLiteral("count")).toInteger(-1)) {
        *error = badRequest(QStringLiteral("the changes frame's body is not a JSON array of \"count\" changes"));
        return std::nullopt;
    }
    return ChangesFrame{*header, doc.array()};
}

QByteArray encodePageFrame(QJsonObject header, const QByteArray &body)
{
    header.insert(QStringLiteral("sha256"), pageSha256(body));
    return binaryFrame(kPageMagic, header, body);
}

std::optional<PageFrame> decodePageFrame(const QByteArray &frame, DecodeError *error)
{
    qsizetype bodyAt = 0;
    const std::optional<QJsonObject> header = binaryHeader(frame, kPageMagic, QLatin1String("page"), &bodyAt, error);
    if (!header)
        return std::nullopt;
    PageFrame page{*header, frame.mid(bodyAt)};
    const QString expected = page.header.value(QStringLiteral("sha256")).toString();
    if (pageSha256(page.body) != expected) {
        *error = badRequest(QStringLiteral("the page's SHA-256 does not match its rows"));
        return std::nullopt;
    }
    return page;
}

bool isBlobSha256(const QString &sha256)
{
    if (sha256.size() != 64)
        return false;
    for (const QChar ch : sha256) {
        if (!((ch >= QLatin1Char('0') && ch <= QLatin1Char('9')) || (ch >= QLatin1Char('a') && ch <= QLatin1Char('f'))))
            return false;
    }
    return true;
}

QByteArray encodeBlobChunkFrame(const BlobChunk &chunk)
{
    QJsonObject header{{QStringLiteral("type"), QStringLiteral("chunk")}, {QStringLiteral("sha256"), chunk.sha256}, {QStringLiteral("offset"), chunk.offset}};
    if (chunk.re > 0)
        header.insert(QStringLiteral("re"), chunk.re);
    return binaryFrame(kChunkMagic, header, chunk.bytes);
}

bool isBlobChunkFrame(const QByteArray &frame) { return frame.startsWith(QByteArray(kChunkMagic, 4)); }

std::optional<BlobChunk> decodeBlobChunkFrame(const QByteArray &frame, DecodeError *error)
{
    if (frame.size() > kMaxFrameBytes) {
        *error = {QStringLiteral("too_large"), QStringLiteral("chunk frame of %1 bytes exceeds %2").arg(frame.size()).arg(kMaxFrameBytes)};
        return std::nullopt;
    }
    qsizetype bodyAt = 0;
    const std::optional<QJsonObject> header = binaryHeader(frame, kChunkMagic, QLatin1String("chunk"), &bodyAt, error);
    if (!header)
        return std::nullopt;
    BlobChunk chunk;
    if (!readString(*header, QStringLiteral("sha256"), true, 64, &chunk.sha256, error)
        || !readInteger(*header, QStringLiteral("offset"), true, 0, &chunk.offset, error)
        || !readInteger(*header, QStringLiteral("re"), false, 1, &chunk.re, error))
        return std::nullopt;
    if (!isBlobSha256(chunk.sha256)) {
        *error = badRequest(QStringLiteral("field \"sha256\" must be 64 lower-case hex digits"));
        return std::nullopt;
    }
    chunk.bytes = frame.mid(bodyAt);
    if (chunk.bytes.size() > kMaxBlobChunkBytes) {
        *error = {QStringLiteral("too_large"), QStringLiteral("a chunk holds at most %1 bytes, not %2").arg(kMaxBlobChunkBytes).arg(chunk.bytes.size())};
        return std::nullopt;
    }
    return chunk;
}

} // namespace Clearway::Sync
