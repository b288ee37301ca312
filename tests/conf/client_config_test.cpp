#include <gtest/gtest.h>

#include <map>

#include "conf/client_config.hpp"
#include "util/error.hpp"

using namespace cvirt::conf;

namespace {

EnvLookup envOf(std::map<std::string, std::string> vars) {
    return [vars = std::move(vars)](const char* name) -> const char* {
        auto it = vars.find(name);
        return it == vars.end() ? nullptr : it->second.c_str();
    };
}

}  // namespace

TEST(ClientConfig, ConfigPath) {
    EXPECT_EQ(clientConfigPath(true, envOf({})), "/etc/cvirt/cvirt.conf");
    EXPECT_EQ(clientConfigPath(false, envOf({{"HOME", "/home/u"}})), "/home/u/.config/cvirt/cvirt.conf");
    EXPECT_EQ(clientConfigPath(true, envOf({{"XDG_CONFIG_HOME", "/x"}})), "/x/cvirt/cvirt.conf");
}

TEST(ClientConfig, AliasesResolve) {
    auto c = ConfFile::parse(
        "uri_aliases = [\n  \"hail=qemu+ssh://root@hail.cloud.example.com/system\",\n"
        "  \"sleet=qemu+ssh://root@sleet.cloud.example.com/system\",\n]\n");
    EXPECT_EQ(resolveAlias(c, "hail"), "qemu+ssh://root@hail.cloud.example.com/system");
    EXPECT_FALSE(resolveAlias(c, "hai"));
    EXPECT_FALSE(resolveAlias(c, "qemu:///system"));
    EXPECT_EQ(resolveConnectUri("sleet", &c, envOf({})), "qemu+ssh://root@sleet.cloud.example.com/system");
    EXPECT_EQ(resolveConnectUri("test:///default", &c, envOf({})), "test:///default");
}

TEST(ClientConfig, MalformedAliasesAreErrors) {
    auto noEq = ConfFile::parse("uri_aliases = [ \"hail\" ]\n");
    EXPECT_THROW(resolveAlias(noEq, "hail"), cvirt::Error);
    auto badName = ConfFile::parse("uri_aliases = [ \"ha.il=qemu:///system\" ]\n");
    try {
        resolveAlias(badName, "x");
        FAIL();
    } catch (const cvirt::Error& e) {
        EXPECT_NE(e.message().find("aliases may only contain 'a-Z, 0-9, _, -'"), std::string::npos);
    }
}

TEST(ClientConfig, DefaultUriPrecedence) {
    auto c = ConfFile::parse("uri_default = \"test:///default\"\n");
    EXPECT_EQ(resolveConnectUri(std::nullopt, &c, envOf({})), "test:///default");
    EXPECT_EQ(resolveConnectUri(std::nullopt, &c, envOf({{"LIBVIRT_DEFAULT_URI", "qemu:///session"}})),
              "qemu:///session");
    EXPECT_EQ(resolveConnectUri(std::nullopt, &c,
                                envOf({{"LIBVIRT_DEFAULT_URI", "qemu:///session"},
                                       {"CVIRT_DEFAULT_URI", "qemu:///system"}})),
              "qemu:///system");
    EXPECT_EQ(resolveConnectUri(std::nullopt, nullptr, envOf({})), std::nullopt);
}
