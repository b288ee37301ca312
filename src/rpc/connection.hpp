#pragma once
// Internal: packet framing over a Stream, shared by the server's per-client
// sessions and the client. Lives on one event loop thread: every method and
// callback runs there.
//
// Reading buffers only the bytes that actually arrived (a forged length word
// cannot make us allocate 32 MiB up front) and stops at the first invalid
// length word: the peer is then dropped, as nothing after it can be framed.
// Writing goes through a bounded queue: a peer that does not read its
// replies is dropped instead of growing our memory.

#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "rpc/message.hpp"
#include "rpc/stream.hpp"

namespace cvirt::rpc::detail {

class Connection : public std::enable_shared_from_this<Connection> {
public:
    using PacketHandler = std::function<void(Packet&&)>;
    using CloseHandler = std::function<void(const std::string& reason)>;

    Connection(std::unique_ptr<Stream> stream, size_t maxOutputBytes);
    ~Connection();

    void start(PacketHandler onPacket, CloseHandler onClose);
    // Queues a whole packet (length word included). When the queue would
    // exceed the limit the peer is dropped. `written` runs once the packet
    // went to the stream (streams send their next chunk then); never when the
    // connection closes first.
    void send(std::vector<uint8_t> packet, std::function<void()> written = {});
    // Stops delivering packets (and reading) until resume(); used to bound
    // the calls one client may have in flight.
    void pause();
    void resume();
    void close(const std::string& reason);

    bool isClosed() const { return closed_; }
    const StreamInfo& info() const { return stream_->info(); }
    size_t queuedBytes() const { return queuedBytes_; }

private:
    void readMore();
    void deliver();
    void writeNext();

    std::unique_ptr<Stream> stream_;
    size_t maxOutputBytes_;
    PacketHandler onPacket_;
    CloseHandler onClose_;
    PacketSplitter splitter_;
    std::vector<uint8_t> readBuffer_;
    std::deque<std::vector<uint8_t>> writeQueue_;
    std::deque<std::function<void()>> writtenCallbacks_;  // one per writeQueue_ entry
    size_t queuedBytes_ = 0;
    bool reading_ = false;
    bool writing_ = false;
    bool paused_ = false;
    bool closed_ = false;
    bool delivering_ = false;
};

}  // namespace cvirt::rpc::detail
