// Representative definitions really start QEMU: each XML of
// tests/data/qemu/argv (with its image paths pointing at images made with
// qemu-img) and the seed's example domain go through the QEMU driver's
// parse, host preparation (taps, display ports) and command line, then
// QEMU is launched paused (-S), asked for its status over QMP and told to
// quit. Uses TCG when KVM is unusable (or CVIRT_QEMU_FORCE_TCG is set).
#include <gtest/gtest.h>

#include <unistd.h>

#include <thread>

#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>

#include "drivers/qemu/caps/qemu_caps.hpp"
#include "drivers/qemu/command/command_line.hpp"
#include "drivers/qemu/command/host_resources.hpp"
#include "drivers/qemu/domain_defaults/qemu_hooks.hpp"
#include "drivers/qemu/launcher.hpp"
#include "support/test_support.hpp"
#include "util/error.hpp"
#include "util/files.hpp"
#include "util/process.hpp"

using namespace cvirt;
using namespace std::chrono_literals;

namespace {

constexpr const char* kQemu = "/usr/bin/qemu-system-x86_64";

void replaceAll(std::string& s, const std::string& from, const std::string& to) {
    for (size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size())
        s.replace(pos, from.size(), to);
}

void qemuImg(const std::string& format, const std::string& path, const std::string& size) {
    auto r = run(Command{.argv = {"qemu-img", "create", "-q", "-f", format, path, size}});
    ASSERT_TRUE(r.status.exited() && r.status.code() == 0) << r.err;
}

// A Linux bridge for the test's lifetime.
struct TestBridge {
    std::string name;
    bool ok = false;
    explicit TestBridge(std::string n) : name(std::move(n)) {
        Command c{.argv = {"ip", "link", "add", name, "type", "bridge"}};
        c.err.how = Stdio::Null{};
        ok = run(c).status.code() == 0;
    }
    ~TestBridge() {
        if (!ok)
            return;
        Command c{.argv = {"ip", "link", "delete", name}};
        c.err.how = Stdio::Null{};
        run(c);
    }
};

class QemuStart : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        if (::access(kQemu, X_OK) != 0)
            return;
        cacheDir_ = new test::TempDir();
        cache_ = new qemu::QemuCapsCache(cacheDir_->path());
    }
    static void TearDownTestSuite() {
        delete cache_;
        delete cacheDir_;
        cache_ = nullptr;
        cacheDir_ = nullptr;
    }

    void SetUp() override {
        if (!cache_)
            GTEST_SKIP() << kQemu << " is not installed";
        images_ = tmp_.path() + "/images";
        makeDirectories(images_, 0755);
        qemuImg("qcow2", images_ + "/root.qcow2", "16M");
        qemuImg("qcow2", images_ + "/centos7u2.qcow2", "16M");
        qemuImg("qcow2", images_ + "/scratch.qcow2", "16M");
        qemuImg("raw", images_ + "/data.raw", "16M");
        qemuImg("raw", images_ + "/install.iso", "1M");
    }

    // Parses, prepares, builds and launches `xml`; returns QEMU's status.
    std::string start(std::string xml) {
        replaceAll(xml, "@IMAGES@", images_);
        replaceAll(xml, "@CHANNELS@", images_);
        bool kvm = qemu::kvmUsable();
        if (!kvm)
            replaceAll(xml, "type='kvm'", "type='qemu'");
        qemu::CapsLookup lookup = [](const std::string& binary) { return cache_->get(binary); };
        conf::domain::DomainParseOptions opts;
        opts.abiUpdate = true;
        auto def = qemu::parseQemuDomainXml(xml, opts, lookup);
        auto caps = cache_->get(def.devices.emulator);
        qemu::BuildContext ctx;
        ctx.caps = caps.get();
        ctx.id = 1;
        ctx.runtimeDir = tmp_.path() + "/run-" + def.name;
        ctx.monitorPath = ctx.runtimeDir + "/monitor.sock";
        ctx.monitorFd = qemu::kMonitorFd;
        ctx.libDir = tmp_.path() + "/lib";
        ctx.kvm = caps->kvm;
        makeDirectories(ctx.runtimeDir, 0700);
        auto resources = qemu::prepareHostResources(def, ctx);
        auto cmd = qemu::buildCommandLine(def, ctx);

        asio::io_context io;
        auto guard = asio::make_work_guard(io);
        std::thread t([&] { io.run(); });
        std::string status;
        pid_t pid = -1;
        try {
            auto q = qemu::launchQemu(cmd, ctx.monitorPath, tmp_.path() + "/" + def.name + ".log", io, 60s);
            pid = q.pid;
            status = q.monitor->execute("query-status").value("status", "");
            q.monitor->executeAsync("quit", nullptr, [](const qemu::Json*, const std::string*) {});
            EXPECT_TRUE(qemu::waitForExit(pid, 20s));
            q.monitor->close();
        } catch (...) {
            if (pid > 0)
                qemu::killProcess(pid, false, 2s);
            guard.reset();
            io.stop();
            t.join();
            throw;
        }
        guard.reset();
        io.stop();
        t.join();
        return status;
    }

    void startDataCase(const std::string& name) {
        try {
            EXPECT_EQ(start(test::readText(test::dataPath("qemu/argv/" + name + ".xml"))), "prelaunch");
        } catch (const Error& e) {
            ADD_FAILURE() << name << ": " << e.message();
        }
    }

    static test::TempDir* cacheDir_;
    static qemu::QemuCapsCache* cache_;
    test::TempDir tmp_;
    std::string images_;
};

