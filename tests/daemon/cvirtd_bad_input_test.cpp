// Malformed input against the real cvirtd: every bad client is answered or
// dropped, and a well-behaved client on the same daemon keeps working
// throughout. (tests/rpc covers the server class with a fake dispatcher.)

#include <gtest/gtest.h>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <thread>

#include "cvirt/connection.hpp"
#include "daemon/cvirtd_process.hpp"
#include "rpc/remote_protocol.hpp"
#include "rpc/rpc_test_support.hpp"
#include "rpc/wire_error.hpp"

namespace cvirt::test {
namespace {

using namespace std::chrono_literals;
using rpc::MessageStatus;
using rpc::MessageType;
using rpc::rpctest::RawSocket;
using rpc::rpctest::rawPacket;
namespace wire = rpc::remote;

std::vector<uint8_t> lengthWord(uint32_t n) {
    return {static_cast<uint8_t>(n >> 24), static_cast<uint8_t>(n >> 16), static_cast<uint8_t>(n >> 8),
            static_cast<uint8_t>(n)};
}

rpc::WireError errorIn(const rpc::Packet& p) { return rpc::decode<rpc::WireError>(p.payload); }

class BadInput : public ::testing::Test {
protected:
    void SetUp() override {
        good_ = std::make_unique<Connection>(Connection::open(daemon_.uri()));
        ASSERT_EQ(good_->lookupDomainByName("test").id(), 1);
    }
    // The well-behaved client still gets answers, and the daemon still
    // accepts new clients.
    void TearDown() override {
        EXPECT_EQ(good_->lookupDomainByName("test").id(), 1);
        EXPECT_EQ(Connection::open(daemon_.uri()).type(), "TEST");
        EXPECT_TRUE(daemon_.process().running()) << daemon_.output();
    }

    CvirtdProcess daemon_;
    std::unique_ptr<Connection> good_;
};

TEST_F(BadInput, LengthZeroDropsTheClient) {
    RawSocket s(daemon_.socket());
    ASSERT_TRUE(s.send(lengthWord(0)));
    EXPECT_TRUE(s.waitClosed());
}

TEST_F(BadInput, LengthBelowAHeaderDropsTheClient) {
    RawSocket s(daemon_.socket());
    ASSERT_TRUE(s.send(lengthWord(27)));
    EXPECT_TRUE(s.waitClosed());
}

TEST_F(BadInput, LengthPastTheMaximumDropsTheClient) {
    RawSocket s(daemon_.socket());
    ASSERT_TRUE(s.send(lengthWord(rpc::kPacketMax + 1)));
    EXPECT_TRUE(s.waitClosed());
}

TEST_F(BadInput, TruncatedHeaderThenHangUp) {
    {
        RawSocket s(daemon_.socket());
        auto packet = rawPacket(wire::kProgram, 66, MessageType::Call, 0);
        packet.resize(10);
        ASSERT_TRUE(s.send(packet));
        s.shutdownWrite();
        EXPECT_TRUE(s.waitClosed());
    }
    // Half a header, then silence: the client waits, nobody else does.
    RawSocket idle(daemon_.socket());
    auto packet = rawPacket(wire::kProgram, 66, MessageType::Call, 0);
    packet.resize(12);
    ASSERT_TRUE(idle.send(packet));
    EXPECT_FALSE(idle.readPacket(300ms));
}

TEST_F(BadInput, UnknownProgramIsAnsweredAndTheClientKept) {
    RawSocket s(daemon_.socket());
    ASSERT_TRUE(s.send(rawPacket(0x12345678, 1, MessageType::Call, 7)));
    auto reply = s.readPacket();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->header.serial, 7u);
    EXPECT_EQ(reply->header.program, 0x12345678u);
    EXPECT_EQ(reply->header.status, MessageStatus::Error);
    auto e = errorIn(*reply);
    EXPECT_EQ(e.code, static_cast<int32_t>(ErrorCode::Rpc));
    EXPECT_EQ(*e.message, "Cannot find program 305419896 version 1");
    ASSERT_TRUE(s.send(rawPacket(wire::kProgram, 66, MessageType::Call, 8)));
    auto auth = s.readPacket();
    ASSERT_TRUE(auth);
    EXPECT_EQ(auth->header.status, MessageStatus::Ok);
}

TEST_F(BadInput, UnknownProcedureIsNoSupport) {
    RawSocket s(daemon_.socket());
    ASSERT_TRUE(s.send(rawPacket(wire::kProgram, 9999, MessageType::Call, 3)));
    auto reply = s.readPacket();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->header.serial, 3u);
    EXPECT_EQ(errorIn(*reply).code, static_cast<int32_t>(ErrorCode::NoSupport));
    // Unknown procedures with a payload are skipped by their length.
    std::vector<uint8_t> junk(1000, 0xab);
    ASSERT_TRUE(s.send(rawPacket(wire::kProgram, -5, MessageType::Call, 4, junk)));
    auto second = s.readPacket();
    ASSERT_TRUE(second);
    EXPECT_EQ(second->header.serial, 4u);
    EXPECT_EQ(errorIn(*second).code, static_cast<int32_t>(ErrorCode::NoSupport));
}

