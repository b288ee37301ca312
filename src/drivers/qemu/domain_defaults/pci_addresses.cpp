// PCI slots for every device that plugs into PCI, as libvirt's
// qemuDomainAssignPCIAddresses places them: a dry run finds out which PCI
// controllers are missing and adds them, then the real run assigns slots in
// libvirt's device order, so the same XML always gives the same guest ABI.
#include "conf/domain/devices.hpp"
#include "drivers/qemu/domain_defaults/addresses.hpp"
#include "drivers/qemu/domain_defaults/machine.hpp"
#include "drivers/qemu/domain_defaults/pci_address_set.hpp"
#include "util/error.hpp"
#include "util/log.hpp"

namespace cvirt::qemu {

using namespace conf::domain;

namespace {

constexpr const char* kLog = "qemu.qemu_domain_address";

struct Flags {
    unsigned pci = 0, pcie = 0, virtio = 0;
};

Flags connectFlagsFor(const Domain& def) {
    Flags f;
    f.pci = kPciDevice | kPciAutoassign;
    f.pcie = hasPcieRoot(def) ? (kPcieDevice | kPciAutoassign) : f.pci;
    // QEMU >= 2.7 can turn legacy virtio off, so virtio devices are PCIe
    // devices wherever the guest has PCIe.
    f.virtio = f.pcie;
    return f;
}

template <typename Model>
unsigned virtioModel(Model m, const Flags& f) {
    // Transitional devices keep the legacy interface, which needs
    // conventional PCI.
    return m == Model::VirtioTransitional ? f.pci : f.virtio;
}

unsigned flagsOf(const Controller& c, const Flags& f) {
    switch (c.type) {
    case ControllerType::Pci:
        if (auto* m = std::get_if<PciControllerModel>(&c.model))
            return pciControllerConnectType(*m);
        return 0;
    case ControllerType::Sata:
    case ControllerType::Ide: return f.pci;
    case ControllerType::Usb: {
        auto* m = std::get_if<UsbControllerModel>(&c.model);
        if (!m)
            return f.pci;  // legacy -usb
        switch (*m) {
        case UsbControllerModel::NecXhci:
        case UsbControllerModel::QemuXhci: return f.pcie;
        case UsbControllerModel::Qusb1:
        case UsbControllerModel::Qusb2:
        case UsbControllerModel::None: return 0;
        default: return f.pci;
        }
    }
    case ControllerType::Scsi: {
        auto* m = std::get_if<ScsiControllerModel>(&c.model);
        if (!m)
            return f.pci;
        switch (*m) {
        case ScsiControllerModel::VirtioScsi:
        case ScsiControllerModel::VirtioNonTransitional: return f.virtio;
        case ScsiControllerModel::Ncr53c90: return 0;
        default: return f.pci;
        }
    }
    case ControllerType::VirtioSerial: {
        auto* m = std::get_if<VirtioSerialControllerModel>(&c.model);
        return m && *m == VirtioSerialControllerModel::VirtioTransitional ? f.pci : f.virtio;
    }
    default: return 0;
    }
}

unsigned flagsOf(const NetInterface& net, const Flags& f) {
    if (net.type == NetType::Hostdev || net.model == NetModel::UsbNet || net.model == NetModel::SpaprVlan)
        return 0;
    if (net.isVirtio())
        return virtioModel(net.model, f);
    if (net.model == NetModel::E1000e || net.model == NetModel::Igb)
        return f.pcie;
    return f.pci;
}

unsigned flagsOf(const Sound& s, const Flags& f) {
    switch (s.model) {
    case SoundModel::Es1370:
    case SoundModel::Ac97:
    case SoundModel::Ich6:
    case SoundModel::Ich7:
    case SoundModel::Ich9: return f.pci;
    default: return 0;
    }
}

unsigned flagsOf(const Video& v, const Flags& f) {
    switch (v.type) {
    case VideoType::Virtio: return f.virtio;
    case VideoType::Vga:
    case VideoType::Cirrus:
    case VideoType::Vmvga:
    case VideoType::Xen:
    case VideoType::Vbox:
    case VideoType::Qxl:
    case VideoType::Parallels:
    case VideoType::Bochs: return f.pci;
    default: return 0;
    }
}

unsigned flagsOf(const Hostdev& h, const Flags& f) {
    const auto* s = h.subsys();
    if (!s)
        return 0;
    if (std::holds_alternative<HostdevPciSource>(*s))
        return f.pcie;
    if (auto* m = std::get_if<HostdevMdevSource>(s))
        return m->model == MdevModel::VfioPci ? f.pcie : 0;
    if (auto* sh = std::get_if<HostdevScsiHostSource>(s))
        return sh->model == ScsiHostModel::VirtioTransitional ? f.pci : f.virtio;
    return 0;
}

unsigned flagsOf(const Chardev& c, const Flags& f) {
    return c.deviceType == ChardevDeviceType::Serial && c.serialTarget == SerialTargetType::PciSerial ? f.pci : 0;
}

unsigned flagsOf(const MemoryDevice& m, const Flags& f) {
    auto model = m.model();
    return model == MemoryModel::VirtioPmem || model == MemoryModel::VirtioMem ? f.virtio : 0;
}

// The connection flags of any device (0: it does not use PCI).
template <typename Dev>
unsigned flagsOfAny(const Dev& dev, const Flags& f) {
    if constexpr (std::is_same_v<Dev, Disk>)
        return dev.bus == DiskBus::Virtio ? virtioModel(dev.model, f) : 0;
    else if constexpr (std::is_same_v<Dev, Filesystem>)
        return virtioModel(dev.model, f);
    else if constexpr (std::is_same_v<Dev, Memballoon>)
        return dev.model == MemballoonModel::Virtio || dev.model == MemballoonModel::VirtioNonTransitional ? f.virtio
               : dev.model == MemballoonModel::VirtioTransitional                                            ? f.pci
                                                                                                             : 0;
    else if constexpr (std::is_same_v<Dev, Rng>)
        return virtioModel(dev.model, f);
    else if constexpr (std::is_same_v<Dev, Watchdog>)
        return dev.model == WatchdogModel::I6300esb ? f.pci : 0;
    else if constexpr (std::is_same_v<Dev, Shmem>)
        return f.pci;
    else if constexpr (std::is_same_v<Dev, Input>)
        return dev.bus == InputBus::Virtio ? virtioModel(dev.model, f) : 0;
    else if constexpr (std::is_same_v<Dev, Vsock>)
        return virtioModel(dev.model, f);
    else if constexpr (std::is_same_v<Dev, Iommu>)
        return dev.model == IommuModel::Virtio ? f.virtio : 0;
    else if constexpr (std::is_same_v<Dev, Crypto>)
        return f.virtio;
    else if constexpr (std::is_same_v<Dev, Panic>)
        return dev.model == PanicModel::Pvpanic ? f.pci : 0;
    else if constexpr (requires { flagsOf(dev, f); })
        return flagsOf(dev, f);
    else
        return 0;
}

bool pciPresent(const DeviceInfo& info) {
    auto* p = std::get_if<PciAddress>(&info.address);
    return p && !p->empty();
}

bool pciWanted(const DeviceInfo& info) {
    if (!info.hasAddress())
        return true;
    auto* p = std::get_if<PciAddress>(&info.address);
    return p && p->empty();
}

const PciAddress& pciOf(const DeviceInfo& info) { return std::get<PciAddress>(info.address); }

// The integrated PIIX3 IDE and USB functions of slot 1 are reserved with
// the whole slot by the chipset rules, not one by one.
bool isPiix3Builtin(const Controller& c, const PciAddress& a) {
    if (a.domain != 0 || a.bus != 0 || a.slot != 1 || c.index != 0)
        return false;
    if (c.type == ControllerType::Ide)
        return a.function == 1;
    if (c.type == ControllerType::Usb) {
        auto* m = std::get_if<UsbControllerModel>(&c.model);
        return (!m || *m == UsbControllerModel::Piix3Uhci) && a.function == 2;
    }
    return false;
}

class Assigner {
public:
    Assigner(Domain& def, PciAddressSet& addrs, const Flags& f) : def_(def), addrs_(addrs), f_(f) {}

