#include "conf/domain/postparse.hpp"

#include <climits>
#include <functional>
#include <set>
#include <string>

#include "conf/domain/devices/bus_devices.hpp"
#include "conf/domain/devices/guest_io_rules.hpp"

#include "util/error.hpp"

namespace cvirt::conf::domain {
namespace {

uint64_t hotplugMemory(const Domain& d) {
    uint64_t sum = 0;
    for (const auto& m : d.devices.memories)
        sum += m.sizeKiB;
    return sum;
}

bool ppc64(const Domain& d) { return d.os.arch == Arch::Ppc64 || d.os.arch == Arch::Ppc64le; }

// virDomainDefRejectDuplicatePanics
void rejectDuplicatePanics(const Domain& d) {
    std::set<PanicModel> seen;
    for (const auto& p : d.devices.panics)
        if (!seen.insert(p.model).second)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "Multiple panic devices with model '{}'",
                 toString(p.model));
}

// virDomainDefRejectDuplicateControllers: one controller per type and
// index, except USB (companion controllers share their master's index).
void rejectDuplicateControllers(const Domain& d) {
    std::set<std::pair<ControllerType, int>> seen;
    for (const auto& c : d.devices.controllers) {
        if (c.type == ControllerType::Usb)
            continue;
        if (!seen.insert({c.type, c.index}).second)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "Multiple '{}' controllers with index '{}'",
                 toString(c.type), c.index);
    }
}

// The per-device post-parse of the families without a domain-level entry
// point (libvirt's virDomainDeviceDefPostParseCommon).
void postParseDevices(Domain& d) {
    for (auto& m : d.devices.memories)
        postParseMemoryDevice(m, ppc64(d));
    for (auto& r : d.devices.rngs)
        postParseRng(r);
    if (d.devices.vsock)
        postParseVsock(*d.devices.vsock);
}

// Part of virDomainDeviceDefPostParseCheckFeatures: only drivers that can
// pass file descriptors accept a disk source naming an fd group.
void checkDiskFd(const Domain& d, unsigned features) {
    if (features & kFeatureDiskFd)
        return;
    for (const auto& disk : d.devices.disks)
        if (!disk.src.fdgroup.empty())
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "driver does not support FD passing for disk '{}'",
                 disk.dst);
}

// libvirt's per-device validation (virDomainDeviceDefValidate) for them.
void validateDevices(const Domain& d) {
    for (const auto& m : d.devices.memories)
        validateMemoryDevice(m, d.numa.cells.size(), ppc64(d));
    for (const auto& r : d.devices.rngs)
        validateRng(r);
    for (const auto& t : d.devices.tpms)
        validateTpm(t);
    for (const auto& s : d.devices.shmems)
        validateShmem(s);
    if (d.devices.iommu)
        validateIommu(*d.devices.iommu);
    if (d.devices.vsock)
        validateVsock(*d.devices.vsock);
    if (d.devices.pstore)
        validatePstore(*d.devices.pstore);
}

// virDomainDefBootOrderPostParse: per-device boot orders are unique and
// exclusive with <os><boot>; without either, the guest boots from disk.
void postParseBootOrder(Domain& d) {
    std::set<unsigned> orders;
    forEachDeviceInfo(d.devices, [&](const DeviceInfo& info) {
        if (!info.bootOrder || *info.bootOrder == 0)
            return;
        if (!orders.insert(*info.bootOrder).second)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "boot order '{}' used for more than one device",
                 *info.bootOrder);
    });
    if (!d.os.boot.empty() && !orders.empty())
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
             "per-device boot elements cannot be used together with os/boot elements");
    if (d.os.boot.empty() && orders.empty())
        d.os.boot.push_back(BootDevice::Disk);
}

// virDomainDefPostParseCheckFeatures: reject what the driver lacks.
void checkFeatures(Domain& d, unsigned features) {
    if (!(features & kFeatureMemoryHotplug)) {
        if (d.memory.hotplug())
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
                 "memory hotplug tunables <maxMemory> are not supported by this hypervisor driver");
        if (!d.devices.memories.empty())
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "memory devices are not supported by this driver");
    }
    if (!(features & kFeatureOfflineVcpupin))
        for (auto& v : d.vcpu.vcpus)
            if (!v.online)
                v.pin.reset();
    if (!(features & kFeatureNameSlash))
        validateName(d.name);
    if (!(features & kFeatureIndividualVcpus) && d.vcpu.individual)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "individual CPU state configuration is not supported");
}

