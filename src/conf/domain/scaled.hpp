#pragma once
// Sizes written as an element's text with a unit attribute
// (<size unit='MiB'>4</size>), read and written the way libvirt's
// virDomainParseMemory / virParseScaledValue and its formatters do. The
// number rules and messages live in props.hpp (memoryKiB, scaledValue);
// these helpers apply them to "./<child>" and "./<child>/@unit".

#include <cstdint>
#include <optional>
#include <string_view>

#include "conf/domain/props.hpp"
#include "conf/xml/writer.hpp"

namespace cvirt::conf::domain {

// virDomainParseMemory("./<child>", "./<child>/@unit"): KiB, rounded up
// from the bytes the value and unit (default KiB) give. `where` is the
// xpath libvirt names in its messages ("./size", "./label/size").
// nullopt when the element is missing or empty and not required.
std::optional<uint64_t> childMemoryKiB(const xml::Node& parent, std::string_view child, std::string_view where,
                                       bool required);

// virParseScaledValue("./<child>", NULL, ...): bytes, with `scale` the
// multiplier of a value without unit and `max` the largest result.
std::optional<uint64_t> childScaledBytes(const xml::Node& parent, std::string_view child, std::string_view where,
                                         uint64_t scale, uint64_t max, bool required);

// <name unit='KiB'>kib</name>
void formatKiB(xml::Writer& w, std::string_view name, uint64_t kib);

}  // namespace cvirt::conf::domain
