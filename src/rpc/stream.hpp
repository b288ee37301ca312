#pragma once
// The byte stream an RPC connection runs over: a unix or TCP socket, the
// stdin/stdout pipes of a child (ssh), and later TLS layered on any of them.
// It is the seam for encryption: a TLS stream wraps another Stream and the
// framing above never knows.

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <system_error>

namespace cvirt::rpc {

// The peer of a unix socket, from SO_PEERCRED: what polkit-style and
// uid-based access checks need.
struct PeerCredentials {
    pid_t pid = 0;
    uid_t uid = 0;
    gid_t gid = 0;
};

struct StreamInfo {
    std::string description;  // "unix:/run/cvirt/sock", "tcp:127.0.0.1:40001", "pipe:ssh host ..."
    // Nobody else can read the bytes: a local socket or pipe, or TLS. Plain
    // TCP is not (CONNECT_IS_SECURE answers from this).
    bool secure = false;
    bool encrypted = false;
    std::optional<PeerCredentials> credentials;
};

// Asynchronous byte stream. Every handler runs on the event loop thread that
// owns the stream; the stream is used from that thread only.
class Stream {
public:
    using Handler = std::function<void(std::error_code, size_t)>;
    virtual ~Stream() = default;
    // Reads at least one and at most buffer.size() bytes.
    virtual void asyncReadSome(std::span<uint8_t> buffer, Handler done) = 0;
    // Writes all of `data` (which must stay valid until `done`).
    virtual void asyncWrite(std::span<const uint8_t> data, Handler done) = 0;
    // Cancels pending operations; their handlers see an error.
    virtual void close() = 0;
    virtual const StreamInfo& info() const = 0;
};

// Wraps a freshly accepted or connected stream (e.g. in TLS) before any RPC
// byte flows; identity when not set.
using StreamWrapper = std::function<std::unique_ptr<Stream>(std::unique_ptr<Stream>)>;

}  // namespace cvirt::rpc
