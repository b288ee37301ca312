#include "conf/domain/device_info.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>

#include "conf/domain/props.hpp"
#include "conf/xml/c_number.hpp"
#include "util/error.hpp"

namespace cvirt::conf::domain {
namespace {

constexpr std::string_view kUserAliasPrefix = "ua-";

// virXMLPropUInt / virXMLPropULongLong with base 16: libvirt reads these
// hex without requiring the 0x prefix.
template <typename T>
std::optional<T> hexProp(const Node& n, const char* name) {
    auto text = n.attr(name);
    if (!text)
        return std::nullopt;
    auto v = xml::cParseUnsigned(*text, 16, true);
    if (!v || *v > std::numeric_limits<T>::max())
        xml::invalidAttr(n, name, *text, "Expected non-negative integer value");
    return static_cast<T>(*v);
}

unsigned uintProp(const Node& n, const char* name, unsigned flags = 0) {
    return propInt<unsigned>(n, name, flags).value_or(0);
}

bool validUserAlias(std::string_view alias) {
    if (!alias.starts_with(kUserAliasPrefix))
        return false;
    for (char c : alias)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-')
            return false;
    return true;
}

// virDomainDeviceUSBAddressParsePort: up to four hub levels; zero ends
// the path (so "1.0" is port 1).
std::string parseUsbPort(const std::string& text) {
    std::array<unsigned, 4> ports{};
    size_t level = 0, start = 0;
    while (true) {
        size_t dot = text.find('.', start);
        std::string part = text.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        auto v = xml::cParseUInt(part, 10, true);
        if (level >= ports.size() || !v)
            fail(ErrorCode::InternalError, ErrorDomain::Domain, "Cannot parse <address> 'port' attribute");
        ports[level++] = *v;
        if (dot == std::string::npos)
            break;
        start = dot + 1;
    }
    std::string out;
    for (unsigned p : ports) {
        if (p == 0)
            break;
        out += out.empty() ? fmt::format("{}", p) : fmt::format(".{}", p);
    }
    return out;
}

void checkPciRanges(const PciAddress& a) {
    if (a.empty())
        return;
    if (a.bus > 0xFF)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "Invalid PCI address bus='0x{:x}', must be <= 0xFF", a.bus);
    if (a.slot > 0x1F)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "Invalid PCI address slot='0x{:x}', must be <= 0x1F", a.slot);
    if (a.function > 7)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "Invalid PCI address function=0x{:x}, must be <= 7",
             a.function);
}

CcwAddress parseCcw(const Node& n) {
    CcwAddress a;
    auto cssid = propInt<unsigned>(n, "cssid", kPropAnyBase);
    auto ssid = propInt<unsigned>(n, "ssid", kPropAnyBase);
    auto devno = propInt<unsigned>(n, "devno", kPropAnyBase);
    if (cssid && ssid && devno) {
        a = {*cssid, *ssid, *devno, true};
        if (a.cssid > 0xfe || a.ssid > 3 || a.devno > 0xffff)
            fail(ErrorCode::InternalError, ErrorDomain::Domain,
                 "Invalid specification for virtio ccw address: cssid='0x{:x}' ssid='0x{:x}' devno='0x{:04x}'",
                 a.cssid, a.ssid, a.devno);
    } else if (cssid || ssid || devno) {
        fail(ErrorCode::InternalError, ErrorDomain::Domain, "Invalid partial specification for virtio ccw address");
    }
    return a;
}

