#pragma once
// Paths as libvirt's virFileSanitizePath tidies them when it reads some
// XML attributes (shmem server path, input evdev, ...).

#include <string>
#include <string_view>

namespace cvirt::conf::domain {

// Collapses runs of '/' (a leading "//" that is not "///" is kept, as
// POSIX gives it a meaning) and drops a trailing '/' unless the path is
// just "/".
std::string sanitizeFilePath(std::string_view path);

}  // namespace cvirt::conf::domain
