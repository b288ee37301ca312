// Memory, vcpus and pinning of defined and running domains.

#include <chrono>

#include "drivers/test/domain_access.hpp"
#include "drivers/test/domain_ops.hpp"
#include "drivers/test/flags.hpp"
#include "drivers/test/test_connection.hpp"

namespace cvirt::drivers::test {
namespace {

constexpr int kMaxVcpus = 32;  // testConnectGetMaxVcpus

// VIR_NODEINFO_MAXCPUS: every CPU the node could have.
unsigned hostCpuCount(const NodeInfo& info) { return info.nodes * info.sockets * info.cores * info.threads; }

Bitmap allCpus(const NodeInfo& info) {
    Bitmap b;
    for (unsigned i = 0; i < hostCpuCount(info); ++i)
        b.set(i);
    return b;
}

// virBitmapToDataBuf: bit N is bit N%8 of byte N/8, cut to `maplen` bytes.
std::vector<uint8_t> toBytes(const Bitmap& bitmap, int maplen) {
    std::vector<uint8_t> out(static_cast<size_t>(std::max(maplen, 0)), 0);
    for (size_t bit : bitmap.bits())
        if (bit / 8 < out.size())
            out[bit / 8] |= static_cast<uint8_t>(1u << (bit % 8));
    return out;
}

Bitmap fromBytes(const std::vector<uint8_t>& bytes) {
    Bitmap b;
    for (size_t i = 0; i < bytes.size() * 8; ++i)
        if (bytes[i / 8] & (1u << (i % 8)))
            b.set(i);
    return b;
}

int lastSetBit(const Bitmap& b) {
    auto bits = b.bits();
    return bits.empty() ? -1 : static_cast<int>(bits.back());
}

uint64_t realTimeMicros() {
    using namespace std::chrono;
    return static_cast<uint64_t>(duration_cast<microseconds>(system_clock::now().time_since_epoch()).count());
}

}  // namespace

void TestConnection::domainSetMemoryFlags(const DomainRef& dom, uint64_t kib, unsigned flags) {
    checkFlags(flags, flags::kAffectLive | flags::kAffectConfig | flags::kMemMaximum, "testDomainSetMemoryFlags");
    StateLock lock(*state_);
    DomainObject& obj = domainFrom(dom);
    bool live = false;
    Domain& def = oneDef(obj, flags, &live);
    if (flags & flags::kMemMaximum) {
        if (live)
            throw Error(ErrorCode::OperationInvalid, ErrorDomain::Test,
                        "cannot resize the maximum memory on an active domain");
        if (dom::numaCellCount(def) > 0)
            throw Error(ErrorCode::OperationInvalid, ErrorDomain::Test,
                        "initial memory size of a domain with NUMA nodes cannot be modified with this API");
        if (dom::maxMemory(def) && dom::maxMemory(def) < kib)
            throw Error(ErrorCode::OperationInvalid, ErrorDomain::Test,
                        "cannot set initial memory size greater than the maximum memory size");
        dom::setMemoryTotal(def, kib);
        if (dom::currentMemory(def) > kib)
            dom::setCurrentMemory(def, kib);
    } else {
        if (kib > dom::memoryTotal(def))
            throw Error(ErrorCode::InvalidArg, ErrorDomain::Test, "cannot set memory higher than max memory");
        dom::setCurrentMemory(def, kib);
    }
}

void TestConnection::domainSetVcpusFlags(const DomainRef& dom, unsigned count, unsigned flags) {
    checkFlags(flags, flags::kAffectLive | flags::kAffectConfig | flags::kVcpuMaximum, "testDomainSetVcpusFlags");
    if (count > static_cast<unsigned>(kMaxVcpus))
        fail(ErrorCode::InvalidArg, ErrorDomain::Test,
             "requested cpu amount exceeds maximum supported amount ({} > {})", count, kMaxVcpus);
    StateLock lock(*state_);
    DomainObject& obj = domainFrom(dom);
    Domain* def = nullptr;
    Domain* persistentDef = nullptr;
    getDefs(obj, flags, &def, &persistentDef);
    if (def && dom::vcpusMax(*def) < count)
        fail(ErrorCode::InvalidArg, ErrorDomain::Test, "requested cpu amount exceeds maximum ({} > {})", count,
             dom::vcpusMax(*def));
    if (persistentDef && !(flags & flags::kVcpuMaximum) && dom::vcpusMax(*persistentDef) < count)
        fail(ErrorCode::InvalidArg, ErrorDomain::Test, "requested cpu amount exceeds maximum ({} > {})", count,
             dom::vcpusMax(*persistentDef));
    if (def)
        dom::setVcpus(*def, count);
    if (persistentDef) {
        if (flags & flags::kVcpuMaximum)
            dom::setVcpusMax(*persistentDef, count);
        else
            dom::setVcpus(*persistentDef, count);
    }
}

int TestConnection::domainGetVcpusFlags(const DomainRef& dom, unsigned flags) {
    checkFlags(flags, flags::kAffectLive | flags::kAffectConfig | flags::kVcpuMaximum, "testDomainGetVcpusFlags");
    StateLock lock(*state_);
    Domain& def = oneDef(domainFrom(dom), flags);
    return static_cast<int>((flags & flags::kVcpuMaximum) ? dom::vcpusMax(def) : dom::vcpusOnline(def));
}

VcpuPinning TestConnection::domainGetVcpus(const DomainRef& dom, int maxinfo, int maplen) {
    StateLock lock(*state_);
    DomainObject& obj = domainFrom(dom);
    if (!obj.active())
        throw Error(ErrorCode::OperationInvalid, ErrorDomain::Test, "cannot list vcpus for an inactive domain");
    const Domain& def = *obj.def;
    uint64_t statbase = realTimeMicros();
    Bitmap all = allCpus(state_->nodeInfo);
    int count = std::min(maxinfo, static_cast<int>(dom::vcpusOnline(def)));
    VcpuPinning out;
    for (int i = 0; i < count; ++i) {
        VcpuInfo info;
        info.cpu = 0;
        auto index = static_cast<unsigned>(i);
        if (!dom::vcpuOnline(def, index)) {
            // libvirt leaves offline vcpus' entries zeroed.
            out.info.push_back(info);
            out.cpumaps.push_back(std::vector<uint8_t>(static_cast<size_t>(std::max(maplen, 0)), 0));
            continue;
        }
        const Bitmap* bitmap = dom::vcpuPin(def, index);
        if (!bitmap)
            bitmap = dom::cpuset(def);
        if (!bitmap)
            bitmap = &all;
        info.number = index;
        info.state = 1;  // VIR_VCPU_RUNNING
        info.cpu = lastSetBit(*bitmap);
        info.cpuTime = statbase / 10;  // a made-up, increasing value
        out.info.push_back(info);
        out.cpumaps.push_back(toBytes(*bitmap, maplen));
    }
    return out;
}

void TestConnection::domainPinVcpuFlags(const DomainRef& dom, unsigned vcpu, const std::vector<uint8_t>& cpumap,
                                        unsigned flags) {
    checkFlags(flags, flags::kAffectLive, "testDomainPinVcpuFlags");
    StateLock lock(*state_);
    DomainObject& obj = domainFrom(dom);
    if (!obj.active())
        throw Error(ErrorCode::OperationInvalid, ErrorDomain::Test, "cannot pin vcpus on an inactive domain");
    if (vcpu >= dom::vcpusMax(*obj.def) || !dom::vcpuOnline(*obj.def, vcpu))
        fail(ErrorCode::InvalidArg, ErrorDomain::Test, "requested vcpu '{}' is not present in the domain", vcpu);
    dom::setVcpuPin(*obj.def, vcpu, fromBytes(cpumap));
}

std::vector<std::vector<uint8_t>> TestConnection::domainGetVcpuPinInfo(const DomainRef& dom, int ncpumaps, int maplen,
                                                                       unsigned flags) {
    StateLock lock(*state_);
    Domain& def = oneDef(domainFrom(dom), flags);
    Bitmap all = allCpus(state_->nodeInfo);
    std::vector<std::vector<uint8_t>> out;
    for (unsigned i = 0; i < dom::vcpusMax(def) && static_cast<int>(i) < ncpumaps; ++i) {
        const Bitmap* bitmap = dom::vcpuPin(def, i);
        if (!bitmap)
            bitmap = dom::cpuset(def);
        if (!bitmap)
            bitmap = &all;
        out.push_back(toBytes(*bitmap, maplen));
    }
    return out;
}

void TestConnection::domainPinEmulator(const DomainRef& dom, const std::vector<uint8_t>& cpumap, unsigned flags) {
    checkFlags(flags, flags::kAffectLive | flags::kAffectConfig, "testDomainPinEmulator");
    StateLock lock(*state_);
    Domain& def = oneDef(domainFrom(dom), flags);
    Bitmap pin = fromBytes(cpumap);
    if (pin.empty())
        throw Error(ErrorCode::InvalidArg, ErrorDomain::Test, "Empty cpu list for pinning");
    dom::setEmulatorPin(def, std::move(pin));
}

std::vector<uint8_t> TestConnection::domainGetEmulatorPinInfo(const DomainRef& dom, int maplen, unsigned flags) {
    checkFlags(flags, flags::kAffectLive | flags::kAffectConfig, "testDomainGetEmulatorPinInfo");
    StateLock lock(*state_);
    Domain& def = oneDef(domainFrom(dom), flags);
    if (const Bitmap* pin = dom::emulatorPin(def))
        return toBytes(*pin, maplen);
    if (const Bitmap* set = dom::cpuset(def))
        return toBytes(*set, maplen);
    return toBytes(allCpus(state_->nodeInfo), maplen);
}

}  // namespace cvirt::drivers::test