TEST_F(BadInput, GarbageArgumentsAreAnRpcError) {
    RawSocket s(daemon_.socket());
    // CONNECT_OPEN whose optional-string "present" word is followed by a
    // length far past the packet.
    std::vector<uint8_t> garbage{0, 0, 0, 1, 0x7f, 0xff, 0xff, 0xff, 'x'};
    ASSERT_TRUE(s.send(rawPacket(wire::kProgram, 1, MessageType::Call, 1, garbage)));
    auto reply = s.readPacket();
    ASSERT_TRUE(reply);
    auto e = errorIn(*reply);
    EXPECT_EQ(e.code, static_cast<int32_t>(ErrorCode::Rpc));
    EXPECT_EQ(*e.message, "Unable to decode message payload");
    // Trailing bytes after valid args are rejected too.
    auto open = rpc::encode(wire::ConnectOpenArgs{"test:///default", 0});
    open.push_back(0);
    open.push_back(0);
    open.push_back(0);
    open.push_back(0);
    ASSERT_TRUE(s.send(rawPacket(wire::kProgram, 1, MessageType::Call, 2, open)));
    auto second = s.readPacket();
    ASSERT_TRUE(second);
    EXPECT_EQ(second->header.status, MessageStatus::Error);
    // And the session still works afterwards.
    open.resize(open.size() - 4);
    ASSERT_TRUE(s.send(rawPacket(wire::kProgram, 1, MessageType::Call, 3, open)));
    auto third = s.readPacket();
    ASSERT_TRUE(third);
    EXPECT_EQ(third->header.status, MessageStatus::Ok);
}

TEST_F(BadInput, RepliesAndStrayPacketTypesFromAClient) {
    RawSocket s(daemon_.socket());
    // A REPLY sent to the daemon is not something a client does: dropped.
    ASSERT_TRUE(s.send(rawPacket(wire::kProgram, 1, MessageType::Reply, 1)));
    EXPECT_TRUE(s.waitClosed());
}

TEST_F(BadInput, AClientThatNeverReads) {
    int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, daemon_.socket().c_str(), sizeof(addr.sun_path) - 1);
    ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
    auto open = rpc::encode(wire::ConnectOpenArgs{"test:///default", 0});
    auto packet = rawPacket(wire::kProgram, 1, MessageType::Call, 0, open);
    // Capability requests whose replies are never read: the daemon stops
    // reading this client (or drops it) and serves the others.
    auto call = rawPacket(wire::kProgram, 7, MessageType::Call, 1);
    for (int i = 0; i < 200; ++i)
        packet.insert(packet.end(), call.begin(), call.end());
    std::vector<uint8_t> more;
    for (int i = 0; i < 200; ++i)
        more.insert(more.end(), call.begin(), call.end());
    size_t sent = 0, offset = 0;
    auto deadline = std::chrono::steady_clock::now() + 2s;
    while (std::chrono::steady_clock::now() < deadline) {
        ssize_t n = ::send(fd, packet.data() + offset, packet.size() - offset, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0) {
            sent += static_cast<size_t>(n);
            offset += static_cast<size_t>(n);
            if (offset == packet.size()) {
                packet = more;
                offset = 0;
            }
        } else {
            std::this_thread::sleep_for(10ms);  // its buffer is full: the daemon stopped reading
        }
        for (int i = 0; i < 3; ++i)
            EXPECT_EQ(good_->lookupDomainByName("test").id(), 1);
    }
    EXPECT_GT(sent, 0u);
    ::close(fd);
}

TEST_F(BadInput, ManyConnectionsThatSayNothing) {
    std::vector<std::unique_ptr<RawSocket>> idle;
    for (int i = 0; i < 100; ++i)
        idle.push_back(std::make_unique<RawSocket>(daemon_.socket()));
    EXPECT_EQ(good_->lookupDomainByName("test").id(), 1);
}

}  // namespace
}  // namespace cvirt::test
