#include "driver/registry.hpp"

namespace cvirt::driver {

void Registry::add(std::string name, DriverFactory factory) {
    entries_.push_back({std::move(name), std::move(factory)});
}

std::unique_ptr<Connection> Registry::open(const OpenRequest& request) const {
    for (const auto& e : entries_)
        if (auto conn = e.factory(request))
            return conn;
    throw Error(ErrorCode::NoConnect, ErrorDomain::None, request.uriText);
}

std::vector<std::string> Registry::names() const {
    std::vector<std::string> out;
    for (const auto& e : entries_)
        out.push_back(e.name);
    return out;
}

}  // namespace cvirt::driver
