#include "drivers/remote/remote_target.hpp"

#include <cstdlib>

#include "drivers/remote/session_daemon.hpp"
#include "rpc/remote_connect.hpp"
#include "util/error.hpp"
#include "util/process.hpp"

namespace cvirt::drivers::remote {
namespace {

// 'text' for sh, with embedded quotes closed and reopened.
std::string shellQuote(std::string_view text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + "'";
}

bool isSessionPath(const conf::Uri& uri) { return uri.path == "/session"; }

std::string localSocket(const conf::Uri& uri, bool readOnly) {
    if (auto socket = uri.param("socket"))
        return *socket;
    std::string dir = isSessionPath(uri) ? sessionSocketDir() : std::string(kSystemSocketDir);
    return dir + "/" + (readOnly ? kReadOnlySocketName : kSocketName);
}

// The command a remote shell runs to reach the daemon's socket: libvirt's
// convention of netcat with -q0 where that netcat needs it (GNU netcat
// otherwise waits after stdin closes), or virt-ssh-helper for mode=native.
std::string remoteBridge(const conf::Uri& uri, const std::string& name, bool readOnly) {
    std::string mode = uri.param("mode").value_or("netcat");
    if (mode == "native")
        return "virt-ssh-helper " + shellQuote(name);
    if (mode != "netcat" && mode != "auto")
        fail(ErrorCode::InvalidArg, ErrorDomain::Remote, "unknown remote mode '{}': use netcat or native", mode);
    std::string netcat = shellQuote(uri.param("netcat").value_or("nc"));
    std::string socket = shellQuote(localSocket(uri, readOnly));
    return "sh -c " + shellQuote("if " + netcat + " -q 2>&1 | grep \"requires an argument\" >/dev/null 2>&1; "
                                 "then ARG=-q0; else ARG=; fi; " + netcat + " $ARG -U " + socket);
}

Command sshCommand(const conf::Uri& uri, const std::string& name, bool readOnly) {
    Command c;
    c.argv.push_back(uri.param("command").value_or("ssh"));
    if (uri.port)
        c.argv.insert(c.argv.end(), {"-p", std::to_string(*uri.port)});
    if (!uri.user.empty())
        c.argv.insert(c.argv.end(), {"-l", uri.user});
    if (auto key = uri.param("keyfile"))
        c.argv.insert(c.argv.end(), {"-i", *key});
    // No pseudo-terminal and no escape character: the RPC bytes are binary.
    c.argv.insert(c.argv.end(), {"-T", "-e", "none"});
    if (uri.param("no_tty").value_or("0") != "0")
        c.argv.insert(c.argv.end(), {"-o", "BatchMode=yes"});
    c.argv.insert(c.argv.end(), {uri.host, "--", remoteBridge(uri, name, readOnly)});
    return c;
}

}  // namespace

std::string sessionSocketDir() {
    if (const char* runtime = std::getenv("XDG_RUNTIME_DIR"); runtime && *runtime)
        return std::string(runtime) + "/cvirt";
    return envOr("XDG_CACHE_HOME", envOr("HOME", "/") + "/.cache") + "/cvirt";
}

std::optional<RemoteTarget> resolveTarget(const driver::OpenRequest& request) {
    const conf::Uri& uri = request.uri;
    std::string transport = uri.transport();
    bool local = uri.host.empty();
    if (transport.empty() && local) {
        // Only the system and session QEMU URIs go to a daemon when nothing
        // says so; inside the daemon the QEMU driver itself serves them.
        if (request.inDaemon || uri.driver() != "qemu" || (uri.path != "/system" && uri.path != "/session"))
            return std::nullopt;
        transport = "unix";
    }
    if (transport.empty())
        transport = "tls";  // libvirt's default for a URI with a host
    // A daemon reaching itself over its own socket would deadlock its
    // workers: local transports are for client programs.
    if (request.inDaemon && (transport == "unix" || (transport == "ext" && local)))
        return std::nullopt;

    RemoteTarget t;
    t.readOnly = request.readOnly();
    t.name = uri.forServer();
    if (t.readOnly)
        t.openFlags |= rpc::remote::kOpenReadOnly;
    if (isSessionPath(uri))
        t.openFlags |= rpc::remote::kOpenUser;

    if (transport == "unix") {
        if (!local)
            fail(ErrorCode::InvalidArg, ErrorDomain::Remote, "remote_open: transport 'unix' takes no host: {}",
                 request.uriText);
        t.transport = RemoteTarget::Transport::Unix;
        t.socketPath = localSocket(uri, t.readOnly);
        if (isSessionPath(uri) && local && !uri.param("socket"))
            t.daemon = sessionDaemonCommand();
    } else if (transport == "tcp") {
        if (local)
            fail(ErrorCode::InvalidArg, ErrorDomain::Remote, "{}", "remote_open: a tcp URI needs a host name");
        t.transport = RemoteTarget::Transport::Tcp;
        t.host = uri.host;
        if (uri.port) {
            if (*uri.port <= 0 || *uri.port > 65535)
                fail(ErrorCode::InvalidArg, ErrorDomain::Remote, "invalid port {}", *uri.port);
            t.port = static_cast<uint16_t>(*uri.port);
        }
    } else if (transport == "ssh" || transport == "libssh" || transport == "libssh2") {
        if (local)
            fail(ErrorCode::InvalidArg, ErrorDomain::Remote, "{}", "remote_open: an ssh URI needs a host name");
        t.transport = RemoteTarget::Transport::Command;
        t.command = sshCommand(uri, t.name, t.readOnly);
    } else if (transport == "ext") {
        auto command = uri.param("command");
        if (!command)
            fail(ErrorCode::InvalidArg, ErrorDomain::Remote, "{}",
                 "remote_open: for 'ext' transport, command is required");
        t.transport = RemoteTarget::Transport::Command;
        t.command.argv = {*command};
    } else if (transport == "tls") {
        fail(ErrorCode::NoSupport, ErrorDomain::Remote, "{}",
             "TLS transport (the default for a URI with a host): use +tcp, +ssh or +unix");
    } else {
        fail(ErrorCode::InvalidArg, ErrorDomain::Remote,
             "remote_open: transport in URL not recognised (should be tls|unix|ssh|ext|tcp|libssh2|libssh): {}",
             transport);
    }
    return t;
}

}  // namespace cvirt::drivers::remote
