#include "drivers/test/domain_access.hpp"

#include "util/error.hpp"

namespace cvirt::drivers::test::dom {

uint64_t memoryTotal(const Domain& d) { return d.memory.total; }
void setMemoryTotal(Domain& d, uint64_t kib) { d.memory.total = kib; }
uint64_t currentMemory(const Domain& d) { return d.memory.current; }
void setCurrentMemory(Domain& d, uint64_t kib) { d.memory.current = kib; }
uint64_t maxMemory(const Domain& d) { return d.memory.max; }
size_t numaCellCount(const Domain& d) { return d.numa.cells.size(); }

unsigned vcpusMax(const Domain& d) { return d.vcpu.max(); }
unsigned vcpusOnline(const Domain& d) { return d.vcpu.current(); }

bool vcpuOnline(const Domain& d, unsigned vcpu) { return vcpu < d.vcpu.vcpus.size() && d.vcpu.vcpus[vcpu].online; }

void setVcpus(Domain& d, unsigned count) {
    if (count > vcpusMax(d))
        fail(ErrorCode::InvalidArg, ErrorDomain::Domain, "maxvcpus must not be less than current vcpus ({} < {})",
             vcpusMax(d), count);
    for (size_t i = 0; i < d.vcpu.vcpus.size(); ++i)
        d.vcpu.vcpus[i].online = i < count;
}

void setVcpusMax(Domain& d, unsigned count) {
    size_t old = d.vcpu.vcpus.size();
    d.vcpu.vcpus.resize(count);
    for (size_t i = old; i < count; ++i)
        d.vcpu.vcpus[i].online = false;
}

const Bitmap* vcpuPin(const Domain& d, unsigned vcpu) {
    if (vcpu < d.vcpu.vcpus.size() && d.vcpu.vcpus[vcpu].pin)
        return &*d.vcpu.vcpus[vcpu].pin;
    return nullptr;
}

void setVcpuPin(Domain& d, unsigned vcpu, Bitmap pin) {
    if (vcpu < d.vcpu.vcpus.size())
        d.vcpu.vcpus[vcpu].pin = std::move(pin);
}

const Bitmap* cpuset(const Domain& d) { return d.vcpu.cpuset ? &*d.vcpu.cpuset : nullptr; }

const Bitmap* emulatorPin(const Domain& d) { return d.vcpu.tune.emulatorPin ? &*d.vcpu.tune.emulatorPin : nullptr; }

void setEmulatorPin(Domain& d, Bitmap pin) { d.vcpu.tune.emulatorPin = std::move(pin); }

namespace {

// Both enums follow virDomainLifecycleAction.
LifecycleAction convert(conf::domain::LifecycleAction a) { return static_cast<LifecycleAction>(static_cast<int>(a)); }

}  // namespace

LifecycleAction onPoweroff(const Domain& d) { return convert(d.lifecycle.onPoweroff); }
LifecycleAction onReboot(const Domain& d) { return convert(d.lifecycle.onReboot); }

std::vector<DiskFacts> disks(const Domain& d) {
    std::vector<DiskFacts> out;
    for (const auto& disk : d.devices.disks) {
        DiskFacts f;
        f.target = disk.dst;
        f.sourcePath = disk.src.path;
        f.empty = !disk.src.path || disk.src.path->empty();
        f.snapshotLocation = static_cast<int>(disk.snapshot);
        out.push_back(std::move(f));
    }
    return out;
}

size_t interfaceCount(const Domain& d) { return d.devices.interfaces.size(); }

std::optional<std::string> interfaceTarget(const Domain& d, size_t index) {
    const auto& ifname = d.devices.interfaces.at(index).ifname;
    if (ifname && !ifname->empty())
        return ifname;
    return std::nullopt;
}

void setInterfaceTarget(Domain& d, size_t index, const std::string& name) { d.devices.interfaces.at(index).ifname = name; }

}  // namespace cvirt::drivers::test::dom
