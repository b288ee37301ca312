#pragma once
// A real guest under a private cvirtd, for the tests that boot the seed's
// example domain with the tiny test guest (scripts/build-test-guest: its
// init prints CVIRT-GUEST-READY on the serial console), and the helpers
// they share. TCG throughout: 64-bit guest kernels hang under nested KVM.

#include <gtest/gtest.h>

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "daemon/cvirtd_process.hpp"

namespace cvirt::test {

inline constexpr const char* kQemu = "/usr/bin/qemu-system-x86_64";
inline constexpr const char* kVirsh = "/usr/bin/virsh";
inline constexpr const char* kGuestName = "centos7u2-1";
inline constexpr const char* kGuestReady = "CVIRT-GUEST-READY";

// The kernel and initrd: $CVIRT_TEST_GUEST_DIR, else <build>/test-guest,
// built there by scripts/build-test-guest when missing.
std::string guestDir();

bool contains(const std::string& text, const std::string& part);
void replaceOnce(std::string& s, const std::string& from, const std::string& to);
void replaceAll(std::string& s, const std::string& from, const std::string& to);
// The machine='...' value, whatever the daemon expanded "pc" to.
std::string withMachine(std::string xml, const std::string& machine);
// Everything up to and including `end` from the first `begin` removed.
void cut(std::string& s, const std::string& begin, const std::string& end);

// QEMU processes whose command line names `root`: the test's guests, found
// without the daemon's help, and killed when the test ends whatever happened.
struct GuestReaper {
    std::string root;
    std::set<pid_t> find() const;
    ~GuestReaper();
};

struct Output {
    int code;
    std::string out, err;
};

class QemuGuest : public ::testing::Test {
protected:
    void SetUp() override;
    void TearDown() override;

    // The seed's example domain (tests/data/qemu/argv) booting the test
    // guest: kernel and initrd instead of a boot disk, TCG, no NIC (that
    // needs a bridge), a smaller memory. Its serial console goes to a file
    // (console()), or with `ptyConsole` stays on a pty as the seed has it.
    std::string seedXml(bool ptyConsole = false);
    std::string console() const { return daemon_->root() + "/console.log"; }

    Output runTool(const std::string& program, const std::vector<std::string>& args);
    Output virsh(const std::vector<std::string>& args) { return runTool(kVirsh, args); }
    Output cvirsh(const std::vector<std::string>& args) { return runTool(binPath("cvirsh"), args); }

    // `virsh domstate --reason`, trimmed.
    std::string domstate(const std::string& name = kGuestName);
    bool waitFor(const std::function<bool()>& done, std::chrono::seconds timeout);
    // Defines seedXml(ptyConsole) through virsh.
    void defineSeed(bool ptyConsole = false);
    std::string daemonLog() { return daemon_->output(); }

    GuestReaper reaper_;
    std::unique_ptr<CvirtdProcess> daemon_;
    std::string guest_, uri_, images_;
};

}  // namespace cvirt::test
