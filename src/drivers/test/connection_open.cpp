#include <mutex>

#include "drivers/test/default_node.hpp"
#include "drivers/test/flags.hpp"
#include "drivers/test/host_capabilities.hpp"
#include "drivers/test/node_loader.hpp"
#include "drivers/test/test_connection.hpp"
#include "drivers/test/test_driver.hpp"

namespace cvirt::drivers::test {
namespace {

std::shared_ptr<DriverState> newState(std::vector<NumaCell> cells) {
    auto state = std::make_shared<DriverState>();
    state->nodeInfo = defaultNodeInfo();
    state->cells = std::move(cells);
    state->capabilities = buildCapabilities(state->cells);
    return state;
}

// Connections to test:///default share one state while any is open, so
// that one connection sees (and gets events for) what another does.
std::shared_ptr<DriverState> openDefault() {
    static std::mutex mutex;
    static std::weak_ptr<DriverState> shared;
    std::lock_guard lock(mutex);
    if (auto state = shared.lock())
        return state;
    auto state = newState(defaultNumaCells());
    loadNode(*state, defaultNodeXml(), "");
    shared = state;
    return state;
}

// Node files give every connection a state of its own.
std::shared_ptr<DriverState> openFile(const std::string& path) {
    auto state = newState({});
    loadNodeFile(*state, path);
    return state;
}

std::unique_ptr<driver::Connection> open(const driver::OpenRequest& request) {
    const conf::Uri& uri = request.uri;
    if (uri.driver() != "test" || !uri.transport().empty() || !uri.host.empty())
        return nullptr;
    checkFlags(request.flags & ~flags::kConnectNoAliases, flags::kConnectReadOnly, "testConnectOpen");
    if (uri.path.empty() || uri.path == "/")
        throw Error(ErrorCode::InvalidArg, ErrorDomain::Test, "testOpen: supply a path or use test:///default");
    auto state = uri.path == "/default" ? openDefault() : openFile(uri.path);
    // A node with <auth> users wants credentials, which this open path
    // cannot ask for.
    if (!state->users.empty())
        throw Error(ErrorCode::InvalidArg, ErrorDomain::Auth, "Missing authentication credentials");
    return std::make_unique<TestConnection>(std::move(state), request.uriText);
}

}  // namespace

void registerTestDriver(driver::Registry& registry) { registry.add("Test", open); }

TestConnection::TestConnection(std::shared_ptr<DriverState> state, std::string uri)
    : state_(std::move(state)), uri_(std::move(uri)) {}

TestConnection::~TestConnection() {
    // Callbacks registered here must not outlive the connection.
    std::lock_guard lock(callbacks_mutex_);
    for (int id : callbacks_) {
        try {
            state_->domainEvents.remove(id);
        } catch (const Error&) {
        }
    }
}

}  // namespace cvirt::drivers::test
