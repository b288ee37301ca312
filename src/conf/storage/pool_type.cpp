#include "conf/storage/pool_type.hpp"

#include "conf/storage/file_format.hpp"

namespace cvirt::conf::storage {
namespace {

template <typename E>
FormatTable table(E defaultFormat, int first = 0) {
    return FormatTable{enumStrings(E{}), static_cast<int>(defaultFormat), first};
}

const FormatTable kImageFormats = table(FileFormat::Raw, static_cast<int>(FileFormat::Raw));

const PoolTypeInfo kPoolTypes[] = {
    // dir
    {0, {}, kImageFormats},
    // fs
    {kSourceDevice, table(PoolFsFormat::Auto), kImageFormats},
    // netfs
    {kSourceHost | kSourceDir, table(PoolNetfsFormat::Auto), kImageFormats},
    // logical
    {kSourceName | kSourceDevice, table(PoolLogicalFormat::Lvm2), {}},
    // disk
    {kSourceDevice, table(PoolDiskFormat::Unknown), table(VolDiskFormat::None)},
    // iscsi
    {kSourceHost | kSourceDevice | kSourceInitiatorIqn, {}, {}},
    // iscsi-direct
    {kSourceHost | kSourceDevice | kSourceNetwork | kSourceInitiatorIqn, {}, {}},
    // scsi
    {kSourceAdapter, {}, {}},
    // mpath
    {0, {}, {}},
    // rbd
    {kSourceHost | kSourceNetwork | kSourceName, {}, kImageFormats},
    // sheepdog
    {kSourceHost | kSourceNetwork | kSourceName, {}, {}},
    // gluster
    {kSourceHost | kSourceNetwork | kSourceName | kSourceDir, {}, kImageFormats},
    // zfs
    {kSourceName | kSourceDevice, {}, {}},
    // vstorage
    {kSourceName, {}, kImageFormats},
};
static_assert(std::size(kPoolTypes) == std::size(PoolType_strings_));

}  // namespace

int FormatTable::parse(std::string_view text) const {
    for (size_t i = static_cast<size_t>(first); i < names.size(); ++i)
        if (names[i] == text)
            return static_cast<int>(i);
    return -1;
}

std::string_view FormatTable::name(int format) const {
    return format >= 0 && static_cast<size_t>(format) < names.size() ? names[static_cast<size_t>(format)]
                                                                     : std::string_view();
}

const PoolTypeInfo& poolTypeInfo(PoolType type) {
    return kPoolTypes[static_cast<size_t>(type)];
}

}  // namespace cvirt::conf::storage
