#pragma once
// What every family of the command-line builder shares: the definition,
// the context, the command being built, JSON property helpers that follow
// libvirt's conventions (which keys appear when), and device addresses.

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "drivers/qemu/command/command_line.hpp"

namespace cvirt::qemu {

using conf::domain::Domain;
using conf::fromString;
using conf::toString;
using conf::TriBool;
using conf::TriSwitch;
// Keys stay in insertion order: QEMU does not care, the byte-exact
// comparison with libvirt's output does.
using Props = nlohmann::ordered_json;

// The property helpers follow libvirt's virJSONValueObjectAdd type codes.
// "T:" a tri-state switch as a boolean, left out when absent.
void putSwitch(Props& p, const char* key, conf::TriSwitch v);
void putBool(Props& p, const char* key, conf::TriBool v);
// "p:"/"P:" a number, left out when 0.
void putPositive(Props& p, const char* key, uint64_t v);
// "k:" a number, left out when negative.
void putNonNegative(Props& p, const char* key, long long v);
// "S:" a string, left out when absent.
void putString(Props& p, const char* key, const std::optional<std::string>& v);
// The compact JSON text QEMU gets.
std::string jsonArg(const Props& p);
// QEMU's -opt a=b,c=d syntax: a ',' in a value is written twice.
std::string escapeComma(std::string_view value);

class Build {
public:
    Build(const Domain& def, const BuildContext& ctx, CommandLine& cmd) : def(def), ctx(ctx), cmd_(cmd) {}

    const Domain& def;
    const BuildContext& ctx;
    // Filled before the families run: the number in each image's node
    // names (libvirt-N-...), and each device's effective boot index.
    std::map<const conf::domain::StorageSource*, unsigned> nodeIndex;
    std::map<const conf::domain::DeviceInfo*, unsigned> bootIndex;
    unsigned bootIndexOf(const conf::domain::DeviceInfo& info) const {
        auto it = bootIndex.find(&info);
        return it == bootIndex.end() ? 0 : it->second;
    }

    void arg(std::string a) { cmd_.args.push_back(std::move(a)); }
    void arg(std::string opt, std::string value) {
        arg(std::move(opt));
        arg(std::move(value));
    }
    void device(const Props& p) { arg("-device", jsonArg(p)); }
    void object(const Props& p) { arg("-object", jsonArg(p)); }
    void netdev(const Props& p) { arg("-netdev", jsonArg(p)); }
    void blockdev(const Props& p) { arg("-blockdev", jsonArg(p)); }
    // Sets an environment variable (replacing it in place when present).
    void env(const std::string& name, const std::string& value);

    // The bus/addr (or equivalent) properties of a device's address
    // (qemuBuildDeviceAddressProps).
    void address(Props& p, const conf::domain::DeviceInfo& info) const;
    // The alias of the controller of `type` and `index` (INTERNAL_ERROR
    // when there is none).
    std::string controllerAlias(conf::domain::ControllerType type, unsigned index) const;
    // "virtio-blk-pci", "virtio-net-pci-non-transitional", ...: the QEMU
    // device for a virtio device on the transport its address says.
    std::string virtioDevice(const std::string& base, const conf::domain::DeviceInfo& info, bool transitional,
                             bool nonTransitional, bool busSuffix = true) const;
    // {"driver":<virtio device>,...virtio options}
    Props virtioProps(const std::string& base, const conf::domain::DeviceInfo& info, bool transitional,
                      bool nonTransitional, const conf::domain::VirtioOptions* options, bool busSuffix = true) const;

private:
    std::string pciBus(unsigned bus) const;
    CommandLine& cmd_;
};

}  // namespace cvirt::qemu
