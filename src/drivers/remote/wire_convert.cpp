#include "drivers/remote/wire_convert.hpp"

#include <fmt/format.h>

namespace cvirt::drivers::remote {

void failTooMany(size_t count, uint32_t max) {
    throw Error(ErrorCode::Rpc, ErrorDomain::Rpc,
                fmt::format("too many items ({}) for the protocol's limit of {}", count, max));
}

wire::NodeGetInfoRet Convert<NodeInfo, wire::NodeGetInfoRet>::toWire(const NodeInfo& i) {
    wire::NodeGetInfoRet w;
    // libvirt's model is a NUL-terminated char[32]: at most 31 characters.
    w.model = rpc::CharArray<32>::fromText(std::string_view(i.model).substr(0, 31));
    w.memory = i.memory;
    w.cpus = static_cast<int32_t>(i.cpus);
    w.mhz = static_cast<int32_t>(i.mhz);
    w.nodes = static_cast<int32_t>(i.nodes);
    w.sockets = static_cast<int32_t>(i.sockets);
    w.cores = static_cast<int32_t>(i.cores);
    w.threads = static_cast<int32_t>(i.threads);
    return w;
}

NodeInfo Convert<NodeInfo, wire::NodeGetInfoRet>::fromWire(const wire::NodeGetInfoRet& w) {
    NodeInfo i;
    i.model = w.model.text();
    i.memory = w.memory;
    i.cpus = static_cast<unsigned>(w.cpus);
    i.mhz = static_cast<unsigned>(w.mhz);
    i.nodes = static_cast<unsigned>(w.nodes);
    i.sockets = static_cast<unsigned>(w.sockets);
    i.cores = static_cast<unsigned>(w.cores);
    i.threads = static_cast<unsigned>(w.threads);
    return i;
}

wire::DomainGetInfoRet Convert<DomainInfo, wire::DomainGetInfoRet>::toWire(const DomainInfo& i) {
    return {static_cast<uint8_t>(i.state), i.maxMem, i.memory, static_cast<uint16_t>(i.nrVirtCpu), i.cpuTime};
}

DomainInfo Convert<DomainInfo, wire::DomainGetInfoRet>::fromWire(const wire::DomainGetInfoRet& w) {
    return {static_cast<DomainState>(w.state), w.maxMem, w.memory, w.nrVirtCpu, w.cpuTime};
}

wire::DomainGetStateRet Convert<driver::DomainStateReason, wire::DomainGetStateRet>::toWire(
    const driver::DomainStateReason& s) {
    return {static_cast<int32_t>(s.state), s.reason};
}

driver::DomainStateReason Convert<driver::DomainStateReason, wire::DomainGetStateRet>::fromWire(
    const wire::DomainGetStateRet& w) {
    return {static_cast<DomainState>(w.state), w.reason};
}

// Counts include the NUL even for an empty text, as libvirtd sends them.
wire::NodeGetSecurityModelRet Convert<SecurityModel, wire::NodeGetSecurityModelRet>::toWire(const SecurityModel& m) {
    wire::NodeGetSecurityModelRet w;
    w.model = decltype(w.model)::fromText(m.model);
    w.doi = decltype(w.doi)::fromText(m.doi);
    return w;
}

SecurityModel Convert<SecurityModel, wire::NodeGetSecurityModelRet>::fromWire(const wire::NodeGetSecurityModelRet& w) {
    return {w.model.text(), w.doi.text()};
}

wire::NodeGetCpuMapRet Convert<NodeCpuMap, wire::NodeGetCpuMapRet>::toWire(const NodeCpuMap& m) {
    wire::NodeGetCpuMapRet w;
    if (m.cpumap.size() > rpc::remote::kCpumapMax)
        fail(ErrorCode::Rpc, ErrorDomain::Rpc, "too many CPUs in the node's CPU map ({} bytes)", m.cpumap.size());
    w.cpumap = m.cpumap;
    w.online = m.online;
    w.ret = m.cpus;
    return w;
}

NodeCpuMap Convert<NodeCpuMap, wire::NodeGetCpuMapRet>::fromWire(const wire::NodeGetCpuMapRet& w) {
    return {w.ret, std::vector<uint8_t>(w.cpumap.begin(), w.cpumap.end()), w.online};
}

wire::DomainGetSecurityLabelRet Convert<SecurityLabel, wire::DomainGetSecurityLabelRet>::toWire(
    const SecurityLabel& l) {
    wire::DomainGetSecurityLabelRet w;
    w.label = decltype(w.label)::fromText(l.label);
    w.enforcing = l.enforcing ? 1 : 0;
    return w;
}

SecurityLabel Convert<SecurityLabel, wire::DomainGetSecurityLabelRet>::fromWire(
    const wire::DomainGetSecurityLabelRet& w) {
    return {w.label.text(), w.enforcing != 0};
}

wire::DomainGetJobInfoRet Convert<DomainJobInfo, wire::DomainGetJobInfoRet>::toWire(const DomainJobInfo& j) {
    return {j.type,         j.timeElapsed, j.timeRemaining, j.dataTotal, j.dataProcessed, j.dataRemaining,
            j.memTotal,     j.memProcessed, j.memRemaining, j.fileTotal, j.fileProcessed, j.fileRemaining};
}

DomainJobInfo Convert<DomainJobInfo, wire::DomainGetJobInfoRet>::fromWire(const wire::DomainGetJobInfoRet& w) {
    return {w.type,         w.timeElapsed, w.timeRemaining, w.dataTotal, w.dataProcessed, w.dataRemaining,
            w.memTotal,     w.memProcessed, w.memRemaining, w.fileTotal, w.fileProcessed, w.fileRemaining};
}

wire::StoragePoolGetInfoRet Convert<StoragePoolInfo, wire::StoragePoolGetInfoRet>::toWire(const StoragePoolInfo& i) {
    return {static_cast<uint8_t>(i.state), i.capacity, i.allocation, i.available};
}

StoragePoolInfo Convert<StoragePoolInfo, wire::StoragePoolGetInfoRet>::fromWire(const wire::StoragePoolGetInfoRet& w) {
    return {w.state, w.capacity, w.allocation, w.available};
}

wire::StorageVolGetInfoRet Convert<StorageVolInfo, wire::StorageVolGetInfoRet>::toWire(const StorageVolInfo& i) {
    return {static_cast<int8_t>(i.type), i.capacity, i.allocation};
}

StorageVolInfo Convert<StorageVolInfo, wire::StorageVolGetInfoRet>::fromWire(const wire::StorageVolGetInfoRet& w) {
    return {w.type, w.capacity, w.allocation};
}

std::vector<uint8_t> flattenCpumaps(const std::vector<std::vector<uint8_t>>& maps, int maplen) {
    size_t len = maplen > 0 ? static_cast<size_t>(maplen) : 0;
    std::vector<uint8_t> flat(maps.size() * len, 0);
    for (size_t i = 0; i < maps.size(); ++i)
        std::copy_n(maps[i].begin(), std::min(len, maps[i].size()), flat.begin() + static_cast<ptrdiff_t>(i * len));
    return flat;
}

std::vector<std::vector<uint8_t>> splitCpumaps(const std::vector<uint8_t>& flat, int maplen, size_t count) {
    std::vector<std::vector<uint8_t>> maps;
    if (maplen <= 0)
        return maps;
    size_t len = static_cast<size_t>(maplen);
    count = std::min(count, flat.size() / len);
    for (size_t i = 0; i < count; ++i)
        maps.emplace_back(flat.begin() + static_cast<ptrdiff_t>(i * len),
                          flat.begin() + static_cast<ptrdiff_t>((i + 1) * len));
    return maps;
}

}  // namespace cvirt::drivers::remote
