#pragma once
// What each storage pool type has in its <source> and which formats its
// pool and its volumes take (libvirt's poolTypeInfo table).

#include <span>
#include <string_view>

#include "conf/xml/enum.hpp"

namespace cvirt::conf::storage {

enum class PoolType {
    Dir,
    Fs,
    Netfs,
    Logical,
    Disk,
    Iscsi,
    IscsiDirect,
    Scsi,
    Mpath,
    Rbd,
    Sheepdog,
    Gluster,
    Zfs,
    Vstorage
};
CVIRT_ENUM_STRINGS(PoolType, "dir", "fs", "netfs", "logical", "disk", "iscsi", "iscsi-direct", "scsi",
                   "mpath", "rbd", "sheepdog", "gluster", "zfs", "vstorage");

// Parts of <source> a pool type uses (and requires, see pool.cpp).
enum PoolSourceFlag : unsigned {
    kSourceHost = 1u << 0,
    kSourceDevice = 1u << 1,
    kSourceDir = 1u << 2,
    kSourceAdapter = 1u << 3,
    kSourceName = 1u << 4,
    kSourceInitiatorIqn = 1u << 5,
    kSourceNetwork = 1u << 6,  // no local target path
};

// Source <format type=...> names of the pool types that have one.
enum class PoolFsFormat {
    Auto,
    Ext2,
    Ext3,
    Ext4,
    Ufs,
    Iso9660,
    Udf,
    Gfs,
    Gfs2,
    Vfat,
    Hfsplus,
    Xfs,
    Ocfs2,
    Vmfs
};
CVIRT_ENUM_STRINGS(PoolFsFormat, "auto", "ext2", "ext3", "ext4", "ufs", "iso9660", "udf", "gfs", "gfs2",
                   "vfat", "hfs+", "xfs", "ocfs2", "vmfs");
enum class PoolNetfsFormat { Auto, Nfs, Glusterfs, Cifs };
CVIRT_ENUM_STRINGS(PoolNetfsFormat, "auto", "nfs", "glusterfs", "cifs");
enum class PoolDiskFormat { Unknown, Dos, Dvh, Gpt, Mac, Bsd, Pc98, Sun, Lvm2 };
CVIRT_ENUM_STRINGS(PoolDiskFormat, "unknown", "dos", "dvh", "gpt", "mac", "bsd", "pc98", "sun", "lvm2");
enum class PoolLogicalFormat { Unknown, Lvm2 };
CVIRT_ENUM_STRINGS(PoolLogicalFormat, "unknown", "lvm2");

// Partition types of a disk pool's volumes.
enum class VolDiskFormat { None, Linux, Fat16, Fat32, LinuxSwap, LinuxLvm, LinuxRaid, Extended };
CVIRT_ENUM_STRINGS(VolDiskFormat, "none", "linux", "fat16", "fat32", "linux-swap", "linux-lvm", "linux-raid",
                   "extended");

// A list of format names indexed by format number; `first` is the lowest
// number accepted on input (image formats refuse "none").
struct FormatTable {
    std::span<const std::string_view> names;
    int defaultFormat = 0;
    int first = 0;
    bool empty() const { return names.empty(); }
    // The format number of `name`, or -1.
    int parse(std::string_view name) const;
    std::string_view name(int format) const;
};

struct PoolTypeInfo {
    unsigned sourceFlags = 0;
    FormatTable poolFormats;    // <source><format>
    FormatTable volumeFormats;  // a volume's <target><format>
};

const PoolTypeInfo& poolTypeInfo(PoolType type);

}  // namespace cvirt::conf::storage
