#include <gtest/gtest.h>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/test_support.hpp"
#include "util/error.hpp"
#include "util/files.hpp"

using namespace cvirt;

TEST(Files, AtomicWriteReplacesAndLeavesNoTemp) {
    test::TempDir dir;
    auto path = dir.file("a.xml");
    writeFileAtomic(path, "one");
    EXPECT_EQ(readFile(path), "one");
    writeFileAtomic(path, "two", 0640);
    EXPECT_EQ(readFile(path), "two");
    struct stat st;
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0640u);
    EXPECT_EQ(listDirectory(dir.path()), std::vector<std::string>{"a.xml"});
}

TEST(Files, AtomicWriteIntoMissingDirFailsCleanly) {
    test::TempDir dir;
    EXPECT_THROW(writeFileAtomic(dir.file("nope/a.xml"), "x"), Error);
}

TEST(Files, ListsSortedWithSuffix) {
    test::TempDir dir;
    for (auto n : {"b.xml", "a.xml", "c.txt"})
        writeFileAtomic(dir.file(n), "");
    EXPECT_EQ(listDirectory(dir.path(), ".xml"), (std::vector<std::string>{"a.xml", "b.xml"}));
    EXPECT_TRUE(listDirectory(dir.file("missing")).empty());
}

TEST(Files, MakeDirectoriesAndRemoveTree) {
    test::TempDir dir;
    makeDirectories(dir.file("x/y/z"));
    EXPECT_TRUE(fileExists(dir.file("x/y/z")));
    writeFileAtomic(dir.file("x/y/z/f"), "1");
    removeTree(dir.file("x"));
    EXPECT_FALSE(fileExists(dir.file("x")));
    removeTree(dir.file("x"));  // missing is fine
}

TEST(Files, ReadFileErrorsNameThePath) {
    try {
        readFile("/nonexistent/file");
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::SystemError);
        EXPECT_NE(e.message().find("/nonexistent/file"), std::string::npos);
    }
}

TEST(Files, PidFileIsExclusive) {
    test::TempDir dir;
    auto path = dir.file("d.pid");
    {
        auto pid = PidFile::acquire(path);
        EXPECT_EQ(PidFile::readLive(path), ::getpid());
        // Another process cannot take it while we hold it.
        pid_t child = ::fork();
        if (child == 0) {
            try {
                PidFile::acquire(path);
                ::_exit(0);
            } catch (const Error&) {
                ::_exit(3);
            }
        }
        int status = 0;
        ::waitpid(child, &status, 0);
        EXPECT_EQ(WEXITSTATUS(status), 3);
    }
    EXPECT_FALSE(fileExists(path));
    EXPECT_FALSE(PidFile::readLive(path));
}
