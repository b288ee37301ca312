// The RPC server and client over real unix and TCP sockets, with a fake
// dispatcher standing in for the daemon.

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <atomic>
#include <future>
#include <mutex>
#include <thread>

#include "rpc/client.hpp"
#include "rpc/keepalive_protocol.hpp"
#include "rpc/procedure_dispatcher.hpp"
#include "rpc/remote_protocol.hpp"
#include "rpc/server.hpp"
#include "rpc/wire_error.hpp"
#include "rpc_test_support.hpp"
#include "support/test_support.hpp"
#include "util/process.hpp"

using namespace cvirt;
using namespace cvirt::rpc;
using namespace std::chrono_literals;
using rpctest::RawSocket;
using rpctest::eventually;
using rpctest::rawPacket;

namespace {

const Uuid kUuid = *Uuid::parse("6695eb01-f6a4-8304-79aa-97f2502e193f");

// What the daemon will be, reduced to what the tests need.
class FakeDaemon {
public:
    FakeDaemon() : dispatcher_(std::make_shared<ProcedureDispatcher>()) {
        auto& d = *dispatcher_;
        d.addProgram(remote::kProgram, remote::kVersion, remote::allProcedures());
        d.handle<remote::AUTH_LIST>([](Void) { return remote::AuthListRet{{0}}; });
        d.handle<remote::CONNECT_SUPPORTS_FEATURE>([](CallContext& call, remote::ConnectSupportsFeatureArgs a) {
            if (a.feature == remote::kFeatureProgramKeepalive)
                call.client.enableKeepalive();
            return remote::ConnectSupportsFeatureRet{1};
        });
        d.handle<remote::CONNECT_OPEN>([](CallContext& call, remote::ConnectOpenArgs a) {
            if (a.flags & remote::kOpenReadOnly)
                call.client.setReadOnly(true);
        });
        d.handle<remote::CONNECT_GET_HOSTNAME>([](Void) { return remote::ConnectGetHostnameRet{"fakehost"}; });
        d.handle<remote::DOMAIN_LOOKUP_BY_NAME>([this](remote::NameArgs a) {
            if (a.name == "slow") {
                ++slowRunning;
                std::this_thread::sleep_for(slowFor);
                --slowRunning;
            }
            if (a.name == "missing")
                throw Error(ErrorCode::NoDomain, ErrorDomain::Test, "no domain with matching name 'missing'");
            return remote::DomainRet{{a.name, kUuid, 1}};
        });
        d.handle<remote::DOMAIN_DESTROY>([](remote::DomainArgs) {});
        d.handle<remote::CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY>(
            [this](CallContext& call, remote::ConnectDomainEventCallbackRegisterAnyArgs a) {
                std::lock_guard lock(mutex);
                subscribers.push_back(call.client.shared());
                return remote::CallbackIdRet{a.eventID + 100};
            });
        d.handle<remote::CONNECT_CLOSE>([](Void) {});
    }

    std::shared_ptr<ProcedureDispatcher> dispatcher() { return dispatcher_; }

    size_t subscriberCount() {
        std::lock_guard lock(mutex);
        return subscribers.size();
    }

    std::shared_ptr<ServerClient> subscriber(size_t index) {
        std::lock_guard lock(mutex);
        return index < subscribers.size() ? subscribers[index].lock() : nullptr;
    }

    void publish(const remote::DomainEventCallbackLifecycleMsg& msg) {
        std::lock_guard lock(mutex);
        for (auto& weak : subscribers)
            if (auto client = weak.lock())
                client->sendEvent<remote::DOMAIN_EVENT_CALLBACK_LIFECYCLE>(msg);
    }

    std::atomic<int> slowRunning{0};
    std::chrono::milliseconds slowFor{1500};
    std::mutex mutex;
    std::vector<std::weak_ptr<ServerClient>> subscribers;

private:
    std::shared_ptr<ProcedureDispatcher> dispatcher_;
};

class RpcSockets : public ::testing::Test {
protected:
    void SetUp() override { startServer(ServerConfig{}); }

