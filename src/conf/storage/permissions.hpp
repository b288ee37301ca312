#pragma once
// <permissions> of a pool target or volume (libvirt's virStoragePerms):
// octal mode, numeric owner and group, security label.

#include <cstdint>
#include <optional>
#include <string>

#include "conf/xml/schema.hpp"

namespace cvirt::conf::storage {

struct Permissions {
    std::optional<unsigned> mode;  // 0..0777
    std::optional<uint32_t> uid;   // -1 (4294967295) reads as "not set"
    std::optional<uint32_t> gid;
    std::string label;
    bool empty() const { return !mode && !uid && !gid && label.empty(); }
};

// Reads the <permissions> child of `parent` (all unset when absent).
Permissions parsePermissions(const xml::Node& parent);
// Nothing is written when every field is unset.
void formatPermissions(xml::Writer& w, const Permissions& perms);

}  // namespace cvirt::conf::storage
