#pragma once
// Types shared by many REMOTE procedures (remote_protocol.x's "Data types").
// Field names are the wire names, so a struct reads against the .x file.

#include <cstdint>
#include <optional>
#include <string>

#include "rpc/xdr.hpp"
#include "util/uuid.hpp"

namespace cvirt::rpc::remote {

// List bounds from remote_protocol.x (libvirt 9.6).
inline constexpr uint32_t kDomainListMax = 16384;
inline constexpr uint32_t kNetworkListMax = 16384;
inline constexpr uint32_t kStoragePoolListMax = 16384;
inline constexpr uint32_t kStorageVolListMax = 16384;
inline constexpr uint32_t kDomainSnapshotListMax = 16384;
inline constexpr uint32_t kCpumapMax = 2048;
inline constexpr uint32_t kCpumapsMax = 8388608;
inline constexpr uint32_t kVcpuinfoMax = 16384;
inline constexpr uint32_t kNodeMaxCells = 1024;
inline constexpr uint32_t kAuthTypeListMax = 20;
inline constexpr uint32_t kSecurityModelMax = 257;  // VIR_SECURITY_MODEL_BUFLEN
inline constexpr uint32_t kSecurityLabelMax = 4097;  // VIR_SECURITY_LABEL_BUFLEN
inline constexpr uint32_t kSecurityDoiMax = 257;  // VIR_SECURITY_DOI_BUFLEN
inline constexpr uint32_t kDomainJobStatsMax = 64;
inline constexpr uint32_t kDomainMessagesMax = 2048;
inline constexpr uint32_t kDomainInterfaceMax = 2048;
inline constexpr uint32_t kDomainIpAddrMax = 2048;
inline constexpr uint32_t kDomainEventTunableMax = 2048;

// remote_nonnull_domain; id is -1 for an inactive domain.
struct DomainRef {
    std::string name;
    Uuid uuid;
    int32_t id = -1;
    CVIRT_XDR_STRUCT(DomainRef, name, uuid, id);
};

struct NetworkRef {
    std::string name;
    Uuid uuid;
    CVIRT_XDR_STRUCT(NetworkRef, name, uuid);
};

struct NetworkPortRef {
    NetworkRef net;
    Uuid uuid;
    CVIRT_XDR_STRUCT(NetworkPortRef, net, uuid);
};

struct NwfilterRef {
    std::string name;
    Uuid uuid;
    CVIRT_XDR_STRUCT(NwfilterRef, name, uuid);
};

struct InterfaceRef {
    std::string name;
    std::string mac;
    CVIRT_XDR_STRUCT(InterfaceRef, name, mac);
};

struct StoragePoolRef {
    std::string name;
    Uuid uuid;
    CVIRT_XDR_STRUCT(StoragePoolRef, name, uuid);
};

struct StorageVolRef {
    std::string pool;
    std::string name;
    std::string key;
    CVIRT_XDR_STRUCT(StorageVolRef, pool, name, key);
};

struct NodeDeviceRef {
    std::string name;
    CVIRT_XDR_STRUCT(NodeDeviceRef, name);
};

struct SecretRef {
    Uuid uuid;
    int32_t usageType = 0;
    std::string usageID;
    CVIRT_XDR_STRUCT(SecretRef, uuid, usageType, usageID);
};

struct SnapshotRef {
    std::string name;
    DomainRef dom;
    CVIRT_XDR_STRUCT(SnapshotRef, name, dom);
};

struct CheckpointRef {
    std::string name;
    DomainRef dom;
    CVIRT_XDR_STRUCT(CheckpointRef, name, dom);
};

enum class AuthType : int32_t { None = 0, Sasl = 1, Polkit = 2 };

// virTypedParameter's value: tag 1 int, 2 uint, 3 llong, 4 ullong, 5 double,
// 6 boolean (an int on the wire), 7 string.
using TypedParamValue =
    Union<UnionTags<1, 2, 3, 4, 5, 6, 7>, int32_t, uint32_t, int64_t, uint64_t, double, bool, std::string>;

struct TypedParam {
    std::string field;
    TypedParamValue value;
    CVIRT_XDR_STRUCT(TypedParam, field, value);
};

struct VcpuInfo {
    uint32_t number = 0;
    int32_t state = 0;
    uint64_t cpu_time = 0;
    int32_t cpu = 0;
    CVIRT_XDR_STRUCT(VcpuInfo, number, state, cpu_time, cpu);
};

// ---- shapes many procedures share (identical on the wire) ----

struct FlagsArgs {
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(FlagsArgs, flags);
};

struct NameArgs {
    std::string name;
    CVIRT_XDR_STRUCT(NameArgs, name);
};

struct UuidArgs {
    Uuid uuid;
    CVIRT_XDR_STRUCT(UuidArgs, uuid);
};

struct XmlArgs {
    std::string xml;
    CVIRT_XDR_STRUCT(XmlArgs, xml);
};

struct XmlFlagsArgs {
    std::string xml;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(XmlFlagsArgs, xml, flags);
};

struct XmlRet {
    std::string xml;
    CVIRT_XDR_STRUCT(XmlRet, xml);
};

struct NumRet {
    int32_t num = 0;
    CVIRT_XDR_STRUCT(NumRet, num);
};

struct ActiveRet {
    int32_t active = 0;
    CVIRT_XDR_STRUCT(ActiveRet, active);
};

struct PersistentRet {
    int32_t persistent = 0;
    CVIRT_XDR_STRUCT(PersistentRet, persistent);
};

struct AutostartRet {
    int32_t autostart = 0;
    CVIRT_XDR_STRUCT(AutostartRet, autostart);
};

struct ResultRet {
    int32_t result = 0;
    CVIRT_XDR_STRUCT(ResultRet, result);
};

// The CONNECT_LIST_ALL_* style request: need_results 0 asks for the count only.
struct ListAllArgs {
    int32_t need_results = 1;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(ListAllArgs, need_results, flags);
};

// The legacy CONNECT_LIST_* requests and replies.
struct MaxNamesArgs {
    int32_t maxnames = 0;
    CVIRT_XDR_STRUCT(MaxNamesArgs, maxnames);
};

template <uint32_t Max>
struct NamesRet {
    Array<std::string, Max> names;
    CVIRT_XDR_STRUCT(NamesRet, names);
};

// Event (de)registration by callback id.
struct CallbackIdArgs {
    int32_t callbackID = 0;
    CVIRT_XDR_STRUCT(CallbackIdArgs, callbackID);
};

struct CallbackIdRet {
    int32_t callbackID = 0;
    CVIRT_XDR_STRUCT(CallbackIdRet, callbackID);
};

}  // namespace cvirt::rpc::remote