test::TempDir* QemuStart::cacheDir_ = nullptr;
qemu::QemuCapsCache* QemuStart::cache_ = nullptr;

}  // namespace

TEST_F(QemuStart, Minimal) { startDataCase("minimal"); }
TEST_F(QemuStart, Q35Virtio) { startDataCase("q35-virtio"); }
TEST_F(QemuStart, Chardevs) { startDataCase("chardevs"); }
TEST_F(QemuStart, Devices) { startDataCase("devices"); }
TEST_F(QemuStart, CpuNuma) { startDataCase("cpu-numa"); }

TEST_F(QemuStart, DisksAndNamedTap) {
    if (::geteuid() != 0)
        GTEST_SKIP() << "creating a tap needs root";
    startDataCase("disks-boot-order");
}

// The seed's example domain as the seed shows it (tests/data/domain), with
// the swaps a test host needs.
TEST_F(QemuStart, SeedExampleDomain) {
    if (::geteuid() != 0)
        GTEST_SKIP() << "creating a bridge needs root";
    TestBridge bridge("cvbr" + std::to_string(::getpid() % 100000));
    if (!bridge.ok)
        GTEST_SKIP() << "cannot create a bridge here";
    std::string xml = test::readText(test::dataPath("domain/centos7u2-1.xml"));
    replaceAll(xml, "/var/lib/libvirt/images/centos7u2.qcow2", "@IMAGES@/centos7u2.qcow2");
    replaceAll(xml, "/usr/libexec/qemu-kvm", kQemu);
    // Debian's QEMU has no RHEL machine types; the network driver (type
    // 'network') comes later, so the NIC goes on a bridge of our own.
    replaceAll(xml, "pc-i440fx-rhel7.0.0", "pc");
    replaceAll(xml, "<interface type='network'>", "<interface type='bridge'>");
    replaceAll(xml, "<source network='default'/>", "<source bridge='" + bridge.name + "'/>");
    replaceAll(xml, "/var/lib/libvirt/qemu/channel/target/domain- centos7u2", "@CHANNELS@");
    try {
        EXPECT_EQ(start(xml), "prelaunch");
    } catch (const Error& e) {
        ADD_FAILURE() << e.message();
    }
}
