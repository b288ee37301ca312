#pragma once
// Linux control groups as libvirt's vircgroup uses them: v1 (a hierarchy
// per controller, e.g. /sys/fs/cgroup/cpu), v2 (one unified hierarchy with
// cgroup.controllers) or both at once (hybrid: a controller lives in exactly
// one of them). Where each controller is mounted is read from
// /proc/self/mountinfo; a group is a path below the hierarchy roots
// ("/machine/qemu-1-vm.libvirt-qemu") in the controllers it was made for.
//
// The CPU values keep libvirt's ranges, messages and spellings per version:
// cpu.shares | cpu.weight, cpu.cfs_period_us + cpu.cfs_quota_us | cpu.max,
// cpuset.cpus. Failures are Errors from the CGROUP domain, as libvirt's.

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace cvirt {

// libvirt's virCgroupController order.
enum class CgroupController { Cpu, Cpuacct, Cpuset, Memory, Devices, Freezer, Blkio, NetCls, PerfEvent };

// The v1 name ("cpu", "blkio", ...).
std::string_view cgroupControllerName(CgroupController c);

// libvirt's limits (vircgroup.h).
inline constexpr uint64_t kCgroupCpuSharesMin = 2, kCgroupCpuSharesMax = 262144;
inline constexpr uint64_t kCgroupV2WeightMin = 1, kCgroupV2WeightMax = 10000;
inline constexpr uint64_t kCgroupCpuPeriodMin = 1000, kCgroupCpuPeriodMax = 1000000;
inline constexpr int64_t kCgroupCpuQuotaMin = 1000;
// The kernel's largest CFS quota, ((1 << (64 - 20)) - 1); what v2's "max" reads as.
inline constexpr int64_t kCgroupCpuQuotaMax = 17592186044415LL;

class CgroupMounts {
public:
    using ReadFile = std::function<std::optional<std::string>(const std::string& path)>;

    // From the text of /proc/self/mountinfo. `read` reads a file (the
    // unified root's cgroup.controllers); nullopt when it cannot.
    // `plainFiles`: the hierarchies are stand-ins on an ordinary filesystem
    // (tests), where control files are created as they are written.
    static CgroupMounts parse(std::string_view mountinfo, const ReadFile& read, bool plainFiles = false);
    // This host's, detected once per process.
    static std::shared_ptr<const CgroupMounts> host();

    bool has(CgroupController c) const;
    bool isV2(CgroupController c) const;
    // The root of the hierarchy that serves `c`.
    std::optional<std::string> mountOf(CgroupController c) const;
    const std::string& unified() const { return unified_; }
    bool empty() const { return v1_.empty() && v2_.empty(); }
    bool plainFiles() const { return plainFiles_; }

private:
    std::map<CgroupController, std::string> v1_;
    std::string unified_;
    std::set<CgroupController> v2_;
    bool plainFiles_ = false;
};

// One group: a path below the hierarchy roots, in some controllers.
class Cgroup {
public:
    // How a child is made (libvirt's VIR_CGROUP_* make flags).
    enum MakeFlags : unsigned {
        kMakeNone = 0,
        kMakeMemoryHierarchy = 1u << 0,  // v1: memory.use_hierarchy = 1
        kMakeThreaded = 1u << 1,         // v2: cgroup.type threaded (a thread group)
    };

    // `path` starts with '/' ("/" is the root); controllers the host lacks
    // are left out.
    Cgroup(std::shared_ptr<const CgroupMounts> mounts, std::string path, const std::vector<CgroupController>& controllers);

    const std::string& path() const { return path_; }
    bool has(CgroupController c) const { return controllers_.count(c) != 0; }
    std::vector<CgroupController> controllers() const { return {controllers_.begin(), controllers_.end()}; }
    // The group's directory in the hierarchy of `c`.
    std::string directory(CgroupController c) const;
    bool exists() const;

    // The group `name` below this one, in those of `controllers` this one
    // has; child() only names it, makeChild() creates it (mkdir, v1 cpuset
    // inheritance, v2 controller enabling) and is fine with an existing one.
    Cgroup child(std::string_view name, const std::vector<CgroupController>& controllers) const;
    Cgroup makeChild(std::string_view name, const std::vector<CgroupController>& controllers,
                     unsigned flags = kMakeNone) const;

    // Moves every thread of `pid` into the group (cgroup.procs).
    void addProcess(pid_t pid) const;
    // Moves one thread (v1 tasks, v2 cgroup.threads).
    void addThread(pid_t tid) const;
    // Removes the group with its sub-groups from every hierarchy; the root
    // is never removed. Returns false (and logs) when a directory stayed.
    bool remove() const noexcept;

    std::string value(CgroupController c, std::string_view key) const;
    void setValue(CgroupController c, std::string_view key, std::string_view value) const;

    // cpu.shares (v1, [2, 262144]) or cpu.weight (v2, [1, 10000]): the value
    // is written as given, as libvirt writes it.
    uint64_t cpuShares() const;
    void setCpuShares(uint64_t shares) const;
    // CFS bandwidth: cpu.cfs_period_us/cpu.cfs_quota_us (v1) or cpu.max (v2).
    bool supportsCpuBandwidth() const;
    uint64_t cfsPeriod() const;
    void setCfsPeriod(uint64_t period) const;
    // -1 (v1) or kCgroupCpuQuotaMax (v2, "max") when unlimited.
    int64_t cfsQuota() const;
    void setCfsQuota(int64_t quota) const;
    std::string cpusetCpus() const;
    void setCpusetCpus(const std::string& cpus) const;

private:
    std::string file(CgroupController c, std::string_view key) const;
    // The distinct directories of the group (co-mounted controllers and the
    // unified hierarchy share one).
    std::vector<std::string> directories() const;

    std::shared_ptr<const CgroupMounts> mounts_;
    std::string path_;
    std::set<CgroupController> controllers_;
};

// libvirt's virCgroupPartitionEscape: names that would clash with the
// files of a cgroup directory ("cgroup.*", "cpu.foo", "_x", ".x") get a
// leading '_'.
std::string cgroupPartitionEscape(std::string_view name);

}  // namespace cvirt
