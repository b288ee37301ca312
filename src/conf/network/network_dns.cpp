// <dns> of a network: forwarders, TXT, SRV and host records.
#include "conf/network/network_internal.hpp"
#include "conf/xml/c_number.hpp"
#include "conf/xml/prop.hpp"

namespace cvirt::conf::network::detail {
namespace {

// Characters of /etc/services and /etc/protocols names, except '.', which
// dnsmasq uses as the SRV field separator.
constexpr std::string_view kProtocolChars =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-+/";
constexpr std::string_view kServiceChars =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-+/*";
constexpr size_t kSrvRecordLength = 512 - 30;

DnsHost parseHost(const Node& node, const std::string& net) {
    DnsHost host;
    auto names = node.children("hostname");
    for (const auto& n : names) {
        std::string name = n.text();
        if (name.empty())
            netFail(ErrorCode::XmlDetail, "Missing hostname in network '{}' DNS HOST record", net);
        host.hostnames.push_back(std::move(name));
    }
    if (names.empty())
        netFail(ErrorCode::XmlDetail, "Missing hostname in network '{}' DNS HOST record", net);
    auto ip = node.attr("ip");
    if (!ip)
        netFail(ErrorCode::XmlDetail, "Missing IP address in network '{}' DNS HOST record", net);
    auto addr = IpAddress::parse(*ip);
    if (!addr)
        netFail(ErrorCode::XmlDetail, "Invalid IP address in network '{}' DNS HOST record", net);
    host.ip = *addr;
    return host;
}

// port, priority and weight: all three need a target and fit 16 bits.
unsigned srvNumber(const Node& node, const char* name, const DnsSrv& srv, const std::string& net,
                   const char* invalidFormat) {
    auto text = node.attr(name);
    if (!text || text->empty())
        return 0;
    auto v = xml::cParseUInt(*text, 10);
    if (v && srv.target.empty())
        netFail(ErrorCode::XmlDetail,
                "DNS SRV {} attribute not permitted without target for service '{}' in network '{}'", name,
                srv.service, net);
    bool isPort = std::string_view(name) == "port";
    if (!v || *v > 65535 || (isPort && *v < 1))
        netFail(ErrorCode::XmlDetail, "{}", fmt::format(fmt::runtime(invalidFormat), srv.service, net));
    return *v;
}

DnsSrv parseSrv(const Node& node, const std::string& net) {
    DnsSrv srv;
    auto service = node.attr("service");
    if (!service)
        netFail(ErrorCode::XmlDetail, "missing required service attribute in DNS SRV record of network '{}'",
                net);
    srv.service = *service;
    if (srv.service.size() > kSrvRecordLength)
        netFail(ErrorCode::XmlDetail, "service attribute '{}' in network '{}' is too long, limit is {} bytes",
                srv.service, net, kSrvRecordLength);
    if (srv.service.find_first_not_of(kServiceChars) != std::string::npos)
        netFail(ErrorCode::XmlDetail,
                "invalid character in service attribute '{}' in DNS SRV record of network '{}'", srv.service,
                net);
    auto protocol = node.attr("protocol");
    if (!protocol)
        netFail(ErrorCode::XmlDetail,
                "missing required protocol attribute in DNS SRV record '{}' of network '{}'", srv.service,
                net);
    srv.protocol = *protocol;
    if (srv.protocol.find_first_not_of(kProtocolChars) != std::string::npos)
        netFail(ErrorCode::XmlDetail,
                "invalid character in protocol attribute '{}' in DNS SRV record of network '{}'",
                srv.protocol, net);
    srv.domain = node.attr("domain").value_or("");
    srv.target = node.attr("target").value_or("");
    srv.port =
        srvNumber(node, "port", srv, net, "invalid DNS SRV port attribute for service '{}' in network '{}'");
    srv.priority = srvNumber(node, "priority", srv, net,
                             "Invalid DNS SRV priority attribute for service '{}' in network '{}'");
    srv.weight = srvNumber(node, "weight", srv, net,
                           "invalid DNS SRV weight attribute for service '{}' in network '{}'");
    return srv;
}

DnsTxt parseTxt(const Node& node, const std::string& net) {
    DnsTxt txt;
    auto name = node.attr("name");
    if (!name)
        netFail(ErrorCode::XmlDetail, "missing required name attribute in DNS TXT record of network {}", net);
    if (name->find_first_of(" ,") != std::string::npos)
        netFail(ErrorCode::XmlDetail, "prohibited character in DNS TXT record name '{}' of network {}", *name,
                net);
    auto value = node.attr("value");
    if (!value)
        netFail(ErrorCode::XmlDetail,
                "missing required value attribute in DNS TXT record named '{}' of network {}", *name, net);
    txt.name = *name;
    txt.value = *value;
    return txt;
}

}  // namespace

Dns parseDns(const Node& node, const std::string& net) {
    Dns dns;
    dns.enable = xml::propTri<TriBool>(node, "enable");
    dns.forwardPlainNames = xml::propTri<TriBool>(node, "forwardPlainNames");
    for (const auto& f : node.children("forwarder")) {
        DnsForwarder fwd;
        auto addr = f.attr("addr");
        if (addr) {
            auto ip = IpAddress::parse(*addr);
            if (!ip)
                netFail(ErrorCode::XmlError, "Invalid forwarder IP address '{}' in network '{}'", *addr, net);
            fwd.addr = *ip;
        }
        fwd.domain = f.attr("domain").value_or("");
        if (!addr && !f.attr("domain"))
            netFail(ErrorCode::XmlError,
                    "Invalid forwarder element, must contain at least one of addr or domain");
        dns.forwarders.push_back(std::move(fwd));
    }
    for (const auto& h : node.children("host"))
        dns.hosts.push_back(parseHost(h, net));
    for (const auto& s : node.children("srv"))
        dns.srvs.push_back(parseSrv(s, net));
    for (const auto& t : node.children("txt"))
        dns.txts.push_back(parseTxt(t, net));
    if (dns.enable == TriBool::No &&
        !(dns.forwarders.empty() && dns.hosts.empty() && dns.srvs.empty() && dns.txts.empty()))
        netFail(ErrorCode::XmlError, "Extra data in disabled network '{}'", net);
    return dns;
}

void formatDns(Writer& w, const Dns& dns) {
    bool records = !(dns.forwarders.empty() && dns.txts.empty() && dns.srvs.empty() && dns.hosts.empty());
    if (!records && !isSet(dns.enable) && !isSet(dns.forwardPlainNames))
        return;
    Writer::Element el(w, "dns", true);
    if (isSet(dns.enable))
        el.attr("enable", toString(dns.enable));
    if (isSet(dns.forwardPlainNames))
        el.attr("forwardPlainNames", toString(dns.forwardPlainNames));
    if (!records)
        return;
    el.beginChildren();
    for (const auto& f : dns.forwarders) {
        Writer::Element e(w, "forwarder", true);
        if (!f.domain.empty())
            e.attr("domain", f.domain);
        if (f.addr.valid())
            e.attr("addr", f.addr.format());
    }
    for (const auto& t : dns.txts) {
        Writer::Element e(w, "txt", true);
        e.attr("name", t.name);
        e.attr("value", t.value);
    }
    for (const auto& s : dns.srvs) {
        Writer::Element e(w, "srv", true);
        e.attr("service", s.service);
        e.attr("protocol", s.protocol);
        if (!s.domain.empty())
            e.attr("domain", s.domain);
        if (!s.target.empty())
            e.attr("target", s.target);
        if (s.port)
            e.attr("port", std::to_string(s.port));
        if (s.priority)
            e.attr("priority", std::to_string(s.priority));
        if (s.weight)
            e.attr("weight", std::to_string(s.weight));
    }
    for (const auto& h : dns.hosts) {
        Writer::Element e(w, "host", true);
        e.attr("ip", h.ip.format());
        e.beginChildren();
        for (const auto& name : h.hostnames)
            w.textElement("hostname", name);
    }
}

}  // namespace cvirt::conf::network::detail
