#pragma once
// One client connection as the layer above the RPC server (the daemon) sees
// it: its transport, its access state, and a way to push MESSAGEs (events).
// Every method is thread-safe.

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "rpc/message.hpp"
#include "rpc/programs.hpp"
#include "rpc/stream.hpp"
#include "rpc/xdr.hpp"

namespace cvirt::rpc {

// libvirtd sends event MESSAGEs with serial 1; clients ignore it.
inline constexpr uint32_t kEventSerial = 1;

class ServerClient {
public:
    virtual ~ServerClient() = default;

    // Unique for the life of the server process.
    virtual uint64_t id() const = 0;
    // Shared ownership, for whoever pushes events to this client later
    // (keep it weak: the client may go away at any time).
    virtual std::shared_ptr<ServerClient> shared() = 0;
    virtual const StreamInfo& transport() const = 0;

    // A read-only client may only call procedures flagged RO. Starts as the
    // listener says; the daemon also sets it for CONNECT_OPEN with the RO bit.
    virtual bool readOnly() const = 0;
    virtual void setReadOnly(bool readOnly) = 0;
    // An unauthenticated client may only call PREAUTH procedures. Starts
    // true on listeners without authentication; the auth procedures set it.
    virtual bool authenticated() const = 0;
    virtual void setAuthenticated(bool authenticated) = 0;

    // Starts pinging this client every keepalive interval and drops it after
    // `count` unanswered pings. The daemon calls it when the client asks
    // CONNECT_SUPPORTS_FEATURE(PROGRAM_KEEPALIVE).
    virtual void enableKeepalive() = 0;

    // Queues a MESSAGE to the client; dropped silently once it is closed.
    virtual void sendMessage(uint32_t program, uint32_t version, int32_t procedure,
                             std::vector<uint8_t> payload) = 0;
    template <TypedProcedure P>
    void sendEvent(const typename P::Args& message) {
        sendMessage(P::kProgram, P::kVersion, P::kNumber, encode(message));
    }

    // Queues a STREAM packet (rpc/stream_channel.hpp builds them); dropped
    // once the client is closed. `written` runs on the event loop when the
    // packet went out: a stream sends its next chunk then, so a client that
    // does not read holds back its stream's source rather than our memory.
    virtual void sendStreamPacket(std::vector<uint8_t> packet, std::function<void()> written = {}) = 0;

    // Disconnects the client.
    virtual void close() = 0;
    virtual bool isClosed() const = 0;

    // State of the layer above, kept with the client (the daemon's open
    // hypervisor connection, registered callbacks, ...).
    virtual void setUserData(std::shared_ptr<void> data) = 0;
    virtual std::shared_ptr<void> userData() const = 0;
    template <typename T>
    std::shared_ptr<T> userDataAs() const {
        return std::static_pointer_cast<T>(userData());
    }
};

}  // namespace cvirt::rpc
