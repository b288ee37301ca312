#include "conf/domain/devices/interface.hpp"

#include <cstdint>
#include <random>
#include <strings.h>

#include <fmt/format.h>

#include "conf/domain/file_path.hpp"
#include "conf/domain/props.hpp"
#include "conf/network/network_internal.hpp"
#include "conf/xml/c_number.hpp"
#include "util/error.hpp"

namespace cvirt::conf::domain {
namespace {

using network::IpAddress;
using xml::Node;
using xml::Writer;

// Generated tap/macvtap names, which an inactive definition forgets
// (VIR_NET_GENERATED_*_PREFIX).
constexpr std::string_view kGeneratedIfnamePrefixes[] = {"vnet", "macvtap", "macvlan"};

enum class VhostuserMode { None, Client, Server };
CVIRT_ENUM_STRINGS(VhostuserMode, "", "client", "server");

[[noreturn]] void xmlError(std::string_view message) {
    fail(ErrorCode::XmlError, ErrorDomain::Domain, "{}", message);
}

// virXPathString: the value, or nullopt when missing or empty.
std::optional<std::string> xpathString(const Node& node, std::string_view child, const char* attr) {
    Node c = node.child(child);
    if (!c)
        return std::nullopt;
    auto v = c.attr(attr);
    if (!v || v->empty())
        return std::nullopt;
    return v;
}

// virXMLPropStringRequired
std::string requiredAttr(const Node& node, const char* name) {
    auto v = node.attr(name);
    if (!v)
        xml::missingAttr(node, name);
    return *v;
}

bool generatedIfname(const std::string& name) {
    for (auto prefix : kGeneratedIfnamePrefixes)
        if (name.starts_with(prefix))
            return true;
    return false;
}

// virDomainNetSetModelString
void setModel(NetInterface& net, const std::string& model) {
    auto names = enumStrings(NetModel{});
    for (size_t i = 0; i < names.size(); ++i) {
        if (strcasecmp(std::string(names[i]).c_str(), model.c_str()) == 0) {
            net.model = static_cast<NetModel>(i);
            return;
        }
    }
    for (char c : model) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        if (!ok)
            fail(ErrorCode::InvalidArg, ErrorDomain::Domain, "Model name contains invalid characters");
    }
    net.modelString = model;
}

// virDomainNetIPParseXML
NetIp parseIp(const Node& node) {
    auto address = node.attr("address");
    if (!address)
        xmlError("Missing required address in <ip>");
    auto familyStr = node.attr("family");
    auto family = IpAddress::Family::Unspec;
    if (familyStr == "ipv4")
        family = IpAddress::Family::V4;
    else if (familyStr == "ipv6")
        family = IpAddress::Family::V6;
    NetIp ip;
    auto parsed = IpAddress::parse(*address, family);
    if (!parsed)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "Invalid address '{}' in <ip>", *address);
    ip.address = *parsed;
    if (family == IpAddress::Family::Unspec)
        family = parsed->family();
    if (auto prefix = node.attr("prefix")) {
        auto v = xml::cParseUInt(*prefix);
        if (!v || (family == IpAddress::Family::V6 && *v > 128) || (family == IpAddress::Family::V4 && *v > 32))
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "Invalid prefix value '{}' in <ip>", *prefix);
        ip.prefix = *v;
    }
    if (auto peer = node.attr("peer")) {
        auto p = IpAddress::parse(*peer, family);
        if (!p)
            fail(ErrorCode::InvalidArg, ErrorDomain::Domain, "Invalid peer '{}' in <ip>", *peer);
        ip.peer = *p;
    }
    return ip;
}

// virDomainNetIPInfoParseXML
NetIpInfo parseIpInfo(const Node& node, const std::string& where) {
    NetIpInfo info;
    for (const auto& n : node.children("ip"))
        info.ips.push_back(parseIp(n));
    for (const auto& n : node.children("route"))
        info.routes.push_back(network::detail::parseRoute(n, where));
    return info;
}

