#include "drivers/test/domain_hooks.hpp"

namespace cvirt::drivers::test {
namespace {

using conf::domain::Arch;
using conf::domain::OsType;

// testDomainDevicesDefPostParse: Xen-style guests get a xen video card,
// ppc64 a vga one, everything else cirrus.
void defaultVideoModel(conf::domain::Video& video, const conf::domain::Domain& def) {
    using conf::domain::VideoType;
    if (video.type != VideoType::Default)
        return;
    if (def.os.type == OsType::Xen || def.os.type == OsType::Linux)
        video.type = VideoType::Xen;
    else if (def.os.arch == Arch::Ppc64 || def.os.arch == Arch::Ppc64le)
        video.type = VideoType::Vga;
    else
        video.type = VideoType::Cirrus;
}

}  // namespace

unsigned TestDomainXmlHooks::features() const {
    using namespace conf::domain;
    return kFeatureMemoryHotplug | kFeatureOfflineVcpupin | kFeatureIndividualVcpus | kFeatureUserAlias |
           kFeatureFwAutoselect | kFeatureNetModelString;
}

std::optional<conf::domain::Arch> TestDomainXmlHooks::defaultArch() const { return Arch::I686; }

void TestDomainXmlHooks::postParseDevices(conf::domain::Domain& def) {
    // Runs before the generic device defaults (which size the video RAM by
    // model) and again for the devices the generic code adds.
    for (auto& video : def.devices.videos)
        defaultVideoModel(video, def);
}

}  // namespace cvirt::drivers::test
