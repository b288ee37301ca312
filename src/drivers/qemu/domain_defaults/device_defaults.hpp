#pragma once
// Per-device defaults of the QEMU driver (libvirt's
// qemuDomainDeviceDefPostParse): models, formats and targets a device
// gets when the XML leaves them out. Idempotent: run before and after the
// generic post-parse adds its implicit devices.

#include "conf/domain/domain.hpp"
#include "drivers/qemu/caps/qemu_caps.hpp"

namespace cvirt::qemu {

void applyDeviceDefaults(conf::domain::Domain& def, const QemuCaps& caps);

// The USB controller model for a controller without one (libvirt's
// qemuDomainDefaultUSBControllerModel); UsbControllerModel::None when the
// machine should get no USB at all, nullopt when there is no default.
std::optional<conf::domain::UsbControllerModel> defaultUsbModel(const conf::domain::Domain& def,
                                                                const QemuCaps& caps);

}  // namespace cvirt::qemu
