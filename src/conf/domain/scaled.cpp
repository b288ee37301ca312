#include "conf/domain/scaled.hpp"

#include <string>

namespace cvirt::conf::domain {
namespace {

struct ValueAndUnit {
    std::optional<std::string> value;
    std::optional<std::string> unit;
};

ValueAndUnit readChild(const xml::Node& parent, std::string_view child) {
    xml::Node n = parent ? parent.child(child) : xml::Node();
    if (!n)
        return {};
    return {nonEmptyText(n), n.attr("unit")};
}

}  // namespace

std::optional<uint64_t> childMemoryKiB(const xml::Node& parent, std::string_view child, std::string_view where,
                                       bool required) {
    auto v = readChild(parent, child);
    return memoryKiB(v.value, v.unit, where, required);
}

std::optional<uint64_t> childScaledBytes(const xml::Node& parent, std::string_view child, std::string_view where,
                                         uint64_t scale, uint64_t max, bool required) {
    auto v = readChild(parent, child);
    return scaledValue(v.value, v.unit, where, scale, max, required);
}

void formatKiB(xml::Writer& w, std::string_view name, uint64_t kib) {
    xml::Writer::Element e(w, name, true);
    e.attr("unit", "KiB");
    e.text(std::to_string(kib));
}

}  // namespace cvirt::conf::domain
