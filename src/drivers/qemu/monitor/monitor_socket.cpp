#include "drivers/qemu/monitor/monitor_socket.hpp"

#include <sys/socket.h>
#include <sys/un.h>

#include "util/error.hpp"
#include "util/files.hpp"

namespace cvirt::qemu {

UniqueFd listenMonitorSocket(const std::string& path) {
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (path.size() >= sizeof addr.sun_path)
        fail(ErrorCode::InternalError, ErrorDomain::Qemu, "Monitor path {} too big for destination", path);
    path.copy(addr.sun_path, sizeof addr.sun_path - 1);
    UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!fd)
        failSystem(ErrorDomain::Qemu, "Failed to create UNIX socket");
    removeFile(path);
    if (::bind(fd.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr) < 0)
        failSystem(ErrorDomain::Qemu, fmt::format("Failed to bind socket to '{}'", path));
    if (::listen(fd.get(), 1) < 0)
        failSystem(ErrorDomain::Qemu, fmt::format("Failed to listen on socket '{}'", path));
    return fd;
}

}  // namespace cvirt::qemu
