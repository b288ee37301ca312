#pragma once
// The host the test driver pretends to be: NUMA cells and the capabilities
// document built from them (testBuildCapabilities).

#include <vector>

#include "conf/capabilities/capabilities.hpp"
#include "drivers/test/driver_state.hpp"

namespace cvirt::drivers::test {

// test:///default's two cells of eight CPUs (2 and 4 GiB).
std::vector<NumaCell> defaultNumaCells();

conf::capabilities::Capabilities buildCapabilities(const std::vector<NumaCell>& cells);

}  // namespace cvirt::drivers::test
