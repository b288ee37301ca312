// cvirsh against Debian's real libvirtd: a private, unprivileged libvirtd
// serves test:///default, and cvirsh's remote driver must make it do what
// Debian's virsh makes it do, printing the same.

#include <gtest/gtest.h>

#include <filesystem>

#include "daemon/libvirtd_process.hpp"
#include "support/test_support.hpp"
#include "util/files.hpp"
#include "util/process.hpp"

namespace cvirt::test {
namespace {

struct Outcome {
    int status = -1;
    std::string out, err;
};

Outcome runShell(const std::string& program, const std::string& uri, const std::string& line) {
    TempDir dir;
    std::filesystem::copy(dataPath("cvirsh/vm1.xml"), dir.file("vm1.xml"));
    Command c;
    c.argv = {program, "-c", uri, line};
    c.env = std::vector<std::string>{"PATH=/usr/bin:/bin", "LANG=C", "TZ=UTC", "HOME=" + dir.path(),
                                     "XDG_CACHE_HOME=" + dir.file(".cache"), "XDG_CONFIG_HOME=" + dir.file(".config")};
    c.cwd = dir.path();
    auto r = run(c);
    return {r.status.code(), r.out, r.err};
}

class CvirshAgainstLibvirtd : public ::testing::TestWithParam<std::string> {
protected:
    static void SetUpTestSuite() { libvirtd_ = new LibvirtdProcess(); }
    static void TearDownTestSuite() {
        delete libvirtd_;
        libvirtd_ = nullptr;
    }
    static LibvirtdProcess* libvirtd_;
};

LibvirtdProcess* CvirshAgainstLibvirtd::libvirtd_ = nullptr;

TEST_P(CvirshAgainstLibvirtd, PrintsWhatVirshPrints) {
    ASSERT_TRUE(fileExists(binPath("cvirsh"))) << "build the cvirsh target";
    const std::string& line = GetParam();
    Outcome virsh = runShell("/usr/bin/virsh", libvirtd_->uri(), line);
    Outcome cvirsh = runShell(binPath("cvirsh"), libvirtd_->uri(), line);
    EXPECT_EQ(cvirsh.status, virsh.status) << cvirsh.err << "\n--- libvirtd ---\n" << libvirtd_->output();
    EXPECT_EQ(maskMomentDependent(cvirsh.out), maskMomentDependent(virsh.out));
    EXPECT_EQ(cvirsh.err, virsh.err);
}

INSTANTIATE_TEST_SUITE_P(Lines, CvirshAgainstLibvirtd,
                         ::testing::Values("list --all", "dominfo test", "dumpxml test", "domstate test --reason",
                                           "define vm1.xml; list --all; dominfo vm1",
                                           "define vm1.xml; start vm1; list --all; domstate vm1 --reason",
                                           "define vm1.xml; start vm1; destroy vm1; list --all",
                                           "define vm1.xml; undefine vm1; list --all",
                                           "define vm1.xml; start vm1; destroy vm1; undefine vm1; list --all",
                                           "dominfo nope", "start test", "net-list --all", "pool-list --all",
                                           "hostname; nodeinfo"));

}  // namespace
}  // namespace cvirt::test
