#include <gtest/gtest.h>

#include <set>

#include "rpc/keepalive_protocol.hpp"
#include "rpc/remote_protocol.hpp"

using namespace cvirt::rpc;

TEST(RemoteProtocol, NumbersAndNames) {
    EXPECT_EQ(remote::CONNECT_OPEN::kNumber, 1);
    EXPECT_EQ(remote::AUTH_LIST::kNumber, 66);
    EXPECT_EQ(remote::CONNECT_LIST_ALL_DOMAINS::kNumber, 273);
    EXPECT_EQ(remote::CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY::kNumber, 316);
    EXPECT_EQ(remote::DOMAIN_EVENT_CALLBACK_LIFECYCLE::kNumber, 318);
    EXPECT_EQ(remote::CONNECT_REGISTER_CLOSE_CALLBACK::kNumber, 360);
    EXPECT_EQ(remote::DOMAIN_GET_MESSAGES::kNumber, 426);
    EXPECT_EQ(static_cast<int32_t>(remote::Procedure::DOMAIN_FD_ASSOCIATE), 443);
    EXPECT_EQ(remote::procedureName(212), "DOMAIN_GET_STATE");
    EXPECT_EQ(remote::procedureName(9999), "procedure 9999");
    EXPECT_EQ(remote::procedureInfo(0), nullptr);
    EXPECT_EQ(remote::procedureInfo(444), nullptr);
    EXPECT_EQ(keepalive::PING::kNumber, 1);
    EXPECT_EQ(keepalive::PONG::kNumber, 2);
    EXPECT_EQ(kKeepaliveProgram, 0x6b656570u);
}

TEST(RemoteProtocol, TableIsCompleteAndUnique) {
    std::set<std::string_view> names;
    for (const auto& info : remote::allProcedures()) {
        EXPECT_EQ(info.program, kRemoteProgram);
        EXPECT_TRUE(names.insert(info.name).second) << info.name;
        if (info.typed) {
            EXPECT_NE(info.argsText, nullptr);
            EXPECT_NE(info.retText, nullptr);
        }
    }
    EXPECT_EQ(names.size(), 443u);
}

TEST(RemoteProtocol, FlagsFollowLibvirtAnnotations) {
    using namespace proc_flags;
    EXPECT_TRUE(remote::procedureInfo(66)->is(PREAUTH));
    EXPECT_TRUE(remote::procedureInfo(60)->is(PREOPEN));
    EXPECT_FALSE(remote::procedureInfo(60)->is(PREAUTH));
    EXPECT_TRUE(remote::procedureInfo(23)->is(HIGH | RO));
    EXPECT_FALSE(remote::procedureInfo(12)->is(RO)) << "destroy needs a read-write connection";
    EXPECT_TRUE(remote::procedureInfo(318)->is(EVENT));
    EXPECT_FALSE(remote::procedureInfo(16)->is(HIGH)) << "GET_INFO may touch the hypervisor";
}

TEST(RemoteProtocol, ClientCallsProceduresAreTyped) {
    // Every procedure CLIENT-CALLS.md section 3 and 3.1 list.
    for (int number : {1,   2,   3,   4,   6,   7,   8,   9,   11,  12,  13,  14,  15,  16,  19,  23,  24,
                       27,  28,  32,  33,  34,  35,  39,  41,  43,  44,  46,  54,  55,  59,  60,  66,  77,
                       78,  84,  86,  87,  89,  93,  94,  95,  100, 121, 122, 150, 151, 152, 153, 154, 183,
                       187, 203, 204, 212, 231, 273, 281, 282, 283, 316, 317, 318, 360, 361, 426, 22,  25,
                       36,  37,  38,  50,  51,  52,  71,  72,  73,  74,  167, 168}) {
        EXPECT_TRUE(remote::procedureInfo(number)->typed) << remote::procedureName(number);
    }
}
