#pragma once
// What the QEMU driver reads from a domain definition, in one place, so the
// driver's logic does not depend on the layout of the XML model.

#include <cstdint>
#include <string>

#include "conf/domain/domain.hpp"

namespace cvirt::qemu {

using conf::domain::Domain;

std::string emulatorOf(const Domain& def);
std::string archOf(const Domain& def);
std::string osTypeOf(const Domain& def);
uint64_t maxMemoryKiB(const Domain& def);
uint64_t currentMemoryKiB(const Domain& def);
unsigned maxVcpus(const Domain& def);
unsigned currentVcpus(const Domain& def);
bool wantsKvm(const Domain& def);

// on_poweroff / on_reboot / on_crash
enum class LifecycleAction { Destroy, Restart, Preserve, RenameRestart, CoredumpDestroy, CoredumpRestart };
LifecycleAction onPoweroff(const Domain& def);
LifecycleAction onReboot(const Domain& def);
LifecycleAction onCrash(const Domain& def);

}  // namespace cvirt::qemu
