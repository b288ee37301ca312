#pragma once
// The families of the command-line builder, each in its own file; the
// builder (builder.cpp) calls them in libvirt's order.

#include "drivers/qemu/command/build.hpp"

namespace cvirt::qemu {

// machine.cpp
void buildName(Build& b);
void buildMachine(Build& b);
void buildAccel(Build& b);
void buildTseg(Build& b);
// cpu.cpp
void buildCpu(Build& b);
// memory.cpp
void buildMemory(Build& b);
void buildMemoryDevices(Build& b);
// memory_backend.cpp: the memory-backend-* object of guest RAM, a NUMA
// cell or a memory device, and its thread-context when it preallocates.
struct MemoryBackendRequest {
    std::string alias;
    uint64_t sizeKiB = 0;
    int targetNode = -1;
    const conf::domain::MemoryDevice* device = nullptr;
    bool force = false;         // a backend even when plain RAM would do
    bool systemMemory = false;  // the machine's default RAM
};
// Returns false when a backend is not needed (and not forced).
bool memoryBackendProps(Build& b, const MemoryBackendRequest& req, Props& props, Props* threadContext);
// smp.cpp
void buildSmp(Build& b);
void buildIOThreads(Build& b);
// numa.cpp
void buildNuma(Build& b);
// platform.cpp
void buildMasterKey(Build& b);
void buildSmbios(Build& b);
void buildSysinfo(Build& b);
void buildGenid(Build& b);
void buildVmcoreinfo(Build& b);
void buildSandbox(Build& b);
// boot.cpp
void buildLoader(Build& b);
void buildPflash(Build& b);
void buildClock(Build& b);
void buildPm(Build& b);
void buildBoot(Build& b);
// chardev.cpp
std::string chardevArg(Build& b, const conf::domain::ChardevSource& src, const std::string& alias);
void buildChardev(Build& b, const conf::domain::ChardevSource& src, const std::string& alias);
void buildMonitor(Build& b);
void buildSerials(Build& b);
void buildParallels(Build& b);
void buildChannels(Build& b);
void buildConsoles(Build& b);
// controller.cpp
void buildGlobalControllers(Build& b);
void buildControllersOfType(Build& b, conf::domain::ControllerType type);
void buildControllers(Build& b);
// disk.cpp
void buildDisks(Build& b);
void driveAddressProps(Build& b, Props& p, const conf::domain::DriveAddress& a, conf::domain::DiskBus bus);
// net.cpp
void buildNets(Build& b);
// graphics.cpp
void buildGraphics(Build& b);
// audio.cpp
void buildAudio(Build& b);
std::string audioId(const Build& b, unsigned id);
// video.cpp
void buildVideos(Build& b);
// input.cpp
void buildInputs(Build& b);
// sound.cpp
void buildSounds(Build& b);
// balloon_rng.cpp
void buildMemballoon(Build& b);
void buildRngs(Build& b);
// watchdog.cpp
void buildWatchdogs(Build& b);
// usb_devices.cpp
void buildHubs(Build& b);
void buildRedirdevs(Build& b);
void buildSmartcards(Build& b);
// hostdev.cpp
void buildHostdevs(Build& b);
// misc_devices.cpp
void buildIommu(Build& b);
void buildFilesystems(Build& b);
void buildTpms(Build& b);
void buildPanics(Build& b);
void buildShmems(Build& b);
void buildVsock(Build& b);
void buildCryptos(Build& b);

}  // namespace cvirt::qemu
