#include "drivers/test/driver_state.hpp"

namespace cvirt::drivers::test {

NodeInfo defaultNodeInfo() {
    NodeInfo info;
    info.model = "i686";
    info.memory = 3 * 1024 * 1024;  // KiB
    info.cpus = 16;
    info.mhz = 1400;
    info.nodes = 2;
    info.sockets = 2;
    info.cores = 2;
    info.threads = 2;
    return info;
}

StateLock::~StateLock() {
    lock_.unlock();
    for (const auto& e : events_) {
        // A failing callback must not take the other listeners down.
        try {
            state_.domainEvents.emit(e);
        } catch (...) {
        }
    }
}

}  // namespace cvirt::drivers::test
