// <forward> of a network: mode, device pool (interfaces, PCI functions or a
// physical function) and NAT settings.
#include <strings.h>

#include "conf/network/network_internal.hpp"
#include "conf/xml/c_number.hpp"
#include "conf/xml/prop.hpp"

namespace cvirt::conf::network::detail {
namespace {

void parseNat(const Node& node, Forward& fwd, const std::string& net) {
    if (fwd.mode != ForwardMode::Nat)
        netFail(ErrorCode::XmlError,
                "The <nat> element can only be used when <forward> 'mode' is 'nat' in network {}", net);
    fwd.natIpv6 = xml::propTri<TriBool>(node, "ipv6");

    auto addrs = node.children("address");
    if (addrs.size() > 1)
        netFail(ErrorCode::XmlError,
                "Only one <address> element is allowed in <nat> in <forward> in network {}", net);
    if (addrs.size() == 1) {
        auto start = addrs[0].attr("start");
        if (!start)
            netFail(ErrorCode::XmlError,
                    "missing 'start' attribute in <address> element in <nat> in <forward> in network {}",
                    net);
        auto end = addrs[0].attr("end");
        if (!end)
            netFail(ErrorCode::XmlError,
                    "missing 'end' attribute in <address> element in <nat> in <forward> in network {}", net);
        fwd.natStart = IpAddress::parse(*start, IpAddress::Family::V4);
        if (!fwd.natStart)
            netFail(ErrorCode::XmlError, "Bad ipv4 start address '{}' in <nat> in <forward> in network '{}'",
                    *start, net);
        fwd.natEnd = IpAddress::parse(*end, IpAddress::Family::V4);
        if (!fwd.natEnd)
            netFail(ErrorCode::XmlError, "Bad ipv4 end address '{}' in <nat> in <forward> in network '{}'",
                    *end, net);
        addressRange(*fwd.natStart, *fwd.natEnd, nullptr, 0);
    }

    auto ports = node.children("port");
    if (ports.size() > 1)
        netFail(ErrorCode::XmlError, "Only one <port> element is allowed in <nat> in <forward> in network {}",
                net);
    if (ports.size() == 1) {
        auto number = [&](const char* name) -> std::optional<unsigned> {
            auto text = ports[0].attr(name);
            return text ? xml::cParseUInt(*text, 10) : std::nullopt;
        };
        auto start = number("start");
        if (!start || *start > 65535)
            netFail(ErrorCode::XmlDetail,
                    "Missing or invalid 'start' attribute in <port> in <nat> in <forward> in network {}",
                    net);
        auto end = number("end");
        if (!end || *end > 65535 || *end < *start)
            netFail(ErrorCode::XmlDetail,
                    "Missing or invalid 'end' attribute in <port> in <nat> in <forward> in network {}", net);
        fwd.natPortStart = *start;
        fwd.natPortEnd = *end;
    }
}

void formatNat(Writer& w, const Forward& fwd) {
    bool addresses = fwd.natStart || fwd.natEnd || fwd.natPortStart || fwd.natPortEnd;
    if (!addresses && !isSet(fwd.natIpv6))
        return;
    Writer::Element el(w, "nat", true);
    if (isSet(fwd.natIpv6))
        el.attr("ipv6", toString(fwd.natIpv6));
    if (!addresses)
        return;
    el.beginChildren();
    if (fwd.natStart) {
        Writer::Element a(w, "address", true);
        a.attr("start", fwd.natStart->format());
        if (fwd.natEnd)
            a.attr("end", fwd.natEnd->format());
    }
    if (fwd.natPortStart || fwd.natPortEnd) {
        Writer::Element p(w, "port", true);
        p.attr("start", std::to_string(fwd.natPortStart));
        if (fwd.natPortEnd)
            p.attr("end", std::to_string(fwd.natPortEnd));
    }
}

}  // namespace

Forward parseForward(const Node& node, const std::string& net) {
    Forward fwd;
    if (auto mode = nonEmptyAttr(node, "mode")) {
        auto m = fromString<ForwardMode>(*mode);
        if (!m)
            netFail(ErrorCode::ConfigUnsupported, "unknown forwarding type '{}'", *mode);
        fwd.mode = *m;
    } else {
        fwd.mode = ForwardMode::Nat;
    }
    if (auto managed = nonEmptyAttr(node, "managed"))
        fwd.managed = strcasecmp(managed->c_str(), "yes") == 0;
    if (auto driver = node.child("driver")) {
        if (auto name = driver.attr("name")) {
            auto d = fromString<ForwardDriverName>(*name);
            if (!d || !isSet(*d))
                netFail(ErrorCode::ConfigUnsupported, "Unknown forward <driver name='{}'/> in network {}",
                        *name, net);
            fwd.driver = *d;
        }
    }

    auto interfaces = node.children("interface");
    auto addresses = node.children("address");
    auto pfs = node.children("pf");
    auto nats = node.children("nat");
    if (nats.size() > 1)
        netFail(ErrorCode::XmlError, "Only one <nat> element is allowed in <forward> of network {}", net);
    if (nats.size() == 1)
        parseNat(nats[0], fwd, net);

    auto dev = nonEmptyAttr(node, "dev");
    if (dev && (!addresses.empty() || !pfs.empty()))
        netFail(
            ErrorCode::XmlError,
            "the <forward> 'dev' attribute cannot be used when <address> or <pf> sub-elements are present in "
            "network {}",
            net);

    if (!interfaces.empty() || dev) {
        // <forward dev='x'> is shorthand for a first <interface dev='x'/>.
        if (dev)
            fwd.interfaces.push_back({ForwardInterface::Kind::Netdev, *dev, {}, 0});
        for (size_t i = 0; i < interfaces.size(); ++i) {
            auto ifDev = interfaces[i].attr("dev");
            if (!ifDev)
                netFail(ErrorCode::XmlError,
                        "Missing required dev attribute in <forward> <interface> element of network {}", net);
            if (i == 0 && dev) {
                if (*ifDev != *dev)
                    netFail(ErrorCode::XmlError,
                            "<forward dev='{}'> must match first <interface dev='{}'/> in network {}", *dev,
                            *ifDev, net);
                continue;
            }
            for (const auto& seen : fwd.interfaces)
                if (seen.dev == *ifDev)
                    netFail(ErrorCode::XmlError, "interface '{}' can only be listed once in network {}",
                            *ifDev, net);
            fwd.interfaces.push_back({ForwardInterface::Kind::Netdev, *ifDev, {}, 0});
        }
    } else if (!addresses.empty()) {
        for (const auto& a : addresses) {
            auto type = a.attr("type");
            if (!type)
                netFail(ErrorCode::XmlError, "missing address type in network {}", net);
            if (*type != "pci") {
                // libvirt knows "netdev" as a device kind but not as an address.
                if (*type == "netdev")
                    netFail(ErrorCode::XmlError, "unsupported address type '{}' in network {}", *type, net);
                netFail(ErrorCode::ConfigUnsupported, "unknown address type '{}' in network {}", *type, net);
            }
            ForwardInterface fi;
            fi.kind = ForwardInterface::Kind::Pci;
            fi.pci = parsePciAddress(a);
            for (const auto& seen : fwd.interfaces)
                if (seen.pci == fi.pci)
                    netFail(ErrorCode::XmlError,
                            "PCI device '{:04x}:{:02x}:{:02x}.{:x}' can only be listed once in network {}",
                            fi.pci.domain, fi.pci.bus, fi.pci.slot, fi.pci.function, net);
            fwd.interfaces.push_back(fi);
        }
    } else if (pfs.size() > 1) {
        netFail(ErrorCode::XmlError, "Only one <pf> element is allowed in <forward> of network {}", net);
    } else if (pfs.size() == 1) {
        auto pfDev = pfs[0].attr("dev");
        if (!pfDev)
            netFail(ErrorCode::XmlError, "Missing required dev attribute in <pf> element of network '{}'",
                    net);
        fwd.pfs.push_back(*pfDev);
    }
    return fwd;
}

void formatForward(Writer& w, const Forward& fwd, bool inactive) {
    if (!isSet(fwd.mode))
        return;
    Writer::Element el(w, "forward", true);
    if (fwd.pfs.empty() && !fwd.interfaces.empty() &&
        fwd.interfaces[0].kind == ForwardInterface::Kind::Netdev)
        el.attr("dev", fwd.interfaces[0].dev);
    el.attr("mode", toString(fwd.mode));
    if (fwd.mode == ForwardMode::Hostdev)
        el.attr("managed", fwd.managed ? "yes" : "no");

    if (isSet(fwd.driver)) {
        el.beginChildren();
        Writer::Element d(w, "driver", true);
        d.attr("name", toString(fwd.driver));
    }
    if (fwd.mode == ForwardMode::Nat) {
        el.beginChildren();
        formatNat(w, fwd);
    }
    if (!fwd.pfs.empty()) {
        el.beginChildren();
        Writer::Element pf(w, "pf", true);
        pf.attr("dev", fwd.pfs[0]);
    }
    // Interfaces found through a PF at runtime are not configuration.
    if (!fwd.interfaces.empty() && (fwd.pfs.empty() || !inactive)) {
        el.beginChildren();
        for (const auto& fi : fwd.interfaces) {
            if (fi.kind == ForwardInterface::Kind::Netdev) {
                Writer::Element i(w, "interface", true);
                i.attr("dev", fi.dev);
                if (!inactive && fi.connections > 0)
                    i.attr("connections", std::to_string(fi.connections));
            } else {
                formatPciAddress(w, fi.pci, true);
            }
        }
    }
}

}  // namespace cvirt::conf::network::detail
