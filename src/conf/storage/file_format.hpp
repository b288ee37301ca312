#pragma once
// Image formats of volumes and disks (libvirt's virStorageFileFormat, in
// its order). Formats from Cow on can have a backing file.

#include "conf/xml/enum.hpp"

namespace cvirt::conf::storage {

enum class FileFormat {
    None,
    Raw,
    Dir,
    Bochs,
    Cloop,
    Dmg,
    Iso,
    Vpc,
    Vdi,
    Fat,
    Vhd,
    Ploop,
    Cow,
    Qcow,
    Qcow2,
    Qed,
    Vmdk
};
CVIRT_ENUM_STRINGS(FileFormat, "none", "raw", "dir", "bochs", "cloop", "dmg", "iso", "vpc", "vdi", "fat",
                   "vhd", "ploop", "cow", "qcow", "qcow2", "qed", "vmdk");

// Features of a qcow2 image (<features><lazy_refcounts/></features>).
enum class FileFeature { LazyRefcounts, ExtendedL2 };
CVIRT_ENUM_STRINGS(FileFeature, "lazy_refcounts", "extended_l2");

}  // namespace cvirt::conf::storage
