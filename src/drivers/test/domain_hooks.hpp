#pragma once
// The test driver's additions to the generic domain parser (libvirt's
// virDomainDefParserConfig of test_driver.c): the features it supports,
// i686 as the default guest architecture, and a video device without a
// model becoming xen, vga or cirrus as testDomainDevicesDefPostParse
// decides.

#include "conf/domain/domain.hpp"

namespace cvirt::drivers::test {

class TestDomainXmlHooks : public conf::domain::DomainXmlHooks {
public:
    unsigned features() const override;
    std::optional<conf::domain::Arch> defaultArch() const override;
    void postParseDevices(conf::domain::Domain& def) override;
};

}  // namespace cvirt::drivers::test
