#pragma once
// A QEMU command line built from a domain definition, and the context the
// builder needs (paths of the domain's runtime directory, the probed
// capabilities).

#include <string>
#include <vector>

#include "conf/domain/domain.hpp"
#include "drivers/qemu/caps/qemu_caps.hpp"

namespace cvirt::qemu {

struct CommandLine {
    std::vector<std::string> env;  // "NAME=value", the whole environment
    std::string binary;
    std::vector<std::string> args;

    // libvirt's form: each environment entry, the binary and each argument
    // on its own line, all but the last ending " \", shell-quoted where
    // needed (what `domxml-to-native qemu-argv` prints).
    std::string toString() const;
};

struct BuildContext {
    const QemuCaps* caps = nullptr;
    int id = -1;
    std::string runtimeDir;   // the domain's private runtime directory
    std::string monitorPath;  // QMP socket
    std::string libDir;       // driver-wide var/lib directory
    bool kvm = false;         // KVM usable on this host
};

// Throws CONFIG_UNSUPPORTED / OPERATION_INVALID with libvirt's messages
// for definitions QEMU cannot run.
CommandLine buildCommandLine(const conf::domain::Domain& def, const BuildContext& ctx);

}  // namespace cvirt::qemu
