// cvirt's own command-line cases: tests/data/qemu/argv/NAME.xml must build
// exactly NAME.args (CVIRT_TEST_REGENERATE=1 rewrites the .args files).
// The capabilities are QEMU 7.2's recorded probe, so results do not
// depend on the host; paths are those of a system cvirtd.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "drivers/qemu/caps_replies.hpp"
#include "drivers/qemu/command/command_line.hpp"
#include "drivers/qemu/domain_defaults/qemu_hooks.hpp"
#include "support/test_support.hpp"
#include "util/error.hpp"

using namespace cvirt;

namespace {

std::shared_ptr<qemu::QemuCaps> caps72() {
    static auto caps = std::make_shared<qemu::QemuCaps>(
        test::capsFromReplies(test::conformancePath("libvirt-9.6/qemucapabilitiesdata/caps_7.2.0_x86_64.replies"), false));
    return caps;
}

// What a system cvirtd gives domain id 1, with the host side (taps, display
// ports) already prepared.
qemu::BuildContext context(conf::domain::Domain& def) {
    qemu::BuildContext ctx;
    ctx.caps = caps72().get();
    ctx.id = 1;
    ctx.runtimeDir = "/run/cvirt/qemu/domain-1-" + def.name;
    ctx.monitorPath = ctx.runtimeDir + "/monitor.sock";
    ctx.libDir = "/var/lib/cvirt/qemu";
    ctx.memoryBackingDir = ctx.libDir + "/ram";
    ctx.hostEnv = {{"PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}, {"HOME", "/root"},
                   {"USER", "root"}, {"LOGNAME", "root"}};
    qemu::assignDeviceAliases(def);
    int tap = 0, port = 5900;
    for (auto& net : def.devices.interfaces) {
        using conf::domain::NetType;
        if (net.type == NetType::Bridge || net.type == NetType::Ethernet)
            ctx.nets[net.info.alias].ifname = net.ifname.value_or("vnet" + std::to_string(tap++));
    }
    for (auto& g : def.devices.graphics)
        if (g.autoport)
            g.port = port++;
    return ctx;
}

}  // namespace

TEST(QemuArgvData, Cases) {
    std::string dir = test::dataPath("qemu/argv");
    qemu::CapsLookup lookup = [](const std::string&) { return caps72(); };
    int cases = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().extension() != ".xml")
            continue;
        ++cases;
        std::string name = entry.path().stem().string();
        SCOPED_TRACE(name);
        std::string got;
        try {
            conf::domain::DomainParseOptions opts;
            opts.abiUpdate = true;
            auto def = qemu::parseQemuDomainXml(test::readText(entry.path().string()), opts, lookup);
            auto ctx = context(def);
            got = qemu::buildCommandLine(def, ctx).toString();
        } catch (const Error& e) {
            ADD_FAILURE() << e.message();
            continue;
        }
        std::string expectedPath = dir + "/" + name + ".args";
        if (test::regenerate()) {
            std::ofstream(expectedPath) << got;
            continue;
        }
        ASSERT_TRUE(std::filesystem::exists(expectedPath)) << "missing " << expectedPath;
        EXPECT_EQ(test::readText(expectedPath), got);
    }
    EXPECT_GE(cases, 5);
}
