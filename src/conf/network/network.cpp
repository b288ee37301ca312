// <network>: the top level of the parser and formatter, and the checks that
// tie the forward mode to the other settings.
#include <strings.h>

#include "conf/network/network_internal.hpp"
#include "conf/xml/c_number.hpp"
#include "conf/xml/prop.hpp"
#include "util/xml.hpp"

namespace cvirt::conf::network {

using namespace detail;

namespace {

constexpr const char* kDnsmasqNamespace = "http://libvirt.org/schemas/network/dnsmasq/1.0";

PortGroup parsePortGroup(const Node& node) {
    PortGroup pg;
    auto name = nonEmptyAttr(node, "name");
    if (!name)
        netFail(ErrorCode::XmlError, "Missing required name attribute in portgroup");
    pg.name = *name;
    auto isDefault = nonEmptyAttr(node, "default");
    pg.isDefault = isDefault && strcasecmp(isDefault->c_str(), "yes") == 0;
    pg.trustGuestRxFilters = xml::propTri<TriBool>(node, "trustGuestRxFilters");
    if (auto vp = node.child("virtualport"))
        pg.virtualPort = parseVirtualPort(vp, 0);
    if (auto bw = node.child("bandwidth"))
        pg.bandwidth = parseBandwidth(bw, false);
    if (auto vlan = node.child("vlan"))
        pg.vlan = parseVlan(vlan);
    return pg;
}

void formatPortGroup(Writer& w, const PortGroup& pg) {
    Writer::Element el(w, "portgroup", true);
    el.keepOpen();
    el.attr("name", pg.name);
    if (pg.isDefault)
        el.attr("default", "yes");
    if (isSet(pg.trustGuestRxFilters))
        el.attr("trustGuestRxFilters", toString(pg.trustGuestRxFilters));
    el.beginChildren();
    formatVlan(w, pg.vlan);
    if (pg.virtualPort)
        formatVirtualPort(w, *pg.virtualPort);
    formatBandwidth(w, pg.bandwidth);
}

// <dnsmasq:options> children of the root, in the dnsmasq namespace
// whatever prefix the document binds to it.
std::vector<std::string> parseDnsmasqOptions(const Node& root) {
    std::vector<std::string> options;
    auto inNamespace = [](const Node& n, std::string_view name) {
        return n.name() == name && n.namespaceUri() == kDnsmasqNamespace;
    };
    for (const auto& opts : root.children()) {
        if (!inNamespace(opts, "options"))
            continue;
        for (const auto& opt : opts.children()) {
            if (!inNamespace(opt, "option"))
                continue;
            auto value = opt.attr("value");
            if (!value)
                netFail(ErrorCode::InternalError, "No dnsmasq options value specified");
            options.push_back(*value);
        }
    }
    return options;
}

// Settings that only make sense with some forward modes.
void checkForwardMode(const Network& def, bool stpGiven) {
    const Forward& fwd = def.forward;
    std::string_view mode = toString(fwd.mode);
    switch (fwd.mode) {
        case ForwardMode::None:
            break;
        case ForwardMode::Route:
        case ForwardMode::Nat:
        case ForwardMode::Open:
            // L3 forwarding is pointless without knowing the network we are on.
            if (def.ips.empty())
                netFail(ErrorCode::XmlError,
                        "{} forwarding requested, but no IP address provided for network '{}'", mode,
                        def.name);
            if (fwd.mode == ForwardMode::Open) {
                // An open network puts no restriction on where traffic goes,
                // so a forward device makes no sense.
                if (!fwd.interfaces.empty())
                    netFail(ErrorCode::XmlError,
                            "forward dev not allowed for network '{}' with forward mode='{}'", def.name,
                            mode);
            } else if (fwd.interfaces.size() > 1) {
                netFail(ErrorCode::XmlError,
                        "multiple forwarding interfaces specified for network '{}', only one is supported",
                        def.name);
            }
            break;
        case ForwardMode::Private:
        case ForwardMode::Vepa:
        case ForwardMode::Passthrough:
        case ForwardMode::Hostdev:
            if (!def.bridge.empty())
                netFail(ErrorCode::XmlError, "bridge name not allowed in {} mode (network '{}')", mode,
                        def.name);
            if (!def.bridgeZone.empty())
                netFail(ErrorCode::XmlError, "bridge zone not allowed in {} mode (network '{}')", mode,
                        def.name);
            if (isSet(def.macTableManager))
                netFail(ErrorCode::XmlError,
                        "bridge macTableManager setting not allowed in {} mode (network '{}')", mode,
                        def.name);
            [[fallthrough]];
        case ForwardMode::Bridge:
            if (def.delay || stpGiven || !def.bridgeZone.empty())
                netFail(ErrorCode::XmlError,
                        "bridge delay/stp/zone options only allowed in route, nat, and isolated mode, not in "
                        "{} (network "
                        "'{}')",
                        mode, def.name);
            if (!def.bridge.empty() && (!fwd.interfaces.empty() || !fwd.pfs.empty()))
                netFail(ErrorCode::XmlError,
                        "A network with forward mode='{}' can specify a bridge name or a forward dev, but "
                        "not both "
                        "(network '{}')",
                        mode, def.name);
            break;
    }

    bool mtuAllowed = fwd.mode == ForwardMode::None || fwd.mode == ForwardMode::Nat ||
                      fwd.mode == ForwardMode::Route || fwd.mode == ForwardMode::Open;
    if (def.mtu && !mtuAllowed)
        netFail(ErrorCode::XmlError,
                "mtu size only allowed in open, route, nat, and isolated mode, not in {} (network '{}')",
                mode, def.name);
}

Network parseNetwork(const Node& root) {
    Network def;
    auto nameNode = root.child("name");
    def.name = nameNode ? nameNode.text() : "";
    if (def.name.empty())
        throw Error(ErrorCode::NoName, ErrorDomain::Network);
    if (def.name.find('/') != std::string::npos)
        throw Error(ErrorCode::XmlDetail, ErrorDomain::Xml, "invalid char in name: /");
    const std::string& net = def.name;

    if (auto uuidNode = root.child("uuid"); uuidNode && !uuidNode.text().empty()) {
        auto uuid = Uuid::parse(uuidNode.text());
        if (!uuid)
            netFail(ErrorCode::InternalError, "malformed uuid element");
        def.uuid = *uuid;
        def.uuidSpecified = true;
    } else {
        def.uuid = Uuid::generate();
    }

    if (auto ipv6 = nonEmptyAttr(root, "ipv6")) {
        if (*ipv6 != "yes" && *ipv6 != "no")
            netFail(ErrorCode::XmlError, "Invalid ipv6 setting '{}' in network '{}'", *ipv6, net);
        def.ipv6 = *ipv6 == "yes";
    }
    def.trustGuestRxFilters = xml::propTri<TriBool>(root, "trustGuestRxFilters");

    if (auto domain = root.child("domain")) {
        def.domain = domain.attr("name").value_or("");
        def.domainLocalOnly = xml::propTri<TriBool>(domain, "localOnly");
    }
    if (auto bw = root.child("bandwidth"))
        def.bandwidth = parseBandwidth(bw, false);
    if (auto vlan = root.child("vlan"))
        def.vlan = parseVlan(vlan);
    def.isolatedPort = xml::propTri<TriBool>(root.child("port"), "isolated");

    auto bridge = root.child("bridge");
    def.bridge = nonEmptyAttr(bridge, "name").value_or("");
    def.bridgeZone = nonEmptyAttr(bridge, "zone").value_or("");
    auto stp = nonEmptyAttr(bridge, "stp");
    def.stp = !(stp && *stp == "off");
    if (auto delay = nonEmptyAttr(bridge, "delay")) {
        auto v = xml::cParseUnsigned(*delay, 10, true);
        if (!v)
            netFail(ErrorCode::XmlError, "Invalid delay value in network '{}'", net);
        def.delay = static_cast<unsigned long>(*v);
    }
    if (auto mtm = nonEmptyAttr(bridge, "macTableManager")) {
        auto m = fromString<MacTableManager>(*mtm);
        if (!m || !isSet(*m))
            netFail(ErrorCode::XmlError, "Invalid macTableManager setting '{}' in network '{}'", *mtm, net);
        def.macTableManager = *m;
    }

    if (auto macText = nonEmptyAttr(root.child("mac"), "address")) {
        auto mac = MacAddress::parse(*macText);
        if (!mac)
            netFail(ErrorCode::XmlError, "Invalid bridge mac address '{}' in network '{}'", *macText, net);
        if (mac->isMulticast())
            netFail(ErrorCode::XmlError, "Invalid multicast bridge mac address '{}' in network '{}'",
                    *macText, net);
        def.mac = *mac;
    }
    if (auto mtu = nonEmptyAttr(root.child("mtu"), "size")) {
        auto v = xml::cParseUInt(*mtu, 10);
        if (!v)
            netFail(ErrorCode::XmlError, "Invalid mtu size '{}' in network '{}'", *mtu, net);
        def.mtu = *v;
    }

    if (auto dns = root.child("dns"))
        def.dns = parseDns(dns, net);
    if (auto vp = root.child("virtualport"))
        def.virtualPort = parseVirtualPort(vp, kVportRequireType);
    for (const auto& pg : root.children("portgroup"))
        def.portGroups.push_back(parsePortGroup(pg));
    for (const auto& ip : root.children("ip"))
        def.ips.push_back(parseIpDef(ip, net));
    for (const auto& route : root.children("route"))
        def.routes.push_back(parseRoute(route, net));
    checkRouteGateways(def);

    if (auto forward = root.child("forward"))
        def.forward = parseForward(forward, net);
    checkForwardMode(def, stp.has_value());

    if (auto metadata = root.child("metadata"))
        def.metadata = Metadata::fromNode(metadata);
    def.dnsmasqOptions = parseDnsmasqOptions(root);
    return def;
}

}  // namespace

namespace detail {

std::optional<std::string> nonEmptyAttr(const Node& node, const char* name) {
    auto v = node.attr(name);
    if (v && v->empty())
        return std::nullopt;
    return v;
}

}  // namespace detail

Network parseNetworkXml(std::string_view text, const NetworkParseOptions& options) {
    auto doc = cvirt::xml::Document::parse(text, "(network_definition)", ErrorDomain::Network);
    auto root = doc.root();
    if (root.name() != "network")
        fail(ErrorCode::XmlError, ErrorDomain::Xml, "expecting root element of 'network', not '{}'",
             root.name());
    if (options.validateSchema)
        cvirt::xml::RngSchema::load(options.schemaPath)->validate(doc);
    return parseNetwork(root);
}

std::string formatNetworkXml(const Network& def, const NetworkFormatOptions& options) {
    xml::Writer w;
    {
        Writer::Element el(w, "network", true);
        el.keepOpen();
        if (!def.dnsmasqOptions.empty())
            el.attr("xmlns:dnsmasq", kDnsmasqNamespace);
        if (!options.inactive && def.connections > 0)
            el.attr("connections", std::to_string(def.connections));
        if (def.ipv6)
            el.attr("ipv6", "yes");
        if (isSet(def.trustGuestRxFilters))
            el.attr("trustGuestRxFilters", toString(def.trustGuestRxFilters));
        el.beginChildren();
        w.textElement("name", def.name);
        w.textElement("uuid", def.uuid.format());
        def.metadata.format(w);
        formatForward(w, def.forward, options.inactive);

        // Modes that run their own bridge always show its STP settings.
        bool ownBridge = def.forward.mode == ForwardMode::None || def.forward.mode == ForwardMode::Nat ||
                         def.forward.mode == ForwardMode::Route || def.forward.mode == ForwardMode::Open;
        if (ownBridge || !def.bridge.empty() || isSet(def.macTableManager)) {
            Writer::Element b(w, "bridge", true);
            if (!def.bridge.empty())
                b.attr("name", def.bridge);
            if (!def.bridgeZone.empty())
                b.attr("zone", def.bridgeZone);
            if (ownBridge) {
                b.attr("stp", def.stp ? "on" : "off");
                b.attr("delay", std::to_string(def.delay));
            }
            if (isSet(def.macTableManager))
                b.attr("macTableManager", toString(def.macTableManager));
        }
        if (def.mtu) {
            Writer::Element m(w, "mtu", true);
            m.attr("size", std::to_string(def.mtu));
        }
        if (def.mac) {
            Writer::Element m(w, "mac", true);
            m.attr("address", def.mac->format());
        }
        if (!def.domain.empty()) {
            Writer::Element d(w, "domain", true);
            d.attr("name", def.domain);
            if (isSet(def.domainLocalOnly))
                d.attr("localOnly", toString(def.domainLocalOnly));
        }
        formatDns(w, def.dns);
        formatVlan(w, def.vlan);
        formatBandwidth(w, def.bandwidth);
        if (isSet(def.isolatedPort)) {
            Writer::Element p(w, "port", true);
            p.attr("isolated", toString(def.isolatedPort));
        }
        for (const auto& ip : def.ips)
            formatIpDef(w, ip);
        for (const auto& route : def.routes)
            formatRoute(w, route);
        if (def.virtualPort)
            formatVirtualPort(w, *def.virtualPort);
        for (const auto& pg : def.portGroups)
            formatPortGroup(w, pg);
        if (!def.dnsmasqOptions.empty()) {
            Writer::Element opts(w, "dnsmasq:options", true);
            opts.beginChildren();
            for (const auto& o : def.dnsmasqOptions) {
                Writer::Element e(w, "dnsmasq:option", true);
                e.attr("value", o);
            }
        }
    }
    return std::move(w.out());
}

}  // namespace cvirt::conf::network
