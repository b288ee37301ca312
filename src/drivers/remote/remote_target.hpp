#pragma once
// Where a remote URI leads: which transport, which socket, host or command,
// and what to send as CONNECT_OPEN's name and flags, following libvirt's
// remote driver:
//
//   test+unix:///default[?socket=PATH]   the daemon's unix socket
//   qemu:///system, qemu:///session      routed to the local cvirtd (outside
//                                        the daemon only)
//   test+tcp://HOST[:PORT]/default       TCP, port 16509 by default
//   qemu+ssh://[USER@]HOST[:PORT]/system a pipe through ssh to `nc -U SOCKET`
//                                        on the host (params netcat=, socket=,
//                                        command=, keyfile=, no_tty=,
//                                        mode=native for virt-ssh-helper)
//   qemu+ext:///system?command=CMD       a pipe through any command
//
// Sockets: the system daemon listens in /run/cvirt (libvirt-sock and
// libvirt-sock-ro); a session daemon in $XDG_RUNTIME_DIR/cvirt (or
// ~/.cache/cvirt without XDG_RUNTIME_DIR). Read-only connections without an
// explicit socket go to the -ro socket.
//
// A session URI without ?socket= starts the user's session daemon when it
// is not running (session_daemon.hpp), as libvirt autostarts libvirtd.

#include <cstdint>
#include <optional>
#include <string>

#include "driver/registry.hpp"
#include "util/process.hpp"

namespace cvirt::drivers::remote {

inline constexpr const char* kSystemSocketDir = "/run/cvirt";
inline constexpr const char* kSocketName = "libvirt-sock";
inline constexpr const char* kReadOnlySocketName = "libvirt-sock-ro";
inline constexpr uint16_t kDefaultTcpPort = 16509;

struct RemoteTarget {
    enum class Transport { Unix, Tcp, Command };
    Transport transport = Transport::Unix;
    std::string socketPath;  // Unix
    std::string host;        // Tcp
    uint16_t port = kDefaultTcpPort;
    Command command;         // Command (ssh, ext)
    std::string name;        // CONNECT_OPEN's name
    uint32_t openFlags = 0;  // CONNECT_OPEN's flags (remote::kOpen*)
    bool readOnly = false;
    // Unix: started when nobody listens on the socket (the session daemon).
    std::optional<Command> daemon;
};

// The session daemon's socket directory for this user.
std::string sessionSocketDir();

// nullopt when the remote driver does not serve the request (a local URI a
// hypervisor driver takes, or any local URI inside the daemon); throws for
// URIs it serves but cannot use (an unknown transport, TLS, a bad port).
std::optional<RemoteTarget> resolveTarget(const driver::OpenRequest& request);

}  // namespace cvirt::drivers::remote
