#pragma once
// What every handle of one connection shares.

#include <memory>
#include <string>

#include "driver/connection.hpp"
#include "util/error.hpp"

namespace cvirt::detail {

struct ConnectionState {
    std::unique_ptr<driver::Connection> driver;
    std::string uri;
    unsigned flags = 0;

    bool readOnly() const { return flags & flags::kConnectReadOnly; }

    // The driver, for calls that change something: refused with
    // OPERATION_DENIED on read-only connections, as libvirt refuses them.
    driver::Connection& mutating(const char* api, ErrorDomain domain) const {
        if (readOnly())
            throw Error(ErrorCode::OperationDenied, domain, std::string("read only access prevents ") + api);
        return *driver;
    }
};

}  // namespace cvirt::detail
