#include "daemon/cvirtd_process.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <csignal>
#include <cstring>
#include <thread>

#include "util/files.hpp"

extern char** environ;

namespace cvirt::test {

std::vector<std::string> environmentWith(const std::vector<std::string>& extra) {
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e) {
        std::string entry = *e;
        bool replaced = false;
        for (const auto& x : extra)
            if (entry.substr(0, entry.find('=') + 1) == x.substr(0, x.find('=') + 1))
                replaced = true;
        if (!replaced)
            env.push_back(entry);
    }
    env.insert(env.end(), extra.begin(), extra.end());
    return env;
}

bool socketAnswers(const std::string& path) {
    int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, path.c_str(), sizeof(addr.sun_path) - 1);
    bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
    ::close(fd);
    return ok;
}

CvirtdProcess::CvirtdProcess(CvirtdOptions options) {
    makeDirectories(root() + "/etc/cvirt");
    std::string config = options.config;
    writeFileAtomic(root() + "/etc/cvirt/cvirtd.conf", config, 0644);
    Command c;
    c.argv = {binPath("cvirtd"), "--root", root()};
    c.argv.insert(c.argv.end(), options.args.begin(), options.args.end());
    c.env = environmentWith(options.env);
    c.out = Stdio{Stdio::File{root() + "/cvirtd.out", true}};
    c.err = Stdio{Stdio::File{root() + "/cvirtd.out", true}};
    process_ = Process::spawn(c);
    if (options.waitReady && !waitReady())
        throw std::runtime_error("cvirtd did not come up: " + output());
}

CvirtdProcess::~CvirtdProcess() { stop(std::chrono::seconds(10)); }

std::string CvirtdProcess::uri(const std::string& driverPath) const {
    auto colon = driverPath.find(':');
    return driverPath.substr(0, colon) + "+unix" + driverPath.substr(colon) + "?socket=" + socket();
}

std::string CvirtdProcess::output() const {
    try {
        return readFile(root() + "/cvirtd.out");
    } catch (const std::exception&) {
        return {};
    }
}

bool CvirtdProcess::waitReady(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (socketAnswers(socket()))
            return true;
        if (!process_.running() || process_.tryWait())
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

std::optional<ExitStatus> CvirtdProcess::stop(std::chrono::milliseconds grace) {
    if (!process_.running())
        return process_.tryWait();
    process_.signal(SIGTERM);
    if (auto status = process_.waitFor(grace))
        return status;
    process_.terminate(std::chrono::milliseconds(100));
    return std::nullopt;
}

RunResult CvirtdProcess::runAnother(const std::vector<std::string>& args, std::chrono::milliseconds timeout) const {
    Command c;
    c.argv = {binPath("cvirtd"), "--root", root()};
    c.argv.insert(c.argv.end(), args.begin(), args.end());
    c.out = Stdio{Stdio::File{root() + "/another.out", false}};
    c.err = Stdio{Stdio::File{root() + "/another.err", false}};
    Process p = Process::spawn(c);
    RunResult r;
    if (auto status = p.waitFor(timeout))
        r.status = *status;
    else
        r.status = p.terminate(std::chrono::seconds(1));
    r.out = readFile(root() + "/another.out");
    r.err = readFile(root() + "/another.err");
    return r;
}

}  // namespace cvirt::test