    void collect() {
        forEachDevice(def_.devices, [&](auto& dev) {
            if constexpr (requires { dev.info; }) {
                if (!pciPresent(dev.info))
                    return;
                unsigned flags = flagsOfAny(dev, f_);
                // Older definitions put PCI addresses on devices that do not
                // use PCI; treat those as plain PCI devices.
                if (!flags)
                    flags = kPciDevice;
                const PciAddress& a = pciOf(dev.info);
                if constexpr (std::is_same_v<std::decay_t<decltype(dev)>, Controller>) {
                    if (isPiix3Builtin(dev, a)) {
                        if (!addrs_.buses().empty() && !(addrs_.buses()[0].flags & kPciDevice))
                            fail(ErrorCode::InternalError, ErrorDomain::Qemu,
                                 "Bus 0 must be PCI for integrated PIIX3 USB or IDE controllers");
                        return;
                    }
                }
                addrs_.reserve(a, flags, true);
            }
        });
    }

    // Reserves the next free slot for `info` and (in the real run) stores it.
    void next(DeviceInfo& info, unsigned flags, int function = -1) {
        PciAddress a = addrs_.reserveNext(flags, function);
        if (!addrs_.dryRun()) {
            auto* old = std::get_if<PciAddress>(&info.address);
            if (old) {
                a.zpciUid = old->zpciUid;
                a.zpciFid = old->zpciFid;
            }
            info.address = a;
        }
    }

