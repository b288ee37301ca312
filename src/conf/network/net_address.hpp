#pragma once
// IP and MAC addresses as libvirt's network XML reads and prints them
// (virSocketAddr, virMacAddr): numeric addresses only, canonical output.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cvirt::conf::network {

class IpAddress {
public:
    enum class Family { Unspec, V4, V6 };

    IpAddress() = default;
    // A numeric IPv4 (including inet_aton's short forms) or IPv6 address;
    // nullopt otherwise. `want` restricts the family (Unspec: either).
    static std::optional<IpAddress> parse(std::string_view text, Family want = Family::Unspec);
    // libvirt's "Cannot parse socket address '%s': %s" (SYSTEM_ERROR) on failure.
    static IpAddress parseOrFail(std::string_view text, Family want = Family::Unspec);
    // The netmask with `prefix` leading one bits, nullopt when out of range.
    static std::optional<IpAddress> netmaskFromPrefix(unsigned prefix, Family family);

    Family family() const { return family_; }
    bool valid() const { return family_ != Family::Unspec; }
    bool isV4() const { return family_ == Family::V4; }
    bool isV6() const { return family_ == Family::V6; }
    bool isWildcard() const;
    std::string format() const;

    // The address with all bits after `prefix` cleared (invalid when the
    // prefix is out of range for the family).
    IpAddress maskedByPrefix(int prefix) const;
    IpAddress masked(const IpAddress& netmask) const;
    // Number of leading one bits of a netmask, or -1 when not contiguous.
    int netmaskBits() const;
    // The IPv4 broadcast address of this network under `netmask`.
    IpAddress broadcast(const IpAddress& netmask) const;

    size_t size() const { return family_ == Family::V4 ? 4 : family_ == Family::V6 ? 16 : 0; }
    const std::array<uint8_t, 16>& bytes() const { return bytes_; }
    bool operator==(const IpAddress& o) const { return family_ == o.family_ && bytes_ == o.bytes_; }

private:
    Family family_ = Family::Unspec;
    std::array<uint8_t, 16> bytes_{};
};

// The prefix libvirt assumes for an address (virSocketAddrGetIPPrefix): the
// explicit prefix, else the netmask's bits, else the classful (IPv4) or /64
// (IPv6) default; 0 when nothing is known, -1 when it cannot tell.
int ipPrefix(const IpAddress& address, const IpAddress& netmask, unsigned prefix);

// libvirt's virSocketAddrGetRange: the number of addresses from start to
// end, checked against `network`/`prefix` when a network is given. Throws
// INTERNAL_ERROR with libvirt's messages for bad ranges.
int addressRange(const IpAddress& start, const IpAddress& end, const IpAddress* network, int prefix);

class MacAddress {
public:
    static constexpr size_t kBytes = 6;
    MacAddress() = default;
    // Six 1-2 digit hex bytes separated by ':' (virMacAddrParse).
    static std::optional<MacAddress> parse(std::string_view text);
    std::string format() const;  // lowercase aa:bb:cc:dd:ee:ff
    bool isMulticast() const { return bytes_[0] & 1; }
    const std::array<uint8_t, kBytes>& bytes() const { return bytes_; }
    bool operator==(const MacAddress&) const = default;

private:
    std::array<uint8_t, kBytes> bytes_{};
};

}  // namespace cvirt::conf::network
