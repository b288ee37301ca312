#pragma once
// What the guest I/O device family tests share: parsing a small domain
// around some devices with the generic parser, and the <devices> part of
// the output.

#include <gtest/gtest.h>

#include <string>

#include "conf/domain/domain.hpp"
#include "util/error.hpp"

namespace cvirt::test::domain {

// A driver that only declares its VIR_DOMAIN_DEF_FEATURE_* flags, so that
// the tests see the generic rules alone.
class FeatureHooks : public conf::domain::DomainXmlHooks {
public:
    explicit FeatureHooks(unsigned features) : features_(features) {}
    unsigned features() const override { return features_; }

private:
    unsigned features_;
};

// A minimal HVM x86_64 domain around `devices` (and optional extra
// top-level elements before <devices>).
inline std::string domainWith(const std::string& devices, const std::string& extra = {}) {
    return "<domain type='qemu'><name>d</name><uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>"
           "<memory unit='KiB'>219136</memory><vcpu>1</vcpu>"
           "<os><type arch='x86_64' machine='pc'>hvm</type></os>" +
           extra + "<devices>" + devices + "</devices></domain>";
}

struct ParseMode {
    bool inactive = false;
    unsigned features = conf::domain::kFeatureIndividualVcpus;
};

inline conf::domain::Domain parseGuestIo(const std::string& xml, ParseMode mode = {}) {
    FeatureHooks hooks(mode.features);
    conf::domain::DomainParseOptions po;
    po.inactive = mode.inactive;
    po.hooks = &hooks;
    return conf::domain::parseDomainXml(xml, po);
}

// The lines between <devices> and </devices> of the formatted domain
// (secure, like libvirt's tests), re-indented to start at column 0.
inline std::string devicesOf(const conf::domain::Domain& d, bool inactive = false) {
    conf::domain::DomainFormatOptions fo;
    fo.secure = true;
    fo.inactive = inactive;
    std::string out = conf::domain::formatDomainXml(d, fo);
    auto begin = out.find("  <devices>\n");
    auto end = out.find("  </devices>\n");
    if (begin == std::string::npos || end == std::string::npos)
        return "";
    std::string body = out.substr(begin + 12, end - begin - 12);
    std::string result;
    size_t pos = 0;
    while (pos < body.size()) {
        size_t nl = body.find('\n', pos);
        std::string line = body.substr(pos, nl - pos);
        result += line.substr(std::min<size_t>(4, line.size())) + "\n";
        pos = nl + 1;
    }
    return result;
}

// Parses `devices` inside a domain and returns the formatted devices.
inline std::string roundTrip(const std::string& devices, ParseMode mode = {}) {
    return devicesOf(parseGuestIo(domainWith(devices), mode), mode.inactive);
}

// The message of the error parsing `devices` raises ("" when it parses).
inline std::string parseError(const std::string& devices, ErrorCode* code = nullptr, ParseMode mode = {}) {
    try {
        parseGuestIo(domainWith(devices), mode);
    } catch (const Error& e) {
        if (code)
            *code = e.code();
        return e.message();
    }
    return "";
}

// One table row: devices in, and either the formatted devices or libvirt's
// error message (with its prefix, as virsh prints it after "error: ").
struct DeviceCase {
    const char* devices;
    const char* expected;  // nullptr when parsing must fail
    const char* error;     // nullptr when parsing must succeed
};

inline void checkCase(const DeviceCase& c) {
    SCOPED_TRACE(c.devices);
    if (c.error) {
        EXPECT_EQ(parseError(c.devices), c.error);
        return;
    }
    try {
        EXPECT_EQ(roundTrip(c.devices), c.expected);
    } catch (const Error& e) {
        ADD_FAILURE() << "unexpected error: " << e.message();
    }
}

}  // namespace cvirt::test::domain
