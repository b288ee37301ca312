#pragma once
// Reading a test driver node document (testOpenParse): <node> with the host
// (<cpu>: nodes, sockets, cores, threads, active, mhz, model; <memory>), and
// <domain>, <network>, <interface>, <pool> (with <volume>s) and <device>
// elements written inline or referenced by file='relative/path', plus
// <auth><user password='...'>name</user></auth>.

#include <string>
#include <string_view>

#include "drivers/test/driver_state.hpp"

namespace cvirt::drivers::test {

// Fills `state` from the node document `xml`. `file` is the document's path
// (file= references resolve against its directory); empty for the built-in
// default node. Errors use libvirt's codes and messages.
void loadNode(DriverState& state, std::string_view xml, const std::string& file);

// Reads the node file at `path` (XML_ERROR "failed to parse xml document"
// when it cannot be read) and loads it.
void loadNodeFile(DriverState& state, const std::string& path);

}  // namespace cvirt::drivers::test
