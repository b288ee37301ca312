#pragma once
// <interface>: a guest network interface (libvirt's virDomainNetDef) of
// any type, with its MAC address, host-side source, <vlan>, <virtualport>,
// <bandwidth>, IP configuration, model, virtio driver tuning, backend,
// filter reference, teaming, link state, MTU and coalescing.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "conf/domain/device_info.hpp"
#include "conf/domain/devices/chardev_source.hpp"
#include "conf/domain/devices/hostdev.hpp"
#include "conf/domain/virtio_options.hpp"
#include "conf/network/net_address.hpp"
#include "conf/network/netdev.hpp"
#include "conf/network/network.hpp"
#include "util/uuid.hpp"

namespace cvirt::conf::domain {

enum class NetType {
    User, Ethernet, Vhostuser, Server, Client, Mcast, Network, Bridge, Internal, Direct, Hostdev, Udp, Vdpa, Null, Vds
};
CVIRT_ENUM_STRINGS(NetType, "user", "ethernet", "vhostuser", "server", "client", "mcast", "network", "bridge",
                   "internal", "direct", "hostdev", "udp", "vdpa", "null", "vds");

// The models libvirt knows by name (matched case-insensitively); any other
// model is kept as a string.
enum class NetModel {
    Unknown, Netfront, Rtl8139, Virtio, E1000, E1000e, Igb, VirtioTransitional, VirtioNonTransitional, UsbNet,
    SpaprVlan, Lan9118, Scm91c111, Vlance, Vmxnet, Vmxnet2, Vmxnet3, Am79C970A, Am79C973, I82540EM, I82545EM,
    I82543GC
};
CVIRT_ENUM_STRINGS_UNSET(NetModel, "unknown", "netfront", "rtl8139", "virtio", "e1000", "e1000e", "igb",
                         "virtio-transitional", "virtio-non-transitional", "usb-net", "spapr-vlan", "lan9118",
                         "scm91c111", "vlance", "vmxnet", "vmxnet2", "vmxnet3", "Am79C970A", "Am79C973", "82540EM",
                         "82545EM", "82543GC");

enum class NetDriverName { Default, Qemu, Vhost };
CVIRT_ENUM_STRINGS_UNSET(NetDriverName, "default", "qemu", "vhost");
enum class NetTxMode { Default, Iothread, Timer };
CVIRT_ENUM_STRINGS_UNSET(NetTxMode, "default", "iothread", "timer");
enum class NetTeamingType { None, Persistent, Transient };
CVIRT_ENUM_STRINGS_UNSET(NetTeamingType, "none", "persistent", "transient");
enum class NetLinkState { Default, Up, Down };
CVIRT_ENUM_STRINGS_UNSET(NetLinkState, "default", "up", "down");
enum class NetBackendType { Default, Passt };
CVIRT_ENUM_STRINGS_UNSET(NetBackendType, "default", "passt");
enum class NetProto { None, Tcp, Udp };
CVIRT_ENUM_STRINGS_UNSET(NetProto, "none", "tcp", "udp");
enum class NetMacType { None, Generated, Static };
CVIRT_ENUM_STRINGS(NetMacType, "", "generated", "static");
enum class MacvlanMode { Vepa, Private, Bridge, Passthrough };
CVIRT_ENUM_STRINGS(MacvlanMode, "vepa", "private", "bridge", "passthrough");

// <ip address=.. prefix=.. peer=../> on the host side or in the guest.
struct NetIp {
    network::IpAddress address;
    unsigned prefix = 0;
    std::optional<network::IpAddress> peer;
};

// <ip> and <route> children (libvirt's virNetDevIPInfo).
struct NetIpInfo {
    std::vector<NetIp> ips;
    std::vector<network::Route> routes;
    bool empty() const { return ips.empty() && routes.empty(); }
};

struct NetPortForwardRange {
    unsigned start = 0, end = 0, to = 0;
    TriBool exclude{};
};

// <portForward> of a passt backend.
struct NetPortForward {
    NetProto proto{};
    std::optional<network::IpAddress> address;
    std::optional<std::string> dev;
    std::vector<NetPortForwardRange> ranges;
};

// <driver> of a virtio model with its <host> and <guest> offloads.
struct NetVirtioDriver {
    NetDriverName name{};
    NetTxMode txmode{};
    TriSwitch ioeventfd{}, eventIdx{};
    unsigned queues = 0;  // 0: default (one queue pair)
    unsigned rxQueueSize = 0, txQueueSize = 0;
    TriSwitch rss{}, rssHashReport{};
    TriSwitch hostCsum{}, hostGso{}, hostTso4{}, hostTso6{}, hostEcn{}, hostUfo{}, hostMrgRxbuf{};
    TriSwitch guestCsum{}, guestTso4{}, guestTso6{}, guestEcn{}, guestUfo{};
};

struct NetBackend {
    NetBackendType type{};
    std::optional<std::string> tap, vhost, logFile;
};

struct NetTeaming {
    NetTeamingType type{};
    std::optional<std::string> persistent;
};

struct NetInterface {
    NetType type = NetType::User;
    TriBool trustGuestRxFilters{};

