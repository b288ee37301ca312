#pragma once
// Opening a connection: the URI (after alias and default resolution) goes
// to each registered driver in turn, as libvirt offers a URI to its drivers;
// the first that accepts it opens the connection.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "conf/uri.hpp"
#include "driver/connection.hpp"

namespace cvirt::driver {

struct OpenRequest {
    std::string uriText;  // as resolved, e.g. "test:///default"
    conf::Uri uri;
    unsigned flags = 0;   // flags::kConnectReadOnly ...
    // True inside cvirtd: local hypervisor drivers serve qemu:///system
    // there, while client programs reach it through the daemon.
    bool inDaemon = false;
    // cvirtd --root DIR: where the daemon's system-mode state lives ("" is /).
    std::string daemonRoot;
    bool readOnly() const { return flags & flags::kConnectReadOnly; }
};

// Returns nullptr to decline a URI it does not serve; throws to refuse one
// it serves but cannot open.
using DriverFactory = std::function<std::unique_ptr<Connection>(const OpenRequest&)>;

class Registry {
public:
    // Drivers are tried in registration order.
    void add(std::string name, DriverFactory factory);
    // Throws NO_CONNECT ("no connection driver available for URI") when
    // no driver accepts the URI.
    std::unique_ptr<Connection> open(const OpenRequest& request) const;
    std::vector<std::string> names() const;

private:
    struct Entry {
        std::string name;
        DriverFactory factory;
    };
    std::vector<Entry> entries_;
};

}  // namespace cvirt::driver
