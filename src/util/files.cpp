#include "util/files.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>

#include "util/error.hpp"
#include "util/strings.hpp"

namespace cvirt {
namespace {

void writeAll(int fd, std::string_view data, const std::string& path) {
    while (!data.empty()) {
        ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0) {
            if (errno == EINTR)
                continue;
            failSystem(ErrorDomain::None, fmt::format("cannot write '{}'", path));
        }
        data.remove_prefix(static_cast<size_t>(n));
    }
}

std::string parentOf(const std::string& path) {
    auto slash = path.rfind('/');
    if (slash == std::string::npos)
        return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace

std::string readFile(const std::string& path, size_t maxBytes) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd)
        failSystem(ErrorDomain::None, fmt::format("Failed to open file '{}'", path));
    std::string out;
    char buf[65536];
    for (;;) {
        ssize_t n = ::read(fd.get(), buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            failSystem(ErrorDomain::None, fmt::format("Failed to read file '{}'", path));
        }
        if (n == 0)
            break;
        if (out.size() + static_cast<size_t>(n) > maxBytes)
            fail(ErrorCode::InternalError, ErrorDomain::None, "file '{}' is larger than {} bytes",
                 path, maxBytes);
        out.append(buf, static_cast<size_t>(n));
    }
    return out;
}

void writeFileAtomic(const std::string& path, std::string_view content, mode_t mode, Durability durability) {
    bool sync = durability == Durability::PowerLoss;
    std::string dir = parentOf(path);
    std::string tmp = path + ".XXXXXX";
    UniqueFd fd(::mkostemp(tmp.data(), O_CLOEXEC));
    if (!fd)
        failSystem(ErrorDomain::None, fmt::format("cannot create temporary file for '{}'", path));
    struct Cleanup {
        std::string* name;
        ~Cleanup() {
            if (name)
                ::unlink(name->c_str());
        }
    } cleanup{&tmp};
    if (::fchmod(fd.get(), mode) < 0)
        failSystem(ErrorDomain::None, fmt::format("cannot set mode of '{}'", tmp));
    writeAll(fd.get(), content, tmp);
    if (sync && ::fsync(fd.get()) < 0)
        failSystem(ErrorDomain::None, fmt::format("cannot sync '{}'", tmp));
    fd.reset();
    if (::rename(tmp.c_str(), path.c_str()) < 0)
        failSystem(ErrorDomain::None, fmt::format("cannot rename '{}' to '{}'", tmp, path));
    cleanup.name = nullptr;
    if (!sync)
        return;
    UniqueFd dirFd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!dirFd || ::fsync(dirFd.get()) < 0)
        failSystem(ErrorDomain::None, fmt::format("cannot sync directory '{}'", dir));
}

void makeDirectories(const std::string& path, mode_t mode) {
    if (path.empty())
        return;
    struct stat st;
    if (::stat(path.c_str(), &st) == 0) {
        if (!S_ISDIR(st.st_mode))
            fail(ErrorCode::SystemError, ErrorDomain::None, "'{}' exists and is not a directory", path);
        return;
    }
    std::string parent = parentOf(path);
    if (parent != path)
        makeDirectories(parent, mode);
    if (::mkdir(path.c_str(), mode) < 0 && errno != EEXIST)
        failSystem(ErrorDomain::None, fmt::format("cannot create directory '{}'", path));
}

std::vector<std::string> listDirectory(const std::string& path, std::string_view suffix) {
    std::vector<std::string> out;
    DIR* dir = ::opendir(path.c_str());
    if (!dir) {
        if (errno == ENOENT)
            return out;
        failSystem(ErrorDomain::None, fmt::format("cannot open directory '{}'", path));
    }
    while (auto* entry = ::readdir(dir)) {
        std::string_view name = entry->d_name;
        if (name == "." || name == "..")
            continue;
        if (!suffix.empty() && !name.ends_with(suffix))
            continue;
        out.emplace_back(name);
    }
    ::closedir(dir);
    std::sort(out.begin(), out.end());
    return out;
}

bool fileExists(const std::string& path) { return ::access(path.c_str(), F_OK) == 0; }

void removeFile(const std::string& path) {
    if (::unlink(path.c_str()) < 0 && errno != ENOENT)
        failSystem(ErrorDomain::None, fmt::format("cannot remove '{}'", path));
}

void removeTree(const std::string& path) {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
    if (ec)
        fail(ErrorCode::SystemError, ErrorDomain::None, "cannot remove '{}': {}", path, ec.message());
}

PidFile PidFile::acquire(const std::string& path) {
    UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
    if (!fd)
        failSystem(ErrorDomain::None, fmt::format("Failed to open pid file '{}'", path));
    if (::flock(fd.get(), LOCK_EX | LOCK_NB) < 0) {
        if (errno == EWOULDBLOCK)
            fail(ErrorCode::OperationFailed, ErrorDomain::None,
                 "Failed to acquire pid file '{}': another process holds it", path);
        failSystem(ErrorDomain::None, fmt::format("Failed to lock pid file '{}'", path));
    }
    std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd.get(), 0) < 0)
        failSystem(ErrorDomain::None, fmt::format("Failed to truncate pid file '{}'", path));
    writeAll(fd.get(), pid, path);
    return PidFile(path, std::move(fd));
}

PidFile::~PidFile() {
    // Unlink while still holding the lock, so no successor's file is removed.
    if (fd_)
        ::unlink(path_.c_str());
}

std::optional<pid_t> PidFile::readLive(const std::string& path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd)
        return std::nullopt;
    if (::flock(fd.get(), LOCK_SH | LOCK_NB) == 0)
        return std::nullopt;  // nobody holds it
    char buf[32] = {};
    ssize_t n = ::pread(fd.get(), buf, sizeof buf - 1, 0);
    if (n <= 0)
        return std::nullopt;
    auto pid = parseInt<pid_t>(trim(std::string_view(buf, static_cast<size_t>(n))));
    return pid;
}

}  // namespace cvirt
