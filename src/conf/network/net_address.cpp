#include "conf/network/net_address.hpp"

#include <arpa/inet.h>
#include <netdb.h>

#include <cstring>

#include "util/error.hpp"
#include "util/strings.hpp"

namespace cvirt::conf::network {
namespace {

constexpr int kAfInet = AF_INET;
constexpr int kAfInet6 = AF_INET6;

bool parseV4(const std::string& text, std::array<uint8_t, 16>& out) {
    // getaddrinfo(AI_NUMERICHOST) takes inet_aton's forms ("10.1",
    // "0x0a.1"); inet_aton itself would also accept trailing junk after
    // a space, which getaddrinfo refuses.
    if (text.empty() || text.find_first_not_of("0123456789abcdefABCDEFxX.") != std::string::npos)
        return false;
    in_addr a{};
    if (inet_aton(text.c_str(), &a) == 0)
        return false;
    std::memcpy(out.data(), &a, 4);
    return true;
}

bool parseV6(const std::string& text, std::array<uint8_t, 16>& out) {
    in6_addr a{};
    if (inet_pton(kAfInet6, text.c_str(), &a) != 1)
        return false;
    std::memcpy(out.data(), &a, 16);
    return true;
}

[[noreturn]] void rangeError(std::string_view message) {
    throw Error(ErrorCode::InternalError, ErrorDomain::None, message);
}

}  // namespace

std::optional<IpAddress> IpAddress::parse(std::string_view text, Family want) {
    std::string s(text);
    IpAddress ip;
    if (want != Family::V6 && parseV4(s, ip.bytes_)) {
        ip.family_ = Family::V4;
        return ip;
    }
    if (want != Family::V4 && parseV6(s, ip.bytes_)) {
        ip.family_ = Family::V6;
        return ip;
    }
    return std::nullopt;
}

IpAddress IpAddress::parseOrFail(std::string_view text, Family want) {
    if (auto ip = parse(text, want))
        return *ip;
    // What getaddrinfo answers for a name that is not a numeric address.
    const char* reason = gai_strerror(EAI_NONAME);
    if (want != Family::Unspec && parse(text))
        reason = gai_strerror(EAI_ADDRFAMILY);
    fail(ErrorCode::SystemError, ErrorDomain::None, "Cannot parse socket address '{}': {}", text, reason);
}

std::optional<IpAddress> IpAddress::netmaskFromPrefix(unsigned prefix, Family family) {
    IpAddress m;
    m.family_ = family;
    size_t bits = m.size() * 8;
    if (family == Family::Unspec || prefix > bits)
        return std::nullopt;
    for (size_t i = 0; i < prefix; ++i)
        m.bytes_[i / 8] |= static_cast<uint8_t>(0x80u >> (i % 8));
    return m;
}

bool IpAddress::isWildcard() const {
    for (size_t i = 0; i < size(); ++i)
        if (bytes_[i])
            return false;
    return valid();
}

std::string IpAddress::format() const {
    char buf[INET6_ADDRSTRLEN] = {};
    if (family_ == Family::V4)
        inet_ntop(kAfInet, bytes_.data(), buf, sizeof(buf));
    else if (family_ == Family::V6)
        inet_ntop(kAfInet6, bytes_.data(), buf, sizeof(buf));
    return buf;
}

IpAddress IpAddress::maskedByPrefix(int prefix) const {
    if (prefix < 0)
        return IpAddress();
    auto mask = netmaskFromPrefix(static_cast<unsigned>(prefix), family_);
    return mask ? masked(*mask) : IpAddress();
}

IpAddress IpAddress::masked(const IpAddress& netmask) const {
    if (family_ != netmask.family_)
        return IpAddress();
    IpAddress out = *this;
    for (size_t i = 0; i < size(); ++i)
        out.bytes_[i] &= netmask.bytes_[i];
    return out;
}

int IpAddress::netmaskBits() const {
    int bits = 0;
    bool ended = false;
    for (size_t i = 0; i < size(); ++i) {
        for (int b = 7; b >= 0; --b) {
            bool one = bytes_[i] & (1u << b);
            if (one && ended)
                return -1;
            if (one)
                ++bits;
            else
                ended = true;
        }
    }
    return valid() ? bits : -1;
}

IpAddress IpAddress::broadcast(const IpAddress& netmask) const {
    IpAddress out = *this;
    for (size_t i = 0; i < size(); ++i)
        out.bytes_[i] = static_cast<uint8_t>(bytes_[i] | ~netmask.bytes_[i]);
    return out;
}

int ipPrefix(const IpAddress& address, const IpAddress& netmask, unsigned prefix) {
    if (prefix > 0)
        return static_cast<int>(prefix);
    if (netmask.valid())
        return netmask.netmaskBits();
    if (address.isV4()) {
        uint8_t octet = address.bytes()[0];
        if ((octet & 0x80) == 0)
            return 8;
        if ((octet & 0xC0) == 0x80)
            return 16;
        if ((octet & 0xE0) == 0xC0)
            return 24;
        return -1;
    }
    if (address.isV6())
        return address.isWildcard() ? 0 : 64;
    return 0;
}

int addressRange(const IpAddress& start, const IpAddress& end, const IpAddress* network, int prefix) {
    std::string startStr = start.format();
    std::string endStr = end.format();
    if (start.family() != end.family())
        rangeError(fmt::format("mismatch of address family in range {} - {}", startStr, endStr));

    if (network) {
        std::string netStr = network->format();
        if (start.family() != network->family())
            rangeError(fmt::format("mismatch of address family in range {} - {} for network {}", startStr,
                                   endStr, netStr));
        std::optional<IpAddress> netmask;
        if (prefix >= 0)
            netmask = IpAddress::netmaskFromPrefix(static_cast<unsigned>(prefix), network->family());
        if (!netmask)
            rangeError(fmt::format("bad prefix {} for network {} when  checking range {} - {}", prefix,
                                   netStr, startStr, endStr));
        IpAddress netaddr = network->masked(*netmask);
        if (!(start.masked(*netmask) == netaddr) || !(end.masked(*netmask) == netaddr))
            rangeError(fmt::format("range {} - {} is not entirely within network {}/{}", startStr, endStr,
                                   netStr, prefix));
        if (start.isV4()) {
            // IPv6 has no network or broadcast address to keep out.
            if (start == netaddr)
                rangeError(fmt::format("start of range {} - {} in network {}/{} is the network address",
                                       startStr, endStr, netStr, prefix));
            if (end == network->broadcast(*netmask))
                rangeError(fmt::format("end of range {} - {} in network {}/{} is the broadcast address",
                                       startStr, endStr, netStr, prefix));
        }
    }

    const auto& a = start.bytes();
    const auto& b = end.bytes();
    int count;
    if (start.isV4()) {
        // libvirt's legacy limit: only the last two bytes may differ.
        if (a[0] != b[0] || a[1] != b[1])
            rangeError(fmt::format("range {} - {} is too large (> 65535)", startStr, endStr));
        count = (b[2] - a[2]) * 256 + (b[3] - a[3]);
    } else if (start.isV6()) {
        for (size_t i = 0; i < 14; ++i)
            if (a[i] != b[i])
                rangeError(fmt::format("range {} - {} is too large (> 65535)", startStr, endStr));
        count = (b[14] * 256 + b[15]) - (a[14] * 256 + a[15]);
    } else {
        rangeError(fmt::format("unsupported address family for range {} - {}, must be ipv4 or ipv6", startStr,
                               endStr));
    }
    if (count < 0)
        rangeError(fmt::format("range {} - {} is reversed ", startStr, endStr));
    return count + 1;
}

std::optional<MacAddress> MacAddress::parse(std::string_view text) {
    MacAddress mac;
    size_t pos = 0;
    for (size_t i = 0; i < kBytes; ++i) {
        auto hexDigit = [&](size_t p) {
            return p < text.size() && std::isxdigit(static_cast<unsigned char>(text[p]));
        };
        if (!hexDigit(pos))
            return std::nullopt;
        size_t len = hexDigit(pos + 1) ? 2 : 1;
        if (hexDigit(pos + len))
            return std::nullopt;
        mac.bytes_[i] = static_cast<uint8_t>(std::stoul(std::string(text.substr(pos, len)), nullptr, 16));
        pos += len;
        if (i == kBytes - 1)
            // virMacAddrParse stops at anything up to a space.
            return pos == text.size() || static_cast<unsigned char>(text[pos]) <= ' ' ? std::optional(mac)
                                                                                      : std::nullopt;
        if (pos >= text.size() || text[pos] != ':')
            return std::nullopt;
        ++pos;
    }
    return std::nullopt;
}

std::string MacAddress::format() const {
    return fmt::format("{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}", bytes_[0], bytes_[1], bytes_[2],
                       bytes_[3], bytes_[4], bytes_[5]);
}

}  // namespace cvirt::conf::network
