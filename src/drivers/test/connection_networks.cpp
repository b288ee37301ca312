// Virtual networks as libvirt's test driver keeps them: definitions with
// an active flag, nothing on the host.

#include "drivers/test/flags.hpp"
#include "drivers/test/test_connection.hpp"

namespace cvirt::drivers::test {
namespace {

constexpr unsigned kNetworkDefineValidate = 1;
constexpr unsigned kNetworkListAll = 0x3f;

bool matches(const NetworkObject& obj, unsigned f) {
    using namespace flags;
    auto has = [f](unsigned bits) { return (f & bits) != 0; };
    if (has(kNetListActive | kNetListInactive) &&
        !((has(kNetListActive) && obj.active) || (has(kNetListInactive) && !obj.active)))
        return false;
    if (has(kNetListPersistent | kNetListTransient) &&
        !((has(kNetListPersistent) && obj.persistent) || (has(kNetListTransient) && !obj.persistent)))
        return false;
    if (has(kNetListAutostart | kNetListNoAutostart) &&
        !((has(kNetListAutostart) && obj.autostart) || (has(kNetListNoAutostart) && !obj.autostart)))
        return false;
    return true;
}

std::unique_ptr<conf::network::Network> parseNetwork(const std::string& xml, bool validate) {
    conf::network::NetworkParseOptions options;
    options.validateSchema = validate;
    return std::make_unique<conf::network::Network>(conf::network::parseNetworkXml(xml, options));
}

}  // namespace

NetworkObject& TestConnection::networkByName(const std::string& name) {
    if (NetworkObject* obj = state_->networks.findByName(name))
        return *obj;
    fail(ErrorCode::NoNetwork, ErrorDomain::Test, "no network with matching name '{}'", name);
}

NetworkObject& TestConnection::networkByUuid(const Uuid& uuid) {
    if (NetworkObject* obj = state_->networks.findByUuid(uuid))
        return *obj;
    fail(ErrorCode::NoNetwork, ErrorDomain::Test, "no network with matching uuid '{}'", uuid.format());
}

NetworkRef TestConnection::networkLookupByName(const std::string& name) {
    StateLock lock(*state_);
    return networkByName(name).ref();
}

NetworkRef TestConnection::networkLookupByUuid(const Uuid& uuid) {
    StateLock lock(*state_);
    return networkByUuid(uuid).ref();
}

std::vector<NetworkRef> TestConnection::listAllNetworks(unsigned flags) {
    checkFlags(flags, kNetworkListAll, "testConnectListAllNetworks");
    StateLock lock(*state_);
    std::vector<NetworkRef> out;
    for (NetworkObject* obj : state_->networks.all())
        if (matches(*obj, flags))
            out.push_back(obj->ref());
    return out;
}

NetworkRef TestConnection::networkDefineXml(const std::string& xml, unsigned flags) {
    checkFlags(flags, kNetworkDefineValidate, "testNetworkDefineXMLFlags");
    StateLock lock(*state_);
    return state_->networks.assignDef(parseNetwork(xml, flags & kNetworkDefineValidate), false, false).ref();
}

NetworkRef TestConnection::networkCreateXml(const std::string& xml, unsigned flags) {
    checkFlags(flags, kNetworkDefineValidate, "testNetworkCreateXMLFlags");
    StateLock lock(*state_);
    NetworkObject& obj = state_->networks.assignDef(parseNetwork(xml, flags & kNetworkDefineValidate), true, true);
    obj.active = true;
    return obj.ref();
}

void TestConnection::networkUndefine(const NetworkRef& net) {
    StateLock lock(*state_);
    NetworkObject& obj = networkByName(net.name);
    if (obj.active)
        fail(ErrorCode::OperationInvalid, ErrorDomain::Test, "Network '{}' is still running", net.name);
    state_->networks.remove(&obj);
}

void TestConnection::networkCreate(const NetworkRef& net) {
    StateLock lock(*state_);
    NetworkObject& obj = networkByName(net.name);
    if (obj.active)
        fail(ErrorCode::OperationInvalid, ErrorDomain::Test, "Network '{}' is already running", net.name);
    obj.active = true;
}

void TestConnection::networkDestroy(const NetworkRef& net) {
    StateLock lock(*state_);
    NetworkObject& obj = networkByName(net.name);
    // Like libvirt's test driver: stopping a stopped network succeeds.
    obj.active = false;
    if (!obj.persistent)
        state_->networks.remove(&obj);
}

std::string TestConnection::networkGetXmlDesc(const NetworkRef& net, unsigned flags) {
    checkFlags(flags, 0, "testNetworkGetXMLDesc");
    StateLock lock(*state_);
    return conf::network::formatNetworkXml(*networkByName(net.name).def);
}

std::string TestConnection::networkGetBridgeName(const NetworkRef& net) {
    StateLock lock(*state_);
    NetworkObject& obj = networkByName(net.name);
    if (obj.def->bridge.empty())
        fail(ErrorCode::InternalError, ErrorDomain::Test, "network '{}' does not have a bridge name.", obj.def->name);
    return obj.def->bridge;
}

bool TestConnection::networkGetAutostart(const NetworkRef& net) {
    StateLock lock(*state_);
    return networkByName(net.name).autostart;
}

void TestConnection::networkSetAutostart(const NetworkRef& net, bool autostart) {
    StateLock lock(*state_);
    networkByName(net.name).autostart = autostart;
}

bool TestConnection::networkIsActive(const NetworkRef& net) {
    StateLock lock(*state_);
    return networkByUuid(net.uuid).active;
}

bool TestConnection::networkIsPersistent(const NetworkRef& net) {
    StateLock lock(*state_);
    return networkByUuid(net.uuid).persistent;
}

}  // namespace cvirt::drivers::test
