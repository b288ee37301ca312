#pragma once
// Consoles of running guests: the ptys QEMU opens for pty character
// devices, found with query-chardev and joined to streams
// (QemuDriver::openConsole). One stream per pty at a time, as libvirt's
// virChrdevOpen allows: a second one fails, unless forced, which takes the
// pty over and fails the first stream.

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <asio/io_context.hpp>

#include "conf/domain/domain.hpp"
#include "driver/stream.hpp"
#include "drivers/qemu/monitor/qmp_client.hpp"

namespace cvirt::qemu {

// Writes into `def` the ptys QEMU picked for its pty character devices, as
// libvirt's live XML shows them (<source path='/dev/pts/N'/>, the console's
// tty). Devices QEMU does not report keep no path.
void recordPtyPaths(conf::domain::Domain& def, QmpClient& monitor);

// The device `devname` names (an alias of a console, serial or parallel
// port, looked up in that order), or without a name the first console, else
// the first serial port; nullopt when there is none. Consoles that stand
// for a serial port come back as that port.
std::optional<conf::domain::Chardev> consoleDevice(const conf::domain::Domain& def,
                                                   const std::optional<std::string>& devname);

class PtyStream;

// The streams attached to one domain's ptys.
class ConsoleSessions {
public:
    // Attaches the pty at `path` to `stream`, reading and writing on `io`.
    // OPERATION_FAILED "Active console session exists for this domain"
    // while another stream holds it, unless `force`.
    void open(asio::io_context& io, const std::string& path, const std::shared_ptr<driver::Stream>& stream,
              bool force);

private:
    std::mutex mutex_;
    std::map<std::string, std::weak_ptr<PtyStream>> held_;
};

}  // namespace cvirt::qemu
