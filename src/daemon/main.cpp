// cvirtd: the daemon. Flags as libvirtd's (see DaemonOptions::usage).

#include <unistd.h>

#include <csignal>
#include <cstdio>

#include <fmt/format.h>

#include "daemon/daemon.hpp"
#include "util/process.hpp"

int main(int argc, char** argv) {
    using namespace cvirt;
    using namespace cvirt::daemon;
    std::string program = argc > 0 ? argv[0] : "cvirtd";
    DaemonOptions options;
    try {
        options = DaemonOptions::parse(std::vector<std::string>(argv + 1, argv + argc));
    } catch (const Error& e) {
        fmt::print(stderr, "{}: {}\n{}", program, e.message(), DaemonOptions::usage(program));
        return 1;
    }
    if (options.help) {
        fmt::print("{}", DaemonOptions::usage(program));
        return 0;
    }
    if (options.version) {
        fmt::print("cvirtd (cvirt) {}\n", CVIRT_VERSION);
        return 0;
    }
    // A client that goes away mid-reply must not take the daemon with it.
    std::signal(SIGPIPE, SIG_IGN);

    // Forking must happen before any thread exists; the original process
    // stays until the daemon listens, so `cvirtd -d && virsh ...` works.
    std::optional<Daemonizer> daemonizer;
    if (options.daemonize)
        daemonizer = Daemonizer::start();
    try {
        Daemon daemon(options, DaemonPaths::from(options, ::geteuid() == 0));
        daemon.start();
        if (daemonizer)
            daemonizer->ready();
        daemon.run();
    } catch (const Error& e) {
        if (daemonizer)
            daemonizer->failed(fmt::format("{}: {}", program, e.message()));
        fmt::print(stderr, "{}: {}\n", program, e.message());
        return 1;
    }
    return 0;
}
