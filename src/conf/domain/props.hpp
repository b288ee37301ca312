#pragma once
// Readers for attribute and element values with libvirt's checks and
// messages (its virXMLProp* and virXPath* helpers), shared by the
// hand-written parsers of the root element families.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "conf/xml/codec.hpp"
#include "util/bitmap.hpp"

namespace cvirt::conf::domain {

using xml::Node;

enum PropFlag : unsigned {
    kPropRequired = 1u << 0,     // missing: "Missing required attribute"
    kPropNonZero = 1u << 1,      // 0 (or an enum's value 0) is rejected
    kPropNonNegative = 1u << 2,  // signed values below 0 are rejected
    kPropAnyBase = 1u << 3,      // "0x1f" accepted as well as decimal
};

// Integer attribute; nullopt when absent (and not required).
template <typename T>
std::optional<T> propInt(const Node& node, const char* name, unsigned flags = 0);

// Enum attribute through its string table.
template <StringEnum E>
std::optional<E> propEnum(const Node& node, const char* name, unsigned flags = 0) {
    std::string spill;
    auto text = node.attrView(name, spill);
    if (!text) {
        if (flags & kPropRequired)
            xml::missingAttr(node, name);
        return std::nullopt;
    }
    auto v = fromString<E>(*text);
    if (!v || ((flags & kPropNonZero) && static_cast<int>(*v) == 0))
        xml::invalidAttr(node, name, *text);
    return v;
}

// yes/no and on/off attributes; Absent when missing.
TriBool propTriBool(const Node& node, const char* name, unsigned flags = 0);
TriSwitch propTriSwitch(const Node& node, const char* name, unsigned flags = 0);

// libvirt's virXPathString("string(./name[1])"): the text of the first
// child called `name`, nullopt when missing or empty.
std::optional<std::string> childText(const Node& node, std::string_view name);
// The text of `node` itself, nullopt when empty.
std::optional<std::string> nonEmptyText(const Node& node);

// virParseScaledValue: `value` with `unit` (default `scale`), in bytes.
// `where` names the value in messages ("./memory[1]"). nullopt when the
// value is absent and not required.
std::optional<uint64_t> scaledValue(const std::optional<std::string>& value, const std::optional<std::string>& unit,
                                    std::string_view where, uint64_t scale, uint64_t max, bool required);

// virDomainParseMemory: a size in KiB (rounded up), default unit KiB.
std::optional<uint64_t> memoryKiB(const std::optional<std::string>& value, const std::optional<std::string>& unit,
                                  std::string_view where, bool required);

// virDomainParseMemoryLimit: like memoryKiB, but a missing or huge value
// means "unlimited" (kMemoryUnlimited).
inline constexpr uint64_t kMemoryUnlimited = 9007199254740991ull;  // VIR_DOMAIN_MEMORY_PARAM_UNLIMITED
uint64_t memoryLimitKiB(const std::optional<std::string>& value, const std::optional<std::string>& unit,
                        std::string_view where);

// libvirt 9.6's VIR_DOMAIN_CPUMASK_LEN: bits of cpusets and nodesets.
inline constexpr size_t kCpumaskLen = 16384;
// A cpuset-style bitmap attribute (virBitmapParse with that limit).
Bitmap parseBitmap(std::string_view text);

// The largest binary unit that divides `bytes` exactly (virFormatIntPretty):
// returns the scaled value and sets `unit` to "B", "KiB", "MiB", ...
uint64_t prettyUnit(uint64_t bytes, const char*& unit);

}  // namespace cvirt::conf::domain
