#pragma once
// <crypto model='virtio' type='qemu'><backend model='builtin' queues='1'/>:
// a virtio crypto accelerator (libvirt's virDomainCryptoDef).

#include "conf/domain/device_info.hpp"
#include "conf/domain/virtio_options.hpp"

namespace cvirt::conf::domain {

enum class CryptoModel { Virtio };
CVIRT_ENUM_STRINGS(CryptoModel, "virtio");
enum class CryptoType { Qemu };
CVIRT_ENUM_STRINGS(CryptoType, "qemu");
enum class CryptoBackendModel { Builtin, Lkcf };
CVIRT_ENUM_STRINGS(CryptoBackendModel, "builtin", "lkcf");

struct Crypto {
    CryptoModel model{};
    CryptoType type{};
    CryptoBackendModel backend{};
    unsigned queues = 0;  // 0: not set
    VirtioOptions virtio;
    DeviceInfo info;
};

void xmlParse(Crypto& crypto, const Node& node, ParseContext& ctx);
void xmlFormat(Writer& w, std::string_view name, const Crypto& crypto, FormatContext& ctx);

}  // namespace cvirt::conf::domain
