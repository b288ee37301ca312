// virtio-serial ports and memory slots, and the order libvirt's
// qemuDomainAssignAddresses runs the address families in.
#include "drivers/qemu/domain_defaults/addresses.hpp"

#include <map>

#include "util/error.hpp"

namespace cvirt::qemu {

using namespace conf::domain;

namespace {

constexpr int kDefaultVirtioSerialPorts = 31;

// Ports in use per virtio-serial controller index (ordered by index).
class VirtioSerialPorts {
public:
    void addController(const Controller& c) {
        if (c.type != ControllerType::VirtioSerial)
            return;
        if (ports_.count(c.index))
            fail(ErrorCode::InternalError, ErrorDomain::Qemu,
                 "virtio serial controller with index {} already exists in the address set", c.index);
        ports_[c.index] = std::vector<bool>(static_cast<size_t>(c.ports == -1 ? kDefaultVirtioSerialPorts : c.ports));
    }

    void reserve(const VirtioSerialAddress& a) {
        auto it = ports_.find(static_cast<int>(a.controller));
        if (it == ports_.end())
            fail(ErrorCode::XmlError, ErrorDomain::Qemu, "virtio serial controller {} is missing", a.controller);
        auto& map = it->second;
        if (a.port >= map.size())
            fail(ErrorCode::XmlError, ErrorDomain::Qemu, "virtio serial controller {} does not have port {}",
                 a.controller, a.port);
        if (map[a.port])
            fail(ErrorCode::XmlError, ErrorDomain::Qemu, "virtio serial port {} on controller {} is already occupied",
                 a.port, a.controller);
        map[a.port] = true;
    }

    // virDomainVirtioSerialAddrNext: port 0 is for consoles only; a new
    // controller is added when all are full.
    VirtioSerialAddress next(Domain& def, bool allowZero) {
        size_t start = allowZero ? 0 : 1;
        if (ports_.empty())
            fail(ErrorCode::InternalError, ErrorDomain::Qemu, "no virtio-serial controllers are available");
        for (auto& [idx, map] : ports_)
            for (size_t p = start; p < map.size(); ++p)
                if (!map[p])
                    return {static_cast<unsigned>(idx), 0, static_cast<unsigned>(p)};
        for (int i = 0;; ++i) {
            if (ports_.count(i))
                continue;
            addControllerIfMissing(def.devices.controllers, ControllerType::VirtioSerial, i);
            for (const auto& c : def.devices.controllers)
                if (c.type == ControllerType::VirtioSerial && c.index == i)
                    addController(c);
            return {static_cast<unsigned>(i), 0, static_cast<unsigned>(start)};
        }
    }

    VirtioSerialAddress nextOn(unsigned controller) {
        auto it = ports_.find(static_cast<int>(controller));
        if (it == ports_.end())
            fail(ErrorCode::InternalError, ErrorDomain::Qemu, "virtio-serial controller {} not available", controller);
        for (size_t p = 1; p < it->second.size(); ++p)
            if (!it->second[p])
                return {controller, 0, static_cast<unsigned>(p)};
        fail(ErrorCode::XmlError, ErrorDomain::Qemu, "Unable to find a free port on virtio-serial controller {}",
             controller);
    }

private:
    std::map<int, std::vector<bool>> ports_;
};

bool complete(const DeviceInfo& info) {
    auto* a = std::get_if<VirtioSerialAddress>(&info.address);
    return a && a->port != 0;
}

void autoAssign(Domain& def, VirtioSerialPorts& ports, DeviceInfo& info, bool allowZero) {
    auto* a = std::get_if<VirtioSerialAddress>(&info.address);
    VirtioSerialAddress addr = a ? ports.nextOn(a->controller) : ports.next(def, allowZero);
    ports.reserve(addr);
    // libvirt reserves a port for a virtio console but leaves its address
    // unset (QEMU numbers virtconsoles itself).
    if (!allowZero)
        info.address = addr;
}

}  // namespace

void assignVirtioSerialAddresses(Domain& def) {
    VirtioSerialPorts ports;
    for (const auto& c : def.devices.controllers)
        ports.addController(c);
    forEachDeviceInfo(def.devices, [&](const DeviceInfo& info) {
        if (complete(info))
            ports.reserve(std::get<VirtioSerialAddress>(info.address));
    });
    for (auto& c : def.devices.consoles)
        if (c.consoleTarget == ConsoleTargetType::Virtio && !complete(c.info))
            autoAssign(def, ports, c.info, true);
    for (auto& c : def.devices.channels)
        if (c.channelTarget == ChannelTargetType::Virtio && !complete(c.info))
            autoAssign(def, ports, c.info, false);
}

void assignMemorySlots(Domain& def) {
    if (!def.memory.hotplug())
        return;
    std::vector<bool> used(def.memory.slots);
    for (const auto& m : def.devices.memories)
        if (auto* a = std::get_if<DimmAddress>(&m.info.address); a && a->slot < used.size())
            used[a->slot] = true;
    for (auto& m : def.devices.memories) {
        auto model = m.model();
        if ((model != MemoryModel::Dimm && model != MemoryModel::Nvdimm) ||
            std::holds_alternative<DimmAddress>(m.info.address))
            continue;
        size_t slot = 0;
        while (slot < used.size() && used[slot])
            ++slot;
        if (slot == used.size())
            fail(ErrorCode::InternalError, ErrorDomain::Qemu, "failed to find an empty memory slot");
        used[slot] = true;
        DimmAddress a;
        a.slot = static_cast<unsigned>(slot);
        m.info.address = a;
    }
}

void assignAddresses(Domain& def, const QemuCaps& caps, bool newDomain) {
    assignVirtioSerialAddresses(def);
    assignPciAddresses(def, caps);
    assignUsbAddresses(def, newDomain);
    assignMemorySlots(def);
}

}  // namespace cvirt::qemu
