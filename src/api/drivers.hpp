#pragma once
// The drivers a process can open, in the order they are offered a URI.

#include "driver/registry.hpp"

namespace cvirt::api {

const driver::Registry& registry();

}  // namespace cvirt::api
