#pragma once
// The PCI buses of a guest and which slot functions are taken (libvirt's
// virDomainPCIAddressSet): what each bus accepts, where the next device of
// a kind fits, and, in a dry run, which buses must be added so that it does.

#include <array>
#include <cstdint>
#include <vector>

#include "conf/domain/device_info.hpp"
#include "conf/domain/devices/controller.hpp"

namespace cvirt::qemu {

// How a device connects to PCI (virDomainPCIConnectFlags): a device and a
// bus fit when they share a type bit.
enum PciConnect : unsigned {
    kPciHotpluggable = 1u << 0,
    kPciAutoassign = 1u << 1,    // placed by libvirt (the bus must accept that)
    kPciAggregateSlot = 1u << 2, // several such devices may share a slot
    kPciDevice = 1u << 3,
    kPcieDevice = 1u << 4,
    kPcieRootPort = 1u << 5,
    kPcieSwitchUpstream = 1u << 6,
    kPcieSwitchDownstream = 1u << 7,
    kDmiToPciBridge = 1u << 8,
    kPciExpanderBus = 1u << 9,
    kPcieExpanderBus = 1u << 10,
    kPciBridge = 1u << 11,
    kPcieToPciBridge = 1u << 12,
};
inline constexpr unsigned kPciConnectTypes = kPciDevice | kPcieDevice | kPcieRootPort | kPcieSwitchUpstream |
                                             kPcieSwitchDownstream | kDmiToPciBridge | kPciExpanderBus |
                                             kPcieExpanderBus | kPciBridge | kPcieToPciBridge;
inline constexpr unsigned kPciEndpoints = kPciDevice | kPcieDevice;

// What a PCI controller of `model` is when plugged in (0: it is a root).
unsigned pciControllerConnectType(conf::domain::PciControllerModel model);

struct PciBus {
    bool hasModel = false;
    conf::domain::PciControllerModel model{};
    unsigned flags = 0;  // what it accepts
    unsigned minSlot = 0, maxSlot = 31;
    std::array<uint8_t, 32> functions{};  // bit per function in use
    std::array<bool, 32> aggregate{};

    void setModel(conf::domain::PciControllerModel m, bool hotplug);
    bool empty() const;
    bool fullyReserved() const;
};

class PciAddressSet {
public:
    // `dryRun`: reservations past the last bus add buses instead of failing.
    PciAddressSet(size_t buses, bool dryRun, bool pcieToPciBridge);

    std::vector<PciBus>& buses() { return buses_; }
    size_t size() const { return buses_.size(); }
    bool dryRun() const { return dryRun_; }

    bool slotInUse(const conf::domain::PciAddress& addr) const;
    // Marks a function taken; throws with libvirt's messages when it is
    // invalid or already used. `fromConfig`: the user wrote this address.
    void reserve(conf::domain::PciAddress addr, unsigned flags, bool fromConfig);
    // The first completely free slot (or a free function of an aggregate
    // slot) on a bus that accepts `flags`, reserved. `function` -1: any.
    conf::domain::PciAddress reserveNext(unsigned flags, int function = -1);

private:
    bool compatible(const conf::domain::PciAddress& addr, unsigned busFlags, unsigned devFlags, bool report,
                    bool fromConfig) const;
    void validate(const conf::domain::PciAddress& addr, unsigned flags, bool fromConfig) const;
    bool findOnBus(size_t bus, conf::domain::PciAddress& a, int function, unsigned flags) const;
    // Adds the buses `addr` needs; may move it to a later bus.
    void grow(conf::domain::PciAddress& addr, unsigned flags);

    std::vector<PciBus> buses_;
    bool dryRun_;
    bool pcieToPciBridge_;
};

// "0000:00:01.2" as libvirt prints addresses in messages.
std::string formatPciAddress(const conf::domain::PciAddress& addr);

}  // namespace cvirt::qemu
