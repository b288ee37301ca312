#include "util/cgroup.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include "util/error.hpp"
#include "util/files.hpp"
#include "util/log.hpp"
#include "util/strings.hpp"

namespace cvirt {
namespace {

constexpr std::string_view kLog = "util.cgroup";
constexpr auto kDomain = ErrorDomain::Cgroup;

constexpr std::array<CgroupController, 9> kAll = {
    CgroupController::Cpu,     CgroupController::Cpuacct, CgroupController::Cpuset,
    CgroupController::Memory,  CgroupController::Devices, CgroupController::Freezer,
    CgroupController::Blkio,   CgroupController::NetCls,  CgroupController::PerfEvent};

// The controller's name in cgroup.controllers / cgroup.subtree_control.
std::string_view v2Name(CgroupController c) {
    return c == CgroupController::Blkio ? "io" : cgroupControllerName(c);
}

// Controllers v2 provides without listing them: cpuacct's statistics are
// in cpu.stat (libvirt's view).
bool implicitInV2(CgroupController c) { return c == CgroupController::Cpuacct; }

// mountinfo escapes blanks and backslashes in paths as \ooo.
std::string unescapeMountPath(std::string_view text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 3 < text.size()) {
            auto digits = text.substr(i + 1, 3);
            bool octal = digits.size() == 3;
            for (char d : digits)
                octal = octal && d >= '0' && d <= '7';
            if (octal) {
                out += static_cast<char>((digits[0] - '0') * 64 + (digits[1] - '0') * 8 + (digits[2] - '0'));
                i += 3;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

// `create`: a stand-in hierarchy on a plain filesystem, whose control
// files do not come with their directory.
void writeRaw(const std::string& path, std::string_view value, bool create) {
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC | (create ? O_CREAT : 0), 0644));
    ssize_t n = -1;
    if (fd) {
        do {
            n = ::write(fd.get(), value.data(), value.size());
        } while (n < 0 && errno == EINTR);
    }
    if (n < 0) {
        int err = errno;
        auto slash = path.rfind('/');
        if (err == EINVAL && slash != std::string::npos)
            throw Error::system(kDomain, err, fmt::format("Invalid value '{}' for '{}'", value, path.substr(slash + 1)));
        throw Error::system(kDomain, err, fmt::format("Unable to write to '{}'", path));
    }
}

std::string readRaw(const std::string& path) {
    std::string text;
    try {
        text = readFile(path, 1u << 20);
    } catch (const Error& e) {
        throw Error::system(kDomain, e.int1() > 0 ? e.int1() : EIO, fmt::format("Unable to read from '{}'", path));
    }
    if (!text.empty() && text.back() == '\n')
        text.pop_back();
    return text;
}

bool isDirectory(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// rmdir bottom-up: a cgroup's files cannot be unlinked, they go with their
// directory. A group whose last task is still exiting answers EBUSY for a
// moment, so that is retried briefly.
bool removeRecursively(const std::string& dir) {
    DIR* d = ::opendir(dir.c_str());
    if (!d)
        return errno == ENOENT;
    std::vector<std::string> children;
    while (auto* entry = ::readdir(d)) {
        std::string name = entry->d_name;
        if (name == "." || name == "..")
            continue;
        if (entry->d_type == DT_DIR || (entry->d_type == DT_UNKNOWN && isDirectory(dir + "/" + name)))
            children.push_back(name);
    }
    ::closedir(d);
    bool ok = true;
    for (const auto& name : children)
        ok = removeRecursively(dir + "/" + name) && ok;
    for (int attempt = 0;; ++attempt) {
        if (::rmdir(dir.c_str()) == 0 || errno == ENOENT)
            return ok;
        if (errno != EBUSY || attempt >= 50) {
            CVIRT_WARN(kLog, "Unable to remove {}: {}", dir, std::strerror(errno));
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

uint64_t parseU64(const std::string& text) {
    auto v = parseInt<uint64_t>(trim(text));
    if (!v)
        fail(ErrorCode::InternalError, kDomain, "Unable to parse '{}' as an integer", text);
    return *v;
}

int64_t parseI64(const std::string& text) {
    auto v = parseInt<int64_t>(trim(text));
    if (!v)
        fail(ErrorCode::InternalError, kDomain, "Unable to parse '{}' as an integer", text);
    return *v;
}

}  // namespace

std::string_view cgroupControllerName(CgroupController c) {
    switch (c) {
    case CgroupController::Cpu: return "cpu";
    case CgroupController::Cpuacct: return "cpuacct";
    case CgroupController::Cpuset: return "cpuset";
    case CgroupController::Memory: return "memory";
    case CgroupController::Devices: return "devices";
    case CgroupController::Freezer: return "freezer";
    case CgroupController::Blkio: return "blkio";
    case CgroupController::NetCls: return "net_cls";
    case CgroupController::PerfEvent: return "perf_event";
    }
    return "";
}

// ---- mounts --------------------------------------------------------------

CgroupMounts CgroupMounts::parse(std::string_view mountinfo, const ReadFile& read, bool plainFiles) {
    CgroupMounts m;
    m.plainFiles_ = plainFiles;
    for (const auto& line : split(mountinfo, "\n")) {
        auto fields = split(line, " ");
        size_t dash = 0;
        while (dash < fields.size() && fields[dash] != "-")
            ++dash;
        if (dash < 5 || dash + 3 > fields.size())
            continue;
        std::string mountPoint = unescapeMountPath(fields[4]);
        const std::string& type = fields[dash + 1];
        const std::string& superOptions = fields[dash + 3];
        if (type == "cgroup") {
            // Mounts are listed in mount order; a later one (a bind mount)
            // wins, as in libvirt.
            auto options = split(superOptions, ",");
            for (auto c : kAll)
                for (const auto& o : options)
                    if (o == cgroupControllerName(c))
                        m.v1_[c] = mountPoint;
        } else if (type == "cgroup2") {
            m.unified_ = mountPoint;
            m.v2_.clear();
            auto listed = read(mountPoint + "/cgroup.controllers");
            // systemd's process-tracking-only cgroup2 (hybrid hosts) lists
            // nothing: no v2 controller then, as libvirt sees it.
            if (!listed || trim(*listed).empty())
                continue;
            for (const auto& name : split(*listed, " \n"))
                for (auto c : kAll)
                    if (name == v2Name(c))
                        m.v2_.insert(c);
            m.v2_.insert(CgroupController::Cpuacct);
        }
    }
    for (const auto& [c, path] : m.v1_)
        m.v2_.erase(c);
    return m;
}

std::shared_ptr<const CgroupMounts> CgroupMounts::host() {
    static const std::shared_ptr<const CgroupMounts> mounts = [] {
        std::string text;
        try {
            text = readFile("/proc/self/mountinfo", 4u << 20);
        } catch (const Error& e) {
            CVIRT_WARN(kLog, "no cgroups: {}", e.message());
        }
        auto read = [](const std::string& path) -> std::optional<std::string> {
            try {
                return readFile(path, 1u << 16);
            } catch (const Error&) {
                return std::nullopt;
            }
        };
        return std::make_shared<const CgroupMounts>(parse(text, read));
    }();
    return mounts;
}

bool CgroupMounts::has(CgroupController c) const { return v1_.count(c) || v2_.count(c); }

bool CgroupMounts::isV2(CgroupController c) const { return !v1_.count(c) && v2_.count(c); }

std::optional<std::string> CgroupMounts::mountOf(CgroupController c) const {
    if (auto it = v1_.find(c); it != v1_.end())
        return it->second;
    if (v2_.count(c))
        return unified_;
    return std::nullopt;
}

// ---- groups ----------------------------------------------------------------

Cgroup::Cgroup(std::shared_ptr<const CgroupMounts> mounts, std::string path,
               const std::vector<CgroupController>& controllers)
    : mounts_(std::move(mounts)), path_(std::move(path)) {
    for (auto c : controllers)
        if (mounts_->has(c))
            controllers_.insert(c);
}

std::string Cgroup::directory(CgroupController c) const {
    if (!has(c)) {
        if (mounts_->isV2(c) || (!mounts_->has(c) && !mounts_->unified().empty()))
            fail(ErrorCode::InternalError, kDomain, "v2 controller '{}' is not available", v2Name(c));
        fail(ErrorCode::InternalError, kDomain, "v1 controller '{}' is not mounted", cgroupControllerName(c));
    }
    return *mounts_->mountOf(c) + (path_ == "/" ? "" : path_);
}

std::string Cgroup::file(CgroupController c, std::string_view key) const {
    return directory(c) + "/" + std::string(key);
}

std::vector<std::string> Cgroup::directories() const {
    std::vector<std::string> out;
    for (auto c : controllers_) {
        std::string dir = directory(c);
        if (std::find(out.begin(), out.end(), dir) == out.end())
            out.push_back(dir);
    }
    return out;
}

bool Cgroup::exists() const {
    auto dirs = directories();
    if (dirs.empty())
        return false;
    for (const auto& dir : dirs)
        if (!isDirectory(dir))
            return false;
    return true;
}

Cgroup Cgroup::child(std::string_view name, const std::vector<CgroupController>& controllers) const {
    std::vector<CgroupController> wanted;
    for (auto c : controllers)
        if (has(c))
            wanted.push_back(c);
    std::string path = (path_ == "/" ? "" : path_) + "/" + std::string(name);
    return Cgroup(mounts_, std::move(path), wanted);
}

Cgroup Cgroup::makeChild(std::string_view name, const std::vector<CgroupController>& controllers,
                         unsigned flags) const {
    Cgroup group = child(name, controllers);
    // v2: a group can only get the controllers its parent has.
    bool anyV2 = false;
    for (auto c : group.controllers())
        anyV2 = anyV2 || mounts_->isV2(c);
    std::string parentUnified = mounts_->unified() + (path_ == "/" ? "" : path_);
    if (anyV2) {
        std::string listed = " " + readRaw(parentUnified + "/cgroup.controllers") + " ";
        for (auto c : group.controllers())
            if (mounts_->isV2(c) && !implicitInV2(c) &&
                listed.find(" " + std::string(v2Name(c)) + " ") == std::string::npos)
                group.controllers_.erase(c);
    }

    std::set<std::string> created;
    try {
        for (auto c : group.controllers()) {
            std::string dir = group.directory(c);
            bool v2 = mounts_->isV2(c);
            if (!isDirectory(dir)) {
                if (::mkdir(dir.c_str(), 0755) < 0 && errno != EEXIST) {
                    // Kernels without nested blkio groups: libvirt goes on without it.
                    if (c == CgroupController::Blkio && !v2) {
                        group.controllers_.erase(c);
                        continue;
                    }
                    if (v2)
                        failSystem(kDomain, fmt::format("Failed to create v2 cgroup '{}'", dir));
                    failSystem(kDomain, fmt::format("Failed to create v1 controller {} for group",
                                                    cgroupControllerName(c)));
                }
                created.insert(dir);
            }
            if (v2 || !created.count(dir))
                continue;
            // A new v1 cpuset group starts without CPUs or memory nodes:
            // tasks could not join it.
            if (c == CgroupController::Cpuset)
                for (auto key : {"cpuset.cpus", "cpuset.mems", "cpuset.memory_migrate"})
                    group.setValue(c, key, value(c, key));
            if (c == CgroupController::Memory && (flags & kMakeMemoryHierarchy) &&
                fileExists(group.file(c, "memory.use_hierarchy")) &&
                trim(group.value(c, "memory.use_hierarchy")) != "1")
                group.setValue(c, "memory.use_hierarchy", "1");
        }
        if (anyV2) {
            std::string control = parentUnified + "/cgroup.subtree_control";
            if (flags & kMakeThreaded) {
                std::string dir = mounts_->unified() + group.path_;
                writeRaw(dir + "/cgroup.type", "threaded", mounts_->plainFiles());
                for (auto c : {CgroupController::Cpu, CgroupController::Cpuset})
                    if (group.has(c) && mounts_->isV2(c))
                        writeRaw(control, "+" + std::string(v2Name(c)), mounts_->plainFiles());
            } else {
                for (auto c : group.controllers()) {
                    if (!mounts_->isV2(c) || implicitInV2(c))
                        continue;
                    try {
                        writeRaw(control, "+" + std::string(v2Name(c)), mounts_->plainFiles());
                    } catch (const Error& e) {
                        // libvirt skips what the parent cannot delegate.
                        CVIRT_DEBUG(kLog, "failed to enable '{}' controller, skipping: {}", v2Name(c), e.message());
                        group.controllers_.erase(c);
                    }
                }
            }
        }
    } catch (...) {
        if (!created.empty())
            group.remove();
        throw;
    }
    return group;
}

void Cgroup::addProcess(pid_t pid) const {
    for (const auto& dir : directories())
        writeRaw(dir + "/cgroup.procs", std::to_string(pid), mounts_->plainFiles());
}

void Cgroup::addThread(pid_t tid) const {
    std::map<std::string, bool> dirs;  // directory -> in the unified hierarchy
    for (auto c : controllers_)
        dirs[directory(c)] = mounts_->isV2(c);
    for (const auto& [dir, unified] : dirs)
        writeRaw(dir + (unified ? "/cgroup.threads" : "/tasks"), std::to_string(tid), mounts_->plainFiles());
}

bool Cgroup::remove() const noexcept {
    if (path_ == "/")
        return true;
    bool ok = true;
    try {
        for (const auto& dir : directories())
            ok = removeRecursively(dir) && ok;
    } catch (const std::exception& e) {
        CVIRT_WARN(kLog, "cannot remove cgroup {}: {}", path_, e.what());
        return false;
    }
    return ok;
}

std::string Cgroup::value(CgroupController c, std::string_view key) const { return readRaw(file(c, key)); }

void Cgroup::setValue(CgroupController c, std::string_view key, std::string_view value) const {
    CVIRT_DEBUG(kLog, "Set path '{}' to value '{}'", file(c, key), value);
    writeRaw(file(c, key), value, mounts_->plainFiles());
}

// ---- CPU -------------------------------------------------------------------

uint64_t Cgroup::cpuShares() const {
    return parseU64(value(CgroupController::Cpu, mounts_->isV2(CgroupController::Cpu) ? "cpu.weight" : "cpu.shares"));
}

void Cgroup::setCpuShares(uint64_t shares) const {
    bool v2 = mounts_->isV2(CgroupController::Cpu);
    uint64_t min = v2 ? kCgroupV2WeightMin : kCgroupCpuSharesMin;
    uint64_t max = v2 ? kCgroupV2WeightMax : kCgroupCpuSharesMax;
    if (shares < min || shares > max)
        fail(ErrorCode::InvalidArg, kDomain, "shares '{}' must be in range [{}, {}]", shares, min, max);
    setValue(CgroupController::Cpu, v2 ? "cpu.weight" : "cpu.shares", std::to_string(shares));
}

bool Cgroup::supportsCpuBandwidth() const {
    if (!has(CgroupController::Cpu))
        return false;
    return fileExists(file(CgroupController::Cpu,
                           mounts_->isV2(CgroupController::Cpu) ? "cpu.max" : "cpu.cfs_period_us"));
}

uint64_t Cgroup::cfsPeriod() const {
    if (!mounts_->isV2(CgroupController::Cpu))
        return parseU64(value(CgroupController::Cpu, "cpu.cfs_period_us"));
    std::string max = value(CgroupController::Cpu, "cpu.max");
    auto space = max.find(' ');
    if (space == std::string::npos)
        fail(ErrorCode::InternalError, kDomain, "{}", "Invalid 'cpu.max' data.");
    auto period = parseInt<uint64_t>(trim(std::string_view(max).substr(space + 1)));
    if (!period)
        fail(ErrorCode::InternalError, kDomain, "Failed to parse value '{}' from cpu.max.", max);
    return *period;
}

void Cgroup::setCfsPeriod(uint64_t period) const {
    if (period < kCgroupCpuPeriodMin || period > kCgroupCpuPeriodMax)
        fail(ErrorCode::InvalidArg, kDomain, "cfs_period '{}' must be in range ({}, {})", period, kCgroupCpuPeriodMin,
             kCgroupCpuPeriodMax);
    if (!mounts_->isV2(CgroupController::Cpu)) {
        setValue(CgroupController::Cpu, "cpu.cfs_period_us", std::to_string(period));
        return;
    }
    std::string max = value(CgroupController::Cpu, "cpu.max");
    auto space = max.find(' ');
    if (space == std::string::npos)
        fail(ErrorCode::InternalError, kDomain, "{}", "Invalid 'cpu.max' data.");
    setValue(CgroupController::Cpu, "cpu.max", max.substr(0, space) + " " + std::to_string(period));
}

int64_t Cgroup::cfsQuota() const {
    if (!mounts_->isV2(CgroupController::Cpu))
        return parseI64(value(CgroupController::Cpu, "cpu.cfs_quota_us"));
    std::string max = value(CgroupController::Cpu, "cpu.max");
    if (max.rfind("max", 0) == 0)
        return kCgroupCpuQuotaMax;
    auto quota = parseInt<int64_t>(std::string_view(max).substr(0, max.find(' ')));
    if (!quota)
        fail(ErrorCode::InternalError, kDomain, "Failed to parse value '{}' from cpu.max.", max);
    return *quota;
}

void Cgroup::setCfsQuota(int64_t quota) const {
    if (quota >= 0 && (quota < kCgroupCpuQuotaMin || quota > kCgroupCpuQuotaMax))
        fail(ErrorCode::InvalidArg, kDomain, "cfs_quota '{}' must be in range ({}, {})", quota, kCgroupCpuQuotaMin,
             kCgroupCpuQuotaMax);
    if (!mounts_->isV2(CgroupController::Cpu)) {
        setValue(CgroupController::Cpu, "cpu.cfs_quota_us", std::to_string(quota));
        return;
    }
    // Only the first number: the kernel keeps the period.
    setValue(CgroupController::Cpu, "cpu.max",
             quota < 0 || quota == kCgroupCpuQuotaMax ? std::string("max") : std::to_string(quota));
}

std::string Cgroup::cpusetCpus() const { return value(CgroupController::Cpuset, "cpuset.cpus"); }

void Cgroup::setCpusetCpus(const std::string& cpus) const { setValue(CgroupController::Cpuset, "cpuset.cpus", cpus); }

std::string cgroupPartitionEscape(std::string_view name) {
    // The subsystems a kernel may list in /proc/cgroups.
    static constexpr std::string_view kSubsystems[] = {"cpuset", "cpu",     "cpuacct",    "blkio",    "memory",
                                                       "devices", "freezer", "net_cls",    "perf_event",
                                                       "net_prio", "hugetlb", "pids",      "rdma",     "misc",
                                                       "io"};
    bool escape = name.rfind("cgroup.", 0) == 0 || (!name.empty() && (name[0] == '_' || name[0] == '.'));
    for (auto s : kSubsystems)
        escape = escape || (name.size() > s.size() && name.rfind(s, 0) == 0 && name[s.size()] == '.');
    return escape ? "_" + std::string(name) : std::string(name);
}

}  // namespace cvirt
