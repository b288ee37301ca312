// The pieces cvirsh's command handlers share, tested without a hypervisor:
// virsh's list splitting and number parsing, state names, XML printing
// through --xpath, and the edit cycle with a scripted editor.

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>

#include "cvirsh/commands/common.hpp"
#include "cvirsh/editor.hpp"
#include "cvirsh/shell.hpp"
#include "cvirsh/xpath.hpp"
#include "support/test_support.hpp"
#include "util/files.hpp"

namespace cvirt::shell {
namespace {

TEST(SplitCommaList, DoubledCommaStaysInTheItem) {
    EXPECT_EQ(splitCommaList("a,b"), (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(splitCommaList("a,,b,c"), (std::vector<std::string>{"a,b", "c"}));
    EXPECT_EQ(splitCommaList("vda"), (std::vector<std::string>{"vda"}));
    // A single trailing comma leaves an empty item, as vshStringToArray does.
    EXPECT_EQ(splitCommaList("a,"), (std::vector<std::string>{"a", ""}));
}

TEST(ParseInt, FollowsLibvirtStrToLong) {
    EXPECT_EQ(parseIntLikeLibvirt("1"), 1);
    EXPECT_EQ(parseIntLikeLibvirt(" 7"), 7);
    EXPECT_EQ(parseIntLikeLibvirt("-0"), 0);
    EXPECT_EQ(parseIntLikeLibvirt("1abc"), std::nullopt);
    EXPECT_EQ(parseIntLikeLibvirt(""), std::nullopt);
    EXPECT_EQ(parseIntLikeLibvirt("99999999999"), std::nullopt);
}

TEST(StateNames, AreVirshWords) {
    EXPECT_EQ(domainStateName(DomainState::Shutoff), "shut off");
    EXPECT_EQ(domainStateName(DomainState::Blocked), "idle");
    EXPECT_EQ(domainStateName(static_cast<DomainState>(42)), "no state");
    EXPECT_EQ(domainStateReasonName(DomainState::Running, 1), "booted");
    EXPECT_EQ(domainStateReasonName(DomainState::Paused, 1), "user");
    EXPECT_EQ(domainStateReasonName(DomainState::Shutoff, 5), "saved");
    EXPECT_EQ(domainStateReasonName(DomainState::Shutoff, 99), "unknown");
}

TEST(XPathDocument, EmptyStringsAreNoValue) {
    auto doc = XPathDocument::parse("<domain><name>x</name><title/></domain>", "(domain_definition)");
    EXPECT_EQ(doc.string("string(./name)"), "x");
    EXPECT_EQ(doc.string("string(./title)"), std::nullopt);
    EXPECT_EQ(doc.string("string(./missing/@a)"), std::nullopt);
    EXPECT_EQ(doc.nodes("./name").size(), 1u);
    EXPECT_THROW(doc.nodes("string(./name)"), Error);
    // An expression libxml2 cannot evaluate selects nothing.
    EXPECT_TRUE(doc.nodes("./[").empty());
    EXPECT_THROW(XPathDocument::parse("<a>", "x"), Error);
}

// Runs printXml and returns what it printed on stdout.
std::string printed(const std::string& xml, const std::optional<std::string>& xpath, bool wrap) {
    test::TempDir dir;
    std::string path = dir.file("out");
    std::FILE* out = std::fopen(path.c_str(), "w");
    Printer printer(out, stderr);
    Shell shell(printer, makeConnector([](const char*) -> const char* { return nullptr; }));
    printXml(shell, xml, "domain", xpath, wrap);
    std::fclose(out);
    return readFile(path);
}

TEST(PrintXml, SelectsAndWrapsLikeVirsh) {
    const std::string xml = "<domain type='test'>\n  <devices>\n    <disk type='file'>\n      <source file='/a'/>\n"
                            "    </disk>\n  </devices>\n</domain>\n";
    EXPECT_EQ(printed(xml, std::nullopt, false), xml);
    EXPECT_EQ(printed(xml, "//disk", false), "<disk type=\"file\">\n  <source file=\"/a\"/>\n</disk>\n");
    EXPECT_EQ(printed(xml, "//source", true), "<nodes>\n  <source file=\"/a\"/>\n</nodes>\n");
    EXPECT_EQ(printed(xml, "//nothing", true), "<nodes/>\n");
    EXPECT_EQ(printed(xml, "//nothing", false), "");
    EXPECT_EQ(printed(xml, "//@type", false), " type=\"test\"\n type=\"file\"\n");
}

// The edit cycle with a shell script standing in for the user's editor.
class EditCycle : public ::testing::Test {
protected:
    void SetUp() override {
        unsetenv("VISUAL");
        if (const char* tmp = std::getenv("TMPDIR"))
            savedTmp_ = tmp;
    }
    void TearDown() override {
        unsetenv("EDITOR");
        if (savedTmp_)
            setenv("TMPDIR", savedTmp_->c_str(), 1);
        else
            unsetenv("TMPDIR");
    }

    void useEditor(const std::string& script) {
        std::string path = dir_.file("editor.sh");
        writeFileAtomic(path, "#!/bin/sh\n" + script + "\n", 0755);
        ::chmod(path.c_str(), 0755);
        setenv("EDITOR", path.c_str(), 1);
        setenv("TMPDIR", dir_.path().c_str(), 1);
    }

    EditOutcome runCycle() {
        EditSteps steps{
            .fetch = [&] { return current_; },
            .unchanged = [&] { ++unchanged_; },
            .define =
                [&](const std::string& xml) {
                    if (refuse_)
                        throw Error(ErrorCode::XmlError, ErrorDomain::Domain, "bad");
                    defined_ = xml;
                },
            .relax = nullptr,
        };
        return runEditCycle(shell_, steps);
    }

    std::optional<std::string> savedTmp_;
    test::TempDir dir_;
    Printer printer_{stdout, stderr};
    Shell shell_{printer_, makeConnector([](const char*) -> const char* { return nullptr; })};
    std::string current_ = "<a>1</a>\n";
    std::string defined_;
    int unchanged_ = 0;
    bool refuse_ = false;
};

TEST_F(EditCycle, UnchangedFileDefinesNothing) {
    useEditor("true");
    EXPECT_EQ(runCycle(), EditOutcome::Unchanged);
    EXPECT_EQ(unchanged_, 1);
    EXPECT_TRUE(defined_.empty());
}

TEST_F(EditCycle, EditedFileIsDefinedAndRemoved) {
    useEditor("sed -i -e s/1/2/ \"$1\"");
    EXPECT_EQ(runCycle(), EditOutcome::Defined);
    EXPECT_EQ(defined_, "<a>2</a>\n");
    EXPECT_TRUE(listDirectory(dir_.path(), ".xml").empty());
}

TEST_F(EditCycle, RefusalWithoutTerminalIsReported) {
    if (isatty(0))
        GTEST_SKIP() << "needs stdin that is not a terminal";
    useEditor("sed -i -e s/1/2/ \"$1\"");
    refuse_ = true;
    EXPECT_EQ(runCycle(), EditOutcome::Refused);
}

TEST_F(EditCycle, FailingEditorFailsTheCommand) {
    useEditor("exit 3");
    EXPECT_THROW(runCycle(), Error);
}

}  // namespace
}  // namespace cvirt::shell
