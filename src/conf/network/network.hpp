#pragma once
// A virtual network definition (libvirt's <network> XML, network_conf.c of
// libvirt 9.6) as a typed model, with its parser and formatter. Pure: no
// I/O. The dnsmasq XML namespace (<dnsmasq:options>) is always understood,
// as in libvirt's network driver.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "conf/network/metadata.hpp"
#include "conf/network/net_address.hpp"
#include "conf/network/netdev.hpp"
#include "conf/network/pci_address.hpp"
#include "util/uuid.hpp"

namespace cvirt::conf::network {

enum class ForwardMode { None, Nat, Route, Open, Bridge, Private, Vepa, Passthrough, Hostdev };
CVIRT_ENUM_STRINGS_UNSET(ForwardMode, "none", "nat", "route", "open", "bridge", "private", "vepa",
                         "passthrough", "hostdev");

enum class MacTableManager { Default, Kernel, Libvirt };
CVIRT_ENUM_STRINGS_UNSET(MacTableManager, "default", "kernel", "libvirt");

enum class ForwardDriverName { Default, Kvm, Vfio };
CVIRT_ENUM_STRINGS_UNSET(ForwardDriverName, "default", "kvm", "vfio");

enum class LeaseUnit { Seconds, Minutes, Hours };
CVIRT_ENUM_STRINGS(LeaseUnit, "seconds", "minutes", "hours");

// One device of the forward pool: a host interface (<interface dev=/>, or
// the <forward dev=/> shorthand) or a PCI function (<address type='pci'/>).
struct ForwardInterface {
    enum class Kind { Netdev, Pci };
    Kind kind = Kind::Netdev;
    std::string dev;
    PciAddress pci;
    unsigned connections = 0;  // runtime: guests using it
};

struct Forward {
    ForwardMode mode{};
    bool managed = false;  // hostdev: detach from host drivers automatically
    ForwardDriverName driver{};
    std::vector<ForwardInterface> interfaces;
    std::vector<std::string> pfs;  // <pf dev=/>: at most one
    // <nat>: SNAT address range, port range and IPv6 masquerading
    std::optional<IpAddress> natStart, natEnd;
    unsigned natPortStart = 0, natPortEnd = 0;
    TriBool natIpv6{};
};

struct DhcpLease {
    uint64_t expiry = 0;  // 0: infinite
    LeaseUnit unit = LeaseUnit::Minutes;
};

struct DhcpRange {
    IpAddress start, end;
    std::optional<DhcpLease> lease;
};

struct DhcpHost {
    std::optional<std::string> mac;  // as written
    std::optional<std::string> id;   // DHCPv6 DUID
    std::optional<std::string> name;
    IpAddress ip;
    std::optional<DhcpLease> lease;
};

struct IpDef {
    std::optional<std::string> family;  // "ipv4" / "ipv6" as written
    IpAddress address, netmask;
    unsigned prefix = 0;
    TriBool localPtr{};
    std::vector<DhcpRange> ranges;
    std::vector<DhcpHost> hosts;
    std::string tftpRoot;
    std::string bootFile;
    IpAddress bootServer;
};

struct Route {
    std::optional<std::string> family;
    IpAddress address, netmask, gateway;
    std::optional<unsigned> prefix;
    std::optional<unsigned> metric;
};

struct DnsForwarder {
    std::string domain;
    IpAddress addr;
};

struct DnsTxt {
    std::string name, value;
};

struct DnsSrv {
    std::string service, protocol, domain, target;
    unsigned port = 0, priority = 0, weight = 0;
};

struct DnsHost {
    IpAddress ip;
    std::vector<std::string> hostnames;
};

struct Dns {
    TriBool enable{};
    TriBool forwardPlainNames{};
    std::vector<DnsForwarder> forwarders;
    std::vector<DnsTxt> txts;
    std::vector<DnsSrv> srvs;
    std::vector<DnsHost> hosts;
};

struct PortGroup {
    std::string name;
    bool isDefault = false;
    TriBool trustGuestRxFilters{};
    std::optional<VirtualPort> virtualPort;
    std::optional<Bandwidth> bandwidth;
    Vlan vlan;
};

struct Network {
    unsigned connections = 0;  // runtime: guest interfaces attached
    std::string name;
    Uuid uuid;
    bool uuidSpecified = false;
    bool ipv6 = false;  // guest-to-guest IPv6 without a gateway address
    TriBool trustGuestRxFilters{};
    Metadata metadata;
    Forward forward;
    // <bridge>
    std::string bridge;
    std::string bridgeZone;
    bool stp = true;
    unsigned long delay = 0;
    MacTableManager macTableManager{};
    unsigned mtu = 0;
    std::optional<MacAddress> mac;
    // <domain>
    std::string domain;
    TriBool domainLocalOnly{};
    Dns dns;
    Vlan vlan;
    std::optional<Bandwidth> bandwidth;
    TriBool isolatedPort{};
    std::vector<IpDef> ips;
    std::vector<Route> routes;
    std::optional<VirtualPort> virtualPort;
    std::vector<PortGroup> portGroups;
    std::vector<std::string> dnsmasqOptions;  // <dnsmasq:options>
};

struct NetworkParseOptions {
    bool validateSchema = false;  // check against network.rng first
    std::string schemaPath = "/usr/share/libvirt/schemas/network.rng";
};

struct NetworkFormatOptions {
    bool inactive = false;  // VIR_NETWORK_XML_INACTIVE
};

// Parses a <network> document with libvirt's checks. Throws cvirt::Error:
// XML_DETAIL for malformed XML, NO_NAME, XML_ERROR, CONFIG_UNSUPPORTED, ...
// with libvirt's messages; XML_INVALID_SCHEMA when validation fails.
Network parseNetworkXml(std::string_view xml, const NetworkParseOptions& options = {});
std::string formatNetworkXml(const Network& network, const NetworkFormatOptions& options = {});

// The effective prefix of an <ip> (explicit, from the netmask, or classful).
int ipDefPrefix(const IpDef& ip);

}  // namespace cvirt::conf::network
