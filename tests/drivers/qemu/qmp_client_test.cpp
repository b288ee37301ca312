// The QMP client against a real QEMU (no guest: -machine none).
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>

#include "drivers/qemu/monitor/qmp_client.hpp"
#include "support/test_support.hpp"
#include "util/error.hpp"
#include "util/files.hpp"
#include "util/process.hpp"

using namespace cvirt;
using namespace cvirt::qemu;
using namespace std::chrono_literals;

namespace {

struct IoThread {
    asio::io_context io;
    asio::executor_work_guard<asio::io_context::executor_type> guard = asio::make_work_guard(io);
    std::thread thread{[this] { io.run(); }};
    ~IoThread() {
        guard.reset();
        io.stop();
        thread.join();
    }
};

Process startQemu(const std::string& socket) {
    Command c{.argv = {"qemu-system-x86_64", "-machine", "none", "-nodefaults", "-no-user-config", "-display",
                       "none", "-S", "-qmp", "unix:" + socket + ",server=on,wait=off"}};
    auto p = Process::spawn(c);
    for (int i = 0; i < 500 && !fileExists(socket); ++i)
        std::this_thread::sleep_for(10ms);
    return p;
}

}  // namespace

TEST(QmpClient, HandshakeCommandsErrorsAndEvents) {
    test::TempDir dir;
    auto socket = dir.file("qmp.sock");
    auto qemu = startQemu(socket);
    IoThread io;
    auto mon = QmpClient::connect(io.io, socket, 5s);
    EXPECT_GE(mon->version(), 7000000u);

    auto status = mon->execute("query-status");
    EXPECT_EQ(status["status"], "prelaunch");
    EXPECT_FALSE(status["running"].get<bool>());

    try {
        mon->execute("no-such-command");
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::InternalError);
        EXPECT_NE(e.message().find("unable to execute QEMU command 'no-such-command'"), std::string::npos);
    }

    // Many commands in flight from several threads, each gets its reply.
    std::vector<std::thread> threads;
    std::atomic<int> ok{0};
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 25; ++i)
                if (mon->execute("query-version")["qemu"]["major"].get<int>() >= 7)
                    ++ok;
        });
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(ok, 100);

    std::promise<std::string> stopped;
    auto fut = stopped.get_future();
    bool sent = false;
    mon->setEventHandler([&](const QmpEvent& ev) {
        if (ev.name == "SHUTDOWN" && !sent) {
            sent = true;
            stopped.set_value(ev.name);
        }
    });
    std::promise<void> closed;
    mon->setCloseHandler([&] { closed.set_value(); });
    mon->executeAsync("quit", nullptr, [](const Json*, const std::string*) {});
    ASSERT_EQ(fut.wait_for(10s), std::future_status::ready);
    EXPECT_EQ(closed.get_future().wait_for(10s), std::future_status::ready);
    EXPECT_TRUE(mon->closed());
    EXPECT_THROW(mon->execute("query-status", nullptr, 1s), Error);
    EXPECT_EQ(qemu.wait().code(), 0);
}

TEST(QmpClient, NoMonitorIsAClearError) {
    IoThread io;
    try {
        QmpClient::connect(io.io, "/nonexistent/qmp.sock", 1s);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::OperationFailed);
        EXPECT_NE(e.message().find("/nonexistent/qmp.sock"), std::string::npos);
    }
}
