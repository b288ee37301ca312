#include "drivers/test/domain_ops.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "drivers/test/domain_access.hpp"
#include "util/error.hpp"

namespace cvirt::drivers::test {

std::unique_ptr<Domain> parseDomain(DriverState& state, std::string_view xml, bool validateSchema) {
    conf::domain::DomainParseOptions options;
    options.inactive = true;
    options.validateSchema = validateSchema;
    options.hooks = &state.hooks;
    return std::make_unique<Domain>(conf::domain::parseDomainXml(xml, options));
}

std::unique_ptr<Domain> copyDomain(const Domain& def) {
    // libvirt copies through inactive XML; the definitions here were parsed
    // inactive and hold no live data but the id, so a copy without the id
    // is the same and needs no second parse.
    auto copy = std::make_unique<Domain>(def);
    copy->id = -1;
    return copy;
}

void generateIfnames(Domain& def) {
    constexpr int kMaxInterfaces = 1024;
    size_t count = dom::interfaceCount(def);
    for (size_t i = 0; i < count; ++i) {
        if (dom::interfaceTarget(def, i))
            continue;
        bool assigned = false;
        for (int n = 0; n < kMaxInterfaces && !assigned; ++n) {
            std::string name = fmt::format("testnet{}", n);
            bool taken = false;
            for (size_t j = 0; j < count && !taken; ++j)
                taken = dom::interfaceTarget(def, j) == name;
            if (!taken) {
                dom::setInterfaceTarget(def, i, name);
                assigned = true;
            }
        }
        if (!assigned)
            fail(ErrorCode::InternalError, ErrorDomain::Test, "Exceeded max iface limit {}", kMaxInterfaces);
    }
}

void setState(DomainObject& obj, DomainState state, int reason) {
    obj.state = state;
    obj.reason = reason;
}

void startState(DriverState& state, DomainObject& obj, int reason) {
    setState(obj, DomainState::Running, reason);
    obj.def->id = state.nextDomainId.fetch_add(1);
    // virDomainObjSetDefTransient: keep the persistent definition aside.
    if (obj.persistent && !obj.newDef) {
        try {
            obj.newDef = copyDomain(*obj.def);
        } catch (...) {
            shutdownState(obj, reason::kFailed);
            throw;
        }
    }
    obj.hasManagedSave = false;
}

void shutdownState(DomainObject& obj, int reason) {
    // virDomainObjRemoveTransientDef. A transient domain keeps its id in
    // the events about its end; it leaves the list right after.
    if (obj.newDef) {
        obj.def = std::move(obj.newDef);
        obj.def->id = -1;
    }
    setState(obj, DomainState::Shutoff, reason);
}

void checkActive(const DomainObject& obj) {
    if (!obj.active())
        throw Error(ErrorCode::OperationInvalid, ErrorDomain::Domain, "domain is not running");
}

void updateModificationImpact(const DomainObject& obj, unsigned& flags) {
    bool active = obj.active();
    if ((flags & (flags::kAffectLive | flags::kAffectConfig)) == flags::kAffectCurrent)
        flags |= active ? flags::kAffectLive : flags::kAffectConfig;
    if (!active && (flags & flags::kAffectLive))
        throw Error(ErrorCode::OperationInvalid, ErrorDomain::Domain, "domain is not running");
    if (!obj.persistent && (flags & flags::kAffectConfig))
        throw Error(ErrorCode::OperationInvalid, ErrorDomain::Domain,
                    "transient domains do not have any persistent config");
}

Domain& oneDef(DomainObject& obj, unsigned flags, bool* live) {
    if ((flags & flags::kAffectLive) && (flags & flags::kAffectConfig))
        throw Error::raw(ErrorCode::InvalidArg, ErrorDomain::Domain,
                         "Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive");
    updateModificationImpact(obj, flags);
    if (live)
        *live = flags & flags::kAffectLive;
    if (obj.active() && (flags & flags::kAffectConfig))
        return *obj.newDef;
    return *obj.def;
}

void getDefs(DomainObject& obj, unsigned flags, Domain** live, Domain** persistent) {
    if (live)
        *live = nullptr;
    if (persistent)
        *persistent = nullptr;
    updateModificationImpact(obj, flags);
    if (obj.active()) {
        if (live && (flags & flags::kAffectLive))
            *live = obj.def.get();
        if (persistent && (flags & flags::kAffectConfig))
            *persistent = obj.newDef.get();
    } else if (persistent) {
        *persistent = obj.def.get();
    }
}

namespace {

// virDomainTaintFlags, in libvirt's order, with their messages.
enum Taint : unsigned {
    kTaintHighPrivileges = 2, kTaintShellScripts = 3, kTaintCdromPassthrough = 8, kTaintCustomDtb = 9,
    kTaintDeprecatedConfig = 12,
};
constexpr std::string_view kTaintMessages[] = {
    "custom configuration parameters specified",
    "custom monitor control commands issued",
    "running with undesirable elevated privileges",
    "network configuration using opaque shell scripts",
    "potentially unsafe disk format probing",
    "managing externally launched configuration",
    "potentially unsafe use of host CPU passthrough",
    "configuration potentially modified by hook script",
    "use of host cdrom passthrough",
    "custom device tree blob used",
    "custom guest agent control commands issued",
    "hypervisor feature autodetection override",
    "use of deprecated configuration settings",
    "custom device configuration",
};

void taint(DomainObject& obj, Taint t) { obj.taint |= 1u << t; }

void deprecate(DomainObject& obj, const std::string& note) {
    if (std::find(obj.deprecations.begin(), obj.deprecations.end(), note) == obj.deprecations.end())
        obj.deprecations.push_back(note);
}

}  // namespace

void checkTaint(DomainObject& obj) {
    using namespace conf::domain;
    const Domain& def = *obj.def;
    for (const auto& disk : def.devices.disks) {
        if (disk.rawio == conf::TriBool::Yes)
            taint(obj, kTaintHighPrivileges);
        if (disk.device == DiskDevice::Cdrom && disk.src.type == StorageType::Block && disk.src.path)
            taint(obj, kTaintCdromPassthrough);
    }
    for (const auto& hostdev : def.devices.hostdevs) {
        if (!hostdev.isScsi())
            continue;
        if (std::get<HostdevScsiSource>(*hostdev.subsys()).rawio == conf::TriBool::Yes)
            taint(obj, kTaintHighPrivileges);
    }
    for (const auto& net : def.devices.interfaces)
        if (net.script)
            taint(obj, kTaintShellScripts);
    if (def.cpu && def.cpu->mode == CpuMode::Custom && def.cpu->model == "Deprecated-Test") {
        taint(obj, kTaintDeprecatedConfig);
        deprecate(obj, "CPU model Deprecated-Test");
    }
    if (def.os.dtb)
        taint(obj, kTaintCustomDtb);
}

std::vector<std::string> domainMessages(const DomainObject& obj, unsigned flags) {
    constexpr unsigned kDeprecation = 1, kTainting = 2;
    std::vector<std::string> out;
    if (!flags || (flags & kTainting))
        for (unsigned i = 0; i < std::size(kTaintMessages); ++i)
            if (obj.taint & (1u << i))
                out.push_back("tainted: " + std::string(kTaintMessages[i]));
    if (!flags || (flags & kDeprecation))
        for (const auto& d : obj.deprecations)
            out.push_back("deprecated configuration: " + d);
    return out;
}

}  // namespace cvirt::drivers::test
