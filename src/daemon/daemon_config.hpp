#pragma once
// cvirtd.conf: libvirtd.conf's keys, syntax and defaults.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cvirt::daemon {

struct DaemonConfig {
    bool listenTls = true;   // effective only with --listen
    bool listenTcp = false;  // effective only with --listen
    std::string tlsPort = "16514";
    std::string tcpPort = "16509";
    std::string listenAddr;  // empty: every address
    std::string unixSockGroup;
    unsigned unixSockRoPerms = 0777;
    unsigned unixSockRwPerms = 0700;
    unsigned unixSockAdminPerms = 0700;
    std::string unixSockDir;  // empty: <root>/run/cvirt
    std::string authUnixRo = "none";
    std::string authUnixRw = "none";
    std::string authTcp = "sasl";
    std::string authTls = "none";
    std::string keyFile, certFile, caFile, crlFile;
    bool tlsNoVerifyCertificate = false;
    bool tlsNoSanityCertificate = false;
    std::vector<std::string> tlsAllowedDnList;
    std::vector<std::string> saslAllowedUsernameList;
    std::string tlsPriority;
    unsigned maxClients = 5000;
    unsigned maxQueuedClients = 1000;
    unsigned maxAnonymousClients = 20;
    unsigned minWorkers = 5;
    unsigned maxWorkers = 20;
    unsigned prioWorkers = 5;
    unsigned maxClientRequests = 5;
    int keepaliveInterval = 5;
    unsigned keepaliveCount = 5;
    unsigned logLevel = 0;  // 0: not set
    std::string logFilters;
    std::string logOutputs;
    std::string hostUuid;
    std::string hostUuidSource = "smbios";

    // Reads `path` (libvirt's .conf syntax). Unknown keys and values of the
    // wrong type are errors naming the file, the line and the key.
    static DaemonConfig load(const std::string& path);
    static DaemonConfig parse(const std::string& text, const std::string& filename);
};

}  // namespace cvirt::daemon
