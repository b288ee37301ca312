#include "drivers/qemu/qemu_cgroup.hpp"

#include <cerrno>

#include <fmt/format.h>

#include "util/error.hpp"
#include "util/log.hpp"
#include "util/strings.hpp"

namespace cvirt::qemu {
namespace {

constexpr std::string_view kLog = "qemu.cgroup";

std::string rootHash(const std::string& root) {
    uint64_t h = 14695981039346656037ull;
    for (unsigned char c : root) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return fmt::format("{:016x}", h).substr(0, 8);
}

// The errors after which libvirt carries on without cgroups
// (virCgroupNewIgnoreError), and a read-only cgroupfs (containers).
bool cgroupsRefused(const Error& e) {
    int err = e.int1();
    return e.code() == ErrorCode::SystemError &&
           (err == ENXIO || err == EPERM || err == EACCES || err == EROFS);
}

}  // namespace

std::string machineName(const std::string& root, int id, const std::string& name) {
    static constexpr std::string_view kHostnameChars =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-";
    std::string out = root.empty() ? "qemu-" : "qemu-embed-" + rootHash(root) + "-";
    out += std::to_string(id) + "-";
    // '.' and '-' only between other characters, never twice in a row.
    bool skip = true;
    for (char c : name) {
        if (out.size() >= 64)
            break;
        if (c == '.' || c == '-') {
            if (!skip)
                out += c;
            skip = true;
            continue;
        }
        if (kHostnameChars.find(c) == std::string_view::npos)
            continue;
        out += c;
        skip = false;
    }
    while (!out.empty() && (out.back() == '-' || out.back() == '.'))
        out.pop_back();
    return out;
}

const std::vector<CgroupController>& DomainCgroup::domainControllers() {
    // libvirt's cgroup_controllers default, without devices (cvirt keeps no
    // device ACL).
    static const std::vector<CgroupController> kList = {CgroupController::Cpu, CgroupController::Cpuacct,
                                                        CgroupController::Cpuset, CgroupController::Memory,
                                                        CgroupController::Blkio};
    return kList;
}

const std::vector<CgroupController>& DomainCgroup::threadControllers() {
    static const std::vector<CgroupController> kList = {CgroupController::Cpu, CgroupController::Cpuacct,
                                                        CgroupController::Cpuset};
    return kList;
}

std::string DomainCgroup::partitionPath(const std::string& partition) {
    if (partition.empty() || partition.front() != '/')
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "Resource partition '{}' must start with '/'", partition);
    std::string out;
    bool top = true;
    for (const auto& part : split(partition, "/")) {
        bool fixed = top && (part == "machine" || part == "system" || part == "user");
        out += "/" + (fixed ? part : cgroupPartitionEscape(part.find('.') == std::string::npos ? part + ".partition" : part));
        top = false;
    }
    return out.empty() ? "/" : out;
}

Cgroup DomainCgroup::at(std::shared_ptr<const CgroupMounts> mounts, const std::string& partition,
                        const std::string& machine) {
    std::string base = partitionPath(partition);
    std::string path = (base == "/" ? "" : base) + "/" + cgroupPartitionEscape(machine + ".libvirt-qemu");
    return Cgroup(std::move(mounts), path, domainControllers());
}

std::unique_ptr<DomainCgroup> DomainCgroup::create(std::shared_ptr<const CgroupMounts> mounts,
                                                   const std::string& partition, const std::string& machine,
                                                   pid_t pid) {
    std::string base = partitionPath(partition);
    Cgroup root(mounts, "/", domainControllers());
    if (root.controllers().empty()) {
        CVIRT_DEBUG(kLog, "no cgroup controllers for '{}'", machine);
        return nullptr;
    }
    Cgroup parent(mounts, base, domainControllers());
    try {
        // Only the default partition is made; others must exist.
        if (partition == kDefaultPartition)
            parent = root.makeChild(base.substr(1), domainControllers());
        else if (!parent.exists())
            throw Error::system(ErrorDomain::Cgroup, ENOENT,
                                fmt::format("Failed to find the cgroup partition '{}'", partition));
    } catch (const Error& e) {
        if (!cgroupsRefused(e))
            throw;
        CVIRT_WARN(kLog, "running '{}' without cgroups: {}", machine, e.message());
        return nullptr;
    }
    auto group = std::make_unique<DomainCgroup>(parent.makeChild(
        cgroupPartitionEscape(machine + ".libvirt-qemu"), domainControllers(), Cgroup::kMakeMemoryHierarchy));
    try {
        group->group_.addProcess(pid);
    } catch (...) {
        group->remove();
        throw;
    }
    return group;
}

std::unique_ptr<DomainCgroup> DomainCgroup::find(std::shared_ptr<const CgroupMounts> mounts,
                                                 const std::string& partition, const std::string& machine) {
    // Only the hierarchies the group was made in (blkio may have been left out).
    Cgroup all = at(mounts, partition, machine);
    std::vector<CgroupController> present;
    for (auto c : all.controllers())
        if (Cgroup(mounts, all.path(), {c}).exists())
            present.push_back(c);
    if (present.empty())
        return nullptr;
    return std::make_unique<DomainCgroup>(Cgroup(mounts, all.path(), present));
}

void DomainCgroup::removeLeftover(std::shared_ptr<const CgroupMounts> mounts, const std::string& partition,
                                  const std::string& machine) noexcept {
    try {
        Cgroup group = at(std::move(mounts), partition, machine);
        if (!group.controllers().empty())
            group.remove();
    } catch (const std::exception& e) {
        CVIRT_WARN(kLog, "cannot remove the cgroup of '{}': {}", machine, e.what());
    }
}

Cgroup DomainCgroup::thread(const std::string& name, bool create) const {
    if (create)
        return group_.makeChild(name, threadControllers(), Cgroup::kMakeThreaded);
    return group_.child(name, threadControllers());
}

}  // namespace cvirt::qemu
