#pragma once
// Character devices: <serial>, <parallel>, <console> and <channel> (libvirt's
// virDomainChrDef). One type serves all four; the element name decides the
// device type, which decides how <target> is read and written.
//
// Besides the element binding, this family has domain-level rules that
// the domain's post-parse, validation and formatter call:
//   postParseChardevs()    port numbering, console target defaults and the
//                          console/serial back-compat of HVM guests
//   validateChardevs()     libvirt's per-device checks
//   consoleForFormat()     what a <console> that stands for a serial port
//                          is printed as

#include <optional>
#include <string>
#include <vector>

#include "conf/domain/device_info.hpp"
#include "conf/domain/devices/chardev_source.hpp"
#include "conf/network/net_address.hpp"

namespace cvirt::conf::domain {

enum class ChardevDeviceType { Parallel, Serial, Console, Channel };
CVIRT_ENUM_STRINGS(ChardevDeviceType, "parallel", "serial", "console", "channel");

enum class SerialTargetType { None, IsaSerial, UsbSerial, PciSerial, SpaprVioSerial, SystemSerial, SclpSerial, IsaDebug };
CVIRT_ENUM_STRINGS_UNSET(SerialTargetType, "none", "isa-serial", "usb-serial", "pci-serial", "spapr-vio-serial",
                         "system-serial", "sclp-serial", "isa-debug");

enum class ChannelTargetType { None, Guestfwd, Virtio, Xen };
CVIRT_ENUM_STRINGS_UNSET(ChannelTargetType, "none", "guestfwd", "virtio", "xen");

enum class ConsoleTargetType { None, Serial, Xen, Uml, Virtio, Lxc, Openvz, Sclp, Sclplm };
CVIRT_ENUM_STRINGS_UNSET(ConsoleTargetType, "none", "serial", "xen", "uml", "virtio", "lxc", "openvz", "sclp",
                         "sclplm");

enum class SerialTargetModel {
    None, IsaSerial, UsbSerial, PciSerial, SpaprVty, Pl011, Sclpconsole, Sclplmconsole, Uart16550a, IsaDebugcon
};
CVIRT_ENUM_STRINGS_UNSET(SerialTargetModel, "none", "isa-serial", "usb-serial", "pci-serial", "spapr-vty", "pl011",
                         "sclpconsole", "sclplmconsole", "16550a", "isa-debugcon");

// state='...' of a virtio channel (live data).
enum class ChannelState { Default, Connected, Disconnected };
CVIRT_ENUM_STRINGS_UNSET(ChannelState, "default", "connected", "disconnected");

struct Chardev {
    ChardevDeviceType deviceType = ChardevDeviceType::Serial;
    ChardevSource source;

    // <target type=...>: the member matching deviceType is the one used.
    SerialTargetType serialTarget{};
    ChannelTargetType channelTarget{};
    ConsoleTargetType consoleTarget{};
    SerialTargetModel targetModel{};  // serial only: <target><model name=.../>
    int port = -1;                    // serial, parallel, console; -1 until assigned

    // guestfwd channel: the guest-side IPv4 address and port.
    std::optional<network::IpAddress> guestfwdAddress;
    unsigned guestfwdPort = 0;
    // virtio and xen channels
    std::optional<std::string> name;
    ChannelState state{};

    DeviceInfo info;

    // libvirt keeps one int for the three target enums and sometimes
    // compares it across device types; this is that value.
    int targetTypeValue() const;
};

void xmlParse(Chardev& chr, const xml::Node& node, xml::ParseContext& ctx);
void xmlFormat(xml::Writer& w, std::string_view name, const Chardev& chr, xml::FormatContext& ctx);

// Same device configuration (virDomainChrEquals): the alias compat check
// and the console/serial back-compat rely on it.
bool sameSource(const ChardevSource& a, const ChardevSource& b);

// What the domain-level rules need to know about the guest.
struct ChardevDomainInfo {
    bool hvm = false;         // <os><type>hvm
    bool x86 = true;          // the guest architecture is x86 (or unset)
    bool stubConsole = true;  // !VIR_DOMAIN_DEF_FEATURE_NO_STUB_CONSOLE
};

// The port numbering of libvirt's domain parser (serial and parallel ports
// without a port follow the highest one before them; consoles are numbered
// by position), then the per-device post-parse of all character devices in
// libvirt's order: ISA serial port allocation, per-device defaults (console
// target type, port numbers) for serials, parallels, channels and consoles.
void postParseChardevs(std::vector<Chardev>& serials, std::vector<Chardev>& parallels,
                       std::vector<Chardev>& consoles, std::vector<Chardev>& channels, const ChardevDomainInfo& dom);

// virDomainDefAddConsoleCompat, run with the implicit devices: the first
// <console> of an HVM guest stands for the first <serial>. The console's
// definition becomes the serial port when there is none (the console stays
// as a stub that is printed as the serial port); a first serial port of
// type isa-serial (or none) without such a console gets a stub console.
void addConsoleCompat(std::vector<Chardev>& serials, std::vector<Chardev>& consoles, const ChardevDomainInfo& dom);

// libvirt's per-device validation (virDomainChrDefValidate).
void validateChardev(const Chardev& chr);

// The <console> to print at `index`: for an HVM guest a console of type
// serial that has a serial port at the same index is printed as that serial
// port (source, alias, address), with console target type serial.
Chardev consoleForFormat(const std::vector<Chardev>& serials, const std::vector<Chardev>& consoles, size_t index,
                         bool hvm);

}  // namespace cvirt::conf::domain
