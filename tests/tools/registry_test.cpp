#include "cvirsh/registry.hpp"

#include <gtest/gtest.h>

#include <set>

namespace cvirt::shell {
namespace {

TEST(Registry, EveryDeclarationIsValid) {
    size_t count = 0;
    for (const auto* group : commandGroups())
        for (const auto& def : group->commands) {
            ++count;
            EXPECT_EQ(validateCommand(def), std::vector<std::string>{});
        }
    EXPECT_GE(count, 270u);
}

TEST(Registry, NamesAreUnique) {
    std::set<std::string_view> names;
    for (const auto* group : commandGroups())
        for (const auto& def : group->commands)
            EXPECT_TRUE(names.insert(def.name).second) << def.name;
}

TEST(Registry, TheBriefsCommandsAreDeclaredInVirshsGroups) {
    const std::pair<const char*, const char*> expected[] = {
        {"connect", "Virsh itself"}, {"uri", "Host and Hypervisor"}, {"list", "Domain Monitoring"},
        {"dominfo", "Domain Monitoring"}, {"define", "Domain Management"}, {"event", "Domain Events"},
        {"snapshot-create-as", "Snapshot"}, {"net-list", "Networking"}, {"pool-define-as", "Storage Pool"},
        {"vol-create-as", "Storage Volume"}, {"pwd", "Virsh itself"}, {"domcapabilities", "Host and Hypervisor"},
    };
    for (const auto& [name, groupName] : expected) {
        const CommandDef* def = findCommand(name);
        ASSERT_NE(def, nullptr) << name;
        const CommandGroup* owner = nullptr;
        for (const auto* group : commandGroups())
            for (const auto& d : group->commands)
                if (&d == def)
                    owner = group;
        ASSERT_NE(owner, nullptr);
        EXPECT_EQ(owner->name, groupName) << name;
    }
}

TEST(Registry, LookupByKeywordAndAlias) {
    EXPECT_EQ(findGroup("domain"), findGroup("Domain Management"));
    EXPECT_EQ(findGroup("nosuch"), nullptr);
    EXPECT_EQ(findCommand("nodedev-dettach"), findCommand("nodedev-detach"));
    EXPECT_TRUE(findCommand("complete")->hidden());
    EXPECT_FALSE(findCommand("echo")->needsConnection());
    EXPECT_TRUE(findCommand("list")->needsConnection());
}

TEST(Registry, ValidatorCatchesBrokenTables) {
    CommandDef bad{.name = "bad",
                   .options = {opt::argv("rest", kPositional, ""), opt::data("d", kRequired | kPositional, ""),
                               opt::alias("x", "nosuch")},
                   .handler = nullptr};
    auto problems = validateCommand(bad);
    // argv not last, required after optional, dangling alias, no handler.
    EXPECT_EQ(problems.size(), 4u);
}

}  // namespace
}  // namespace cvirt::shell
