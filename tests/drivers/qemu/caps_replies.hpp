#pragma once
// QEMU capabilities from a recorded QMP probe (libvirt's
// qemucapabilitiesdata/*.replies): the answers a real QEMU gave, so tests
// get real machine types, devices and CPU models without running QEMU.

#include <string>

#include "drivers/qemu/caps/qemu_caps.hpp"

namespace cvirt::test {

// `stripAliases`: machine aliases replace the versioned names ("pc" is the
// machine, not "pc-i440fx-7.2"), as libvirt's test harness does so that
// expected output does not change with every QEMU release.
qemu::QemuCaps capsFromReplies(const std::string& path, bool stripAliases);

}  // namespace cvirt::test
