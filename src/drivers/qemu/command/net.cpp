// Network interfaces: the -netdev backend (user networking, a tap the
// driver prepared, sockets, vhost-user) and the NIC -device.
#include <fmt/format.h>

#include "drivers/qemu/command/families.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace cvirt::qemu {

using namespace conf::domain;

namespace {

std::string hostAddr(const NetInterface& net) {
    return fmt::format("{}:{}", net.socketAddress.value_or(""), net.socketPort);
}

void tapProps(Build& b, const NetInterface& net, Props& p) {
    p["type"] = "tap";
    auto it = b.ctx.nets.find(net.info.alias);
    if (it != b.ctx.nets.end() && !it->second.tapFds.empty()) {
        const auto& h = it->second;
        if (h.tapFds.size() > 1)
            p["fds"] = join(h.tapFds, ":");
        else
            p["fd"] = h.tapFds[0];
        if (!h.vhostFds.empty()) {
            p["vhost"] = true;
            if (h.vhostFds.size() > 1)
                p["vhostfds"] = join(h.vhostFds, ":");
            else
                p["vhostfd"] = h.vhostFds[0];
        }
    } else {
        // A tap QEMU opens by name: one the driver created, or the
        // user's own for type='ethernet'.
        std::string ifname = it != b.ctx.nets.end() ? it->second.ifname : net.ifname.value_or("");
        if (ifname.empty())
            fail(ErrorCode::InternalError, ErrorDomain::Qemu, "no tap device was prepared for interface '{}'",
                 net.info.alias);
        p["ifname"] = ifname;
        p["script"] = "no";
        p["downscript"] = "no";
        if (it != b.ctx.nets.end() && it->second.vhost)
            p["vhost"] = true;
    }
    if (net.sndbuf)
        p["sndbuf"] = *net.sndbuf;
}

Props hostNet(Build& b, const NetInterface& net) {
    if (net.script && net.type != NetType::Ethernet)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "scripts are not supported on interfaces of type {}",
             toString(net.type));
    Props p;
    switch (net.type) {
    case NetType::Bridge:
    case NetType::Network:
    case NetType::Direct:
    case NetType::Ethernet: tapProps(b, net, p); break;
    case NetType::Client: p = Props{{"type", "socket"}, {"connect", hostAddr(net)}}; break;
    case NetType::Server: p = Props{{"type", "socket"}, {"listen", hostAddr(net)}}; break;
    case NetType::Mcast: p = Props{{"type", "socket"}, {"mcast", hostAddr(net)}}; break;
    case NetType::Udp:
        p = Props{{"type", "socket"},
                  {"udp", hostAddr(net)},
                  {"localaddr", fmt::format("{}:{}", net.localAddress.value_or(""), net.localPort)}};
        break;
    case NetType::User:
        p["type"] = "user";
        for (const auto& ip : net.guestIp.ips) {
            std::string addr = ip.address.format();
            if (ip.address.isV4())
                p["net"] = ip.prefix ? fmt::format("{}/{}", addr, ip.prefix) : addr;
            else if (ip.address.isV6()) {
                p["ipv6-prefix"] = addr;
                putPositive(p, "ipv6-prefixlen", ip.prefix);
            }
        }
        break;
    case NetType::Internal: p["type"] = "user"; break;
    case NetType::Vhostuser:
        p = Props{{"type", "vhost-user"}, {"chardev", "char" + net.info.alias}};
        if (net.driver.queues > 1)
            p["queues"] = net.driver.queues;
        break;
    default:
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu,
             "network device type '{}' is not supported by this hypervisor", toString(net.type));
    }
    p["id"] = "host" + net.info.alias;
    return p;
}

void romProps(Props& p, const DeviceInfo& info) {
    if (info.romEnabled == conf::TriBool::Absent && info.romBar == conf::TriSwitch::Absent && !info.romFile)
        return;
    if (!std::holds_alternative<PciAddress>(info.address))
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "ROM tuning is only supported for PCI devices");
    if (info.romEnabled == conf::TriBool::No) {
        p["romfile"] = "";
        return;
    }
    if (info.romBar != conf::TriSwitch::Absent)
        p["rombar"] = info.romBar == conf::TriSwitch::On ? 1 : 0;
    putString(p, "romfile", info.romFile);
}

Props nicDevice(Build& b, const NetInterface& net) {
    Props p;
    if (net.isVirtio()) {
        const auto& d = net.driver;
        p = b.virtioProps("virtio-net", net.info, net.model == NetModel::VirtioTransitional,
                          net.model == NetModel::VirtioNonTransitional, &net.virtio);
        if (d.txmode == NetTxMode::Iothread)
            p["tx"] = "bh";
        else if (d.txmode == NetTxMode::Timer)
            p["tx"] = "timer";
        putSwitch(p, "ioeventfd", d.ioeventfd);
        putSwitch(p, "event_idx", d.eventIdx);
        putSwitch(p, "csum", d.hostCsum);
        putSwitch(p, "gso", d.hostGso);
        putSwitch(p, "host_tso4", d.hostTso4);
        putSwitch(p, "host_tso6", d.hostTso6);
        putSwitch(p, "host_ecn", d.hostEcn);
        putSwitch(p, "host_ufo", d.hostUfo);
        putSwitch(p, "mrg_rxbuf", d.hostMrgRxbuf);
        putSwitch(p, "guest_csum", d.guestCsum);
        putSwitch(p, "guest_tso4", d.guestTso4);
        putSwitch(p, "guest_tso6", d.guestTso6);
        putSwitch(p, "guest_ecn", d.guestEcn);
        putSwitch(p, "guest_ufo", d.guestUfo);
        if (d.queues > 1) {
            p["mq"] = true;
            if (!std::holds_alternative<CcwAddress>(net.info.address))
                p["vectors"] = 2 * d.queues + 2;
        }
        putPositive(p, "rx_queue_size", d.rxQueueSize);
        putPositive(p, "tx_queue_size", d.txQueueSize);
        putSwitch(p, "rss", d.rss);
        putSwitch(p, "hash", d.rssHashReport);
        putPositive(p, "host_mtu", net.mtu);
        if (net.teaming && net.teaming->type == NetTeamingType::Persistent)
            p["failover"] = true;
    } else {
        p["driver"] = net.modelName();
    }
    p["netdev"] = "host" + net.info.alias;
    p["id"] = net.info.alias;
    p["mac"] = net.mac.format();
    putPositive(p, "bootindex", b.bootIndexOf(net.info));
    b.address(p, net.info);
    romProps(p, net.info);
    return p;
}

}  // namespace

void buildNets(Build& b) {
    for (const auto& net : b.def.devices.interfaces) {
        if (net.type == NetType::Hostdev)
            continue;  // set up with the host devices
        if (net.type == NetType::Vhostuser) {
            ChardevSource src;
            src.type = ChardevType::Unix;
            src.path = net.vhostuserPath;
            src.listen = net.vhostuserServer;
            src.reconnect = net.vhostuserReconnect;
            buildChardev(b, src, "char" + net.info.alias);
        }
        b.netdev(hostNet(b, net));
        b.device(nicDevice(b, net));
    }
}

}  // namespace cvirt::qemu
