#include "conf/xml/codec.hpp"

#include <fmt/format.h>

#include "util/error.hpp"

namespace cvirt::conf::xml {

void invalidAttr(const Node& node, const char* attr, std::string_view value, std::string_view expected) {
    if (expected.empty())
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "Invalid value for attribute '{}' in element '{}': '{}'.",
             attr, node.name(), value);
    fail(ErrorCode::XmlError, ErrorDomain::Domain, "Invalid value for attribute '{}' in element '{}': '{}'. {}",
         attr, node.name(), value, expected);
}

void missingAttr(const Node& node, const char* attr) {
    fail(ErrorCode::XmlError, ErrorDomain::Domain, "Missing required attribute '{}' in element '{}'", attr,
         node.name());
}

Uuid Codec<Uuid>::parse(std::string_view text, const Node& node, const char* attr) {
    auto u = Uuid::parse(text);
    if (!u)
        invalidAttr(node, attr, text);
    return *u;
}

Bitmap Codec<Bitmap>::parse(std::string_view text, const Node&, const char*) {
    return Bitmap::parse(text);
}

std::string formatHex(unsigned long long value, int width) {
    char digits[16];
    int n = 0;
    do {
        digits[n++] = "0123456789abcdef"[value & 0xf];
        value >>= 4;
    } while (value);
    std::string out = "0x";
    out.append(static_cast<size_t>(width > n ? width - n : 0), '0');
    while (n)
        out += digits[--n];
    return out;
}

}  // namespace cvirt::conf::xml
