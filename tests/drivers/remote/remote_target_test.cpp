// Where the remote driver takes a URI: transport, socket, host, command, and
// the name and flags CONNECT_OPEN carries, as libvirt's remote driver does.

#include <gtest/gtest.h>

#include <cstdlib>

#include "drivers/remote/remote_target.hpp"
#include "rpc/remote_connect.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace cvirt::drivers::remote {
namespace {

driver::OpenRequest request(const std::string& uri, unsigned flags = 0, bool inDaemon = false) {
    driver::OpenRequest r;
    r.uriText = uri;
    r.uri = conf::Uri::parse(uri);
    r.flags = flags;
    r.inDaemon = inDaemon;
    return r;
}

ErrorCode errorOf(const std::string& uri) {
    try {
        resolveTarget(request(uri));
    } catch (const Error& e) {
        return e.code();
    }
    return ErrorCode::Ok;
}

TEST(RemoteTarget, LocalUrisAreForLocalDrivers) {
    EXPECT_FALSE(resolveTarget(request("test:///default")));
    EXPECT_FALSE(resolveTarget(request("qemu:///embed?root=/x")));
    EXPECT_FALSE(resolveTarget(request("lxc:///system")));
    // Inside the daemon the QEMU driver serves these itself.
    EXPECT_FALSE(resolveTarget(request("qemu:///system", 0, true)));
    EXPECT_FALSE(resolveTarget(request("test+unix:///default", 0, true)));
}

TEST(RemoteTarget, UnixSocket) {
    auto t = resolveTarget(request("test+unix:///default?socket=/tmp/s"));
    ASSERT_TRUE(t);
    EXPECT_EQ(t->transport, RemoteTarget::Transport::Unix);
    EXPECT_EQ(t->socketPath, "/tmp/s");
    EXPECT_EQ(t->name, "test:///default");
    EXPECT_EQ(t->openFlags, 0u);
    auto sys = resolveTarget(request("test+unix:///default"));
    EXPECT_EQ(sys->socketPath, "/run/cvirt/libvirt-sock");
    auto ro = resolveTarget(request("test+unix:///default", flags::kConnectReadOnly));
    EXPECT_EQ(ro->socketPath, "/run/cvirt/libvirt-sock-ro");
    EXPECT_EQ(ro->openFlags, rpc::remote::kOpenReadOnly);
    // An explicit socket wins, read-only or not.
    auto roExplicit = resolveTarget(request("test+unix:///default?socket=/tmp/s", flags::kConnectReadOnly));
    EXPECT_EQ(roExplicit->socketPath, "/tmp/s");
}

TEST(RemoteTarget, PlainQemuUrisGoToTheLocalDaemon) {
    auto sys = resolveTarget(request("qemu:///system"));
    ASSERT_TRUE(sys);
    EXPECT_EQ(sys->socketPath, "/run/cvirt/libvirt-sock");
    EXPECT_EQ(sys->name, "qemu:///system");
    ::setenv("XDG_RUNTIME_DIR", "/run/user/1234", 1);
    auto session = resolveTarget(request("qemu:///session"));
    ASSERT_TRUE(session);
    EXPECT_EQ(session->socketPath, "/run/user/1234/cvirt/libvirt-sock");
    EXPECT_EQ(session->openFlags, rpc::remote::kOpenUser);
    EXPECT_EQ(sessionSocketDir(), "/run/user/1234/cvirt");
}

TEST(RemoteTarget, SessionUrisStartTheSessionDaemon) {
    ::setenv("CVIRTD_PATH", "/opt/cvirt/sbin/cvirtd", 1);
    ::unsetenv("CVIRT_AUTOSTART");
    ::unsetenv("LIBVIRT_AUTOSTART");
    auto session = resolveTarget(request("qemu:///session"));
    ASSERT_TRUE(session && session->daemon);
    EXPECT_EQ(session->daemon->argv,
              (std::vector<std::string>{"/opt/cvirt/sbin/cvirtd", "--timeout=120", "--session"}));
    EXPECT_TRUE(session->daemon->daemonize);
    // Not with an explicit socket, not for the system daemon, not when
    // autostart is off.
    EXPECT_FALSE(resolveTarget(request("qemu:///session?socket=/tmp/s"))->daemon);
    EXPECT_FALSE(resolveTarget(request("qemu:///system"))->daemon);
    ::setenv("LIBVIRT_AUTOSTART", "0", 1);
    EXPECT_FALSE(resolveTarget(request("qemu:///session"))->daemon);
    ::unsetenv("LIBVIRT_AUTOSTART");
    ::unsetenv("CVIRTD_PATH");
}

TEST(RemoteTarget, Tcp) {
    auto t = resolveTarget(request("test+tcp://127.0.0.1:1234/default?foo=bar"));
    ASSERT_TRUE(t);
    EXPECT_EQ(t->transport, RemoteTarget::Transport::Tcp);
    EXPECT_EQ(t->host, "127.0.0.1");
    EXPECT_EQ(t->port, 1234);
    // Host and port are the client's; unknown params go to the daemon.
    EXPECT_EQ(t->name, "test:///default?foo=bar");
    EXPECT_EQ(resolveTarget(request("test+tcp://[::1]/default"))->port, 16509);
    EXPECT_EQ(errorOf("test+tcp:///default"), ErrorCode::InvalidArg);
}

TEST(RemoteTarget, SshRunsLibvirtsNetcatConvention) {
    auto t = resolveTarget(request("qemu+ssh://root@host:2222/system?keyfile=/k&no_tty=1&socket=/run/x/sock"));
    ASSERT_TRUE(t);
    EXPECT_EQ(t->transport, RemoteTarget::Transport::Command);
    EXPECT_EQ(t->name, "qemu:///system");
    const auto& argv = t->command.argv;
    ASSERT_EQ(argv.size(), 15u);
    EXPECT_EQ(join(std::vector<std::string>(argv.begin(), argv.begin() + 14), " "),
              "ssh -p 2222 -l root -i /k -T -e none -o BatchMode=yes host --");
    // The script is quoted for the remote shell, so its own quotes come out escaped.
    EXPECT_NE(argv.back().find(R"(-U '\''/run/x/sock'\'')"), std::string::npos) << argv.back();
    EXPECT_NE(argv.back().find("ARG=-q0"), std::string::npos) << argv.back();

    auto custom = resolveTarget(request("qemu+ssh://host/system?command=/my/ssh&netcat=/bin/ncat"));
    EXPECT_EQ(custom->command.argv.front(), "/my/ssh");
    EXPECT_NE(custom->command.argv.back().find(R"('\''/bin/ncat'\'' $ARG -U '\''/run/cvirt/libvirt-sock'\'')"), std::string::npos)
        << custom->command.argv.back();
    auto native = resolveTarget(request("qemu+ssh://host/system?mode=native"));
    EXPECT_EQ(native->command.argv.back(), "virt-ssh-helper 'qemu:///system'");
    EXPECT_EQ(errorOf("qemu+ssh://host/system?mode=weird"), ErrorCode::InvalidArg);
}

TEST(RemoteTarget, ExtAndUnsupportedTransports) {
    auto ext = resolveTarget(request("test+ext:///default?command=/bin/bridge"));
    ASSERT_TRUE(ext);
    EXPECT_EQ(ext->command.argv, std::vector<std::string>{"/bin/bridge"});
    EXPECT_EQ(errorOf("test+ext:///default"), ErrorCode::InvalidArg);
    EXPECT_EQ(errorOf("test+tls://host/default"), ErrorCode::NoSupport);
    EXPECT_EQ(errorOf("test://host/default"), ErrorCode::NoSupport);  // libvirt's default is TLS
    EXPECT_EQ(errorOf("test+bogus:///default"), ErrorCode::InvalidArg);
}

}  // namespace
}  // namespace cvirt::drivers::remote
