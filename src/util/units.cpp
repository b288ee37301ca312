#include "util/units.hpp"

#include "util/error.hpp"
#include "util/strings.hpp"

namespace cvirt {

uint64_t unitScale(std::string_view suffix, uint64_t defaultScale) {
    if (suffix.empty())
        return defaultScale;
    std::string unit = toLower(suffix);
    if (unit == "b" || unit == "byte" || unit == "bytes")
        return 1;
    int power;
    switch (unit[0]) {
    case 'k': power = 1; break;
    case 'm': power = 2; break;
    case 'g': power = 3; break;
    case 't': power = 4; break;
    case 'p': power = 5; break;
    case 'e': power = 6; break;
    default: fail(ErrorCode::InvalidArg, ErrorDomain::None, "unknown suffix '{}'", suffix);
    }
    uint64_t base;
    std::string_view rest = std::string_view(unit).substr(1);
    if (rest.empty() || rest == "ib")
        base = 1024;
    else if (rest == "b")
        base = 1000;
    else
        fail(ErrorCode::InvalidArg, ErrorDomain::None, "unknown suffix '{}'", suffix);
    uint64_t scale = 1;
    while (power--)
        scale *= base;
    return scale;
}

uint64_t scaleInteger(uint64_t value, std::string_view suffix, uint64_t defaultScale, uint64_t limit) {
    uint64_t scale = unitScale(suffix, defaultScale);
    if (value && (limit / scale < value))
        fail(ErrorCode::Overflow, ErrorDomain::None, "value too large: {}{}", value, suffix);
    return value * scale;
}

}  // namespace cvirt
