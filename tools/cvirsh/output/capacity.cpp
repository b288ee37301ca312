#include "cvirsh/output/capacity.hpp"

#include <fmt/format.h>

namespace cvirt::shell {

ScaledValue prettyCapacity(uint64_t bytes) {
    static constexpr std::string_view kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double limit = 1024;
    size_t unit = 0;
    while (unit + 1 < std::size(kUnits) && static_cast<double>(bytes) >= limit) {
        limit *= 1024;
        ++unit;
    }
    return {static_cast<double>(bytes) / (limit / 1024), kUnits[unit]};
}

std::string formatCapacity(uint64_t bytes) {
    auto scaled = prettyCapacity(bytes);
    return fmt::format("{:.2f} {}", scaled.value, scaled.unit);
}

}  // namespace cvirt::shell
