// Domain definition -> QEMU command line. The families of arguments live
// in their own files; this one prepares the definition as libvirt does at
// start (memory alignment, aliases, addresses, boot indexes) and assembles
// the families in libvirt's order.
#include <cstdlib>

#include <fmt/format.h>

#include "drivers/qemu/command/families.hpp"
#include "drivers/qemu/domain_defaults/addresses.hpp"
#include "util/error.hpp"

namespace cvirt::qemu {

using namespace conf::domain;

namespace {

uint64_t roundUp(uint64_t v, uint64_t to) { return (v + to - 1) / to * to; }

// qemuDomainAlignMemorySizes: QEMU wants RAM in whole MiB and DIMMs in
// multiples of 2 MiB.
void alignMemory(Domain& def) {
    uint64_t initial = 0;
    for (auto& cell : def.numa.cells) {
        cell.memory = roundUp(cell.memory, 1024);
        initial += cell.memory;
    }
    uint64_t hotplug = 0;
    for (const auto& m : def.devices.memories)
        hotplug += m.sizeKiB;
    if (initial == 0)
        initial = roundUp(def.memory.total - std::min(def.memory.total, hotplug), 1024);
    hotplug = 0;
    for (auto& m : def.devices.memories) {
        m.sizeKiB = roundUp(m.sizeKiB, 2048);
        hotplug += m.sizeKiB;
    }
    def.memory.total = initial + hotplug;
}

// qemuProcessPrepareDeviceBootorder: <os><boot dev=...> becomes the boot
// index of the first device of each kind.
void bootIndexes(Build& b) {
    const Domain& def = b.def;
    if (def.os.boot.empty()) {
        forEachDeviceInfo(def.devices, [&](const DeviceInfo& info) {
            if (info.bootOrder && *info.bootOrder)
                b.bootIndex[&info] = *info.bootOrder;
        });
        return;
    }
    unsigned cd = 0, floppy = 0, disk = 0, network = 0;
    for (size_t i = 0; i < def.os.boot.size(); ++i) {
        unsigned pos = static_cast<unsigned>(i + 1);
        switch (def.os.boot[i]) {
        case BootDevice::Cdrom: cd = pos; break;
        case BootDevice::Floppy: floppy = pos; break;
        case BootDevice::Disk: disk = pos; break;
        case BootDevice::Network: network = pos; break;
        }
    }
    for (const auto& d : def.devices.disks) {
        unsigned* which = d.device == DiskDevice::Cdrom    ? &cd
                          : d.device == DiskDevice::Floppy ? &floppy
                                                           : &disk;
        if (*which)
            b.bootIndex[&d.info] = *which;
        *which = 0;
    }
    if (!def.devices.interfaces.empty() && network) {
        const auto& net = def.devices.interfaces[0];
        if (net.type != NetType::Hostdev) {
            b.bootIndex[&net.info] = network;
        } else {
            for (const auto& h : def.devices.hostdevs)
                if (h.subsys() && std::holds_alternative<HostdevPciSource>(*h.subsys())) {
                    b.bootIndex[&h.info] = network;
                    break;
                }
        }
    }
}

// Image node numbers: counted from the last disk's top image, each chain
// top to bottom (the order libvirt prepares them in).
void nodeIndexes(Build& b) {
    unsigned next = 0;
    const auto& disks = b.def.devices.disks;
    for (size_t i = disks.size(); i-- > 0;)
        for (const StorageSource* s = &disks[i].src; s && s->type != StorageType::None; s = s->backingStore.get())
            b.nodeIndex[s] = ++next;
}

void environment(Build& b, CommandLine& cmd) {
    cmd.env = {"LC_ALL=C"};
    if (b.ctx.hostEnv) {
        for (const auto& [k, v] : *b.ctx.hostEnv)
            cmd.env.push_back(k + "=" + v);
    } else {
        for (const char* name : {"LD_PRELOAD", "LD_LIBRARY_PATH", "PATH", "HOME", "USER", "LOGNAME", "TMPDIR"})
            if (const char* v = std::getenv(name))
                cmd.env.push_back(std::string(name) + "=" + v);
    }
    // Libraries QEMU loads must not reach into the daemon's home.
    const std::string& dir = b.ctx.runtimeDir;
    b.env("HOME", dir);
    b.env("XDG_DATA_HOME", dir + "/.local/share");
    b.env("XDG_CACHE_HOME", dir + "/.cache");
    b.env("XDG_CONFIG_HOME", dir + "/.config");
}

void validate(const Domain& def) {
    int counts[8] = {};
    for (const auto& g : def.devices.graphics)
        ++counts[static_cast<int>(g.type)];
    for (int c : counts)
        if (c > 1)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu,
                 "only 1 graphics device of each type (sdl, vnc, spice, headless, dbus) is supported");
    if (def.type == VirtType::Xen || def.os.type == OsType::Xen || def.os.type == OsType::Linux)
        fail(ErrorCode::InternalError, ErrorDomain::Qemu, "qemu emulator '{}' does not support xen",
             def.devices.emulator);
}

}  // namespace

CommandLine buildCommandLine(const Domain& input, const BuildContext& ctx) {
    Domain def = input;
    validate(def);
    alignMemory(def);
    if (ctx.caps)
        assignAddresses(def, *ctx.caps, true);
    assignDeviceAliases(def);

    CommandLine cmd;
    cmd.binary = def.devices.emulator;
    Build b(def, ctx, cmd);
    bootIndexes(b);
    nodeIndexes(b);
    environment(b, cmd);

    buildName(b);
    b.arg("-S");  // CPUs start once the driver has set everything up
    buildMasterKey(b);
    buildPflash(b);
    buildMachine(b);
    buildAccel(b);
    buildTseg(b);
    buildCpu(b);
    buildLoader(b);
    buildMemory(b);
    buildSmp(b);
    buildIOThreads(b);
    buildNuma(b);
    b.arg("-uuid", def.uuid.format());
    buildSmbios(b);
    buildSysinfo(b);
    buildGenid(b);
    // Must come before serial and monitor options: without graphics QEMU
    // would otherwise put them on stdio.
    if (def.devices.graphics.empty())
        b.arg("-display", "none");
    b.arg("-no-user-config");
    b.arg("-nodefaults");
    buildMonitor(b);
    buildClock(b);
    buildPm(b);
    buildBoot(b);
    buildIommu(b);
    buildGlobalControllers(b);
    buildControllers(b);
    buildMemoryDevices(b);
    buildHubs(b);
    buildControllersOfType(b, ControllerType::Ccid);
    buildDisks(b);
    buildFilesystems(b);
    buildNets(b);
    buildSmartcards(b);
    buildSerials(b);
    buildParallels(b);
    buildChannels(b);
    buildConsoles(b);
    buildTpms(b);
    buildInputs(b);
    buildAudio(b);
    buildGraphics(b);
    buildVideos(b);
    buildSounds(b);
    buildWatchdogs(b);
    buildRedirdevs(b);
    buildHostdevs(b);
    buildMemballoon(b);
    buildRngs(b);
    buildVmcoreinfo(b);
    buildSandbox(b);
    buildPanics(b);
    buildShmems(b);
    buildVsock(b);
    buildCryptos(b);
    if (ctx.config.logTimestamp)
        b.arg("-msg", "timestamp=on");
    return cmd;
}

}  // namespace cvirt::qemu
