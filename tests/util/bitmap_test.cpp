#include <gtest/gtest.h>

#include "util/bitmap.hpp"
#include "util/error.hpp"

using cvirt::Bitmap;

TEST(Bitmap, ParsesLibvirtSyntax) {
    auto b = Bitmap::parse("0-3,^2,8");
    EXPECT_EQ(b.bits(), (std::vector<size_t>{0, 1, 3, 8}));
    EXPECT_EQ(b.format(), "0-1,3,8");
    EXPECT_EQ(Bitmap::parse(" 1 , 2-4 ").format(), "1-4");
    EXPECT_EQ(Bitmap::parse("5").format(), "5");
    EXPECT_EQ(Bitmap::parse("0-1023").count(), 1024u);
    EXPECT_EQ(Bitmap::parse("").format(), "");
    EXPECT_EQ(Bitmap::parse("3,^3").count(), 0u);
}

TEST(Bitmap, FormatsRuns) {
    Bitmap b;
    for (size_t i : {0, 1, 2, 5, 7, 8, 100})
        b.set(i);
    EXPECT_EQ(b.format(), "0-2,5,7-8,100");
    b.clear(100);
    EXPECT_EQ(b.format(), "0-2,5,7-8");
    EXPECT_EQ(b.next(2), 5);
    EXPECT_EQ(b.next(8), -1);
}

TEST(Bitmap, RejectsMalformedWithClearError) {
    for (const char* bad : {"a", "1-", "3-1", "^1-2", "1,,2", "1,", "-1", "1;2", "1024", "0-5000"}) {
        try {
            Bitmap::parse(bad);
            ADD_FAILURE() << "accepted '" << bad << "'";
        } catch (const cvirt::Error& e) {
            EXPECT_EQ(e.code(), cvirt::ErrorCode::InvalidArg);
            EXPECT_NE(e.message().find(std::string("'") + bad + "'"), std::string::npos) << e.message();
        }
    }
    EXPECT_EQ(Bitmap::parse("4095", 4096).format(), "4095");
}