    void startServer(ServerConfig config, ListenerOptions options = {}) {
        server_.reset();
        config.workers = {2, 8, 2};
        server_ = std::make_unique<Server>(config, daemon_.dispatcher());
        socket_ = dir_.file("sock");
        server_->listenUnix(socket_, 0600, options);
    }

    std::unique_ptr<Client> connect(ClientOptions options = {}) {
        return Client::connectUnix(socket_, std::move(options));
    }

    FakeDaemon daemon_;
    cvirt::test::TempDir dir_;
    std::string socket_;
    std::unique_ptr<Server> server_;
};

Error callError(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const Error& e) {
        return e;
    }
    ADD_FAILURE() << "no error";
    return Error(ErrorCode::Ok, ErrorDomain::None);
}

}  // namespace

TEST_F(RpcSockets, HandshakeAndCallsOverUnix) {
    auto client = connect();
    EXPECT_EQ(client->call<remote::AUTH_LIST>().types, (Array<int32_t, 20>{0}));
    EXPECT_EQ(client->call<remote::CONNECT_SUPPORTS_FEATURE>({14}).supported, 1);
    client->call<remote::CONNECT_OPEN>({"test:///default", 6});
    EXPECT_EQ(client->call<remote::CONNECT_GET_HOSTNAME>().hostname, "fakehost");
    auto dom = client->call<remote::DOMAIN_LOOKUP_BY_NAME>({"test"}).dom;
    EXPECT_EQ(dom, (remote::DomainRef{"test", kUuid, 1}));
    EXPECT_TRUE(client->transport().secure);
    EXPECT_EQ(server_->clientCount(), 1u);
}

TEST_F(RpcSockets, ErrorsKeepCodeDomainAndMessage) {
    auto client = connect();
    Error e = callError([&] { client->call<remote::DOMAIN_LOOKUP_BY_NAME>({"missing"}); });
    EXPECT_EQ(e.code(), ErrorCode::NoDomain);
    EXPECT_EQ(e.domain(), ErrorDomain::Test);
    EXPECT_EQ(e.message(), "Domain not found: no domain with matching name 'missing'");
    EXPECT_EQ(e.str2(), "no domain with matching name 'missing'");
    EXPECT_TRUE(client->isOpen());
}

TEST_F(RpcSockets, TcpOverIpv4AndIpv6) {
    uint16_t port4 = server_->listenTcp("127.0.0.1", 0);
    ASSERT_NE(port4, 0);
    auto c4 = Client::connectTcp("127.0.0.1", port4);
    EXPECT_EQ(c4->call<remote::CONNECT_GET_HOSTNAME>().hostname, "fakehost");
    EXPECT_FALSE(c4->transport().secure);

    uint16_t port6 = 0;
    try {
        port6 = server_->listenTcp("::1", 0);
    } catch (const Error& e) {
        GTEST_SKIP() << "no IPv6 loopback here: " << e.message();
    }
    auto c6 = Client::connectTcp("::1", port6);
    EXPECT_EQ(c6->call<remote::DOMAIN_LOOKUP_BY_NAME>({"v6"}).dom.name, "v6");
}

TEST_F(RpcSockets, ConcurrentCallsGetTheirOwnReplies) {
    auto client = connect();
    std::vector<std::thread> threads;
    std::atomic<int> good{0};
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 50; ++i) {
                std::string name = "dom-" + std::to_string(t) + "-" + std::to_string(i);
                if (client->call<remote::DOMAIN_LOOKUP_BY_NAME>({name}).dom.name == name)
                    ++good;
            }
        });
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(good, 400);
}

