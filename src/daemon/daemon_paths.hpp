#pragma once
// Where a cvirtd instance keeps its files. A privileged daemon (root, or
// any user with --root DIR) is the system daemon: DIR/etc/cvirt,
// DIR/run/cvirt, DIR/var/lib/cvirt and DIR/var/log/cvirt, DIR being "" for
// the real system. Without root and without --root, or with --session, it
// is the user's session daemon: $XDG_CONFIG_HOME/cvirt, sockets and pid file in
// $XDG_RUNTIME_DIR/cvirt (see drivers/remote/remote_target.hpp), logs in
// $XDG_CACHE_HOME/cvirt/log.

#include <string>

#include "daemon/daemon_options.hpp"

namespace cvirt::daemon {

struct DaemonPaths {
    bool system = true;
    std::string root;        // --root, "" otherwise
    std::string configFile;  // -f, or the default (which may be missing)
    bool configExplicit = false;
    std::string runDir;
    std::string socketDir;   // unix_sock_dir's default
    std::string libDir;
    std::string logDir;
    std::string pidFile;     // -p, or runDir/cvirtd.pid
    std::string defaultUri;  // for CONNECT_OPEN without a name

    static DaemonPaths from(const DaemonOptions& options, bool runningAsRoot);
};

}  // namespace cvirt::daemon
