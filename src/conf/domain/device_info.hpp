#pragma once
// What every device shares (libvirt's virDomainDeviceInfo): its address on
// a bus, its alias, boot order, ACPI index, ROM settings, and the USB
// companion-controller master. Device families call parseDeviceInfo /
// formatDeviceInfo from a custom() field at the position libvirt formats
// them (usually last in the device element).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "conf/xml/schema.hpp"

namespace cvirt::conf::domain {

using xml::FormatContext;
using xml::Node;
using xml::ParseContext;
using xml::Writer;

struct PciAddress {
    unsigned domain = 0, bus = 0, slot = 0, function = 0;
    TriSwitch multifunction{};
    // <zpci uid='..' fid='..'/> for s390 PCI passthrough
    std::optional<unsigned> zpciUid, zpciFid;

    // libvirt's virPCIDeviceAddressIsEmpty: no domain, bus or slot given
    // (such an address is printed as a bare <address type='pci'/>).
    bool empty() const { return domain == 0 && bus == 0 && slot == 0; }
    bool operator==(const PciAddress&) const = default;
};
struct DriveAddress {
    unsigned controller = 0, bus = 0, target = 0, unit = 0;
    bool operator==(const DriveAddress&) const = default;
};
struct VirtioSerialAddress {
    unsigned controller = 0, bus = 0, port = 0;
    bool operator==(const VirtioSerialAddress&) const = default;
};
struct CcidAddress {
    unsigned controller = 0, slot = 0;
    bool operator==(const CcidAddress&) const = default;
};
struct UsbAddress {
    unsigned bus = 0;
    std::string port;  // "1.2.3": a hub path, normalised ("1.0" is "1")
    bool operator==(const UsbAddress&) const = default;
};
struct SpaprVioAddress {
    std::optional<unsigned long long> reg;
    bool operator==(const SpaprVioAddress&) const = default;
};
struct CcwAddress {
    unsigned cssid = 0, ssid = 0, devno = 0;
    bool assigned = false;  // all three given (else the driver picks)
    bool operator==(const CcwAddress&) const = default;
};
struct VirtioMmioAddress {
    bool operator==(const VirtioMmioAddress&) const = default;
};
struct IsaAddress {
    std::optional<unsigned> iobase, irq;
    bool operator==(const IsaAddress&) const = default;
};
struct DimmAddress {
    unsigned slot = 0;
    std::optional<unsigned long long> base;
    bool operator==(const DimmAddress&) const = default;
};
struct VirtioS390Address {
    bool operator==(const VirtioS390Address&) const = default;
};
struct UnassignedAddress {
    bool operator==(const UnassignedAddress&) const = default;
};

// <address type='...' .../>; monostate when the device has none.
using DeviceAddress = std::variant<std::monostate, PciAddress, DriveAddress, VirtioSerialAddress, CcidAddress,
                                   UsbAddress, SpaprVioAddress, CcwAddress, VirtioMmioAddress, IsaAddress,
                                   DimmAddress, VirtioS390Address, UnassignedAddress>;

// libvirt's name of the address type ("pci", "drive", ...; "none").
std::string_view addressTypeName(const DeviceAddress& address);

struct DeviceInfo {
    std::string alias;                   // <alias name=.../>
    DeviceAddress address;               // <address .../>
    std::optional<unsigned> bootOrder;   // <boot order=.../>
    std::string loadparm;                // <boot loadparm=.../> (s390), upper case
    std::optional<unsigned> acpiIndex;   // <acpi index=.../>
    std::optional<int> masterStartport;  // <master startport=.../> (USB companions)
    // <rom enabled= bar= file=/>
    TriSwitch romBar{};
    std::optional<std::string> romFile;
    TriBool romEnabled{};

    bool hasAddress() const { return !std::holds_alternative<std::monostate>(address); }
};

// What a device family allows in its info, as libvirt's
// VIR_DOMAIN_DEF_FORMAT_ALLOW_BOOT / ALLOW_ROM flags.
enum DeviceInfoFlag : unsigned {
    kInfoAllowBoot = 1u << 0,
    kInfoAllowRom = 1u << 1,
};

// Reads <alias>, <master>, <boot>, <rom>, <acpi> and <address> children
// of a device element with libvirt's checks (virDomainDeviceInfoParseXML).
// In an INACTIVE parse only user aliases ("ua-" + [A-Za-z0-9_-]) are kept.
void parseDeviceInfo(DeviceInfo& info, const Node& node, ParseContext& ctx, unsigned flags);
// Reads one <address> element (virDomainDeviceAddressParseXML).
DeviceAddress parseDeviceAddress(const Node& address);
// Writes the children (boot, alias, master, rom, acpi, address) in
// libvirt's order; calls el.beginChildren() only if it writes something.
void formatDeviceInfo(Writer::Element& el, Writer& w, const DeviceInfo& info, FormatContext& ctx,
                      unsigned flags);
// Writes one <address type=...> element (nothing for monostate and
// virtio-s390, which libvirt never prints).
void formatDeviceAddress(Writer& w, const DeviceAddress& address);
// A PCI address as a child element without the type attribute, as host
// device sources print it (<address domain=.. bus=.. slot=.. function=../>);
// `withType` adds type='pci' (hostdevs inside <interface>).
void formatPciSourceAddress(Writer& w, const PciAddress& address, bool withType = false);
// A PCI address child of a source element (<source><address .../>):
// virPCIDeviceAddressParseXML with its range checks.
PciAddress parsePciAddress(const Node& address);

// A custom() field for a device type T with a `DeviceInfo info` member.
template <typename T, unsigned Flags = 0>
constexpr auto deviceInfoField() {
    return xml::custom<T>(
        [](T& d, const Node& n, ParseContext& ctx) { parseDeviceInfo(d.info, n, ctx, Flags); }, nullptr,
        [](Writer::Element& el, Writer& w, const T& d, FormatContext& ctx) {
            formatDeviceInfo(el, w, d.info, ctx, Flags);
        });
}

}  // namespace cvirt::conf::domain