TEST_F(RpcSockets, SlowCallDoesNotBlockOtherClientsOrCalls) {
    auto slowClient = connect();
    auto other = connect();
    auto slow = std::async(std::launch::async, [&] { return slowClient->call<remote::DOMAIN_LOOKUP_BY_NAME>({"slow"}); });
    ASSERT_TRUE(eventually([&] { return daemon_.slowRunning == 1; }));

    auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(other->call<remote::CONNECT_GET_HOSTNAME>().hostname, "fakehost");
    EXPECT_EQ(slowClient->call<remote::DOMAIN_LOOKUP_BY_NAME>({"quick"}).dom.name, "quick");
    EXPECT_LT(std::chrono::steady_clock::now() - start, 1000ms);
    EXPECT_EQ(daemon_.slowRunning, 1) << "the slow call is still running";
    EXPECT_EQ(slow.get().dom.name, "slow");
}

TEST_F(RpcSockets, InFlightLimitHoldsBackAClient) {
    ServerConfig config;
    config.maxClientRequests = 1;
    startServer(config);
    daemon_.slowFor = 400ms;
    auto client = connect();
    auto slow = std::async(std::launch::async, [&] { return client->call<remote::DOMAIN_LOOKUP_BY_NAME>({"slow"}); });
    ASSERT_TRUE(eventually([&] { return daemon_.slowRunning == 1; }));
    auto start = std::chrono::steady_clock::now();
    client->call<remote::CONNECT_GET_HOSTNAME>();
    EXPECT_GE(std::chrono::steady_clock::now() - start, 200ms) << "the second call waited for the first";
    slow.get();
}

TEST_F(RpcSockets, UnknownProgramAndProcedureAreAnsweredOnTheirSerial) {
    auto client = connect();
    Error e = callError([&] { client->callRaw(0x12345678, 1, 1, {}); });
    EXPECT_EQ(e.code(), ErrorCode::Rpc);
    EXPECT_EQ(e.domain(), ErrorDomain::Rpc);
    EXPECT_EQ(e.message(), "Cannot find program 305419896 version 1");

    e = callError([&] { client->callRaw(remote::kProgram, 2, 66, {}); });
    EXPECT_EQ(e.message(), "Cannot find program 536903814 version 2");

    e = callError([&] { client->callRaw(remote::kProgram, 1, 9999, {}); });
    EXPECT_EQ(e.code(), ErrorCode::NoSupport);
    EXPECT_EQ(e.message(), "this function is not supported by the connection driver: procedure 9999");

    e = callError([&] { client->call<remote::CONNECT_GET_CAPABILITIES>(); });
    EXPECT_EQ(e.code(), ErrorCode::NoSupport);
    EXPECT_EQ(e.message(), "this function is not supported by the connection driver: CONNECT_GET_CAPABILITIES");

    EXPECT_EQ(client->call<remote::CONNECT_GET_HOSTNAME>().hostname, "fakehost") << "connection still usable";
}

TEST_F(RpcSockets, GarbagePayloadIsAnsweredWithADecodeError) {
    auto client = connect();
    std::vector<uint8_t> garbage = {0xff, 0xff, 0xff, 0xf0, 1, 2, 3};
    Error e = callError([&] { client->callRaw(remote::kProgram, 1, remote::DOMAIN_LOOKUP_BY_NAME::kNumber, garbage); });
    EXPECT_EQ(e.code(), ErrorCode::Rpc);
    EXPECT_EQ(e.message(), "Unable to decode message payload");
    std::vector<uint8_t> truncated = {0, 0, 0, 8, 'a', 'b'};
    e = callError([&] { client->callRaw(remote::kProgram, 1, remote::DOMAIN_LOOKUP_BY_NAME::kNumber, truncated); });
    EXPECT_EQ(e.message(), "Unable to decode message payload");
    EXPECT_TRUE(client->isOpen());
}

TEST_F(RpcSockets, EventsReachTheClient) {
    auto client = connect();
    std::promise<remote::DomainEventCallbackLifecycleMsg> got;
    client->onEvent<remote::DOMAIN_EVENT_CALLBACK_LIFECYCLE>(
        [&](remote::DomainEventCallbackLifecycleMsg msg) { got.set_value(msg); });
    auto id = client->call<remote::CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY>({0, std::nullopt}).callbackID;
    EXPECT_EQ(id, 100);
    remote::DomainEventCallbackLifecycleMsg msg{id, {{"probe1", kUuid, 6}, 2, 0}};
    daemon_.publish(msg);
    auto future = got.get_future();
    ASSERT_EQ(future.wait_for(5s), std::future_status::ready);
    EXPECT_EQ(future.get(), msg);
}

