// cvirtd's command line and cvirtd.conf: libvirtd's flags and keys, their
// defaults, and errors that name file, line and key.

#include <gtest/gtest.h>

#include "daemon/daemon_config.hpp"
#include "daemon/daemon_options.hpp"
#include "daemon/daemon_paths.hpp"
#include "support/test_support.hpp"
#include "util/error.hpp"
#include "util/files.hpp"

namespace cvirt::daemon {
namespace {

std::string errorOf(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const Error& e) {
        return e.message();
    }
    return "no error";
}

TEST(DaemonOptions, LibvirtdFlags) {
    auto o = DaemonOptions::parse({"-d", "-l", "-f", "/x.conf", "-p", "/x.pid", "-t", "30", "-v", "--root", "/r/"});
    EXPECT_TRUE(o.daemonize);
    EXPECT_TRUE(o.listen);
    EXPECT_EQ(o.configFile, "/x.conf");
    EXPECT_EQ(o.pidFile, "/x.pid");
    EXPECT_EQ(o.timeout, 30);
    EXPECT_TRUE(o.verbose);
    EXPECT_EQ(o.root, "/r");
    EXPECT_EQ(o.etcDir(), "/r/etc/cvirt");
    EXPECT_EQ(o.runDir(), "/r/run/cvirt");
    EXPECT_EQ(o.libDir(), "/r/var/lib/cvirt");
    EXPECT_EQ(o.logDir(), "/r/var/log/cvirt");
}

TEST(DaemonOptions, LongFormsAndAttachedValues) {
    auto o = DaemonOptions::parse({"--daemon", "--listen", "--config=/c", "--pid-file", "/p", "--timeout=5",
                                   "--verbose", "--version", "--help"});
    EXPECT_TRUE(o.daemonize && o.listen && o.verbose && o.version && o.help);
    EXPECT_EQ(o.configFile, "/c");
    EXPECT_EQ(o.pidFile, "/p");
    EXPECT_EQ(o.timeout, 5);
    auto a = DaemonOptions::parse({"-t7", "-f/a.conf"});
    EXPECT_EQ(a.timeout, 7);
    EXPECT_EQ(a.configFile, "/a.conf");
}

TEST(DaemonOptions, Errors) {
    EXPECT_EQ(errorOf([] { DaemonOptions::parse({"--bogus"}); }), "invalid argument: unrecognized option '--bogus'");
    EXPECT_EQ(errorOf([] { DaemonOptions::parse({"-t", "x"}); }), "invalid argument: Invalid value for timeout 'x'");
    EXPECT_EQ(errorOf([] { DaemonOptions::parse({"-t", "0"}); }), "invalid argument: Invalid value for timeout '0'");
    EXPECT_EQ(errorOf([] { DaemonOptions::parse({"-f"}); }), "invalid argument: option '-f' requires an argument");
    EXPECT_EQ(errorOf([] { DaemonOptions::parse({"--root", "rel"}); }),
              "invalid argument: root directory 'rel' must be an absolute path");
}

TEST(DaemonOptions, UsageNamesTheFlags) {
    std::string usage = DaemonOptions::usage("cvirtd");
    for (auto flag : {"--daemon", "--listen", "--timeout", "--config", "--version", "--pid-file", "--root", "--session",
                      "--help"})
        EXPECT_NE(usage.find(flag), std::string::npos) << flag;
}

TEST(DaemonPaths, SystemUnderRoot) {
    auto p = DaemonPaths::from(DaemonOptions::parse({"--root", "/r"}), false);
    EXPECT_TRUE(p.system);
    EXPECT_EQ(p.configFile, "/r/etc/cvirt/cvirtd.conf");
    EXPECT_FALSE(p.configExplicit);
    EXPECT_EQ(p.socketDir, "/r/run/cvirt");
    EXPECT_EQ(p.pidFile, "/r/run/cvirt/cvirtd.pid");
    EXPECT_EQ(p.defaultUri, "qemu:///system");
    auto real = DaemonPaths::from(DaemonOptions::parse({}), true);
    EXPECT_EQ(real.socketDir, "/run/cvirt");
    EXPECT_EQ(real.configFile, "/etc/cvirt/cvirtd.conf");
    auto explicitFile = DaemonPaths::from(DaemonOptions::parse({"-f", "/c.conf", "-p", "/p.pid"}), true);
    EXPECT_EQ(explicitFile.configFile, "/c.conf");
    EXPECT_TRUE(explicitFile.configExplicit);
    EXPECT_EQ(explicitFile.pidFile, "/p.pid");
}

// What a client starts for qemu:///session: the user's daemon, root or not.
TEST(DaemonPaths, SessionEvenAsRoot) {
    ::setenv("XDG_RUNTIME_DIR", "/run/user/7", 1);
    ::setenv("XDG_CONFIG_HOME", "/home/u/.config", 1);
    auto p = DaemonPaths::from(DaemonOptions::parse({"--timeout=120", "--session"}), true);
    EXPECT_FALSE(p.system);
    EXPECT_EQ(p.socketDir, "/run/user/7/cvirt");
    EXPECT_EQ(p.pidFile, "/run/user/7/cvirt/cvirtd.pid");
    EXPECT_EQ(p.configFile, "/home/u/.config/cvirt/cvirtd.conf");
    EXPECT_EQ(p.defaultUri, "qemu:///session");
    try {
        DaemonOptions::parse({"--session", "--root", "/r"});
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.message(), "invalid argument: options --session and --root are mutually exclusive");
    }
}

