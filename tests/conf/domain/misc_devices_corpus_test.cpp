// libvirt's own formatting of watchdog, memballoon, rng, tpm, nvram, panic,
// shmem, memory, iommu, vsock, crypto and pstore devices, taken from the
// expected outputs of its xml2xml tests: every such element must come back
// byte for byte after a parse and a format (the outputs are canonical, so
// a round trip is the identity).
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "conf/domain/devices.hpp"
#include "conformance_support.hpp"
#include "device_xml.hpp"
#include "support/test_support.hpp"
#include "util/xml.hpp"

namespace {

using namespace cvirt::conf::domain;
namespace td = cvirt::test::domain;

// A device element exactly as it appears in the file, without the four
// spaces of indent it has under <devices>.
struct Sample {
    std::string file;
    std::string text;
};

using RoundTrip = std::function<std::string(std::string_view name, const std::string& text)>;
// Parses one device element node and formats it (inactive).
using Reformat = std::function<std::string(std::string_view name, const cvirt::xml::Node& node)>;

template <typename T>
RoundTrip roundTripOf() {
    return [](std::string_view name, const std::string& text) { return td::roundTrip<T>(name, text, true); };
}

template <typename T>
Reformat reformatOf() {
    return [](std::string_view name, const cvirt::xml::Node& node) {
        cvirt::conf::xml::ParseContext pctx;
        T device = cvirt::conf::xml::parseElement<T>(node, pctx);
        cvirt::conf::xml::Writer w;
        cvirt::conf::xml::FormatContext fctx;
        fctx.inactive = true;
        cvirt::conf::xml::formatElement(w, name, device, fctx);
        return w.out();
    };
}

const std::map<std::string, Reformat>& reformatters() {
    static const std::map<std::string, Reformat> all = {
        {"watchdog", reformatOf<Watchdog>()}, {"memballoon", reformatOf<Memballoon>()},
        {"rng", reformatOf<Rng>()},           {"tpm", reformatOf<Tpm>()},
        {"nvram", reformatOf<Nvram>()},       {"panic", reformatOf<Panic>()},
        {"shmem", reformatOf<Shmem>()},       {"memory", reformatOf<MemoryDevice>()},
        {"iommu", reformatOf<Iommu>()},       {"vsock", reformatOf<Vsock>()},
        {"crypto", reformatOf<Crypto>()},     {"pstore", reformatOf<Pstore>()},
    };
    return all;
}

const std::map<std::string, RoundTrip>& families() {
    static const std::map<std::string, RoundTrip> all = {
        {"watchdog", roundTripOf<Watchdog>()}, {"memballoon", roundTripOf<Memballoon>()},
        {"rng", roundTripOf<Rng>()},           {"tpm", roundTripOf<Tpm>()},
        {"nvram", roundTripOf<Nvram>()},       {"panic", roundTripOf<Panic>()},
        {"shmem", roundTripOf<Shmem>()},       {"memory", roundTripOf<MemoryDevice>()},
        {"iommu", roundTripOf<Iommu>()},       {"vsock", roundTripOf<Vsock>()},
        {"crypto", roundTripOf<Crypto>()},     {"pstore", roundTripOf<Pstore>()},
    };
    return all;
}

// The elements called `name` directly under <devices> in `text`.
std::vector<std::string> deviceElements(const std::string& text, const std::string& name) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    std::vector<std::string> out;
    bool inDevices = false;
    const std::string open = "    <" + name, close = "    </" + name + ">";
    for (size_t i = 0; i < lines.size(); ++i) {
        if (lines[i] == "  <devices>")
            inDevices = true;
        else if (lines[i] == "  </devices>")
            inDevices = false;
        if (!inDevices || lines[i].compare(0, open.size(), open) != 0)
            continue;
        char after = lines[i].size() > open.size() ? lines[i][open.size()] : '\0';
        if (after != ' ' && after != '>' && after != '/')
            continue;
        std::string element;
        size_t j = i;
        for (; j < lines.size(); ++j) {
            element += lines[j].substr(4) + "\n";
            if ((j == i && lines[j].size() >= 2 && lines[j].compare(lines[j].size() - 2, 2, "/>") == 0) ||
                lines[j] == close)
                break;
        }
        out.push_back(element);
        i = j;
    }
    return out;
}

