#pragma once
// <shmem name='x'>: an ivshmem shared-memory device (libvirt's
// virDomainShmemDef). The size is kept in bytes and written in MiB.

#include <cstdint>
#include <optional>
#include <string>

#include "conf/domain/device_info.hpp"

namespace cvirt::conf::domain {

enum class ShmemModel { Ivshmem, IvshmemPlain, IvshmemDoorbell };
CVIRT_ENUM_STRINGS(ShmemModel, "ivshmem", "ivshmem-plain", "ivshmem-doorbell");
enum class ShmemRole { Default, Master, Peer };
CVIRT_ENUM_STRINGS_UNSET(ShmemRole, "default", "master", "peer");

struct ShmemServer {
    std::optional<std::string> path;  // sanitized; none: the hypervisor's default socket
};

struct ShmemMsi {
    unsigned vectors = 0;  // 0: not set
    TriSwitch ioeventfd{};
};

struct Shmem {
    std::string name;
    ShmemRole role{};  // not read for the legacy 'ivshmem' model
    ShmemModel model{};
    uint64_t sizeBytes = 0;  // 0: not set
    std::optional<ShmemServer> server;
    std::optional<ShmemMsi> msi;  // only together with a server
    DeviceInfo info;
};

void xmlParse(Shmem& shmem, const Node& node, ParseContext& ctx);
void xmlFormat(Writer& w, std::string_view name, const Shmem& shmem, FormatContext& ctx);

// Generic validation: the name must be usable as a file name
// (CONFIG_UNSUPPORTED).
void validateShmem(const Shmem& shmem);

}  // namespace cvirt::conf::domain
