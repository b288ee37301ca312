// Consoles of a real guest: cvirsh and Debian's virsh attached to the test
// guest's serial console through cvirtd (virsh proves the STREAM packets
// are libvirt's), and the C++ API on qemu:///embed without a daemon. Each
// sees the guest's output, types into it (the guest's tty echoes what it
// gets) and leaves on ^] with status 0; a second console is refused, a
// forced one takes over and fails the first, the guest's end ends the
// console in good order, and a shut-off domain has none, with libvirt's
// messages throughout.

#include <gtest/gtest.h>

#include <array>
#include <thread>

#include "cvirt/connection.hpp"
#include "daemon/pty_process.hpp"
#include "daemon/qemu_guest_fixture.hpp"
#include "util/error.hpp"
#include "util/files.hpp"

namespace cvirt::test {
namespace {

using namespace std::chrono_literals;

constexpr const char* kEscape = "\x1d";  // ^]
const std::string kConnected = "Connected to domain '" + std::string(kGuestName) + "'\r\n";
const std::string kEscapeLine = "Escape character is ^] (Ctrl + ])\r\n";
// A guest under TCG on a busy host: its boot to the marker.
constexpr auto kBoot = 300s;

class QemuConsole : public QemuGuest {
protected:
    // No `timeout` in between: the PtyProcess kills the tool itself.
    std::vector<std::string> command(bool ours, const std::vector<std::string>& args) {
        std::vector<std::string> argv = {ours ? binPath("cvirsh") : kVirsh, "-c", uri_};
        argv.insert(argv.end(), args.begin(), args.end());
        return argv;
    }
    std::unique_ptr<PtyProcess> attach(bool ours, const std::vector<std::string>& args) {
        return std::make_unique<PtyProcess>(command(ours, args));
    }

    // Types `word` and waits for the guest's echo: proof that bytes go both
    // ways (and that the console is open).
    void expectEcho(PtyProcess& console, const std::string& word) {
        size_t mark = console.output().size();
        console.send(word + "\r");
        EXPECT_TRUE(console.waitFor(word, 60s, mark)) << console.output();
    }

    void expectLeavesOnEscape(PtyProcess& console) {
        console.send(kEscape);
        auto status = console.waitExit(30s);
        ASSERT_TRUE(status) << "still attached after ^]:\n" << console.output();
        EXPECT_EQ(status->code(), 0) << console.output();
    }