    void chipsetPiix3() {
        for (auto& c : def_.devices.controllers) {
            if (c.index != 0)
                continue;
            if (c.type == ControllerType::Ide)
                placeBuiltin(c, 1, 1, "Primary IDE controller must have PCI address 0:0:1.1");
            auto* m = std::get_if<UsbControllerModel>(&c.model);
            if (c.type == ControllerType::Usb && (!m || *m == UsbControllerModel::Piix3Uhci))
                placeBuiltin(c, 1, 2, "PIIX3 USB controller must have PCI address 0:0:1.2");
        }
        if (addrs_.size()) {
            PciAddress slot1;
            slot1.slot = 1;
            addrs_.reserve(slot1, kPciDevice, false);
        }
        primaryVideo(2, kPciDevice);
    }

    void chipsetQ35() {
        for (auto& c : def_.devices.controllers) {
            if (c.type == ControllerType::Sata && c.index == 0) {
                placeBuiltin(c, 0x1f, 2, "Primary SATA controller must have PCI address 0:0:1f.2");
            } else if (c.type == ControllerType::Usb && !c.info.hasAddress()) {
                // USB2 companions go where real ICH9 hardware has them, if free.
                auto* m = std::get_if<UsbControllerModel>(&c.model);
                if (!m || *m != UsbControllerModel::Ich9Uhci1)
                    continue;
                PciAddress a;
                a.slot = 0x1d;
                if (addrs_.slotInUse(a))
                    a.slot = 0x1a;
                if (addrs_.slotInUse(a))
                    continue;
                addrs_.reserve(a, kPcieDevice, false);
                a.multifunction = TriSwitch::On;
                c.info.address = a;
            } else if (c.type == ControllerType::Pci && !c.info.hasAddress()) {
                auto* m = std::get_if<PciControllerModel>(&c.model);
                if (!m || *m != PciControllerModel::DmiToPciBridge)
                    continue;
                PciAddress a;
                a.slot = 0x1e;
                if (addrs_.slotInUse(a))
                    continue;
                addrs_.reserve(a, kPcieDevice, false);
                c.info.address = a;
            }
        }
        if (addrs_.size()) {
            // The ISA bridge and SMBus functions every q35 has.
            PciAddress a;
            a.slot = 0x1f;
            addrs_.reserve(a, kPcieDevice, false);
            a.function = 3;
            addrs_.reserve(a, kPcieDevice, false);
        }
        primaryVideo(1, kPcieDevice);
        PciAddress hda;
        hda.slot = 0x1b;
        if (!addrs_.slotInUse(hda)) {
            for (auto& s : def_.devices.sounds) {
                if (s.model != SoundModel::Ich9 || !pciWanted(s.info))
                    continue;
                addrs_.reserve(hda, kPcieDevice, false);
                s.info.address = hda;
                break;
            }
        }
    }

