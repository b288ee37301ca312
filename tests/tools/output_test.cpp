#include <gtest/gtest.h>

#include <clocale>
#include <cstdio>

#include "cvirsh/output/capacity.hpp"
#include "cvirsh/output/escape.hpp"
#include "cvirsh/output/printer.hpp"
#include "cvirsh/output/table.hpp"

namespace cvirt::shell {
namespace {

TEST(Table, VirshListLayout) {
    Table t({"Id", "Name", "State"});
    t.addRow({"1", "test", "running"});
    t.addRow({"-", "other-domain", "shut off"});
    EXPECT_EQ(t.render(true),
              " Id   Name           State\n"
              "-------------------------------\n"
              " 1    test           running\n"
              " -    other-domain   shut off\n");
    // Without the header its cells do not widen the columns.
    EXPECT_EQ(t.render(false),
              " 1   test           running\n"
              " -   other-domain   shut off\n");
    EXPECT_THROW(t.addRow({"x"}), std::invalid_argument);
}

TEST(Table, ControlCharactersAreEscaped) {
    auto cell = encodeCell("a\tb\\xc");
    EXPECT_EQ(cell.text, "a\\x09b\\x5cxc");
    EXPECT_EQ(cell.width, 12u);
}

TEST(Table, WideCharactersCountTwoColumns) {
    if (!std::setlocale(LC_CTYPE, "C.UTF-8"))
        GTEST_SKIP() << "no C.UTF-8 locale";
    Table t({"Name", "X"});
    t.addRow({"\xe4\xbd\xa0\xe5\xa5\xbd", "1"});  // two CJK characters, four columns
    EXPECT_EQ(t.render(true),
              " Name   X\n"
              "-----------\n"
              " \xe4\xbd\xa0\xe5\xa5\xbd   1\n");
    std::setlocale(LC_CTYPE, "C");
    // In the C locale the bytes are not characters; virsh prints them so.
    EXPECT_EQ(encodeCell("\xe4").text, "\\xff");
}

TEST(Capacity, PrettyUnits) {
    EXPECT_EQ(formatCapacity(0), "0.00 B");
    EXPECT_EQ(formatCapacity(1023), "1023.00 B");
    EXPECT_EQ(formatCapacity(1024), "1.00 KiB");
    EXPECT_EQ(formatCapacity(1ull << 30), "1.00 GiB");
    EXPECT_EQ(formatCapacity(1536ull << 20), "1.50 GiB");
    EXPECT_EQ(formatCapacity(~0ull), "16.00 EiB");
}

TEST(Escape, ShellAndXml) {
    EXPECT_EQ(shellQuote("plain=word"), "plain=word");
    EXPECT_EQ(shellQuote(""), "''");
    EXPECT_EQ(shellQuote("b c"), "'b c'");
    EXPECT_EQ(shellQuote("it's"), "'it'\\''s'");
    EXPECT_EQ(xmlEscapeText("<a&'\">"), "&lt;a&amp;&apos;&quot;&gt;");
}

// Printer output captured through memory streams.
struct Captured {
    char* outBuf = nullptr;
    char* errBuf = nullptr;
    size_t outLen = 0, errLen = 0;
    FILE* out = open_memstream(&outBuf, &outLen);
    FILE* err = open_memstream(&errBuf, &errLen);
    ~Captured() {
        std::free(outBuf);
        std::free(errBuf);
    }
    std::string stdoutText() {
        std::fflush(out);
        return {outBuf, outLen};
    }
    std::string stderrText() {
        std::fflush(err);
        return {errBuf, errLen};
    }
    void close() {
        std::fclose(out);
        std::fclose(err);
    }
};

TEST(Printer, QuietKeyValueErrorTiming) {
    Captured c;
    {
        Printer p(c.out, c.err);
        p.keyValue("Id:", "1");
        p.keyValue("Name:", "test");
        p.printExtra("extra\n");
        p.setQuiet(true);
        p.printExtra("hidden\n");
        p.print("shown\n");
        p.error("bad thing");
        p.timing(1.23456);
        Table t({"A"});
        t.addRow({"x"});
        t.print(p);
    }
    EXPECT_EQ(c.stdoutText(),
              "Id:             1\n"
              "Name:           test\n"
              "extra\n"
              "shown\n"
              "\n(Time: 1.235 ms)\n\n"
              " x\n");
    EXPECT_EQ(c.stderrText(), "error: bad thing\n");
    c.close();
}

}  // namespace
}  // namespace cvirt::shell