// User aliases ("ua-" prefix) must be unique across all devices.
void validateAliases(const Domain& d) {
    std::set<std::string> seen;
    forEachDeviceInfo(d.devices, [&](const DeviceInfo& info) {
        if (!info.alias.starts_with("ua-"))
            return;
        if (!seen.insert(info.alias).second)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "non unique alias detected: {}", info.alias);
    });
}

void validateTopology(const Domain& d) {
    if (!d.cpu || !d.cpu->topology || d.cpu->topology->sockets == 0)
        return;
    const auto& t = *d.cpu->topology;
    unsigned long long n = t.sockets;
    if ((n *= t.dies) > UINT_MAX || (n *= t.cores) > UINT_MAX || (n *= t.threads) > UINT_MAX)
        fail(ErrorCode::InvalidArg, ErrorDomain::Domain, "cpu topology results in more than {} cpus", UINT_MAX);
}

void validateBlkio(const Domain& d) {
    const auto& devs = d.memory.blkio.devices;
    for (size_t i = 0; i < devs.size(); ++i)
        for (size_t j = 0; j < i; ++j)
            if (devs[i].path == devs[j].path)
                fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "duplicate blkio device path '{}'",
                     devs[i].path);
}

}  // namespace

void postParseDomain(Domain& d, const DomainParseOptions& options, unsigned features) {
    if (options.hooks)
        options.hooks->postParseBasic(d);
    if (options.hooks)
        options.hooks->postParse(d);

    // The per-device post-parse.
    if (options.hooks)
        options.hooks->postParseDevices(d);
    // Disks come first in libvirt's device order.
    checkDiskFd(d, features);
    postParseGuestIoDevices(d, features);
    postParseDevices(d);

    // virDomainDefPostParseCommon
    if (d.os.type == OsType::Exe && !d.os.init)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "init binary must be specified");
    postParseVcpus(d.vcpu);
    postParseMemory(d.memory, d.numa.cells.size(), d.numa.memoryTotal(), hotplugMemory(d), options.abiUpdate);
    if (d.os.loader && d.os.loader->path && d.os.loader->type == LoaderType::None)
        d.os.loader->type = LoaderType::Rom;
    rejectDuplicatePanics(d);
    if (d.os.type == OsType::Hvm && !(features & kFeatureNoBootOrder))
        postParseBootOrder(d);
    postParseClock(d.clock);
    // Disk/controller ordering, controller indexes and the implicit
    // controllers, then the implicit guest I/O devices.
    BusPostParseOptions bus;
    bus.scsiBusMaxUnit = (features & kFeatureWideScsi) ? 16 : 7;
    postParseBusDevices(d.devices, bus);
    rejectDuplicateControllers(d);
    std::function<void()> deviceDefaults;
    if (options.hooks)
        deviceDefaults = [&] { options.hooks->postParseDevices(d); };
    addImplicitGuestIoDevices(d, features, deviceDefaults);
    if (options.hooks)
        options.hooks->postParseDevices(d);
    postParseCpu(d.cpu);
    checkFeatures(d, features);
}

void validateDomain(const Domain& d, const DomainParseOptions& options) {
    if (options.skipValidate)
        return;
    if (options.hooks)
        options.hooks->validate(d);
    unsigned features = options.hooks ? options.hooks->features() : kFeatureIndividualVcpus;
    validateGuestIoDevices(d);
    validateBusDevices(d.devices);
    validateDevices(d);
    validateResource(d.resource);
    validateTopology(d);
    validateAliases(d);
    validateLifecycle(d.lifecycle);
    validateMemory(d.memory, d.numa.cells.size());
    validateOs(d.os, features & kFeatureFwAutoselect);
    validateVcpus(d.vcpu);
    validateBlkio(d);
    validateIdMap(d.idmap);
    validateNuma(d.numa);
    validateNumatune(d.numatune);
}

}  // namespace cvirt::conf::domain
