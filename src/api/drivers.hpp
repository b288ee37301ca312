#pragma once
// The drivers a process can open, in the order they are offered a URI:
// test, QEMU, then the remote driver (which takes URIs with a transport or
// a host, and qemu:///system|session outside the daemon).

#include <string>

#include "driver/registry.hpp"

namespace cvirt::api {

const driver::Registry& registry();

// cvirtd --root DIR: where system-mode drivers keep their state for
// connections opened with Connection::openInDaemon ("" is /). Set once at
// daemon start, before the first open.
void setDaemonRoot(std::string root);
std::string daemonRoot();

}  // namespace cvirt::api
