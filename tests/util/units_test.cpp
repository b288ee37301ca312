#include <gtest/gtest.h>

#include "util/error.hpp"
#include "util/units.hpp"

using namespace cvirt;

TEST(Units, ScalesLikeLibvirt) {
    EXPECT_EQ(scaleInteger(5, "", 1024), 5120u);
    EXPECT_EQ(scaleInteger(5, "b", 1024), 5u);
    EXPECT_EQ(scaleInteger(5, "bytes", 1024), 5u);
    EXPECT_EQ(scaleInteger(1, "k", 1), 1024u);
    EXPECT_EQ(scaleInteger(1, "KiB", 1), 1024u);
    EXPECT_EQ(scaleInteger(1, "KB", 1), 1000u);
    EXPECT_EQ(scaleInteger(1, "kb", 1), 1000u);
    EXPECT_EQ(scaleInteger(2, "M", 1), 2u << 20);
    EXPECT_EQ(scaleInteger(2, "MB", 1), 2000000u);
    EXPECT_EQ(scaleInteger(1, "GiB", 1), 1u << 30);
    EXPECT_EQ(scaleInteger(1, "T", 1), uint64_t{1} << 40);
    EXPECT_EQ(scaleInteger(1, "PB", 1), 1000000000000000ull);
    EXPECT_EQ(scaleInteger(1, "EiB", 1), uint64_t{1} << 60);
    EXPECT_EQ(scaleInteger(15, "EiB", 1), uint64_t{15} << 60);
}

TEST(Units, RejectsUnknownSuffixAndOverflow) {
    try {
        scaleInteger(1, "KiBi", 1);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::InvalidArg);
        EXPECT_EQ(e.message(), "invalid argument: unknown suffix 'KiBi'");
    }
    EXPECT_THROW(scaleInteger(1, "x", 1), Error);
    try {
        scaleInteger(16, "EiB", 1);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::Overflow);
    }
    EXPECT_THROW(scaleInteger(2048, "KiB", 1, 1024 * 1024), Error);
    EXPECT_EQ(scaleInteger(1024, "KiB", 1, 1024 * 1024), 1024u * 1024u);
}
