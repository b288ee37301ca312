#pragma once
// Internal: the server's state, shared by Server and its client sessions.

#include <atomic>
#include <map>
#include <memory>
#include <thread>
#include <vector>

#include <asio.hpp>

#include "rpc/server.hpp"

namespace cvirt::rpc {

namespace detail {
class Session;
}

struct Server::Impl : std::enable_shared_from_this<Server::Impl> {
    Impl(ServerConfig config, std::shared_ptr<Dispatcher> dispatcher);

    // Event loop thread only.
    void addClient(std::unique_ptr<Stream> stream, const ListenerOptions& options);
    void removeClient(uint64_t id);
    void closeAll();

    ServerConfig config;
    std::shared_ptr<Dispatcher> dispatcher;
    asio::io_context io;
    asio::executor_work_guard<asio::io_context::executor_type> work;
    WorkerPool pool;
    std::thread loop;
    std::atomic<size_t> clientCount{0};
    std::atomic<uint64_t> nextClientId{1};
    std::atomic<bool> stopped{false};

    // Event loop thread only.
    std::map<uint64_t, std::shared_ptr<detail::Session>> sessions;
    std::vector<std::function<void()>> closeListeners;
};

}  // namespace cvirt::rpc