TEST(DaemonConfig, LibvirtdDefaults) {
    auto c = DaemonConfig::parse("", "cvirtd.conf");
    EXPECT_TRUE(c.listenTls);
    EXPECT_FALSE(c.listenTcp);
    EXPECT_EQ(c.tcpPort, "16509");
    EXPECT_EQ(c.tlsPort, "16514");
    EXPECT_EQ(c.unixSockRwPerms, 0700u);
    EXPECT_EQ(c.unixSockRoPerms, 0777u);
    EXPECT_EQ(c.authTcp, "sasl");
    EXPECT_EQ(c.maxClients, 5000u);
    EXPECT_EQ(c.maxWorkers, 20u);
    EXPECT_EQ(c.minWorkers, 5u);
    EXPECT_EQ(c.maxClientRequests, 5u);
    EXPECT_EQ(c.keepaliveInterval, 5);
    EXPECT_EQ(c.keepaliveCount, 5u);
    EXPECT_EQ(c.logLevel, 0u);
}

TEST(DaemonConfig, EveryKeyOfTheIssue) {
    auto c = DaemonConfig::parse(R"(
listen_tls = 0
listen_tcp = 1
tcp_port = "16600"
tls_port = "16601"
listen_addr = "127.0.0.1"
unix_sock_dir = "/tmp/socks"
unix_sock_group = "libvirt"
unix_sock_ro_perms = "0770"
unix_sock_rw_perms = "0700"
auth_unix_ro = "none"
auth_unix_rw = "none"
auth_tcp = "none"
max_clients = 10
max_queued_clients = 20
max_workers = 8
min_workers = 2
max_client_requests = 3
keepalive_interval = -1
keepalive_count = 9
log_level = 1
log_filters = "1:rpc 3:remote"
log_outputs = "1:stderr"
)",
                                 "cvirtd.conf");
    EXPECT_FALSE(c.listenTls);
    EXPECT_TRUE(c.listenTcp);
    EXPECT_EQ(c.tcpPort, "16600");
    EXPECT_EQ(c.tlsPort, "16601");
    EXPECT_EQ(c.listenAddr, "127.0.0.1");
    EXPECT_EQ(c.unixSockDir, "/tmp/socks");
    EXPECT_EQ(c.unixSockGroup, "libvirt");
    EXPECT_EQ(c.unixSockRoPerms, 0770u);
    EXPECT_EQ(c.authTcp, "none");
    EXPECT_EQ(c.maxClients, 10u);
    EXPECT_EQ(c.maxQueuedClients, 20u);
    EXPECT_EQ(c.maxWorkers, 8u);
    EXPECT_EQ(c.minWorkers, 2u);
    EXPECT_EQ(c.maxClientRequests, 3u);
    EXPECT_EQ(c.keepaliveInterval, -1);
    EXPECT_EQ(c.keepaliveCount, 9u);
    EXPECT_EQ(c.logLevel, 1u);
    EXPECT_EQ(c.logFilters, "1:rpc 3:remote");
    EXPECT_EQ(c.logOutputs, "1:stderr");
}

