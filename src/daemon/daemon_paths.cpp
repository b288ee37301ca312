#include "daemon/daemon_paths.hpp"

#include "drivers/remote/remote_target.hpp"
#include "util/process.hpp"

namespace cvirt::daemon {

DaemonPaths DaemonPaths::from(const DaemonOptions& options, bool runningAsRoot) {
    DaemonPaths p;
    p.root = options.root;
    p.system = (runningAsRoot || !options.root.empty()) && !options.session;
    if (p.system) {
        p.configFile = options.defaultConfigFile();
        p.runDir = options.runDir();
        p.socketDir = p.runDir;
        p.libDir = options.libDir();
        p.logDir = options.logDir();
        p.defaultUri = "qemu:///system";
    } else {
        std::string home = envOr("HOME", "/");
        std::string cache = envOr("XDG_CACHE_HOME", home + "/.cache") + "/cvirt";
        p.configFile = envOr("XDG_CONFIG_HOME", home + "/.config") + "/cvirt/cvirtd.conf";
        p.socketDir = drivers::remote::sessionSocketDir();
        p.runDir = p.socketDir;
        p.libDir = cache + "/lib";
        p.logDir = cache + "/log";
        p.defaultUri = "qemu:///session";
    }
    if (!options.configFile.empty()) {
        p.configFile = options.configFile;
        p.configExplicit = true;
    }
    p.pidFile = options.pidFile.empty() ? p.runDir + "/cvirtd.pid" : options.pidFile;
    return p;
}

}  // namespace cvirt::daemon
