#pragma once
// Attribute readers with libvirt's virXMLProp* semantics and messages, for
// hand-written parsers that need a value before they can decide what to
// check next (the declarative fields use the codecs instead):
//   propUInt(node, "prefix", 10)                 virXMLPropUInt
//   propUInt(node, "metric", 10, kPropNonZero)   ... VIR_XML_PROP_NONZERO
//   propEnum<LeaseUnit>(node, "unit")            virXMLPropEnum
// Absent attributes give nullopt (or an error with kPropRequired).

#include <optional>
#include <string>

#include "conf/xml/c_number.hpp"
#include "conf/xml/codec.hpp"
#include "util/error.hpp"

namespace cvirt::conf::xml {

enum PropFlag : unsigned {
    kPropRequired = 1u << 0,  // VIR_XML_PROP_REQUIRED
    kPropNonZero = 1u << 1,   // VIR_XML_PROP_NONZERO
};

namespace prop_detail {

inline std::optional<std::string> raw(const Node& node, const char* name, unsigned flags) {
    auto v = node.attr(name);
    if (!v && (flags & kPropRequired))
        missingAttr(node, name);
    return v;
}

[[noreturn]] inline void zeroNotPermitted(const Node& node, const char* name) {
    fail(ErrorCode::XmlError, ErrorDomain::Domain,
         "Invalid value for attribute '{}' in element '{}': Zero is not permitted", name, node.name());
}

template <typename T>
std::optional<T> checked(const Node& node, const char* name, unsigned flags, const std::string& text,
                         std::optional<T> value, const char* expected) {
    if (!value)
        invalidAttr(node, name, text, expected);
    if ((flags & kPropNonZero) && *value == 0)
        zeroNotPermitted(node, name);
    return value;
}

}  // namespace prop_detail

inline std::optional<unsigned> propUInt(const Node& node, const char* name, int base = 10,
                                        unsigned flags = 0) {
    auto text = prop_detail::raw(node, name, flags);
    if (!text)
        return std::nullopt;
    return prop_detail::checked(node, name, flags, *text, cParseUInt(*text, base, true),
                                "Expected non-negative integer value");
}

inline std::optional<unsigned long long> propULongLong(const Node& node, const char* name, int base = 10,
                                                       unsigned flags = 0) {
    auto text = prop_detail::raw(node, name, flags);
    if (!text)
        return std::nullopt;
    return prop_detail::checked(node, name, flags, *text, cParseUnsigned(*text, base, true),
                                "Expected non-negative integer value");
}

inline std::optional<int> propInt(const Node& node, const char* name, int base = 10, unsigned flags = 0) {
    auto text = prop_detail::raw(node, name, flags);
    if (!text)
        return std::nullopt;
    return prop_detail::checked(node, name, flags, *text, cParseSigned<int>(*text, base),
                                "Expected integer value");
}

template <StringEnum E>
std::optional<E> propEnum(const Node& node, const char* name, unsigned flags = 0) {
    auto text = prop_detail::raw(node, name, flags);
    if (!text)
        return std::nullopt;
    auto v = fromString<E>(*text);
    if (!v || ((flags & kPropNonZero) && static_cast<int>(*v) == 0))
        invalidAttr(node, name, *text);
    return v;
}

// virXMLPropTristateBool / virXMLPropTristateSwitch: "absent" when missing.
template <StringEnum E>
E propTri(const Node& node, const char* name, unsigned flags = 0) {
    return propEnum<E>(node, name, flags | kPropNonZero).value_or(E{});
}

}  // namespace cvirt::conf::xml
