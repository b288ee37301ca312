#include "cvirsh/completion.hpp"

#include <gtest/gtest.h>

#include "cvirsh/connection.hpp"
#include "cvirsh/shell.hpp"

namespace cvirt::shell {
namespace {

using V = std::vector<std::string>;

class Completion : public ::testing::Test {
protected:
    Printer printer_;
    Shell shell_{printer_, makeConnector([](const char*) -> const char* { return nullptr; })};
    V complete(std::string_view line) { return completeLine(shell_, line); }
};

TEST_F(Completion, CommandNames) {
    EXPECT_EQ(complete("li"), V{"list"});
    EXPECT_EQ(complete("net-u"), (V{"net-undefine", "net-update", "net-uuid"}));
    EXPECT_EQ(complete("comp"), V{});  // hidden
    EXPECT_EQ(complete("echo x; pw"), V{"pwd"});
}

TEST_F(Completion, OptionNamesNotYetGiven) {
    EXPECT_EQ(complete("list --a"), (V{"--all", "--autostart"}));
    EXPECT_EQ(complete("list --all --a"), V{"--autostart"});
    EXPECT_EQ(complete("dominfo "), V{"--domain"});
    EXPECT_EQ(complete("setmem test --"), (V{"--size", "--config", "--live", "--current"}));
    EXPECT_EQ(complete("echo a --s"), (V{"--shell", "--split", "--string"}));
    EXPECT_EQ(complete("nosuch --"), V{});
}

TEST_F(Completion, OptionValues) {
    EXPECT_EQ(complete("help li"), V{"list"});
    EXPECT_EQ(complete("help --command pw"), V{"pwd"});
}

}  // namespace
}  // namespace cvirt::shell
