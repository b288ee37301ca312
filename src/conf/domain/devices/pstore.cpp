#include "conf/domain/devices/pstore.hpp"

#include "conf/domain/props.hpp"
#include "conf/domain/scaled.hpp"
#include "util/error.hpp"

namespace cvirt::conf::domain {

void xmlParse(Pstore& pstore, const Node& node, ParseContext& ctx) {
    pstore.backend = *propEnum<PstoreBackend>(node, "backend", kPropRequired);
    pstore.path = childText(node, "path").value_or("");
    pstore.sizeKiB = *childMemoryKiB(node, "size", "./size", true);
    parseDeviceInfo(pstore.info, node, ctx, 0);
}

void xmlFormat(Writer& w, std::string_view name, const Pstore& pstore, FormatContext& ctx) {
    Writer::Element el(w, name, true);
    el.attr("backend", toString(pstore.backend));
    el.beginChildren();
    w.textElement("path", pstore.path);
    formatKiB(w, "size", pstore.sizeKiB);
    formatDeviceInfo(el, w, pstore.info, ctx, 0);
}

void validatePstore(const Pstore& pstore) {
    if (pstore.path.empty())
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "missing path for ACPI ERST pstore device");
    if (pstore.sizeKiB < 4 || (pstore.sizeKiB & (pstore.sizeKiB - 1)) != 0)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "invalid size of ACPI ERST pstore device");
}

}  // namespace cvirt::conf::domain
