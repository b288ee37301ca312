#pragma once
// A private cvirtd for one test: build/bin/cvirtd --root <temp dir> with its
// own cvirtd.conf, started in the foreground, waited for until its socket
// answers, and stopped (SIGTERM, then SIGKILL) when the object goes.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "support/test_support.hpp"
#include "util/process.hpp"

namespace cvirt::test {

struct CvirtdOptions {
    std::string config;  // cvirtd.conf text, written to <root>/etc/cvirt/cvirtd.conf
    std::vector<std::string> args;  // extra command-line flags
    std::vector<std::string> env;   // extra NAME=value
    bool waitReady = true;
};

class CvirtdProcess {
public:
    explicit CvirtdProcess(CvirtdOptions options = {});
    ~CvirtdProcess();
    CvirtdProcess(const CvirtdProcess&) = delete;
    CvirtdProcess& operator=(const CvirtdProcess&) = delete;

    const std::string& root() const { return dir_.path(); }
    std::string socket() const { return root() + "/run/cvirt/libvirt-sock"; }
    std::string roSocket() const { return root() + "/run/cvirt/libvirt-sock-ro"; }
    // "<driver>+unix://<path>?socket=<rw socket>"
    std::string uri(const std::string& driverPath = "test:///default") const;
    pid_t pid() const { return process_.pid(); }
    Process& process() { return process_; }
    // What the daemon wrote on stdout and stderr so far.
    std::string output() const;

    // True once the rw socket accepts a connection.
    bool waitReady(std::chrono::milliseconds timeout = std::chrono::seconds(30));
    // SIGTERM and wait; the exit status, or nullopt if it had to be killed.
    std::optional<ExitStatus> stop(std::chrono::milliseconds grace = std::chrono::seconds(20));

    // Runs cvirtd --root <this root> with `args` to completion (a second
    // daemon, --version, ...).
    RunResult runAnother(const std::vector<std::string>& args,
                         std::chrono::milliseconds timeout = std::chrono::seconds(30)) const;

private:
    TempDir dir_;
    Process process_;
};

// A command's environment: ours plus `extra`.
std::vector<std::string> environmentWith(const std::vector<std::string>& extra);

// True when connect() on a unix socket path succeeds.
bool socketAnswers(const std::string& path);

}  // namespace cvirt::test