    void expectFails(PtyProcess& console, const std::string& message) {
        auto status = console.waitExit(60s);
        ASSERT_TRUE(status) << console.output();
        EXPECT_EQ(status->code(), 1) << console.output();
        EXPECT_TRUE(contains(console.output(), message)) << console.output();
    }
};

TEST_F(QemuConsole, AttachTypeLeaveTakeOverAndEnd) {
    defineSeed(true);

    // cvirsh start --console: the guest's boot from its first line.
    auto ours = attach(true, {"start", "--console", kGuestName});
    ASSERT_TRUE(ours->waitFor(kEscapeLine, 120s)) << ours->output() << daemonLog();
    EXPECT_TRUE(contains(ours->output(), "Domain '" + std::string(kGuestName) + "' started\r\n" + kConnected))
        << ours->output();
    ASSERT_TRUE(ours->waitFor(kGuestReady, kBoot)) << ours->output() << daemonLog();
    expectEcho(*ours, "cvirsh-typed");
    expectLeavesOnEscape(*ours);
    EXPECT_EQ(domstate(), "running (booted)");

    // cvirsh console on the running guest.
    auto attached = attach(true, {"console", kGuestName});
    ASSERT_TRUE(attached->waitFor(kConnected + kEscapeLine, 60s)) << attached->output();
    expectEcho(*attached, "cvirsh-again");

    // A second console while one is open: libvirt's refusal, to both tools.
    for (bool tool : {true, false}) {
        SCOPED_TRACE(tool ? "cvirsh" : "virsh");
        auto second = attach(tool, {"console", kGuestName});
        expectFails(*second, "error: operation failed: Active console session exists for this domain");
    }

    // Debian's virsh takes it over with --force; cvirsh's fails as virsh's
    // does under libvirtd.
    auto forced = attach(false, {"console", "--force", kGuestName});
    ASSERT_TRUE(forced->waitFor(kConnected + kEscapeLine, 60s)) << forced->output();
    expectEcho(*forced, "virsh-typed");
    expectFails(*attached, "error: stream had I/O failure");

    // The guest's end ends virsh's console in good order.
    auto r = virsh({"destroy", kGuestName});
    ASSERT_EQ(r.code, 0) << r.err;
    auto status = forced->waitExit(60s);
    ASSERT_TRUE(status) << "console still attached to a destroyed guest:\n" << forced->output();
    EXPECT_EQ(status->code(), 0) << forced->output();

    // virsh start --console on cvirtd, left with ^].
    auto again = attach(false, {"start", "--console", kGuestName});
    ASSERT_TRUE(again->waitFor(kEscapeLine, 120s)) << again->output() << daemonLog();
    ASSERT_TRUE(again->waitFor(kGuestReady, kBoot)) << again->output();
    expectEcho(*again, "virsh-again");
    expectLeavesOnEscape(*again);

    // A client that dies with its console open releases it.
    auto killed = attach(false, {"console", kGuestName});
    ASSERT_TRUE(killed->waitFor(kEscapeLine, 60s)) << killed->output();
    expectEcho(*killed, "virsh-killed");
    killed.reset();

    // ... and cvirsh's console ends with the guest too.
    std::unique_ptr<PtyProcess> last;
    // The daemon notices the dead client a moment later.
    ASSERT_TRUE(waitFor(
        [&] {
            last = attach(true, {"console", kGuestName});
            return last->waitFor(kEscapeLine, 60s) && !last->waitExit(500ms);
        },
        30s))
        << last->output();
    expectEcho(*last, "cvirsh-last");
    r = virsh({"destroy", kGuestName});
    EXPECT_EQ(r.code, 0) << r.err;
    status = last->waitExit(60s);
    ASSERT_TRUE(status) << "console still attached to a destroyed guest:\n" << last->output();
    EXPECT_EQ(status->code(), 0) << last->output();
    EXPECT_TRUE(waitFor([&] { return reaper_.find().empty(); }, 30s));
}

TEST_F(QemuConsole, ShutOffDomainHasNone) {
    defineSeed(true);
    auto conn = Connection::open(uri_);
    auto dom = conn.lookupDomainByName(kGuestName);
    auto stream = conn.newStream();
    try {
        dom.openConsole(std::nullopt, stream);
        ADD_FAILURE() << "a console of a shut-off domain";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::OperationInvalid);
        EXPECT_EQ(e.message(), "Requested operation is not valid: domain is not running");
    }
    // Both shells ask the state first and refuse by themselves.
    for (bool tool : {true, false}) {
        SCOPED_TRACE(tool ? "cvirsh" : "virsh");
        auto console = attach(tool, {"console", kGuestName});
        expectFails(*console, "error: The domain is not running");
    }
    // Without a terminal: virsh's refusal, before any console is opened.
    auto r = cvirsh({"console", kGuestName});
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(contains(r.err, "error: The domain is not running")) << r.err;
}

// The QEMU driver in this process (qemu:///embed): the stream API alone.
TEST_F(QemuConsole, EmbeddedDriverStream) {
    std::string root = daemon_->root() + "/embed";
    auto conn = Connection::open("qemu:///embed?root=" + root);
    auto dom = conn.defineDomain(seedXml(true));
    dom.create();
    EXPECT_TRUE(contains(dom.xmlDesc(), "<source path='/dev/pts/")) << dom.xmlDesc();

    auto stream = conn.newStream(flags::kStreamNonBlock);
    dom.openConsole(std::nullopt, stream);
    std::string seen;
    auto readUntil = [&](Stream& st, const std::string& text, std::chrono::seconds timeout) {
        auto deadline = std::chrono::steady_clock::now() + timeout;
        std::array<uint8_t, 4096> buffer;
        while (seen.find(text) == std::string::npos && std::chrono::steady_clock::now() < deadline) {
            long n = st.recv(buffer);
            if (n == 0)
                return false;
            if (n == Stream::kWouldBlock)
                std::this_thread::sleep_for(50ms);
            else
                seen.append(reinterpret_cast<const char*>(buffer.data()), static_cast<size_t>(n));
        }
        return seen.find(text) != std::string::npos;
    };
    ASSERT_TRUE(readUntil(stream, kGuestReady, kBoot)) << seen;
    stream.send("embed-typed\r");
    EXPECT_TRUE(readUntil(stream, "embed-typed", 60s)) << seen;

    // One console per device: refused, then taken over.
    auto second = conn.newStream(flags::kStreamNonBlock);
    try {
        dom.openConsole(std::nullopt, second);
        ADD_FAILURE() << "a second console";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::OperationFailed);
        EXPECT_EQ(e.message(), "operation failed: Active console session exists for this domain");
    }
    dom.openConsole(std::string("serial0"), second, flags::kConsoleForce);
    bool failed = waitFor(
        [&] {
            std::array<uint8_t, 4096> buffer;
            try {
                while (stream.recv(buffer) > 0) {
                }
            } catch (const Error& e) {
                EXPECT_EQ(e.message(), "stream had I/O failure");
                return true;
            }
            return false;
        },
        30s);
    EXPECT_TRUE(failed) << "the first console still works after --force";

    // Devices that are not there, or not on a pty.
    auto third = conn.newStream();
    try {
        dom.openConsole(std::string("nosuch"), third);
        ADD_FAILURE() << "a console on no device";
    } catch (const Error& e) {
        EXPECT_EQ(e.message(), "internal error: cannot find character device nosuch");
    }

    // The guest's end is the stream's end.
    dom.destroy();
    bool ended = waitFor(
        [&] {
            std::array<uint8_t, 4096> buffer;
            long n;
            while ((n = second.recv(buffer)) > 0) {
            }
            return n == 0;
        },
        30s);
    EXPECT_TRUE(ended) << "no end of stream after the guest's end";
    second.finish();
    EXPECT_TRUE(reaper_.find().empty());

    // A serial port on a file has no console to give.
    dom = conn.defineDomain(seedXml(false));
    dom.create();
    auto onFile = conn.newStream();
    try {
        dom.openConsole(std::nullopt, onFile);
        ADD_FAILURE() << "a console on a file";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::InternalError);
        EXPECT_EQ(e.message(), "internal error: character device serial0 is not using a PTY");
    }
    dom.destroy();
    EXPECT_TRUE(reaper_.find().empty());
}

}  // namespace
}  // namespace cvirt::test
