// The a-m half of libvirt's qemuxml2argv inputs through the generic parser:
// every case libvirt expects to parse (expect=success or fail-build) must
// parse, and what we format must validate against libvirt 9.6's domain.rng.
// The failing cases are printed (and written to
// $CVIRT_BINARY_DIR/Testing/qemuxml2argv-a-m-failures.txt) so that each
// element family's owner sees what still breaks.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "conf/domain/domain.hpp"
#include "conformance_support.hpp"
#include "support/test_support.hpp"
#include "util/error.hpp"
#include "util/xml.hpp"

namespace {

using namespace cvirt::conf::domain;
namespace td = cvirt::test::domain;

struct Result {
    std::string name;
    bool parsed = false;
    bool valid = false;
    std::string error;  // why it failed to parse or to validate
};

// The case names (one input file each; several rows may share one input).
std::vector<std::string> caseNames(size_t& rowCount) {
    auto table = td::readTsv(cvirt::test::conformancePath("index/qemuxml2argv-cases-a-m.tsv"));
    std::vector<std::string> names;
    std::set<std::string> seen;
    rowCount = 0;
    for (const auto& row : table.rows) {
        std::string expect = table.column(row, "expect");
        if (expect != "success" && expect != "fail-build")
            continue;
        ++rowCount;
        std::string name = table.column(row, "name");
        if (seen.insert(name).second)
            names.push_back(name);
    }
    return names;
}

// A schema error's libxml2 lines, or the message itself, on one line.
std::string oneLine(std::string s) {
    const std::string prefix = "Unable to validate doc against ";
    if (auto p = s.find(prefix); p != std::string::npos) {
        auto nl = s.find('\n', p);
        if (nl != std::string::npos)
            s = s.substr(nl + 1);
    }
    while (!s.empty() && s.back() == '\n')
        s.pop_back();
    for (char& c : s)
        if (c == '\n')
            c = '|';
    return s.size() > 240 ? s.substr(0, 240) + " ..." : s;
}

// What libvirt's QEMU driver declares (virQEMUDriverDomainDefParserConfig
// features) plus the two defaults without which the generic validation
// rejects definitions the driver accepts: a video model, and the USB
// controller x86 machines get. Test-only; the QEMU driver brings its own
// hooks.
class QemuLikeHooks : public DomainXmlHooks {
public:
    unsigned features() const override {
        return kFeatureWideScsi | kFeatureMemoryHotplug | kFeatureOfflineVcpupin | kFeatureIndividualVcpus |
               kFeatureUserAlias | kFeatureFwAutoselect | kFeatureNetModelString | kFeatureDiskFd;
    }
    void postParseDevices(Domain& d) override {
        for (auto& v : d.devices.videos)
            if (v.type == VideoType::Default)
                v.type = VideoType::Vga;
        bool usb = false;
        for (const auto& c : d.devices.controllers)
            usb = usb || c.type == ControllerType::Usb;
        if (!usb && (d.os.arch == Arch::X86_64 || d.os.arch == Arch::I686))
            addControllerIfMissing(d.devices.controllers, ControllerType::Usb, 0);
    }
};

const std::vector<Result>& results() {
    static const std::vector<Result> all = [] {
        size_t rows = 0;
        auto names = caseNames(rows);
        auto schema = cvirt::xml::RngSchema::load(cvirt::test::conformancePath("libvirt-9.6/schemas/domain.rng"));
        std::vector<Result> out;
        for (const auto& name : names) {
            Result r;
            r.name = name;
            std::string text;
            try {
                text = cvirt::test::readText(cvirt::test::conformancePath("libvirt-9.6/qemuxml2argvdata/" + name + ".xml"));
                // Parsed as a persistent definition (INACTIVE): the inputs
                // carry no live state (a dynamic seclabel without its
                // label, for one). Not running (id -1), the output is the
                // inactive form either way.
                QemuLikeHooks hooks;
                DomainParseOptions po;
                po.inactive = true;
                po.hooks = &hooks;
                Domain d = parseDomainXml(text, po);
                r.parsed = true;
                DomainFormatOptions fo;
                fo.secure = true;
                std::string formatted = formatDomainXml(d, fo);
                auto doc = cvirt::xml::Document::parse(formatted, "(formatted)", cvirt::ErrorDomain::Domain);
                schema->validate(doc);
                r.valid = true;
            } catch (const std::exception& e) {
                r.error = e.what();
            }
            out.push_back(std::move(r));
        }
        return out;
    }();
    return all;
}

void writeReport(const std::string& text) {
    const char* dir = std::getenv("CVIRT_BINARY_DIR");
    if (!dir || !*dir)
        return;
    std::ofstream f(std::string(dir) + "/Testing/qemuxml2argv-a-m-failures.txt");
    f << text;
}

TEST(Qemuxml2argvParse, AllExpectedToParseParseAndValidate) {
    size_t rows = 0;
    auto names = caseNames(rows);
    ASSERT_GT(names.size(), 500u) << "case index missing or truncated";
    const auto& all = results();
    size_t parsed = 0, valid = 0;
    std::string report;
    for (const auto& r : all) {
        parsed += r.parsed;
        valid += r.valid;
        if (!r.parsed)
            report += "parse    " + r.name + ": " + oneLine(r.error) + "\n";
        else if (!r.valid)
            report += "validate " + r.name + ": " + oneLine(r.error) + "\n";
    }
    std::printf("qemuxml2argv a-m: %zu/%zu parse, %zu/%zu validate (%zu index rows)\n", parsed, all.size(), valid,
                parsed, rows);
    if (!report.empty())
        std::printf("failing cases:\n%s", report.c_str());
    writeReport(report);
    EXPECT_EQ(parsed, all.size());
    EXPECT_EQ(valid, parsed);
}

}  // namespace