TEST_F(RpcSockets, EventHandlersMayCallBack) {
    auto client = connect();
    std::promise<std::string> got;
    client->onEvent<remote::DOMAIN_EVENT_CALLBACK_LIFECYCLE>([&](remote::DomainEventCallbackLifecycleMsg msg) {
        got.set_value(client->call<remote::DOMAIN_LOOKUP_BY_NAME>({msg.msg.dom.name}).dom.name);
    });
    client->call<remote::CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY>({0, std::nullopt});
    daemon_.publish({100, {{"cb", kUuid, 1}, 0, 0}});
    auto future = got.get_future();
    ASSERT_EQ(future.wait_for(5s), std::future_status::ready);
    EXPECT_EQ(future.get(), "cb");
}

TEST_F(RpcSockets, PingIsAnsweredAndPongIsNot) {
    RawSocket raw(socket_);
    ASSERT_TRUE(raw.connected());
    ASSERT_TRUE(raw.send(rawPacket(kKeepaliveProgram, keepalive::PING::kNumber, MessageType::Message, 0)));
    auto pong = raw.readPacket();
    ASSERT_TRUE(pong);
    EXPECT_EQ(pong->header, (Header{kKeepaliveProgram, 1, 2, MessageType::Message, 0, MessageStatus::Ok}));

    // A PONG (and an unknown keepalive proc) get nothing back: the next
    // packet we see is the reply to the call sent after them.
    raw.send(rawPacket(kKeepaliveProgram, keepalive::PONG::kNumber, MessageType::Message, 0));
    raw.send(rawPacket(kKeepaliveProgram, 7, MessageType::Message, 0));
    raw.send(rawPacket(remote::kProgram, remote::CONNECT_GET_HOSTNAME::kNumber, MessageType::Call, 5));
    auto reply = raw.readPacket();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->header.type, MessageType::Reply);
    EXPECT_EQ(reply->header.serial, 5u);
}

TEST_F(RpcSockets, ServerPingsAfterTheKeepaliveFeatureAndDropsSilentClients) {
    ServerConfig config;
    config.keepaliveInterval = 100ms;
    config.keepaliveCount = 3;
    startServer(config);

    RawSocket quiet(socket_);
    // No keepalive before the client asks for it.
    EXPECT_FALSE(quiet.readPacket(300ms));
    remote::ConnectSupportsFeatureArgs feature{remote::kFeatureProgramKeepalive};
    quiet.send(rawPacket(remote::kProgram, 60, MessageType::Call, 1, encode(feature)));
    auto reply = quiet.readPacket();
    ASSERT_TRUE(reply);
    EXPECT_EQ(decode<remote::ConnectSupportsFeatureRet>(reply->payload).supported, 1);

    int pings = 0;
    while (auto p = quiet.readPacket(1s)) {
        EXPECT_EQ(p->header.program, kKeepaliveProgram);
        EXPECT_EQ(p->header.procedure, keepalive::PING::kNumber);
        ++pings;
    }
    EXPECT_EQ(pings, 3);
    EXPECT_TRUE(quiet.eof()) << "dropped after 3 unanswered pings";
    EXPECT_TRUE(eventually([&] { return server_->clientCount() == 0; }));
}

TEST_F(RpcSockets, ClientAnswersServerPings) {
    ServerConfig config;
    config.keepaliveInterval = 50ms;
    config.keepaliveCount = 2;
    startServer(config);
    auto client = connect();
    client->call<remote::CONNECT_SUPPORTS_FEATURE>({remote::kFeatureProgramKeepalive});
    std::this_thread::sleep_for(600ms);  // many intervals with no call
    EXPECT_TRUE(client->isOpen());
    EXPECT_EQ(client->call<remote::CONNECT_GET_HOSTNAME>().hostname, "fakehost");
}

