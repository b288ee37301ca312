// Define-to-running latency of a minimal guest (no disk, 64 MiB, 1 vCPU):
// defineXML + create() through cvirt's remote driver to cvirtd and to
// Debian's libvirtd, against the floor of starting QEMU by hand
// (qemu-system-x86_64 -S, QMP greeting, qmp_capabilities, cont).
//
//   qemu_start_bench [--runs N]      (default 10; medians are printed)
//
// Both daemons run privately (tests/daemon/*_process.hpp). libvirtd is a
// session daemon (qemu:///session) as the unprivileged user nobody, who
// cannot open /dev/kvm here, so it is measured with TCG; cvirtd and the
// floor are measured with TCG too and, when /dev/kvm works, with KVM.

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "cvirt/connection.hpp"
#include "daemon/cvirtd_process.hpp"
#include "daemon/libvirtd_process.hpp"
#include "drivers/qemu/caps/qemu_caps.hpp"
#include "util/fd.hpp"
#include "util/process.hpp"

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr const char* kQemu = "/usr/bin/qemu-system-x86_64";

std::string minimalXml(const std::string& type, int n) {
    return fmt::format(
        "<domain type='{}'><name>bench{}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>"
        "<os><type arch='x86_64' machine='pc'>hvm</type></os>"
        "<devices><emulator>{}</emulator></devices></domain>",
        type, n, kQemu);
}

double medianMs(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// Runs `once` `runs` times after one unmeasured warm-up (capability
// probing, first connection); the median in milliseconds.
double measure(int runs, const std::function<double(int)>& once) {
    once(0);
    std::vector<double> ms;
    for (int i = 1; i <= runs; ++i)
        ms.push_back(once(i));
    return medianMs(ms);
}

double defineToRunning(cvirt::Connection& conn, const std::string& type, int n) {
    auto start = Clock::now();
    auto dom = conn.defineDomain(minimalXml(type, n));
    dom.create();
    double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    if (dom.state().first != cvirt::DomainState::Running)
        throw std::runtime_error("the guest is not running after create()");
    dom.destroy();
    dom.undefine();
    return ms;
}

// One line of QMP (they all end in "\r\n"); skips events.
std::string readReply(int fd) {
    std::string line;
    for (;;) {
        char c;
        ssize_t n = ::read(fd, &c, 1);
        if (n <= 0)
            throw std::runtime_error("QMP closed");
        line += c;
        if (c == '\n') {
            if (line.find("\"event\"") == std::string::npos)
                return line;
            line.clear();
        }
    }
}

void send(int fd, const std::string& text) {
    if (::write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size()))
        throw std::runtime_error("QMP write failed");
}

// QEMU started paused, its monitor greeted and told to run: what any
// management layer must at least do.
double bareQemu(const std::string& dir, const std::string& accel) {
    std::string sock = dir + "/floor.qmp";
    ::unlink(sock.c_str());
    cvirt::Command c;
    c.argv = {kQemu, "-S", "-nodefaults", "-display", "none", "-machine", "pc,accel=" + accel, "-m", "64",
              "-smp", "1", "-chardev", "socket,id=mon,path=" + sock + ",server=on,wait=off", "-mon",
              "chardev=mon,mode=control"};
    c.out = cvirt::Stdio{cvirt::Stdio::Null{}};
    c.err = cvirt::Stdio{cvirt::Stdio::Null{}};
    auto start = Clock::now();
    cvirt::Process qemu = cvirt::Process::spawn(c);
    cvirt::UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    sock.copy(addr.sun_path, sizeof addr.sun_path - 1);
    while (::connect(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        if (Clock::now() - start > 30s || qemu.tryWait())
            throw std::runtime_error("QEMU's monitor did not come up");
        std::this_thread::sleep_for(1ms);
    }
    readReply(fd.get());  // greeting
    send(fd.get(), "{\"execute\":\"qmp_capabilities\"}\n");
    readReply(fd.get());
    send(fd.get(), "{\"execute\":\"cont\"}\n");
    std::string reply = readReply(fd.get());
    double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    if (reply.find("\"return\"") == std::string::npos)
        throw std::runtime_error("cont failed: " + reply);
    qemu.terminate(5s);
    return ms;
}

}  // namespace

int main(int argc, char** argv) {
    int runs = 10;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::string(argv[i]) == "--runs")
            runs = std::max(1, std::stoi(argv[i + 1]));
    try {
        bool kvm = cvirt::qemu::kvmUsable();
        cvirt::test::TempDir tmp;
        cvirt::test::CvirtdProcess cvirtd;
        cvirt::test::LibvirtdProcess libvirtd;
        auto ours = cvirt::Connection::open(cvirtd.uri("qemu:///system"));
        auto theirs = cvirt::Connection::open(libvirtd.uri("qemu:///session"));

        fmt::print("define + start of a minimal guest (64 MiB, 1 vCPU, no disk) until running, median of {} (ms)\n\n",
                   runs);
        fmt::print("{:<6}  {:>10}  {:>10}  {:>10}\n", "accel", "cvirtd", "libvirtd", "bare QEMU");
        double c = measure(runs, [&](int n) { return defineToRunning(ours, "qemu", n); });
        double l = measure(runs, [&](int n) { return defineToRunning(theirs, "qemu", n); });
        double f = measure(runs, [&](int) { return bareQemu(tmp.path(), "tcg"); });
        fmt::print("{:<6}  {:>10.1f}  {:>10.1f}  {:>10.1f}\n", "tcg", c, l, f);
        if (kvm) {
            c = measure(runs, [&](int n) { return defineToRunning(ours, "kvm", n); });
            f = measure(runs, [&](int) { return bareQemu(tmp.path(), "kvm"); });
            fmt::print("{:<6}  {:>10.1f}  {:>10}  {:>10.1f}\n", "kvm", c, "n/a", f);
            fmt::print("\nlibvirtd runs as nobody (a session daemon), who cannot open /dev/kvm: no KVM figure.\n");
        }
    } catch (const std::exception& e) {
        fmt::print(stderr, "qemu_start_bench: {}\n", e.what());
        return 1;
    }
    return 0;
}
