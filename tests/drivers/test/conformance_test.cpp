// The test driver against libvirt's own: every domain XML of the corpus
// (qemuxml2argvdata inputs and genericxml2xmlindata) defined on
// test:///default and dumped back, by Debian's virsh and by cvirt's driver.
// Both must print the same XML or both must refuse the file.
//
// Differences mostly come from the generic domain model, which is still
// being completed; the test reports them all (with the first differing
// lines) in test-driver-conformance.txt in the build tree and fails when
// fewer files agree than the floor below, which only ever goes up.

#include <gtest/gtest.h>

#include <filesystem>
#include <algorithm>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>

#include "support/test_support.hpp"
#include "test_driver_support.hpp"
#include "util/process.hpp"
#include "util/xml.hpp"

namespace cvirt::test::testdriver {
namespace {

// Files on which cvirt and libvirt agree today; raise it as the domain
// model grows, never lower it.
constexpr size_t kMinimumIdentical = 655;

struct Outcome {
    bool ok = false;
    std::string text;  // the XML, or the error message
};

std::string trimNewlines(std::string s) {
    while (!s.empty() && s.back() == '\n')
        s.pop_back();
    return s;
}

// Values libvirt generates at random (UUIDs, genids, MAC addresses) cannot
// match between two runs: those absent from the input become placeholders.
std::string maskGenerated(const std::string& input, const std::string& output) {
    static const std::regex kUuid("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static const std::regex kMac("([0-9a-f]{2}:){5}[0-9a-f]{2}");
    std::string lowered = input;
    std::transform(lowered.begin(), lowered.end(), lowered.begin(), [](unsigned char c) { return std::tolower(c); });
    std::string out;
    auto mask = [&](const std::string& text, const std::regex& re, const char* placeholder) {
        std::string result;
        auto begin = std::sregex_iterator(text.begin(), text.end(), re);
        size_t last = 0;
        for (auto it = begin; it != std::sregex_iterator(); ++it) {
            result.append(text, last, static_cast<size_t>(it->position()) - last);
            std::string value = it->str();
            result += lowered.find(value) == std::string::npos ? placeholder : value;
            last = static_cast<size_t>(it->position() + it->length());
        }
        result.append(text, last, std::string::npos);
        return result;
    };
    return mask(mask(output, kUuid, "<generated-uuid>"), kMac, "<generated-mac>");
}

std::string domainName(const std::string& xml) {
    try {
        auto doc = cvirt::xml::Document::parse(xml, "name", ErrorDomain::Domain);
        if (auto n = doc.root().child("name"))
            return n.text();
    } catch (const Error&) {
    }
    return "";
}

Outcome viaVirsh(const std::string& file, const std::string& name) {
    Command cmd;
    cmd.argv = {"virsh", "-q", "-c", "test:///default", "define " + file + "; dumpxml --domain '" + name + "'"};
    RunResult r = run(cmd);
    // virsh's exit status is that of its last command: the define's own
    // failure shows as "error: Failed to define ..." and then the reason.
    bool defineFailed = false;
    std::string message;
    if (auto at = r.err.find("error: Failed to define"); at != std::string::npos) {
        defineFailed = true;
        auto next = r.err.find('\n', at);
        if (next != std::string::npos && r.err.compare(next + 1, 7, "error: ") == 0) {
            // The reason may span lines (XML syntax errors); the dumpxml
            // that follows adds its own "error: " line.
            size_t end = r.err.find("\nerror: ", next + 1);
            message = trimNewlines(r.err.substr(next + 8, end == std::string::npos ? std::string::npos : end - next - 7));
        }
    }
    if (defineFailed)
        return {false, message};
    if (!r.status.exited() || r.status.code() != 0)
        return {false, "dumpxml failed: " + r.err};
    return {true, trimNewlines(r.out)};
}

Outcome viaDriver(const std::string& xml) {
    try {
        auto conn = open();
        DomainRef dom = conn->domainDefineXml(xml, 0);
        return {true, trimNewlines(conn->domainGetXmlDesc(dom, 0))};
    } catch (const Error& e) {
        return {false, e.message()};
    }
}

std::string firstDifference(const std::string& a, const std::string& b) {
    size_t line = 0, i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i]) {
        if (a[i] == '\n')
            ++line;
        ++i;
    }
    auto lineAt = [](const std::string& s, size_t pos) {
        size_t start = s.rfind('\n', pos == 0 ? 0 : pos - 1);
        start = start == std::string::npos ? 0 : start + 1;
        size_t end = s.find('\n', pos);
        return s.substr(start, end == std::string::npos ? std::string::npos : end - start);
    };
    return "line " + std::to_string(line + 1) + "\n    virsh: " + lineAt(a, i) + "\n    cvirt: " + lineAt(b, i);
}

TEST(TestDriverConformance, DefineThenDumpxmlMatchesVirsh) {
    if (!findProgram("virsh"))
        GTEST_FAIL() << "Debian's virsh (libvirt-clients) is needed as the reference";
    std::vector<std::string> files;
    for (const char* dir : {"libvirt-9.6/qemuxml2argvdata", "libvirt-9.6/genericxml2xmlindata"}) {
        std::string path = conformancePath(dir);
        for (const auto& e : std::filesystem::directory_iterator(path))
            if (e.path().extension() == ".xml")
                files.push_back(e.path().string());
    }
    std::sort(files.begin(), files.end());
    ASSERT_FALSE(files.empty());

    size_t identical = 0, bothAccept = 0, bothReject = 0, sameError = 0;
    std::ostringstream report;
    for (const auto& file : files) {
        std::string xml = readText(file);
        Outcome theirs = viaVirsh(file, domainName(xml));
        Outcome ours = viaDriver(xml);
        std::string base = std::filesystem::path(file).filename().string();
        if (theirs.ok && ours.ok) {
            ++bothAccept;
            theirs.text = maskGenerated(xml, theirs.text);
            ours.text = maskGenerated(xml, ours.text);
            if (theirs.text == ours.text)
                ++identical;
            else
                report << "DIFF " << base << ": " << firstDifference(theirs.text, ours.text) << "\n";
        } else if (!theirs.ok && !ours.ok) {
            ++bothReject;
            ++identical;
            if (theirs.text == ours.text)
                ++sameError;
            else
                report << "ERRMSG " << base << "\n    virsh: " << theirs.text << "\n    cvirt: " << ours.text << "\n";
        } else if (theirs.ok) {
            report << "REJECTED " << base << ": " << ours.text << "\n";
        } else {
            report << "ACCEPTED " << base << " (virsh: " << theirs.text << ")\n";
        }
    }
    std::string reportPath = std::string(std::getenv("CVIRT_BINARY_DIR") ? std::getenv("CVIRT_BINARY_DIR") : ".") +
                             "/test-driver-conformance.txt";
    std::ofstream(reportPath) << report.str();
    std::cout << "test-driver define/dumpxml: " << identical << "/" << files.size() << " identical to virsh ("
              << bothAccept << " accepted by both, " << bothReject << " rejected by both, " << sameError
              << " with libvirt's error message); details in " << reportPath << "\n";
    EXPECT_GE(identical, kMinimumIdentical);
}

}  // namespace
}  // namespace cvirt::test::testdriver
