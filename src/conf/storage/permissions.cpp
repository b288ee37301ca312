#include "conf/storage/permissions.hpp"

#include "conf/xml/c_number.hpp"
#include "util/error.hpp"

namespace cvirt::conf::storage {
namespace {

// owner/group: any value that fits the id type, and -1, which older
// libvirt wrote for "unset".
std::optional<uint32_t> parseId(const xml::Node& perms, const char* name, const char* message) {
    auto node = perms.child(name);
    if (!node)
        return std::nullopt;
    auto v = xml::cParseSigned<long long>(node.text(), 10);
    if (!v || ((*v < 0 || *v > 0xFFFFFFFFLL) && *v != -1))
        throw Error(ErrorCode::XmlError, ErrorDomain::Storage, message);
    auto id = static_cast<uint32_t>(*v);
    if (id == UINT32_MAX)
        return std::nullopt;
    return id;
}

}  // namespace

Permissions parsePermissions(const xml::Node& parent) {
    Permissions p;
    auto node = parent.child("permissions");
    if (!node)
        return p;
    if (auto mode = node.child("mode"); mode && !mode.text().empty()) {
        auto v = xml::cParseSigned<int>(mode.text(), 8);
        if (!v || (*v & ~0777))
            throw Error(ErrorCode::XmlError, ErrorDomain::Storage, "malformed octal mode");
        p.mode = static_cast<unsigned>(*v);
    }
    p.uid = parseId(node, "owner", "malformed owner element");
    p.gid = parseId(node, "group", "malformed group element");
    if (auto label = node.child("label"))
        p.label = label.text();
    return p;
}

void formatPermissions(xml::Writer& w, const Permissions& p) {
    if (p.empty())
        return;
    xml::Writer::Element el(w, "permissions", true);
    el.beginChildren();
    if (p.mode)
        w.textElement("mode", fmt::format("0{:o}", *p.mode));
    // libvirt prints ids as signed ints.
    if (p.uid)
        w.textElement("owner", std::to_string(static_cast<int32_t>(*p.uid)));
    if (p.gid)
        w.textElement("group", std::to_string(static_cast<int32_t>(*p.gid)));
    if (!p.label.empty())
        w.textElement("label", p.label);
}

}  // namespace cvirt::conf::storage