    // qemuDomainAssignDevicePCISlots: the order is libvirt's ABI.
    void slots() {
        auto& dev = def_.devices;
        for (auto& c : dev.controllers) {
            auto* m = std::get_if<PciControllerModel>(&c.model);
            if (c.type != ControllerType::Pci || !m || *m == PciControllerModel::PciRoot ||
                *m == PciControllerModel::PcieRoot || !pciWanted(c.info))
                continue;
            next(c.info, flagsOf(c, f_));
        }
        for (auto& fs : dev.filesystems)
            if (pciWanted(fs.info))
                next(fs.info, flagsOfAny(fs, f_));
        for (auto& net : dev.interfaces) {
            unsigned flags = flagsOf(net, f_);
            if (net.type == NetType::Hostdev || !flags || !pciWanted(net.info))
                continue;
            next(net.info, flags);
        }
        for (auto& s : dev.sounds) {
            unsigned flags = flagsOf(s, f_);
            if (!flags || !pciWanted(s.info))
                continue;
            next(s.info, flags);
        }
        controllers();
        for (auto& d : dev.disks) {
            if (d.bus != DiskBus::Virtio || pciPresent(d.info) || std::holds_alternative<CcwAddress>(d.info.address) ||
                std::holds_alternative<VirtioS390Address>(d.info.address) ||
                std::holds_alternative<VirtioMmioAddress>(d.info.address))
                continue;
            if (!pciWanted(d.info))
                fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "virtio disk cannot have an address of type '{}'",
                     addressTypeName(d.info.address));
            next(d.info, flagsOfAny(d, f_));
        }
        for (auto& h : dev.hostdevs) {
            unsigned flags = flagsOf(h, f_);
            if (!flags || !pciWanted(h.info))
                continue;
            next(h.info, flags);
        }
        if (dev.memballoon && flagsOfAny(*dev.memballoon, f_) && pciWanted(dev.memballoon->info))
            next(dev.memballoon->info, flagsOfAny(*dev.memballoon, f_));
        for (auto& r : dev.rngs)
            if (pciWanted(r.info))
                next(r.info, flagsOfAny(r, f_));
        for (auto& w : dev.watchdogs)
            if (w.model == WatchdogModel::I6300esb && pciWanted(w.info))
                next(w.info, f_.pci);
        for (auto& v : dev.videos) {
            unsigned flags = flagsOf(v, f_);
            if (flags && pciWanted(v.info))
                next(v.info, flags);
        }
        for (auto& s : dev.shmems)
            if (pciWanted(s.info))
                next(s.info, f_.pci);
        for (auto& in : dev.inputs)
            if (in.bus == InputBus::Virtio && pciWanted(in.info))
                next(in.info, flagsOfAny(in, f_));
        for (auto& s : dev.serials)
            if (s.serialTarget == SerialTargetType::PciSerial && pciWanted(s.info))
                next(s.info, f_.pci);
        for (auto& m : dev.memories)
            if (flagsOf(m, f_) && pciWanted(m.info))
                next(m.info, f_.virtio);
        if (dev.vsock && pciWanted(dev.vsock->info))
            next(dev.vsock->info, flagsOfAny(*dev.vsock, f_));
        for (auto& c : dev.cryptos)
            if (pciWanted(c.info))
                next(c.info, f_.virtio);
        if (dev.iommu && dev.iommu->model == IommuModel::Virtio && pciWanted(dev.iommu->info))
            next(dev.iommu->info, f_.virtio);
        for (auto& p : dev.panics)
            if (p.model == PanicModel::Pvpanic && pciWanted(p.info))
                next(p.info, f_.pci);
    }

private:
    void placeBuiltin(Controller& c, unsigned slot, unsigned function, const char* message) {
        if (pciPresent(c.info)) {
            const auto& a = pciOf(c.info);
            if (a.domain != 0 || a.bus != 0 || a.slot != slot || a.function != function)
                fail(ErrorCode::InternalError, ErrorDomain::Qemu, "{}", message);
            return;
        }
        PciAddress a;
        a.slot = slot;
        a.function = function;
        c.info.address = a;
    }

