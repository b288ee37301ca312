#include "api/connection_state.hpp"
#include "cvirt/connection.hpp"

namespace cvirt {

namespace {
constexpr auto kNet = ErrorDomain::Network;
}  // namespace

void Network::create() { state_->mutating("virNetworkCreate", kNet).networkCreate(ref_); }
void Network::destroy() { state_->mutating("virNetworkDestroy", kNet).networkDestroy(ref_); }
void Network::undefine() { state_->mutating("virNetworkUndefine", kNet).networkUndefine(ref_); }
void Network::setAutostart(bool autostart) {
    state_->mutating("virNetworkSetAutostart", kNet).networkSetAutostart(ref_, autostart);
}
std::string Network::xmlDesc(unsigned flags) const { return state_->driver->networkGetXmlDesc(ref_, flags); }
std::string Network::bridgeName() const { return state_->driver->networkGetBridgeName(ref_); }
bool Network::autostart() const { return state_->driver->networkGetAutostart(ref_); }
bool Network::isActive() const { return state_->driver->networkIsActive(ref_); }
bool Network::isPersistent() const { return state_->driver->networkIsPersistent(ref_); }

}  // namespace cvirt
