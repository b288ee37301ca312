#include "drivers/qemu/command/host_resources.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/if_tun.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <mutex>

#include "util/error.hpp"
#include "util/fd.hpp"
#include "util/log.hpp"
#include "util/process.hpp"

namespace cvirt::qemu {

using namespace conf::domain;
using conf::toString;

namespace {

constexpr const char* kLog = "qemu.qemu_interface";

ifreq request(const std::string& name) {
    ifreq r{};
    std::strncpy(r.ifr_name, name.c_str(), IFNAMSIZ - 1);
    return r;
}

UniqueFd controlSocket() {
    UniqueFd s(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
    if (!s)
        failSystem(ErrorDomain::Qemu, "Unable to open control socket");
    return s;
}

void setUp(int sock, const std::string& name) {
    ifreq r = request(name);
    if (::ioctl(sock, SIOCGIFFLAGS, &r) < 0)
        failSystem(ErrorDomain::Qemu, fmt::format("Cannot get interface flags on '{}'", name));
    r.ifr_flags = static_cast<short>(r.ifr_flags | IFF_UP);
    if (::ioctl(sock, SIOCSIFFLAGS, &r) < 0)
        failSystem(ErrorDomain::Qemu, fmt::format("Cannot set interface flags on '{}'", name));
}

std::mutex gPortsMutex;
std::set<int> gPorts;  // reserved by this process

bool portFree(int port) {
    UniqueFd s(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!s)
        return false;
    int one = 1;
    ::setsockopt(s.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_ANY);
    return ::bind(s.get(), reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
}

bool vhostNetUsable() { return ::access("/dev/vhost-net", R_OK | W_OK) == 0; }

}  // namespace

TapDevice TapDevice::create(const std::string& name, const std::string& guestMac, const std::string& bridge,
                            bool vnetHeader) {
    UniqueFd tun(::open("/dev/net/tun", O_RDWR | O_CLOEXEC));
    if (!tun)
        failSystem(ErrorDomain::Qemu, "Unable to open /dev/net/tun, is tun module loaded?");
    ifreq r = request(name.empty() ? "vnet%d" : name);
    r.ifr_flags = static_cast<short>(IFF_TAP | IFF_NO_PI | (vnetHeader ? IFF_VNET_HDR : 0));
    if (::ioctl(tun.get(), TUNSETIFF, &r) < 0)
        failSystem(ErrorDomain::Qemu, fmt::format("Unable to create tap device {}", name.empty() ? "vnet%d" : name));
    // Persistent and ours: QEMU (same uid) re-opens it by name.
    if (::ioctl(tun.get(), TUNSETOWNER, static_cast<unsigned long>(::geteuid())) < 0 ||
        ::ioctl(tun.get(), TUNSETPERSIST, 1) < 0)
        failSystem(ErrorDomain::Qemu, fmt::format("Unable to set up tap device {}", r.ifr_name));
    TapDevice tap(r.ifr_name, true);
    tun.reset();

    auto sock = controlSocket();
    if (auto mac = conf::network::MacAddress::parse(guestMac)) {
        // The host side must not carry the guest's MAC, or a bridge would
        // take it as its own address; 0xFE keeps it unicast and high.
        ifreq h = request(tap.name());
        h.ifr_hwaddr.sa_family = ARPHRD_ETHER;
        std::memcpy(h.ifr_hwaddr.sa_data, mac->bytes().data(), 6);
        h.ifr_hwaddr.sa_data[0] = static_cast<char>(0xfe);
        if (::ioctl(sock.get(), SIOCSIFHWADDR, &h) < 0)
            failSystem(ErrorDomain::Qemu, fmt::format("Cannot set interface MAC on '{}'", tap.name()));
    }
    if (!bridge.empty()) {
        ifreq m = request(bridge);
        if (::ioctl(sock.get(), SIOCGIFMTU, &m) == 0) {
            ifreq t = request(tap.name());
            t.ifr_mtu = m.ifr_mtu;
            ::ioctl(sock.get(), SIOCSIFMTU, &t);
        }
        ifreq b = request(bridge);
        b.ifr_ifindex = static_cast<int>(::if_nametoindex(tap.name().c_str()));
        if (::ioctl(sock.get(), SIOCBRADDIF, &b) < 0)
            failSystem(ErrorDomain::Qemu, fmt::format("Unable to add bridge {} port {}", bridge, tap.name()));
    }
    setUp(sock.get(), tap.name());
    CVIRT_DEBUG(kLog, "created tap {} (bridge '{}')", tap.name(), bridge);
    return tap;
}

TapDevice TapDevice::borrow(const std::string& name) {
    if (name.empty() || ::if_nametoindex(name.c_str()) == 0)
        fail(ErrorCode::SystemError, ErrorDomain::Qemu, "Unable to get index for interface {}: No such device", name);
    return TapDevice(name, false);
}

TapDevice::TapDevice(TapDevice&& o) noexcept : name_(std::move(o.name_)), owned_(o.owned_) { o.owned_ = false; }

TapDevice& TapDevice::operator=(TapDevice&& o) noexcept {
    if (this != &o) {
        destroy();
        name_ = std::move(o.name_);
        owned_ = o.owned_;
        o.owned_ = false;
    }
    return *this;
}

TapDevice::~TapDevice() { destroy(); }

void TapDevice::destroy() noexcept {
    if (!owned_)
        return;
    owned_ = false;
    // Clearing persistence removes the device once nobody has it open;
    // when QEMU still holds it (EBUSY), delete it over netlink instead.
    UniqueFd tun(::open("/dev/net/tun", O_RDWR | O_CLOEXEC));
    if (tun) {
        ifreq r = request(name_);
        r.ifr_flags = IFF_TAP | IFF_NO_PI;
        if (::ioctl(tun.get(), TUNSETIFF, &r) == 0 && ::ioctl(tun.get(), TUNSETPERSIST, 0) == 0)
            return;
    }
    try {
        Command c{.argv = {"ip", "link", "delete", "dev", name_}};
        c.out.how = Stdio::Null{};
        c.err.how = Stdio::Null{};
        run(c);
    } catch (const std::exception& e) {
        CVIRT_WARN(kLog, "could not delete tap {}: {}", name_, e.what());
    }
}

PortReservation PortReservation::allocate(int from, int to) {
    std::lock_guard lock(gPortsMutex);
    for (int p = from; p <= to; ++p) {
        if (gPorts.count(p) || !portFree(p))
            continue;
        gPorts.insert(p);
        return PortReservation(p);
    }
    fail(ErrorCode::InternalError, ErrorDomain::Qemu, "Unable to find an unused port in range ({}-{})", from, to);
}

PortReservation::PortReservation(PortReservation&& o) noexcept : port_(o.port_) { o.port_ = -1; }

PortReservation& PortReservation::operator=(PortReservation&& o) noexcept {
    if (this != &o) {
        release();
        port_ = o.port_;
        o.port_ = -1;
    }
    return *this;
}

PortReservation::~PortReservation() { release(); }

void PortReservation::release() noexcept {
    if (port_ < 0)
        return;
    std::lock_guard lock(gPortsMutex);
    gPorts.erase(port_);
    port_ = -1;
}

HostResources prepareHostResources(Domain& def, BuildContext& ctx) {
    HostResources res;
    assignDeviceAliases(def);
    for (auto& g : def.devices.graphics) {
        if ((g.type != GraphicsType::Vnc && g.type != GraphicsType::Spice) || g.listens.empty() ||
            g.listens.front().type == GraphicsListenType::Socket || g.listens.front().type == GraphicsListenType::None)
            continue;
        if (g.autoport || g.port == -1) {
            res.ports.push_back(PortReservation::allocate(5900, 65535));
            g.port = res.ports.back().port();
        }
        if (g.type == GraphicsType::Vnc && g.websocket == -1) {
            res.ports.push_back(PortReservation::allocate(5700, 5899));
            g.websocket = res.ports.back().port();
        }
        if (g.type == GraphicsType::Spice && ctx.config.spiceTls && (g.autoport || g.tlsPort == -1)) {
            res.ports.push_back(PortReservation::allocate(5900, 65535));
            g.tlsPort = res.ports.back().port();
        }
    }
    for (auto& net : def.devices.interfaces) {
        bool vnetHdr = net.isVirtio();
        std::string name = net.ifname && !net.ifname->starts_with("vnet") ? *net.ifname : "";
        switch (net.type) {
        case NetType::Bridge:
            res.taps.push_back(TapDevice::create(name, net.mac.format(), net.bridge.value_or(""), vnetHdr));
            break;
        case NetType::Ethernet:
            if (net.managedTap == conf::TriBool::No)
                res.taps.push_back(TapDevice::borrow(net.ifname.value_or("")));
            else
                res.taps.push_back(TapDevice::create(name, net.mac.format(), "", vnetHdr));
            break;
        case NetType::Network:
        case NetType::Direct:
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu,
                 "interface type '{}' is not supported yet; use type='bridge'", toString(net.type));
        default: continue;
        }
        net.ifname = res.taps.back().name();
        NetHostSide& side = ctx.nets[net.info.alias];
        side.ifname = res.taps.back().name();
        side.vhost = def.type == VirtType::Kvm && vnetHdr && net.driver.name != NetDriverName::Qemu && vhostNetUsable();
    }
    return res;
}

}  // namespace cvirt::qemu
