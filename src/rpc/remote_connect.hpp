#pragma once
// REMOTE procedure payloads: connection, node, authentication and the
// legacy object listings.

#include "rpc/remote_types.hpp"

namespace cvirt::rpc::remote {

// Bits of CONNECT_OPEN's flags: the remote driver's own open flags. Only RO
// means anything to a daemon; the others must be accepted and ignored.
inline constexpr uint32_t kOpenReadOnly = 1u << 0;
inline constexpr uint32_t kOpenUser = 1u << 1;
inline constexpr uint32_t kOpenAutostart = 1u << 2;

// CONNECT_SUPPORTS_FEATURE numbers the handshake asks about.
inline constexpr int32_t kFeatureProgramKeepalive = 10;
inline constexpr int32_t kFeatureRemoteEventCallback = 14;
inline constexpr int32_t kFeatureRemoteCloseCallback = 15;

struct ConnectOpenArgs {
    std::optional<std::string> name;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(ConnectOpenArgs, name, flags);
};

struct ConnectSupportsFeatureArgs {
    int32_t feature = 0;
    CVIRT_XDR_STRUCT(ConnectSupportsFeatureArgs, feature);
};

struct ConnectSupportsFeatureRet {
    int32_t supported = 0;
    CVIRT_XDR_STRUCT(ConnectSupportsFeatureRet, supported);
};

struct ConnectGetTypeRet {
    std::string type;
    CVIRT_XDR_STRUCT(ConnectGetTypeRet, type);
};

struct ConnectGetVersionRet {
    uint64_t hv_ver = 0;
    CVIRT_XDR_STRUCT(ConnectGetVersionRet, hv_ver);
};

struct ConnectGetLibVersionRet {
    uint64_t lib_ver = 0;
    CVIRT_XDR_STRUCT(ConnectGetLibVersionRet, lib_ver);
};

struct ConnectGetHostnameRet {
    std::string hostname;
    CVIRT_XDR_STRUCT(ConnectGetHostnameRet, hostname);
};

struct ConnectGetSysinfoRet {
    std::string sysinfo;
    CVIRT_XDR_STRUCT(ConnectGetSysinfoRet, sysinfo);
};

struct ConnectGetUriRet {
    std::string uri;
    CVIRT_XDR_STRUCT(ConnectGetUriRet, uri);
};

struct ConnectGetMaxVcpusArgs {
    std::optional<std::string> type;
    CVIRT_XDR_STRUCT(ConnectGetMaxVcpusArgs, type);
};

struct ConnectGetMaxVcpusRet {
    int32_t max_vcpus = 0;
    CVIRT_XDR_STRUCT(ConnectGetMaxVcpusRet, max_vcpus);
};

struct ConnectGetCapabilitiesRet {
    std::string capabilities;
    CVIRT_XDR_STRUCT(ConnectGetCapabilitiesRet, capabilities);
};

struct ConnectGetDomainCapabilitiesArgs {
    std::optional<std::string> emulatorbin;
    std::optional<std::string> arch;
    std::optional<std::string> machine;
    std::optional<std::string> virttype;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(ConnectGetDomainCapabilitiesArgs, emulatorbin, arch, machine, virttype, flags);
};

struct ConnectIsSecureRet {
    int32_t secure = 0;
    CVIRT_XDR_STRUCT(ConnectIsSecureRet, secure);
};

struct NodeGetInfoRet {
    CharArray<32> model;
    uint64_t memory = 0;
    int32_t cpus = 0;
    int32_t mhz = 0;
    int32_t nodes = 0;
    int32_t sockets = 0;
    int32_t cores = 0;
    int32_t threads = 0;
    CVIRT_XDR_STRUCT(NodeGetInfoRet, model, memory, cpus, mhz, nodes, sockets, cores, threads);
};

struct NodeGetCellsFreeMemoryArgs {
    int32_t startCell = 0;
    int32_t maxcells = 0;
    CVIRT_XDR_STRUCT(NodeGetCellsFreeMemoryArgs, startCell, maxcells);
};

struct NodeGetCellsFreeMemoryRet {
    Array<uint64_t, kNodeMaxCells> cells;
    CVIRT_XDR_STRUCT(NodeGetCellsFreeMemoryRet, cells);
};

struct NodeGetFreeMemoryRet {
    uint64_t freeMem = 0;
    CVIRT_XDR_STRUCT(NodeGetFreeMemoryRet, freeMem);
};

struct NodeGetCpuMapArgs {
    int32_t need_map = 0;
    int32_t need_online = 0;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(NodeGetCpuMapArgs, need_map, need_online, flags);
};

struct NodeGetCpuMapRet {
    Opaque<kCpumapMax> cpumap;
    uint32_t online = 0;
    int32_t ret = 0;
    CVIRT_XDR_STRUCT(NodeGetCpuMapRet, cpumap, online, ret);
};

struct NodeGetSecurityModelRet {
    CharVector<kSecurityModelMax> model;
    CharVector<kSecurityDoiMax> doi;
    CVIRT_XDR_STRUCT(NodeGetSecurityModelRet, model, doi);
};

struct AuthListRet {
    Array<int32_t, kAuthTypeListMax> types;  // AuthType values
    CVIRT_XDR_STRUCT(AuthListRet, types);
};

// ---- legacy listings (fallbacks for clients or daemons without LIST_ALL) ----

struct ConnectListDomainsArgs {
    int32_t maxids = 0;
    CVIRT_XDR_STRUCT(ConnectListDomainsArgs, maxids);
};

struct ConnectListDomainsRet {
    Array<int32_t, kDomainListMax> ids;
    CVIRT_XDR_STRUCT(ConnectListDomainsRet, ids);
};

using ConnectListDefinedDomainsRet = NamesRet<kDomainListMax>;
using ConnectListNetworksRet = NamesRet<kNetworkListMax>;
using ConnectListStoragePoolsRet = NamesRet<kStoragePoolListMax>;

// ---- LIST_ALL replies ----

struct ConnectListAllDomainsRet {
    Array<DomainRef, kDomainListMax> domains;
    uint32_t ret = 0;
    CVIRT_XDR_STRUCT(ConnectListAllDomainsRet, domains, ret);
};

struct ConnectListAllNetworksRet {
    Array<NetworkRef, kNetworkListMax> nets;
    uint32_t ret = 0;
    CVIRT_XDR_STRUCT(ConnectListAllNetworksRet, nets, ret);
};

struct ConnectListAllStoragePoolsRet {
    Array<StoragePoolRef, kStoragePoolListMax> pools;
    uint32_t ret = 0;
    CVIRT_XDR_STRUCT(ConnectListAllStoragePoolsRet, pools, ret);
};

struct ConnectDomainXmlToNativeArgs {
    std::string nativeFormat;
    std::string domainXml;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(ConnectDomainXmlToNativeArgs, nativeFormat, domainXml, flags);
};

struct ConnectDomainXmlToNativeRet {
    std::string nativeConfig;
    CVIRT_XDR_STRUCT(ConnectDomainXmlToNativeRet, nativeConfig);
};

}  // namespace cvirt::rpc::remote
