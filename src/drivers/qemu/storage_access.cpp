#include "drivers/qemu/storage_access.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "util/error.hpp"

namespace cvirt::qemu {

using namespace conf::domain;

void checkDiskSources(const Domain& def) {
    for (const auto& disk : def.devices.disks) {
        const StorageSource& src = disk.src;
        if (src.type != StorageType::File && src.type != StorageType::Block)
            continue;
        if (!src.path || src.path->empty() || disk.startupPolicy == StartupPolicy::Optional)
            continue;
        struct stat st {};
        if (::stat(src.path->c_str(), &st) == 0)
            continue;
        // QEMU runs with the daemon's credentials; libvirt names them too.
        failSystem(ErrorDomain::Storage, fmt::format("Cannot access storage file '{}' (as uid:{}, gid:{})",
                                                     *src.path, ::geteuid(), ::getegid()));
    }
}

}  // namespace cvirt::qemu
