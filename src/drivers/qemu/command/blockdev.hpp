#pragma once
// -blockdev nodes for a disk's storage source chain: for each image a
// protocol ("storage") node and a format node on top of it, as libvirt
// names them (libvirt-N-storage / libvirt-N-format).

#include <string>

#include "drivers/qemu/command/build.hpp"

namespace cvirt::qemu {

// The disk settings every node of its chain inherits.
struct BlockdevSettings {
    conf::domain::DiskCache cache{};
    conf::domain::DiskIo io{};
    conf::domain::DiskDiscard discard{};
    conf::domain::DetectZeroes detectZeroes{};
};

// Emits the nodes of `top` and its backing chain, bottom first, and
// returns the format node name of `top`. `nodeIndex(src)` numbers them.
std::string buildBlockdevChain(Build& b, const conf::domain::StorageSource& top, const BlockdevSettings& settings);

// write-cache/direct/no-flush of a cache mode (qemuDomainDiskCachemodeFlags);
// false for the default mode.
bool cacheModeFlags(conf::domain::DiskCache mode, bool& writeback, bool& direct, bool& noFlush);

}  // namespace cvirt::qemu