    // The slot is reserved as the chipset's integrated devices are: a plain
    // PCI device on i440fx, a PCIe one on q35's pcie-root.
    void primaryVideo(unsigned slot, unsigned reserveFlags) {
        if (def_.devices.videos.empty())
            return;
        Video& v = def_.devices.videos[0];
        if (v.type == VideoType::None || v.type == VideoType::Ramfb || !pciWanted(v.info))
            return;
        // QEMU puts the first VGA right after the integrated devices.
        PciAddress a;
        a.slot = slot;
        if (addrs_.slotInUse(a)) {
            next(v.info, flagsOf(v, f_));
            return;
        }
        addrs_.reserve(a, reserveFlags, false);
        v.info.address = a;
    }

    static bool isUsb2(const Controller& c) {
        auto* m = std::get_if<UsbControllerModel>(&c.model);
        return c.type == ControllerType::Usb && m &&
               (*m == UsbControllerModel::Ich9Ehci1 || *m == UsbControllerModel::Ich9Uhci1 ||
                *m == UsbControllerModel::Ich9Uhci2 || *m == UsbControllerModel::Ich9Uhci3);
    }

    // SCSI, USB, SATA, virtio-serial ... (not IDE 0, FDC or CCID).
    void controllers() {
        auto& list = def_.devices.controllers;
        for (auto& c : list) {
            if (c.type == ControllerType::Pci || c.isUsbNone() || c.type == ControllerType::Fdc ||
                c.type == ControllerType::Ccid || (c.type == ControllerType::Ide && c.index == 0))
                continue;
            unsigned flags = flagsOf(c, f_);
            if (!flags || !pciWanted(c.info))
                continue;
            if (!isUsb2(c)) {
                next(c.info, flags);
                continue;
            }
            // USB2 companions share one slot, one function each.
            PciAddress addr;
            bool found = false;
            for (const auto& o : list)
                if (isUsb2(o) && o.index == c.index && pciPresent(o.info)) {
                    addr = pciOf(o.info);
                    found = true;
                    break;
                }
            switch (std::get<UsbControllerModel>(c.model)) {
            case UsbControllerModel::Ich9Ehci1: addr.function = 7; addr.multifunction = TriSwitch::Absent; break;
            case UsbControllerModel::Ich9Uhci1: addr.function = 0; addr.multifunction = TriSwitch::On; break;
            case UsbControllerModel::Ich9Uhci2: addr.function = 1; addr.multifunction = TriSwitch::Absent; break;
            default: addr.function = 2; addr.multifunction = TriSwitch::Absent; break;
            }
            if (found) {
                addrs_.reserve(addr, flags, true);
                c.info.address = addr;
            } else {
                TriSwitch multi = addr.multifunction;
                next(c.info, flags, static_cast<int>(addr.function));
                if (auto* a = std::get_if<PciAddress>(&c.info.address))
                    a->multifunction = multi;
            }
        }
    }

