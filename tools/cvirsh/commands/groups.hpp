#pragma once
// One table per virsh command group; each lives in its own file with the
// handlers of its commands (domain_management.cpp, networking.cpp, ...).

#include "cvirsh/command_def.hpp"

namespace cvirt::shell {

const CommandGroup& domainManagementGroup();
const CommandGroup& domainMonitoringGroup();
const CommandGroup& domainEventsGroup();
const CommandGroup& hostGroup();
const CommandGroup& checkpointGroup();
const CommandGroup& interfaceGroup();
const CommandGroup& networkFilterGroup();
const CommandGroup& networkingGroup();
const CommandGroup& nodeDeviceGroup();
const CommandGroup& secretGroup();
const CommandGroup& snapshotGroup();
const CommandGroup& backupGroup();
const CommandGroup& storagePoolGroup();
const CommandGroup& storageVolumeGroup();
const CommandGroup& virshItselfGroup();

// The handler of every declared command cvirsh does not implement yet: it
// fails with NO_SUPPORT naming the command.
bool notImplementedYet(Shell& shell, const Invocation& cmd);

}  // namespace cvirt::shell
