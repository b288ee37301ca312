#pragma once
// REMOTE procedure payloads: domains (lifecycle, state, memory, vcpus,
// devices, save/restore, jobs, metadata, guest queries).

#include "rpc/remote_types.hpp"

namespace cvirt::rpc::remote {

struct DomainArgs {
    DomainRef dom;
    CVIRT_XDR_STRUCT(DomainArgs, dom);
};

struct DomainFlagsArgs {
    DomainRef dom;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(DomainFlagsArgs, dom, flags);
};

struct DomainRet {
    DomainRef dom;
    CVIRT_XDR_STRUCT(DomainRet, dom);
};

struct DomainLookupByIdArgs {
    int32_t id = 0;
    CVIRT_XDR_STRUCT(DomainLookupByIdArgs, id);
};

struct DomainCreateXmlArgs {
    std::string xml_desc;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(DomainCreateXmlArgs, xml_desc, flags);
};

// ATTACH/DETACH_DEVICE and their _FLAGS / UPDATE_DEVICE_FLAGS forms.
struct DomainDeviceArgs {
    DomainRef dom;
    std::string xml;
    CVIRT_XDR_STRUCT(DomainDeviceArgs, dom, xml);
};

struct DomainDeviceFlagsArgs {
    DomainRef dom;
    std::string xml;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(DomainDeviceFlagsArgs, dom, xml, flags);
};

struct DomainGetOsTypeRet {
    std::string type;
    CVIRT_XDR_STRUCT(DomainGetOsTypeRet, type);
};

struct DomainGetInfoRet {
    uint8_t state = 0;
    uint64_t maxMem = 0;
    uint64_t memory = 0;
    uint16_t nrVirtCpu = 0;
    uint64_t cpuTime = 0;
    CVIRT_XDR_STRUCT(DomainGetInfoRet, state, maxMem, memory, nrVirtCpu, cpuTime);
};

struct DomainGetStateRet {
    int32_t state = 0;
    int32_t reason = 0;
    CVIRT_XDR_STRUCT(DomainGetStateRet, state, reason);
};

struct DomainSetAutostartArgs {
    DomainRef dom;
    int32_t autostart = 0;
    CVIRT_XDR_STRUCT(DomainSetAutostartArgs, dom, autostart);
};

struct DomainIsUpdatedRet {
    int32_t updated = 0;
    CVIRT_XDR_STRUCT(DomainIsUpdatedRet, updated);
};

// ---- memory ----

struct DomainGetMaxMemoryRet {
    uint64_t memory = 0;
    CVIRT_XDR_STRUCT(DomainGetMaxMemoryRet, memory);
};

// SET_MAX_MEMORY and SET_MEMORY (KiB).
struct DomainSetMemoryArgs {
    DomainRef dom;
    uint64_t memory = 0;
    CVIRT_XDR_STRUCT(DomainSetMemoryArgs, dom, memory);
};

struct DomainSetMemoryFlagsArgs {
    DomainRef dom;
    uint64_t memory = 0;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(DomainSetMemoryFlagsArgs, dom, memory, flags);
};

// ---- vcpus ----

struct DomainSetVcpusArgs {
    DomainRef dom;
    uint32_t nvcpus = 0;
    CVIRT_XDR_STRUCT(DomainSetVcpusArgs, dom, nvcpus);
};

struct DomainSetVcpusFlagsArgs {
    DomainRef dom;
    uint32_t nvcpus = 0;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(DomainSetVcpusFlagsArgs, dom, nvcpus, flags);
};

struct DomainGetVcpusArgs {
    DomainRef dom;
    int32_t maxinfo = 0;
    int32_t maplen = 0;
    CVIRT_XDR_STRUCT(DomainGetVcpusArgs, dom, maxinfo, maplen);
};

struct DomainGetVcpusRet {
    Array<VcpuInfo, kVcpuinfoMax> info;
    Opaque<kCpumapsMax> cpumaps;
    CVIRT_XDR_STRUCT(DomainGetVcpusRet, info, cpumaps);
};

struct DomainPinVcpuArgs {
    DomainRef dom;
    uint32_t vcpu = 0;
    Opaque<kCpumapMax> cpumap;
    CVIRT_XDR_STRUCT(DomainPinVcpuArgs, dom, vcpu, cpumap);
};

struct DomainPinVcpuFlagsArgs {
    DomainRef dom;
    uint32_t vcpu = 0;
    Opaque<kCpumapMax> cpumap;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(DomainPinVcpuFlagsArgs, dom, vcpu, cpumap, flags);
};

struct DomainGetVcpuPinInfoArgs {
    DomainRef dom;
    int32_t ncpumaps = 0;
    int32_t maplen = 0;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(DomainGetVcpuPinInfoArgs, dom, ncpumaps, maplen, flags);
};

struct DomainGetVcpuPinInfoRet {
    Opaque<kCpumapsMax> cpumaps;
    int32_t num = 0;
    CVIRT_XDR_STRUCT(DomainGetVcpuPinInfoRet, cpumaps, num);
};

struct DomainPinEmulatorArgs {
    DomainRef dom;
    Opaque<kCpumapMax> cpumap;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(DomainPinEmulatorArgs, dom, cpumap, flags);
};

struct DomainGetEmulatorPinInfoArgs {
    DomainRef dom;
    int32_t maplen = 0;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(DomainGetEmulatorPinInfoArgs, dom, maplen, flags);
};

struct DomainGetEmulatorPinInfoRet {
    Opaque<kCpumapsMax> cpumaps;
    int32_t ret = 0;
    CVIRT_XDR_STRUCT(DomainGetEmulatorPinInfoRet, cpumaps, ret);
};

// ---- scheduler parameters ----

inline constexpr uint32_t kDomainSchedulerParametersMax = 16;

struct DomainGetSchedulerTypeRet {
    std::string type;
    int32_t nparams = 0;
    CVIRT_XDR_STRUCT(DomainGetSchedulerTypeRet, type, nparams);
};

struct DomainGetSchedulerParametersArgs {
    DomainRef dom;
    int32_t nparams = 0;
    CVIRT_XDR_STRUCT(DomainGetSchedulerParametersArgs, dom, nparams);
};

struct DomainGetSchedulerParametersFlagsArgs {
    DomainRef dom;
    int32_t nparams = 0;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(DomainGetSchedulerParametersFlagsArgs, dom, nparams, flags);
};

// Both GET_SCHEDULER_PARAMETERS procedures answer with this.
struct DomainGetSchedulerParametersRet {
    Array<TypedParam, kDomainSchedulerParametersMax> params;
    CVIRT_XDR_STRUCT(DomainGetSchedulerParametersRet, params);
};

struct DomainSetSchedulerParametersArgs {
    DomainRef dom;
    Array<TypedParam, kDomainSchedulerParametersMax> params;
    CVIRT_XDR_STRUCT(DomainSetSchedulerParametersArgs, dom, params);
};

struct DomainSetSchedulerParametersFlagsArgs {
    DomainRef dom;
    Array<TypedParam, kDomainSchedulerParametersMax> params;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(DomainSetSchedulerParametersFlagsArgs, dom, params, flags);
};

// ---- save / restore ----

struct DomainSaveArgs {
    DomainRef dom;
    std::string to;
    CVIRT_XDR_STRUCT(DomainSaveArgs, dom, to);
};

struct DomainSaveFlagsArgs {
    DomainRef dom;
    std::string to;
    std::optional<std::string> dxml;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(DomainSaveFlagsArgs, dom, to, dxml, flags);
};

struct DomainRestoreArgs {
    std::string from;
    CVIRT_XDR_STRUCT(DomainRestoreArgs, from);
};

struct DomainRestoreFlagsArgs {
    std::string from;
    std::optional<std::string> dxml;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(DomainRestoreFlagsArgs, from, dxml, flags);
};

// ---- jobs ----

struct DomainGetJobInfoRet {
    int32_t type = 0;
    uint64_t timeElapsed = 0;
    uint64_t timeRemaining = 0;
    uint64_t dataTotal = 0;
    uint64_t dataProcessed = 0;
    uint64_t dataRemaining = 0;
    uint64_t memTotal = 0;
    uint64_t memProcessed = 0;
    uint64_t memRemaining = 0;
    uint64_t fileTotal = 0;
    uint64_t fileProcessed = 0;
    uint64_t fileRemaining = 0;
    CVIRT_XDR_STRUCT(DomainGetJobInfoRet, type, timeElapsed, timeRemaining, dataTotal, dataProcessed,
                     dataRemaining, memTotal, memProcessed, memRemaining, fileTotal, fileProcessed,
                     fileRemaining);
};

struct DomainGetJobStatsRet {
    int32_t type = 0;
    Array<TypedParam, kDomainJobStatsMax> params;
    CVIRT_XDR_STRUCT(DomainGetJobStatsRet, type, params);
};

// ---- security, console, metadata, guest queries ----

struct DomainGetSecurityLabelRet {
    CharVector<kSecurityLabelMax> label;
    int32_t enforcing = 0;
    CVIRT_XDR_STRUCT(DomainGetSecurityLabelRet, label, enforcing);
};

struct DomainOpenConsoleArgs {
    DomainRef dom;
    std::optional<std::string> dev_name;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(DomainOpenConsoleArgs, dom, dev_name, flags);
};

struct DomainSetMetadataArgs {
    DomainRef dom;
    int32_t type = 0;
    std::optional<std::string> metadata;
    std::optional<std::string> key;
    std::optional<std::string> uri;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(DomainSetMetadataArgs, dom, type, metadata, key, uri, flags);
};

struct DomainGetMetadataArgs {
    DomainRef dom;
    int32_t type = 0;
    std::optional<std::string> uri;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(DomainGetMetadataArgs, dom, type, uri, flags);
};

struct DomainGetMetadataRet {
    std::string metadata;
    CVIRT_XDR_STRUCT(DomainGetMetadataRet, metadata);
};

struct DomainGetHostnameRet {
    std::string hostname;
    CVIRT_XDR_STRUCT(DomainGetHostnameRet, hostname);
};

struct DomainGetTimeRet {
    int64_t seconds = 0;
    uint32_t nseconds = 0;
    CVIRT_XDR_STRUCT(DomainGetTimeRet, seconds, nseconds);
};

struct DomainGetMessagesRet {
    Array<std::string, kDomainMessagesMax> msgs;
    CVIRT_XDR_STRUCT(DomainGetMessagesRet, msgs);
};

struct DomainIpAddr {
    int32_t type = 0;
    std::string addr;
    uint32_t prefix = 0;
    CVIRT_XDR_STRUCT(DomainIpAddr, type, addr, prefix);
};

struct DomainInterface {
    std::string name;
    std::optional<std::string> hwaddr;
    Array<DomainIpAddr, kDomainIpAddrMax> addrs;
    CVIRT_XDR_STRUCT(DomainInterface, name, hwaddr, addrs);
};

struct DomainInterfaceAddressesArgs {
    DomainRef dom;
    uint32_t source = 0;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(DomainInterfaceAddressesArgs, dom, source, flags);
};

struct DomainInterfaceAddressesRet {
    Array<DomainInterface, kDomainInterfaceMax> ifaces;
    CVIRT_XDR_STRUCT(DomainInterfaceAddressesRet, ifaces);
};

// ---- statistics ----

struct DomainBlockStatsArgs {
    DomainRef dom;
    std::string path;
    CVIRT_XDR_STRUCT(DomainBlockStatsArgs, dom, path);
};

struct DomainBlockStatsRet {
    int64_t rd_req = 0;
    int64_t rd_bytes = 0;
    int64_t wr_req = 0;
    int64_t wr_bytes = 0;
    int64_t errs = 0;
    CVIRT_XDR_STRUCT(DomainBlockStatsRet, rd_req, rd_bytes, wr_req, wr_bytes, errs);
};

struct DomainInterfaceStatsArgs {
    DomainRef dom;
    std::string device;
    CVIRT_XDR_STRUCT(DomainInterfaceStatsArgs, dom, device);
};

struct DomainInterfaceStatsRet {
    int64_t rx_bytes = 0;
    int64_t rx_packets = 0;
    int64_t rx_errs = 0;
    int64_t rx_drop = 0;
    int64_t tx_bytes = 0;
    int64_t tx_packets = 0;
    int64_t tx_errs = 0;
    int64_t tx_drop = 0;
    CVIRT_XDR_STRUCT(DomainInterfaceStatsRet, rx_bytes, rx_packets, rx_errs, rx_drop, tx_bytes, tx_packets,
                     tx_errs, tx_drop);
};

}  // namespace cvirt::rpc::remote