std::map<std::string, std::vector<Sample>> collect() {
    std::map<std::string, std::vector<Sample>> samples;
    for (const char* set : {"qemuxml2xmloutdata", "genericxml2xmloutdata"}) {
        std::string dir = cvirt::test::conformancePath(std::string("libvirt-9.6/") + set);
        for (const auto& file : td::listFiles(dir, ".xml")) {
            std::string text = cvirt::test::readText(dir + "/" + file);
            for (const auto& [name, fn] : families())
                for (auto& element : deviceElements(text, name))
                    samples[name].push_back({std::string(set) + "/" + file, std::move(element)});
        }
    }
    return samples;
}

TEST(MiscDevicesCorpus, LibvirtFormattingRoundTrips) {
    auto samples = collect();
    size_t total = 0, failed = 0;
    for (const auto& [name, list] : samples) {
        for (const auto& sample : list) {
            ++total;
            std::string actual;
            try {
                actual = families().at(name)(name, sample.text);
            } catch (const std::exception& e) {
                actual = std::string("error: ") + e.what();
            }
            if (actual != sample.text) {
                ++failed;
                ADD_FAILURE() << sample.file << ": <" << name << ">\nexpected:\n"
                              << sample.text << "actual:\n"
                              << actual;
            }
        }
    }
    std::printf("%zu device elements round-tripped, %zu differ\n", total, failed);
    // The corpus holds at least the balloons, watchdogs, memory devices and
    // IOMMUs of the a-m half; an empty harvest means the parser above broke.
    EXPECT_GT(samples["memballoon"].size(), 300u);
    EXPECT_GT(samples["memory"].size(), 20u);
    EXPECT_GT(samples["iommu"].size(), 5u);
}

// The qemuxml2argv inputs of the a-m half that libvirt accepts: each of
// these devices in them must parse, and what we write must be valid for
// libvirt's schema (checked inside a minimal domain).
TEST(MiscDevicesCorpus, ArgvInputsParseAndValidate) {
    auto table = td::readTsv(cvirt::test::conformancePath("index/qemuxml2argv-cases-a-m.tsv"));
    auto schema =
        cvirt::xml::RngSchema::load(cvirt::test::conformancePath("libvirt-9.6/schemas/domain.rng"));
    std::set<std::string> seen;
    size_t devices = 0;
    for (const auto& row : table.rows) {
        std::string expect = table.column(row, "expect");
        std::string name = table.column(row, "name");
        if ((expect != "success" && expect != "fail-build") || !seen.insert(name).second)
            continue;
        std::string text =
            cvirt::test::readText(cvirt::test::conformancePath("libvirt-9.6/qemuxml2argvdata/" + name + ".xml"));
        auto doc = cvirt::xml::Document::parse(text, "(domain_definition)", cvirt::ErrorDomain::Domain);
        auto devicesNode = doc.root().child("devices");
        if (!devicesNode)
            continue;
        std::string formatted;
        for (const auto& node : devicesNode.children()) {
            auto it = reformatters().find(std::string(node.name()));
            if (it == reformatters().end())
                continue;
            ++devices;
            try {
                formatted += it->second(node.name(), node);
            } catch (const std::exception& e) {
                ADD_FAILURE() << name << ": <" << node.name() << ">: " << e.what();
            }
        }
        if (formatted.empty())
            continue;
        std::string wrapped = "<domain type='qemu'><name>x</name><memory unit='KiB'>1048576</memory>"
                              "<os><type>hvm</type></os><devices>\n" +
                              formatted + "</devices></domain>\n";
        try {
            auto out = cvirt::xml::Document::parse(wrapped, "(formatted)", cvirt::ErrorDomain::Domain);
            schema->validate(out);
        } catch (const std::exception& e) {
            ADD_FAILURE() << name << ": " << e.what() << "\n" << formatted;
        }
    }
    std::printf("%zu device elements parsed from qemuxml2argv inputs\n", devices);
    EXPECT_GT(devices, 450u);
}

}  // namespace