void formatIpInfo(Writer& w, const NetIpInfo& info) {
    for (const auto& ip : info.ips) {
        Writer::Element el(w, "ip", true);
        el.attr("address", ip.address.format());
        if (ip.address.isV6())
            el.attr("family", "ipv6");
        else if (ip.address.isV4())
            el.attr("family", "ipv4");
        if (ip.prefix)
            el.attr("prefix", std::to_string(ip.prefix));
        if (ip.peer && ip.peer->valid())
            el.attr("peer", ip.peer->format());
    }
    for (const auto& r : info.routes)
        network::detail::formatRoute(w, r);
}

void requireSource(const NetInterface& net, const Node& source) {
    if (!source)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "interface type='{}' requires a 'source' element",
             toString(net.type));
}

void parseHostdevSource(NetInterface& net, const Node& node, xml::ParseContext& ctx) {
    Node source = node.child("source");
    std::optional<std::string> addrType = source ? xpathString(source, "address", "type") : std::nullopt;
    // A <vendor> without an address type names a USB device.
    if (!addrType && source && source.child("vendor"))
        addrType = "usb";
    if (!addrType)
        xmlError("missing source address type");
    auto type = fromString<HostdevSubsysType>(*addrType);
    if (!type)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unknown host device source address type '{}'",
             *addrType);
    net.hostdev = parseHostdevSubsys(node, *type, net.hostdevManaged, ctx);
}

// The <source> element and what each type reads from it; returns the
// <virtualport> flags the type allows (0: none allowed).
unsigned parseSource(NetInterface& net, const Node& node, const Node& source, xml::ParseContext& ctx,
                     bool& parseFilterref) {
    using network::kVportGenerateMissingDefaults;
    constexpr unsigned kStrict = network::kVportGenerateMissingDefaults | network::kVportRequireAllAttributes |
                                 network::kVportRequireType;
    switch (net.type) {
    case NetType::Network:
        requireSource(net, source);
        net.network = requiredAttr(source, "network");
        net.portgroup = source.attr("portgroup");
        if (!ctx.inactive) {
            if (auto portid = source.attr("portid")) {
                auto u = Uuid::parse(*portid);
                if (!u)
                    xml::invalidAttr(source, "portid", *portid);
                net.portid = *u;
            }
        }
        parseFilterref = true;
        return kVportGenerateMissingDefaults;
    case NetType::Vds:
        requireSource(net, source);
        {
            auto id = requiredAttr(source, "switchid");
            auto u = Uuid::parse(id);
            if (!u)
                xml::invalidAttr(source, "switchid", id);
            net.vdsSwitchId = *u;
        }
        net.vdsPortId = propInt<long long>(source, "portid", kPropAnyBase).value_or(0);
        net.vdsPortgroupId = source.attr("portgroupid");
        net.vdsConnectionId = propInt<long long>(source, "connectionid", kPropAnyBase).value_or(0);
        return 0;
    case NetType::Internal:
        requireSource(net, source);
        net.internalName = requiredAttr(source, "name");
        return 0;
    case NetType::Bridge:
        requireSource(net, source);
        net.bridge = requiredAttr(source, "bridge");
        parseFilterref = true;
        return kStrict;
    case NetType::Direct:
        requireSource(net, source);
        net.linkdev = requiredAttr(source, "dev");
        net.directMode = propEnum<MacvlanMode>(source, "mode").value_or(MacvlanMode::Vepa);
        return kStrict;
    case NetType::Ethernet:
        parseFilterref = true;
        return 0;
    case NetType::Vhostuser: {
        requireSource(net, source);
        auto type = requiredAttr(source, "type");
        if (type != "unix")
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
                 "Type='{}' unsupported for <interface type='vhostuser'>", type);
        net.vhostuserPath = requiredAttr(source, "path");
        auto mode = *propEnum<VhostuserMode>(source, "mode", kPropRequired | kPropNonZero);
        net.vhostuserServer = mode == VhostuserMode::Server;
        net.vhostuserReconnect = parseChardevReconnect(source);
        return 0;
    }
    case NetType::Vdpa:
        requireSource(net, source);
        net.linkdev = requiredAttr(source, "dev");
        return 0;
    case NetType::Client:
    case NetType::Server:
    case NetType::Mcast:
    case NetType::Udp:
        requireSource(net, source);
        if (net.type != NetType::Server)
            net.socketAddress = requiredAttr(source, "address");
        else
            net.socketAddress = source.attr("address");
        net.socketPort = *propInt<int>(source, "port", kPropRequired);
        if (net.type == NetType::Udp) {
            Node local = source.child("local");
            if (!local)
                xmlError("'<local>' element missing for 'udp' socket interface");
            net.localAddress = requiredAttr(local, "address");
            net.localPort = *propInt<int>(local, "port", kPropRequired);
        }
        return 0;
    case NetType::Hostdev:
        parseHostdevSource(net, node, ctx);
        return kStrict;
    case NetType::User:
        if (source)
            net.sourceDev = source.attr("dev");
        return 0;
    case NetType::Null:
        break;
    }
    return 0;
}

