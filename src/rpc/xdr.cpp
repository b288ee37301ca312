#include "rpc/xdr.hpp"

#include <bit>
#include <cmath>

#include <fmt/format.h>

#include "util/log.hpp"

namespace cvirt::rpc {

void failDecode(std::string_view why) {
    CVIRT_DEBUG("rpc.xdr", "payload rejected: {}", why);
    throw Error::raw(ErrorCode::Rpc, ErrorDomain::Rpc, "Unable to decode message payload");
}

// ---- writer ----

void XdrWriter::putUint32(uint32_t value) {
    uint8_t b[4] = {uint8_t(value >> 24), uint8_t(value >> 16), uint8_t(value >> 8), uint8_t(value)};
    buffer_.insert(buffer_.end(), b, b + 4);
}

void XdrWriter::putUint64(uint64_t value) {
    putUint32(static_cast<uint32_t>(value >> 32));
    putUint32(static_cast<uint32_t>(value));
}

void XdrWriter::putDouble(double value) { putUint64(std::bit_cast<uint64_t>(value)); }

void XdrWriter::putPadded(const void* data, size_t size) {
    const auto* bytes = static_cast<const uint8_t*>(data);
    if (size)
        buffer_.insert(buffer_.end(), bytes, bytes + size);
    buffer_.resize(buffer_.size() + (4 - size % 4) % 4, 0);
}

// ---- reader ----

void XdrReader::need(size_t bytes) const {
    if (bytes > remaining())
        failDecode(fmt::format("need {} bytes at offset {}, only {} left", bytes, pos_, remaining()));
}

uint32_t XdrReader::getUint32() {
    need(4);
    const uint8_t* p = data_.data() + pos_;
    pos_ += 4;
    return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | uint32_t(p[3]);
}

uint64_t XdrReader::getUint64() {
    uint64_t high = getUint32();
    return high << 32 | getUint32();
}

double XdrReader::getDouble() { return std::bit_cast<double>(getUint64()); }

std::span<const uint8_t> XdrReader::getPadded(size_t size) {
    size_t padded = size + (4 - size % 4) % 4;
    if (padded < size)
        failDecode("length overflow");
    need(padded);
    auto out = data_.subspan(pos_, size);
    pos_ += padded;
    return out;
}

uint32_t XdrReader::getCount(uint32_t max, size_t minWireSize) {
    uint32_t count = getUint32();
    if (count > max)
        failDecode(fmt::format("count {} exceeds maximum {}", count, max));
    if (minWireSize && count > remaining() / minWireSize)
        failDecode(fmt::format("count {} cannot fit in the {} bytes left", count, remaining()));
    return count;
}

void XdrReader::expectEnd() const {
    if (remaining())
        failDecode(fmt::format("{} trailing bytes", remaining()));
}

// ---- codecs with out-of-line bodies ----

void Codec<std::string>::encode(XdrWriter& out, const std::string& value) {
    out.putUint32(static_cast<uint32_t>(value.size()));
    out.putPadded(value.data(), value.size());
}

void Codec<std::string>::decode(XdrReader& in, std::string& value) {
    uint32_t size = in.getCount(kStringMax, 1);
    auto bytes = in.getPadded(size);
    value.assign(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

void Codec<double>::print(std::string& out, double value) { out += fmt::format("{}", value); }

void Codec<Uuid>::decode(XdrReader& in, Uuid& value) {
    auto bytes = in.getPadded(Uuid::kBytes);
    Uuid::Bytes raw;
    std::memcpy(raw.data(), bytes.data(), raw.size());
    value = Uuid(raw);
}

void encodeChars(XdrWriter& out, std::string_view chars, size_t count) {
    for (size_t i = 0; i < count; ++i)
        out.putInt32(i < chars.size() ? static_cast<int32_t>(static_cast<signed char>(chars[i])) : 0);
}

void decodeChars(XdrReader& in, std::string& chars, size_t count) {
    if (count > in.remaining() / 4)
        failDecode("char array longer than the payload");
    chars.assign(count, '\0');
    for (size_t i = 0; i < count; ++i)
        chars[i] = static_cast<char>(in.getInt32());  // rpcgen's xdr_char truncates the same way
}

void printHex(std::string& out, std::span<const uint8_t> bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    for (uint8_t b : bytes) {
        out += kDigits[b >> 4];
        out += kDigits[b & 15];
    }
}

namespace detail {

void appendQuoted(std::string& out, std::string_view text) {
    constexpr size_t kShown = 200;  // logs need the start of an XML document, not all of it
    out += '"';
    for (size_t i = 0; i < text.size() && i < kShown; ++i) {
        char c = text[i];
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
            out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
        } else {
            out += c;
        }
    }
    if (text.size() > kShown)
        out += fmt::format("...({} bytes)", text.size());
    out += '"';
}

std::string_view fieldName(std::string_view names, size_t index) {
    for (size_t i = 0; i < index; ++i) {
        auto comma = names.find(',');
        if (comma == std::string_view::npos)
            return "?";
        names.remove_prefix(comma + 1);
    }
    names = names.substr(0, names.find(','));
    while (!names.empty() && names.front() == ' ')
        names.remove_prefix(1);
    while (!names.empty() && names.back() == ' ')
        names.remove_suffix(1);
    return names;
}

}  // namespace detail
}  // namespace cvirt::rpc
