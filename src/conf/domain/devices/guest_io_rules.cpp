#include "conf/domain/devices/guest_io_rules.hpp"

#include "conf/domain/domain.hpp"

namespace cvirt::conf::domain {
namespace {

bool isX86(Arch a) { return a == Arch::I686 || a == Arch::X86_64; }

ChardevDomainInfo chardevInfo(const Domain& d, unsigned features) {
    ChardevDomainInfo info;
    info.hvm = d.os.type == OsType::Hvm;
    info.x86 = isX86(d.os.arch);
    info.stubConsole = !(features & kFeatureNoStubConsole);
    return info;
}

InputDomainInfo inputInfo(const Domain& d) {
    InputDomainInfo info;
    if (d.os.type == OsType::Hvm)
        info.os = InputDomainInfo::Os::Hvm;
    else if (d.os.type == OsType::Xen || d.os.type == OsType::Xenpvh)
        info.os = InputDomainInfo::Os::Xen;
    else
        info.os = InputDomainInfo::Os::Other;
    info.x86 = isX86(d.os.arch) || d.os.arch == Arch::None;
    info.s390 = d.os.arch == Arch::S390 || d.os.arch == Arch::S390x;
    info.parallels = d.type == VirtType::Vz || d.type == VirtType::Parallels;
    return info;
}

VideoDomainInfo videoInfo(const Domain& d) {
    return VideoDomainInfo{d.type == VirtType::Vbox, d.type == VirtType::Vmware};
}

std::vector<unsigned> audioIds(const Domain& d) {
    std::vector<unsigned> ids;
    for (const auto& a : d.devices.audios)
        ids.push_back(a.id);
    return ids;
}

bool hasUsb(const Domain& d) {
    for (const auto& c : d.devices.controllers)
        if (c.type == ControllerType::Usb && !c.isUsbNone())
            return true;
    return false;
}

// virDomainDefMaybeAddVirtioSerialController: virtio channels and consoles
// need the virtio-serial controller their address names (0 without one).
void addVirtioSerialControllers(Domain& d) {
    auto need = [&](const Chardev& chr, bool virtio) {
        if (!virtio)
            return;
        unsigned index = 0;
        if (auto* a = std::get_if<VirtioSerialAddress>(&chr.info.address))
            index = a->controller;
        addControllerIfMissing(d.devices.controllers, ControllerType::VirtioSerial, static_cast<int>(index));
    };
    for (const auto& c : d.devices.channels)
        need(c, c.channelTarget == ChannelTargetType::Virtio);
    for (const auto& c : d.devices.consoles)
        need(c, c.consoleTarget == ConsoleTargetType::Virtio);
}

}  // namespace

void postParseGuestIoDevices(Domain& d, unsigned features) {
    for (const auto& net : d.devices.interfaces)
        checkInterfaceModel(net, features & kFeatureNetModelString);
    auto in = inputInfo(d);
    for (auto& input : d.devices.inputs)
        postParseInput(input, in);
    auto cinfo = chardevInfo(d, features);
    postParseChardevs(d.devices.serials, d.devices.parallels, d.devices.consoles, d.devices.channels, cinfo);
}

void addImplicitGuestIoDevices(Domain& d, unsigned features, const std::function<void()>& deviceDefaults) {
    auto& dev = d.devices;
    addConsoleCompat(dev.serials, dev.consoles, chardevInfo(d, features));
    addVirtioSerialControllers(d);
    for (unsigned index : assignSmartcardAddresses(dev.smartcards))
        addControllerIfMissing(dev.controllers, ControllerType::Ccid, static_cast<int>(index));
    postParseVideos(dev.videos, !dev.graphics.empty(), videoInfo(d), deviceDefaults);
    for (auto& g : dev.graphics)
        postParseGraphics(g);
}

void validateGuestIoDevices(const Domain& d) {
    const auto& dev = d.devices;
    auto ids = audioIds(d);
    for (const auto& net : dev.interfaces)
        validateInterface(net);
    for (const auto& s : dev.sounds)
        requireAudioId(s.audioId, ids);
    validateVideos(dev.videos);
    for (const auto& card : dev.smartcards)
        validateSmartcard(card);
    for (const auto* list : {&dev.serials, &dev.parallels, &dev.channels, &dev.consoles})
        for (const auto& chr : *list)
            validateChardev(chr);
    auto in = inputInfo(d);
    for (const auto& input : dev.inputs)
        validateInput(input, in);
    bool usb = hasUsb(d);
    for (const auto& r : dev.redirdevs)
        validateRedirdev(r, usb);
    for (const auto& g : dev.graphics)
        validateGraphics(g, ids);
    validateAudios(dev.audios);
}

void formatConsoles(xml::Writer::Element& devices, xml::Writer& w, const Domain& d, xml::FormatContext& ctx) {
    bool hvm = d.os.type == OsType::Hvm;
    for (size_t i = 0; i < d.devices.consoles.size(); ++i) {
        devices.beginChildren();
        xmlFormat(w, "console", consoleForFormat(d.devices.serials, d.devices.consoles, i, hvm), ctx);
    }
}

}  // namespace cvirt::conf::domain
