#pragma once
// The conditions libvirt's qemuxml2argv/qemuxml2xml tests run under
// (conformance/README.md, "qemuxml2argvdata"): fixed paths for domain -1,
// pre-opened fds, a fake environment and the driver settings a case's
// context column switches on. Lets cvirt's builder be compared byte for
// byte with libvirt's expected files.

#include <string>
#include <vector>

#include "conf/domain/domain.hpp"
#include "drivers/qemu/command/command_line.hpp"
#include "drivers/qemu/domain_defaults/qemu_hooks.hpp"

namespace cvirt::test {

// One row of index/qemuxml2argv-cases-a-m.tsv (or the xml2xml one).
struct HarnessCase {
    std::string name, suffix, macro, caps, expect, extra, context;
};

std::vector<HarnessCase> readCaseIndex(const std::string& path);

// The driver settings of a case's context column (env:QEMU_AUDIO_DRV=...,
// cfg->vncAllowHostAudio=true, ...).
qemu::QemuXmlConfig harnessXmlConfig(const std::string& context);

// The build context libvirt's harness gives domain `def`.
qemu::BuildContext harnessBuildContext(const qemu::QemuCaps& caps, const conf::domain::Domain& def,
                                       const std::string& context);

}  // namespace cvirt::test
