#include "rpc/server.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <future>

#include <fmt/format.h>

#include "rpc/asio_stream.hpp"
#include "rpc/server_impl.hpp"
#include "rpc/server_session.hpp"
#include "util/log.hpp"

namespace cvirt::rpc {

namespace {

constexpr std::string_view kLog = "rpc.server";

// Accepts forever on `acceptor`; a failed accept (EMFILE...) is retried
// after a pause instead of spinning.
template <typename Acceptor, typename MakeStream>
void acceptLoop(std::shared_ptr<Server::Impl> impl, std::shared_ptr<Acceptor> acceptor, ListenerOptions options,
                MakeStream makeStream) {
    acceptor->async_accept([impl, acceptor, options, makeStream](std::error_code ec, auto socket) {
        if (!acceptor->is_open() || ec == asio::error::operation_aborted || impl->stopped)
            return;
        if (ec) {
            CVIRT_WARN(kLog, "accept failed: {}", ec.message());
            auto timer = std::make_shared<asio::steady_timer>(impl->io, std::chrono::milliseconds(100));
            timer->async_wait([impl, acceptor, options, makeStream, timer](std::error_code) {
                acceptLoop(impl, acceptor, options, makeStream);
            });
            return;
        }
        impl->addClient(makeStream(std::move(socket)), options);
        acceptLoop(impl, acceptor, options, makeStream);
    });
}

[[noreturn]] void failSocket(std::error_code ec, std::string_view what) {
    throw Error::system(ErrorDomain::Rpc, ec.value(), what);
}

}  // namespace

Server::Impl::Impl(ServerConfig cfg, std::shared_ptr<Dispatcher> disp)
    : config(std::move(cfg)), dispatcher(std::move(disp)), work(asio::make_work_guard(io)), pool(config.workers) {}

void Server::Impl::addClient(std::unique_ptr<Stream> stream, const ListenerOptions& options) {
    if (clientCount >= config.maxClients) {
        CVIRT_WARN(kLog, "refusing {}: {} clients already", stream->info().description, config.maxClients);
        stream->close();
        return;
    }
    if (options.wrap)
        stream = options.wrap(std::move(stream));
    uint64_t id = nextClientId++;
    auto connection = std::make_shared<detail::Connection>(std::move(stream), config.maxOutputBytes);
    auto session = std::make_shared<detail::Session>(weak_from_this(), id, connection, options);
    sessions.emplace(id, session);
    ++clientCount;
    CVIRT_DEBUG(kLog, "client {} connected from {}", id, session->transport().description);
    try {
        dispatcher->clientOpened(*session);
    } catch (const std::exception& e) {
        CVIRT_WARN(kLog, "client {}: setup failed: {}", id, e.what());
    }
    session->start();
}

void Server::Impl::removeClient(uint64_t id) {
    if (sessions.erase(id))
        --clientCount;
}

void Server::Impl::closeAll() {
    for (auto& close : closeListeners)
        close();
    closeListeners.clear();
    // close() posts; close the connections directly, we are on the loop.
    auto all = sessions;
    for (auto& [id, session] : all)
        session->closeNow();
}

Server::Server(ServerConfig config, std::shared_ptr<Dispatcher> dispatcher)
    : impl_(std::make_shared<Impl>(std::move(config), std::move(dispatcher))) {
    impl_->loop = std::thread([impl = impl_.get()] { impl->io.run(); });
}

Server::~Server() { stop(); }

void Server::listenUnix(const std::string& path, mode_t mode, ListenerOptions options) {
    using Protocol = asio::local::stream_protocol;
    struct stat st {};
    if (::lstat(path.c_str(), &st) == 0 && S_ISSOCK(st.st_mode))
        ::unlink(path.c_str());
    auto acceptor = std::make_shared<Protocol::acceptor>(impl_->io);
    std::error_code ec;
    acceptor->open(Protocol(), ec);
    try {
        if (!ec)
            acceptor->bind(Protocol::endpoint(path), ec);
    } catch (const std::system_error& e) {  // a path too long for sockaddr_un
        ec = e.code();
    }
    if (ec)
        failSocket(ec, fmt::format("Failed to bind socket to '{}'", path));
    if (::chmod(path.c_str(), mode) < 0)
        failSystem(ErrorDomain::Rpc, fmt::format("Failed to set mode of '{}'", path));
    acceptor->listen(asio::socket_base::max_listen_connections, ec);
    if (ec)
        failSocket(ec, fmt::format("Failed to listen on '{}'", path));
    asio::post(impl_->io, [impl = impl_, acceptor, options, path] {
        impl->closeListeners.push_back([acceptor, path] {
            std::error_code ignored;
            acceptor->close(ignored);
            ::unlink(path.c_str());
        });
        acceptLoop(impl, acceptor, options, [path](Protocol::socket socket) -> std::unique_ptr<Stream> {
            auto info = detail::unixStreamInfo(socket, path);
            return std::make_unique<detail::SocketStream<Protocol::socket>>(std::move(socket), std::move(info));
        });
    });
}

uint16_t Server::listenTcp(const std::string& host, uint16_t port, ListenerOptions options) {
    using asio::ip::tcp;
    tcp::resolver resolver(impl_->io);
    std::error_code ec;
    auto endpoints = resolver.resolve(host, std::to_string(port), tcp::resolver::passive | tcp::resolver::numeric_service, ec);
    if (ec)
        throw Error(ErrorCode::UnknownHost, ErrorDomain::Rpc, fmt::format("{}: {}", host, ec.message()));
    auto acceptor = std::make_shared<tcp::acceptor>(impl_->io);
    for (const auto& entry : endpoints) {
        std::error_code attempt;
        acceptor->open(entry.endpoint().protocol(), attempt);
        if (!attempt)
            acceptor->set_option(asio::socket_base::reuse_address(true), attempt);
        if (!attempt)
            acceptor->bind(entry.endpoint(), attempt);
        if (!attempt)
            acceptor->listen(asio::socket_base::max_listen_connections, attempt);
        if (!attempt) {
            ec.clear();
            break;
        }
        ec = attempt;
        std::error_code ignored;
        acceptor->close(ignored);
    }
    if (ec || !acceptor->is_open())
        failSocket(ec ? ec : std::make_error_code(std::errc::address_not_available),
                   fmt::format("Failed to bind socket to '{}:{}'", host, port));
    uint16_t bound = acceptor->local_endpoint().port();
    asio::post(impl_->io, [impl = impl_, acceptor, options] {
        impl->closeListeners.push_back([acceptor] {
            std::error_code ignored;
            acceptor->close(ignored);
        });
        acceptLoop(impl, acceptor, options, [](tcp::socket socket) -> std::unique_ptr<Stream> {
            std::error_code ignored;
            socket.set_option(tcp::no_delay(true), ignored);
            auto info = detail::tcpStreamInfo(socket);
            return std::make_unique<detail::SocketStream<tcp::socket>>(std::move(socket), std::move(info));
        });
    });
    return bound;
}

void Server::stop() {
    auto impl = impl_;
    if (impl->stopped.exchange(true))
        return;
    auto onLoop = [&](auto fn) {
        std::promise<void> done;
        asio::post(impl->io, [&] {
            fn();
            done.set_value();
        });
        done.get_future().wait();
    };
    onLoop([&] { impl->closeAll(); });
    // Running calls finish and post their (now undeliverable) replies; the
    // clientClosed notifications they trigger run inline once the pool is
    // stopped. The barrier after it sees all of that done.
    impl->pool.stop();
    onLoop([] {});
    impl->work.reset();
    impl->io.stop();
    if (impl->loop.joinable())
        impl->loop.join();
}

size_t Server::clientCount() const { return impl_->clientCount; }

void Server::setLimits(size_t maxClients, size_t maxClientRequests, std::chrono::milliseconds keepaliveInterval,
                       unsigned keepaliveCount) {
    // The loop thread is the only reader of these.
    asio::post(impl_->io, [impl = impl_, maxClients, maxClientRequests, keepaliveInterval, keepaliveCount] {
        impl->config.maxClients = maxClients;
        impl->config.maxClientRequests = std::max<size_t>(maxClientRequests, 1);
        impl->config.keepaliveInterval = keepaliveInterval;
        impl->config.keepaliveCount = keepaliveCount;
    });
}

const ServerConfig& Server::config() const { return impl_->config; }

}  // namespace cvirt::rpc