TEST_F(RpcSockets, ClientKeepaliveDropsADeadServer) {
    // A "server" that accepts and then never says a thing.
    std::string path = dir_.file("mute");
    int listener = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, path.c_str(), sizeof(addr.sun_path) - 1);
    ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
    ASSERT_EQ(::listen(listener, 1), 0);
    auto client = Client::connectUnix(path);
    std::promise<std::string> closed;
    client->onClose([&](const std::string& reason) { closed.set_value(reason); });
    auto pending = std::async(std::launch::async, [&] {
        return callError([&] { client->call<remote::CONNECT_GET_HOSTNAME>(); });
    });
    client->startKeepalive(50ms, 2);
    auto future = closed.get_future();
    ASSERT_EQ(future.wait_for(5s), std::future_status::ready);
    EXPECT_NE(future.get().find("keepalive"), std::string::npos);
    EXPECT_FALSE(client->isOpen());
    Error e = pending.get();
    EXPECT_EQ(e.code(), ErrorCode::SystemError);
    EXPECT_EQ(e.domain(), ErrorDomain::Rpc);
    ::close(listener);
}

TEST_F(RpcSockets, MalformedPacketsDropOnlyTheirClient) {
    auto good = connect();
    struct Case {
        const char* what;
        std::vector<uint8_t> bytes;
        bool halfClose;
    };
    std::vector<Case> cases = {
        {"length 0", {0, 0, 0, 0}, false},
        {"length below a header", {0, 0, 0, 20, 1, 2, 3, 4}, false},
        {"length past the maximum", {0x02, 0, 0, 0x05}, false},
        {"length 0xffffffff", {0xff, 0xff, 0xff, 0xff}, false},
        {"truncated header", {0, 0, 0, 28, 0x20, 0, 0x80, 0x86, 0, 0}, true},
        {"truncated length word", {0, 0}, true},
        {"a REPLY sent to the server", rawPacket(remote::kProgram, 1, MessageType::Reply, 0), false},
    };
    for (const auto& c : cases) {
        RawSocket raw(socket_);
        ASSERT_TRUE(raw.connected());
        raw.send(c.bytes);
        if (c.halfClose)
            raw.shutdownWrite();
        EXPECT_TRUE(raw.waitClosed()) << c.what;
        EXPECT_EQ(good->call<remote::DOMAIN_LOOKUP_BY_NAME>({c.what}).dom.name, c.what);
    }
    EXPECT_TRUE(eventually([&] { return server_->clientCount() == 1; }));
}

TEST_F(RpcSockets, GarbagePayloadOnARawSocketGetsAnErrorReply) {
    RawSocket raw(socket_);
    std::vector<uint8_t> junk(64, 0xee);
    raw.send(rawPacket(remote::kProgram, remote::DOMAIN_LOOKUP_BY_NAME::kNumber, MessageType::Call, 42, junk));
    auto reply = raw.readPacket();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->header, (Header{remote::kProgram, 1, 23, MessageType::Reply, 42, MessageStatus::Error}));
    auto error = decode<WireError>(reply->payload);
    EXPECT_EQ(error.code, 39);
    EXPECT_EQ(error.domain, 7);
    EXPECT_EQ(error.message, "Unable to decode message payload");
}

TEST_F(RpcSockets, CallWithFdsWithoutFdsWorks) {
    RawSocket raw(socket_);
    XdrWriter out;
    out.putUint32(0);
    encodeTo(out, remote::NameArgs{"viafds"});
    raw.send(rawPacket(remote::kProgram, 23, MessageType::CallWithFds, 3, out.bytes()));
    auto reply = raw.readPacket();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->header.status, MessageStatus::Ok);
    EXPECT_EQ(decode<remote::DomainRet>(reply->payload).dom.name, "viafds");

    XdrWriter withFd;
    withFd.putUint32(1);
    raw.send(rawPacket(remote::kProgram, 23, MessageType::CallWithFds, 4, withFd.bytes()));
    reply = raw.readPacket();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->header.status, MessageStatus::Error);
}

