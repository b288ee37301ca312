#include <gtest/gtest.h>

#include "rpc/message.hpp"
#include "rpc/xdr.hpp"
#include "util/error.hpp"

using namespace cvirt;
using namespace cvirt::rpc;

TEST(Message, EncodesTheCapturedAuthList) {
    Header h{0x20008086u, 1, 66, MessageType::Call, 0, MessageStatus::Ok};
    auto wire = encodePacket(h, {});
    std::vector<uint8_t> expected = {0, 0, 0, 0x1c, 0x20, 0, 0x80, 0x86, 0, 0, 0, 1, 0, 0, 0, 0x42,
                                     0, 0, 0, 0,    0,    0, 0,    0,    0, 0, 0, 0};
    EXPECT_EQ(wire, expected);
    auto packet = decodePacket(wire);
    EXPECT_EQ(packet.header, h);
    EXPECT_TRUE(packet.payload.empty());
}

TEST(Message, LengthWordBounds) {
    EXPECT_THROW(checkLengthWord(0), Error);
    EXPECT_THROW(checkLengthWord(27), Error);
    EXPECT_EQ(checkLengthWord(28), 28u);
    EXPECT_EQ(checkLengthWord(kMessageMax + 4), kMessageMax + 4);
    EXPECT_THROW(checkLengthWord(kMessageMax + 5), Error);
    try {
        checkLengthWord(3);
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::Rpc);
        EXPECT_EQ(e.domain(), ErrorDomain::Rpc);
    }
}

TEST(Message, DecodeRejectsDisagreeingLength) {
    auto wire = encodePacket(Header{}, std::vector<uint8_t>{0, 0, 0, 1});
    wire.pop_back();
    EXPECT_THROW(decodePacket(wire), Error);
    EXPECT_THROW(decodePacket(std::vector<uint8_t>{0, 0}), Error);
}

TEST(Message, SplitterReassemblesAStream) {
    std::vector<uint8_t> stream;
    for (uint32_t serial = 0; serial < 5; ++serial) {
        Header h;
        h.serial = serial;
        auto p = encodePacket(h, std::vector<uint8_t>(serial * 4, 0xab));
        stream.insert(stream.end(), p.begin(), p.end());
    }
    PacketSplitter splitter;
    std::vector<Packet> out;
    for (size_t i = 0; i < stream.size(); i += 7) {
        splitter.feed(std::span(stream).subspan(i, std::min<size_t>(7, stream.size() - i)));
        while (auto p = splitter.next())
            out.push_back(std::move(*p));
    }
    ASSERT_EQ(out.size(), 5u);
    for (uint32_t serial = 0; serial < 5; ++serial) {
        EXPECT_EQ(out[serial].header.serial, serial);
        EXPECT_EQ(out[serial].payload.size(), serial * 4);
    }
    EXPECT_EQ(splitter.buffered(), 0u);
}

TEST(Message, SplitterRejectsAnInvalidLength) {
    PacketSplitter splitter;
    splitter.feed(std::vector<uint8_t>{0, 0, 0, 5, 1, 2, 3, 4});
    EXPECT_THROW(splitter.next(), Error);
}
