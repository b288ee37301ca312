#pragma once
// What an emulator binary can do, probed once over QMP and cached on disk
// keyed by the binary's path, size and mtime (and whether KVM is usable),
// so a daemon start does not re-probe an unchanged QEMU.

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace cvirt::qemu {

struct MachineType {
    std::string name;    // "pc-i440fx-7.2"
    std::string alias;   // "pc" (may be empty)
    bool isDefault = false;
    int maxCpus = 0;
    bool hotplugCpus = false;
    bool deprecated = false;
    std::string defaultRamId;
    std::string defaultCpuType;
};

struct CpuModel {
    std::string name;
    bool usable = true;  // with the probing accelerator
    bool deprecated = false;
};

struct QemuCaps {
    std::string binary;
    uint64_t version = 0;  // major * 1,000,000 + minor * 1,000 + micro
    std::string arch;      // "x86_64"
    bool kvm = false;      // KVM usable with this binary on this host
    std::vector<MachineType> machines;
    std::vector<CpuModel> cpuModels;
    std::set<std::string> commands;
    std::set<std::string> deviceTypes;

    // The machine QEMU picks by default ("pc-i440fx-7.2" on x86_64).
    std::string defaultMachine() const;
    // "pc" -> "pc-i440fx-7.2"; a full name is returned unchanged; nullopt
    // when QEMU has no such machine.
    std::optional<std::string> canonicalMachine(const std::string& name) const;
    const MachineType* machine(const std::string& name) const;
    bool hasDevice(const std::string& type) const { return deviceTypes.count(type) > 0; }
    bool hasCommand(const std::string& name) const { return commands.count(name) > 0; }

    std::string toJson() const;
    static QemuCaps fromJson(const std::string& text);
};

// True when /dev/kvm can be opened and CVIRT_QEMU_FORCE_TCG is not set.
bool kvmUsable();

// Runs `binary` with -machine none and asks it over QMP. Throws Error with
// libvirt's wording when the binary is missing or does not answer.
QemuCaps probeQemu(const std::string& binary, const std::string& scratchDir);

// Per-driver cache: memory, then disk (cacheDir/capabilities/), then probe.
class QemuCapsCache {
public:
    explicit QemuCapsCache(std::string cacheDir) : dir_(std::move(cacheDir)) {}
    std::shared_ptr<const QemuCaps> get(const std::string& binary);
    // Number of real probes run (for tests of the cache).
    int probes() const { return probes_; }

private:
    std::string dir_;
    std::mutex mutex_;
    std::map<std::string, std::pair<std::string, std::shared_ptr<const QemuCaps>>> memory_;
    int probes_ = 0;
};

}  // namespace cvirt::qemu
