#include <gtest/gtest.h>

#include "support/test_support.hpp"
#include "util/error.hpp"
#include "util/files.hpp"
#include "util/log.hpp"

using namespace cvirt;
using namespace cvirt::log;

TEST(Log, ParsesFilters) {
    auto f = parseFilters("1:qemu 3:remote  4:+event");
    ASSERT_EQ(f.size(), 3u);
    EXPECT_EQ(f[0], (Filter{"qemu", Level::Debug}));
    EXPECT_EQ(f[1], (Filter{"remote", Level::Warning}));
    EXPECT_EQ(f[2], (Filter{"event", Level::Error}));
    EXPECT_THROW(parseFilters("qemu"), Error);
    EXPECT_THROW(parseFilters("5:qemu"), Error);
    EXPECT_THROW(parseFilters("1:"), Error);
}

TEST(Log, ParsesOutputs) {
    auto o = parseOutputs("1:file:/var/log/x.log 3:stderr 2:journald 4:syslog:cvirtd");
    ASSERT_EQ(o.size(), 4u);
    EXPECT_EQ(o[0], (Output{Level::Debug, Output::Kind::File, "/var/log/x.log"}));
    EXPECT_EQ(o[1], (Output{Level::Warning, Output::Kind::Stderr, ""}));
    EXPECT_EQ(o[2], (Output{Level::Info, Output::Kind::Journald, ""}));
    EXPECT_EQ(o[3], (Output{Level::Error, Output::Kind::Syslog, "cvirtd"}));
    EXPECT_THROW(parseOutputs("1:file"), Error);
    EXPECT_THROW(parseOutputs("1:file:relative"), Error);
    EXPECT_THROW(parseOutputs("1:carrier-pigeon"), Error);
    try {
        parseOutputs("9:stderr");
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::ConfSyntax);
        EXPECT_NE(e.message().find("'9'"), std::string::npos);
    }
}

TEST(Log, FilterMatchesAnywhereAsLibvirt) {
    EXPECT_TRUE(filterMatches("qemu", "qemu.qemu_driver"));
    EXPECT_TRUE(filterMatches("driver", "qemu.qemu_driver"));
    EXPECT_TRUE(filterMatches("qemu.*driver", "qemu.qemu_driver"));
    EXPECT_FALSE(filterMatches("remote", "qemu.qemu_driver"));
}

TEST(Log, FiltersOverrideLevelAndFileOutputReceives) {
    test::TempDir dir;
    Logger l;
    l.setLevel(Level::Error);
    l.setFilters(parseFilters("1:qemu 4:rpc"));
    l.setOutputs(parseOutputs("1:file:" + dir.file("log")));
    EXPECT_TRUE(l.enabled("qemu.monitor", Level::Debug));
    EXPECT_FALSE(l.enabled("rpc.server", Level::Warning));
    EXPECT_FALSE(l.enabled("conf.domain", Level::Warning));
    EXPECT_TRUE(l.enabled("conf.domain", Level::Error));
    l.write("qemu.monitor", Level::Info, "hello monitor");
    auto text = readFile(dir.file("log"));
    EXPECT_NE(text.find("info : qemu.monitor : hello monitor"), std::string::npos) << text;
}

TEST(Log, OutputLevelFiltersRecords) {
    test::TempDir dir;
    Logger l;
    l.setLevel(Level::Debug);
    l.setOutputs(parseOutputs("3:file:" + dir.file("log")));
    l.write("x", Level::Info, "quiet");
    l.write("x", Level::Error, "loud");
    auto text = readFile(dir.file("log"));
    EXPECT_EQ(text.find("quiet"), std::string::npos);
    EXPECT_NE(text.find("loud"), std::string::npos);
}