bool validFilterName(const std::string& s) {
    if (s.empty())
        return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    return true;
}

bool validFilterValue(const std::string& s) {
    if (s.empty())
        return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
              c == ':'))
            return false;
    return true;
}

// virNWFilterParseParamAttributes: invalid parameters are skipped.
void parseFilterref(NetInterface& net, const Node& ref) {
    net.filter = ref.attr("filter");
    for (const auto& p : ref.children("parameter")) {
        auto name = p.attr("name");
        auto value = p.attr("value");
        if (!name || !value || !validFilterName(*name) || !validFilterValue(*value))
            continue;
        net.filterParams[*name].push_back(*value);
    }
}

void parseDriver(NetInterface& net, const Node& node, xml::ParseContext& ctx) {
    Node driver = node.child("driver");
    if (!driver)
        return;
    net.virtio = parseVirtioDriver(node, ctx);
    if (net.type == NetType::Hostdev || !net.isVirtio())
        return;
    auto& d = net.driver;
    d.name = propEnum<NetDriverName>(driver, "name", kPropNonZero).value_or(NetDriverName::Default);
    d.txmode = propEnum<NetTxMode>(driver, "txmode", kPropNonZero).value_or(NetTxMode::Default);
    d.ioeventfd = propTriSwitch(driver, "ioeventfd");
    d.eventIdx = propTriSwitch(driver, "event_idx");
    d.queues = propInt<unsigned>(driver, "queues").value_or(0);
    // There is always one queue pair; one is the same as none given.
    if (d.queues == 1)
        d.queues = 0;
    d.rxQueueSize = propInt<unsigned>(driver, "rx_queue_size").value_or(0);
    d.txQueueSize = propInt<unsigned>(driver, "tx_queue_size").value_or(0);
    d.rss = propTriSwitch(driver, "rss");
    d.rssHashReport = propTriSwitch(driver, "rss_hash_report");
    if (Node host = driver.child("host")) {
        d.hostCsum = propTriSwitch(host, "csum");
        d.hostGso = propTriSwitch(host, "gso");
        d.hostTso4 = propTriSwitch(host, "tso4");
        d.hostTso6 = propTriSwitch(host, "tso6");
        d.hostEcn = propTriSwitch(host, "ecn");
        d.hostUfo = propTriSwitch(host, "ufo");
        d.hostMrgRxbuf = propTriSwitch(host, "mrg_rxbuf");
    }
    if (Node guest = driver.child("guest")) {
        d.guestCsum = propTriSwitch(guest, "csum");
        d.guestTso4 = propTriSwitch(guest, "tso4");
        d.guestTso6 = propTriSwitch(guest, "tso6");
        d.guestEcn = propTriSwitch(guest, "ecn");
        d.guestUfo = propTriSwitch(guest, "ufo");
    }
}

