#pragma once
// The domain definition (libvirt's <domain> XML) as a typed model, with its
// parser and formatter. Pure: no I/O, no hypervisor knowledge. Drivers add
// their own defaults through DomainXmlHooks, the way libvirt drivers plug
// post-parse callbacks into the generic parser.

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "conf/domain/devices.hpp"
#include "util/uuid.hpp"

namespace cvirt::conf::domain {

enum class VirtType { None, Qemu, Kqemu, Kvm, Xen, Lxc, Uml, Openvz, Test, Vmware, Hyperv, Vbox, Phyp, Parallels, Bhyve, Vz, Hvf, Ch };
CVIRT_ENUM_STRINGS(VirtType, "none", "qemu", "kqemu", "kvm", "xen", "lxc", "uml", "openvz", "test", "vmware",
                   "hyperv", "vbox", "phyp", "parallels", "bhyve", "vz", "hvf", "ch");

struct Domain {
    VirtType type = VirtType::None;
    int id = -1;  // live only: the running domain's id
    std::string name;
    Uuid uuid;
    Devices devices;
};

// A driver's defaults and checks, run around the generic ones (libvirt's
// virDomainDefParserConfig callbacks).
class DomainXmlHooks {
public:
    virtual ~DomainXmlHooks() = default;
    // Before the generic post-parse (e.g. fill in the emulator path).
    virtual void postParseBasic(Domain&) {}
    // After the generic post-parse (e.g. add implicit controllers).
    virtual void postParse(Domain&) {}
    // Driver-specific rejections (CONFIG_UNSUPPORTED ...).
    virtual void validate(const Domain&) {}
};

struct DomainParseOptions {
    bool inactive = false;        // VIR_DOMAIN_DEF_PARSE_INACTIVE
    bool validateSchema = false;  // check against domain.rng first
    std::string schemaPath = "/usr/share/libvirt/schemas/domain.rng";
    DomainXmlHooks* hooks = nullptr;
};

struct DomainFormatOptions {
    bool inactive = false;    // VIR_DOMAIN_XML_INACTIVE
    bool secure = false;      // VIR_DOMAIN_XML_SECURE
    bool migratable = false;  // VIR_DOMAIN_XML_MIGRATABLE
};

// Parses a <domain> document. Throws cvirt::Error with libvirt's codes:
// XML_DETAIL for malformed XML, XML_ERROR / CONFIG_UNSUPPORTED /
// INVALID_ARG for bad content, XML_INVALID_SCHEMA when validation fails.
Domain parseDomainXml(std::string_view xml, const DomainParseOptions& options = {});
std::string formatDomainXml(const Domain& domain, const DomainFormatOptions& options = {});

}  // namespace cvirt::conf::domain
