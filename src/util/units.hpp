#pragma once
// Sizes with libvirt's unit suffixes.

#include <cstdint>
#include <limits>
#include <string_view>

namespace cvirt {

// The multiplier a unit suffix names, case-insensitively, as libvirt reads
// units: "" -> defaultScale; "b", "byte", "bytes" -> 1; "k"/"KiB" -> 1024 and
// "KB" -> 1000, and likewise M, G, T, P, E. Throws Error(INVALID_ARG,
// "unknown suffix 'x'") for anything else.
uint64_t unitScale(std::string_view suffix, uint64_t defaultScale);

// value * unitScale(suffix), checked against `limit`: Error(OVERFLOW,
// "value too large: <value><suffix>") when the product exceeds it.
uint64_t scaleInteger(uint64_t value, std::string_view suffix, uint64_t defaultScale,
                      uint64_t limit = std::numeric_limits<uint64_t>::max());

}  // namespace cvirt