    Domain& def_;
    PciAddressSet& addrs_;
    Flags f_;
};

PciAddressSet createSet(Domain& def, size_t nbuses, bool dryRun, const Flags& f, bool pcieToPci) {
    PciAddressSet addrs(nbuses, dryRun, pcieToPci);
    bool pcieRoot = false;
    for (const auto& c : def.devices.controllers) {
        auto* m = std::get_if<PciControllerModel>(&c.model);
        if (c.type != ControllerType::Pci || !m || c.index < 0)
            continue;
        if (static_cast<size_t>(c.index) >= nbuses)
            fail(ErrorCode::InternalError, ErrorDomain::Qemu,
                 "Inappropriate new pci controller index {} exceeds addrs array length", c.index);
        addrs.buses()[static_cast<size_t>(c.index)].setModel(*m, c.pci.hotplug != TriSwitch::Off);
        pcieRoot = pcieRoot || *m == PciControllerModel::PcieRoot;
    }
    if (nbuses > 0 && !addrs.buses()[0].hasModel)
        addrs.buses()[0].setModel(PciControllerModel::PciRoot, true);
    for (size_t i = 1; i < nbuses; ++i)
        if (!addrs.buses()[i].hasModel)
            addrs.buses()[i].setModel(pcieRoot ? PciControllerModel::PcieRootPort : PciControllerModel::PciBridge, true);
    Assigner(def, addrs, f).collect();
    return addrs;
}

void chipset(Domain& def, PciAddressSet& addrs, const Flags& f) {
    Assigner a(def, addrs, f);
    if (isI440fx(def))
        a.chipsetPiix3();
    if (isQ35(def))
        a.chipsetQ35();
}

// Function 0 of a slot with other functions in use is multifunction,
// unless the user said otherwise.
void setAllMulti(Domain& def) {
    std::vector<PciAddress> multi;
    forEachDeviceInfo(def.devices, [&](const DeviceInfo& info) {
        if (auto* a = std::get_if<PciAddress>(&info.address); a && a->function != 0)
            multi.push_back(*a);
    });
    for (const auto& m : multi) {
        bool done = false;
        forEachDeviceInfo(def.devices, [&](DeviceInfo& info) {
            auto* a = std::get_if<PciAddress>(&info.address);
            if (done || !a || a->domain != m.domain || a->bus != m.bus || a->slot != m.slot || a->function != 0)
                return;
            if (a->multifunction == TriSwitch::Absent)
                a->multifunction = TriSwitch::On;
            done = true;
        });
    }
}

int newBusNr(const Domain& def) {
    int lowest = 256;
    for (const auto& c : def.devices.controllers)
        if (c.type == ControllerType::Pci && c.pci.busNr >= 0 && c.pci.busNr < lowest)
            lowest = c.pci.busNr;
    return lowest <= 2 ? -1 : lowest - 2;
}

void controllerOptions(Domain& def, const QemuCaps& caps) {
    for (auto& c : def.devices.controllers) {
        auto* m = std::get_if<PciControllerModel>(&c.model);
        if (c.type != ControllerType::Pci || !m)
            continue;
        auto& o = c.pci;
        if (o.modelName == PciModelName::None) {
            switch (*m) {
            case PciControllerModel::PciBridge: o.modelName = PciModelName::PciBridge; break;
            case PciControllerModel::DmiToPciBridge: o.modelName = PciModelName::I82801b11Bridge; break;
            case PciControllerModel::PcieRootPort:
                o.modelName = caps.hasDevice("pcie-root-port") ? PciModelName::PcieRootPort : PciModelName::Ioh3420;
                break;
            case PciControllerModel::PcieSwitchUpstreamPort: o.modelName = PciModelName::X3130Upstream; break;
            case PciControllerModel::PcieSwitchDownstreamPort: o.modelName = PciModelName::Xio3130Downstream; break;
            case PciControllerModel::PciExpanderBus: o.modelName = PciModelName::Pxb; break;
            case PciControllerModel::PcieExpanderBus: o.modelName = PciModelName::PxbPcie; break;
            case PciControllerModel::PcieToPciBridge: o.modelName = PciModelName::PciePciBridge; break;
            default: break;
            }
        }
        const PciAddress* addr = std::get_if<PciAddress>(&c.info.address);
        unsigned slot = addr ? addr->slot : 0, function = addr ? addr->function : 0, bus = addr ? addr->bus : 0;
        switch (*m) {
        case PciControllerModel::PciBridge:
            if (o.chassisNr == -1)
                o.chassisNr = c.index;
            break;
        case PciControllerModel::PcieRootPort:
            if (o.chassis == -1)
                o.chassis = c.index;
            if (o.port == -1)
                o.port = static_cast<int>((slot << 3) + function);
            break;
        case PciControllerModel::PcieSwitchDownstreamPort:
            if (o.chassis == -1)
                o.chassis = c.index;
            if (o.port == -1)
                o.port = static_cast<int>(slot);
            break;
        case PciControllerModel::PciExpanderBus:
        case PciControllerModel::PcieExpanderBus:
            if (o.busNr == -1)
                o.busNr = newBusNr(def);
            if (o.busNr == -1)
                fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu,
                     "No free busNr lower than current lowest busNr is available to auto-assign to bus {}. Must be "
                     "manually assigned",
                     bus);
            break;
        default:
            break;
        }
        if (*m == PciControllerModel::PciBridge && c.index <= static_cast<int>(bus))
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu,
                 "PCI controller at index {} (0x{:02x}) has bus='0x{:02x}', but index must be larger than bus", c.index,
                 c.index, bus);
    }
}

}  // namespace

