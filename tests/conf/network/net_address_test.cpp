// IP and MAC addresses as libvirt's network code reads and prints them.
#include <gtest/gtest.h>

#include "conf/network/net_address.hpp"
#include "util/error.hpp"

using namespace cvirt;
using namespace cvirt::conf::network;

TEST(NetAddress, ParsesAndPrintsCanonically) {
    EXPECT_EQ(IpAddress::parse("192.168.122.1")->format(), "192.168.122.1");
    EXPECT_EQ(IpAddress::parse("10.1")->format(), "10.0.0.1");  // inet_aton short form
    EXPECT_EQ(IpAddress::parse("2001:DB8:0:0::1")->format(), "2001:db8::1");
    EXPECT_FALSE(IpAddress::parse("1.2.3.4x"));
    EXPECT_FALSE(IpAddress::parse("1.2.3.4 junk"));
    EXPECT_FALSE(IpAddress::parse("fd00::1", IpAddress::Family::V4));
    EXPECT_FALSE(IpAddress::parse(""));
}

TEST(NetAddress, ParseFailureUsesLibvirtMessage) {
    try {
        IpAddress::parseOrFail("192.168.1.x");
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::SystemError);
        EXPECT_EQ(e.message(), "Cannot parse socket address '192.168.1.x': Name or service not known");
    }
}

TEST(NetAddress, PrefixesAndMasks) {
    auto a = *IpAddress::parse("192.168.5.7");
    EXPECT_EQ(ipPrefix(a, {}, 0), 24);  // class C
    EXPECT_EQ(ipPrefix(*IpAddress::parse("10.0.0.1"), {}, 0), 8);
    EXPECT_EQ(ipPrefix(*IpAddress::parse("172.16.0.1"), {}, 0), 16);
    EXPECT_EQ(ipPrefix(*IpAddress::parse("fd00::1"), {}, 0), 64);
    EXPECT_EQ(ipPrefix(a, *IpAddress::parse("255.255.0.0"), 0), 16);
    EXPECT_EQ(ipPrefix(a, {}, 20), 20);
    EXPECT_EQ(IpAddress::parse("255.0.255.0")->netmaskBits(), -1);
    EXPECT_EQ(a.maskedByPrefix(16).format(), "192.168.0.0");
    EXPECT_EQ(a.broadcast(*IpAddress::parse("255.255.255.0")).format(), "192.168.5.255");
}

TEST(NetAddress, RangesAreCheckedLikeLibvirt) {
    auto net = *IpAddress::parse("192.168.1.1");
    auto ip = [](const char* s) { return *IpAddress::parse(s); };
    EXPECT_EQ(addressRange(ip("192.168.1.2"), ip("192.168.1.254"), &net, 24), 253);
    EXPECT_EQ(addressRange(ip("fd00::10"), ip("fd00::1f"), nullptr, 0), 16);
    auto expectError = [&](const char* start, const char* end, const std::string& message) {
        try {
            addressRange(ip(start), ip(end), &net, 24);
            ADD_FAILURE() << start << " - " << end;
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), ErrorCode::InternalError);
            EXPECT_EQ(e.message(), "internal error: " + message);
        }
    };
    expectError("192.168.2.1", "192.168.1.5",
                "range 192.168.2.1 - 192.168.1.5 is not entirely within network 192.168.1.1/24");
    expectError("192.168.1.7", "192.168.1.5", "range 192.168.1.7 - 192.168.1.5 is reversed ");
    expectError("192.168.1.0", "192.168.1.5",
                "start of range 192.168.1.0 - 192.168.1.5 in network 192.168.1.1/24 is the network address");
    expectError(
        "192.168.1.5", "192.168.1.255",
        "end of range 192.168.1.5 - 192.168.1.255 in network 192.168.1.1/24 is the broadcast address");
}

TEST(NetAddress, MacAddresses) {
    EXPECT_EQ(MacAddress::parse("52:54:00:E6:A2:C9")->format(), "52:54:00:e6:a2:c9");
    EXPECT_EQ(MacAddress::parse("0:1:2:3:4:5")->format(), "00:01:02:03:04:05");
    EXPECT_FALSE(MacAddress::parse("52:54:00:e6:a2"));
    EXPECT_FALSE(MacAddress::parse("52:54:00:e6:a2:c9:00"));
    EXPECT_FALSE(MacAddress::parse("525:4:00:e6:a2:c9"));
    EXPECT_FALSE(MacAddress::parse("zz"));
    EXPECT_TRUE(MacAddress::parse("01:00:00:00:00:01")->isMulticast());
}
