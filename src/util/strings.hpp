#pragma once
// Small string helpers shared by every layer.

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <vector>

namespace cvirt {

// Splits on any of `separators`; empty pieces are dropped when `skipEmpty`.
std::vector<std::string> split(std::string_view text, std::string_view separators,
                               bool skipEmpty = true);
std::string join(const std::vector<std::string>& parts, std::string_view separator);
std::string_view trim(std::string_view text);
std::string toLower(std::string_view text);

// Strict integer parse: the whole text must be a number in range (base 10,
// or 16 with a 0x prefix when `allowHex`); no sign for unsigned types.
template <typename Int>
std::optional<Int> parseInt(std::string_view text, bool allowHex = false) {
    static_assert(std::is_integral_v<Int>);
    int base = 10;
    bool negative = !text.empty() && text.front() == '-';
    std::string_view digits = text;
    if (negative) {
        if constexpr (std::is_unsigned_v<Int>)
            return std::nullopt;
    }
    if (allowHex) {
        std::string_view body = negative ? digits.substr(1) : digits;
        if (body.size() > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X')) {
            if (negative)
                return std::nullopt;
            digits = body.substr(2);
            base = 16;
        }
    }
    if (digits.empty() || digits.front() == '+')
        return std::nullopt;
    Int value{};
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value, base);
    if (ec != std::errc() || end != digits.data() + digits.size())
        return std::nullopt;
    return value;
}

// Escapes text for an XML attribute or element body the way libvirt does
// (& < > " ' as entities).
std::string xmlEscape(std::string_view text);

}  // namespace cvirt