void formatAddressAttrs(Writer& w, Writer::Element& el, const DeviceAddress& address) {
    std::visit(
        [&](const auto& a) {
            using A = std::decay_t<decltype(a)>;
            if constexpr (std::is_same_v<A, PciAddress>) {
                if (!a.empty()) {
                    el.attr("domain", xml::formatHex(a.domain, 4));
                    el.attr("bus", xml::formatHex(a.bus, 2));
                    el.attr("slot", xml::formatHex(a.slot, 2));
                    el.attr("function", xml::formatHex(a.function, 1));
                }
                if (isSet(a.multifunction))
                    el.attr("multifunction", toString(a.multifunction));
                if (a.zpciUid || a.zpciFid) {
                    el.beginChildren();
                    Writer::Element z(w, "zpci", true);
                    z.attr("uid", xml::formatHex(a.zpciUid.value_or(0), 4));
                    z.attr("fid", xml::formatHex(a.zpciFid.value_or(0), 8));
                }
            } else if constexpr (std::is_same_v<A, DriveAddress>) {
                el.attr("controller", std::to_string(a.controller));
                el.attr("bus", std::to_string(a.bus));
                el.attr("target", std::to_string(a.target));
                el.attr("unit", std::to_string(a.unit));
            } else if constexpr (std::is_same_v<A, VirtioSerialAddress>) {
                el.attr("controller", std::to_string(a.controller));
                el.attr("bus", std::to_string(a.bus));
                el.attr("port", std::to_string(a.port));
            } else if constexpr (std::is_same_v<A, CcidAddress>) {
                el.attr("controller", std::to_string(a.controller));
                el.attr("slot", std::to_string(a.slot));
            } else if constexpr (std::is_same_v<A, UsbAddress>) {
                el.attr("bus", std::to_string(a.bus));
                if (!a.port.empty())
                    el.attr("port", a.port);
            } else if constexpr (std::is_same_v<A, SpaprVioAddress>) {
                if (a.reg)
                    el.attr("reg", xml::formatHex(*a.reg, 8));
            } else if constexpr (std::is_same_v<A, CcwAddress>) {
                el.attr("cssid", xml::formatHex(a.cssid, 1));
                el.attr("ssid", xml::formatHex(a.ssid, 1));
                el.attr("devno", xml::formatHex(a.devno, 4));
            } else if constexpr (std::is_same_v<A, IsaAddress>) {
                if (a.iobase.value_or(0) > 0)
                    el.attr("iobase", xml::formatHex(*a.iobase, 1));
                if (a.irq.value_or(0) > 0)
                    el.attr("irq", xml::formatHex(*a.irq, 1));
            } else if constexpr (std::is_same_v<A, DimmAddress>) {
                el.attr("slot", std::to_string(a.slot));
                if (a.base.value_or(0) != 0)
                    el.attr("base", xml::formatHex(*a.base, 1));
            }
        },
        address);
}

}  // namespace

std::string_view addressTypeName(const DeviceAddress& address) {
    static constexpr std::string_view kNames[] = {"none", "pci", "drive", "virtio-serial", "ccid",
                                                  "usb", "spapr-vio", "ccw", "virtio-mmio", "isa",
                                                  "dimm", "virtio-s390", "unassigned"};
    return kNames[address.index()];
}

PciAddress parsePciAddress(const Node& n) {
    PciAddress a;
    a.domain = uintProp(n, "domain", kPropAnyBase);
    a.bus = uintProp(n, "bus", kPropAnyBase);
    a.slot = uintProp(n, "slot", kPropAnyBase);
    a.function = uintProp(n, "function", kPropAnyBase);
    a.multifunction = propTriSwitch(n, "multifunction");
    checkPciRanges(a);
    if (auto z = n.child("zpci")) {
        a.zpciUid = propInt<unsigned>(z, "uid", kPropAnyBase);
        a.zpciFid = propInt<unsigned>(z, "fid", kPropAnyBase);
        if (a.zpciUid && (*a.zpciUid < 1 || *a.zpciUid > 0xFFFF))
            fail(ErrorCode::XmlError, ErrorDomain::Domain,
                 "Invalid PCI address uid='0x{:04x}', must be > 0x0000 and <= 0x{:04x}", *a.zpciUid, 0xFFFF);
    }
    return a;
}

DeviceAddress parseDeviceAddress(const Node& n) {
    auto type = n.attr("type");
    if (!type)
        xml::missingAttr(n, "type");
    if (*type == "pci")
        return parsePciAddress(n);
    if (*type == "drive")
        return DriveAddress{uintProp(n, "controller"), uintProp(n, "bus"), uintProp(n, "target"),
                            uintProp(n, "unit")};
    if (*type == "virtio-serial")
        return VirtioSerialAddress{uintProp(n, "controller"), uintProp(n, "bus"), uintProp(n, "port")};
    if (*type == "ccid")
        return CcidAddress{uintProp(n, "controller"), uintProp(n, "slot")};
    if (*type == "usb") {
        UsbAddress a{uintProp(n, "bus"), {}};
        if (auto port = n.attr("port"))
            a.port = parseUsbPort(*port);
        return a;
    }
    if (*type == "spapr-vio")
        return SpaprVioAddress{hexProp<unsigned long long>(n, "reg")};
    if (*type == "ccw")
        return parseCcw(n);
    if (*type == "virtio-mmio")
        return VirtioMmioAddress{};
    if (*type == "isa")
        return IsaAddress{hexProp<unsigned>(n, "iobase"), hexProp<unsigned>(n, "irq")};
    if (*type == "dimm")
        return DimmAddress{uintProp(n, "slot", kPropRequired), hexProp<unsigned long long>(n, "base")};
    if (*type == "virtio-s390")
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "virtio-s390 bus doesn't have an address");
    if (*type == "unassigned")
        return UnassignedAddress{};
    xml::invalidAttr(n, "type", *type);
}

