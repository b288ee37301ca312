#include "rpc/stream_channel.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "rpc/wire_error.hpp"
#include "rpc/xdr.hpp"

namespace cvirt::rpc {

namespace {

Header streamHeader(const StreamKey& key, MessageStatus status) {
    return Header{key.program, key.version, key.procedure, MessageType::Stream, key.serial, status};
}

}  // namespace

std::vector<uint8_t> encodeStreamData(const StreamKey& key, std::span<const uint8_t> bytes) {
    return encodePacket(streamHeader(key, MessageStatus::Continue), bytes);
}

std::vector<uint8_t> encodeStreamEof(const StreamKey& key) {
    return encodePacket(streamHeader(key, MessageStatus::Continue), {});
}

std::vector<uint8_t> encodeStreamFinish(const StreamKey& key) {
    return encodePacket(streamHeader(key, MessageStatus::Ok), {});
}

std::vector<uint8_t> encodeStreamError(const StreamKey& key, const Error& error) {
    return encodePacket(streamHeader(key, MessageStatus::Error), encode(toWireError(error)));
}

std::vector<uint8_t> encodeStreamAbort(const StreamKey& key) {
    return encodePacket(streamHeader(key, MessageStatus::Error), {});
}

std::vector<std::vector<uint8_t>> streamChunks(const StreamKey& key, std::span<const uint8_t> bytes) {
    std::vector<std::vector<uint8_t>> packets;
    while (!bytes.empty()) {
        size_t n = std::min(bytes.size(), kStreamChunkMax);
        packets.push_back(encodeStreamData(key, bytes.first(n)));
        bytes = bytes.subspan(n);
    }
    return packets;
}

StreamEvent decodeStreamPacket(Packet&& packet) {
    const Header& h = packet.header;
    if (h.type == MessageType::StreamHole)
        throw rpcError("Unexpected stream hole");
    if (h.type != MessageType::Stream)
        throw rpcError(fmt::format("Unexpected message type: {}", static_cast<int32_t>(h.type)));
    StreamEvent event;
    switch (h.status) {
    case MessageStatus::Continue:
        event.kind = packet.payload.empty() ? StreamEvent::Kind::Eof : StreamEvent::Kind::Data;
        event.data = std::move(packet.payload);
        return event;
    case MessageStatus::Ok:
        if (!packet.payload.empty())
            throw rpcError(fmt::format("stream finish with {} bytes of payload", packet.payload.size()));
        event.kind = StreamEvent::Kind::Finish;
        return event;
    case MessageStatus::Error:
        if (packet.payload.empty()) {
            event.kind = StreamEvent::Kind::Abort;
            return event;
        }
        event.kind = StreamEvent::Kind::Error;
        event.error = fromWireError(decode<WireError>(packet.payload));
        return event;
    }
    throw rpcError(fmt::format("stream had unexpected termination status {}", static_cast<int32_t>(h.status)));
}

}  // namespace cvirt::rpc
