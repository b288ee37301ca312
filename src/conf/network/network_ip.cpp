// <ip> (with <dhcp> and <tftp>) and <route> of a network.
#include <cctype>

#include "conf/network/network_internal.hpp"
#include "conf/xml/prop.hpp"

namespace cvirt::conf::network {

int ipDefPrefix(const IpDef& ip) {
    return ipPrefix(ip.address, ip.netmask, ip.prefix);
}

namespace detail {
namespace {

using Family = IpAddress::Family;

std::optional<DhcpLease> parseLease(const Node& node) {
    auto expiry = xml::propULongLong(node, "expiry", 0);
    if (!expiry)
        return std::nullopt;
    DhcpLease lease;
    lease.expiry = *expiry;
    lease.unit = xml::propEnum<LeaseUnit>(node, "unit").value_or(LeaseUnit::Minutes);
    // dnsmasq refuses leases under two minutes; 0 means infinite.
    if (lease.expiry > 0 && ((lease.unit == LeaseUnit::Seconds && lease.expiry < 120) ||
                             (lease.unit == LeaseUnit::Minutes && lease.expiry < 2)))
        netFail(ErrorCode::ConfigUnsupported, "The minimum lease time should be greater than 2 minutes");
    return lease;
}

DhcpRange parseRange(const Node& node, const IpDef& ip, const std::string& net) {
    DhcpRange range;
    auto start = node.attr("start");
    if (!start)
        netFail(ErrorCode::XmlError, "Missing 'start' attribute in dhcp range for network '{}'", net);
    range.start = IpAddress::parseOrFail(*start);
    auto end = node.attr("end");
    if (!end)
        netFail(ErrorCode::XmlError, "Missing 'end' attribute in dhcp range for network '{}'", net);
    range.end = IpAddress::parseOrFail(*end);
    addressRange(range.start, range.end, &ip.address, ipDefPrefix(ip));
    if (auto lease = node.child("lease"))
        range.lease = parseLease(lease);
    return range;
}

DhcpHost parseHost(const Node& node, const IpDef& ip, const std::string& net) {
    DhcpHost host;
    host.mac = node.attr("mac");
    if (host.mac) {
        if (ip.address.isV6())
            netFail(ErrorCode::XmlError,
                    "Invalid to specify MAC address '{}' in network '{}' IPv6 static host definition",
                    *host.mac, net);
        auto mac = MacAddress::parse(*host.mac);
        if (!mac)
            netFail(ErrorCode::XmlError, "Cannot parse MAC address '{}' in network '{}'", *host.mac, net);
        if (mac->isMulticast())
            netFail(ErrorCode::XmlError, "expected unicast mac address, found multicast '{}' in network '{}'",
                    *host.mac, net);
    }
    host.id = node.attr("id");
    if (host.id) {
        auto bad = host.id->find_first_not_of("0123456789abcdefABCDEF:");
        if (bad != std::string::npos)
            netFail(ErrorCode::XmlError, "Invalid character '{}' in id '{}' of network '{}'", (*host.id)[bad],
                    *host.id, net);
    }
    host.name = node.attr("name");
    if (host.name && !(!host.name->empty() && std::isalnum(static_cast<unsigned char>((*host.name)[0]))))
        netFail(ErrorCode::XmlError, "Cannot use host name '{}' in network '{}'", *host.name, net);
    auto ipText = node.attr("ip");
    if (ipText) {
        auto addr = IpAddress::parse(*ipText);
        if (!addr)
            netFail(ErrorCode::XmlError, "Invalid IP address in static host definition for network '{}'",
                    net);
        host.ip = *addr;
    }
    // An IPv6 host is found by DUID or name, an IPv4 one by MAC or name.
    if (ip.address.isV6()) {
        if (!host.id && !host.name)
            netFail(ErrorCode::XmlError,
                    "Static host definition in IPv6 network '{}' must have id or name attribute", net);
    } else if (!host.mac && !host.name) {
        netFail(ErrorCode::XmlError,
                "Static host definition in IPv4 network '{}' must have mac or name attribute", net);
    }
    if (!ipText)
        netFail(ErrorCode::XmlError, "Missing IP address in static host definition for network '{}'", net);
    if (auto lease = node.child("lease"))
        host.lease = parseLease(lease);
    return host;
}

void parseDhcp(const Node& node, IpDef& ip, const std::string& net) {
    // libvirt walks the children in document order, so the first bad one
    // is the one reported.
    for (const auto& c : node.children()) {
        if (c.name() == "range") {
            ip.ranges.push_back(parseRange(c, ip, net));
        } else if (c.name() == "host") {
            ip.hosts.push_back(parseHost(c, ip, net));
        } else if (c.name() == "bootp" && ip.address.isV4()) {
            auto file = c.attr("file");
            if (!file)
                continue;  // a <bootp/> without a file is ignored
            IpAddress server;
            if (auto s = c.attr("server"))
                server = IpAddress::parseOrFail(*s);
            ip.bootFile = *file;
            ip.bootServer = server;
        }
    }
}

void writeLease(Writer::Element& parent, Writer& w, const std::optional<DhcpLease>& lease) {
    if (!lease)
        return;
    parent.beginChildren();
    Writer::Element el(w, "lease", true);
    el.attr("expiry", std::to_string(lease->expiry));
    if (lease->expiry)
        el.attr("unit", toString(lease->unit));
}

}  // namespace

IpDef parseIpDef(const Node& node, const std::string& net) {
    IpDef ip;
    ip.family = nonEmptyAttr(node, "family");
    auto address = nonEmptyAttr(node, "address");
    if (!address)
        netFail(ErrorCode::XmlError, "Missing required address attribute in network '{}'", net);
    auto addr = IpAddress::parse(*address);
    if (!addr)
        netFail(ErrorCode::XmlError, "Invalid address '{}' in network '{}'", *address, net);
    ip.address = *addr;
    auto netmask = nonEmptyAttr(node, "netmask");
    if (netmask) {
        auto mask = IpAddress::parse(*netmask);
        if (!mask)
            netFail(ErrorCode::XmlError, "Invalid netmask '{}' in network '{}'", *netmask, net);
        ip.netmask = *mask;
    }
    ip.prefix = xml::propUInt(node, "prefix").value_or(0);
    ip.localPtr = xml::propTri<TriBool>(node, "localPtr");

    if (!ip.family || *ip.family == "ipv4") {
        if (!ip.address.isV4())
            netFail(ErrorCode::ConfigUnsupported,
                    "{} family specified for non-IPv4 address '{}' in network '{}'",
                    ip.family ? "ipv4" : "no", *address, net);
        if (netmask) {
            if (!ip.netmask.isV4())
                netFail(ErrorCode::ConfigUnsupported,
                        "Invalid netmask '{}' for address '{}' in network '{}' (both must be IPv4)", *netmask,
                        *address, net);
            if (ip.prefix > 0)
                netFail(ErrorCode::ConfigUnsupported,
                        "Network '{}' IP address cannot have both a prefix and a netmask", net);
        } else if (ip.prefix > 32) {
            netFail(ErrorCode::ConfigUnsupported, "Invalid IPv4 prefix '{}' in network '{}'", ip.prefix, net);
        }
    } else if (*ip.family == "ipv6") {
        if (!ip.address.isV6())
            netFail(ErrorCode::ConfigUnsupported,
                    "Family 'ipv6' specified for non-IPv6 address '{}' in network '{}'", *address, net);
        if (netmask)
            netFail(ErrorCode::ConfigUnsupported, "netmask not allowed for IPv6 address '{}' in network '{}'",
                    *address, net);
        if (ip.prefix > 128)
            netFail(ErrorCode::ConfigUnsupported, "Invalid IPv6 prefix '{}' in network '{}'", ip.prefix, net);
    } else {
        netFail(ErrorCode::XmlError, "Unrecognized family '{}' in network '{}'", *ip.family, net);
    }

    if (auto dhcp = node.child("dhcp"))
        parseDhcp(dhcp, ip, net);
    if (auto tftp = node.child("tftp")) {
        if (!ip.address.isV4())
            netFail(ErrorCode::ConfigUnsupported,
                    "Unsupported <tftp> element in an IPv6 element in network '{}'", net);
        ip.tftpRoot = nonEmptyAttr(tftp, "root").value_or("");
    }
    return ip;
}

void formatIpDef(Writer& w, const IpDef& ip) {
    Writer::Element el(w, "ip", true);
    el.keepOpen();
    if (ip.family)
        el.attr("family", *ip.family);
    if (ip.address.valid())
        el.attr("address", ip.address.format());
    if (ip.netmask.valid())
        el.attr("netmask", ip.netmask.format());
    if (ip.prefix > 0)
        el.attr("prefix", std::to_string(ip.prefix));
    if (isSet(ip.localPtr))
        el.attr("localPtr", toString(ip.localPtr));
    el.beginChildren();
    if (!ip.tftpRoot.empty()) {
        Writer::Element tftp(w, "tftp", true);
        tftp.attr("root", ip.tftpRoot);
    }
    // <bootp> only appears inside a <dhcp> that has ranges or hosts.
    if (ip.ranges.empty() && ip.hosts.empty())
        return;
    Writer::Element dhcp(w, "dhcp", true);
    dhcp.beginChildren();
    for (const auto& r : ip.ranges) {
        Writer::Element range(w, "range", true);
        range.attr("start", r.start.format());
        range.attr("end", r.end.format());
        writeLease(range, w, r.lease);
    }
    for (const auto& h : ip.hosts) {
        Writer::Element host(w, "host", true);
        if (h.mac)
            host.attr("mac", *h.mac);
        if (h.id)
            host.attr("id", *h.id);
        if (h.name)
            host.attr("name", *h.name);
        if (h.ip.valid())
            host.attr("ip", h.ip.format());
        writeLease(host, w, h.lease);
    }
    if (!ip.bootFile.empty()) {
        Writer::Element bootp(w, "bootp", true);
        bootp.attr("file", ip.bootFile);
        if (ip.bootServer.valid())
            bootp.attr("server", ip.bootServer.format());
    }
}

Route parseRoute(const Node& node, const std::string& net) {
    Route r;
    r.family = nonEmptyAttr(node, "family");
    auto address = nonEmptyAttr(node, "address");
    auto netmask = nonEmptyAttr(node, "netmask");
    auto gateway = nonEmptyAttr(node, "gateway");
    r.prefix = xml::propUInt(node, "prefix");
    r.metric = xml::propUInt(node, "metric", 10, xml::kPropNonZero);

    auto routeFail = [&](const std::string& message) {
        netFail(ErrorCode::XmlError, "{}: {}", net, message);
    };
    if (!address)
        routeFail("Missing required address attribute in route definition");
    if (!gateway)
        routeFail("Missing required gateway attribute in route definition");
    auto addr = IpAddress::parse(*address);
    if (!addr)
        routeFail(fmt::format("Bad network address '{}' in route definition", *address));
    r.address = *addr;
    auto gw = IpAddress::parse(*gateway);
    if (!gw)
        routeFail(fmt::format("Bad gateway address '{}' in route definition", *gateway));
    r.gateway = *gw;
    unsigned prefix = r.prefix.value_or(0);

    if (!r.family || *r.family == "ipv4") {
        if (!r.address.isV4())
            routeFail(fmt::format(
                fmt::runtime(r.family ? "IPv4 family specified for non-IPv4 address '{}' in route definition"
                                      : "No family specified for non-IPv4 address '{}' in route definition"),
                *address));
        if (!r.gateway.isV4())
            routeFail(fmt::format(
                fmt::runtime(r.family ? "IPv4 family specified for non-IPv4 gateway '{}' in route definition"
                                      : "No family specified for non-IPv4 gateway '{}' in route definition"),
                *address));
        if (netmask) {
            auto mask = IpAddress::parse(*netmask);
            if (!mask)
                routeFail(fmt::format("Bad netmask address '{}' in route definition", *netmask));
            r.netmask = *mask;
            if (!r.netmask.isV4())
                routeFail(fmt::format("Invalid netmask '{}' for address '{}' (both must be IPv4)", *netmask,
                                      *address));
            if (r.prefix)
                routeFail("Route definition cannot have both a prefix and a netmask");
        }
        if (prefix > 32)
            routeFail(fmt::format("Invalid prefix {} specified in route definition, must be 0 - 32", prefix));
    } else if (*r.family == "ipv6") {
        if (!r.address.isV6())
            routeFail(
                fmt::format("ipv6 family specified for non-IPv6 address '{}' in route definition", *address));
        if (netmask)
            routeFail(fmt::format("Specifying netmask invalid for IPv6 address '{}' in route definition",
                                  *address));
        if (!r.gateway.isV6())
            routeFail(fmt::format("ipv6 specified for non-IPv6 gateway address '{}' in route definition",
                                  *gateway));
        if (prefix > 128)
            routeFail(
                fmt::format("Invalid prefix {} specified in route definition, must be 0 - 128", prefix));
    } else {
        routeFail(fmt::format("Unrecognized family '{}' in route definition", *r.family));
    }

    IpAddress network =
        netmask ? r.address.masked(r.netmask) : r.address.maskedByPrefix(static_cast<int>(prefix));
    if (!(network == r.address))
        routeFail(fmt::format("Address '{}' in route definition is not a network address", *address));
    return r;
}

void checkRouteGateways(const Network& def) {
    for (const auto& route : def.routes) {
        bool reachable = false;
        for (const auto& ip : def.ips) {
            if (route.gateway.family() != ip.address.family())
                continue;
            int prefix = ipDefPrefix(ip);
            IpAddress net = ip.address.maskedByPrefix(prefix);
            IpAddress gw = route.gateway.maskedByPrefix(prefix);
            if (net.valid() && gw.valid() && net == gw) {
                reachable = true;
                break;
            }
        }
        if (!reachable)
            netFail(ErrorCode::ConfigUnsupported,
                    "unreachable static route gateway '{}' specified for network '{}'",
                    route.gateway.format(), def.name);
    }
}

void formatRoute(Writer& w, const Route& r) {
    Writer::Element el(w, "route", true);
    if (r.family)
        el.attr("family", *r.family);
    el.attr("address", r.address.format());
    if (r.netmask.valid())
        el.attr("netmask", r.netmask.format());
    if (r.prefix)
        el.attr("prefix", std::to_string(*r.prefix));
    el.attr("gateway", r.gateway.format());
    if (r.metric && *r.metric > 0)
        el.attr("metric", std::to_string(*r.metric));
}

}  // namespace detail
}  // namespace cvirt::conf::network
