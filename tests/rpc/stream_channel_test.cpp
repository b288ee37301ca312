// The packets of a stream: what each status means, both ways, and what a
// peer may not send.

#include <gtest/gtest.h>

#include "rpc/remote_protocol.hpp"
#include "rpc/stream_channel.hpp"
#include "rpc/wire_error.hpp"

using namespace cvirt;
using namespace cvirt::rpc;

namespace {

const StreamKey kKey{remote::kProgram, remote::kVersion, 201, 42};

Packet roundTrip(const std::vector<uint8_t>& bytes) { return decodePacket(bytes); }

}  // namespace

TEST(StreamChannel, DataIsRawBytesUnderTheOpeningCallsIdentity) {
    std::vector<uint8_t> data = {'a', 0, 'b', 0xff};
    auto packet = roundTrip(encodeStreamData(kKey, data));
    EXPECT_EQ(packet.header, (Header{remote::kProgram, 1, 201, MessageType::Stream, 42, MessageStatus::Continue}));
    EXPECT_EQ(packet.payload, data);
    EXPECT_EQ(StreamKey::of(packet.header), kKey);
    auto event = decodeStreamPacket(std::move(packet));
    EXPECT_EQ(event.kind, StreamEvent::Kind::Data);
    EXPECT_EQ(event.data, data);
}

TEST(StreamChannel, EofIsAnEmptyContinueAndFinishAnEmptyOk) {
    auto eof = roundTrip(encodeStreamEof(kKey));
    EXPECT_EQ(eof.header.status, MessageStatus::Continue);
    EXPECT_TRUE(eof.payload.empty());
    EXPECT_EQ(decodeStreamPacket(std::move(eof)).kind, StreamEvent::Kind::Eof);
    auto finish = roundTrip(encodeStreamFinish(kKey));
    EXPECT_EQ(finish.header.status, MessageStatus::Ok);
    EXPECT_TRUE(finish.payload.empty());
    EXPECT_EQ(decodeStreamPacket(std::move(finish)).kind, StreamEvent::Kind::Finish);
}

TEST(StreamChannel, ErrorCarriesTheErrorAndAbortNothing) {
    Error error(ErrorCode::Rpc, ErrorDomain::Streams, "stream had I/O failure");
    auto event = decodeStreamPacket(roundTrip(encodeStreamError(kKey, error)));
    ASSERT_EQ(event.kind, StreamEvent::Kind::Error);
    EXPECT_EQ(event.error->code(), ErrorCode::Rpc);
    EXPECT_EQ(event.error->domain(), ErrorDomain::Streams);
    EXPECT_EQ(event.error->message(), "stream had I/O failure");

    auto abort = roundTrip(encodeStreamAbort(kKey));
    EXPECT_EQ(abort.header.status, MessageStatus::Error);
    EXPECT_TRUE(abort.payload.empty());
    EXPECT_EQ(decodeStreamPacket(std::move(abort)).kind, StreamEvent::Kind::Abort);
}

TEST(StreamChannel, ChunksAreAtMostTheLegacyPayload) {
    std::vector<uint8_t> data(2 * kStreamChunkMax + 3, 'x');
    auto packets = streamChunks(kKey, data);
    ASSERT_EQ(packets.size(), 3u);
    size_t total = 0;
    for (auto& bytes : packets) {
        auto packet = roundTrip(bytes);
        EXPECT_LE(packet.payload.size(), kStreamChunkMax);
        total += packet.payload.size();
    }
    EXPECT_EQ(total, data.size());
    EXPECT_TRUE(streamChunks(kKey, {}).empty());
}

TEST(StreamChannel, WhatNoPeerMaySendIsAnRpcError) {
    auto expectRpcError = [](Packet packet, const std::string& message) {
        try {
            decodeStreamPacket(std::move(packet));
            ADD_FAILURE() << "accepted: " << message;
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), ErrorCode::Rpc);
            EXPECT_EQ(e.message(), message);
        }
    };
    Packet hole{Header{remote::kProgram, 1, 201, MessageType::StreamHole, 42, MessageStatus::Continue}, {}};
    expectRpcError(hole, "Unexpected stream hole");
    Packet endWithData{Header{remote::kProgram, 1, 201, MessageType::Stream, 42, MessageStatus::Ok}, {1, 2}};
    expectRpcError(endWithData, "stream finish with 2 bytes of payload");
    Packet badStatus{Header{remote::kProgram, 1, 201, MessageType::Stream, 42, static_cast<MessageStatus>(7)}, {}};
    expectRpcError(badStatus, "stream had unexpected termination status 7");
    Packet garbage{Header{remote::kProgram, 1, 201, MessageType::Stream, 42, MessageStatus::Error}, {1, 2, 3}};
    EXPECT_THROW(decodeStreamPacket(std::move(garbage)), Error);
}
