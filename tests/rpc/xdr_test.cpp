#include <gtest/gtest.h>

#include <limits>

#include "rpc/remote_protocol.hpp"
#include "rpc/wire_error.hpp"
#include "rpc/xdr.hpp"

using namespace cvirt;
using namespace cvirt::rpc;

namespace {

std::vector<uint8_t> bytes(std::initializer_list<int> values) {
    std::vector<uint8_t> out;
    for (int v : values)
        out.push_back(static_cast<uint8_t>(v));
    return out;
}

template <typename T>
T roundTrip(const T& value) {
    return decode<T>(encode(value));
}

template <typename T>
void expectRejected(const std::vector<uint8_t>& wire) {
    try {
        (void)decode<T>(wire);
        FAIL() << "decoded garbage as " << typeid(T).name();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::Rpc);
        EXPECT_EQ(e.domain(), ErrorDomain::Rpc);
        EXPECT_EQ(e.message(), "Unable to decode message payload");
    }
}

struct Inner {
    int32_t a = 0;
    std::optional<std::string> b;
    CVIRT_XDR_STRUCT(Inner, a, b);
};

struct Outer {
    uint8_t small = 0;
    uint16_t medium = 0;
    int64_t big = 0;
    bool flag = false;
    double real = 0;
    Uuid uuid;
    Array<Inner, 4> items;
    std::array<int32_t, 3> fixed{};
    Opaque<8> blob;
    std::array<uint8_t, 5> raw{};
    CharArray<6> model;
    CharVector<10> label;
    remote::TypedParamValue value;
    CVIRT_XDR_STRUCT(Outer, small, medium, big, flag, real, uuid, items, fixed, blob, raw, model, label, value);
};

}  // namespace

TEST(Xdr, IntegersAreBigEndianAndNarrowOnesWiden) {
    EXPECT_EQ(encode(int32_t{-2}), bytes({0xff, 0xff, 0xff, 0xfe}));
    EXPECT_EQ(encode(uint32_t{0x01020304}), bytes({1, 2, 3, 4}));
    EXPECT_EQ(encode(uint64_t{0x0102030405060708}), bytes({1, 2, 3, 4, 5, 6, 7, 8}));
    EXPECT_EQ(encode(uint8_t{7}), bytes({0, 0, 0, 7}));
    EXPECT_EQ(encode(uint16_t{0x1234}), bytes({0, 0, 0x12, 0x34}));
    EXPECT_EQ(encode(int8_t{-1}), bytes({0xff, 0xff, 0xff, 0xff}));
    EXPECT_EQ(encode(true), bytes({0, 0, 0, 1}));
    EXPECT_EQ(decode<int64_t>(encode(std::numeric_limits<int64_t>::min())), std::numeric_limits<int64_t>::min());
}

TEST(Xdr, StringsArePaddedAndOptionalsFlagged) {
    EXPECT_EQ(encode(std::string("abcde")), bytes({0, 0, 0, 5, 'a', 'b', 'c', 'd', 'e', 0, 0, 0}));
    EXPECT_EQ(encode(std::string()), bytes({0, 0, 0, 0}));
    EXPECT_EQ(encode(std::optional<std::string>()), bytes({0, 0, 0, 0}));
    EXPECT_EQ(encode(std::optional<std::string>("ab")), bytes({0, 0, 0, 1, 0, 0, 0, 2, 'a', 'b', 0, 0}));
}

TEST(Xdr, ConnectOpenMatchesTheCapturedBytes) {
    remote::ConnectOpenArgs args{"test:///default", 6};
    EXPECT_EQ(encode(args), bytes({0, 0, 0, 1, 0, 0, 0, 0x0f, 't', 'e', 's', 't', ':', '/', '/', '/', 'd', 'e',
                                   'f', 'a', 'u', 'l', 't', 0, 0, 0, 0, 6}));
}

TEST(Xdr, CharArraysTakeFourBytesPerChar) {
    auto wire = encode(CharArray<4>::fromText("ab"));
    EXPECT_EQ(wire, bytes({0, 0, 0, 'a', 0, 0, 0, 'b', 0, 0, 0, 0, 0, 0, 0, 0}));
    auto label = CharVector<8>::fromText("x");
    EXPECT_EQ(encode(label), bytes({0, 0, 0, 2, 0, 0, 0, 'x', 0, 0, 0, 0}));
    EXPECT_EQ(decode<CharVector<8>>(encode(label)).text(), "x");
}

TEST(Xdr, StructsRoundTrip) {
    Outer value;
    value.small = 200;
    value.medium = 65000;
    value.big = -5;
    value.flag = true;
    value.real = 2.5;
    value.uuid = *Uuid::parse("6695eb01-f6a4-8304-79aa-97f2502e193f");
    value.items = {Inner{1, "x"}, Inner{2, std::nullopt}};
    value.fixed = {1, 2, 3};
    value.blob = std::vector<uint8_t>{1, 2, 3};
    value.raw = {9, 8, 7, 6, 5};
    value.model = CharArray<6>::fromText("i686");
    value.label = CharVector<10>::fromText("lab");
    value.value = std::string("str");
    EXPECT_EQ(roundTrip(value), value);
    EXPECT_EQ(encode(value).size() % 4, 0u);

    for (remote::TypedParamValue v : {remote::TypedParamValue(int32_t{-1}), remote::TypedParamValue(uint32_t{1}),
                                      remote::TypedParamValue(int64_t{-3}), remote::TypedParamValue(uint64_t{4}),
                                      remote::TypedParamValue(1.5), remote::TypedParamValue(true)}) {
        EXPECT_EQ(roundTrip(v), v);
    }
    EXPECT_EQ(encode(remote::TypedParamValue(uint64_t{4}))[3], 4) << "tag 4 is ULLONG";
}

