#pragma once
// Internal: one client of the server. Packets arrive on the event loop;
// calls run on workers and their replies are posted back to the loop.

#include <atomic>
#include <memory>
#include <mutex>

#include "rpc/connection.hpp"
#include "rpc/keepalive.hpp"
#include "rpc/server_client.hpp"
#include "rpc/server_impl.hpp"

namespace cvirt::rpc::detail {

class Session final : public ServerClient, public std::enable_shared_from_this<Session> {
public:
    Session(std::weak_ptr<Server::Impl> server, uint64_t id, std::shared_ptr<Connection> connection,
            const ListenerOptions& options);

    // Event loop thread.
    void start();
    void closeNow() { connection_->close("server shutting down"); }

    uint64_t id() const override { return id_; }
    std::shared_ptr<ServerClient> shared() override { return shared_from_this(); }
    const StreamInfo& transport() const override { return info_; }
    bool readOnly() const override { return readOnly_; }
    void setReadOnly(bool readOnly) override { readOnly_ = readOnly; }
    bool authenticated() const override { return authenticated_; }
    void setAuthenticated(bool authenticated) override { authenticated_ = authenticated; }
    void enableKeepalive() override;
    void sendMessage(uint32_t program, uint32_t version, int32_t procedure, std::vector<uint8_t> payload) override;
    void sendStreamPacket(std::vector<uint8_t> packet, std::function<void()> written) override;
    void close() override;
    bool isClosed() const override { return closed_; }
    void setUserData(std::shared_ptr<void> data) override;
    std::shared_ptr<void> userData() const override;

private:
    void onPacket(Packet&& packet);
    void onClosed(const std::string& reason);
    void handleCall(Packet&& packet);
    void handleKeepalive(const Header& header);
    void sendReply(const Header& call, const Error& error);
    void callFinished();
    void notifyClosedOnce();
    template <typename Fn>
    void onLoop(Fn fn);

    std::weak_ptr<Server::Impl> server_;
    uint64_t id_;
    std::shared_ptr<Connection> connection_;
    StreamInfo info_;
    std::atomic<bool> readOnly_;
    std::atomic<bool> authenticated_;
    std::atomic<bool> closed_{false};
    mutable std::mutex userDataMutex_;
    std::shared_ptr<void> userData_;

    // Event loop thread only.
    std::shared_ptr<Keepalive> keepalive_;
    size_t inFlight_ = 0;
    bool closedNotified_ = false;
};

}  // namespace cvirt::rpc::detail
