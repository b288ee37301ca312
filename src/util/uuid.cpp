#include "util/uuid.hpp"

#include <sys/random.h>

#include <cctype>
#include <random>

#include "util/error.hpp"

namespace cvirt {
namespace {

int hexValue(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

}  // namespace

std::optional<Uuid> Uuid::parse(std::string_view text) {
    size_t i = 0;
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])))
        ++i;
    Bytes bytes{};
    for (size_t n = 0; n < kBytes;) {
        if (i >= text.size())
            return std::nullopt;
        if (text[i] == '-' || text[i] == ' ') {
            ++i;
            continue;
        }
        if (i + 1 >= text.size())
            return std::nullopt;
        int hi = hexValue(text[i]), lo = hexValue(text[i + 1]);
        if (hi < 0 || lo < 0)
            return std::nullopt;
        bytes[n++] = static_cast<uint8_t>(hi << 4 | lo);
        i += 2;
    }
    for (; i < text.size(); ++i)
        if (!std::isspace(static_cast<unsigned char>(text[i])))
            return std::nullopt;
    return Uuid(bytes);
}

Uuid Uuid::generate() {
    Bytes bytes{};
    size_t got = 0;
    while (got < bytes.size()) {
        ssize_t n = ::getrandom(bytes.data() + got, bytes.size() - got, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            failSystem(ErrorDomain::None, "cannot read random bytes for a UUID");
        }
        got += static_cast<size_t>(n);
    }
    bytes[6] = static_cast<uint8_t>((bytes[6] & 0x0f) | 0x40);  // version 4
    bytes[8] = static_cast<uint8_t>((bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant
    return Uuid(bytes);
}

std::string Uuid::format() const {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (size_t i = 0; i < kBytes; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out += '-';
        out += kHex[bytes_[i] >> 4];
        out += kHex[bytes_[i] & 0xf];
    }
    return out;
}

bool Uuid::isNull() const {
    for (auto b : bytes_)
        if (b)
            return false;
    return true;
}

}  // namespace cvirt
