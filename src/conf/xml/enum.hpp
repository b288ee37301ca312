#pragma once
// Enums with libvirt's string tables, declared once:
//
//   enum class DiskDevice { Disk, Cdrom, Floppy, Lun };
//   CVIRT_ENUM_STRINGS(DiskDevice, "disk", "cdrom", "floppy", "lun");
//
// The table is found by argument-dependent lookup, so it lives beside the
// enum in the enum's namespace. As in libvirt, value 0 of many enums means
// "not set" ("default", "none", or an empty string): such attributes are
// left out when formatting unless a field says otherwise.

#include <optional>
#include <span>
#include <string_view>
#include <type_traits>

#define CVIRT_ENUM_STRINGS(Type, ...)                                          \
    inline constexpr std::string_view Type##_strings_[] = {__VA_ARGS__};      \
    constexpr std::span<const std::string_view> enumStrings(Type) { return Type##_strings_; }

// For enums whose value 0 ("default", "none", ...) means "not set": it is
// accepted when parsing and never written.
#define CVIRT_ENUM_STRINGS_UNSET(Type, ...)                                    \
    CVIRT_ENUM_STRINGS(Type, __VA_ARGS__)                                      \
    constexpr bool enumZeroIsUnset(Type) { return true; }

namespace cvirt::conf {

template <typename E>
concept StringEnum = std::is_enum_v<E> && requires(E e) {
    { enumStrings(e) } -> std::convertible_to<std::span<const std::string_view>>;
};

template <StringEnum E>
constexpr bool zeroIsUnset() {
    if constexpr (requires { enumZeroIsUnset(E{}); })
        return true;
    else
        return enumStrings(E{})[0].empty();
}

// True unless `value` is the "not set" value of its enum.
template <StringEnum E>
constexpr bool isSet(E value) {
    return static_cast<int>(value) != 0 || !zeroIsUnset<E>();
}

template <StringEnum E>
constexpr std::string_view toString(E value) {
    auto names = enumStrings(E{});
    auto i = static_cast<size_t>(value);
    return i < names.size() ? names[i] : std::string_view();
}

template <StringEnum E>
constexpr std::optional<E> fromString(std::string_view text) {
    auto names = enumStrings(E{});
    for (size_t i = 0; i < names.size(); ++i)
        if (names[i] == text && !names[i].empty())
            return static_cast<E>(i);
    return std::nullopt;
}

// libvirt's virTristateBool (yes/no) and virTristateSwitch (on/off).
enum class TriBool { Absent, Yes, No };
CVIRT_ENUM_STRINGS(TriBool, "", "yes", "no");
enum class TriSwitch { Absent, On, Off };
CVIRT_ENUM_STRINGS(TriSwitch, "", "on", "off");

}  // namespace cvirt::conf
