// domxml-to-native against cvirtd, through cvirsh and Debian's virsh (the
// CONNECT_DOMAIN_XML_TO_NATIVE procedure): both print the same QEMU command
// line for the seed's example domain, from a file and from a defined
// domain, and both report libvirt's errors for bad input.

#include <gtest/gtest.h>

#include "daemon/qemu_guest_fixture.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"

namespace cvirt::test {
namespace {

class DomxmlToNative : public QemuGuest {
protected:
    // The seed's domain (tests/data/domain/centos7u2-1.xml) with this
    // host's paths, as seedXml() has it, on its pty console.
    std::string seedFile() {
        std::string path = daemon_->root() + "/seed.xml";
        writeFileAtomic(path, seedXml(true));
        return path;
    }

    // Runs domxml-to-native through both shells: the same status, output
    // and errors.
    Output both(const std::vector<std::string>& args) {
        std::vector<std::string> full = {"domxml-to-native"};
        full.insert(full.end(), args.begin(), args.end());
        auto ours = cvirsh(full);
        auto theirs = virsh(full);
        EXPECT_EQ(ours.code, theirs.code) << ours.err << "\n---\n" << theirs.err;
        EXPECT_EQ(ours.out, theirs.out);
        EXPECT_EQ(ours.err, theirs.err);
        return theirs;
    }

    // libvirt's one line: the environment QEMU gets, the emulator, then
    // the arguments; ended by the shell's blank line.
    void expectCommandLine(const std::string& out) {
        ASSERT_TRUE(out.ends_with("\n")) << out;
        std::string line = out.substr(0, out.size() - 1);
        EXPECT_EQ(line.find('\n'), std::string::npos) << out;
        auto words = split(line, " ");
        size_t at = 0;
        while (at < words.size() && words[at].find('=') != std::string::npos && words[at][0] != '-')
            ++at;
        ASSERT_LT(at, words.size()) << out;
        EXPECT_EQ(words[at], kQemu) << "the emulator after the environment: " << out;
        for (const char* part : {" -name guest=centos7u2-1,", " -machine pc-", " -m ", " -smp 2,", " -uuid 2f6260bf-1283-4933-aaef-fa82148537ba "})
            EXPECT_TRUE(contains(line, part)) << part << " in " << out;
    }
};

TEST_F(DomxmlToNative, SeedDomainFromFileAndDefinition) {
    auto fromFile = both({"qemu-argv", seedFile()});
    ASSERT_EQ(fromFile.code, 0) << fromFile.err << daemonLog();
    expectCommandLine(fromFile.out);

    defineSeed(true);
    auto fromDomain = both({"qemu-argv", "--domain", kGuestName});
    ASSERT_EQ(fromDomain.code, 0) << fromDomain.err;
    expectCommandLine(fromDomain.out);
    EXPECT_EQ(fromDomain.out, fromFile.out);
}

TEST_F(DomxmlToNative, BadInputGivesLibvirtErrors) {
    std::string notXml = daemon_->root() + "/not.xml";
    writeFileAtomic(notXml, "this is not xml\n");
    auto r = both({"qemu-argv", notXml});
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(r.err.starts_with("error: (domain_definition):1: Start tag expected, '<' not found\n")) << r.err;

    r = both({"foo", seedFile()});
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.err, "error: invalid argument: unsupported config type foo\n");

    r = both({"qemu-argv", daemon_->root() + "/missing.xml"});
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(contains(r.err, "No such file or directory")) << r.err;

    r = both({"qemu-argv"});
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.err, "error: need either domain or domain XML\n");
}

}  // namespace
}  // namespace cvirt::test