void parseBackend(NetInterface& net, const Node& node) {
    // "default" (the hypervisor's builtin SLIRP) is accepted: domain
    // capabilities report it.
    net.backend.type = propEnum<NetBackendType>(node, "type").value_or(NetBackendType::Default);
    net.backend.logFile = node.attr("logFile");
    if (auto tap = node.attr("tap"))
        net.backend.tap = sanitizeFilePath(*tap);
    if (auto vhost = node.attr("vhost"); vhost && net.type != NetType::Hostdev && net.isVirtio())
        net.backend.vhost = sanitizeFilePath(*vhost);
}

NetPortForward parsePortForward(const Node& node) {
    NetPortForward pf;
    pf.proto = *propEnum<NetProto>(node, "proto", kPropRequired | kPropNonZero);
    if (auto address = node.attr("address")) {
        auto ip = IpAddress::parse(*address);
        if (!ip)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "Invalid address '{}' in <portForward>", *address);
        pf.address = *ip;
    }
    pf.dev = node.attr("dev");
    for (const auto& r : node.children("range")) {
        NetPortForwardRange range;
        range.start = propInt<unsigned>(r, "start", kPropNonZero).value_or(0);
        range.end = propInt<unsigned>(r, "end", kPropNonZero).value_or(0);
        range.to = propInt<unsigned>(r, "to", kPropNonZero).value_or(0);
        range.exclude = propTriBool(r, "exclude");
        pf.ranges.push_back(range);
    }
    return pf;
}

void parseMac(NetInterface& net, const Node& node) {
    Node mac = node.child("mac");
    std::optional<std::string> address;
    if (mac) {
        address = mac.attr("address");
        if (address) {
            auto m = network::MacAddress::parse(*address);
            if (!m)
                fail(ErrorCode::XmlError, ErrorDomain::Domain, "unable to parse mac address '{}'", *address);
            if (m->isMulticast())
                fail(ErrorCode::XmlError, ErrorDomain::Domain, "expected unicast mac address, found multicast '{}'",
                     *address);
            net.mac = *m;
        }
        net.macType = propEnum<NetMacType>(mac, "type", kPropNonZero).value_or(NetMacType::None);
        net.macCheck = propTriBool(mac, "check");
    }
    if (!address || net.mac == network::MacAddress()) {
        // virMacAddrGenerate with libvirt's default prefix 52:54:00.
        static thread_local std::mt19937 rng{std::random_device{}()};
        std::uniform_int_distribution<int> byte(0, 255);
        std::string text = "52:54:00";
        for (int i = 0; i < 3; ++i)
            text += fmt::format(":{:02x}", byte(rng));
        net.mac = *network::MacAddress::parse(text);
        net.macGenerated = true;
    }
}

// virDomainNetDefCoalesceParseXML
void parseCoalesce(NetInterface& net, const Node& node) {
    Node frames = node.child("rx").child("frames");
    auto max = frames ? frames.attr("max") : std::nullopt;
    if (!max || max->empty())
        return;
    auto v = xml::cParseUnsigned(*max, 10, true);
    if (!v)
        fail(ErrorCode::XmlDetail, ErrorDomain::Domain, "cannot parse value '{}' for coalesce parameter", *max);
    if (*v > UINT32_MAX)
        fail(ErrorCode::Overflow, ErrorDomain::Domain,
             "value '{}' is too big for coalesce parameter, maximum is '{}'", *v, UINT32_MAX);
    net.coalesceRxFrames = static_cast<unsigned>(*v);
}

