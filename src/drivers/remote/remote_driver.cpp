#include "drivers/remote/remote_driver.hpp"

#include "drivers/remote/remote_connection.hpp"

namespace cvirt::drivers::remote {

void registerRemoteDriver(driver::Registry& registry) {
    registry.add("remote", [](const driver::OpenRequest& request) -> std::unique_ptr<driver::Connection> {
        auto target = resolveTarget(request);
        if (!target)
            return nullptr;
        return RemoteConnection::open(*target);
    });
}

}  // namespace cvirt::drivers::remote
