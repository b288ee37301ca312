#include "rpc/server_session.hpp"

#include <fmt/format.h>

#include "rpc/keepalive_protocol.hpp"
#include "rpc/wire_error.hpp"
#include "util/log.hpp"

namespace cvirt::rpc::detail {

namespace {

constexpr std::string_view kLog = "rpc.server";

Header replyHeader(const Header& call, MessageStatus status) {
    Header h = call;
    h.type = MessageType::Reply;
    h.status = status;
    return h;
}

std::vector<uint8_t> keepalivePacket(int32_t procedure) {
    return encodePacket(Header{kKeepaliveProgram, kProtocolVersion, procedure, MessageType::Message, 0,
                               MessageStatus::Ok},
                        {});
}

std::string nameOf(const Header& header, std::string_view name) {
    return name.empty() ? fmt::format("procedure {}", header.procedure) : std::string(name);
}

}  // namespace

Session::Session(std::weak_ptr<Server::Impl> server, uint64_t id, std::shared_ptr<Connection> connection,
                 const ListenerOptions& options)
    : server_(std::move(server)), id_(id), connection_(std::move(connection)), info_(connection_->info()),
      readOnly_(options.readOnly), authenticated_(!options.requireAuth) {}

template <typename Fn>
void Session::onLoop(Fn fn) {
    if (auto server = server_.lock())
        asio::post(server->io, [self = shared_from_this(), fn = std::move(fn)]() mutable { fn(*self); });
}

void Session::start() {
    std::weak_ptr<Session> weak = shared_from_this();
    connection_->start(
        [weak](Packet&& packet) {
            if (auto self = weak.lock())
                self->onPacket(std::move(packet));
        },
        [weak](const std::string& reason) {
            if (auto self = weak.lock())
                self->onClosed(reason);
        });
}

void Session::onPacket(Packet&& packet) {
    if (keepalive_)
        keepalive_->received();
    const Header& h = packet.header;
    switch (h.type) {
    case MessageType::Call:
    case MessageType::CallWithFds:
        handleCall(std::move(packet));
        return;
    case MessageType::Message:
        if (h.program == kKeepaliveProgram)
            handleKeepalive(h);
        else
            CVIRT_DEBUG(kLog, "client {}: ignoring {}", id_, describe(h));
        return;
    case MessageType::Stream:
    case MessageType::StreamHole:
        // The dispatcher owns the streams its calls opened.
        if (auto server = server_.lock())
            server->dispatcher->streamPacket(*this, std::move(packet));
        return;
    default:
        connection_->close(fmt::format("unexpected {}", describe(h)));
        return;
    }
}

void Session::handleKeepalive(const Header& header) {
    if (header.procedure == keepalive::PING::kNumber)
        connection_->send(keepalivePacket(keepalive::PONG::kNumber));
    // PONG only proves the client alive, which received() noted; anything
    // else of the keepalive program is ignored, as libvirt does.
}

void Session::handleCall(Packet&& packet) {
    auto server = server_.lock();
    if (!server)
        return;
    const Header header = packet.header;
    if (header.type == MessageType::CallWithFds) {
        // The fd count comes first; fds themselves would ride SCM_RIGHTS,
        // which this transport does not take yet.
        XdrReader in(packet.payload);
        uint32_t fds = 0;
        try {
            fds = in.getUint32();
        } catch (const Error& e) {
            sendReply(header, e);
            return;
        }
        if (fds != 0) {
            sendReply(header, rpcError("passing file descriptors is not supported on this connection"));
            return;
        }
        packet.payload.erase(packet.payload.begin(), packet.payload.begin() + 4);
    }

    Route route = server->dispatcher->route(header);
    switch (route.kind) {
    case Route::Kind::UnknownProgram:
        sendReply(header, rpcError(fmt::format("Cannot find program {} version {}", header.program, header.version)));
        return;
    case Route::Kind::UnknownProcedure:
        // NO_SUPPORT rather than libvirtd's RPC error: clients fall back to
        // older procedures only on NO_SUPPORT.
        sendReply(header, Error(ErrorCode::NoSupport, ErrorDomain::Remote, nameOf(header, route.name)));
        return;
    case Route::Kind::Known:
        break;
    }
    if (!authenticated_ && !(route.flags & proc_flags::PREAUTH)) {
        sendReply(header, rpcError("authentication required"));
        return;
    }
    if (readOnly_ && !(route.flags & proc_flags::RO)) {
        sendReply(header, Error(ErrorCode::OperationDenied, route.deniedDomain,
                                "read only access prevents " + nameOf(header, route.name)));
        return;
    }

    if (++inFlight_ >= server->config.maxClientRequests)
        connection_->pause();
    bool high = route.flags & proc_flags::HIGH;
    server->pool.submit(
        [self = shared_from_this(), server, header, payload = std::move(packet.payload)]() {
            std::vector<uint8_t> bytes;
            std::function<void()> afterReply;
            try {
                try {
                    CallContext call{*self, header, payload};
                    auto ret = server->dispatcher->dispatch(call);
                    bytes = encodePacket(replyHeader(header, MessageStatus::Ok), ret);
                    afterReply = std::move(call.afterReply);
                } catch (const Error&) {
                    throw;
                } catch (const std::exception& e) {
                    throw Error(ErrorCode::InternalError, ErrorDomain::Rpc, e.what());
                }
            } catch (const Error& e) {
                bytes = encodePacket(replyHeader(header, MessageStatus::Error), encode(toWireError(e)));
            }
            asio::post(server->io, [self, bytes = std::move(bytes), afterReply = std::move(afterReply)]() mutable {
                self->connection_->send(std::move(bytes));
                if (afterReply)
                    afterReply();
                self->callFinished();
            });
        },
        high);
}

void Session::sendReply(const Header& call, const Error& error) {
    CVIRT_DEBUG(kLog, "client {}: {} -> {}", id_, describe(call), error.message());
    connection_->send(encodePacket(replyHeader(call, MessageStatus::Error), encode(toWireError(error))));
}

void Session::callFinished() {
    --inFlight_;
    auto server = server_.lock();
    if (connection_->isClosed()) {
        if (inFlight_ == 0)
            notifyClosedOnce();
    } else if (server && inFlight_ < server->config.maxClientRequests) {
        connection_->resume();
    }
}

void Session::onClosed(const std::string& reason) {
    CVIRT_DEBUG(kLog, "client {} ({}) closed: {}", id_, info_.description, reason);
    closed_ = true;
    if (keepalive_)
        keepalive_->stop();
    if (auto server = server_.lock())
        server->removeClient(id_);
    if (inFlight_ == 0)
        notifyClosedOnce();
}

void Session::notifyClosedOnce() {
    if (closedNotified_)
        return;
    closedNotified_ = true;
    if (auto server = server_.lock())
        server->pool.submit([self = shared_from_this(), dispatcher = server->dispatcher] {
            try {
                dispatcher->clientClosed(*self);
            } catch (const std::exception& e) {
                CVIRT_WARN(kLog, "client {}: cleanup failed: {}", self->id_, e.what());
            }
        });
}

void Session::enableKeepalive() {
    onLoop([](Session& self) {
        auto server = self.server_.lock();
        if (self.keepalive_ || self.connection_->isClosed() || !server)
            return;
        std::weak_ptr<Session> weak = self.shared_from_this();
        self.keepalive_ = std::make_shared<Keepalive>(
            server->io, server->config.keepaliveInterval, server->config.keepaliveCount,
            [weak] {
                if (auto s = weak.lock())
                    s->connection_->send(keepalivePacket(keepalive::PING::kNumber));
            },
            [weak] {
                if (auto s = weak.lock())
                    s->connection_->close("keepalive timeout: no answer to pings");
            });
        self.keepalive_->start();
    });
}

void Session::sendMessage(uint32_t program, uint32_t version, int32_t procedure, std::vector<uint8_t> payload) {
    if (closed_)
        return;
    auto bytes =
        encodePacket(Header{program, version, procedure, MessageType::Message, kEventSerial, MessageStatus::Ok}, payload);
    onLoop([bytes = std::move(bytes)](Session& self) mutable { self.connection_->send(std::move(bytes)); });
}

void Session::sendStreamPacket(std::vector<uint8_t> packet, std::function<void()> written) {
    if (closed_)
        return;
    onLoop([packet = std::move(packet), written = std::move(written)](Session& self) mutable {
        self.connection_->send(std::move(packet), std::move(written));
    });
}

void Session::close() {
    onLoop([](Session& self) { self.connection_->close("closed by the server"); });
}

void Session::setUserData(std::shared_ptr<void> data) {
    std::lock_guard lock(userDataMutex_);
    userData_ = std::move(data);
}

std::shared_ptr<void> Session::userData() const {
    std::lock_guard lock(userDataMutex_);
    return userData_;
}

}  // namespace cvirt::rpc::detail
