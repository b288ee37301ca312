#include <gtest/gtest.h>

#include <set>

#include "util/uuid.hpp"

using cvirt::Uuid;

TEST(Uuid, ParsesCanonicalAndLiberalForms) {
    auto a = Uuid::parse("c7a5fdbd-edaf-9455-926a-d65c16db1809");
    ASSERT_TRUE(a);
    EXPECT_EQ(a->format(), "c7a5fdbd-edaf-9455-926a-d65c16db1809");
    auto b = Uuid::parse("C7A5FDBDEDAF9455926AD65C16DB1809");
    ASSERT_TRUE(b);
    EXPECT_EQ(*a, *b);
    auto c = Uuid::parse("  c7a5fdbd edaf-9455 926a-d65c16db1809 \n");
    ASSERT_TRUE(c);
    EXPECT_EQ(*a, *c);
}

TEST(Uuid, RejectsMalformed) {
    EXPECT_FALSE(Uuid::parse(""));
    EXPECT_FALSE(Uuid::parse("c7a5fdbd-edaf-9455-926a-d65c16db180"));    // 31 digits
    EXPECT_FALSE(Uuid::parse("c7a5fdbd-edaf-9455-926a-d65c16db18090"));  // 33 digits
    EXPECT_FALSE(Uuid::parse("g7a5fdbd-edaf-9455-926a-d65c16db1809"));
    EXPECT_FALSE(Uuid::parse("c7a5fdbd-edaf-9455-926a-d65c16db1809x"));
    EXPECT_FALSE(Uuid::parse("c-7a5fdbd-edaf-9455-926a-d65c16db1809"));  // '-' inside a byte
}

TEST(Uuid, GeneratesDistinctVersion4) {
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) {
        auto u = Uuid::generate();
        auto text = u.format();
        EXPECT_EQ(text[14], '4');
        EXPECT_TRUE(std::string("89ab").find(text[19]) != std::string::npos) << text;
        EXPECT_TRUE(seen.insert(text).second);
    }
    EXPECT_TRUE(Uuid().isNull());
}