void parseTeaming(NetInterface& net, const Node& node) {
    auto type = xpathString(node, "teaming", "type");
    auto persistent = xpathString(node, "teaming", "persistent");
    if (!type && !persistent)
        return;
    auto t = type ? fromString<NetTeamingType>(*type) : std::nullopt;
    if (!t || *t == NetTeamingType::None)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unknown teaming type '{}'",
             type ? *type : "(null)");
    net.teaming = NetTeaming{*t, persistent};
}

// ---- formatting ----------------------------------------------------------

void formatSource(Writer& w, const NetInterface& net, xml::FormatContext& ctx) {
    if (net.type == NetType::Hostdev)
        formatHostdevSubsysSource(w, net.hostdev, ctx, true);

    Writer::Element el(w, "source", false);
    auto opt = [&](const char* name, const std::optional<std::string>& v) {
        if (v)
            el.attr(name, *v);
    };
    switch (net.type) {
    case NetType::Network:
        opt("network", net.network);
        opt("portgroup", net.portgroup);
        if (net.portid && !net.portid->isNull() && !ctx.inactive)
            el.attr("portid", net.portid->format());
        break;
    case NetType::Vhostuser:
        el.attr("type", "unix");
        opt("path", net.vhostuserPath);
        el.attr("mode", net.vhostuserServer ? "server" : "client");
        if (isSet(net.vhostuserReconnect.enabled))
            formatChardevReconnect(el, w, net.vhostuserReconnect);
        break;
    case NetType::Bridge:
        opt("bridge", net.bridge);
        break;
    case NetType::Server:
    case NetType::Client:
    case NetType::Mcast:
    case NetType::Udp:
        opt("address", net.socketAddress);
        el.attr("port", std::to_string(net.socketPort));
        if (net.type == NetType::Udp) {
            el.beginChildren();
            Writer::Element local(w, "local", true);
            local.attr("address", net.localAddress.value_or("(null)"));
            local.attr("port", std::to_string(net.localPort));
        }
        break;
    case NetType::Internal:
        opt("name", net.internalName);
        break;
    case NetType::Direct:
        opt("dev", net.linkdev);
        el.attr("mode", toString(net.directMode));
        break;
    case NetType::Vdpa:
        opt("dev", net.linkdev);
        break;
    case NetType::Vds:
        el.attr("switchid", net.vdsSwitchId.format());
        el.attr("portid", std::to_string(net.vdsPortId));
        opt("portgroupid", net.vdsPortgroupId);
        el.attr("connectionid", std::to_string(net.vdsConnectionId));
        break;
    case NetType::User:
        if (net.backend.type == NetBackendType::Passt)
            opt("dev", net.sourceDev);
        break;
    case NetType::Ethernet:
    case NetType::Hostdev:
    case NetType::Null:
        break;
    }
    if (!net.hostIp.empty()) {
        el.beginChildren();
        formatIpInfo(w, net.hostIp);
    }
}

void formatDriver(Writer& w, const NetInterface& net, xml::FormatContext& ctx) {
    const auto& d = net.driver;
    Writer::Element el(w, "driver", false);
    auto tri = [&](Writer::Element& e, const char* name, TriSwitch v) {
        if (isSet(v))
            e.attr(name, toString(v));
    };
    auto num = [&](const char* name, unsigned v) {
        if (v)
            el.attr(name, std::to_string(v));
    };
    if (isSet(d.name))
        el.attr("name", toString(d.name));
    if (isSet(d.txmode))
        el.attr("txmode", toString(d.txmode));
    tri(el, "ioeventfd", d.ioeventfd);
    tri(el, "event_idx", d.eventIdx);
    num("queues", d.queues);
    num("rx_queue_size", d.rxQueueSize);
    num("tx_queue_size", d.txQueueSize);
    tri(el, "rss", d.rss);
    tri(el, "rss_hash_report", d.rssHashReport);
    xml::formatFields(el, w, net.virtio, ctx);
    el.beginChildren();
    {
        Writer::Element host(w, "host", false);
        tri(host, "csum", d.hostCsum);
        tri(host, "gso", d.hostGso);
        tri(host, "tso4", d.hostTso4);
        tri(host, "tso6", d.hostTso6);
        tri(host, "ecn", d.hostEcn);
        tri(host, "ufo", d.hostUfo);
        tri(host, "mrg_rxbuf", d.hostMrgRxbuf);
    }
    Writer::Element guest(w, "guest", false);
    tri(guest, "csum", d.guestCsum);
    tri(guest, "tso4", d.guestTso4);
    tri(guest, "tso6", d.guestTso6);
    tri(guest, "ecn", d.guestEcn);
    tri(guest, "ufo", d.guestUfo);
}

