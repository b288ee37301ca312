#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

#include "support/test_support.hpp"
#include "util/error.hpp"
#include "util/files.hpp"
#include "util/process.hpp"

using namespace cvirt;
using namespace std::chrono_literals;

TEST(Process, CapturesOutputAndStatus) {
    auto r = run(Command{.argv = {"sh", "-c", "echo out; echo err >&2; exit 3"}});
    EXPECT_EQ(r.out, "out\n");
    EXPECT_EQ(r.err, "err\n");
    EXPECT_TRUE(r.status.exited());
    EXPECT_EQ(r.status.code(), 3);
}

TEST(Process, FeedsStdin) {
    std::string big(200000, 'x');
    auto r = run(Command{.argv = {"wc", "-c"}}, big);
    EXPECT_EQ(r.out, "200000\n");
}

TEST(Process, EnvCwdUmask) {
    test::TempDir dir;
    Command c{.argv = {"sh", "-c", "echo $FOO; pwd; umask"}};
    c.env = std::vector<std::string>{"FOO=bar", "PATH=/usr/bin:/bin"};
    c.cwd = dir.path();
    c.umask = 027;
    auto r = run(c);
    EXPECT_EQ(r.out, "bar\n" + dir.path() + "\n0027\n");
}

TEST(Process, NoFdLeaksButPassedFdsArrive) {
    // An fd opened without O_CLOEXEC must still not reach the child.
    int opened = ::open("/dev/null", O_RDONLY);
    int leaky = ::dup2(opened, 50);  // dup2 clears close-on-exec
    ::close(opened);
    ASSERT_EQ(leaky, 50);
    int pipefd[2];
    ASSERT_EQ(::pipe(pipefd), 0);  // no O_CLOEXEC either
    Command c{.argv = {"sh", "-c", "ls /proc/self/fd | sort -n | tr '\\n' ' '; echo hi >&7"}};
    c.passFds = {{pipefd[1], 7}};
    auto r = run(c);
    ::close(pipefd[1]);
    char buf[16] = {};
    EXPECT_EQ(::read(pipefd[0], buf, sizeof buf - 1), 3);
    EXPECT_STREQ(buf, "hi\n");
    ::close(pipefd[0]);
    ::close(leaky);
    // 0 1 2, the passed 7, and the fd ls opens for /proc/self/fd itself.
    auto fds = r.out;
    EXPECT_EQ(fds.find(" " + std::to_string(leaky) + " "), std::string::npos) << fds;
    EXPECT_NE(fds.find(" 7 "), std::string::npos) << fds;
}

TEST(Process, MissingProgramIsAClearError) {
    try {
        Process::spawn(Command{.argv = {"/nonexistent/qemu"}});
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::SystemError);
        EXPECT_NE(e.message().find("/nonexistent/qemu"), std::string::npos) << e.message();
    }
    EXPECT_THROW(Process::spawn(Command{.argv = {"no-such-program-anywhere"}}), Error);
}

TEST(Process, TerminateEscalatesToKill) {
    Command c{.argv = {"sh", "-c", "trap '' TERM; echo ready; while :; do sleep 0.05; done"}};
    c.out.how = Stdio::Pipe{};
    auto p = Process::spawn(c);
    char buf[6];
    ASSERT_EQ(::read(p.stdoutPipe().get(), buf, 6), 6);
    auto start = std::chrono::steady_clock::now();
    auto status = p.terminate(200ms);
    EXPECT_TRUE(status.signaled());
    EXPECT_EQ(status.signal(), SIGKILL);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
}

TEST(Process, WaitForTimesOutThenDestructorReaps) {
    pid_t pid;
    {
        auto p = Process::spawn(Command{.argv = {"sleep", "30"}});
        pid = p.pid();
        EXPECT_FALSE(p.waitFor(50ms));
        EXPECT_TRUE(p.running());
    }
    EXPECT_NE(::kill(pid, 0), 0);  // gone and reaped
}

TEST(Process, OutputToFile) {
    test::TempDir dir;
    Command c{.argv = {"sh", "-c", "echo logged"}};
    c.out.how = Stdio::File{dir.file("log")};
    EXPECT_EQ(Process::spawn(c).wait().code(), 0);
    EXPECT_EQ(readFile(dir.file("log")), "logged\n");
}

TEST(Process, DetachedDaemonIsNotOurChild) {
    test::TempDir dir;
    Command c{.argv = {"sh", "-c", "echo $$ > " + dir.file("pid") + "; exec sleep 30"}};
    pid_t pid = Process::spawnDetached(c);
    ASSERT_GT(pid, 0);
    for (int i = 0; i < 200 && !fileExists(dir.file("pid")); ++i)
        std::this_thread::sleep_for(10ms);
    EXPECT_EQ(std::stoi(readFile(dir.file("pid"))), pid);
    EXPECT_EQ(::kill(pid, 0), 0);
    int status;
    EXPECT_EQ(::waitpid(pid, &status, WNOHANG), -1);  // ECHILD: not ours
    EXPECT_NE(::getsid(pid), ::getsid(0));              // another session
    ::kill(pid, SIGKILL);
    EXPECT_THROW(Process::spawnDetached(Command{.argv = {"/nonexistent/qemu"}}), Error);
}