TEST(DaemonConfig, PortAsNumber) {
    EXPECT_EQ(DaemonConfig::parse("tcp_port = 16600\n", "f").tcpPort, "16600");
}

TEST(DaemonConfig, ErrorsNameFileLineAndKey) {
    EXPECT_EQ(errorOf([] { DaemonConfig::parse("\nlisten_tcp = \"yes\"\n", "/etc/cvirt/cvirtd.conf"); }),
              "configuration file syntax error: /etc/cvirt/cvirtd.conf:2: expected a bool for 'listen_tcp' parameter");
    EXPECT_EQ(errorOf([] { DaemonConfig::parse("max_clients = \"ten\"\n", "c.conf"); }),
              "configuration file syntax error: c.conf:1: expected an integer for 'max_clients' parameter");
    EXPECT_EQ(errorOf([] { DaemonConfig::parse("\n\nlog_level = 7\n", "c.conf"); }),
              "configuration file syntax error: c.conf:3: value must be in range 1:4 for 'log_level' parameter");
    EXPECT_EQ(errorOf([] { DaemonConfig::parse("unix_sock_rw_perms = \"0799\"\n", "c.conf"); }),
              "configuration file syntax error: c.conf:1: invalid permissions '0799' for 'unix_sock_rw_perms' parameter");
    EXPECT_EQ(errorOf([] { DaemonConfig::parse("auth_tcp = \"kerberos\"\n", "c.conf"); }),
              "configuration file syntax error: c.conf:1: unknown authentication type 'kerberos' for 'auth_tcp' "
              "parameter");
    EXPECT_EQ(errorOf([] { DaemonConfig::parse("tcp_port = \"http\"\n", "c.conf"); }),
              "configuration file syntax error: c.conf:1: invalid port 'http' for 'tcp_port' parameter");
    std::string unknown = errorOf([] { DaemonConfig::parse("listen_tcp = 1\nlisten_tpc = 1\n", "c.conf"); });
    EXPECT_NE(unknown.find("c.conf:2"), std::string::npos) << unknown;
    EXPECT_NE(unknown.find("listen_tpc"), std::string::npos) << unknown;
    std::string workers = errorOf([] { DaemonConfig::parse("min_workers = 30\n", "c.conf"); });
    EXPECT_NE(workers.find("min_workers"), std::string::npos) << workers;
}

TEST(DaemonConfig, LoadsAFileAndNamesAMissingOne) {
    test::TempDir dir;
    writeFileAtomic(dir.file("cvirtd.conf"), "max_workers = 4\n# comment\n");
    EXPECT_EQ(DaemonConfig::load(dir.file("cvirtd.conf")).maxWorkers, 4u);
    std::string missing = errorOf([&] { DaemonConfig::load(dir.file("nope.conf")); });
    EXPECT_NE(missing.find(dir.file("nope.conf")), std::string::npos) << missing;
}

TEST(DaemonConfig, AcceptsTheKeysOfLibvirtdConf) {
    // An administrator's libvirtd.conf loads as it is.
    auto c = DaemonConfig::parse(R"(
listen_tls = 1
tls_no_sanity_certificate = 0
tls_allowed_dn_list = ["DN1", "DN2"]
sasl_allowed_username_list = ["joe@EXAMPLE.COM"]
max_anonymous_clients = 20
prio_workers = 5
admin_max_workers = 5
audit_level = 2
audit_logging = 1
host_uuid_source = "smbios"
keepalive_required = 0
mdns_adv = 0
)",
                                 "libvirtd.conf");
    EXPECT_EQ(c.tlsAllowedDnList.size(), 2u);
}

}  // namespace
}  // namespace cvirt::daemon
