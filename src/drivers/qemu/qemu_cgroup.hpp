#pragma once
// A running domain's cgroups, laid out as libvirt lays them out on a host
// without systemd-machined:
//
//   /machine/<machine name>.libvirt-qemu            cpu cpuacct cpuset memory blkio
//   /machine/<machine name>.libvirt-qemu/emulator   cpu cpuacct cpuset (all QEMU threads
//   /machine/<machine name>.libvirt-qemu/vcpuN          but the vCPUs')
//   /machine/<machine name>.libvirt-qemu/iothreadN
//
// in each controller's v1 hierarchy, or once in the unified (v2) one where
// the thread groups are threaded. /machine is the default partition; a
// domain's <resource><partition> names another (which must exist). Only a privileged driver (root, not
// qemu:///session) uses cgroups, as libvirt; a host without them, or one
// that refuses us (EPERM, EACCES, EROFS), runs guests without them.

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "util/cgroup.hpp"

namespace cvirt::qemu {

// libvirt's virDomainDriverGenerateMachineName: "qemu-ID-NAME", NAME kept
// to hostname characters, 64 characters at most. A driver under a root
// (qemu:///embed, cvirtd --root) says "qemu-embed-HASH-ID-NAME" with a hash
// of the root, so that two roots never share a group. (libvirt hashes with
// SHA-256; cvirt with FNV-1a: the names of embed guests differ.)
std::string machineName(const std::string& root, int id, const std::string& name);

class DomainCgroup {
public:
    // The controllers of the domain group and of its thread groups.
    static const std::vector<CgroupController>& domainControllers();
    static const std::vector<CgroupController>& threadControllers();

    // The domain's <resource><partition>, "/machine" by default.
    static constexpr const char* kDefaultPartition = "/machine";

    // Creates the domain's group below `partition` (which is only made
    // when it is the default one) and moves every thread of `pid` into it.
    // nullptr when the host has no cgroups for us.
    static std::unique_ptr<DomainCgroup> create(std::shared_ptr<const CgroupMounts> mounts,
                                                const std::string& partition, const std::string& machine, pid_t pid);
    // The group of a guest started earlier (a restarted daemon); nullptr
    // when it has none.
    static std::unique_ptr<DomainCgroup> find(std::shared_ptr<const CgroupMounts> mounts,
                                              const std::string& partition, const std::string& machine);
    // Removes what a guest that died unwatched left behind.
    static void removeLeftover(std::shared_ptr<const CgroupMounts> mounts, const std::string& partition,
                               const std::string& machine) noexcept;
    // libvirt's path of a partition: components other than the top-level
    // machine/system/user get a ".partition" suffix unless they have a dot
    // ("/machine/web" -> "/machine/web.partition"), and are escaped.
    static std::string partitionPath(const std::string& partition);

    explicit DomainCgroup(Cgroup group) : group_(std::move(group)) {}

    const Cgroup& group() const { return group_; }
    bool has(CgroupController c) const { return group_.has(c); }
    // The thread groups; `create` makes them (threaded in v2).
    Cgroup emulator(bool create) const { return thread("emulator", create); }
    Cgroup vcpu(unsigned id, bool create) const { return thread("vcpu" + std::to_string(id), create); }
    Cgroup iothread(unsigned id, bool create) const { return thread("iothread" + std::to_string(id), create); }
    // The domain's group and all below it; false when something stayed.
    bool remove() const noexcept { return group_.remove(); }

private:
    static Cgroup at(std::shared_ptr<const CgroupMounts> mounts, const std::string& partition,
                     const std::string& machine);
    Cgroup thread(const std::string& name, bool create) const;

    Cgroup group_;
};

}  // namespace cvirt::qemu