TEST_F(RpcSockets, AClientThatNeverReadsIsDropped) {
    ServerConfig config;
    config.maxOutputBytes = 256 * 1024;
    startServer(config);
    auto good = connect();

    RawSocket lazy(socket_);  // registers for events, then never reads
    remote::ConnectDomainEventCallbackRegisterAnyArgs reg{0, std::nullopt};
    lazy.send(rawPacket(remote::kProgram, 316, MessageType::Call, 0, encode(reg)));
    ASSERT_TRUE(eventually([&] { return daemon_.subscriberCount() == 1; }));
    auto subscriber = daemon_.subscriber(0);
    ASSERT_TRUE(subscriber);

    remote::DomainEventCallbackLifecycleMsg big{100, {{std::string(16 * 1024, 'x'), kUuid, 1}, 0, 0}};
    for (int i = 0; i < 4096 && !subscriber->isClosed(); ++i) {
        daemon_.publish(big);
        if (i % 64 == 0) {
            EXPECT_EQ(good->call<remote::CONNECT_GET_HOSTNAME>().hostname, "fakehost");
        }
    }
    EXPECT_TRUE(eventually([&] { return subscriber->isClosed(); })) << "a reader-less client must be dropped";
    EXPECT_EQ(good->call<remote::CONNECT_GET_HOSTNAME>().hostname, "fakehost");
    EXPECT_TRUE(eventually([&] { return server_->clientCount() == 1; }));
}

TEST_F(RpcSockets, ReadOnlyListenerAndOpenFlag) {
    startServer(ServerConfig{}, ListenerOptions{.readOnly = true});
    auto client = connect();
    EXPECT_EQ(client->call<remote::DOMAIN_LOOKUP_BY_NAME>({"ro"}).dom.name, "ro");
    Error e = callError([&] { client->call<remote::DOMAIN_DESTROY>({{"ro", kUuid, 1}}); });
    EXPECT_EQ(e.code(), ErrorCode::OperationDenied);
    EXPECT_EQ(e.message(), "operation forbidden: read only access prevents DOMAIN_DESTROY");

    startServer(ServerConfig{});
    auto rw = connect();
    rw->call<remote::DOMAIN_DESTROY>({{"rw", kUuid, 1}});
    rw->call<remote::CONNECT_OPEN>({"test:///default", remote::kOpenReadOnly | 6});
    EXPECT_EQ(callError([&] { rw->call<remote::DOMAIN_DESTROY>({{"rw", kUuid, 1}}); }).code(),
              ErrorCode::OperationDenied);
}

TEST_F(RpcSockets, UnauthenticatedClientsMayOnlyAuthenticate) {
    startServer(ServerConfig{}, ListenerOptions{.requireAuth = true});
    auto client = connect();
    EXPECT_EQ(client->call<remote::AUTH_LIST>().types.size(), 1u);
    Error e = callError([&] { client->call<remote::CONNECT_GET_HOSTNAME>(); });
    EXPECT_EQ(e.code(), ErrorCode::Rpc);
    EXPECT_EQ(e.message(), "authentication required");
}

TEST_F(RpcSockets, TimeoutsAndClosedConnectionsSurfaceAsErrors) {
    auto client = connect();
    Error e = callError([&] { client->call<remote::DOMAIN_LOOKUP_BY_NAME>({"slow"}, 100ms); });
    EXPECT_EQ(e.code(), ErrorCode::OperationTimeout);
    EXPECT_NE(e.message().find("DOMAIN_LOOKUP_BY_NAME"), std::string::npos);
    // The timed-out call still runs in the daemon; let it end first.
    ASSERT_TRUE(eventually([&] { return daemon_.slowRunning == 0; }));

    auto pending = std::async(std::launch::async, [&] {
        return callError([&] { client->call<remote::DOMAIN_LOOKUP_BY_NAME>({"slow"}); });
    });
    ASSERT_TRUE(eventually([&] { return daemon_.slowRunning >= 1; }));
    server_->stop();
    e = pending.get();
    EXPECT_EQ(e.code(), ErrorCode::SystemError);
    EXPECT_FALSE(client->isOpen());
    e = callError([&] { client->call<remote::CONNECT_GET_HOSTNAME>(); });
    EXPECT_EQ(e.code(), ErrorCode::InternalError);
    EXPECT_EQ(e.message(), "internal error: client socket is closed");
}

