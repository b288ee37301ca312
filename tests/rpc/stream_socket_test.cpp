// Streams between the RPC server and client over a real unix socket, with a
// dispatcher whose DOMAIN_OPEN_CONSOLE opens an echo stream: the open
// call's reply comes before the stream's first packet, data goes both ways
// in order, the end is answered (libvirt's finish handshake), an abort
// drops the stream, and packets of unknown streams are ignored.

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <set>

#include "rpc/client.hpp"
#include "rpc/procedure_dispatcher.hpp"
#include "rpc/remote_protocol.hpp"
#include "rpc/server.hpp"
#include "rpc/stream_channel.hpp"
#include "rpc_test_support.hpp"
#include "support/test_support.hpp"

using namespace cvirt;
using namespace cvirt::rpc;
using namespace std::chrono_literals;
using rpctest::RawSocket;

namespace {

const Uuid kUuid = *Uuid::parse("6695eb01-f6a4-8304-79aa-97f2502e193f");
const std::string kGreeting = "hello from the stream";

// Opens an echo stream per DOMAIN_OPEN_CONSOLE: a greeting right after the
// reply, then every chunk sent back; an end is answered with an end.
class EchoDispatcher : public ProcedureDispatcher {
public:
    EchoDispatcher() {
        addProgram(remote::kProgram, remote::kVersion, remote::allProcedures());
        handle<remote::DOMAIN_OPEN_CONSOLE>([this](CallContext& call, remote::DomainOpenConsoleArgs) {
            auto key = StreamKey::of(call.header);
            std::weak_ptr<ServerClient> client = call.client.shared();
            {
                std::lock_guard lock(mutex);
                open.insert(key);
            }
            call.afterReply = [client, key, this] {
                if (auto c = client.lock())
                    c->sendStreamPacket(encodeStreamData(key, bytes(kGreeting)), [this] { ++written; });
            };
        });
    }

    void streamPacket(ServerClient& client, Packet&& packet) override {
        auto key = StreamKey::of(packet.header);
        {
            std::lock_guard lock(mutex);
            if (!open.contains(key)) {
                ++ignored;
                return;
            }
        }
        auto event = decodeStreamPacket(std::move(packet));
        switch (event.kind) {
        case StreamEvent::Kind::Data:
            client.sendStreamPacket(encodeStreamData(key, event.data));
            return;
        case StreamEvent::Kind::Eof:
            // The sender's end: ours follows, the client then finishes.
            client.sendStreamPacket(encodeStreamEof(key));
            return;
        case StreamEvent::Kind::Finish:
        case StreamEvent::Kind::Abort:
        case StreamEvent::Kind::Error: {
            std::lock_guard lock(mutex);
            open.erase(key);
            ++closed;
        }
            if (event.kind == StreamEvent::Kind::Finish)
                client.sendStreamPacket(encodeStreamFinish(key));
            return;
        }
    }

    static std::vector<uint8_t> bytes(const std::string& text) { return {text.begin(), text.end()}; }

    std::mutex mutex;
    std::set<StreamKey> open;
    std::atomic<int> written{0}, ignored{0}, closed{0};
};

// What a client-side stream handler saw.
struct Received {
    std::mutex mutex;
    std::condition_variable changed;
    std::string data;
    int eofs = 0, finishes = 0;
    std::optional<Error> error;

    Client::StreamHandler handler() {
        return [this](StreamEvent&& event) {
            std::lock_guard lock(mutex);
            if (event.kind == StreamEvent::Kind::Data)
                data.append(event.data.begin(), event.data.end());
            else if (event.kind == StreamEvent::Kind::Eof)
                ++eofs;
            else if (event.kind == StreamEvent::Kind::Finish)
                ++finishes;
            else
                error = event.error;
            changed.notify_all();
        };
    }
    bool waitFor(const std::function<bool()>& done) {
        std::unique_lock lock(mutex);
        return changed.wait_for(lock, 10s, done);
    }
};

class RpcStreams : public ::testing::Test {
protected:
    void SetUp() override {
        ServerConfig config;
        config.workers = {2, 4, 1};
        server_ = std::make_unique<Server>(config, dispatcher_);
        socket_ = dir_.file("sock");
        server_->listenUnix(socket_, 0600);
    }

