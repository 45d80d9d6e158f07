// Fuzz target for the wire decoder: everything a peer's bytes reach before the server acts on
// them (Sync::decode, then Sync::parseCommand), plus the invariants the server relies on; and the
// binary frames a workstation reads (snapshot pages, deflated changes) and the blob chunk frames both
// sides read.
// Built twice: with clang's libFuzzer (tests/fuzz/run_fuzz.sh) and, with the main compiler, with
// replay_main.cpp, which runs the seed corpus as a regression test.
#include "sync/message.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Clearway::Sync;

namespace {

constexpr qint64 kMaxId = qint64(1) << 53;

void check(bool ok, const char *invariant)
{
    if (!ok) {
        std::fprintf(stderr, "fuzz_message: invariant broken: %s\n", invariant);
        std::abort();
    }
}

// The server answers every refusal with encodeError(); that reply must itself be a valid frame.
void checkErrorReply(const DecodeError &error)
{
    check(!error.code.isEmpty() && !error.message.isEmpty(), "a refusal names a code and a reason");
    DecodeError again;
    const std::optional<Message> reply = decode(encodeError(kMaxId, error.code, error.message), &again);
    check(reply && reply->type == QLatin1String("error") && reply->re == kMaxId, "the error reply decodes");
    check(reply->body.value(QStringLiteral("code")).toString() == error.code, "the error reply keeps its code");
}

void checkCommand(const Message &m)
{
    DecodeError error;
    const std::optional<CommandMessage> c = parseCommand(m, &error);
    if (!c) {
        checkErrorReply(error);
        return;
    }
    check(c->seq >= 1 && c->seq <= kMaxId && c->command.itemId >= 1 && c->command.itemId <= kMaxId, "seq and itemId in 1..2^53");
    check(c->command.baseVersion >= 0 && c->command.baseVersion <= kMaxId, "baseVersion in 0..2^53");
    check(c->command.after >= 0 && c->command.after < c->seq, "after names an earlier seq, or none");
    check(c->command.name.size() <= 64 && c->command.targetOfficer.size() <= 64, "name and target lengths");
    check(c->command.reason.size() <= 4000 && c->command.note.size() <= 4000, "reason and note lengths");

    // What the workstation's outbox sends must come back as the same command.
    const std::optional<Message> again = decode(encode(commandToJson(m.id > 0 ? m.id : 1, *c)), &error);
    check(bool(again), "an encoded command decodes");
    const std::optional<CommandMessage> back = parseCommand(*again, &error);
    check(bool(back), "an encoded command parses");
    check(back->seq == c->seq && back->command.kind == c->command.kind && back->command.itemId == c->command.itemId
              && back->command.baseVersion == c->command.baseVersion && back->command.after == c->command.after
              && back->command.name == c->command.name,
          "a command round-trips");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray frame = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    DecodeError error;
    // The binary frames a workstation reads: a refusal always says why; an accepted one is whole.
    if (isDeflatedChangesFrame(frame)) {
        const std::optional<ChangesFrame> changes = decodeDeflatedChangesFrame(frame, &error);
        check(changes ? changes->changes.size() == changes->header.value(QStringLiteral("count")).toInteger() : !error.message.isEmpty(),
              "a changes frame is refused with a reason or read whole");
        return 0;
    }
    if (isBlobChunkFrame(frame)) {
        const std::optional<BlobChunk> chunk = decodeBlobChunkFrame(frame, &error);
        if (!chunk) {
            check(!error.message.isEmpty(), "a chunk frame is refused with a reason");
            return 0;
        }
        check(isBlobSha256(chunk->sha256) && chunk->offset >= 0 && chunk->offset <= kMaxId, "a chunk names a blob and an offset");
        check(chunk->bytes.size() <= kMaxBlobChunkBytes && frame.size() <= kMaxFrameBytes, "a chunk stays within its limits");
        const std::optional<BlobChunk> again = decodeBlobChunkFrame(encodeBlobChunkFrame(*chunk), &error);
        check(again && again->sha256 == chunk->sha256 && again->offset == chunk->offset && again->re == chunk->re && again->bytes == chunk->bytes,
              "a chunk round-trips");
        return 0;
    }
    if (frame.startsWith("CWPG")) {
        check(decodePageFrame(frame, &error) || !error.message.isEmpty(), "a page frame is refused with a reason or read");
        return 0;
    }
    const std::optional<Message> m = decode(frame, &error);
    if (!m) {
        checkErrorReply(error);
        return 0;
    }
    check(m->type.size() <= 64, "type length");
    check(m->id >= 0 && m->id <= kMaxId && m->re >= 0 && m->re <= kMaxId, "id and re in 0..2^53");
    check(m->body.value(QStringLiteral("type")).toString() == m->type, "type is the body's type");

    // Re-encoding what was decoded gives the same frame header (the server forwards bodies).
    const QByteArray reencoded = encode(m->body);
    if (reencoded.size() <= kMaxFrameBytes) {
        const std::optional<Message> again = decode(reencoded, &error);
        check(again && again->type == m->type && again->id == m->id && again->re == m->re, "a decoded frame round-trips");
    }
    checkCommand(*m);
    // The elements of a changes frame are read whole or not at all; an officer's change reads back
    // the same.
    for (const QJsonValue &v : m->body.value(QStringLiteral("changes")).toArray()) {
        const std::optional<Clearway::Models::ItemChange> change = parseChange(v.toObject());
        if (change && change->officer) {
            const std::optional<Clearway::Models::ItemChange> again = parseChange(QJsonDocument::fromJson(encodeChange(*change)).object());
            check(again && again->officer && *again->officer == *change->officer && again->cursor == change->cursor, "an officer's change round-trips");
        }
    }
    // A scope (snapshot, subscribe) is read whole or refused with a reason, and reads back the same.
    Clearway::Models::SyncScope scope;
    if (readScope(m->body, QStringLiteral("scope"), &scope, &error)) {
        check(scope == scope.normalized() && Clearway::Models::SyncScope::fromJson(scope.toJson()) == scope, "a scope round-trips");
    } else {
        checkErrorReply(error);
    }
    return 0;
}
