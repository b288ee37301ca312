#pragma once
// The remote driver: URIs with a transport or a host, and qemu:///system or
// qemu:///session from a client program, go to a daemon over RPC
// (remote_target.hpp says where). Register it last: every local driver gets
// the first look at a URI.

#include "driver/registry.hpp"

namespace cvirt::drivers::remote {

void registerRemoteDriver(driver::Registry& registry);

}  // namespace cvirt::drivers::remote