void formatPortForwards(Writer& w, const NetInterface& net) {
    for (const auto& pf : net.portForwards) {
        Writer::Element el(w, "portForward", true);
        el.attr("proto", toString(pf.proto));
        if (pf.address && pf.address->valid())
            el.attr("address", pf.address->format());
        if (pf.dev)
            el.attr("dev", *pf.dev);
        for (const auto& r : pf.ranges) {
            el.beginChildren();
            Writer::Element range(w, "range", false);
            if (r.start) {
                range.attr("start", std::to_string(r.start));
                if (r.end)
                    range.attr("end", std::to_string(r.end));
                if (r.to)
                    range.attr("to", std::to_string(r.to));
            }
            if (isSet(r.exclude))
                range.attr("exclude", toString(r.exclude));
        }
    }
}

void formatTail(Writer& w, const NetInterface& net) {
    if (net.filter) {
        Writer::Element el(w, "filterref", true);
        el.attr("filter", *net.filter);
        for (const auto& [name, values] : net.filterParams) {
            for (const auto& v : values) {
                el.beginChildren();
                Writer::Element p(w, "parameter", true);
                p.attr("name", name);
                p.attr("value", v);
            }
        }
    }
    if (net.sndbuf) {
        Writer::Element tune(w, "tune", false);
        tune.beginChildren();
        w.textElement("sndbuf", std::to_string(*net.sndbuf));
    }
    if (net.teaming && isSet(net.teaming->type)) {
        Writer::Element el(w, "teaming", true);
        el.attr("type", toString(net.teaming->type));
        if (net.teaming->persistent)
            el.attr("persistent", *net.teaming->persistent);
    }
    if (isSet(net.linkState)) {
        Writer::Element el(w, "link", true);
        el.attr("state", toString(net.linkState));
    }
    if (net.mtu) {
        Writer::Element el(w, "mtu", true);
        el.attr("size", std::to_string(net.mtu));
    }
    if (net.coalesceRxFrames) {
        Writer::Element c(w, "coalesce", true);
        c.beginChildren();
        Writer::Element rx(w, "rx", true);
        rx.beginChildren();
        Writer::Element frames(w, "frames", true);
        frames.attr("max", std::to_string(net.coalesceRxFrames));
    }
}

}  // namespace

bool NetInterface::isVirtio() const {
    return model == NetModel::Virtio || model == NetModel::VirtioTransitional ||
           model == NetModel::VirtioNonTransitional;
}

std::string NetInterface::modelName() const {
    if (!modelString.empty())
        return modelString;
    if (isSet(model))
        return std::string(toString(model));
    return {};
}

