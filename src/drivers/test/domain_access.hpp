#pragma once
// The few facts of a domain definition the test driver reads and changes
// (memory, vcpus, pinning, lifecycle actions, disks, interfaces), gathered
// in one place so that the driver depends on the domain model's shape only
// here. Names and checks follow libvirt's virDomainDef* helpers.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "conf/domain/domain.hpp"
#include "util/bitmap.hpp"

namespace cvirt::drivers::test::dom {

using conf::domain::Domain;

// <memory> (virDomainDefGetMemoryTotal), KiB.
uint64_t memoryTotal(const Domain& d);
void setMemoryTotal(Domain& d, uint64_t kib);
// <currentMemory>, KiB.
uint64_t currentMemory(const Domain& d);
void setCurrentMemory(Domain& d, uint64_t kib);
// <maxMemory>, KiB; 0 when not set.
uint64_t maxMemory(const Domain& d);
size_t numaCellCount(const Domain& d);

unsigned vcpusMax(const Domain& d);
unsigned vcpusOnline(const Domain& d);
bool vcpuOnline(const Domain& d, unsigned vcpu);
// virDomainDefSetVcpus: the first `count` vcpus online, the rest offline.
void setVcpus(Domain& d, unsigned count);
// virDomainDefSetVcpusMax: new vcpus start offline.
void setVcpusMax(Domain& d, unsigned count);
const Bitmap* vcpuPin(const Domain& d, unsigned vcpu);
void setVcpuPin(Domain& d, unsigned vcpu, Bitmap pin);
const Bitmap* cpuset(const Domain& d);  // <vcpu cpuset=...>
const Bitmap* emulatorPin(const Domain& d);
void setEmulatorPin(Domain& d, Bitmap pin);

// virDomainLifecycleAction
enum class LifecycleAction { Destroy, Restart, RestartRename, Preserve, CoredumpDestroy, CoredumpRestart };
LifecycleAction onPoweroff(const Domain& d);
LifecycleAction onReboot(const Domain& d);

// What a snapshot needs to know of each disk.
struct DiskFacts {
    std::string target;
    std::optional<std::string> sourcePath;
    bool empty = false;           // no source (an empty cdrom)
    int snapshotLocation = 0;     // the disk's own snapshot='...' (SnapshotLocation value)
};
std::vector<DiskFacts> disks(const Domain& d);

// Interface target device names (<target dev=...>), for generating
// testnetN names; setInterfaceTarget fills in a missing one.
size_t interfaceCount(const Domain& d);
std::optional<std::string> interfaceTarget(const Domain& d, size_t index);
void setInterfaceTarget(Domain& d, size_t index, const std::string& name);

}  // namespace cvirt::drivers::test::dom
