#pragma once
// Numbers read the way libvirt's virStrToLong_* helpers read them (C's
// strtol family): leading blanks and a sign allowed, base 0 detecting 0x
// and leading-zero octal, and nothing may follow the digits. Parsers that
// report libvirt's own message for a bad number use these, so that the
// same inputs are accepted and refused as in libvirt.

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace cvirt::conf::xml {

// virStrToLong_ll (and _i / _l via the range check of T).
template <typename T = long long>
std::optional<T> cParseSigned(std::string_view text, int base = 10) {
    std::string s(text);
    char* end = nullptr;
    errno = 0;
    long long v = std::strtoll(s.c_str(), &end, base);
    if (errno != 0 || end == s.c_str() || *end != '\0')
        return std::nullopt;
    if (v < static_cast<long long>(std::numeric_limits<T>::min()) ||
        v > static_cast<long long>(std::numeric_limits<T>::max()))
        return std::nullopt;
    return static_cast<T>(v);
}

// virStrToLong_ull; with `positive` (virStrToLong_ullp) a minus sign is
// refused, otherwise "-1" wraps to the maximum as strtoull does.
inline std::optional<unsigned long long> cParseUnsigned(std::string_view text, int base = 10,
                                                        bool positive = false) {
    std::string s(text);
    char* end = nullptr;
    errno = 0;
    unsigned long long v = std::strtoull(s.c_str(), &end, base);
    if (errno != 0 || end == s.c_str() || *end != '\0')
        return std::nullopt;
    if (positive && s.find('-') != std::string::npos)
        return std::nullopt;
    return v;
}

// virStrToLong_ui: "-1" is UINT_MAX, other negative values wrap modulo 2^32
// unless their magnitude exceeds it.
inline std::optional<unsigned> cParseUInt(std::string_view text, int base = 10, bool positive = false) {
    auto v = cParseUnsigned(text, base, positive);
    if (!v)
        return std::nullopt;
    if (std::string_view(text).find('-') != std::string_view::npos) {
        unsigned long long magnitude = 0ULL - *v;
        if (magnitude > UINT_MAX)
            return std::nullopt;
        return static_cast<unsigned>(*v & UINT_MAX);
    }
    if (*v > UINT_MAX)
        return std::nullopt;
    return static_cast<unsigned>(*v);
}

}  // namespace cvirt::conf::xml