void xmlParse(NetInterface& net, const Node& node, xml::ParseContext& ctx) {
    net.type = propEnum<NetType>(node, "type").value_or(NetType::User);
    net.trustGuestRxFilters = propTriBool(node, "trustGuestRxFilters");
    if (auto model = xpathString(node, "model", "type"))
        setModel(net, *model);

    Node source = node.child("source");
    if (source)
        net.hostIp = parseIpInfo(source, "interface host IP");

    bool filterref = false;
    unsigned vportFlags = parseSource(net, node, source, ctx, filterref);

    if (Node vport = node.child("virtualport")) {
        if (vportFlags == 0)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
                 "<virtualport> element unsupported for <interface type='{}'>", toString(net.type));
        net.virtualPort = network::parseVirtualPort(vport, vportFlags);
    }

    if (Node target = node.child("target")) {
        net.ifname = target.attr("dev");
        net.managedTap = propTriBool(target, "managed");
    }
    net.guestDev = xpathString(node, "guest", "dev");
    net.guestActual = xpathString(node, "guest", "actual");
    auto linkState = xpathString(node, "link", "state");
    net.script = xpathString(node, "script", "path");
    net.downscript = xpathString(node, "downscript", "path");
    net.backendDomain = xpathString(node, "backenddomain", "name");

    if (filterref)
        if (Node ref = node.child("filterref"))
            parseFilterref(net, ref);

    if (Node bw = node.child("bandwidth"))
        net.bandwidth = network::parseBandwidth(bw, net.type == NetType::Network);
    if (Node vlan = node.child("vlan"))
        net.vlan = network::parseVlan(vlan);

    parseMac(net, node);
    parseDeviceInfo(net.info, node, ctx, kInfoAllowBoot | kInfoAllowRom);
    net.guestIp = parseIpInfo(node, "guest interface");
    for (const auto& pf : node.children("portForward"))
        net.portForwards.push_back(parsePortForward(pf));

    if (net.managedTap != TriBool::No && net.ifname && ctx.inactive && generatedIfname(*net.ifname))
        net.ifname.reset();  // an auto-generated name is not configuration

    parseDriver(net, node, ctx);
    if (Node backend = node.child("backend"))
        parseBackend(net, backend);

    if (linkState) {
        auto s = fromString<NetLinkState>(*linkState);
        if (!s || *s == NetLinkState::Default)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unknown interface link state '{}'", *linkState);
        net.linkState = *s;
    }

    parseTeaming(net, node);

    if (Node sndbuf = node.child("tune").child("sndbuf")) {
        std::string text = sndbuf.text();
        if (!text.empty()) {
            auto v = xml::cParseUnsigned(text);
            if (!v)
                xmlError("sndbuf must be a positive integer");
            net.sndbuf = *v;
        }
    }

    if (auto mtu = xpathString(node, "mtu", "size")) {
        auto v = xml::cParseUInt(*mtu);
        if (!v)
            xmlError("malformed mtu size");
        net.mtu = *v;
    }

    if (Node coalesce = node.child("coalesce"))
        parseCoalesce(net, coalesce);

    if (Node port = node.child("port"))
        net.isolatedPort = propTriBool(port, "isolated");
}

