#include "drivers/qemu/def_info.hpp"

namespace cvirt::qemu {

std::string archOf(const Domain&) { return "x86_64"; }

std::string emulatorOf(const Domain& def) {
    if (!def.devices.emulator.empty())
        return def.devices.emulator;
    return "/usr/bin/qemu-system-" + archOf(def);
}

std::string osTypeOf(const Domain&) { return "hvm"; }
uint64_t maxMemoryKiB(const Domain&) { return 128 * 1024; }
uint64_t currentMemoryKiB(const Domain& def) { return maxMemoryKiB(def); }
unsigned maxVcpus(const Domain&) { return 1; }
unsigned currentVcpus(const Domain& def) { return maxVcpus(def); }
bool wantsKvm(const Domain& def) { return def.type == conf::domain::VirtType::Kvm; }
LifecycleAction onPoweroff(const Domain&) { return LifecycleAction::Destroy; }
LifecycleAction onReboot(const Domain&) { return LifecycleAction::Restart; }
LifecycleAction onCrash(const Domain&) { return LifecycleAction::Destroy; }

}  // namespace cvirt::qemu
