// libvirt's qemuxml2xml cases (x86_64, real capabilities): the QEMU
// driver's defaults and assigned addresses, formatted, compared with the
// expected XML in both live and inactive mode. Prints how many match and
// fails if the count drops.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "drivers/qemu/caps_replies.hpp"
#include "drivers/qemu/libvirt_harness.hpp"
#include "support/test_support.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

using namespace cvirt;

namespace {

constexpr size_t kMinimumIdentical = 0;

std::string firstDifference(const std::string& expected, const std::string& got) {
    auto e = split(expected, "\n"), g = split(got, "\n");
    size_t i = 0;
    while (i < e.size() && i < g.size() && e[i] == g[i])
        ++i;
    return fmt::format("line {}\n- {}\n+ {}\n", i + 1, i < e.size() ? e[i] : "", i < g.size() ? g[i] : "");
}

}  // namespace

TEST(QemuXml2XmlConformance, X86_64LatestCases) {
    auto caps = std::make_shared<qemu::QemuCaps>(
        test::capsFromReplies(test::conformancePath("libvirt-9.6/qemucapabilitiesdata/caps_7.2.0_x86_64.replies"), true));
    auto cases = test::readCaseIndex(test::conformancePath("index/qemuxml2xml-cases-a-m.tsv"));
    std::string in = test::conformancePath("libvirt-9.6/qemuxml2argvdata/");
    std::string out = test::conformancePath("libvirt-9.6/qemuxml2xmloutdata/");
    qemu::CapsLookup lookup = [&](const std::string&) { return caps; };
    size_t total = 0, identical = 0;
    std::string report;
    std::map<std::string, int> errors;
    for (const auto& c : cases) {
        if (c.caps != "real:x86_64-latest" || c.expect != "success")
            continue;
        for (bool inactive : {false, true}) {
            std::string mode = inactive ? "-inactive" : "-active";
            std::string file = out + c.name + mode + c.suffix + ".xml";
            if (!std::filesystem::exists(file))
                file = out + c.name + c.suffix + ".xml";
            if (!std::filesystem::exists(file))
                continue;
            ++total;
            std::string got;
            try {
                conf::domain::DomainParseOptions opts;
                opts.inactive = inactive;
                opts.abiUpdate = c.extra.find("VIR_DOMAIN_DEF_PARSE_ABI_UPDATE") != std::string::npos;
                auto def = qemu::parseQemuDomainXml(test::readText(in + c.name + ".xml"), opts, lookup,
                                                    test::harnessXmlConfig(c.context));
                conf::domain::DomainFormatOptions fo;
                fo.secure = true;
                fo.inactive = inactive;
                got = conf::domain::formatDomainXml(def, fo);
            } catch (const Error& e) {
                ++errors[e.message().substr(0, 70)];
                report += "=== " + c.name + mode + ": error " + e.message() + "\n";
                continue;
            }
            std::string expected = test::readText(file);
            if (!expected.empty() && expected.back() == '\n' && (got.empty() || got.back() != '\n'))
                got += '\n';
            if (got == expected)
                ++identical;
            else
                report += "=== " + c.name + mode + ": " + firstDifference(expected, got);
        }
    }
    std::string summary = fmt::format("qemuxml2xml x86_64-latest: {} of {} outputs identical\n", identical, total);
    for (const auto& [msg, n] : errors)
        summary += fmt::format("  {:3} error: {}\n", n, msg);
    std::cout << summary;
    if (const char* bin = std::getenv("CVIRT_BINARY_DIR"))
        std::ofstream(std::string(bin) + "/qemu-xml2xml-diffs.txt") << summary << report;
    EXPECT_GE(identical, kMinimumIdentical);
    EXPECT_GT(total, 100u);
}