void xmlFormat(Writer& w, std::string_view name, const NetInterface& net, xml::FormatContext& ctx) {
    Writer::Element el(w, name, true);
    el.attr("type", toString(net.type));
    if (net.type == NetType::Hostdev && net.hostdevManaged)
        el.attr("managed", "yes");
    if (isSet(net.trustGuestRxFilters))
        el.attr("trustGuestRxFilters", toString(net.trustGuestRxFilters));
    el.keepOpen();
    el.beginChildren();

    {
        Writer::Element mac(w, "mac", true);
        mac.attr("address", net.mac.format());
        if (isSet(net.macType))
            mac.attr("type", toString(net.macType));
        if (isSet(net.macCheck))
            mac.attr("check", toString(net.macCheck));
    }

    formatSource(w, net, ctx);
    network::formatVlan(w, net.vlan);
    if (net.virtualPort)
        network::formatVirtualPort(w, *net.virtualPort);
    network::formatBandwidth(w, net.bandwidth);
    if (isSet(net.isolatedPort)) {
        Writer::Element port(w, "port", true);
        port.attr("isolated", toString(net.isolatedPort));
    }

    formatIpInfo(w, net.guestIp);
    formatPortForwards(w, net);
    auto pathElement = [&](const char* element, const char* attr, const std::optional<std::string>& v) {
        if (v) {
            Writer::Element e(w, element, true);
            e.attr(attr, *v);
        }
    };
    pathElement("script", "path", net.script);
    pathElement("downscript", "path", net.downscript);
    pathElement("backenddomain", "name", net.backendDomain);

    {
        Writer::Element target(w, "target", false);
        // An inactive definition leaves out tap names the host generated.
        if (net.ifname && (net.managedTap == TriBool::No || !(ctx.inactive && generatedIfname(*net.ifname))))
            target.attr("dev", *net.ifname);
        if (isSet(net.managedTap))
            target.attr("managed", toString(net.managedTap));
    }
    if (net.guestDev || net.guestActual) {
        Writer::Element guest(w, "guest", false);
        if (net.guestDev)
            guest.attr("dev", *net.guestDev);
        if (net.guestActual)
            guest.attr("actual", *net.guestActual);
    }

    if (auto model = net.modelName(); !model.empty()) {
        {
            Writer::Element m(w, "model", true);
            m.attr("type", model);
        }
        if (net.isVirtio())
            formatDriver(w, net, ctx);
    }

    {
        Writer::Element backend(w, "backend", false);
        if (isSet(net.backend.type))
            backend.attr("type", toString(net.backend.type));
        if (net.backend.tap)
            backend.attr("tap", *net.backend.tap);
        if (net.backend.vhost)
            backend.attr("vhost", *net.backend.vhost);
        if (net.backend.logFile)
            backend.attr("logFile", *net.backend.logFile);
    }

    formatTail(w, net);
    formatDeviceInfo(el, w, net.info, ctx, kInfoAllowBoot | kInfoAllowRom);
}

void checkInterfaceModel(const NetInterface& net, bool modelStringsSupported) {
    if (!modelStringsSupported && !net.modelString.empty())
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "driver does not support net model '{}'",
             net.modelString);
}

void validateInterface(const NetInterface& net) {
    std::string mac = net.mac.format();
    if (!net.hostIp.empty() && net.type != NetType::Ethernet)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
             "Invalid attempt to set network interface host-side IP route and/or address info on interface of "
             "type '{}'. This is only supported on interfaces of type 'ethernet'",
             toString(net.type));
    if (net.managedTap == TriBool::No && net.type != NetType::Ethernet)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
             "unmanaged target dev is not supported on interfaces of type '{}'", toString(net.type));
    if (net.teaming) {
        if (net.teaming->type == NetTeamingType::Transient) {
            if (!net.teaming->persistent)
                fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
                     "teaming persistent attribute must be set if teaming type is 'transient'");
        } else if (net.teaming->persistent) {
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
                 "teaming persistent attribute not allowed if teaming type is '{}'", toString(net.teaming->type));
        }
    }
    // <port isolated='yes'/> needs a Linux host bridge without a virtualport.
    if (net.isolatedPort == TriBool::Yes) {
        if (net.type != NetType::Network && net.type != NetType::Bridge)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
                 "interface {} - <port isolated='yes'/> is not supported for network interfaces with type='{}'", mac,
                 toString(net.type));
        if (net.virtualPort && isSet(net.virtualPort->type))
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
                 "interface {} - <port isolated='yes'/> is not supported for network interfaces with virtualport "
                 "type='{}'",
                 mac, toString(net.virtualPort->type));
    }
    if (!net.isVirtio())
        requireNoVirtioOptions(net.virtio);
    if (net.type == NetType::Vhostuser) {
        if (!net.isVirtio())
            fail(ErrorCode::InternalError, ErrorDomain::Domain,
                 "Wrong or no <model> 'type' attribute specified with <interface type='vhostuser'/>. vhostuser "
                 "requires the virtio-net* frontend");
        if (net.vhostuserServer && net.vhostuserReconnect.enabled == TriBool::Yes)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
                 "'reconnect' attribute unsupported 'server' mode for <interface type='vhostuser'>");
    }
}

}  // namespace cvirt::conf::domain
