#pragma once
// Handlers of the "Domain Management" group. The group's table
// (domain_management.cpp) is long enough on its own, so its handlers live
// in files by job: lifecycle, definition, and CPU/memory resources.

namespace cvirt::shell {

class Shell;
class Invocation;

// domain_lifecycle.cpp
bool cmdAutostart(Shell& shell, const Invocation& cmd);
bool cmdConsole(Shell& shell, const Invocation& cmd);
bool cmdCreate(Shell& shell, const Invocation& cmd);
bool cmdDestroy(Shell& shell, const Invocation& cmd);
bool cmdManagedSave(Shell& shell, const Invocation& cmd);
bool cmdManagedSaveRemove(Shell& shell, const Invocation& cmd);
bool cmdReboot(Shell& shell, const Invocation& cmd);
bool cmdReset(Shell& shell, const Invocation& cmd);
bool cmdRestore(Shell& shell, const Invocation& cmd);
bool cmdResume(Shell& shell, const Invocation& cmd);
bool cmdSave(Shell& shell, const Invocation& cmd);
bool cmdShutdown(Shell& shell, const Invocation& cmd);
bool cmdStart(Shell& shell, const Invocation& cmd);
bool cmdSuspend(Shell& shell, const Invocation& cmd);

// domain_definition.cpp
bool cmdDefine(Shell& shell, const Invocation& cmd);
bool cmdDomid(Shell& shell, const Invocation& cmd);
bool cmdDomname(Shell& shell, const Invocation& cmd);
bool cmdDomuuid(Shell& shell, const Invocation& cmd);
bool cmdDomxmlToNative(Shell& shell, const Invocation& cmd);
bool cmdDumpxml(Shell& shell, const Invocation& cmd);
bool cmdEdit(Shell& shell, const Invocation& cmd);
bool cmdUndefine(Shell& shell, const Invocation& cmd);

// domain_resources.cpp
bool cmdSetmaxmem(Shell& shell, const Invocation& cmd);
bool cmdSetmem(Shell& shell, const Invocation& cmd);
bool cmdSetvcpus(Shell& shell, const Invocation& cmd);
bool cmdVcpucount(Shell& shell, const Invocation& cmd);
bool cmdVcpuinfo(Shell& shell, const Invocation& cmd);
bool cmdVcpupin(Shell& shell, const Invocation& cmd);
bool cmdEmulatorpin(Shell& shell, const Invocation& cmd);

// domain_scheduler.cpp
bool cmdSchedinfo(Shell& shell, const Invocation& cmd);

}  // namespace cvirt::shell