void parseDeviceInfo(DeviceInfo& info, const Node& node, ParseContext& ctx, unsigned flags) {
    info = DeviceInfo{};
    if (auto a = node.child("alias")) {
        auto name = a.attr("name");
        if (name && !name->empty() && (!ctx.inactive || validUserAlias(*name)))
            info.alias = *name;
    }
    if (auto m = node.child("master"))
        info.masterStartport = static_cast<int>(uintProp(m, "startport"));
    if (flags & kInfoAllowBoot) {
        if (auto b = node.child("boot")) {
            info.bootOrder = propInt<unsigned>(b, "order", kPropRequired | kPropNonZero);
            if (auto lp = b.attr("loadparm")) {
                std::string upper = *lp;
                for (char& c : upper)
                    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
                if (upper.empty() || upper.size() > 8)
                    fail(ErrorCode::InternalError, ErrorDomain::Domain,
                         "loadparm value '{}' must be between 1 and 8 characters", upper);
                for (char c : upper)
                    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != ' ')
                        fail(ErrorCode::InternalError, ErrorDomain::Domain,
                             "invalid loadparm value '{}', expecting chars in set of [a-zA-Z0-9.] and blank spaces",
                             upper);
                info.loadparm = upper;
            }
        }
    }
    if (flags & kInfoAllowRom) {
        if (auto r = node.child("rom")) {
            info.romEnabled = propTriBool(r, "enabled");
            info.romBar = propTriSwitch(r, "bar");
            info.romFile = r.attr("file");
            if (info.romEnabled == TriBool::No && (isSet(info.romBar) || info.romFile))
                fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
                     "ROM tuning is not supported when ROM is disabled");
        }
    }
    if (auto a = node.child("acpi"))
        info.acpiIndex = propInt<unsigned>(a, "index", kPropNonZero);
    if (auto a = node.child("address"))
        info.address = parseDeviceAddress(a);
}

void formatDeviceAddress(Writer& w, const DeviceAddress& address) {
    if (std::holds_alternative<std::monostate>(address) || std::holds_alternative<VirtioS390Address>(address))
        return;
    Writer::Element el(w, "address", true);
    el.attr("type", addressTypeName(address));
    formatAddressAttrs(w, el, address);
}

void formatPciSourceAddress(Writer& w, const PciAddress& a, bool withType) {
    Writer::Element el(w, "address", true);
    if (withType)
        el.attr("type", "pci");
    el.attr("domain", xml::formatHex(a.domain, 4));
    el.attr("bus", xml::formatHex(a.bus, 2));
    el.attr("slot", xml::formatHex(a.slot, 2));
    el.attr("function", xml::formatHex(a.function, 1));
    if (a.zpciUid || a.zpciFid) {
        el.beginChildren();
        Writer::Element z(w, "zpci", true);
        z.attr("uid", xml::formatHex(a.zpciUid.value_or(0), 4));
        z.attr("fid", xml::formatHex(a.zpciFid.value_or(0), 8));
    }
}

void formatDeviceInfo(Writer::Element& el, Writer& w, const DeviceInfo& info, FormatContext& ctx, unsigned flags) {
    if ((flags & kInfoAllowBoot) && info.bootOrder) {
        el.beginChildren();
        Writer::Element b(w, "boot", true);
        b.attr("order", std::to_string(*info.bootOrder));
        if (!info.loadparm.empty())
            b.attr("loadparm", info.loadparm);
    }
    // User aliases ("ua-" prefix) survive an inactive dump; others are live.
    if (!info.alias.empty() && (!ctx.inactive || info.alias.starts_with(kUserAliasPrefix))) {
        el.beginChildren();
        Writer::Element a(w, "alias", true);
        a.attr("name", info.alias);
    }
    if (info.masterStartport) {
        el.beginChildren();
        Writer::Element m(w, "master", true);
        m.attr("startport", std::to_string(*info.masterStartport));
    }
    if ((flags & kInfoAllowRom) && (isSet(info.romBar) || info.romFile || isSet(info.romEnabled))) {
        el.beginChildren();
        Writer::Element r(w, "rom", true);
        if (isSet(info.romEnabled))
            r.attr("enabled", toString(info.romEnabled));
        if (isSet(info.romBar))
            r.attr("bar", toString(info.romBar));
        if (info.romFile)
            r.attr("file", *info.romFile);
    }
    if (info.acpiIndex) {
        el.beginChildren();
        Writer::Element a(w, "acpi", true);
        a.attr("index", std::to_string(*info.acpiIndex));
    }
    if (info.hasAddress() && !std::holds_alternative<VirtioS390Address>(info.address)) {
        el.beginChildren();
        formatDeviceAddress(w, info.address);
    }
}

}  // namespace cvirt::conf::domain
