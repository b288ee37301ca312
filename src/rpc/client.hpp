#pragma once
// The RPC client: one connection to a daemon over a unix socket, TCP, or the
// stdin/stdout of a child process (ssh, or any command that bridges to the
// daemon's socket).
//
// Several threads may call at once: each call gets the next serial and waits
// for the REPLY with that serial. MESSAGE packets (events) go to handlers on
// a separate thread, so a handler may itself make calls. PINGs are answered
// with PONG; startKeepalive() pings a quiet server and drops it after
// `count` unanswered pings. A closed connection fails every waiting and
// later call with an Error.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "rpc/message.hpp"
#include "rpc/programs.hpp"
#include "rpc/stream.hpp"
#include "rpc/stream_channel.hpp"
#include "rpc/xdr.hpp"
#include "util/process.hpp"

namespace cvirt::rpc {

struct ClientOptions {
    // Default wait for a reply; zero waits as long as the connection lives
    // (keepalive is what notices a dead peer).
    std::chrono::milliseconds timeout{0};
    size_t maxOutputBytes = 2 * size_t(kPacketMax);
    StreamWrapper wrap;  // e.g. TLS; identity when empty
};

class Client {
public:
    // Throw Error(SYSTEM_ERROR, RPC) when the peer cannot be reached.
    static std::unique_ptr<Client> connectUnix(const std::string& path, ClientOptions options = {});
    static std::unique_ptr<Client> connectTcp(const std::string& host, uint16_t port, ClientOptions options = {});
    // Spawns `command` with its stdin and stdout as the connection (stdin and
    // stdout of the Command are overridden); the child is killed on close.
    static std::unique_ptr<Client> connectCommand(Command command, ClientOptions options = {});

    ~Client();
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    // Sends a CALL and waits for its REPLY: the reply payload, or the
    // daemon's remote_error thrown as Error. Timeout: OPERATION_TIMEOUT.
    std::vector<uint8_t> callRaw(uint32_t program, uint32_t version, int32_t procedure,
                                 std::span<const uint8_t> payload,
                                 std::optional<std::chrono::milliseconds> timeout = std::nullopt);

    template <TypedProcedure P>
    typename P::Ret call(const typename P::Args& args = {},
                         std::optional<std::chrono::milliseconds> timeout = std::nullopt) {
        auto reply = callRaw(P::kProgram, P::kVersion, P::kNumber, encode(args), timeout);
        return decode<typename P::Ret>(reply);
    }

    using MessageHandler = std::function<void(const Header& header, std::span<const uint8_t> payload)>;
    // Handles MESSAGEs of one procedure (replacing an earlier handler).
    void onMessage(uint32_t program, int32_t procedure, MessageHandler handler);
    template <TypedProcedure P>
    void onEvent(std::function<void(typename P::Args)> handler) {
        onMessage(P::kProgram, P::kNumber, [handler = std::move(handler)](const Header&, std::span<const uint8_t> p) {
            handler(decode<typename P::Args>(p));
        });
    }
    // Called once when the connection closes, with the reason.
    void onClose(std::function<void(const std::string& reason)> handler);

    // Sends a MESSAGE (no reply expected).
    void sendMessage(uint32_t program, uint32_t version, int32_t procedure, std::span<const uint8_t> payload);

    // ---- streams (rpc/stream_channel.hpp) ----
    // Gets the packets of one stream, on the socket loop: keep it short. When
    // the connection closes it gets an Error event.
    using StreamHandler = std::function<void(StreamEvent&& event)>;
    // Sends a CALL that opens a stream (DOMAIN_OPEN_CONSOLE) and waits for
    // its reply as callRaw() does, with `handler` registered under the
    // call's serial before the call leaves. Returns the stream's key; on an
    // error reply the handler is dropped and the error thrown.
    StreamKey callOpeningStream(uint32_t program, uint32_t version, int32_t procedure,
                                std::span<const uint8_t> payload, StreamHandler handler,
                                std::optional<std::chrono::milliseconds> timeout = std::nullopt);
    template <TypedProcedure P>
    StreamKey callOpeningStream(const typename P::Args& args, StreamHandler handler) {
        return callOpeningStream(P::kProgram, P::kVersion, P::kNumber, encode(args), std::move(handler));
    }
    // Queues a packet of an open stream.
    void sendStreamPacket(std::vector<uint8_t> packet);
    // Stops routing the packets of `key` (the stream ended); later ones are
    // dropped.
    void closeStream(const StreamKey& key);

    void startKeepalive(std::chrono::milliseconds interval, unsigned count);

    void close();
    bool isOpen() const;
    const StreamInfo& transport() const;

    struct Impl;

private:
    explicit Client(std::shared_ptr<Impl> impl);
    // callRaw, with `registered(serial)` run before the call leaves.
    std::vector<uint8_t> callRegistering(uint32_t program, uint32_t version, int32_t procedure,
                                         std::span<const uint8_t> payload,
                                         std::optional<std::chrono::milliseconds> timeout,
                                         const std::function<void(uint32_t serial)>& registered);
    std::shared_ptr<Impl> impl_;
};

}  // namespace cvirt::rpc
