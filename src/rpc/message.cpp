#include "rpc/message.hpp"

#include <fmt/format.h>

#include "rpc/programs.hpp"
#include "rpc/xdr.hpp"
#include "util/error.hpp"

namespace cvirt::rpc {

std::string messageTypeName(MessageType type) {
    switch (type) {
    case MessageType::Call: return "CALL";
    case MessageType::Reply: return "REPLY";
    case MessageType::Message: return "MESSAGE";
    case MessageType::Stream: return "STREAM";
    case MessageType::CallWithFds: return "CALL_WITH_FDS";
    case MessageType::ReplyWithFds: return "REPLY_WITH_FDS";
    case MessageType::StreamHole: return "STREAM_HOLE";
    }
    return "TYPE_" + std::to_string(static_cast<int32_t>(type));
}

std::string messageStatusName(MessageStatus status) {
    switch (status) {
    case MessageStatus::Ok: return "OK";
    case MessageStatus::Error: return "ERROR";
    case MessageStatus::Continue: return "CONTINUE";
    }
    return "STATUS_" + std::to_string(static_cast<int32_t>(status));
}

uint32_t checkLengthWord(uint32_t length) {
    if (length < kPacketMin || length > kPacketMax)
        throw Error(ErrorCode::Rpc, ErrorDomain::Rpc,
                    fmt::format("packet length {} is outside {}..{}", length, kPacketMin, kPacketMax));
    return length;
}

uint32_t peekLengthWord(std::span<const uint8_t> bytes) {
    return uint32_t(bytes[0]) << 24 | uint32_t(bytes[1]) << 16 | uint32_t(bytes[2]) << 8 | uint32_t(bytes[3]);
}

std::vector<uint8_t> encodePacket(const Header& header, std::span<const uint8_t> payload) {
    if (payload.size() > kPayloadMax)
        throw Error(ErrorCode::Rpc, ErrorDomain::Rpc,
                    fmt::format("message payload of {} bytes exceeds the maximum of {}", payload.size(), kPayloadMax));
    XdrWriter out;
    out.putUint32(static_cast<uint32_t>(kPacketMin + payload.size()));
    out.putUint32(header.program);
    out.putUint32(header.version);
    out.putInt32(header.procedure);
    out.putInt32(static_cast<int32_t>(header.type));
    out.putUint32(header.serial);
    out.putInt32(static_cast<int32_t>(header.status));
    auto bytes = out.take();
    bytes.insert(bytes.end(), payload.begin(), payload.end());
    return bytes;
}

Header decodeHeader(std::span<const uint8_t> bytes) {
    XdrReader in(bytes.first(std::min<size_t>(bytes.size(), kHeaderSize)));
    Header h;
    h.program = in.getUint32();
    h.version = in.getUint32();
    h.procedure = in.getInt32();
    h.type = static_cast<MessageType>(in.getInt32());
    h.serial = in.getUint32();
    h.status = static_cast<MessageStatus>(in.getInt32());
    return h;
}

Packet decodePacket(std::span<const uint8_t> bytes) {
    if (bytes.size() < kLengthWordSize)
        throw Error(ErrorCode::Rpc, ErrorDomain::Rpc, "packet shorter than its length word");
    uint32_t length = checkLengthWord(peekLengthWord(bytes));
    if (length != bytes.size())
        throw Error(ErrorCode::Rpc, ErrorDomain::Rpc,
                    fmt::format("packet length word {} disagrees with its {} bytes", length, bytes.size()));
    Packet packet;
    packet.header = decodeHeader(bytes.subspan(kLengthWordSize));
    packet.payload.assign(bytes.begin() + kPacketMin, bytes.end());
    return packet;
}

void PacketSplitter::feed(std::span<const uint8_t> bytes) {
    if (start_ > 0 && start_ == buffer_.size()) {
        buffer_.clear();
        start_ = 0;
    }
    buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
}

std::optional<Packet> PacketSplitter::next() {
    size_t have = buffer_.size() - start_;
    if (have < kLengthWordSize)
        return std::nullopt;
    std::span<const uint8_t> view(buffer_.data() + start_, have);
    uint32_t length = checkLengthWord(peekLengthWord(view));
    if (have < length)
        return std::nullopt;
    Packet packet = decodePacket(view.first(length));
    start_ += length;
    // Compact once the consumed prefix dominates, so a long-lived stream
    // does not keep every packet it ever carried.
    if (start_ == buffer_.size()) {
        buffer_.clear();
        start_ = 0;
    } else if (start_ > (64u << 10) && start_ > buffer_.size() / 2) {
        buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(start_));
        start_ = 0;
    }
    return packet;
}

std::string describe(const Header& header) {
    return fmt::format("{} {} serial={} proc={} status={}", programName(header.program),
                       messageTypeName(header.type), header.serial, header.procedure,
                       messageStatusName(header.status));
}

}  // namespace cvirt::rpc
