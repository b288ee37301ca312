#pragma once
// The streams a client's calls opened (a console): each joins an API Stream
// to the client's STREAM packets (rpc/stream_channel.hpp), as libvirtd's
// stream.c does.
//
//  - The stream's data goes out in chunks of at most kStreamChunkMax bytes,
//    one chunk at a time: the next is read once the last one went to the
//    socket, so a client that does not read stalls its stream's source
//    (the guest's pty) instead of growing the daemon.
//  - Its end goes out as an empty CONTINUE packet, its failure as an ERROR
//    packet carrying the error; after a failure the stream is gone.
//  - The client's data is written to the stream; its OK (finish) and ERROR
//    (abort) close the stream and are answered with an empty OK.
//  - A client that goes away aborts its streams.

#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "cvirt/connection.hpp"
#include "rpc/server_client.hpp"
#include "rpc/stream_channel.hpp"

namespace cvirt::daemon {

class StreamChannel : public std::enable_shared_from_this<StreamChannel> {
public:
    // `stream` must be non-blocking.
    StreamChannel(rpc::ServerClient& client, rpc::StreamKey key, Stream stream);

    const rpc::StreamKey& key() const { return key_; }
    // Starts sending the stream's data (after the reply of the opening call).
    void start();
    // A STREAM packet from the client (socket loop).
    void onPacket(rpc::Packet&& packet);
    // The client went away: drop the stream.
    void close();

private:
    // Sends the next chunk, the end or the failure, if one is due.
    void pump();
    // Ends this channel: no more packets either way.
    void drop();

    std::weak_ptr<rpc::ServerClient> client_;
    const rpc::StreamKey key_;
    Stream stream_;
    std::mutex mutex_;  // guards what follows
    std::vector<uint8_t> buffer_;
    bool started_ = false;
    bool inFlight_ = false;  // a data packet is queued and not yet written
    bool ended_ = false;     // the stream's end went out
    bool closed_ = false;
};

class ClientStreams {
public:
    void add(std::shared_ptr<StreamChannel> channel);
    void remove(const rpc::StreamKey& key);
    // Hands a packet to its stream; packets of unknown streams (one that
    // just ended) are dropped, as libvirtd drops them.
    void route(rpc::Packet&& packet);
    // Aborts every stream (the client is gone).
    void closeAll();
    size_t size() const;

private:
    mutable std::mutex mutex_;
    std::map<rpc::StreamKey, std::shared_ptr<StreamChannel>> channels_;
};

}  // namespace cvirt::daemon
