#pragma once
// Files and directories: whole-file reads, crash-safe writes, listings and
// pid files.

#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/fd.hpp"

namespace cvirt {

// Reads a whole file; Error(SYSTEM_ERROR) naming the path on failure.
// `maxBytes` bounds what untrusted files may make us allocate.
std::string readFile(const std::string& path, size_t maxBytes = 64u << 20);

// What a replaced file must survive. The rename alone guarantees that a
// crash of the process leaves the old or the new file; surviving a power
// loss takes an fsync of the file and of its directory as well.
enum class Durability { ProcessCrash, PowerLoss };

// Replaces `path` with `content` so that a crash at any moment leaves either
// the old or the new file, never a mix: write a temp file in the same
// directory, rename it over `path` (with fsyncs for PowerLoss).
void writeFileAtomic(const std::string& path, std::string_view content, mode_t mode = 0600,
                     Durability durability = Durability::PowerLoss);

// Creates `path` and missing parents (like mkdir -p).
void makeDirectories(const std::string& path, mode_t mode = 0755);

// The names in a directory (no "." or ".."), sorted; only those ending in
// `suffix` when it is given. A missing directory lists as empty.
std::vector<std::string> listDirectory(const std::string& path, std::string_view suffix = {});

bool fileExists(const std::string& path);
// Removes a file; a missing file is not an error.
void removeFile(const std::string& path);
// Removes a directory tree; a missing one is not an error.
void removeTree(const std::string& path);

// A pid file held under an exclusive lock for as long as this object lives,
// so that a second daemon on the same state directory refuses to start.
class PidFile {
public:
    // Throws Error(OPERATION_FAILED) when another live process holds it.
    static PidFile acquire(const std::string& path);
    PidFile(PidFile&&) = default;
    PidFile& operator=(PidFile&&) = default;
    ~PidFile();
    const std::string& path() const { return path_; }

    // The pid recorded in `path` if a live process holds its lock.
    static std::optional<pid_t> readLive(const std::string& path);

private:
    PidFile(std::string path, UniqueFd fd) : path_(std::move(path)), fd_(std::move(fd)) {}
    std::string path_;
    UniqueFd fd_;
};

}  // namespace cvirt
