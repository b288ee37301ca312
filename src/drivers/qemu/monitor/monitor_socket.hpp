#pragma once
// QEMU's QMP socket, bound and listening before QEMU starts: QEMU gets the
// listening fd (-chardev socket,fd=N), so connect() succeeds at once and the
// greeting arrives as soon as QEMU is up. Waiting instead for QEMU to create
// the socket means polling for the file and retrying connect() until QEMU
// has called listen(), which cost milliseconds per start and raced.

#include <string>

#include "util/fd.hpp"

namespace cvirt::qemu {

// The fd number at which QEMU finds the listening monitor socket.
inline constexpr int kMonitorFd = 3;

// Binds `path` (replacing a stale socket file) and listens on it.
// Error(INTERNAL_ERROR / SYSTEM_ERROR) with libvirt's wording on failure.
UniqueFd listenMonitorSocket(const std::string& path);

}  // namespace cvirt::qemu
