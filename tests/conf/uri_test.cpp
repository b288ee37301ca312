#include <gtest/gtest.h>

#include "conf/uri.hpp"
#include "util/error.hpp"

using cvirt::conf::Uri;

TEST(Uri, LocalDriverUris) {
    auto u = Uri::parse("qemu:///system");
    EXPECT_EQ(u.scheme, "qemu");
    EXPECT_EQ(u.driver(), "qemu");
    EXPECT_EQ(u.transport(), "");
    EXPECT_TRUE(u.isLocal());
    EXPECT_EQ(u.path, "/system");
    EXPECT_EQ(u.format(), "qemu:///system");

    auto t = Uri::parse("test:///default");
    EXPECT_EQ(t.path, "/default");
    EXPECT_EQ(Uri::parse("test:///tmp/node.xml").path, "/tmp/node.xml");
}

TEST(Uri, TransportsUserHostPortQuery) {
    auto u = Uri::parse("qemu+ssh://root@example.com:2222/system?keyfile=/root/.ssh/id&no_verify=1");
    EXPECT_EQ(u.driver(), "qemu");
    EXPECT_EQ(u.transport(), "ssh");
    EXPECT_EQ(u.user, "root");
    EXPECT_EQ(u.host, "example.com");
    EXPECT_EQ(u.port, 2222);
    EXPECT_EQ(u.param("keyfile"), "/root/.ssh/id");
    EXPECT_EQ(u.param("no_verify"), "1");
    EXPECT_EQ(u.forServer(), "qemu:///system");
    for (auto t : {"unix", "tcp", "tls", "ssh", "ext", "libssh"})
        EXPECT_TRUE(cvirt::conf::isKnownTransport(t));
    EXPECT_FALSE(cvirt::conf::isKnownTransport("carrier"));
}

TEST(Uri, Ipv6HostsInBrackets) {
    auto u = Uri::parse("test+tcp://[::1]:16509/default");
    EXPECT_EQ(u.host, "::1");
    EXPECT_EQ(u.port, 16509);
    EXPECT_EQ(u.format(), "test+tcp://[::1]:16509/default");
    auto v = Uri::parse("qemu+tls://[fe80::1%25eth0]/system");
    EXPECT_EQ(v.host, "fe80::1%25eth0");
}

TEST(Uri, PercentEncodingRoundTrips) {
    auto u = Uri::parse("test+unix:///default?socket=/tmp/my%20dir/sock");
    EXPECT_EQ(u.param("socket"), "/tmp/my dir/sock");
    EXPECT_EQ(u.forServer(), "test:///default");
    EXPECT_EQ(u.format(), "test+unix:///default?socket=/tmp/my%20dir/sock");
    auto e = Uri::parse("qemu:///embed?root=/var/tmp/x");
    EXPECT_EQ(e.param("root"), "/var/tmp/x");
    EXPECT_EQ(e.forServer(), "qemu:///embed?root=/var/tmp/x");
}

TEST(Uri, BadInputIsAClearError) {
    for (auto bad : {"", "noscheme", ":///x", "1abc:///x", "qemu://[::1/system", "qemu://host:99999/system",
                     "qemu://host:abc/system", "qemu://[::1]x/system"}) {
        try {
            Uri::parse(bad);
            ADD_FAILURE() << "accepted '" << bad << "'";
        } catch (const cvirt::Error& e) {
            EXPECT_EQ(e.code(), cvirt::ErrorCode::InvalidArg);
            EXPECT_EQ(e.domain(), cvirt::ErrorDomain::Uri);
            EXPECT_NE(e.message().find("Unable to parse URI"), std::string::npos);
        }
    }
}
