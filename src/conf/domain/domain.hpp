#pragma once
// The domain definition (libvirt's <domain> XML) as a typed model, with its
// parser and formatter. Pure: no I/O, no hypervisor knowledge. Drivers add
// their own defaults through DomainXmlHooks, the way libvirt drivers plug
// post-parse callbacks into the generic parser.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "conf/domain/clock.hpp"
#include "conf/domain/cpu.hpp"
#include "conf/domain/cpu_tune.hpp"
#include "conf/domain/devices.hpp"
#include "conf/domain/features.hpp"
#include "conf/domain/general.hpp"
#include "conf/domain/lifecycle.hpp"
#include "conf/domain/memory.hpp"
#include "conf/domain/numatune.hpp"
#include "conf/domain/os.hpp"
#include "conf/domain/security.hpp"
#include "util/uuid.hpp"

namespace cvirt::conf::domain {

enum class VirtType { None, Qemu, Kqemu, Kvm, Xen, Lxc, Uml, Openvz, Test, Vmware, Hyperv, Vbox, Phyp, Parallels, Bhyve, Vz, Hvf, Ch };
CVIRT_ENUM_STRINGS(VirtType, "none", "qemu", "kqemu", "kvm", "xen", "lxc", "uml", "openvz", "test", "vmware",
                   "hyperv", "vbox", "phyp", "parallels", "bhyve", "vz", "hvf", "ch");

// Elements of a driver's own XML namespace (libvirt's <qemu:commandline>,
// <qemu:capabilities>, ...): parsed by the driver's hooks, kept with the
// domain and written back at the end of <domain>, whose start tag then
// declares the namespace.
class DomainNamespace {
public:
    virtual ~DomainNamespace() = default;
    virtual std::string_view prefix() const = 0;  // "qemu"
    virtual std::string_view uri() const = 0;     // "http://libvirt.org/schemas/domain/qemu/1.0"
    // Writes the namespaced elements (nothing when empty).
    virtual void format(xml::Writer& w) const = 0;
};

// The identity fields (name, uuid, genid, title, description, metadata)
// come from General; everything else is grouped by element family in
// libvirt's output order.
struct Domain : General {
    VirtType type = VirtType::None;
    int id = -1;  // the running domain's id; -1 when not running
    MemorySettings memory;
    VcpuSettings vcpu;  // <vcpu>, <vcpus>, iothreads and <cputune>
    Numatune numatune;
    std::optional<Resource> resource;
    std::vector<Sysinfo> sysinfo;
    Os os;
    IdMap idmap;
    Features features;
    std::optional<GuestCpu> cpu;
    Numa numa;  // <cpu><numa>
    Clock clock;
    Lifecycle lifecycle;  // on_* actions, <pm>, <perf>
    Devices devices;
    std::vector<Seclabel> seclabels;
    std::optional<KeyWrap> keywrap;
    std::optional<LaunchSecurity> launchSecurity;
    std::shared_ptr<const DomainNamespace> ns;  // the driver's namespace, if any

    bool running() const { return id != -1; }
};

// What a driver supports (libvirt's VIR_DOMAIN_DEF_FEATURE_* flags); the
// generic parser rejects configurations a driver cannot handle.
enum DomainFeature : unsigned {
    kFeatureWideScsi = 1u << 0,
    kFeatureMemoryHotplug = 1u << 1,
    kFeatureOfflineVcpupin = 1u << 2,
    kFeatureNameSlash = 1u << 3,
    kFeatureIndividualVcpus = 1u << 4,
    kFeatureUserAlias = 1u << 5,
    kFeatureNoBootOrder = 1u << 6,
    kFeatureFwAutoselect = 1u << 7,
    kFeatureNetModelString = 1u << 8,
    kFeatureDiskFd = 1u << 9,
    kFeatureNoStubConsole = 1u << 10,
};

// A driver's defaults and checks, run around the generic ones (libvirt's
// virDomainDefParserConfig callbacks).
class DomainXmlHooks {
public:
    virtual ~DomainXmlHooks() = default;
    // The DomainFeature flags the driver supports.
    virtual unsigned features() const { return kFeatureIndividualVcpus; }
    // The architecture to assume when <os><type> has none (else the host's).
    virtual std::optional<Arch> defaultArch() const { return std::nullopt; }
    // Before the generic post-parse (e.g. fill in the emulator path).
    virtual void postParseBasic(Domain&) {}
    // Device defaults (libvirt's devicesPostParseCallback): run before the
    // generic per-device post-parse, and again once the generic post-parse
    // has added its implicit devices (a video for graphics, controllers),
    // so every device has been seen.
    virtual void postParseDevices(Domain&) {}
    // After the generic post-parse (e.g. add implicit controllers).
    virtual void postParse(Domain&) {}
    // Driver-specific rejections (CONFIG_UNSUPPORTED ...).
    virtual void validate(const Domain&) {}
    // The driver's XML namespace elements under <domain>, if it has any.
    virtual std::shared_ptr<const DomainNamespace> parseNamespace(const Node& /*domain*/) { return nullptr; }
};

struct DomainParseOptions {
    bool inactive = false;        // VIR_DOMAIN_DEF_PARSE_INACTIVE
    bool abiUpdate = false;       // VIR_DOMAIN_DEF_PARSE_ABI_UPDATE
    bool skipValidate = false;    // VIR_DOMAIN_DEF_PARSE_SKIP_VALIDATE
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
// Formats a domain as libvirt does; a domain that is not running (id -1)
// is always formatted as inactive, so it carries no id attribute.
std::string formatDomainXml(const Domain& domain, const DomainFormatOptions& options = {});

}  // namespace cvirt::conf::domain