TEST(Xdr, PrintsFieldsByName) {
    remote::DomainRef dom{"test", *Uuid::parse("6695eb01-f6a4-8304-79aa-97f2502e193f"), 1};
    EXPECT_EQ(toText(dom), "{name=\"test\", uuid=6695eb01-f6a4-8304-79aa-97f2502e193f, id=1}");
    EXPECT_EQ(toText(remote::ConnectOpenArgs{std::nullopt, 7}), "{name=null, flags=7}");
}

TEST(Xdr, TruncatedInputIsRejected) {
    auto wire = encode(remote::DomainRef{"test", Uuid(), 3});
    for (size_t n = 0; n < wire.size(); ++n)
        expectRejected<remote::DomainRef>(std::vector<uint8_t>(wire.begin(), wire.begin() + n));
}

TEST(Xdr, TrailingBytesAreRejected) {
    auto wire = encode(int32_t{1});
    wire.push_back(0);
    expectRejected<int32_t>(wire);
}

TEST(Xdr, CountsAboveTheMaximumAreRejected) {
    Array<int32_t, 2> three = std::vector<int32_t>{1, 2, 3};
    expectRejected<Array<int32_t, 2>>(encode(three));
    Opaque<2> blob = std::vector<uint8_t>{1, 2, 3};
    expectRejected<Opaque<2>>(encode(blob));
    CharVector<2> chars{"abc"};
    expectRejected<CharVector<2>>(encode(chars));
}

TEST(Xdr, ForgedCountsDoNotAllocate) {
    // A count within the declared maximum but far beyond the bytes present
    // fails before the array is sized.
    expectRejected<remote::ConnectListAllDomainsRet>(bytes({0, 0, 0x40, 0, 0, 0, 0, 0}));
    expectRejected<std::string>(bytes({0, 0x3f, 0xff, 0xff, 'a', 'b', 'c', 'd'}));
    expectRejected<remote::DomainGetVcpusRet>(bytes({0, 0, 0, 0, 0, 0x7f, 0xff, 0xff}));
}

TEST(Xdr, StringPastTheMaximumIsRejected) {
    expectRejected<std::string>(bytes({0, 0x40, 0, 1, 'a', 'b', 'c', 'd'}));
    std::string big(kStringMax, 'x');
    EXPECT_EQ(decode<std::string>(encode(big)).size(), kStringMax);
    XdrWriter out;
    out.putUint32(kStringMax + 1);
    std::string tooBig(kStringMax + 4, 'x');
    out.putPadded(tooBig.data(), tooBig.size());
    expectRejected<std::string>(out.take());
}

TEST(Xdr, UnknownUnionTagIsRejected) {
    expectRejected<remote::TypedParamValue>(bytes({0, 0, 0, 9, 0, 0, 0, 1}));
    expectRejected<remote::TypedParamValue>(bytes({0, 0, 0, 0, 0, 0, 0, 1}));
}

TEST(Xdr, GarbageNeverCrashes) {
    // A deterministic sweep of byte patterns through a few decoders; the
    // fuzzer does the thorough version.
    uint32_t state = 12345;
    for (int round = 0; round < 2000; ++round) {
        std::vector<uint8_t> wire(static_cast<size_t>(round % 97));
        for (auto& b : wire) {
            state = state * 1103515245 + 12345;
            b = static_cast<uint8_t>(state >> 16);
        }
        for (const auto& info : remote::allProcedures()) {
            if (!info.typed)
                continue;
            try {
                (void)info.argsText(wire);
            } catch (const Error& e) {
                ASSERT_EQ(e.code(), ErrorCode::Rpc);
            }
        }
    }
}

TEST(WireError, MapsOntoError) {
    Error e(ErrorCode::NoDomain, ErrorDomain::Test, "no domain with matching name 'x'");
    WireError wire = toWireError(e);
    EXPECT_EQ(wire.code, 42);
    EXPECT_EQ(wire.domain, 12);
    EXPECT_EQ(wire.level, 2);
    auto back = fromWireError(decode<WireError>(encode(wire)));
    EXPECT_EQ(back.code(), ErrorCode::NoDomain);
    EXPECT_EQ(back.domain(), ErrorDomain::Test);
    EXPECT_EQ(back.message(), e.message());
    EXPECT_EQ(back.str1(), e.str1());
    EXPECT_EQ(back.str2(), e.str2());
    EXPECT_EQ(back.int1(), e.int1());
    EXPECT_EQ(back.int2(), e.int2());

    // The minimal body a fault-injecting proxy sent: message only.
    WireError minimal;
    minimal.code = 3;
    minimal.domain = 20;
    minimal.message = "nope";
    minimal.int1 = minimal.int2 = 0;
    EXPECT_EQ(encode(minimal).size(), 4u * 11 + 8);  // eleven words, plus length and text
    EXPECT_EQ(fromWireError(minimal).message(), "nope");
    minimal.message.reset();
    EXPECT_EQ(fromWireError(minimal).message(), "unknown error");
}
