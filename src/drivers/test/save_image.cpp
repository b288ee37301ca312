#include "drivers/test/save_image.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

#include <fmt/format.h>

#include "util/error.hpp"
#include "util/fd.hpp"

namespace cvirt::drivers::test {
namespace {

constexpr char kMagic[] = "TestGuestMagic";  // written with its NUL
constexpr int32_t kMaxXml = 8192;

// Reads up to `size` bytes, stopping early only at end of file; errno is
// left at 0 for a short file, as libvirt's saferead leaves it.
ssize_t readFully(int fd, void* buf, size_t size) {
    size_t done = 0;
    errno = 0;
    while (done < size) {
        ssize_t n = ::read(fd, static_cast<char*>(buf) + done, size - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (n == 0)
            break;
        done += static_cast<size_t>(n);
    }
    return static_cast<ssize_t>(done);
}

bool writeFully(int fd, const void* buf, size_t size) {
    size_t done = 0;
    while (done < size) {
        ssize_t n = ::write(fd, static_cast<const char*>(buf) + done, size - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        done += static_cast<size_t>(n);
    }
    return true;
}

}  // namespace

void writeSaveImage(const std::string& path, const std::string& domainName, const std::string& xml) {
    UniqueFd fd(::open(path.c_str(), O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0600));
    if (!fd)
        throw Error::system(ErrorDomain::Test, errno,
                            fmt::format("saving domain '{}' to '{}': open failed", domainName, path));
    int32_t len = static_cast<int32_t>(xml.size());
    bool ok = writeFully(fd.get(), kMagic, sizeof(kMagic)) && writeFully(fd.get(), &len, sizeof(len)) &&
              writeFully(fd.get(), xml.data(), xml.size());
    int err = errno;
    if (ok && ::close(fd.release()) != 0) {
        ok = false;
        err = errno;
    }
    if (!ok) {
        ::unlink(path.c_str());
        throw Error::system(ErrorDomain::Test, err,
                            fmt::format("saving domain '{}' to '{}': write failed", domainName, path));
    }
}

std::string readSaveImage(const std::string& path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd)
        throw Error::system(ErrorDomain::Test, errno, fmt::format("cannot read domain image '{}'", path));
    char magic[sizeof(kMagic)];
    if (readFully(fd.get(), magic, sizeof(magic)) != static_cast<ssize_t>(sizeof(magic)))
        throw Error::system(ErrorDomain::Test, errno, fmt::format("incomplete save header in '{}'", path));
    if (std::memcmp(magic, kMagic, sizeof(magic)) != 0)
        throw Error(ErrorCode::InternalError, ErrorDomain::Test, "mismatched header magic");
    int32_t len = 0;
    if (readFully(fd.get(), &len, sizeof(len)) != static_cast<ssize_t>(sizeof(len)))
        throw Error::system(ErrorDomain::Test, errno, fmt::format("failed to read metadata length in '{}'", path));
    if (len < 1 || len > kMaxXml)
        throw Error(ErrorCode::InternalError, ErrorDomain::Test, "length of metadata out of range");
    std::string xml(static_cast<size_t>(len), '\0');
    if (readFully(fd.get(), xml.data(), xml.size()) != len)
        throw Error::system(ErrorDomain::Test, errno, fmt::format("incomplete metadata in '{}'", path));
    // libvirt reads the XML as a C string.
    xml.resize(std::strlen(xml.c_str()));
    return xml;
}

}  // namespace cvirt::drivers::test
