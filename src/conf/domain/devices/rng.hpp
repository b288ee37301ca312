#pragma once
// <rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>:
// a virtio entropy device and where its entropy comes from (libvirt's
// virDomainRNGDef).

#include <string>
#include <variant>

#include "conf/domain/device_info.hpp"
#include "conf/domain/devices/chardev_source.hpp"
#include "conf/domain/virtio_options.hpp"

namespace cvirt::conf::domain {

enum class RngModel { Virtio, VirtioTransitional, VirtioNonTransitional };
CVIRT_ENUM_STRINGS(RngModel, "virtio", "virtio-transitional", "virtio-non-transitional");
enum class RngBackendModel { Random, Egd, Builtin };
CVIRT_ENUM_STRINGS(RngBackendModel, "random", "egd", "builtin");

// A host file to read; empty until the generic post-parse fills in
// /dev/random.
struct RngRandomBackend {
    std::string path;
};

// An EGD daemon reached through a character device.
struct RngEgdBackend {
    ChardevSource source;
};

// QEMU's own entropy source.
struct RngBuiltinBackend {};

using RngBackend = std::variant<RngRandomBackend, RngEgdBackend, RngBuiltinBackend>;

struct Rng {
    RngModel model{};
    unsigned rateBytes = 0;   // <rate bytes=.../>; 0: no <rate>
    unsigned ratePeriod = 0;  // milliseconds; 0: not set
    RngBackend backend;
    VirtioOptions virtio;
    DeviceInfo info;

    RngBackendModel backendModel() const { return static_cast<RngBackendModel>(backend.index()); }
};

// The models are reported with libvirt's own messages ("unknown RNG model
// 'x'", "missing RNG device backend model"), not the generic ones.
void xmlParse(Rng& rng, const Node& node, ParseContext& ctx);
void xmlFormat(Writer& w, std::string_view name, const Rng& rng, FormatContext& ctx);

// Generic post-parse: the 'random' backend reads /dev/random unless told.
void postParseRng(Rng& rng);
// Generic validation: an EGD backend's character device must be usable.
void validateRng(const Rng& rng);

}  // namespace cvirt::conf::domain