    remote::DomainOpenConsoleArgs args() { return {{"dom", kUuid, 1}, std::nullopt, 0}; }

    std::shared_ptr<EchoDispatcher> dispatcher_ = std::make_shared<EchoDispatcher>();
    cvirt::test::TempDir dir_;
    std::string socket_;
    std::unique_ptr<Server> server_;
};

}  // namespace

TEST_F(RpcStreams, DataBothWaysAndTheEndIsAnswered) {
    auto client = Client::connectUnix(socket_);
    Received got;
    StreamKey key = client->callOpeningStream<remote::DOMAIN_OPEN_CONSOLE>(args(), got.handler());
    EXPECT_EQ(key.procedure, remote::DOMAIN_OPEN_CONSOLE::kNumber);
    ASSERT_TRUE(got.waitFor([&] { return got.data == kGreeting; })) << got.data;

    // Larger than one chunk: split, and echoed in order.
    std::string big(kStreamChunkMax + 1000, 'x');
    for (size_t i = 0; i < big.size(); ++i)
        big[i] = static_cast<char>('a' + i % 26);
    for (auto& packet : streamChunks(key, EchoDispatcher::bytes(big)))
        client->sendStreamPacket(std::move(packet));
    ASSERT_TRUE(got.waitFor([&] { return got.data.size() == kGreeting.size() + big.size(); }));
    EXPECT_EQ(got.data, kGreeting + big);
    EXPECT_EQ(dispatcher_->written.load(), 1);

    client->sendStreamPacket(encodeStreamEof(key));
    ASSERT_TRUE(got.waitFor([&] { return got.eofs == 1; }));
    client->sendStreamPacket(encodeStreamFinish(key));
    ASSERT_TRUE(got.waitFor([&] { return got.finishes == 1; }));
    EXPECT_EQ(dispatcher_->closed.load(), 1);
    client->closeStream(key);

    // Later packets of the stream are nobody's, and harmless.
    client->sendStreamPacket(encodeStreamData(key, EchoDispatcher::bytes("late")));
    EXPECT_TRUE(rpctest::eventually([&] { return dispatcher_->ignored.load() == 1; }));
    EXPECT_TRUE(client->isOpen());
}

// On the wire: the open call's reply first, then the stream's packets.
TEST_F(RpcStreams, ReplyComesBeforeTheFirstStreamPacket) {
    RawSocket raw(socket_);
    ASSERT_TRUE(raw.connected());
    Header call{remote::kProgram, remote::kVersion, remote::DOMAIN_OPEN_CONSOLE::kNumber, MessageType::Call, 7,
                MessageStatus::Ok};
    ASSERT_TRUE(raw.send(encodePacket(call, encode(args()))));
    auto reply = raw.readPacket();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->header.type, MessageType::Reply);
    EXPECT_EQ(reply->header.serial, 7u);
    EXPECT_EQ(reply->header.status, MessageStatus::Ok);
    auto data = raw.readPacket();
    ASSERT_TRUE(data);
    EXPECT_EQ(data->header.type, MessageType::Stream);
    EXPECT_EQ(data->header.serial, 7u);
    EXPECT_EQ(data->header.procedure, remote::DOMAIN_OPEN_CONSOLE::kNumber);
    EXPECT_EQ(data->header.status, MessageStatus::Continue);
    EXPECT_EQ(std::string(data->payload.begin(), data->payload.end()), kGreeting);

    // An abort (ERROR without payload) drops the stream without an answer here.
    StreamKey key = StreamKey::of(call);
    ASSERT_TRUE(raw.send(encodeStreamAbort(key)));
    EXPECT_TRUE(rpctest::eventually([&] { return dispatcher_->closed.load() == 1; }));
}

TEST_F(RpcStreams, ClosedConnectionFailsOpenStreams) {
    auto client = Client::connectUnix(socket_);
    Received got;
    client->callOpeningStream<remote::DOMAIN_OPEN_CONSOLE>(args(), got.handler());
    server_.reset();
    ASSERT_TRUE(got.waitFor([&] { return got.error.has_value(); }));
    EXPECT_EQ(got.error->code(), ErrorCode::SystemError);
}
