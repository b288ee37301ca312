// USB ports for USB devices, as libvirt's qemuDomainAssignUSBAddresses
// assigns them: each controller is a hub with a fixed number of ports;
// when the devices outnumber the ports, usb-hubs are added.
#include <memory>

#include "drivers/qemu/domain_defaults/addresses.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace cvirt::qemu {

using namespace conf::domain;

namespace {

constexpr size_t kHubPorts = 8;
constexpr size_t kMaxPortDepth = 4;

struct UsbHub {
    std::vector<bool> used;
    std::vector<std::unique_ptr<UsbHub>> hubs;  // a hub plugged in at that port

    explicit UsbHub(size_t ports) : used(ports), hubs(ports) {}
};

size_t controllerPorts(const Controller& c) {
    auto* m = std::get_if<UsbControllerModel>(&c.model);
    if (!m)
        return 2;
    switch (*m) {
    case UsbControllerModel::Piix3Uhci:
    case UsbControllerModel::Piix4Uhci:
    case UsbControllerModel::Vt82c686bUhci: return 2;
    case UsbControllerModel::Ehci:
    case UsbControllerModel::Ich9Ehci1: return 6;
    case UsbControllerModel::PciOhci: return 3;
    case UsbControllerModel::NecXhci:
    case UsbControllerModel::QemuXhci: return c.ports != -1 ? static_cast<size_t>(c.ports) : 4;
    case UsbControllerModel::Qusb1:
    case UsbControllerModel::Qusb2: return c.ports != -1 ? static_cast<size_t>(c.ports) : 8;
    default: return 0;  // UHCI companions are counted through their EHCI
    }
}

std::vector<unsigned> portPath(const UsbAddress& a) {
    std::vector<unsigned> path;
    for (const auto& p : split(a.port, "."))
        path.push_back(parseInt<unsigned>(p).value_or(0));
    return path;
}

bool validPort(const DeviceInfo& info) {
    auto* a = std::get_if<UsbAddress>(&info.address);
    return a && !a->port.empty() && portPath(*a)[0] != 0;
}

// virDomainUSBDeviceDefForeach: every device that sits on a USB port.
template <typename F>
void forEachUsbDevice(Domain& def, F&& f, bool skipHubs) {
    auto& d = def.devices;
    if (!skipHubs)
        for (auto& h : d.hubs)
            f(h.info);
    for (auto& h : d.hostdevs)
        if (h.subsys() && std::holds_alternative<HostdevUsbSource>(*h.subsys()))
            f(h.info);
    for (auto& disk : d.disks)
        if (disk.bus == DiskBus::Usb)
            f(disk.info);
    for (auto& c : d.controllers)
        if (c.type == ControllerType::Ccid)
            f(c.info);
    for (auto& in : d.inputs)
        if (in.bus == InputBus::Usb)
            f(in.info);
    for (auto& s : d.serials)
        if (s.serialTarget == SerialTargetType::UsbSerial)
            f(s.info);
    for (auto& s : d.sounds)
        if (s.model == SoundModel::Usb)
            f(s.info);
    for (auto& r : d.redirdevs)
        f(r.info);
}

class UsbAddressSet {
public:
    void addController(const Controller& c) {
        size_t ports = controllerPorts(c);
        if (!ports || c.index < 0)
            return;
        size_t idx = static_cast<size_t>(c.index);
        if (buses_.size() <= idx)
            buses_.resize(idx + 1);
        if (buses_[idx])
            fail(ErrorCode::XmlError, ErrorDomain::Qemu, "Duplicate USB controllers with index {}", idx);
        buses_[idx] = std::make_unique<UsbHub>(ports);
    }

    void addHub(const DeviceInfo& info) {
        auto& a = std::get<UsbAddress>(info.address);
        auto [hub, port] = find(a);
        if (hub->hubs[port])
            fail(ErrorCode::XmlError, ErrorDomain::Qemu, "Duplicate USB hub on bus {} port {}", a.bus, a.port);
        hub->used[port] = true;
        hub->hubs[port] = std::make_unique<UsbHub>(kHubPorts);
    }

    void reserve(const DeviceInfo& info) {
        if (!validPort(info))
            return;
        auto& a = std::get<UsbAddress>(info.address);
        auto [hub, port] = find(a);
        if (hub->used[port])
            fail(ErrorCode::XmlError, ErrorDomain::Qemu, "Duplicate USB address bus {} port {}", a.bus, a.port);
        hub->used[port] = true;
    }

