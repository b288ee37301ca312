#include "conf/domain/devices/shmem.hpp"

#include <limits>

#include "conf/domain/file_path.hpp"
#include "conf/domain/props.hpp"
#include "conf/domain/scaled.hpp"
#include "util/error.hpp"

namespace cvirt::conf::domain {

void xmlParse(Shmem& shmem, const Node& node, ParseContext& ctx) {
    // Without <model> the device is the legacy 'ivshmem', for compatibility.
    if (auto model = node.child("model"))
        shmem.model = propEnum<ShmemModel>(model, "type").value_or(ShmemModel::Ivshmem);
    auto name = node.attr("name");
    if (!name)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "shmem element must contain 'name' attribute");
    shmem.name = *name;
    if (shmem.model != ShmemModel::Ivshmem)
        shmem.role = propEnum<ShmemRole>(node, "role", kPropNonZero).value_or(ShmemRole::Default);
    shmem.sizeBytes =
        childScaledBytes(node, "size", "./size[1]", 1, std::numeric_limits<uint64_t>::max(), false).value_or(0);
    if (auto server = node.child("server")) {
        shmem.server.emplace();
        if (auto path = server.attr("path"))
            shmem.server->path = sanitizeFilePath(*path);
    }
    if (auto msi = node.child("msi")) {
        shmem.msi.emplace();
        shmem.msi->vectors = propInt<unsigned>(msi, "vectors", kPropAnyBase).value_or(0);
        shmem.msi->ioeventfd = propTriSwitch(msi, "ioeventfd");
    }
    if (shmem.msi && !shmem.server)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "msi option is only supported with a server");
    parseDeviceInfo(shmem.info, node, ctx, 0);
}

void xmlFormat(Writer& w, std::string_view name, const Shmem& shmem, FormatContext& ctx) {
    Writer::Element el(w, name, true);
    el.attr("name", shmem.name);
    if (isSet(shmem.role))
        el.attr("role", toString(shmem.role));
    el.beginChildren();
    {
        Writer::Element model(w, "model", true);
        model.attr("type", toString(shmem.model));
    }
    if (shmem.sizeBytes) {
        // libvirt writes whole MiB, truncating whatever does not fill one.
        Writer::Element size(w, "size", true);
        size.attr("unit", "M");
        size.text(std::to_string(shmem.sizeBytes >> 20));
    }
    if (shmem.server) {
        Writer::Element server(w, "server", true);
        if (shmem.server->path)
            server.attr("path", *shmem.server->path);
    }
    if (shmem.msi) {
        Writer::Element msi(w, "msi", true);
        if (shmem.msi->vectors)
            msi.attr("vectors", std::to_string(shmem.msi->vectors));
        if (isSet(shmem.msi->ioeventfd))
            msi.attr("ioeventfd", toString(shmem.msi->ioeventfd));
    }
    formatDeviceInfo(el, w, shmem.info, ctx, 0);
}

void validateShmem(const Shmem& shmem) {
    if (shmem.name.find('/') != std::string::npos)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "shmem name cannot include '/' character");
    if (shmem.name == ".")
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "shmem name cannot be equal to '.'");
    if (shmem.name == "..")
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "shmem name cannot be equal to '..'");
}

}  // namespace cvirt::conf::domain
