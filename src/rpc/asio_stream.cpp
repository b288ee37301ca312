#include "rpc/asio_stream.hpp"

#include <sys/socket.h>

#include <fmt/format.h>

namespace cvirt::rpc::detail {

StreamInfo unixStreamInfo(asio::local::stream_protocol::socket& socket, const std::string& path) {
    StreamInfo info;
    info.description = "unix:" + path;
    info.secure = true;
    struct ucred cred {};
    socklen_t len = sizeof(cred);
    if (::getsockopt(socket.native_handle(), SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0)
        info.credentials = PeerCredentials{cred.pid, cred.uid, cred.gid};
    return info;
}

StreamInfo tcpStreamInfo(asio::ip::tcp::socket& socket) {
    StreamInfo info;
    std::error_code ec;
    auto peer = socket.remote_endpoint(ec);
    if (ec)
        info.description = "tcp:?";
    else if (peer.address().is_v6())
        info.description = fmt::format("tcp:[{}]:{}", peer.address().to_string(), peer.port());
    else
        info.description = fmt::format("tcp:{}:{}", peer.address().to_string(), peer.port());
    return info;
}

}  // namespace cvirt::rpc::detail