    void assign(DeviceInfo& info) {
        if (auto* a = std::get_if<UsbAddress>(&info.address)) {
            if (a->bus >= buses_.size() || !buses_[a->bus])
                fail(ErrorCode::XmlError, ErrorDomain::Qemu,
                     "USB bus {} requested but no controller with that index is present", a->bus);
            if (assignOn(info, a->bus))
                return;
        } else {
            for (size_t b = 0; b < buses_.size(); ++b)
                if (assignOn(info, b))
                    return;
        }
        fail(ErrorCode::InternalError, ErrorDomain::Qemu, "No free USB ports");
    }

private:
    std::pair<UsbHub*, size_t> find(const UsbAddress& a) {
        if (a.bus >= buses_.size() || !buses_[a.bus])
            fail(ErrorCode::XmlError, ErrorDomain::Qemu, "Missing USB bus {}", a.bus);
        UsbHub* hub = buses_[a.bus].get();
        auto path = portPath(a);
        for (size_t i = 0; i + 1 < path.size(); ++i) {
            size_t idx = path[i] - 1;
            if (idx >= hub->used.size())
                fail(ErrorCode::XmlError, ErrorDomain::Qemu, "port {} out of range in USB address bus: {} port: {}",
                     path[i], a.bus, a.port);
            hub = hub->hubs[idx].get();
            if (!hub)
                fail(ErrorCode::XmlError, ErrorDomain::Qemu,
                     "there is no hub at port {} in USB address bus: {} port: {}", path[i], a.bus, a.port);
        }
        size_t target = path.back() - 1;
        if (target >= hub->used.size())
            fail(ErrorCode::XmlError, ErrorDomain::Qemu, "requested USB port {} not present on USB bus {}", a.port,
                 a.bus);
        return {hub, target};
    }

    static bool freePort(UsbHub& hub, std::vector<unsigned>& path, size_t level) {
        for (size_t i = 0; i < hub.used.size(); ++i)
            if (!hub.used[i]) {
                path.resize(level + 1);
                path[level] = static_cast<unsigned>(i + 1);
                return true;
            }
        if (level >= kMaxPortDepth - 1)
            return false;
        for (size_t i = 0; i < hub.hubs.size(); ++i) {
            if (!hub.hubs[i])
                continue;
            if (freePort(*hub.hubs[i], path, level + 1)) {
                path[level] = static_cast<unsigned>(i + 1);
                return true;
            }
        }
        return false;
    }

    bool assignOn(DeviceInfo& info, size_t bus) {
        if (bus >= buses_.size() || !buses_[bus])
            return false;
        std::vector<unsigned> path;
        if (!freePort(*buses_[bus], path, 0))
            return false;
        std::vector<std::string> parts;
        for (unsigned p : path)
            parts.push_back(std::to_string(p));
        UsbAddress a;
        a.bus = static_cast<unsigned>(bus);
        a.port = join(parts, ".");
        info.address = a;
        reserve(info);
        return true;
    }

    std::vector<std::unique_ptr<UsbHub>> buses_;
};

}  // namespace

void assignUsbAddresses(Domain& def, bool newDomain) {
    if (!newDomain) {
        // Only complete definitions keep their topology when re-read;
        // otherwise QEMU's own placement would not match.
        bool all = true;
        forEachUsbDevice(def, [&](DeviceInfo& info) { all = all && validPort(info); }, false);
        if (!all)
            return;
    }
    // Enough hubs for every device.
    size_t ports = 0, count = 0;
    for (const auto& c : def.devices.controllers)
        if (c.type == ControllerType::Usb)
            ports += controllerPorts(c);
    ports += def.devices.hubs.size() * kHubPorts;
    forEachUsbDevice(def, [&](DeviceInfo&) { ++count; }, true);
    if (count > ports) {
        size_t needed = (count - ports + 1 + kHubPorts - 2) / (kHubPorts - 1);
        for (size_t i = 0; i < needed; ++i)
            def.devices.hubs.emplace_back();
    }

    UsbAddressSet addrs;
    for (const auto& c : def.devices.controllers)
        if (c.type == ControllerType::Usb)
            addrs.addController(c);
    for (const auto& h : def.devices.hubs)
        if (validPort(h.info))
            addrs.addHub(h.info);
    forEachUsbDevice(def, [&](DeviceInfo& info) { addrs.reserve(info); }, true);
    for (auto& h : def.devices.hubs) {
        if (validPort(h.info))
            continue;
        // assign() takes the port; addHub() then hangs the hub's ports on it.
        addrs.assign(h.info);
        addrs.addHub(h.info);
    }
    forEachUsbDevice(
        def,
        [&](DeviceInfo& info) {
            if (info.hasAddress() && !std::holds_alternative<UsbAddress>(info.address))
                return;
            if (validPort(info))
                return;
            addrs.assign(info);
        },
        true);
}

}  // namespace cvirt::qemu
