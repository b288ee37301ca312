#pragma once
// Host-side network device settings shared by <network>, its <portgroup>s
// and a domain's <interface>: <virtualport>, <bandwidth> and <vlan>
// (libvirt's netdev_vport_profile_conf, netdev_bandwidth_conf and
// netdev_vlan_conf).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "conf/xml/schema.hpp"
#include "util/uuid.hpp"

namespace cvirt::conf::network {

using xml::FormatContext;
using xml::Node;
using xml::ParseContext;
using xml::Writer;

// ---- <virtualport> -------------------------------------------------------

enum class VirtualPortType { None, Qbg, Qbh, Openvswitch, Midonet };
CVIRT_ENUM_STRINGS_UNSET(VirtualPortType, "none", "802.1Qbg", "802.1Qbh", "openvswitch", "midonet");

struct VirtualPort {
    VirtualPortType type{};
    std::optional<uint8_t> managerId;
    std::optional<uint32_t> typeId;  // 24 bits
    std::optional<uint8_t> typeIdVersion;
    std::optional<Uuid> instanceId;
    std::string profileId;
    std::optional<Uuid> interfaceId;
};

enum VirtualPortParseFlag : unsigned {
    kVportRequireType = 1u << 0,              // VIR_VPORT_XML_REQUIRE_TYPE
    kVportGenerateMissingDefaults = 1u << 1,  // VIR_VPORT_XML_GENERATE_MISSING_DEFAULTS
    kVportRequireAllAttributes = 1u << 2,     // VIR_VPORT_XML_REQUIRE_ALL_ATTRIBUTES
};

VirtualPort parseVirtualPort(const Node& node, unsigned flags);
void formatVirtualPort(Writer& w, const VirtualPort& port);

// ---- <bandwidth> ---------------------------------------------------------

// One direction's limits; zero means "not set" (libvirt prints non-zero
// values only).
struct BandwidthRate {
    uint64_t average = 0;  // KiB/s
    uint64_t peak = 0;
    uint64_t floor = 0;
    uint64_t burst = 0;  // KiB
};

struct Bandwidth {
    std::optional<BandwidthRate> inbound;
    std::optional<BandwidthRate> outbound;
};

// nullopt when neither <inbound> nor <outbound> is present. `classId`
// receives a classID attribute when the caller accepts one.
std::optional<Bandwidth> parseBandwidth(const Node& node, bool allowFloor,
                                        std::optional<unsigned>* classId = nullptr);
void formatBandwidth(Writer& w, const std::optional<Bandwidth>& bw, unsigned classId = 0);

// ---- <vlan> --------------------------------------------------------------

enum class NativeVlanMode { Default, Tagged, Untagged };
CVIRT_ENUM_STRINGS_UNSET(NativeVlanMode, "default", "tagged", "untagged");

struct Vlan {
    std::vector<unsigned> tags;
    bool trunk = false;
    NativeVlanMode nativeMode{};
    unsigned nativeTag = 0;
    bool empty() const { return tags.empty(); }
};

Vlan parseVlan(const Node& node);
void formatVlan(Writer& w, const Vlan& vlan);

}  // namespace cvirt::conf::network
