// libvirt's genericxml2xmltest: every genericxml2xmlindata case parsed with
// the generic (driver-neutral) parser and formatted back, byte for byte,
// in its mode; the expected failures must be rejected.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "conf/domain/domain.hpp"
#include "conformance_support.hpp"
#include "support/test_support.hpp"
#include "util/error.hpp"

namespace {

using namespace cvirt::conf::domain;
namespace td = cvirt::test::domain;

enum class Mode { Live, Inactive };
enum class Expect { Success, FailParse };

struct Case {
    const char* name;
    Mode mode;
    Expect expect;
};

// The 58 cases and their modes as genericxml2xmltest runs them (see the
// corpus README). The expected output is genericxml2xmloutdata/NAME.xml where
// it exists, else the input itself.
const std::vector<Case>& allCases() {
    static const std::vector<Case> cases = {
        {"cachetune", Mode::Live, Expect::Success},
        {"cachetune-cdp", Mode::Live, Expect::Success},
        {"cachetune-colliding-allocs", Mode::Inactive, Expect::FailParse},
        {"cachetune-colliding-monitor", Mode::Inactive, Expect::FailParse},
        {"cachetune-colliding-tunes", Mode::Inactive, Expect::FailParse},
        {"cachetune-colliding-types", Mode::Inactive, Expect::FailParse},
        {"cachetune-extra-tunes", Mode::Live, Expect::Success},
        {"cachetune-small", Mode::Live, Expect::Success},
        {"chardev-reconnect", Mode::Live, Expect::Success},
        {"chardev-reconnect-invalid-mode", Mode::Live, Expect::FailParse},
        {"chardev-reconnect-missing-timeout", Mode::Live, Expect::FailParse},
        {"chardev-tcp", Mode::Live, Expect::Success},
        {"chardev-tcp-missing-host", Mode::Live, Expect::FailParse},
        {"chardev-tcp-missing-service", Mode::Live, Expect::FailParse},
        {"chardev-tcp-multiple-source", Mode::Live, Expect::FailParse},
        {"chardev-udp", Mode::Live, Expect::Success},
        {"chardev-udp-missing-connect-service", Mode::Live, Expect::FailParse},
        {"chardev-udp-multiple-source", Mode::Live, Expect::FailParse},
        {"chardev-unix", Mode::Live, Expect::Success},
        {"chardev-unix-redirdev-missing-path", Mode::Live, Expect::FailParse},
        {"chardev-unix-rng-missing-path", Mode::Live, Expect::FailParse},
        {"chardev-unix-smartcard-missing-path", Mode::Live, Expect::FailParse},
        {"cpu-cache-disable", Mode::Live, Expect::Success},
        {"cpu-cache-emulate", Mode::Live, Expect::Success},
        {"cpu-cache-passthrough", Mode::Live, Expect::Success},
        {"cpu-phys-bits-emulate", Mode::Live, Expect::Success},
        {"cpu-phys-bits-passthrough", Mode::Live, Expect::Success},
        {"cputune", Mode::Live, Expect::Success},
        {"device-backenddomain", Mode::Live, Expect::Success},
        {"disk-hyperv-physical", Mode::Live, Expect::Success},
        {"disk-hyperv-virtual", Mode::Live, Expect::Success},
        {"disk-network-http", Mode::Live, Expect::Success},
        {"disk-virtio", Mode::Live, Expect::Success},
        {"fibrechannel-appid", Mode::Live, Expect::Success},
        {"graphics-listen-back-compat", Mode::Live, Expect::Success},
        {"graphics-listen-back-compat-mismatch", Mode::Live, Expect::FailParse},
        {"graphics-listen-network-invalid", Mode::Inactive, Expect::FailParse},
        {"graphics-vnc-autoport-no", Mode::Live, Expect::Success},
        {"graphics-vnc-listen-attr-only", Mode::Live, Expect::Success},
        {"graphics-vnc-listen-element-minimal", Mode::Live, Expect::Success},
        {"graphics-vnc-listen-element-with-address", Mode::Live, Expect::Success},
        {"graphics-vnc-manual-port", Mode::Live, Expect::Success},
        {"graphics-vnc-minimal", Mode::Live, Expect::Success},
        {"graphics-vnc-socket", Mode::Live, Expect::Success},
        {"graphics-vnc-socket-attr-listen-address", Mode::Live, Expect::Success},
        {"graphics-vnc-socket-attr-listen-socket", Mode::Live, Expect::Success},
        {"graphics-vnc-socket-attr-listen-socket-mismatch", Mode::Live, Expect::FailParse},
        {"graphics-vnc-socket-listen", Mode::Live, Expect::Success},
        {"launch-security-s390-pv", Mode::Live, Expect::Success},
        {"launch-security-sev", Mode::Live, Expect::Success},
        {"memorytune", Mode::Live, Expect::Success},
        {"memorytune-colliding-allocs", Mode::Inactive, Expect::FailParse},
        {"memorytune-colliding-cachetune", Mode::Inactive, Expect::FailParse},
        {"name-slash-fail", Mode::Live, Expect::FailParse},
        {"network-interface-mac-check", Mode::Live, Expect::Success},
        {"perf", Mode::Live, Expect::Success},
        {"tseg", Mode::Live, Expect::Success},
        {"vcpus-individual", Mode::Live, Expect::Success},
    };
    return cases;
}

struct Outcome {
    bool ok = false;
    std::string detail;
};

// Runs one case as genericxml2xmltest does: live = parse without INACTIVE,
// format SECURE; inactive = parse INACTIVE, format SECURE|INACTIVE.
Outcome runCase(const Case& c) {
    std::string base = cvirt::test::conformancePath("libvirt-9.6");
    std::string in = base + "/genericxml2xmlindata/" + c.name + ".xml";
    std::string out = base + "/genericxml2xmloutdata/" + c.name + ".xml";
    std::string expectedFile = std::filesystem::exists(out) ? out : in;
    bool inactive = c.mode == Mode::Inactive;
    std::string actual;
    try {
        DomainParseOptions po;
        po.inactive = inactive;
        Domain d = parseDomainXml(cvirt::test::readText(in), po);
        DomainFormatOptions fo;
        fo.secure = true;
        fo.inactive = inactive;
        actual = formatDomainXml(d, fo);
    } catch (const cvirt::Error& e) {
        if (c.expect == Expect::FailParse)
            return {true, e.what()};
        return {false, std::string("unexpected error: ") + e.what()};
    } catch (const std::exception& e) {
        return {false, std::string("non-libvirt exception escaped the parser: ") + e.what()};
    }
    if (c.expect == Expect::FailParse)
        return {false, "parsed although libvirt rejects it; output:\n" + actual};
    std::string expected = td::unwrapExpected(cvirt::test::readText(expectedFile));
    if (td::sameAsLibvirt(actual, expected))
        return {true, {}};
    return {false, "output differs from " + expectedFile + "\n" + td::firstDifference(actual, expected)};
}

class GenericXml2Xml : public ::testing::TestWithParam<Case> {};

TEST_P(GenericXml2Xml, RoundTrip) {
    Outcome o = runCase(GetParam());
    EXPECT_TRUE(o.ok) << GetParam().name << ": " << o.detail;
}

INSTANTIATE_TEST_SUITE_P(Corpus, GenericXml2Xml, ::testing::ValuesIn(allCases()),
                         [](const ::testing::TestParamInfo<Case>& p) {
                             std::string n = p.param.name;
                             for (char& ch : n)
                                 if (!isalnum(static_cast<unsigned char>(ch)))
                                     ch = '_';
                             return n;
                         });

// All cases in one run, with the counts printed for the record.
TEST(GenericXml2XmlSummary, AllCases) {
    auto cases = allCases();
    ASSERT_EQ(cases.size(), 58u);
    int okSuccess = 0, nSuccess = 0, okFail = 0, nFail = 0;
    std::string failing;
    for (const auto& c : cases) {
        Outcome o = runCase(c);
        if (c.expect == Expect::Success) {
            ++nSuccess;
            okSuccess += o.ok;
        } else {
            ++nFail;
            okFail += o.ok;
        }
        if (!o.ok)
            failing += std::string("  ") + c.name + "\n";
    }
    std::printf("genericxml2xml: %d/%d identical, %d/%d expected failures rejected\n", okSuccess, nSuccess, okFail,
                nFail);
    if (!failing.empty())
        std::printf("failing cases:\n%s", failing.c_str());
    EXPECT_EQ(okSuccess, nSuccess);
    EXPECT_EQ(okFail, nFail);
}

}  // namespace
