#include <netdb.h>
#include <unistd.h>

#include <climits>
#include <cstring>

#include "drivers/test/flags.hpp"
#include "drivers/test/test_connection.hpp"

namespace cvirt::drivers::test {
namespace {

// The test driver's fixed SMBIOS description.
constexpr std::string_view kSysinfo =
    "<sysinfo type='smbios'>\n"
    "  <bios>\n"
    "    <entry name='vendor'>LENOVO</entry>\n"
    "    <entry name='version'>G4ETA1WW (2.61 )</entry>\n"
    "    <entry name='date'>05/07/2014</entry>\n"
    "    <entry name='release'>2.61</entry>\n"
    "  </bios>\n"
    "</sysinfo>\n";

// virGetHostname: the host name, canonicalised through the resolver when
// it is a short name other than localhost.
std::string hostName() {
    char name[HOST_NAME_MAX + 1] = {};
    if (gethostname(name, sizeof(name) - 1) != 0)
        failSystem(ErrorDomain::None, "failed to determine host name");
    std::string host(name);
    if (host.rfind("localhost", 0) == 0 || host.find('.') != std::string::npos)
        return host;
    addrinfo hints{};
    hints.ai_flags = AI_CANONNAME;
    hints.ai_family = AF_UNSPEC;
    addrinfo* info = nullptr;
    if (getaddrinfo(host.c_str(), nullptr, &hints, &info) != 0 || !info)
        return host;
    std::string result = host;
    if (info->ai_canonname && std::strncmp(info->ai_canonname, "localhost", 9) != 0)
        result = info->ai_canonname;
    freeaddrinfo(info);
    return result;
}

}  // namespace

std::string TestConnection::getType() { return "TEST"; }

uint64_t TestConnection::getVersion() { return 2; }

std::string TestConnection::getHostname() { return hostName(); }

std::string TestConnection::getUri() { return uri_; }

std::string TestConnection::getCapabilities() {
    StateLock lock(*state_);
    return conf::capabilities::formatCapabilitiesXml(state_->capabilities);
}

std::string TestConnection::getSysinfo(unsigned flags) {
    checkFlags(flags, 0, "testConnectGetSysinfo");
    return std::string(kSysinfo);
}

int TestConnection::getMaxVcpus(const std::optional<std::string>&) { return 32; }

NodeInfo TestConnection::nodeGetInfo() {
    StateLock lock(*state_);
    return state_->nodeInfo;
}

uint64_t TestConnection::nodeGetFreeMemory() {
    StateLock lock(*state_);
    // Like libvirt's test driver: the cells' free memory in KiB, summed.
    uint64_t total = 0;
    for (const auto& c : state_->cells)
        total += c.freeMemoryKiB;
    return total;
}

std::vector<uint64_t> TestConnection::nodeGetCellsFreeMemory(int start, int max) {
    StateLock lock(*state_);
    if (start >= static_cast<int>(state_->cells.size()))
        throw Error(ErrorCode::InvalidArg, ErrorDomain::Test, "Range exceeds available cells");
    std::vector<uint64_t> out;
    // libvirt's test driver reports each cell's total memory here.
    for (int cell = start; cell < static_cast<int>(state_->cells.size()) && static_cast<int>(out.size()) < max;
         ++cell)
        out.push_back(state_->cells[static_cast<size_t>(cell)].memoryKiB);
    return out;
}

// libvirt's test driver reports a fixed map whatever the node says: 8 CPUs,
// 0, 2 and 4 online (0x15), "3 online".
NodeCpuMap TestConnection::nodeGetCpuMap(bool needMap, bool needOnline, unsigned flags) {
    checkFlags(flags, 0, "testNodeGetCPUMap");
    NodeCpuMap map;
    map.cpus = 8;
    if (needMap)
        map.cpumap = {0x15};
    if (needOnline)
        map.online = 3;
    return map;
}

SecurityModel TestConnection::nodeGetSecurityModel() {
    StateLock lock(*state_);
    const auto& models = state_->capabilities.host.securityModels;
    if (models.empty())
        return {};
    return SecurityModel{models.front().model, models.front().doi};
}

}  // namespace cvirt::drivers::test
