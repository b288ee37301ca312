#pragma once
// <pstore backend='acpi-erst'>: persistent storage for guest crash logs
// (libvirt's virDomainPstoreDef). libvirt 9.6 itself does not know this
// element yet (later libvirt does); it is modelled on the later format so
// that such definitions survive a round trip.

#include <cstdint>
#include <string>

#include "conf/domain/device_info.hpp"

namespace cvirt::conf::domain {

enum class PstoreBackend { AcpiErst };
CVIRT_ENUM_STRINGS(PstoreBackend, "acpi-erst");

struct Pstore {
    PstoreBackend backend{};
    std::string path;
    uint64_t sizeKiB = 0;
    DeviceInfo info;
};

void xmlParse(Pstore& pstore, const Node& node, ParseContext& ctx);
void xmlFormat(Writer& w, std::string_view name, const Pstore& pstore, FormatContext& ctx);

// Generic validation: a path, and a size of at least 4 KiB that is a power
// of two (XML_ERROR).
void validatePstore(const Pstore& pstore);

}  // namespace cvirt::conf::domain
