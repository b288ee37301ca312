#include "daemon/libvirtd_process.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <stdexcept>
#include <thread>

#include "daemon/cvirtd_process.hpp"
#include "util/files.hpp"

namespace cvirt::test {
namespace {

constexpr uid_t kNobody = 65534;
constexpr gid_t kNogroup = 65534;

void ownedByNobody(const std::string& path, mode_t mode) {
    makeDirectories(path, mode);
    if (::chown(path.c_str(), kNobody, kNogroup) < 0 || ::chmod(path.c_str(), mode) < 0)
        throw std::runtime_error("cannot prepare " + path);
}

}  // namespace

LibvirtdProcess::LibvirtdProcess(const std::string& config) {
    const std::string& d = dir_.path();
    ::chmod(d.c_str(), 0755);
    ownedByNobody(d + "/home", 0755);
    ownedByNobody(d + "/run", 0700);
    ownedByNobody(d + "/sock", 0755);
    writeFileAtomic(d + "/libvirtd.conf",
                    "unix_sock_dir = \"" + d + "/sock\"\n"
                    "unix_sock_rw_perms = \"0777\"\n"
                    "auth_unix_rw = \"none\"\n"
                    "auth_unix_ro = \"none\"\n"
                    "listen_tls = 0\n"
                    "log_outputs = \"4:stderr\"\n" + config,
                    0644);
    Command c;
    // As root, libvirtd would run the system drivers; as nobody it is a
    // session daemon confined to the directories given here.
    c.argv = {"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", kLibvirtd, "-f", d + "/libvirtd.conf"};
    c.env = std::vector<std::string>{"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "HOME=" + d + "/home",
                                     "XDG_RUNTIME_DIR=" + d + "/run", "XDG_CONFIG_HOME=" + d + "/home/.config",
                                     "XDG_CACHE_HOME=" + d + "/home/.cache", "XDG_DATA_HOME=" + d + "/home/.local",
                                     "LANG=C"};
    c.out = Stdio{Stdio::File{d + "/libvirtd.log", true}};
    c.err = Stdio{Stdio::File{d + "/libvirtd.log", true}};
    process_ = Process::spawn(c);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!socketAnswers(socket())) {
        if (std::chrono::steady_clock::now() > deadline || process_.tryWait())
            throw std::runtime_error("libvirtd did not come up: " + output());
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

LibvirtdProcess::~LibvirtdProcess() { stop(); }

std::string LibvirtdProcess::uri(const std::string& driverPath) const {
    auto colon = driverPath.find(':');
    return driverPath.substr(0, colon) + "+unix" + driverPath.substr(colon) + "?socket=" + socket();
}

std::string LibvirtdProcess::output() const {
    try {
        return readFile(dir_.path() + "/libvirtd.log");
    } catch (const std::exception&) {
        return {};
    }
}

void LibvirtdProcess::stop() {
    if (!process_.running())
        return;
    process_.signal(SIGTERM);
    if (!process_.waitFor(std::chrono::seconds(15)))
        process_.terminate(std::chrono::milliseconds(100));
}

}  // namespace cvirt::test
