#pragma once
// <hostdev>: a host device passed through to the guest (libvirt's
// virDomainHostdevDef): subsystem devices (PCI, USB, SCSI, vhost-scsi,
// mediated) and capability devices (block, char, net, for containers).

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "conf/domain/device_info.hpp"
#include "conf/domain/devices/storage_source.hpp"

namespace cvirt::conf::domain {

enum class HostdevMode { Subsystem, Capabilities };
CVIRT_ENUM_STRINGS(HostdevMode, "subsystem", "capabilities");
enum class HostdevSubsysType { Usb, Pci, Scsi, ScsiHost, Mdev };
CVIRT_ENUM_STRINGS(HostdevSubsysType, "usb", "pci", "scsi", "scsi_host", "mdev");
enum class HostdevCapsType { Storage, Misc, Net };
CVIRT_ENUM_STRINGS(HostdevCapsType, "storage", "misc", "net");
enum class HostdevPciBackend { Default, Kvm, Vfio, Xen };
CVIRT_ENUM_STRINGS_UNSET(HostdevPciBackend, "default", "kvm", "vfio", "xen");
enum class UsbGuestReset { Default, Off, Uninitialized, On };
CVIRT_ENUM_STRINGS_UNSET(UsbGuestReset, "default", "off", "uninitialized", "on");
enum class ScsiHostModel { Default, Virtio, VirtioTransitional, VirtioNonTransitional };
CVIRT_ENUM_STRINGS_UNSET(ScsiHostModel, "default", "virtio", "virtio-transitional", "virtio-non-transitional");
enum class MdevModel { VfioPci, VfioCcw, VfioAp };
CVIRT_ENUM_STRINGS(MdevModel, "vfio-pci", "vfio-ccw", "vfio-ap");
enum class TeamingType { None, Persistent, Transient };
CVIRT_ENUM_STRINGS_UNSET(TeamingType, "none", "persistent", "transient");

struct HostdevUsbSource {
    StartupPolicy startupPolicy{};
    UsbGuestReset guestReset{};
    bool autoAddress = false;  // printed only in migratable XML
    bool missing = false;      // live only
    std::optional<unsigned> vendor, product;
    unsigned bus = 0, device = 0;
};
struct HostdevPciSource {
    HostdevPciBackend backend{};
    TriBool writeFiltering{};
    PciAddress address;
};
struct HostdevScsiSource {
    bool iscsi = false;  // protocol='iscsi', else a host adapter
    // adapter
    std::string adapter;
    unsigned bus = 0, target = 0;
    unsigned long long unit = 0;
    // iscsi: name + one host + auth + initiator, kept as a storage source
    StorageSource iscsiSource;
    DeviceSgio sgio{};
    TriBool rawio{};
};
struct HostdevScsiHostSource {
    std::string wwpn;  // protocol='vhost'
    ScsiHostModel model{};
};
struct HostdevMdevSource {
    MdevModel model = MdevModel::VfioPci;
    TriSwitch display{}, ramfb{};
    Uuid uuid;
};
using HostdevSubsys =
    std::variant<HostdevUsbSource, HostdevPciSource, HostdevScsiSource, HostdevScsiHostSource, HostdevMdevSource>;

struct HostdevIp {
    std::string address, family, peer;
    std::optional<unsigned> prefix;
};
struct HostdevRoute {
    std::string family, address, netmask, gateway;
    std::optional<unsigned> prefix, metric;
};
struct HostdevCaps {
    HostdevCapsType type = HostdevCapsType::Storage;
    std::string value;  // <block>, <char> or <interface> text
    std::vector<HostdevIp> ips;
    std::vector<HostdevRoute> routes;
};

struct Hostdev {
    HostdevMode mode = HostdevMode::Subsystem;
    bool managed = false;
    std::variant<HostdevSubsys, HostdevCaps> source;
    bool readonly = false, shareable = false;  // SCSI
    TeamingType teaming{};
    std::string teamingPersistent;
    DeviceInfo info;

    const HostdevSubsys* subsys() const { return std::get_if<HostdevSubsys>(&source); }
    HostdevSubsys* subsys() { return std::get_if<HostdevSubsys>(&source); }
    bool isScsi() const { return subsys() && std::holds_alternative<HostdevScsiSource>(*subsys()); }
};

void xmlParse(Hostdev& h, const Node& node, ParseContext& ctx);
void xmlFormat(Writer& w, std::string_view name, const Hostdev& h, FormatContext& ctx);

// virDomainHostdevDefParseXMLSubsys for `type` (also used by
// <interface type='hostdev'>): reads managed, model, sgio, rawio from
// `node` and the <source> child.
HostdevSubsys parseHostdevSubsys(const Node& node, HostdevSubsysType type, bool& managed, ParseContext& ctx);
// The <driver> and <source> children of a subsystem hostdev;
// `withAddressType` adds type= to source addresses (inside <interface>).
void formatHostdevSubsysSource(Writer& w, const HostdevSubsys& s, FormatContext& ctx, bool withAddressType);

// virDomainHostdevDefPostParse: iSCSI LUN suffix; SCSI hostdevs without an
// address get the first free unit of `usedScsiAddresses` (disks' and other
// hostdevs'), and may not reuse a SCSI disk's (`scsiDiskAddresses`).
void postParseHostdev(Hostdev& h, const std::vector<DriveAddress>& usedScsiAddresses,
                      const std::vector<DriveAddress>& scsiDiskAddresses, unsigned scsiBusMaxUnit = 7);
// Checks across hostdevs (virDomainDefHostdevValidate): duplicates, one ramfb.
void validateHostdevSet(const std::vector<Hostdev>& hostdevs);

}  // namespace cvirt::conf::domain
