#pragma once
// <filesystem>: a host directory, file, block device or RAM disk shared
// with the guest (9p, virtiofs, container mounts); libvirt's virDomainFSDef.

#include <optional>
#include <string>

#include "conf/domain/device_info.hpp"
#include "conf/domain/devices/storage_source.hpp"

namespace cvirt::conf::domain {

enum class FsType { Mount, Block, File, Template, Ram, Bind, Volume };
CVIRT_ENUM_STRINGS(FsType, "mount", "block", "file", "template", "ram", "bind", "volume");
enum class FsAccessMode { Default, Passthrough, Mapped, Squash };
CVIRT_ENUM_STRINGS_UNSET(FsAccessMode, "default", "passthrough", "mapped", "squash");
enum class FsModel { Default, Virtio, VirtioTransitional, VirtioNonTransitional };
CVIRT_ENUM_STRINGS_UNSET(FsModel, "default", "virtio", "virtio-transitional", "virtio-non-transitional");
enum class FsMultidevs { Default, Remap, Forbid, Warn };
CVIRT_ENUM_STRINGS_UNSET(FsMultidevs, "default", "remap", "forbid", "warn");
enum class FsDriverType { Default, Path, Handle, Loop, Nbd, Ploop, Virtiofs };
CVIRT_ENUM_STRINGS_UNSET(FsDriverType, "default", "path", "handle", "loop", "nbd", "ploop", "virtiofs");
enum class FsWrpolicy { Default, Immediate };
CVIRT_ENUM_STRINGS_UNSET(FsWrpolicy, "default", "immediate");
enum class FsCacheMode { Default, None, Always };
CVIRT_ENUM_STRINGS_UNSET(FsCacheMode, "default", "none", "always");
enum class FsSandboxMode { Default, Namespace, Chroot };
CVIRT_ENUM_STRINGS_UNSET(FsSandboxMode, "default", "namespace", "chroot");

struct Filesystem {
    FsType type = FsType::Mount;
    FsAccessMode accessmode{};
    FsModel model{};
    FsMultidevs multidevs{};
    unsigned fmode = 0, dmode = 0;  // octal permissions, 0 = not given
    // <driver>
    FsDriverType driver{};
    StorageFormat format{};
    FsWrpolicy wrpolicy{};
    unsigned long long queueSize = 0;  // virtiofs
    TriSwitch iommu{}, ats{}, packed{}, pagePerVq{};
    // <binary> (virtiofs)
    std::string binaryPath;
    TriSwitch xattr{}, posixLock{}, flock{};
    FsCacheMode cache{};
    FsSandboxMode sandbox{};
    int threadPoolSize = -1;
    // <source>
    std::optional<std::string> source;  // dir=, dev=, file= or name=
    std::string socket;                 // vhost-user-fs daemon socket
    unsigned long long usageBytes = 0;  // type ram
    std::string pool, volume;           // type volume
    std::string target;                 // <target dir=>
    bool readonly = false;
    unsigned long long spaceHardLimit = 0, spaceSoftLimit = 0;  // bytes
    DeviceInfo info;
};

void xmlParse(Filesystem& fs, const Node& node, ParseContext& ctx);
void xmlFormat(Writer& w, std::string_view name, const Filesystem& fs, FormatContext& ctx);

}  // namespace cvirt::conf::domain
