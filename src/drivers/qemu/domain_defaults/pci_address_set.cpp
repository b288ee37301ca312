#include "drivers/qemu/domain_defaults/pci_address_set.hpp"

#include <fmt/format.h>

#include "util/error.hpp"

namespace cvirt::qemu {

using conf::domain::PciAddress;
using conf::domain::PciControllerModel;

unsigned pciControllerConnectType(PciControllerModel model) {
    switch (model) {
    case PciControllerModel::PciRoot:
    case PciControllerModel::PcieRoot: return 0;
    case PciControllerModel::PciBridge: return kPciBridge;
    case PciControllerModel::PciExpanderBus: return kPciExpanderBus;
    case PciControllerModel::PcieExpanderBus: return kPcieExpanderBus;
    case PciControllerModel::DmiToPciBridge: return kDmiToPciBridge;
    case PciControllerModel::PcieToPciBridge: return kPcieToPciBridge;
    case PciControllerModel::PcieRootPort: return kPcieRootPort | kPciAggregateSlot;
    case PciControllerModel::PcieSwitchUpstreamPort: return kPcieSwitchUpstream;
    case PciControllerModel::PcieSwitchDownstreamPort: return kPcieSwitchDownstream;
    }
    return 0;
}

std::string formatPciAddress(const PciAddress& a) {
    return fmt::format("{:04x}:{:02x}:{:02x}.{}", a.domain, a.bus, a.slot, a.function);
}

void PciBus::setModel(PciControllerModel m, bool hotplug) {
    unsigned hp = hotplug ? unsigned(kPciHotpluggable) : 0u;
    switch (m) {
    case PciControllerModel::PciRoot:
        flags = kPciAutoassign | kPciDevice | kPciBridge | kPciExpanderBus | hp;
        minSlot = 1;
        maxSlot = 31;
        break;
    case PciControllerModel::PciBridge:
        flags = kPciAutoassign | kPciDevice | kPciBridge | hp;
        minSlot = 1;
        maxSlot = 31;
        break;
    case PciControllerModel::PciExpanderBus:
        flags = kPciAutoassign | kPciDevice | kPciBridge | hp;
        minSlot = 0;
        maxSlot = 31;
        break;
    case PciControllerModel::PcieRoot:
        // No auto-assignment: endpoints go on root ports, unless the
        // user placed them here.
        flags = kPcieDevice | kPcieRootPort | kDmiToPciBridge | kPcieExpanderBus;
        minSlot = 1;
        maxSlot = 31;
        break;
    case PciControllerModel::DmiToPciBridge:
        flags = kPciDevice | kPciBridge;
        minSlot = 0;
        maxSlot = 31;
        break;
    case PciControllerModel::PcieToPciBridge:
        flags = kPciAutoassign | kPciDevice | kPciBridge | hp;
        minSlot = 1;
        maxSlot = 31;
        break;
    case PciControllerModel::PcieRootPort:
    case PciControllerModel::PcieSwitchDownstreamPort:
        flags = kPciAutoassign | kPcieDevice | kPcieSwitchUpstream | kPcieToPciBridge | hp;
        minSlot = 0;
        maxSlot = 0;
        break;
    case PciControllerModel::PcieSwitchUpstreamPort:
        flags = kPcieSwitchDownstream;
        minSlot = 0;
        maxSlot = 31;
        break;
    case PciControllerModel::PcieExpanderBus:
        flags = kPcieRootPort | kDmiToPciBridge;
        minSlot = 0;
        maxSlot = 31;
        break;
    }
    model = m;
    hasModel = true;
}

bool PciBus::empty() const {
    for (unsigned s = minSlot; s <= maxSlot; ++s)
        if (functions[s])
            return false;
    return true;
}

bool PciBus::fullyReserved() const {
    for (unsigned s = minSlot; s <= maxSlot; ++s)
        if (!functions[s])
            return false;
    return true;
}

PciAddressSet::PciAddressSet(size_t buses, bool dryRun, bool pcieToPciBridge)
    : buses_(buses), dryRun_(dryRun), pcieToPciBridge_(pcieToPciBridge) {}

bool PciAddressSet::slotInUse(const PciAddress& a) const {
    return a.bus < buses_.size() && a.slot < 32 && buses_[a.bus].functions[a.slot] != 0;
}

bool PciAddressSet::compatible(const PciAddress& addr, unsigned busFlags, unsigned devFlags, bool report,
                               bool fromConfig) const {
    ErrorCode code = fromConfig ? ErrorCode::XmlError : ErrorCode::InternalError;
    std::string where = formatPciAddress(addr);
    if (fromConfig) {
        // A user-chosen address may put a PCI device on a PCIe slot and
        // vice versa, and a pci-bridge anywhere a PCI device goes.
        if (busFlags & kPciEndpoints)
            busFlags |= kPciEndpoints;
        if (devFlags & kPciBridge)
            devFlags |= kPciDevice;
    } else if ((devFlags & kPciAutoassign) && !(busFlags & kPciAutoassign)) {
        if (report)
            fail(code, ErrorDomain::Qemu,
                 "The device at PCI address {} was auto-assigned this address, but the PCI controller with index='{}' "
                 "doesn't allow auto-assignment",
                 where, addr.bus);
        return false;
    }
    if ((devFlags & kPciHotpluggable) && !(busFlags & kPciHotpluggable)) {
        if (report)
            fail(code, ErrorDomain::Qemu,
                 "The device at PCI address {} requires hotplug capability, but the PCI controller with index='{}' "
                 "doesn't support hotplug",
                 where, addr.bus);
        return false;
    }
    if (!(devFlags & busFlags & kPciConnectTypes)) {
        if (!report)
            return false;
        const char* what = "pci-bridge";
        if (devFlags & kPciDevice)
            what = "standard PCI device";
        else if (devFlags & kPcieDevice)
            what = "PCI Express device";
        else if (devFlags & kPcieRootPort)
            what = "pcie-root-port";
        else if (devFlags & kPcieSwitchUpstream)
            what = "pcie-switch-upstream-port";
        else if (devFlags & kPcieSwitchDownstream)
            what = "pcie-switch-downstream-port";
        else if (devFlags & kDmiToPciBridge)
            what = "dmi-to-pci-bridge";
        else if (devFlags & kPcieToPciBridge)
            what = "pcie-to-pci-bridge";
        else if (devFlags & kPciExpanderBus)
            what = "pci-expander-bus";
        else if (devFlags & kPcieExpanderBus)
            what = "pcie-expander-bus";
        fail(code, ErrorDomain::Qemu,
             "The device at PCI address {} cannot be plugged into the PCI controller with index='{}'. It requires a "
             "controller that accepts a {}.",
             where, addr.bus, what);
    }
    return true;
}

void PciAddressSet::validate(const PciAddress& addr, unsigned flags, bool fromConfig) const {
    ErrorCode code = fromConfig ? ErrorCode::XmlError : ErrorCode::InternalError;
    std::string where = formatPciAddress(addr);
    if (buses_.empty())
        fail(code, ErrorDomain::Qemu, "No PCI buses available");
    if (addr.domain != 0)
        fail(code, ErrorDomain::Qemu, "Invalid PCI address {}. Only PCI domain 0 is available", where);
    if (addr.bus >= buses_.size())
        fail(code, ErrorDomain::Qemu, "Invalid PCI address {}. Only PCI buses up to {} are available", where,
             buses_.size() - 1);
    const PciBus& bus = buses_[addr.bus];
    compatible(addr, bus.flags, flags, true, fromConfig);
    if (bus.minSlot && addr.slot < bus.minSlot)
        fail(code, ErrorDomain::Qemu, "Invalid PCI address {}. slot must be >= {}", where, bus.minSlot);
    if (addr.slot > bus.maxSlot)
        fail(code, ErrorDomain::Qemu, "Invalid PCI address {}. slot must be <= {}", where, bus.maxSlot);
    if (addr.function > 7)
        fail(code, ErrorDomain::Qemu, "Invalid PCI address {}. function must be <= 7", where);
}

void PciAddressSet::grow(PciAddress& addr, unsigned flags) {
    if (addr.bus < buses_.size())
        return;
    size_t add = addr.bus - buses_.size() + 1;
    PciControllerModel model;
    bool needDmi = false, needPcieToPci = false;
    if (flags & kPciDevice) {
        model = PciControllerModel::PciBridge;
        // A pure PCIe guest has nowhere to plug a pci-bridge yet: it needs
        // a way from PCIe to conventional PCI first.
        bool bridgeHome = false;
        for (const auto& b : buses_)
            bridgeHome = bridgeHome || (b.flags & kPciBridge);
        if (!bridgeHome) {
            needDmi = !pcieToPciBridge_;
            needPcieToPci = pcieToPciBridge_;
            if (add == 1) {
                ++add;
                ++addr.bus;
            }
        }
    } else if (flags & (kPcieDevice | kPcieSwitchUpstream)) {
        model = PciControllerModel::PcieRootPort;
    } else {
        fail(ErrorCode::InternalError, ErrorDomain::Qemu,
             "Cannot automatically add a new PCI bus for a device with connect flags {:02x}", flags);
    }
    size_t i = buses_.size();
    buses_.resize(buses_.size() + add);
    if (needDmi)
        buses_[i++].setModel(PciControllerModel::DmiToPciBridge, false);
    if (needPcieToPci) {
        // The root port is only for the bridge; a dummy PCIe device asking
        // for a hotplug port later must not take it.
        buses_[i].setModel(PciControllerModel::PcieRootPort, true);
        buses_[i++].flags = kPcieToPciBridge;
        buses_[i++].setModel(PciControllerModel::PcieToPciBridge, true);
    }
    for (; i < buses_.size(); ++i)
        buses_[i].setModel(model, true);
}

void PciAddressSet::reserve(PciAddress addr, unsigned flags, bool fromConfig) {
    if (dryRun_)
        grow(addr, flags);
    validate(addr, flags, fromConfig);
    PciBus& bus = buses_[addr.bus];
    if (bus.functions[addr.slot] & (1u << addr.function))
        fail(fromConfig ? ErrorCode::XmlError : ErrorCode::InternalError, ErrorDomain::Qemu,
             "Attempted double use of PCI Address {}", formatPciAddress(addr));
    if (!bus.functions[addr.slot] && (flags & kPciAggregateSlot))
        bus.aggregate[addr.slot] = true;
    bus.functions[addr.slot] |= static_cast<uint8_t>(1u << addr.function);
}

bool PciAddressSet::findOnBus(size_t busIndex, PciAddress& a, int function, unsigned flags) const {
    const PciBus& bus = buses_[busIndex];
    if (!compatible(a, bus.flags, flags, false, false))
        return false;
    for (; a.slot <= bus.maxSlot; ++a.slot) {
        if (bus.functions[a.slot] == 0)
            return true;
        if ((flags & kPciAggregateSlot) && bus.aggregate[a.slot]) {
            if (!(bus.functions[a.slot] & (1u << a.function)))
                return true;
            if (function == -1) {
                for (; a.function < 8; ++a.function)
                    if (!(bus.functions[a.slot] & (1u << a.function)))
                        return true;
                a.function = 0;
            }
        }
    }
    return false;
}

PciAddress PciAddressSet::reserveNext(unsigned flags, int function) {
    if (buses_.empty())
        fail(ErrorCode::XmlError, ErrorDomain::Qemu, "No PCI buses available");
    PciAddress a;
    a.function = function == -1 ? 0 : static_cast<unsigned>(function);
    bool found = false;
    for (a.bus = 0; a.bus < buses_.size(); ++a.bus) {
        a.slot = buses_[a.bus].minSlot;
        if ((found = findOnBus(a.bus, a, function, flags)))
            break;
    }
    if (!found) {
        if (!dryRun_)
            fail(ErrorCode::InternalError, ErrorDomain::Qemu, "No more available PCI slots");
        grow(a, flags);
        a.slot = buses_[a.bus].minSlot;
    }
    reserve(a, flags, false);
    return a;
}

}  // namespace cvirt::qemu
