#pragma once
// Device addresses the QEMU driver assigns when the XML gives none
// (libvirt's qemuDomainAssignAddresses): virtio-serial ports, PCI slots
// (adding the PCI controllers the devices need), USB ports (adding hubs)
// and memory slots. Addresses already present are kept and checked.

#include "conf/domain/domain.hpp"
#include "drivers/qemu/caps/qemu_caps.hpp"

namespace cvirt::qemu {

// `newDomain`: a definition being created or started (libvirt's
// ABI_UPDATE/START_NEW); only then do USB devices get ports when some of
// them have none.
void assignAddresses(conf::domain::Domain& def, const QemuCaps& caps, bool newDomain);

void assignVirtioSerialAddresses(conf::domain::Domain& def);
void assignPciAddresses(conf::domain::Domain& def, const QemuCaps& caps);
void assignUsbAddresses(conf::domain::Domain& def, bool newDomain);
void assignMemorySlots(conf::domain::Domain& def);

}  // namespace cvirt::qemu