TEST_F(RpcSockets, ClientClosedIsReportedOnceCallsFinished) {
    struct Tracking : ProcedureDispatcher {
        std::atomic<int> opened{0}, closed{0};
        void clientOpened(ServerClient&) override { ++opened; }
        void clientClosed(ServerClient&) override { ++closed; }
    };
    auto tracking = std::make_shared<Tracking>();
    tracking->addProgram(remote::kProgram, 1);
    tracking->handle<remote::CONNECT_GET_HOSTNAME>([](Void) { return remote::ConnectGetHostnameRet{"t"}; });
    Server server(ServerConfig{}, tracking);
    std::string path = dir_.file("tracking");
    server.listenUnix(path);
    {
        auto client = Client::connectUnix(path);
        client->call<remote::CONNECT_GET_HOSTNAME>();
        EXPECT_EQ(tracking->opened, 1);
    }
    EXPECT_TRUE(eventually([&] { return tracking->closed == 1; }));
}

TEST_F(RpcSockets, PipeToAChildProcess) {
    auto python = findProgram("python3");
    if (!python)
        GTEST_SKIP() << "python3 is needed to bridge the pipe to the socket";
    // The child plays ssh's part: bytes on stdin/stdout, a socket behind.
    const char* bridge =
        "import os, socket, sys, threading\n"
        "s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])\n"
        "def up():\n"
        "    while True:\n"
        "        b = os.read(0, 65536)\n"
        "        if not b: break\n"
        "        s.sendall(b)\n"
        "    s.shutdown(socket.SHUT_WR)\n"
        "threading.Thread(target=up, daemon=True).start()\n"
        "while True:\n"
        "    b = s.recv(65536)\n"
        "    if not b: break\n"
        "    os.write(1, b)\n";
    Command command;
    command.argv = {*python, "-c", bridge, socket_};
    auto client = Client::connectCommand(command);
    EXPECT_EQ(client->transport().description.rfind("pipe:", 0), 0u);
    EXPECT_EQ(client->call<remote::DOMAIN_LOOKUP_BY_NAME>({"piped"}).dom.name, "piped");
    EXPECT_EQ(client->call<remote::CONNECT_GET_HOSTNAME>().hostname, "fakehost");
}

TEST_F(RpcSockets, UnixSocketFileModeAndStaleSocket) {
    struct stat st {};
    ASSERT_EQ(::stat(socket_.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    // A second server on the same path replaces the stale socket file.
    startServer(ServerConfig{});
    auto client = connect();
    EXPECT_EQ(client->call<remote::CONNECT_GET_HOSTNAME>().hostname, "fakehost");
}

TEST(RpcClient, ConnectFailuresAreSystemErrors) {
    Error e = callError([] { Client::connectUnix("/nonexistent/cvirt-test.sock"); });
    EXPECT_EQ(e.code(), ErrorCode::SystemError);
    EXPECT_EQ(e.domain(), ErrorDomain::Rpc);
    EXPECT_NE(e.message().find("/nonexistent/cvirt-test.sock"), std::string::npos);
    e = callError([] { Client::connectUnix("/tmp/" + std::string(200, 'x')); });
    EXPECT_EQ(e.code(), ErrorCode::SystemError);
    e = callError([] { Client::connectTcp("127.0.0.1", 1); });
    EXPECT_EQ(e.code(), ErrorCode::SystemError);
}
