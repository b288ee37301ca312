#include "daemon/daemon_config.hpp"

#include "conf/conf_file.hpp"
#include "util/error.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"

namespace cvirt::daemon {
namespace {

using conf::ConfFile;

// Every key libvirtd.conf knows: accepted even where cvirtd has no use for
// it yet, so an administrator's existing file loads.
const std::vector<std::string_view> kKnownKeys = {
    "listen_tls", "listen_tcp", "tls_port", "tcp_port", "listen_addr", "unix_sock_group", "unix_sock_ro_perms",
    "unix_sock_rw_perms", "unix_sock_admin_perms", "unix_sock_dir", "auth_unix_ro", "auth_unix_rw", "auth_tcp",
    "auth_tls", "tcp_min_ssf", "access_drivers", "key_file", "cert_file", "ca_file", "crl_file",
    "tls_no_sanity_certificate", "tls_no_verify_certificate", "tls_allowed_dn_list", "tls_priority",
    "sasl_allowed_username_list", "max_clients", "max_queued_clients", "max_anonymous_clients", "min_workers",
    "max_workers", "prio_workers", "max_client_requests", "admin_min_workers", "admin_max_workers",
    "admin_max_clients", "admin_max_queued_clients", "admin_max_client_requests", "log_level", "log_filters",
    "log_outputs", "audit_level", "audit_logging", "host_uuid", "host_uuid_source", "keepalive_interval",
    "keepalive_count", "keepalive_required", "admin_keepalive_interval", "admin_keepalive_count",
    "admin_keepalive_required", "ovs_timeout", "mdns_adv", "mdns_name",
};

// Octal permissions given as a string ("0770"), as libvirtd.conf writes them.
unsigned perms(const ConfFile& c, std::string_view key, unsigned fallback) {
    auto text = c.getString(key);
    if (!text)
        return fallback;
    unsigned value = 0;
    for (char ch : *text) {
        if (ch < '0' || ch > '7' || value > 07777)
            fail(ErrorCode::ConfSyntax, ErrorDomain::Conf, "{}:{}: invalid permissions '{}' for '{}' parameter",
                 c.filename(), c.find(key)->line, *text, key);
        value = value * 8 + static_cast<unsigned>(ch - '0');
    }
    if (text->empty() || value > 07777)
        fail(ErrorCode::ConfSyntax, ErrorDomain::Conf, "{}:{}: invalid permissions '{}' for '{}' parameter",
             c.filename(), c.find(key)->line, *text, key);
    return value;
}

// Ports may be written as a string ("16509") or a number.
std::string port(const ConfFile& c, std::string_view key, const std::string& fallback) {
    const auto* e = c.find(key);
    if (!e)
        return fallback;
    if (!e->value->isString())
        return std::to_string(*c.getUInt(key, 65535));
    std::string text = *c.getString(key);
    auto number = parseInt<int>(text);
    if (!number || *number < 0 || *number > 65535)
        fail(ErrorCode::ConfSyntax, ErrorDomain::Conf, "{}:{}: invalid port '{}' for '{}' parameter", c.filename(),
             e->line, text, key);
    return text;
}

std::string authValue(const ConfFile& c, std::string_view key, const std::string& fallback) {
    auto v = c.getString(key);
    if (!v)
        return fallback;
    if (*v != "none" && *v != "sasl" && *v != "polkit" && *v != "tls")
        fail(ErrorCode::ConfSyntax, ErrorDomain::Conf, "{}:{}: unknown authentication type '{}' for '{}' parameter",
             c.filename(), c.find(key)->line, *v, key);
    return *v;
}

template <typename T>
void setUInt(const ConfFile& c, std::string_view key, T& out, uint64_t max) {
    if (auto v = c.getUInt(key, max))
        out = static_cast<T>(*v);
}

void setBool(const ConfFile& c, std::string_view key, bool& out) {
    if (auto v = c.getBool(key))
        out = *v;
}

void setString(const ConfFile& c, std::string_view key, std::string& out) {
    if (auto v = c.getString(key))
        out = *v;
}

}  // namespace

DaemonConfig DaemonConfig::parse(const std::string& text, const std::string& filename) {
    ConfFile c = ConfFile::parse(text, filename);
    c.checkKnownKeys(kKnownKeys);
    DaemonConfig d;
    setBool(c, "listen_tls", d.listenTls);
    setBool(c, "listen_tcp", d.listenTcp);
    d.tlsPort = port(c, "tls_port", d.tlsPort);
    d.tcpPort = port(c, "tcp_port", d.tcpPort);
    setString(c, "listen_addr", d.listenAddr);
    setString(c, "unix_sock_group", d.unixSockGroup);
    d.unixSockRoPerms = perms(c, "unix_sock_ro_perms", d.unixSockRoPerms);
    d.unixSockRwPerms = perms(c, "unix_sock_rw_perms", d.unixSockRwPerms);
    d.unixSockAdminPerms = perms(c, "unix_sock_admin_perms", d.unixSockAdminPerms);
    setString(c, "unix_sock_dir", d.unixSockDir);
    d.authUnixRo = authValue(c, "auth_unix_ro", d.authUnixRo);
    d.authUnixRw = authValue(c, "auth_unix_rw", d.authUnixRw);
    d.authTcp = authValue(c, "auth_tcp", d.authTcp);
    d.authTls = authValue(c, "auth_tls", d.authTls);
    setString(c, "key_file", d.keyFile);
    setString(c, "cert_file", d.certFile);
    setString(c, "ca_file", d.caFile);
    setString(c, "crl_file", d.crlFile);
    setBool(c, "tls_no_verify_certificate", d.tlsNoVerifyCertificate);
    setBool(c, "tls_no_sanity_certificate", d.tlsNoSanityCertificate);
    if (auto v = c.getStringList("tls_allowed_dn_list"))
        d.tlsAllowedDnList = *v;
    if (auto v = c.getStringList("sasl_allowed_username_list"))
        d.saslAllowedUsernameList = *v;
    setString(c, "tls_priority", d.tlsPriority);
    setUInt(c, "max_clients", d.maxClients, 1u << 20);
    setUInt(c, "max_queued_clients", d.maxQueuedClients, 1u << 20);
    setUInt(c, "max_anonymous_clients", d.maxAnonymousClients, 1u << 20);
    setUInt(c, "min_workers", d.minWorkers, 4096);
    setUInt(c, "max_workers", d.maxWorkers, 4096);
    setUInt(c, "prio_workers", d.prioWorkers, 4096);
    setUInt(c, "max_client_requests", d.maxClientRequests, 4096);
    if (auto v = c.getInt("keepalive_interval", -1, 3600))
        d.keepaliveInterval = static_cast<int>(*v);
    setUInt(c, "keepalive_count", d.keepaliveCount, 1000);
    if (auto v = c.getInt("log_level", 1, 4))
        d.logLevel = static_cast<unsigned>(*v);
    setString(c, "log_filters", d.logFilters);
    setString(c, "log_outputs", d.logOutputs);
    setString(c, "host_uuid", d.hostUuid);
    setString(c, "host_uuid_source", d.hostUuidSource);
    // A lowered max_workers pulls the default minimum down with it (libvirt's
    // thread pool does the same); an explicit larger min_workers is a mistake.
    if (d.minWorkers > d.maxWorkers && !c.find("min_workers"))
        d.minWorkers = d.maxWorkers;
    if (d.minWorkers > d.maxWorkers)
        fail(ErrorCode::ConfSyntax, ErrorDomain::Conf, "{}: min_workers ({}) must not be larger than max_workers ({})",
             filename, d.minWorkers, d.maxWorkers);
    return d;
}

DaemonConfig DaemonConfig::load(const std::string& path) { return parse(readFile(path, 10u << 20), path); }

}  // namespace cvirt::daemon
