#pragma once
// Before QEMU starts: every local disk source (file or block device) the
// guest needs must exist, so a missing image fails the start with
// libvirt's "Cannot access storage file" instead of a QEMU error line.

#include "conf/domain/domain.hpp"

namespace cvirt::qemu {

// Throws Error(SYSTEM_ERROR, storage domain) for the first local disk
// source that cannot be reached. Disks with startupPolicy='optional' and
// empty drives (CD-ROM without media) are left to QEMU.
void checkDiskSources(const conf::domain::Domain& def);

}  // namespace cvirt::qemu
