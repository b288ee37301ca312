#include "conf/domain/domain.hpp"

#include <climits>

#include "conf/domain/postparse.hpp"
#include "util/error.hpp"
#include "util/xml.hpp"

namespace cvirt::conf::domain {
namespace {

VirtType parseVirtType(const Node& root) {
    auto type = root.attr("type");
    if (!type || type->empty())
        fail(ErrorCode::InternalError, ErrorDomain::Domain, "missing domain type attribute");
    auto v = fromString<VirtType>(*type);
    if (!v)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "invalid domain type {}", *type);
    return *v;
}

// Devices a domain has at most one (or two) of; libvirt refuses more
// rather than keeping the first.
void checkDeviceCounts(const Node& devices) {
    struct Limit {
        const char* element;
        size_t max;
        ErrorCode code;
        const char* message;
    };
    static const Limit kLimits[] = {
        {"memballoon", 1, ErrorCode::InternalError, "only a single memory balloon device is supported"},
        {"tpm", 2, ErrorCode::XmlError, "a maximum of two TPM devices is supported, one of them being a TPM Proxy device"},
        {"nvram", 1, ErrorCode::InternalError, "only a single nvram device is supported"},
        {"redirfilter", 1, ErrorCode::InternalError, "only one set of redirection filter rule is supported"},
        {"iommu", 1, ErrorCode::XmlError, "only a single IOMMU device is supported"},
        {"vsock", 1, ErrorCode::XmlError, "only a single vsock device is supported"},
        {"pstore", 1, ErrorCode::XmlError, "only a single pstore device is supported"},
    };
    for (const auto& l : kLimits)
        if (devices.children(l.element).size() > l.max)
            throw Error(l.code, ErrorDomain::Domain, l.message);
}

// The body of virDomainDefParseXML, in its order (which decides which
// error wins when a document has several).
Domain parseDomain(const Node& root, const DomainParseOptions& options, unsigned features) {
    Domain d;
    xml::ParseContext ctx;
    ctx.inactive = options.inactive;

    if (!options.inactive)
        d.id = propInt<int>(root, "id").value_or(-1);
    bool uuidGenerated = false;
    parseIdentity(d, root, uuidGenerated);
    d.type = parseVirtType(root);
    Arch defaultArch = hostArch();
    if (options.hooks)
        if (auto arch = options.hooks->defaultArch())
            defaultArch = *arch;
    parseOs(d.os, root, defaultArch, options.abiUpdate);

    d.seclabels = parseSeclabels(root, options.inactive);
    parseMemory(d.memory, root);
    parseTunables(d.memory, root);
    parseVcpus(d.vcpu, root);
    parseCputune(d.vcpu, root, ctx);
    if (Node ct = root.child("cputune")) {
        for (const auto& n : ct.children("cachetune"))
            parseCachetune(d.vcpu.tune.resctrls, n, d.vcpu.max(), options.inactive);
        for (const auto& n : ct.children("memorytune"))
            parseMemorytune(d.vcpu.tune.resctrls, n, d.vcpu.max(), options.inactive);
    }

    d.cpu = parseCpu(root);
    d.numa = parseNuma(root);
    if (d.numa.cpuCount() > d.vcpu.max())
        fail(ErrorCode::InternalError, ErrorDomain::Domain, "Number of CPUs in <numa> exceeds the <vcpu> count");
    if (d.numa.maxCpuId() >= d.vcpu.max())
        fail(ErrorCode::InternalError, ErrorDomain::Domain, "CPU IDs in <numa> exceed the <vcpu> count");
    parseNumatune(d.numatune, root, d.vcpu.placement == CpuPlacement::Static, d.numa.cells.size());
    if (d.numatune.placementAuto() && !d.vcpu.cpuset && !d.vcpu.hasPin() && !d.vcpu.tune.emulatorPin) {
        bool iothreadPin = false;
        for (const auto& t : d.vcpu.iothreads)
            iothreadPin = iothreadPin || t.pin.has_value();
        if (!iothreadPin)
            d.vcpu.placement = CpuPlacement::Auto;
    }
    d.resource = parseResource(root);
    parseFeatures(d.features, root);
    parseLifecycle(d.lifecycle, root);
    parsePerf(d.lifecycle, root);
    parseClock(d.clock, root);

    if (Node devices = root.child("devices")) {
        checkDeviceCounts(devices);
        xml::parseInto(d.devices, devices, ctx);
    }

    d.launchSecurity = parseLaunchSecurity(root);
    d.idmap = parseIdMap(root);
    d.sysinfo = parseSysinfo(root, d.uuid, uuidGenerated);
    d.keywrap = parseKeyWrap(root);
    parseMetadata(d, root);
    if (options.hooks)
        d.ns = options.hooks->parseNamespace(root);
    (void)features;
    return d;
}

}  // namespace

Domain parseDomainXml(std::string_view text, const DomainParseOptions& options) {
    auto doc = cvirt::xml::Document::parse(text, "(domain_definition)", ErrorDomain::Domain, true);
    auto root = doc.root();
    if (root.name() != "domain")
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "expecting root element of 'domain', not '{}'", root.name());
    if (options.validateSchema)
        cvirt::xml::RngSchema::load(options.schemaPath)->validate(doc);
    unsigned features = options.hooks ? options.hooks->features() : kFeatureIndividualVcpus;
    Domain d = parseDomain(root, options, features);
    postParseDomain(d, options, features);
    validateDomain(d, options);
    return d;
}

std::string formatDomainXml(const Domain& d, const DomainFormatOptions& options) {
    using xml::Writer;
    Writer w(8192);
    xml::FormatContext ctx;
    // A domain that is not running has no live state to show.
    ctx.inactive = options.inactive || d.id == -1;
    ctx.secure = options.secure;
    ctx.migratable = options.migratable;
    // Custom fields of the device lists may need the whole domain.
    ctx.user = const_cast<Domain*>(&d);

    Writer::Element root(w, "domain", true);
    root.attr("type", toString(d.type));
    if (!ctx.inactive)
        root.attr("id", std::to_string(d.id));
    if (d.ns)
        root.attr("xmlns:" + std::string(d.ns->prefix()), d.ns->uri());
    root.beginChildren();

    formatGeneral(w, d);
    formatMemory(w, d.memory);
    formatVcpus(w, d.vcpu);
    formatIOThreads(w, d.vcpu);
    formatCputune(w, d.vcpu, ctx);
    formatNumatune(w, d.numatune);
    formatResource(w, d.resource);
    formatSysinfo(w, d.sysinfo);
    formatBootloader(w, d.os);
    formatOs(w, d.os, ctx.migratable, d.type == VirtType::Xen);
    formatIdMap(w, d.idmap);
    formatFeatures(w, d.features);
    formatCpu(w, d.cpu, d.numa);
    formatClock(w, d.clock);
    formatLifecycle(w, d.lifecycle);
    formatPerf(w, d.lifecycle);
    {
        // <devices> is always written, even when empty.
        Writer::Element devices(w, "devices", true);
        devices.keepOpen();
        devices.beginChildren();
        xml::formatFields(devices, w, d.devices, ctx);
    }
    formatSeclabels(w, d.seclabels, ctx.migratable);
    formatKeyWrap(w, d.keywrap);
    formatLaunchSecurity(w, d.launchSecurity);
    if (d.ns)
        d.ns->format(w);
    root.close();
    return std::move(w.out());
}

}  // namespace cvirt::conf::domain
