#include "conf/domain/props.hpp"

#include <cerrno>
#include <cstdlib>
#include <limits>

#include "util/error.hpp"
#include "util/units.hpp"

namespace cvirt::conf::domain {
namespace {

// strtol-style conversion as libvirt's virStrToLong_* do it: leading
// whitespace and a sign are allowed, nothing may follow the digits.
// `text` must be NUL-terminated (Node::attrView guarantees it).
template <typename T>
std::optional<T> toNumber(std::string_view text, int base) {
    if (text.empty())
        return std::nullopt;
    const char* begin = text.data();
    char* end = nullptr;
    errno = 0;
    if constexpr (std::is_signed_v<T>) {
        long long v = std::strtoll(begin, &end, base);
        if (errno || end == begin || *end || v < std::numeric_limits<T>::min() || v > std::numeric_limits<T>::max())
            return std::nullopt;
        return static_cast<T>(v);
    } else {
        // The "positive" variants reject a minus sign that strtoull would wrap.
        const char* p = begin;
        while (*p == ' ' || (*p >= '\t' && *p <= '\r'))
            ++p;
        if (*p == '-')
            return std::nullopt;
        unsigned long long v = std::strtoull(begin, &end, base);
        if (errno || end == begin || *end || v > std::numeric_limits<T>::max())
            return std::nullopt;
        return static_cast<T>(v);
    }
}

}  // namespace

template <typename T>
std::optional<T> propInt(const Node& node, const char* name, unsigned flags) {
    std::string spill;
    auto text = node.attrView(name, spill);
    if (!text) {
        if (flags & kPropRequired)
            xml::missingAttr(node, name);
        return std::nullopt;
    }
    auto v = toNumber<T>(*text, (flags & kPropAnyBase) ? 0 : 10);
    if (!v)
        xml::invalidAttr(node, name, *text,
                         std::is_signed_v<T> ? "Expected integer value" : "Expected non-negative integer value");
    if constexpr (std::is_signed_v<T>) {
        if ((flags & kPropNonNegative) && *v < 0)
            xml::invalidAttr(node, name, *text, "Expected non-negative value");
    }
    if ((flags & kPropNonZero) && *v == 0)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "Invalid value for attribute '{}' in element '{}': Zero is not permitted",
             name, node.name());
    return v;
}

template std::optional<int> propInt<int>(const Node&, const char*, unsigned);
template std::optional<unsigned> propInt<unsigned>(const Node&, const char*, unsigned);
template std::optional<long long> propInt<long long>(const Node&, const char*, unsigned);
template std::optional<unsigned long long> propInt<unsigned long long>(const Node&, const char*, unsigned);

TriBool propTriBool(const Node& node, const char* name, unsigned flags) {
    return propEnum<TriBool>(node, name, flags | kPropNonZero).value_or(TriBool::Absent);
}

TriSwitch propTriSwitch(const Node& node, const char* name, unsigned flags) {
    return propEnum<TriSwitch>(node, name, flags | kPropNonZero).value_or(TriSwitch::Absent);
}

std::optional<std::string> childText(const Node& node, std::string_view name) {
    return nonEmptyText(node.child(name));
}

std::optional<std::string> nonEmptyText(const Node& node) {
    if (!node)
        return std::nullopt;
    std::string t = node.text();
    if (t.empty())
        return std::nullopt;
    return t;
}

std::optional<uint64_t> scaledValue(const std::optional<std::string>& value, const std::optional<std::string>& unit,
                                    std::string_view where, uint64_t scale, uint64_t max, bool required) {
    if (!value || value->empty()) {
        if (!required)
            return std::nullopt;
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "missing element or attribute '{}'", where);
    }
    auto n = toNumber<unsigned long long>(*value, 10);
    if (!n)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "Invalid value '{}' for element or attribute '{}'", *value,
             where);
    return scaleInteger(*n, unit.value_or(""), scale, max);
}

std::optional<uint64_t> memoryKiB(const std::optional<std::string>& value, const std::optional<std::string>& unit,
                                  std::string_view where, bool required) {
    constexpr uint64_t kMax = static_cast<uint64_t>(std::numeric_limits<long long>::max());
    auto bytes = scaledValue(value, unit, where, 1024, kMax, required);
    if (!bytes)
        return std::nullopt;
    uint64_t kib = (*bytes + 1023) / 1024;
    if (kib >= (kMax + 1023) / 1024)
        fail(ErrorCode::Overflow, ErrorDomain::Domain, "size value too large");
    return kib;
}

uint64_t memoryLimitKiB(const std::optional<std::string>& value, const std::optional<std::string>& unit,
                        std::string_view where) {
    auto bytes = scaledValue(value, unit, where, 1024, kMemoryUnlimited << 10, false);
    if (!bytes)
        return kMemoryUnlimited;
    uint64_t kib = (*bytes + 1023) / 1024;
    return kib < kMemoryUnlimited ? kib : kMemoryUnlimited;
}

Bitmap parseBitmap(std::string_view text) { return Bitmap::parse(text, kCpumaskLen); }

uint64_t prettyUnit(uint64_t bytes, const char*& unit) {
    static const char* const kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    size_t i = 0;
    while (bytes != 0 && bytes % 1024 == 0 && i + 1 < std::size(kUnits)) {
        bytes /= 1024;
        ++i;
    }
    unit = kUnits[i];
    return bytes;
}

}  // namespace cvirt::conf::domain
