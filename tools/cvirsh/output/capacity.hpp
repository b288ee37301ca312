#pragma once
// Sizes for people, as virsh prints them: "512.00 MiB", "1.00 GiB".

#include <cstdint>
#include <string>
#include <string_view>

namespace cvirt::shell {

struct ScaledValue {
    double value;
    std::string_view unit;  // B, KiB, MiB, GiB, TiB, PiB, EiB
};

// The largest binary unit that keeps the value at or above 1.
ScaledValue prettyCapacity(uint64_t bytes);
// "%.2f %s" of prettyCapacity: "1.00 GiB".
std::string formatCapacity(uint64_t bytes);

}  // namespace cvirt::shell
