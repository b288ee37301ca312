#pragma once
// Value codecs: how a C++ value maps to the text of an XML attribute or a
// text-only element. Each codec has
//   static T parse(std::string_view text, const Node& node, const char* attr);
//   static std::string format(const T& value);
//   static bool present(const T& value);   // false: leave it out
// parse() failures use libvirt's generic messages for attribute values.

#include <concepts>
#include <optional>
#include <string>
#include <string_view>

#include "conf/xml/enum.hpp"
#include "util/bitmap.hpp"
#include "util/strings.hpp"
#include "util/uuid.hpp"
#include "util/xml.hpp"

namespace cvirt::conf::xml {

using cvirt::xml::Node;

// "Invalid value for attribute 'x' in element 'y': 'z'." (XML_ERROR)
[[noreturn]] void invalidAttr(const Node& node, const char* attr, std::string_view value,
                              std::string_view expected = {});
// "Missing required attribute 'x' in element 'y'" (XML_ERROR)
[[noreturn]] void missingAttr(const Node& node, const char* attr);

template <typename T>
struct Codec;

template <>
struct Codec<std::string> {
    static std::string parse(std::string_view text, const Node&, const char*) { return std::string(text); }
    static std::string format(const std::string& v) { return v; }
    static bool present(const std::string& v) { return !v.empty(); }
};

template <std::integral T>
    requires(!std::same_as<T, bool>)
struct Codec<T> {
    static T parse(std::string_view text, const Node& node, const char* attr) {
        // libvirt reads numbers with strtol-style base detection in most
        // places ("0x1f" and "017" accepted); decimal and 0x cover real use.
        auto v = parseInt<T>(trim(text), true);
        if (!v)
            invalidAttr(node, attr, text,
                        std::is_signed_v<T> ? "Expected integer value" : "Expected non-negative integer value");
        return *v;
    }
    static std::string format(const T& v) { return std::to_string(v); }
    static bool present(const T&) { return true; }
};

template <StringEnum E>
struct Codec<E> {
    static E parse(std::string_view text, const Node& node, const char* attr) {
        auto v = fromString<E>(text);
        if (!v)
            invalidAttr(node, attr, text);
        return *v;
    }
    static std::string format(const E& v) { return std::string(toString(v)); }
    static bool present(const E& v) { return isSet(v); }
};

template <typename T>
struct Codec<std::optional<T>> {
    static std::optional<T> parse(std::string_view text, const Node& node, const char* attr) {
        return Codec<T>::parse(text, node, attr);
    }
    static std::string format(const std::optional<T>& v) { return Codec<T>::format(*v); }
    static bool present(const std::optional<T>& v) { return v.has_value(); }
};

template <>
struct Codec<Uuid> {
    static Uuid parse(std::string_view text, const Node& node, const char* attr);
    static std::string format(const Uuid& v) { return v.format(); }
    static bool present(const Uuid& v) { return !v.isNull(); }
};

template <>
struct Codec<Bitmap> {
    static Bitmap parse(std::string_view text, const Node& node, const char* attr);
    static std::string format(const Bitmap& v) { return v.format(); }
    static bool present(const Bitmap& v) { return !v.empty(); }
};

// Integers written as 0x-prefixed hex padded to `Width` digits (PCI
// addresses: domain='0x0000' bus='0x00' slot='0x1f' function='0x7').
template <typename T, int Width>
struct HexCodec {
    static T parse(std::string_view text, const Node& node, const char* attr) {
        return Codec<T>::parse(text, node, attr);
    }
    static std::string format(const T& v);
    static bool present(const T&) { return true; }
};

std::string formatHex(unsigned long long value, int width);

template <typename T, int Width>
std::string HexCodec<T, Width>::format(const T& v) {
    return formatHex(static_cast<unsigned long long>(v), Width);
}

template <typename T, int Width>
struct HexCodec<std::optional<T>, Width> {
    static std::optional<T> parse(std::string_view text, const Node& node, const char* attr) {
        return Codec<T>::parse(text, node, attr);
    }
    static std::string format(const std::optional<T>& v) { return formatHex(static_cast<unsigned long long>(*v), Width); }
    static bool present(const std::optional<T>& v) { return v.has_value(); }
};

}  // namespace cvirt::conf::xml
