#pragma once
// A QEMU command line built from a domain definition, and the context the
// builder needs (paths of the domain's runtime directory, the probed
// capabilities, host-side resources prepared for the guest).

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "conf/domain/domain.hpp"
#include "drivers/qemu/caps/qemu_caps.hpp"

namespace cvirt::qemu {

struct CommandLine {
    std::vector<std::string> env;  // "NAME=value", the whole environment
    std::string binary;
    std::vector<std::string> args;

    // libvirt's form: each environment entry, the binary and each argument,
    // shell-quoted where needed. With `lineBreaks` each on its own line, all
    // but the last ending " \" (libvirt's test data, the QEMU log); else on
    // one line without a final newline (what `domxml-to-native qemu-argv`
    // prints).
    std::string toString(bool lineBreaks = true) const;
};

// The host side of a network interface that needs one (a tap device).
struct NetHostSide {
    std::vector<std::string> tapFds;    // fds QEMU inherits ("fd"/"fds")
    std::vector<std::string> vhostFds;  // /dev/vhost-net fds
    std::string ifname;                 // else: a tap QEMU opens by name
    bool vhost = false;                 // with ifname: QEMU opens vhost-net
};

// The qemu.conf settings the command line depends on.
struct QemuCommandConfig {
    std::string vncListen = "127.0.0.1", spiceListen = "127.0.0.1";
    bool vncTls = false, vncTlsVerify = false, vncSasl = false, vncPassword = false;
    std::string vncTlsCertDir = "/etc/pki/libvirt-vnc";
    std::string vncSaslDir;
    bool spiceTls = false, spiceSasl = false, spicePassword = false;
    std::string spiceTlsCertDir = "/etc/pki/libvirt-spice";
    std::string spiceSaslDir;
    bool chardevTls = false, chardevTlsVerify = false;
    std::string chardevTlsCertDir = "/etc/pki/libvirt-chardev";
    bool dumpGuestCore = false;
    bool setProcessName = false;
    bool seccompSandbox = true;
    bool logTimestamp = true;
    // hugetlbfs mounts by page size (KiB); the first is the default size.
    std::vector<std::pair<uint64_t, std::string>> hugetlbfs;
};

struct BuildContext {
    const QemuCaps* caps = nullptr;
    int id = -1;
    std::string runtimeDir;  // the domain's private directory: HOME, XDG dirs, master key
    std::string monitorPath; // QMP socket QEMU listens on
    std::string libDir;      // driver-wide var/lib directory
    bool kvm = false;        // KVM usable on this host

    // libvirt's test harness passes pre-opened sockets instead of paths:
    // the monitor (fd=1729) and every UNIX chardev QEMU listens on.
    std::optional<int> monitorFd;
    std::optional<int> listenFd;
    std::optional<int> vsockFd;  // an open /dev/vhost-vsock
    // The daemon's environment QEMU inherits (PATH, HOME, USER, LOGNAME,
    // TMPDIR, as libvirt passes them); nullopt: read our own.
    std::optional<std::vector<std::pair<std::string, std::string>>> hostEnv;
    // -object secret masterKey0 with runtimeDir/master-key.aes (the file
    // must exist: libvirt writes a random key before starting QEMU).
    bool masterKey = false;
    // Where generated paths go: virtio channel sockets and file memory.
    std::string channelTargetDir;  // default: runtimeDir
    std::string memoryBackingDir;  // default: libDir/ram
    // Tap devices by interface alias (net0, ...), prepared by the driver.
    std::map<std::string, NetHostSide> nets;
    QemuCommandConfig config;
};

// Throws CONFIG_UNSUPPORTED / INTERNAL_ERROR with libvirt's messages for
// definitions QEMU cannot run. Devices without aliases get libvirt's.
CommandLine buildCommandLine(const conf::domain::Domain& def, const BuildContext& ctx);

// libvirt's device aliases (virtio-disk0, net0, usb, pci.1, ...), as a
// running domain's XML shows them; existing aliases are kept.
void assignDeviceAliases(conf::domain::Domain& def);

}  // namespace cvirt::qemu
