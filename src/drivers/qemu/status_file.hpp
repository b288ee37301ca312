#pragma once
// The live status file of a running domain (run/cvirt/qemu/NAME.xml): what a
// restarted daemon needs to re-attach to the guest (pid, monitor socket,
// runtime directory, id, state) and the live definition.

#include <sys/types.h>

#include <optional>
#include <string>

#include "driver/types.hpp"

namespace cvirt::qemu {

struct DomainStatus {
    int id = -1;
    pid_t pid = -1;
    DomainState state = DomainState::Running;
    int reason = 0;
    std::string monitorPath;
    std::string runtimeDir;
    std::string binary;
    bool autostarted = false;
    std::string domainXml;  // the live definition
};

std::string formatStatus(const DomainStatus& status);
// Throws Error(INTERNAL_ERROR) naming `path` when the file is not a status file.
DomainStatus parseStatus(const std::string& text, const std::string& path);

}  // namespace cvirt::qemu
