#include "daemon/qemu_guest_fixture.hpp"

#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <thread>

#include "util/error.hpp"
#include "util/files.hpp"
#include "util/process.hpp"
#include "util/strings.hpp"

namespace cvirt::test {

using namespace std::chrono_literals;

std::string guestDir() {
    if (const char* dir = std::getenv("CVIRT_TEST_GUEST_DIR"))
        return dir;
    std::string dir = binPath("../test-guest");
    if (!fileExists(dir + "/vmlinuz") || !fileExists(dir + "/initrd.img"))
        run(Command{.argv = {CVIRT_TEST_SOURCE_DIR "/scripts/build-test-guest", dir}});
    return dir;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

void replaceOnce(std::string& s, const std::string& from, const std::string& to) {
    auto at = s.find(from);
    ASSERT_NE(at, std::string::npos) << "no " << from;
    s.replace(at, from.size(), to);
}

void replaceAll(std::string& s, const std::string& from, const std::string& to) {
    for (size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size())
        s.replace(at, from.size(), to);
}

std::string withMachine(std::string xml, const std::string& machine) {
    auto at = xml.find("machine='");
    if (at != std::string::npos)
        xml.replace(at + 9, xml.find('\'', at + 9) - at - 9, machine);
    return xml;
}

void cut(std::string& s, const std::string& begin, const std::string& end) {
    auto from = s.find(begin);
    ASSERT_NE(from, std::string::npos) << "no " << begin;
    auto to = s.find(end, from);
    ASSERT_NE(to, std::string::npos) << "no " << end;
    s.erase(from, to + end.size() - from);
}

std::set<pid_t> GuestReaper::find() const {
    std::set<pid_t> pids;
    if (root.empty())
        return pids;
    for (const auto& entry : listDirectory("/proc")) {
        auto pid = parseInt<pid_t>(entry);
        if (!pid)
            continue;
        std::string cmdline;
        try {
            cmdline = readFile("/proc/" + entry + "/cmdline");
        } catch (const Error&) {
            continue;
        }
        if (cmdline.rfind(kQemu, 0) == 0 && cmdline.find(root) != std::string::npos)
            pids.insert(*pid);
    }
    return pids;
}

GuestReaper::~GuestReaper() {
    for (pid_t pid : find())
        ::kill(pid, SIGKILL);
}

void QemuGuest::SetUp() {
    if (::access(kQemu, X_OK) != 0 || ::access(kVirsh, X_OK) != 0)
        GTEST_SKIP() << "needs " << kQemu << " and " << kVirsh;
    guest_ = guestDir();
    if (!fileExists(guest_ + "/vmlinuz"))
        GTEST_SKIP() << "no test guest in " << guest_ << " (scripts/build-test-guest)";
    daemon_ = std::make_unique<CvirtdProcess>();
    reaper_.root = daemon_->root();
    uri_ = "qemu+unix:///system?socket=" + daemon_->socket();
    images_ = daemon_->root() + "/images";
    makeDirectories(images_, 0755);
    auto r = run(Command{.argv = {"qemu-img", "create", "-q", "-f", "qcow2", images_ + "/centos7u2.qcow2", "16M"}});
    ASSERT_EQ(r.status.code(), 0) << r.err;
}

void QemuGuest::TearDown() {
    // Guests go before the daemon that watches them.
    for (pid_t pid : reaper_.find())
        ::kill(pid, SIGKILL);
}

std::string QemuGuest::seedXml(bool ptyConsole) {
    std::string xml = readText(dataPath("qemu/argv/seed-centos7.xml"));
    replaceOnce(xml, "<domain type='kvm'>", "<domain type='qemu'>");
    replaceAll(xml, "@IMAGES@", images_);
    replaceAll(xml, "@CHANNELS@", images_);
    replaceOnce(xml, "<memory unit='KiB'>2097152</memory>", "<memory unit='KiB'>262144</memory>");
    replaceOnce(xml, "<currentMemory unit='KiB'>2097152</currentMemory>",
                "<currentMemory unit='KiB'>262144</currentMemory>");
    replaceOnce(xml, "<boot dev='hd'/>",
                "<kernel>" + guest_ + "/vmlinuz</kernel><initrd>" + guest_ +
                    "/initrd.img</initrd><cmdline>console=ttyS0 panic=-1</cmdline>");
    cut(xml, "<boot dev='cdrom'/>", "/>");
    // TCG has no Haswell features to offer.
    replaceOnce(xml, "Haswell-noTSX", "qemu64");
    cut(xml, "<interface type='bridge'>", "</interface>");
    if (!ptyConsole) {
        cut(xml, "<serial type='pty'>", "</console>");
        replaceOnce(xml, "<channel type='unix'>",
                    "<serial type='file'><source path='" + console() +
                        "'/><target port='0'/></serial><channel type='unix'>");
    }
    return xml;
}

Output QemuGuest::runTool(const std::string& program, const std::vector<std::string>& args) {
    Command c;
    c.argv = {"timeout", "120", program, "-c", uri_};
    c.argv.insert(c.argv.end(), args.begin(), args.end());
    auto r = run(c);
    return {r.status.code(), r.out, r.err};
}

std::string QemuGuest::domstate(const std::string& name) {
    return std::string(trim(virsh({"domstate", "--reason", name}).out));
}

bool QemuGuest::waitFor(const std::function<bool()>& done, std::chrono::seconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(200ms);
    }
    return true;
}

void QemuGuest::defineSeed(bool ptyConsole) {
    std::string path = daemon_->root() + "/seed.xml";
    writeFileAtomic(path, seedXml(ptyConsole));
    auto r = virsh({"define", path});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("Domain '" + std::string(kGuestName) + "' defined from"), std::string::npos) << r.out;
}

}  // namespace cvirt::test
