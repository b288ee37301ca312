#include "drivers/qemu/domain_defaults/qemu_hooks.hpp"

#include "drivers/qemu/domain_defaults/addresses.hpp"
#include "drivers/qemu/domain_defaults/device_defaults.hpp"
#include "drivers/qemu/domain_defaults/domain_defaults.hpp"
#include "util/error.hpp"

namespace cvirt::qemu {

using namespace conf::domain;
using conf::toString;

QemuDomainHooks::QemuDomainHooks(CapsLookup lookup, QemuXmlConfig config)
    : lookup_(std::move(lookup)), config_(std::move(config)) {}

unsigned QemuDomainHooks::features() const {
    return kFeatureMemoryHotplug | kFeatureOfflineVcpupin | kFeatureIndividualVcpus | kFeatureUserAlias |
           kFeatureFwAutoselect | kFeatureNetModelString | kFeatureDiskFd;
}

void QemuDomainHooks::postParseBasic(Domain& def) {
    if (def.devices.emulator.empty()) {
        if (def.os.arch == Arch::X86_64 || def.os.arch == Arch::None)
            def.devices.emulator = config_.defaultEmulator;
        else
            def.devices.emulator = "/usr/bin/qemu-system-" + std::string(toString(def.os.arch));
    }
    caps_ = lookup_(def.devices.emulator);
    if (!caps_)
        fail(ErrorCode::InternalError, ErrorDomain::Qemu, "no capabilities for emulator {}", def.devices.emulator);
}

void QemuDomainHooks::postParse(Domain& def) {
    applyMachineDefaults(def, *caps_);
    addDefaultDevices(def, *caps_, config_);
    applyCpuDefaults(def, *caps_);
    applyFeatureDefaults(def);
}

void QemuDomainHooks::postParseDevices(Domain& def) { applyDeviceDefaults(def, *caps_); }

void QemuDomainHooks::validate(const Domain& def) {
    if (def.type != VirtType::Qemu && def.type != VirtType::Kvm && def.type != VirtType::Kqemu &&
        def.type != VirtType::Hvf)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "invalid domain type {}", toString(def.type));
    if (def.os.type != OsType::Hvm)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "Emulator '{}' does not support os type '{}'",
             def.devices.emulator, toString(def.os.type));
    if (def.os.machine && caps_ && !caps_->machines.empty() && !caps_->machine(*def.os.machine)) {
        bool alias = false;
        for (const auto& m : caps_->machines)
            alias = alias || m.alias == *def.os.machine;
        if (!alias)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "Emulator '{}' does not support machine type '{}'",
                 def.devices.emulator, *def.os.machine);
    }
}

Domain parseQemuDomainXml(std::string_view xml, DomainParseOptions options, const CapsLookup& lookup,
                          const QemuXmlConfig& config) {
    QemuDomainHooks hooks(lookup, config);
    options.hooks = &hooks;
    Domain def = parseDomainXml(xml, options);
    assignAddresses(def, *hooks.caps(), options.abiUpdate);
    return def;
}

}  // namespace cvirt::qemu
