#pragma once
// The test driver: a mock hypervisor for test:///default and
// test:///PATH/TO/NODE.xml (libvirt's test driver).

#include "driver/registry.hpp"

namespace cvirt::drivers::test {

// Registers the "test" driver. It accepts URIs with scheme "test", no
// transport and no host; every other URI is declined.
void registerTestDriver(driver::Registry& registry);

}  // namespace cvirt::drivers::test
