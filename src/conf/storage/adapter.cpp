#include "conf/storage/adapter.hpp"

#include <cctype>

#include "conf/xml/c_number.hpp"
#include "conf/xml/prop.hpp"
#include "util/error.hpp"

namespace cvirt::conf::storage {
namespace {

[[noreturn]] void xmlError(const std::string& message) {
    throw Error(ErrorCode::XmlError, ErrorDomain::Storage, message);
}

// 16 hex digits, optionally prefixed with 0x (virValidateWWN).
void checkWwn(const std::string& wwn) {
    std::string_view digits = wwn;
    if (digits.starts_with("0x"))
        digits.remove_prefix(2);
    bool ok = digits.size() == 16;
    for (char c : digits)
        ok = ok && std::isxdigit(static_cast<unsigned char>(c));
    if (!ok)
        fail(ErrorCode::InternalError, ErrorDomain::None, "Malformed wwn: {}", wwn);
}

}  // namespace

Adapter parseAdapter(const xml::Node& node) {
    Adapter a;
    a.type = xml::propEnum<AdapterType>(node, "type", xml::kPropNonZero).value_or(AdapterType::Default);
    if (a.type == AdapterType::Default) {
        // Before the type attribute a name alone meant a scsi_host; newer
        // attributes need the type spelled out.
        if (node.attr("wwnn") || node.attr("wwpn") || node.attr("parent"))
            xmlError("Use of 'wwnn', 'wwpn', and 'parent' attributes requires use of the adapter 'type'");
        if (node.child("parentaddr"))
            xmlError("Use of 'parentaddr' element requires use of the adapter 'type'");
        if (auto name = node.attr("name")) {
            a.name = *name;
            a.type = AdapterType::ScsiHost;
        }
        return a;
    }
    if (a.type == AdapterType::FcHost) {
        a.managed = xml::propTri<TriBool>(node, "managed");
        a.parent = node.attr("parent").value_or("");
        a.parentWwnn = node.attr("parent_wwnn").value_or("");
        a.parentWwpn = node.attr("parent_wwpn").value_or("");
        a.parentFabricWwn = node.attr("parent_fabric_wwn").value_or("");
        a.wwpn = node.attr("wwpn").value_or("");
        a.wwnn = node.attr("wwnn").value_or("");
    } else {
        a.name = node.attr("name").value_or("");
        if (auto parent = node.child("parentaddr")) {
            auto addr = parent.child("address");
            if (!addr)
                xmlError("Missing scsi_host PCI address element");
            a.hasParentAddress = true;
            a.parentAddress = network::parsePciAddress(addr);
            auto id = xml::cParseSigned<int>(parent.attr("unique_id").value_or(""), 10);
            if (!id || *id < 0)
                xmlError("Missing or invalid scsi adapter 'unique_id' value");
            a.uniqueId = *id;
        }
    }
    return a;
}

void validateAdapter(const Adapter& a) {
    switch (a.type) {
        case AdapterType::Default:
            xmlError("missing storage pool source adapter");
        case AdapterType::FcHost:
            if (a.wwnn.empty() || a.wwpn.empty())
                xmlError("'wwnn' and 'wwpn' must be specified for adapter type 'fchost'");
            checkWwn(a.wwnn);
            checkWwn(a.wwpn);
            if (!a.parentWwnn.empty() && a.parentWwpn.empty())
                xmlError(fmt::format("when providing parent_wwnn='{}', the parent_wwpn must also be provided",
                                     a.parentWwnn));
            if (a.parentWwnn.empty() && !a.parentWwpn.empty())
                xmlError(fmt::format("when providing parent_wwpn='{}', the parent_wwnn must also be provided",
                                     a.parentWwpn));
            if (!a.parentWwnn.empty())
                checkWwn(a.parentWwnn);
            if (!a.parentWwpn.empty())
                checkWwn(a.parentWwpn);
            if (!a.parentFabricWwn.empty())
                checkWwn(a.parentFabricWwn);
            break;
        case AdapterType::ScsiHost:
            if (a.name.empty() && !a.hasParentAddress)
                xmlError("Either 'name' or 'parent' must be specified for the 'scsi_host' adapter");
            if (!a.name.empty() && a.hasParentAddress)
                xmlError("Both 'name' and 'parent' cannot be specified for the 'scsi_host' adapter");
            break;
    }
}

void formatAdapter(xml::Writer& w, const Adapter& a) {
    xml::Writer::Element el(w, "adapter", true);
    el.attr("type", toString(a.type));
    if (a.type == AdapterType::FcHost) {
        auto opt = [&](const char* name, const std::string& v) {
            if (!v.empty())
                el.attr(name, v);
        };
        opt("parent", a.parent);
        opt("parent_wwnn", a.parentWwnn);
        opt("parent_wwpn", a.parentWwpn);
        opt("parent_fabric_wwn", a.parentFabricWwn);
        if (isSet(a.managed))
            el.attr("managed", toString(a.managed));
        el.attr("wwnn", a.wwnn);
        el.attr("wwpn", a.wwpn);
    } else if (a.type == AdapterType::ScsiHost) {
        if (!a.name.empty()) {
            el.attr("name", a.name);
            return;
        }
        el.beginChildren();
        xml::Writer::Element parent(w, "parentaddr", true);
        parent.attr("unique_id", std::to_string(a.uniqueId));
        parent.beginChildren();
        network::formatPciAddress(w, a.parentAddress, false);
    }
}

}  // namespace cvirt::conf::storage
