#pragma once
// The per-user daemon behind qemu:///session, started on demand the way
// libvirt's client starts `libvirtd --timeout=120`: a client that finds
// nobody on the session socket runs cvirtd (detached, in session mode,
// leaving when idle for 120 s) and connects once it answers. A lock file
// beside the socket makes concurrent clients start one daemon.

#include <memory>
#include <optional>
#include <string>

#include "rpc/client.hpp"
#include "util/process.hpp"

namespace cvirt::drivers::remote {

// How long a spawned session daemon stays without clients and guests.
inline constexpr int kSessionDaemonTimeout = 120;

// The daemon to run: $CVIRTD_PATH, else cvirtd beside this program (the
// build tree's bin/), else ../sbin/cvirtd from it, else cvirtd on PATH;
// nullopt when autostart is off (CVIRT_AUTOSTART=0 or LIBVIRT_AUTOSTART=0)
// or there is no cvirtd.
std::optional<Command> sessionDaemonCommand();

// Connects to `socket`; when nothing listens there, runs `daemon` and
// retries until it answers. Errors are the connection's own when the
// daemon never comes up.
std::unique_ptr<rpc::Client> connectOrSpawn(const std::string& socket, const Command& daemon);

}  // namespace cvirt::drivers::remote
