#pragma once
// <vsock model='virtio'><cid auto='no' address='3'/></vsock>: the
// host<->guest socket device (libvirt's virDomainVsockDef).

#include "conf/domain/device_info.hpp"
#include "conf/domain/virtio_options.hpp"

namespace cvirt::conf::domain {

enum class VsockModel { Default, Virtio, VirtioTransitional, VirtioNonTransitional };
CVIRT_ENUM_STRINGS_UNSET(VsockModel, "default", "virtio", "virtio-transitional", "virtio-non-transitional");

struct Vsock {
    VsockModel model{};
    TriBool autoCid{};
    unsigned guestCid = 0;  // 0: not set
    DeviceInfo info;
    VirtioOptions virtio;
};

void xmlParse(Vsock& vsock, const Node& node, ParseContext& ctx);
void xmlFormat(Writer& w, std::string_view name, const Vsock& vsock, FormatContext& ctx);

// Generic post-parse: auto='no' when an address is given, 'yes' otherwise.
void postParseVsock(Vsock& vsock);
// Generic validation: CIDs 1 and 2 are reserved; virtio options need a
// virtio model.
void validateVsock(const Vsock& vsock);

}  // namespace cvirt::conf::domain
