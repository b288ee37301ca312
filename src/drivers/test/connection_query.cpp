// Reading a domain's state and definition.

#include <chrono>

#include "drivers/test/domain_access.hpp"
#include "drivers/test/domain_ops.hpp"
#include "drivers/test/flags.hpp"
#include "drivers/test/test_connection.hpp"

namespace cvirt::drivers::test {
namespace {

// g_get_real_time(): microseconds since the epoch.
uint64_t realTimeMicros() {
    using namespace std::chrono;
    return static_cast<uint64_t>(duration_cast<microseconds>(system_clock::now().time_since_epoch()).count());
}

constexpr unsigned kMessageDeprecation = 1, kMessageTainting = 2;

}  // namespace

DomainInfo TestConnection::domainGetInfo(const DomainRef& dom) {
    StateLock lock(*state_);
    DomainObject& obj = domainFrom(dom);
    DomainInfo info;
    info.state = obj.state;
    info.memory = dom::currentMemory(*obj.def);
    info.maxMem = dom::memoryTotal(*obj.def);
    info.nrVirtCpu = dom::vcpusOnline(*obj.def);
    // The test driver's CPU time is the wall clock, in nanoseconds.
    info.cpuTime = realTimeMicros() * 1000;
    return info;
}

driver::DomainStateReason TestConnection::domainGetState(const DomainRef& dom, unsigned flags) {
    checkFlags(flags, 0, "testDomainGetState");
    StateLock lock(*state_);
    DomainObject& obj = domainFrom(dom);
    return {obj.state, obj.reason};
}

std::string TestConnection::domainGetXmlDesc(const DomainRef& dom, unsigned flags) {
    checkFlags(flags, flags::kXmlSecure | flags::kXmlInactive | flags::kXmlMigratable, "testDomainGetXMLDesc");
    StateLock lock(*state_);
    DomainObject& obj = domainFrom(dom);
    const Domain& def = (flags & flags::kXmlInactive) && obj.newDef ? *obj.newDef : *obj.def;
    conf::domain::DomainFormatOptions format;
    format.inactive = flags & flags::kXmlInactive;
    format.secure = flags & flags::kXmlSecure;
    format.migratable = flags & flags::kXmlMigratable;
    return conf::domain::formatDomainXml(def, format);
}

// libvirt's test driver answers without looking the domain up.
std::string TestConnection::domainGetOsType(const DomainRef&) { return "linux"; }

uint64_t TestConnection::domainGetMaxMemory(const DomainRef& dom) {
    StateLock lock(*state_);
    return dom::memoryTotal(*domainFrom(dom).def);
}

int TestConnection::domainGetMaxVcpus(const DomainRef& dom) {
    return domainGetVcpusFlags(dom, flags::kAffectLive | flags::kVcpuMaximum);
}

bool TestConnection::domainIsActive(const DomainRef& dom) {
    StateLock lock(*state_);
    return domainFrom(dom).active();
}

bool TestConnection::domainIsPersistent(const DomainRef& dom) {
    StateLock lock(*state_);
    return domainFrom(dom).persistent;
}

// The test driver never has pending changes.
bool TestConnection::domainIsUpdated(const DomainRef&) { return false; }

std::string TestConnection::domainGetHostname(const DomainRef& dom, unsigned flags) {
    checkFlags(flags, 0, "testDomainGetHostname");
    StateLock lock(*state_);
    checkActive(domainFrom(dom));
    return dom.name + "host";
}

SecurityLabel TestConnection::domainGetSecurityLabel(const DomainRef& dom) {
    StateLock lock(*state_);
    if (!domainFrom(dom).active())
        return {};
    return SecurityLabel{"libvirt-test", true};
}

std::vector<std::string> TestConnection::domainGetMessages(const DomainRef& dom, unsigned flags) {
    checkFlags(flags, kMessageDeprecation | kMessageTainting, "testDomainGetMessages");
    StateLock lock(*state_);
    return domainMessages(domainFrom(dom), flags);
}

}  // namespace cvirt::drivers::test
