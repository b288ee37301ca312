#pragma once
// cvirtd's command line, libvirtd's flags plus --root.

#include <optional>
#include <string>
#include <vector>

namespace cvirt::daemon {

struct DaemonOptions {
    bool daemonize = false;           // -d, --daemon
    std::string configFile;           // -f, --config FILE
    bool listen = false;              // -l, --listen
    std::string pidFile;              // -p, --pid-file FILE
    std::optional<int> timeout;       // -t, --timeout SECONDS
    bool verbose = false;             // -v, --verbose
    bool version = false;             // --version
    bool help = false;                // -h, --help
    std::string root;                 // --root DIR: every path under DIR
    bool session = false;             // --session: the user's daemon even as root

    // Throws Error(INVALID_ARG) with the message libvirtd prints.
    static DaemonOptions parse(const std::vector<std::string>& args);
    static std::string usage(const std::string& program);

    // Paths derived from --root (or the system locations).
    std::string etcDir() const { return root + "/etc/cvirt"; }
    std::string runDir() const { return root + "/run/cvirt"; }
    std::string libDir() const { return root + "/var/lib/cvirt"; }
    std::string logDir() const { return root + "/var/log/cvirt"; }
    std::string defaultConfigFile() const { return etcDir() + "/cvirtd.conf"; }
    std::string defaultPidFile() const { return runDir() + "/cvirtd.pid"; }
};

}  // namespace cvirt::daemon
