// libvirt's qemuxml2argv cases (x86_64, real capabilities) built by cvirt
// in libvirt's harness conditions and compared byte for byte with the
// expected .args files. The expected files come from QEMU 8.1
// capabilities while cvirt probes 7.2, so some differences are legitimate;
// the test prints how many cases are identical and the most common kinds
// of difference, and fails if the count drops.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>

#include "drivers/qemu/caps_replies.hpp"
#include "drivers/qemu/command/command_line.hpp"
#include "drivers/qemu/libvirt_harness.hpp"
#include "support/test_support.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

using namespace cvirt;

namespace {

// Cases that must stay identical (raise it when more pass).
constexpr size_t kMinimumIdentical = 0;

std::string optionOf(const std::string& line) {
    std::string l(trim(line));
    if (l.size() > 2 && l.compare(l.size() - 2, 2, " \\") == 0)
        l.resize(l.size() - 2);
    auto sp = l.find(' ');
    std::string opt = l.substr(0, sp);
    if (sp == std::string::npos)
        return opt;
    std::string rest = l.substr(sp + 1);
    for (const char* key : {"\"driver\":\"", "\"qom-type\":\"", "\"type\":\""}) {
        auto k = rest.find(key);
        if (k != std::string::npos) {
            auto start = k + std::string(key).size();
            return opt + " " + rest.substr(start, rest.find('"', start) - start);
        }
    }
    return opt;
}

// The kind of the first difference: the option of the first line that
// differs (or is missing/extra).
std::string classify(const std::string& expected, const std::string& got) {
    auto e = split(expected, "\n"), g = split(got, "\n");
    size_t i = 0;
    while (i < e.size() && i < g.size() && e[i] == g[i])
        ++i;
    if (i >= e.size())
        return "extra " + optionOf(g[i]);
    if (i >= g.size())
        return "missing " + optionOf(e[i]);
    std::string oe = optionOf(e[i]), og = optionOf(g[i]);
    if (oe != og)
        return "order/missing " + oe + " (got " + og + ")";
    return "differs " + oe;
}

}  // namespace

TEST(QemuXml2ArgvConformance, X86_64LatestCases) {
    auto caps = std::make_shared<qemu::QemuCaps>(
        test::capsFromReplies(test::conformancePath("libvirt-9.6/qemucapabilitiesdata/caps_7.2.0_x86_64.replies"), true));
    ASSERT_FALSE(caps->machines.empty());
    auto cases = test::readCaseIndex(test::conformancePath("index/qemuxml2argv-cases-a-m.tsv"));
    std::string dir = test::conformancePath("libvirt-9.6/qemuxml2argvdata/");
    qemu::CapsLookup lookup = [&](const std::string&) { return caps; };

    size_t total = 0, identical = 0, failCases = 0, failsRejected = 0;
    std::map<std::string, int> kinds;
    std::string report;
    for (const auto& c : cases) {
        if (c.caps != "real:x86_64-latest")
            continue;
        std::string got, error;
        try {
            conf::domain::DomainParseOptions opts;
            auto def = qemu::parseQemuDomainXml(test::readText(dir + c.name + ".xml"), opts, lookup,
                                                test::harnessXmlConfig(c.context));
            def.id = -1;
            auto ctx = test::harnessBuildContext(*caps, def, c.context);
            got = qemu::buildCommandLine(def, ctx).toString();
        } catch (const Error& e) {
            error = e.message();
        } catch (const std::exception& e) {
            error = std::string("exception: ") + e.what();
        }
        if (c.expect != "success") {
            ++failCases;
            if (!error.empty())
                ++failsRejected;
            continue;
        }
        ++total;
        std::string expected = test::readText(dir + c.name + c.suffix + ".args");
        if (error.empty() && got == expected) {
            ++identical;
            continue;
        }
        std::string kind = error.empty() ? classify(expected, got) : "error: " + error.substr(0, 60);
        ++kinds[kind];
        report += "=== " + c.name + ": " + kind + "\n";
        if (error.empty()) {
            auto e = split(expected, "\n"), g = split(got, "\n");
            for (size_t i = 0; i < std::max(e.size(), g.size()); ++i) {
                std::string el = i < e.size() ? e[i] : "", gl = i < g.size() ? g[i] : "";
                if (el != gl)
                    report += "- " + el + "\n+ " + gl + "\n";
            }
        }
    }
    std::vector<std::pair<int, std::string>> top;
    for (const auto& [k, n] : kinds)
        top.emplace_back(n, k);
    std::sort(top.rbegin(), top.rend());
    std::string summary = fmt::format("qemuxml2argv x86_64-latest: {} of {} identical; {} of {} expected failures rejected\n",
                                      identical, total, failsRejected, failCases);
    for (size_t i = 0; i < top.size() && i < 20; ++i)
        summary += fmt::format("  {:3}  {}\n", top[i].first, top[i].second);
    std::cout << summary;
    if (const char* bin = std::getenv("CVIRT_BINARY_DIR"))
        std::ofstream(std::string(bin) + "/qemu-xml2argv-diffs.txt") << summary << report;
    EXPECT_GE(identical, kMinimumIdentical);
    EXPECT_GT(total, 250u);
}
