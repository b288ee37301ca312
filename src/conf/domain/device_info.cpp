#include "conf/domain/device_info.hpp"

#include "util/error.hpp"

namespace cvirt::conf::domain {
namespace {

using xml::Codec;
using xml::formatHex;

template <typename T>
T attrValue(const Node& n, const char* name, T fallback = T{}) {
    auto v = n.attr(name);
    return v ? Codec<T>::parse(*v, n, name) : fallback;
}

DeviceAddress parseAddress(const Node& n) {
    auto type = n.attr("type");
    if (!type)
        xml::missingAttr(n, "type");
    if (*type == "pci") {
        PciAddress a;
        a.domain = attrValue<unsigned>(n, "domain");
        a.bus = attrValue<unsigned>(n, "bus");
        a.slot = attrValue<unsigned>(n, "slot");
        a.function = attrValue<unsigned>(n, "function");
        a.multifunction = attrValue<TriSwitch>(n, "multifunction");
        if (auto z = n.child("zpci")) {
            a.zpciUid = attrValue<std::optional<unsigned>>(z, "uid");
            a.zpciFid = attrValue<std::optional<unsigned>>(z, "fid");
        }
        return a;
    }
    if (*type == "drive")
        return DriveAddress{attrValue<unsigned>(n, "controller"), attrValue<unsigned>(n, "bus"),
                            attrValue<unsigned>(n, "target"), attrValue<unsigned>(n, "unit")};
    if (*type == "virtio-serial")
        return VirtioSerialAddress{attrValue<unsigned>(n, "controller"), attrValue<unsigned>(n, "bus"),
                                   attrValue<unsigned>(n, "port")};
    if (*type == "ccid")
        return CcidAddress{attrValue<unsigned>(n, "controller"), attrValue<unsigned>(n, "slot")};
    if (*type == "usb")
        return UsbAddress{attrValue<unsigned>(n, "bus"), n.attr("port").value_or("")};
    if (*type == "spapr-vio")
        return SpaprVioAddress{attrValue<std::optional<unsigned long long>>(n, "reg")};
    if (*type == "ccw")
        return CcwAddress{attrValue<unsigned>(n, "cssid"), attrValue<unsigned>(n, "ssid"),
                          attrValue<unsigned>(n, "devno")};
    if (*type == "virtio-mmio")
        return VirtioMmioAddress{};
    if (*type == "isa")
        return IsaAddress{attrValue<std::optional<unsigned>>(n, "iobase"),
                          attrValue<std::optional<unsigned>>(n, "irq")};
    if (*type == "dimm")
        return DimmAddress{attrValue<unsigned>(n, "slot"), attrValue<std::optional<unsigned long long>>(n, "base")};
    if (*type == "virtio-s390")
        return VirtioS390Address{};
    if (*type == "unassigned")
        return UnassignedAddress{};
    fail(ErrorCode::InternalError, ErrorDomain::Domain, "unknown address type '{}'", *type);
}

void formatAddress(Writer& w, const DeviceAddress& address) {
    std::visit(
        [&](const auto& a) {
            using A = std::decay_t<decltype(a)>;
            if constexpr (std::is_same_v<A, std::monostate>) {
                return;
            } else {
                Writer::Element el(w, "address", true);
                if constexpr (std::is_same_v<A, PciAddress>) {
                    el.attr("type", "pci");
                    el.attr("domain", formatHex(a.domain, 4));
                    el.attr("bus", formatHex(a.bus, 2));
                    el.attr("slot", formatHex(a.slot, 2));
                    el.attr("function", formatHex(a.function, 1));
                    if (isSet(a.multifunction))
                        el.attr("multifunction", toString(a.multifunction));
                    if (a.zpciUid || a.zpciFid) {
                        el.beginChildren();
                        Writer::Element z(w, "zpci", true);
                        if (a.zpciUid)
                            z.attr("uid", formatHex(*a.zpciUid, 4));
                        if (a.zpciFid)
                            z.attr("fid", formatHex(*a.zpciFid, 8));
                    }
                } else if constexpr (std::is_same_v<A, DriveAddress>) {
                    el.attr("type", "drive");
                    el.attr("controller", std::to_string(a.controller));
                    el.attr("bus", std::to_string(a.bus));
                    el.attr("target", std::to_string(a.target));
                    el.attr("unit", std::to_string(a.unit));
                } else if constexpr (std::is_same_v<A, VirtioSerialAddress>) {
                    el.attr("type", "virtio-serial");
                    el.attr("controller", std::to_string(a.controller));
                    el.attr("bus", std::to_string(a.bus));
                    el.attr("port", std::to_string(a.port));
                } else if constexpr (std::is_same_v<A, CcidAddress>) {
                    el.attr("type", "ccid");
                    el.attr("controller", std::to_string(a.controller));
                    el.attr("slot", std::to_string(a.slot));
                } else if constexpr (std::is_same_v<A, UsbAddress>) {
                    el.attr("type", "usb");
                    el.attr("bus", std::to_string(a.bus));
                    if (!a.port.empty())
                        el.attr("port", a.port);
                } else if constexpr (std::is_same_v<A, SpaprVioAddress>) {
                    el.attr("type", "spapr-vio");
                    if (a.reg)
                        el.attr("reg", formatHex(*a.reg, 8));
                } else if constexpr (std::is_same_v<A, CcwAddress>) {
                    el.attr("type", "ccw");
                    el.attr("cssid", formatHex(a.cssid, 2));
                    el.attr("ssid", formatHex(a.ssid, 1));
                    el.attr("devno", formatHex(a.devno, 4));
                } else if constexpr (std::is_same_v<A, VirtioMmioAddress>) {
                    el.attr("type", "virtio-mmio");
                } else if constexpr (std::is_same_v<A, IsaAddress>) {
                    el.attr("type", "isa");
                    if (a.iobase)
                        el.attr("iobase", formatHex(*a.iobase, 1));
                    if (a.irq)
                        el.attr("irq", formatHex(*a.irq, 1));
                } else if constexpr (std::is_same_v<A, DimmAddress>) {
                    el.attr("type", "dimm");
                    el.attr("slot", std::to_string(a.slot));
                    if (a.base)
                        el.attr("base", formatHex(*a.base, 1));
                } else if constexpr (std::is_same_v<A, VirtioS390Address>) {
                    el.attr("type", "virtio-s390");
                } else if constexpr (std::is_same_v<A, UnassignedAddress>) {
                    el.attr("type", "unassigned");
                }
            }
        },
        address);
}

}  // namespace

void parseDeviceInfo(DeviceInfo& info, const Node& node, ParseContext& ctx, unsigned flags) {
    if (auto a = node.child("alias"))
        info.alias = a.attr("name").value_or("");
    if (auto a = node.child("address"))
        info.address = parseAddress(a);
    if ((flags & kInfoAllowBoot)) {
        if (auto b = node.child("boot")) {
            info.bootOrder = attrValue<std::optional<unsigned>>(b, "order");
            info.loadparm = b.attr("loadparm").value_or("");
        }
    }
    if (auto m = node.child("master"))
        info.masterStartport = attrValue<std::optional<int>>(m, "startport");
    if (auto a = node.child("acpi"))
        info.acpiIndex = attrValue<std::optional<unsigned>>(a, "index");
    if ((flags & kInfoAllowRom)) {
        if (auto r = node.child("rom")) {
            info.romBar = attrValue<TriSwitch>(r, "bar");
            info.romFile = r.attr("file");
            info.romEnabled = attrValue<TriBool>(r, "enabled");
        }
    }
    (void)ctx;
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
    if (!info.alias.empty() && (!ctx.inactive || info.alias.starts_with("ua-"))) {
        el.beginChildren();
        Writer::Element a(w, "alias", true);
        a.attr("name", info.alias);
    }
    if (info.masterStartport) {
        el.beginChildren();
        Writer::Element m(w, "master", true);
        m.attr("startport", std::to_string(*info.masterStartport));
    }
    if (info.acpiIndex) {
        el.beginChildren();
        Writer::Element a(w, "acpi", true);
        a.attr("index", std::to_string(*info.acpiIndex));
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
    if (!std::holds_alternative<std::monostate>(info.address)) {
        el.beginChildren();
        formatAddress(w, info.address);
    }
}

}  // namespace cvirt::conf::domain
