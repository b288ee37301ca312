#pragma once
// Domain-wide defaults of the QEMU driver (libvirt's qemuDomainDefPostParse):
// the machine type, the devices every machine of a kind has (PCI root,
// USB, SATA, PS/2 input, balloon, iTCO watchdog), the default CPU model,
// the default audio backend and the checks that go with them.

#include "conf/domain/domain.hpp"
#include "drivers/qemu/caps/qemu_caps.hpp"
#include "drivers/qemu/domain_defaults/qemu_hooks.hpp"

namespace cvirt::qemu {

// Fills in os.machine (QEMU's default) and replaces an alias by its
// canonical name (pc -> pc-i440fx-7.2).
void applyMachineDefaults(conf::domain::Domain& def, const QemuCaps& caps);
void addDefaultDevices(conf::domain::Domain& def, const QemuCaps& caps, const QemuXmlConfig& config);
void applyCpuDefaults(conf::domain::Domain& def, const QemuCaps& caps);
void applyFeatureDefaults(conf::domain::Domain& def);

}  // namespace cvirt::qemu
