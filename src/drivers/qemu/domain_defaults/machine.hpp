#pragma once
// What a domain's machine type and architecture imply, as libvirt's QEMU
// driver decides it from the machine name (qemuDomainIsQ35 and friends).
// Shared by the XML defaults and the command-line builder.

#include <optional>
#include <string>

#include "conf/domain/domain.hpp"

namespace cvirt::qemu {

using conf::domain::Domain;
using conf::fromString;
using conf::toString;
using conf::TriBool;
using conf::TriSwitch;

bool isX86(const Domain& def);
// "q35" or "pc-q35-*"
bool isQ35(const Domain& def);
// "pc", "pc-0.*", "pc-1.*", "pc-i440fx-*", "rhel*"
bool isI440fx(const Domain& def);
// The machine has an integrated IDE controller that gets no -device.
bool hasBuiltinIde(const Domain& def);
// q35 machines from 2.4 on have no implicit floppy controller: floppies
// need an explicit isa-fdc device.
bool needsExplicitFdc(const Domain& def);
// The machine takes PCI devices at all (every x86 machine but isapc/microvm).
bool supportsPci(const Domain& def);

// The index-0 PCI controller's model, when there is one.
bool hasPciRoot(const Domain& def);
bool hasPcieRoot(const Domain& def);

// The controller of `type` and `index`, nullptr when there is none.
const conf::domain::Controller* findController(const Domain& def, conf::domain::ControllerType type, int index);

}  // namespace cvirt::qemu
