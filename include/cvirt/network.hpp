#pragma once
// A virtual network handle (libvirt's virNetworkPtr).

#include <memory>
#include <string>

#include "driver/types.hpp"

namespace cvirt {

namespace detail {
struct ConnectionState;
}

class Network {
public:
    const std::string& name() const { return ref_.name; }
    const Uuid& uuid() const { return ref_.uuid; }
    const NetworkRef& ref() const { return ref_; }

    void create();   // start
    void destroy();  // stop
    void undefine();
    void setAutostart(bool autostart);
    std::string xmlDesc(unsigned flags = 0) const;
    std::string bridgeName() const;
    bool autostart() const;
    bool isActive() const;
    bool isPersistent() const;

private:
    friend class Connection;
    Network(std::shared_ptr<detail::ConnectionState> state, NetworkRef ref)
        : state_(std::move(state)), ref_(std::move(ref)) {}
    std::shared_ptr<detail::ConnectionState> state_;
    NetworkRef ref_;
};

}  // namespace cvirt
