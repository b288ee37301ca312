#include "drivers/qemu/def_info.hpp"

namespace cvirt::qemu {

using conf::toString;

namespace {

LifecycleAction fromConf(conf::domain::LifecycleAction a) {
    using C = conf::domain::LifecycleAction;
    switch (a) {
    case C::Destroy: return LifecycleAction::Destroy;
    case C::Restart: return LifecycleAction::Restart;
    case C::RenameRestart: return LifecycleAction::RenameRestart;
    case C::Preserve: return LifecycleAction::Preserve;
    case C::CoredumpDestroy: return LifecycleAction::CoredumpDestroy;
    case C::CoredumpRestart: return LifecycleAction::CoredumpRestart;
    }
    return LifecycleAction::Destroy;
}

}  // namespace

std::string archOf(const Domain& def) {
    if (def.os.arch == conf::domain::Arch::None)
        return std::string(toString(conf::domain::hostArch()));
    return std::string(toString(def.os.arch));
}

std::string emulatorOf(const Domain& def) {
    if (!def.devices.emulator.empty())
        return def.devices.emulator;
    return "/usr/bin/qemu-system-" + archOf(def);
}

std::string osTypeOf(const Domain& def) { return std::string(toString(def.os.type)); }

uint64_t maxMemoryKiB(const Domain& def) { return def.memory.total; }

uint64_t currentMemoryKiB(const Domain& def) { return def.memory.current ? def.memory.current : def.memory.total; }

unsigned maxVcpus(const Domain& def) { return def.vcpu.max(); }

unsigned currentVcpus(const Domain& def) { return def.vcpu.current(); }

bool wantsKvm(const Domain& def) { return def.type == conf::domain::VirtType::Kvm; }

LifecycleAction onPoweroff(const Domain& def) { return fromConf(def.lifecycle.onPoweroff); }
LifecycleAction onReboot(const Domain& def) { return fromConf(def.lifecycle.onReboot); }
LifecycleAction onCrash(const Domain& def) { return fromConf(def.lifecycle.onCrash); }

}  // namespace cvirt::qemu