    network::MacAddress mac;
    bool macGenerated = false;
    NetMacType macType{};
    TriBool macCheck{};

    // <source>, by type
    std::optional<std::string> network, portgroup;   // network
    std::optional<Uuid> portid;                      // network (live only)
    std::optional<std::string> bridge;               // bridge
    std::optional<std::string> internalName;         // internal
    std::optional<std::string> linkdev;              // direct; also vdpa's dev
    MacvlanMode directMode{};                        // direct
    std::optional<std::string> vhostuserPath;        // vhostuser (type='unix')
    bool vhostuserServer = false;                    // vhostuser mode='server'
    ChardevReconnect vhostuserReconnect;             // vhostuser
    std::optional<std::string> socketAddress;        // server, client, mcast, udp
    int socketPort = 0;
    std::optional<std::string> localAddress;         // udp <local>
    int localPort = 0;
    Uuid vdsSwitchId;                                // vds
    long long vdsPortId = 0, vdsConnectionId = 0;
    std::optional<std::string> vdsPortgroupId;
    std::optional<std::string> sourceDev;            // user (passt)
    HostdevSubsys hostdev;                           // hostdev: the host device
    bool hostdevManaged = false;                     // hostdev: managed='yes'
    NetIpInfo hostIp;

    network::Vlan vlan;
    std::optional<network::VirtualPort> virtualPort;
    std::optional<network::Bandwidth> bandwidth;
    TriBool isolatedPort{};  // <port isolated=.../>

    NetIpInfo guestIp;
    std::vector<NetPortForward> portForwards;
    std::optional<std::string> script, downscript, backendDomain;
    std::optional<std::string> ifname;  // <target dev=...>
    TriBool managedTap{};               // <target managed=...>
    std::optional<std::string> guestDev, guestActual;

    NetModel model{};
    std::string modelString;  // a model libvirt has no name for
    NetVirtioDriver driver;
    VirtioOptions virtio;
    NetBackend backend;
    std::optional<std::string> filter;
    // <filterref> parameters by name (libvirt keeps and prints them sorted).
    std::map<std::string, std::vector<std::string>> filterParams;
    std::optional<unsigned long long> sndbuf;  // <tune><sndbuf>
    std::optional<NetTeaming> teaming;
    NetLinkState linkState{};
    unsigned mtu = 0;
    unsigned coalesceRxFrames = 0;  // <coalesce><rx><frames max=...>; 0: none
    DeviceInfo info;

    bool isVirtio() const;
    // The model as written: the known name, else the kept string, else "".
    std::string modelName() const;
};

void xmlParse(NetInterface& net, const xml::Node& node, xml::ParseContext& ctx);
void xmlFormat(xml::Writer& w, std::string_view name, const NetInterface& net, xml::FormatContext& ctx);

// virDomainDeviceDefPostParseCheckFeatures for interfaces: without
// VIR_DOMAIN_DEF_FEATURE_NET_MODEL_STRING only named models are allowed.
void checkInterfaceModel(const NetInterface& net, bool modelStringsSupported);

// libvirt's virDomainNetDefValidate.
void validateInterface(const NetInterface& net);

}  // namespace cvirt::conf::domain
