// Machine-wide objects and options that are not devices: the master key
// secret, SMBIOS tables, fw_cfg entries, the VM generation id, vmcoreinfo
// and the seccomp sandbox.
#include <fmt/format.h>

#include "drivers/qemu/command/families.hpp"
#include "util/error.hpp"

namespace cvirt::qemu {

using namespace conf::domain;

namespace {

const std::string* entry(const SysinfoSection& s, std::string_view name) {
    for (const auto& [k, v] : s.entries)
        if (k == name)
            return &v;
    return nullptr;
}

// "type=N,key=value,..." with the keys QEMU knows, in its order.
std::string smbiosSection(int type, const SysinfoSection& s, std::initializer_list<const char*> keys,
                          std::initializer_list<const char*> always = {}) {
    std::string out = fmt::format("type={}", type);
    for (const char* k : keys) {
        const std::string* v = entry(s, k);
        bool required = std::find_if(always.begin(), always.end(), [&](const char* a) { return std::string_view(a) == k; }) !=
                        always.end();
        if (v || required)
            out += fmt::format(",{}={}", k, escapeComma(v ? *v : std::string()));
    }
    return out;
}

}  // namespace

void buildMasterKey(Build& b) {
    if (!b.ctx.masterKey)
        return;
    b.object(Props{{"qom-type", "secret"},
                   {"id", "masterKey0"},
                   {"format", "raw"},
                   {"file", b.ctx.runtimeDir + "/master-key.aes"}});
}

void buildSmbios(Build& b) {
    const Domain& def = b.def;
    if (def.os.smbios == SmbiosMode::None || def.os.smbios == SmbiosMode::Emulate)
        return;
    if (def.os.smbios == SmbiosMode::Host)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "Host SMBIOS information is not available");
    const Sysinfo* src = nullptr;
    for (const auto& s : def.sysinfo)
        if (s.type == SysinfoType::Smbios) {
            src = &s;
            break;
        }
    if (!src)
        fail(ErrorCode::XmlError, ErrorDomain::Qemu, "Domain '{}' sysinfo are not available", def.name);
    if (!src->bios.empty())
        b.arg("-smbios", smbiosSection(0, src->bios, {"vendor", "version", "date", "release"}));
    if (!src->system.empty()) {
        const auto& s = src->system;
        bool nothing = !entry(s, "manufacturer") && !entry(s, "product") && !entry(s, "version") &&
                       !entry(s, "serial") && !entry(s, "uuid") && entry(s, "sku") && !entry(s, "family");
        if (!nothing)
            b.arg("-smbios",
                  smbiosSection(1, s, {"manufacturer", "product", "version", "serial", "uuid", "sku", "family"}));
    }
    if (src->baseBoards.size() > 1)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu,
             "qemu does not support more than one entry to Type 2 in SMBIOS table");
    for (const auto& bb : src->baseBoards)
        b.arg("-smbios",
              smbiosSection(2, bb, {"manufacturer", "product", "version", "serial", "asset", "location"}, {"manufacturer"}));
    if (!src->chassis.empty())
        b.arg("-smbios",
              smbiosSection(3, src->chassis, {"manufacturer", "version", "serial", "asset", "sku"}, {"manufacturer"}));
    if (src->oemStrings) {
        std::string s = "type=11";
        for (const auto& v : *src->oemStrings)
            s += ",value=" + escapeComma(v);
        b.arg("-smbios", s);
    }
}

void buildSysinfo(Build& b) {
    for (const auto& s : b.def.sysinfo) {
        if (s.type != SysinfoType::Fwcfg)
            continue;
        for (const auto& e : s.fwcfg) {
            std::string v = "name=" + e.name;
            if (e.value)
                v += ",string=" + *e.value;
            else if (e.file)
                v += ",file=" + *e.file;
            b.arg("-fw_cfg", v);
        }
    }
}

void buildGenid(Build& b) {
    if (!b.def.genidRequested)
        return;
    b.device(Props{{"driver", "vmgenid"}, {"guid", b.def.genid.format()}, {"id", "vmgenid0"}});
}

void buildVmcoreinfo(Build& b) {
    if (b.def.features.vmcoreinfo == conf::TriSwitch::On)
        b.device(Props{{"driver", "vmcoreinfo"}});
}

void buildSandbox(Build& b) {
    if (!b.ctx.config.seccompSandbox)
        b.arg("-sandbox", "off");
    else
        b.arg("-sandbox", "on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny");
}

}  // namespace cvirt::qemu
