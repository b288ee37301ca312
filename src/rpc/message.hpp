#pragma once
// One RPC packet: a 4-byte length word (counting itself), the 24-byte header
// and the XDR payload. Pure: no I/O.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace cvirt::rpc {

inline constexpr uint32_t kLengthWordSize = 4;
inline constexpr uint32_t kHeaderSize = 24;
// The largest header + payload (VIR_NET_MESSAGE_MAX).
inline constexpr uint32_t kMessageMax = 32u << 20;
inline constexpr uint32_t kPayloadMax = kMessageMax - kHeaderSize;
// Bounds of a valid length word: a header-only packet, and the largest message.
inline constexpr uint32_t kPacketMin = kLengthWordSize + kHeaderSize;
inline constexpr uint32_t kPacketMax = kMessageMax + kLengthWordSize;
// Old peers cannot take more payload than this in one packet (stream chunks).
inline constexpr uint32_t kLegacyPayloadMax = 262120;
inline constexpr uint32_t kFdsMax = 32;

enum class MessageType : int32_t {
    Call = 0,
    Reply = 1,
    Message = 2,
    Stream = 3,
    CallWithFds = 4,
    ReplyWithFds = 5,
    StreamHole = 6,
};

enum class MessageStatus : int32_t {
    Ok = 0,
    Error = 1,
    Continue = 2,
};

std::string messageTypeName(MessageType type);
std::string messageStatusName(MessageStatus status);

struct Header {
    uint32_t program = 0;
    uint32_t version = 1;
    int32_t procedure = 0;
    MessageType type = MessageType::Call;
    uint32_t serial = 0;
    MessageStatus status = MessageStatus::Ok;
    bool operator==(const Header&) const = default;
};

struct Packet {
    Header header;
    std::vector<uint8_t> payload;  // after the header; for *_WITH_FDS it starts with the fd count
};

// Checks a received length word; throws Error(RPC) when it is below a bare
// header or above the largest message (the peer must then be dropped).
uint32_t checkLengthWord(uint32_t length);

// The length word at the start of `bytes` (at least 4 bytes), unchecked.
uint32_t peekLengthWord(std::span<const uint8_t> bytes);

// length word + header + payload, ready to write.
std::vector<uint8_t> encodePacket(const Header& header, std::span<const uint8_t> payload);

// Parses a whole packet (length word included). Throws Error(RPC) when the
// length word is invalid or disagrees with the buffer.
Packet decodePacket(std::span<const uint8_t> bytes);
// Parses a header from the 24 bytes after the length word.
Header decodeHeader(std::span<const uint8_t> bytes);

// Splits a byte stream into packets; used by transports and by tools that
// replay captures. Bytes that do not yet form a whole packet stay buffered.
class PacketSplitter {
public:
    void feed(std::span<const uint8_t> bytes);
    // The next whole packet, or nullopt when more bytes are needed. Throws
    // Error(RPC) when the stream carries an invalid length word.
    std::optional<Packet> next();
    size_t buffered() const { return buffer_.size() - start_; }

private:
    std::vector<uint8_t> buffer_;
    size_t start_ = 0;
};

// "REMOTE CALL serial=3 proc=1 status=OK": for logs.
std::string describe(const Header& header);

}  // namespace cvirt::rpc
