#pragma once
// The generic RPC server: listeners, per-client framing, keepalive, access
// checks, and a worker pool that runs calls through a Dispatcher.
//
// One event loop thread does all socket I/O; calls run on workers, so one
// slow call never stalls the loop or another client. Per client:
//  - a CALL to an unknown program is answered with VIR_ERR_RPC, an unknown
//    procedure of a known program with VIR_ERR_NO_SUPPORT, on the call's
//    serial, and the connection stays open;
//  - at most maxClientRequests calls are in flight; beyond that the client's
//    socket is not read until one completes;
//  - an invalid length word drops the client (nothing after it can be
//    framed), and so does an output queue past maxOutputBytes (a client
//    that does not read its replies cannot hold the daemon's memory);
//  - PING is always answered with PONG, a PONG never is; after
//    ServerClient::enableKeepalive() the server pings a quiet client and
//    drops it after keepaliveCount unanswered pings.

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "rpc/dispatcher.hpp"
#include "rpc/stream.hpp"
#include "rpc/worker_pool.hpp"

namespace cvirt::rpc {

struct ServerConfig {
    WorkerPoolConfig workers;
    size_t maxClients = 5000;
    size_t maxClientRequests = 5;
    size_t maxOutputBytes = 2 * size_t(kPacketMax);
    std::chrono::milliseconds keepaliveInterval{5000};
    unsigned keepaliveCount = 5;
};

struct ListenerOptions {
    bool readOnly = false;     // every client of this listener is read-only
    bool requireAuth = false;  // clients start unauthenticated (SASL, polkit)
    StreamWrapper wrap;        // e.g. TLS; identity when empty
};

class Server {
public:
    Server(ServerConfig config, std::shared_ptr<Dispatcher> dispatcher);
    ~Server();  // stop()
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds a unix socket (replacing a stale socket file) with file `mode`.
    void listenUnix(const std::string& path, mode_t mode = 0666, ListenerOptions options = {});
    // Binds host:port ("127.0.0.1", "::1", "0.0.0.0", "::", a name); port 0
    // picks a free port. Returns the bound port.
    uint16_t listenTcp(const std::string& host, uint16_t port, ListenerOptions options = {});

    // Closes the listeners and every client, lets running calls finish,
    // reports clientClosed for each client, and joins all threads.
    void stop();

    size_t clientCount() const;
    const ServerConfig& config() const;

    // Applies new client limits and keepalive settings (a daemon's config
    // reload) without touching connected clients: they apply to the next
    // accept, the next call and the next keepalive start. Worker counts
    // stay as constructed.
    void setLimits(size_t maxClients, size_t maxClientRequests, std::chrono::milliseconds keepaliveInterval,
                   unsigned keepaliveCount);

    struct Impl;

private:
    std::shared_ptr<Impl> impl_;
};

}  // namespace cvirt::rpc