void assignPciAddresses(Domain& def, const QemuCaps& caps) {
    int maxIdx = -1;
    for (const auto& c : def.devices.controllers)
        if (c.type == ControllerType::Pci)
            maxIdx = std::max(maxIdx, c.index);
    size_t nbuses = static_cast<size_t>(maxIdx + 1);
    Flags f = connectFlagsFor(def);
    bool pcieToPci = caps.hasDevice("pcie-pci-bridge");

    if (nbuses > 0) {
        // Dry run: how many buses do the devices need?
        PciAddressSet addrs = createSet(def, nbuses, true, f, pcieToPci);
        chipset(def, addrs, f);
        if (hasPciRoot(def)) {
            // Keep one slot for a pci-bridge to expand into later.
            bool full = true;
            for (const auto& b : addrs.buses())
                full = full && b.fullyReserved();
            if (!full)
                addrs.reserveNext(kPciDevice | kPciAutoassign);
        }
        Assigner(def, addrs, f).slots();
        // A PCIe guest whose controllers libvirt manages gets one empty
        // root port to hotplug into.
        if (maxIdx <= 0 && addrs.size() > static_cast<size_t>(maxIdx + 1) && hasPcieRoot(def))
            addrs.reserveNext(kPcieDevice | kPciAutoassign);
        for (size_t i = 1; i < addrs.size(); ++i) {
            PciControllerModel model = addrs.buses()[i].model;
            if (findController(def, ControllerType::Pci, static_cast<int>(i)))
                continue;
            Controller c;
            c.type = ControllerType::Pci;
            c.index = static_cast<int>(i);
            c.model = model;
            insertController(def.devices.controllers, std::move(c));
            CVIRT_DEBUG(kLog, "auto-added PCI controller {} index {}", toString(model), i);
            if (model != PciControllerModel::PciRoot && model != PciControllerModel::PcieRoot)
                addrs.reserveNext(pciControllerConnectType(model));
        }
        nbuses = addrs.size();
    }

    PciAddressSet addrs = createSet(def, nbuses, false, f, pcieToPci);
    if (!supportsPci(def))
        return;
    chipset(def, addrs, f);
    Assigner(def, addrs, f).slots();
    setAllMulti(def);
    controllerOptions(def, caps);
}

}  // namespace cvirt::qemu
