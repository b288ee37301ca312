#pragma once
// What every device shares (libvirt's virDomainDeviceInfo): its address on
// a bus, its alias, boot order, ACPI index, ROM settings, and the USB
// companion-controller master. Device families call parseDeviceInfo /
// formatDeviceInfo from a custom() field at the position libvirt formats
// them (usually last in the device element).

#include <cstdint>
#include <optional>
#include <string>
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
};
struct DriveAddress {
    unsigned controller = 0, bus = 0, target = 0, unit = 0;
};
struct VirtioSerialAddress {
    unsigned controller = 0, bus = 0, port = 0;
};
struct CcidAddress {
    unsigned controller = 0, slot = 0;
};
struct UsbAddress {
    unsigned bus = 0;
    std::string port;  // "1.2.3": a hub path
};
struct SpaprVioAddress {
    std::optional<unsigned long long> reg;
};
struct CcwAddress {
    unsigned cssid = 0, ssid = 0, devno = 0;
};
struct VirtioMmioAddress {};
struct IsaAddress {
    std::optional<unsigned> iobase, irq;
};
struct DimmAddress {
    unsigned slot = 0;
    std::optional<unsigned long long> base;
};
struct VirtioS390Address {};
struct UnassignedAddress {};

// <address type='...' .../>; monostate when the device has none.
using DeviceAddress = std::variant<std::monostate, PciAddress, DriveAddress, VirtioSerialAddress, CcidAddress,
                                   UsbAddress, SpaprVioAddress, CcwAddress, VirtioMmioAddress, IsaAddress,
                                   DimmAddress, VirtioS390Address, UnassignedAddress>;

struct DeviceInfo {
    std::string alias;                   // <alias name=.../>
    DeviceAddress address;               // <address .../>
    std::optional<unsigned> bootOrder;   // <boot order=.../>
    std::string loadparm;                // <boot loadparm=.../> (s390)
    std::optional<unsigned> acpiIndex;   // <acpi index=.../>
    std::optional<int> masterStartport;  // <master startport=.../> (USB companions)
    // <rom bar= file= enabled=/>
    TriSwitch romBar{};
    std::optional<std::string> romFile;
    TriBool romEnabled{};
};

// What a device family allows in its info, as libvirt's
// VIR_DOMAIN_DEF_FORMAT_ALLOW_BOOT / ALLOW_ROM flags.
enum DeviceInfoFlag : unsigned {
    kInfoAllowBoot = 1u << 0,
    kInfoAllowRom = 1u << 1,
};

void parseDeviceInfo(DeviceInfo& info, const Node& node, ParseContext& ctx, unsigned flags);
// Writes the children (boot, alias, master, acpi, rom, address) in
// libvirt's order; calls el.beginChildren() only if it writes something.
void formatDeviceInfo(Writer::Element& el, Writer& w, const DeviceInfo& info, FormatContext& ctx,
                      unsigned flags);

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
