// cvirtd against Debian's libvirtd, same client, same machine, one run:
// lookupByName + info() pairs per second over the daemon's unix socket with
// 1 and 8 concurrent clients (one connection each, through cvirt's remote
// driver, which speaks libvirt's protocol to both), and cvirtd's idle RSS.
//
//   daemon_bench [--seconds N]      (default 5 s per measurement)
//
// Both daemons run privately (tests/daemon/*_process.hpp): cvirtd under a
// temporary --root, libvirtd as an unprivileged session daemon with its own
// config and sockets. Both use their default worker and request limits.

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "cvirt/connection.hpp"
#include "daemon/cvirtd_process.hpp"
#include "daemon/libvirtd_process.hpp"

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// Pairs per second for `clients` connections hammering `uri` for `duration`.
double pairsPerSecond(const std::string& uri, int clients, std::chrono::milliseconds duration) {
    std::vector<cvirt::Connection> conns;
    for (int i = 0; i < clients; ++i)
        conns.push_back(cvirt::Connection::open(uri));
    std::atomic<bool> measuring{false}, stop{false};
    std::atomic<long> pairs{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < clients; ++i) {
        threads.emplace_back([&, i] {
            long mine = 0;
            while (!stop) {
                auto dom = conns[i].lookupDomainByName("test");
                auto info = dom.info();
                if (info.state != cvirt::DomainState::Running)
                    std::abort();
                if (measuring)
                    ++mine;
            }
            pairs += mine;
        });
    }
    std::this_thread::sleep_for(500ms);  // warm up: connections, workers, caches
    measuring = true;
    auto start = Clock::now();
    std::this_thread::sleep_for(duration);
    measuring = false;
    auto elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    stop = true;
    for (auto& t : threads)
        t.join();
    return static_cast<double>(pairs) / elapsed;
}

long rssKiB(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stol(line.substr(6));
    return -1;
}

}  // namespace

int main(int argc, char** argv) {
    auto seconds = std::chrono::milliseconds(5000);
    for (int i = 1; i + 1 < argc; ++i)
        if (std::string(argv[i]) == "--seconds")
            seconds = std::chrono::milliseconds(static_cast<long>(std::stod(argv[i + 1]) * 1000));
    try {
        cvirt::test::CvirtdProcess cvirtd;
        cvirt::test::LibvirtdProcess libvirtd;
        std::this_thread::sleep_for(1s);
        long cvirtdIdle = rssKiB(cvirtd.pid());
        long libvirtdIdle = rssKiB(libvirtd.pid());

        fmt::print("lookupByName + info() pairs per second (unix socket, test:///default, {} s each)\n\n",
                   seconds.count() / 1000.0);
        fmt::print("{:>8}  {:>12}  {:>12}  {:>7}\n", "clients", "cvirtd", "libvirtd", "ratio");
        for (int clients : {1, 8}) {
            double c = pairsPerSecond(cvirtd.uri(), clients, seconds);
            double l = pairsPerSecond(libvirtd.uri(), clients, seconds);
            fmt::print("{:>8}  {:>12.0f}  {:>12.0f}  {:>6.2f}x\n", clients, c, l, c / l);
        }
        fmt::print("\nidle RSS: cvirtd {:.1f} MiB, libvirtd {:.1f} MiB\n", cvirtdIdle / 1024.0, libvirtdIdle / 1024.0);
        fmt::print("cvirtd RSS after the run: {:.1f} MiB\n", rssKiB(cvirtd.pid()) / 1024.0);
    } catch (const std::exception& e) {
        fmt::print(stderr, "daemon_bench: {}\n", e.what());
        return 1;
    }
    return 0;
}
