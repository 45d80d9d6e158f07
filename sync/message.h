#pragma once

#include "models/lifecycle.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace Clearway::Sync {

// The wire protocol of docs/protocol.md: JSON text frames, one object each, and the binary frames
// below. Version 2: changes in "changes" frames, acks carry the item's state after the command.
// Version 3: "commands" frames. Version 4: the server refuses a holder's decision on an item that
// changed since the version it was made on (stale_version), and a command names the workstation's
// previous unanswered command on the item ("after"). A peer of another version is told
// unsupported_version in hello rather than misread.
inline constexpr int kProtocolVersion = 4;
inline constexpr qsizetype kMaxFrameBytes = 1 << 20;

// Why a frame was refused; `code` is the protocol's error code, `message` says which field and why.
struct DecodeError
{
    QString code;
    QString message;
};

// A decoded frame: its type, request id (or 0), the id it answers (or 0), and the whole object.
struct Message
{
    QString type;
    qint64 id = 0;
    qint64 re = 0;
    QJsonObject body;
};

// Checks the frame's size, that it is a JSON object with a string "type", and that "id" and "re",
// when present, are integers in 1..2^53.
std::optional<Message> decode(const QByteArray &frame, DecodeError *error);

// One field of a decoded message (for the server and the client reading the fields of their own
// message types). An integer is a whole JSON number in min..2^53; a string has at most maxLength
// UTF-16 units. A missing or null field is fine unless required; otherwise false with `error` set.
bool readInteger(const QJsonObject &o, const QString &key, bool required, qint64 min, qint64 *out, DecodeError *error);
bool readString(const QJsonObject &o, const QString &key, bool required, int maxLength, QString *out, DecodeError *error);

// A scope as `snapshot` and `subscribe` carry it (Models::SyncScope::toJson() writes it): {"offices": ["5141"], "kinds": ["declaration"]}
// (docs/protocol.md, "Scopes"). A missing or null `scope` is everything; a malformed one is
// refused whole, with a reason.
bool readScope(const QJsonObject &o, const QString &key, Models::SyncScope *out, DecodeError *error);

QByteArray encode(const QJsonObject &object);
QByteArray encodeError(qint64 re, const QString &code, const QString &message);

// A command as it travels from a workstation's outbox to the server.
struct CommandMessage
{
    qint64 seq = 0;
    Models::Command command;
};

std::optional<CommandMessage> parseCommand(const Message &message, DecodeError *error);

// A snapshot page travels as one binary frame: "CWPG", the header's length (4 bytes, big-endian),
// the header (a JSON object), then the row pack whose SHA-256 the header carries.
inline constexpr qsizetype kMaxPageFrameBytes = 64 << 20;

struct PageFrame
{
    QJsonObject header;
    QByteArray body;
};

QByteArray encodePageFrame(QJsonObject header, const QByteArray &body);
// Checks the framing, that the header is a JSON object of type "page", and the body's SHA-256.
std::optional<PageFrame> decodePageFrame(const QByteArray &frame, DecodeError *error);
QJsonObject commandToJson(qint64 id, const CommandMessage &command);

// The change stream sends changes in "changes" frames: {"type": "changes", "changes": [...]}, each
// element one change as changeToJson writes it. A server encodes each change once and joins the
// ones a subscriber lacks (changesFrame), so a frame costs one copy per subscriber, not one
// encoding.
QByteArray encodeChange(const Models::ItemChange &change);
QByteArray changesFrame(const QList<QByteArray> &encodedChanges);
// One element of a "changes" frame; nullopt when its kind is unknown or a field is missing. A
// change of kind "officer" carries the officer directory's entry (Models::ItemChange::officer).
std::optional<Models::ItemChange> parseChange(const QJsonObject &o);

// The negotiated binary form of a "changes" frame (hello `"changeFrames": "deflate"`): "CWCZ",
// the header's length (4 bytes, big-endian), the header {"type": "changes", "count", "first",
// "last", "bytes"}, then a zlib stream (RFC 1950) of the UTF-8 JSON array of changes, `bytes`
// long once inflated. About a sixth of the text frame's size; made once and sent to every
// subscriber at the same cursor.
inline constexpr auto kDeflateChanges = "deflate";
inline constexpr qsizetype kMaxInflatedChangesBytes = 64 << 20;
QByteArray deflatedChangesFrame(const QList<QByteArray> &encodedChanges, qint64 firstCursor, qint64 lastCursor);
bool isDeflatedChangesFrame(const QByteArray &frame);
struct ChangesFrame
{
    QJsonObject header;
    QJsonArray changes;
};
std::optional<ChangesFrame> decodeDeflatedChangesFrame(const QByteArray &frame, DecodeError *error);

} // namespace Clearway::Sync

namespace Clearway::Sync {

// Blobs (photos, recordings, PDFs) are named by the lower-case hex SHA-256 of their bytes and move
// in chunk frames: "CWBC", the header's length (4 bytes, big-endian), the header {"type": "chunk",
// "sha256", "offset"[, "re"]}, then the chunk's bytes (1..kMaxBlobChunkBytes; a download's chunk
// of an empty blob has none). A chunk frame stays under kMaxFrameBytes, the server's frame limit.
inline constexpr qsizetype kMaxBlobChunkBytes = 512 << 10;

// Exactly 64 characters 0-9 a-f: the only names the blob folder holds, so no path tricks.
bool isBlobSha256(const QString &sha256);

struct BlobChunk
{
    QString sha256;
    qint64 offset = 0;
    qint64 re = 0; // a download's chunk answers blob_get: its id; 0 in an upload
    QByteArray bytes;
};

QByteArray encodeBlobChunkFrame(const BlobChunk &chunk);
bool isBlobChunkFrame(const QByteArray &frame);
std::optional<BlobChunk> decodeBlobChunkFrame(const QByteArray &frame, DecodeError *error);

} // namespace Clearway::Sync
