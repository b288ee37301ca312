#pragma once
// A private instance of Debian's libvirtd for one test or benchmark: run as
// the unprivileged user "nobody" (a session daemon, so it touches no system
// state: no bridges, no /run/libvirt), with its own config file, socket
// directory and XDG runtime dirs under a temporary directory; stopped with
// SIGTERM (then SIGKILL) when the object goes.

#include <chrono>
#include <string>

#include "support/test_support.hpp"
#include "util/process.hpp"

namespace cvirt::test {

inline constexpr const char* kLibvirtd = "/usr/sbin/libvirtd";

class LibvirtdProcess {
public:
    // `config`: extra libvirtd.conf lines.
    explicit LibvirtdProcess(const std::string& config = {});
    ~LibvirtdProcess();
    LibvirtdProcess(const LibvirtdProcess&) = delete;
    LibvirtdProcess& operator=(const LibvirtdProcess&) = delete;

    std::string socket() const { return dir_.path() + "/sock/libvirt-sock"; }
    std::string uri(const std::string& driverPath = "test:///default") const;
    pid_t pid() const { return process_.pid(); }
    std::string output() const;
    void stop();

private:
    TempDir dir_;
    Process process_;
};

}  // namespace cvirt::test
