// Debian's python3-libvirt against cvirtd: tests/daemon/python_client.py
// opens the daemon read-write and read-only, lists, looks up, defines,
// starts, destroys, undefines, reads XML and receives the lifecycle events
// of a start/destroy through a registered callback.

#include <gtest/gtest.h>

#include "daemon/cvirtd_process.hpp"
#include "util/files.hpp"

namespace cvirt::test {
namespace {

TEST(PythonLibvirt, AgainstCvirtd) {
    const char* python = "/usr/bin/python3";
    ASSERT_TRUE(fileExists(python));
    CvirtdProcess d;
    Command c;
    c.argv = {python, std::string(CVIRT_TEST_DAEMON_DIR) + "/python_client.py", d.uri(),
              "test+unix:///default?socket=" + d.roSocket()};
    auto r = run(c);
    EXPECT_EQ(r.status.code(), 0) << r.out << r.err << "\n--- cvirtd ---\n" << d.output();
    EXPECT_NE(r.out.find("all ok"), std::string::npos) << r.out << r.err;
}

}  // namespace
}  // namespace cvirt::test
