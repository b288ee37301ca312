#pragma once
// The host capabilities document (virConnectGetCapabilities): what the host
// offers (CPU, NUMA topology, security models) and which guests a driver can
// run on it (OS type, architecture, emulators, machine types, features).
// Drivers fill the model; formatCapabilitiesXml writes it exactly as
// libvirt's virCapabilitiesFormatXML does.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/bitmap.hpp"
#include "util/uuid.hpp"

namespace cvirt::conf::capabilities {

// The host CPU as libvirt describes it inside <host><cpu> (a host-type CPU
// definition: no mode, match or policies).
struct HostCpuModel {
    std::string model;
    std::optional<std::string> fallback;
    std::string vendor;
    std::optional<unsigned> microcode;
    struct Signature {
        unsigned family = 0, model = 0, stepping = 0;
    };
    std::optional<Signature> signature;
    struct Counter {
        std::string name;
        uint64_t frequency = 0;
        std::optional<bool> scaling;
    };
    std::optional<Counter> counter;
    struct Topology {
        unsigned sockets = 0, dies = 0, clusters = 0, cores = 0, threads = 0;
    };
    std::optional<Topology> topology;
    struct MaxPhysAddr {
        std::string mode;
        std::optional<unsigned> bits;
    };
    std::optional<MaxPhysAddr> maxPhysAddr;
    std::vector<std::string> features;
};

struct NumaCpu {
    unsigned id = 0;
    // libvirt writes socket/die/core ids only when the siblings are known.
    std::optional<Bitmap> siblings;
    unsigned socketId = 0, dieId = 0, coreId = 0;
};

struct NumaPages {
    unsigned sizeKiB = 0;
    uint64_t available = 0;
};

struct NumaDistance {
    unsigned cellId = 0;
    unsigned value = 0;
};

struct NumaCell {
    unsigned id = 0;
    uint64_t memoryKiB = 0;  // 0: unknown, not written
    std::vector<NumaPages> pages;
    std::vector<NumaDistance> distances;
    std::vector<NumaCpu> cpus;
};

struct SecurityLabelBase {
    std::string type;   // the virt type, e.g. "kvm"
    std::string label;
};

struct SecurityModel {
    std::string model;
    std::string doi;
    std::vector<SecurityLabelBase> baseLabels;
};

// Power management targets, in libvirt's order (virCapsHostPMTarget).
enum class PowerTarget { SuspendMem, SuspendDisk, SuspendHybrid };

struct Host {
    Uuid uuid;  // null: not written
    std::string arch;  // "i686", "x86_64", ...; empty: unknown
    std::vector<std::string> features;  // <features><pae/>...
    std::optional<HostCpuModel> cpu;
    std::vector<unsigned> pageSizesKiB;
    std::vector<PowerTarget> powerManagement;
    bool iommu = false;
    bool offlineMigration = false;
    bool liveMigration = false;
    std::vector<std::string> migrationTransports;
    std::optional<std::string> netPrefix;
    // Absent: no <topology> at all; present with no cells: <cells num='0'>.
    std::optional<std::vector<NumaCell>> numaCells;
    std::vector<SecurityModel> securityModels;
};

struct Machine {
    std::string name;
    std::optional<std::string> canonical;
    int maxCpus = 0;  // 0: not written
    bool deprecated = false;
};

// Emulator, loader and machines, either for an architecture as a whole or
// for one domain type under it.
struct GuestDomainInfo {
    std::optional<std::string> emulator;
    std::optional<std::string> loader;
    std::vector<Machine> machines;
};

struct GuestDomain {
    std::string type;  // "test", "qemu", "kvm", ...
    GuestDomainInfo info;
};

// Guest features, in libvirt's order (virCapsGuestFeatureType).
enum class GuestFeatureType { Pae, NonPae, Ia64Be, Acpi, Apic, CpuSelection, DeviceBoot, DiskSnapshot, ExternalSnapshot };

struct GuestFeature {
    GuestFeatureType type = GuestFeatureType::Pae;
    std::optional<bool> defaultOn;  // default='on|off'
    std::optional<bool> toggle;     // toggle='yes|no'
};

struct Guest {
    std::string osType;  // "hvm", "xen", "linux", "exe"
    std::string arch;
    int wordSize = 0;
    GuestDomainInfo defaults;
    std::vector<GuestDomain> domains;
    // Written in libvirt's feature order whatever the order here.
    std::vector<GuestFeature> features;
};

struct Capabilities {
    Host host;
    std::vector<Guest> guests;
    std::vector<std::string> storagePoolTypes;
};

// The word size libvirt associates with an architecture name (32 for i686,
// 64 for x86_64 ...); 0 when unknown.
int archWordSize(std::string_view arch);

std::string formatCapabilitiesXml(const Capabilities& caps);

}  // namespace cvirt::conf::capabilities
