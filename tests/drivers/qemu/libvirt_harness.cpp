#include "drivers/qemu/libvirt_harness.hpp"

#include <fmt/format.h>

#include "support/test_support.hpp"
#include "util/strings.hpp"

namespace cvirt::test {

namespace {

constexpr const char* kLibDir = "/var/lib/libvirt/qemu";

bool has(const std::string& context, std::string_view item) {
    for (const auto& part : split(context, ";"))
        if (part == item)
            return true;
    return false;
}

std::optional<std::string> value(const std::string& context, std::string_view key) {
    for (const auto& part : split(context, ";"))
        if (part.rfind(key, 0) == 0 && part.size() > key.size() && part[key.size()] == '=')
            return part.substr(key.size() + 1);
    return std::nullopt;
}

}  // namespace

std::vector<HarnessCase> readCaseIndex(const std::string& path) {
    std::vector<HarnessCase> out;
    bool header = true;
    for (const auto& line : split(readText(path), "\n")) {
        if (header) {
            header = false;
            continue;
        }
        auto f = split(line, "\t", false);
        f.resize(7);
        out.push_back({f[0], f[1], f[2], f[3], f[4], f[5], f[6]});
    }
    return out;
}

qemu::QemuXmlConfig harnessXmlConfig(const std::string& context) {
    qemu::QemuXmlConfig c;
    c.vncAllowHostAudio = has(context, "cfg->vncAllowHostAudio=true");
    c.nogfxAllowHostAudio = has(context, "cfg->nogfxAllowHostAudio=true");
    c.audioDriverEnv = value(context, "env:QEMU_AUDIO_DRV");
    c.sdlAudioDriverEnv = value(context, "env:SDL_AUDIODRIVER");
    return c;
}

qemu::BuildContext harnessBuildContext(const qemu::QemuCaps& caps, const conf::domain::Domain& def,
                                       const std::string& context) {
    qemu::BuildContext ctx;
    ctx.caps = &caps;
    ctx.id = -1;
    std::string shortName = fmt::format("-1-{:.20}", def.name);
    ctx.libDir = kLibDir;
    ctx.runtimeDir = fmt::format("{}/domain-{}", kLibDir, shortName);
    ctx.monitorFd = 1729;
    ctx.listenFd = 1729;
    ctx.vsockFd = 6789;
    ctx.hostEnv = {{"PATH", "/bin"}, {"HOME", "/home/test"}, {"USER", "test"}, {"LOGNAME", "test"}};
    ctx.masterKey = true;
    ctx.channelTargetDir = fmt::format("{}/channel/target/domain-{}", kLibDir, shortName);
    ctx.memoryBackingDir = fmt::format("{}/ram", kLibDir);
    auto& cfg = ctx.config;
    cfg.hugetlbfs = {{2048, "/dev/hugepages2M"}, {1048576, "/dev/hugepages1G"}};
    cfg.vncSasl = has(context, "cfg->vncSASL=1");
    cfg.vncTls = has(context, "cfg->vncTLS=1");
    cfg.vncTlsVerify = has(context, "cfg->vncTLSx509verify=1");
    cfg.spiceTls = has(context, "cfg->spiceTLS=1");
    cfg.spiceSasl = has(context, "cfg->spiceSASL=1");
    cfg.dumpGuestCore = has(context, "cfg->dumpGuestCore=true");
    // Taps are keyed by the aliases the builder will give the interfaces.
    conf::domain::Domain named = def;
    qemu::assignDeviceAliases(named);
    for (const auto& net : named.devices.interfaces) {
        using conf::domain::NetType;
        if (net.type == NetType::Ethernet || net.type == NetType::Bridge || net.type == NetType::Network ||
            net.type == NetType::Direct)
            ctx.nets[net.info.alias].tapFds = {"3"};
    }
    return ctx;
}

}  // namespace cvirt::test
