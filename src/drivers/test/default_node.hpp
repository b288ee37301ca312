#pragma once
// test:///default: the host, domain, network, interface and storage pool
// libvirt's test driver starts with, so scripts written against libvirt's
// test:///default see the same objects with the same names and values.

#include <string_view>

namespace cvirt::drivers::test {

// The default node as a node-file document.
std::string_view defaultNodeXml();

}  // namespace cvirt::drivers::test
