#pragma once
// The packets of one RPC stream (libvirt's virnetprotocol.x). A stream is
// opened by a CALL (DOMAIN_OPEN_CONSOLE, ...) and from then on named by that
// call's program, version, procedure and serial. Both directions send
// STREAM packets:
//   status CONTINUE  a chunk of raw bytes (not XDR-encoded); with no bytes,
//                    the sender has no more data (end of file);
//   status OK        no payload: the client's finish, and the daemon's
//                    answer to a finish or an abort (libvirt's client drops
//                    a connection whose daemon sends an OK unasked);
//   status ERROR     a remote_error: the stream failed; with no payload, a
//                    client's abort.
// Pure: no I/O. The client (rpc/client.hpp) and the daemon route packets by
// StreamKey and build them here.

#include <compare>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "rpc/message.hpp"
#include "rpc/programs.hpp"
#include "util/error.hpp"

namespace cvirt::rpc {

struct StreamKey {
    uint32_t program = 0;
    uint32_t version = kProtocolVersion;
    int32_t procedure = 0;
    uint32_t serial = 0;

    static StreamKey of(const Header& header) {
        return StreamKey{header.program, header.version, header.procedure, header.serial};
    }
    auto operator<=>(const StreamKey&) const = default;
};

// The most bytes one data packet carries: what every libvirt peer accepts
// (libvirt sends stream data in chunks of this size).
inline constexpr size_t kStreamChunkMax = kLegacyPayloadMax;

// Whole packets (length word included), ready to write. Data longer than
// kStreamChunkMax is the caller's to split (streamChunks).
std::vector<uint8_t> encodeStreamData(const StreamKey& key, std::span<const uint8_t> bytes);
std::vector<uint8_t> encodeStreamEof(const StreamKey& key);
std::vector<uint8_t> encodeStreamFinish(const StreamKey& key);
std::vector<uint8_t> encodeStreamError(const StreamKey& key, const Error& error);
std::vector<uint8_t> encodeStreamAbort(const StreamKey& key);

// `bytes` as data packets of at most kStreamChunkMax bytes each.
std::vector<std::vector<uint8_t>> streamChunks(const StreamKey& key, std::span<const uint8_t> bytes);

struct StreamEvent {
    enum class Kind {
        Data,    // `data` arrived
        Eof,     // CONTINUE without data: the peer has no more data
        Finish,  // OK: a finish, or the answer to ours
        Error,   // ERROR with a remote_error: `error`
        Abort,   // ERROR without payload: the peer dropped the stream
    };
    Kind kind = Kind::Data;
    std::vector<uint8_t> data;
    std::optional<Error> error;
};

// What a received STREAM or STREAM_HOLE packet says. Throws Error(RPC) for
// what no peer may send on our streams: holes (no stream here is sparse), an
// OK with a payload, an unknown status, an error that does not decode.
// An empty CONTINUE is Eof, never Data.
StreamEvent decodeStreamPacket(Packet&& packet);

}  // namespace cvirt::rpc
