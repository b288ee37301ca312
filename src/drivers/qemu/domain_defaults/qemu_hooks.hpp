#pragma once
// The QEMU driver's part of parsing a domain definition (libvirt's
// qemuDomainDefPostParse, qemuDomainDeviceDefPostParse and
// qemuDomainAssignAddresses): defaults that depend on the emulator's
// capabilities (machine type, implicit controllers and devices, models,
// CPU, audio backend) and the device addresses libvirt assigns when the
// XML gives none.

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "conf/domain/domain.hpp"
#include "drivers/qemu/caps/qemu_caps.hpp"

namespace cvirt::qemu {

using conf::domain::Domain;

// The driver settings (qemu.conf and the daemon's environment) the XML
// defaults depend on.
struct QemuXmlConfig {
    bool vncAllowHostAudio = false;    // vnc_allow_host_audio
    bool nogfxAllowHostAudio = false;  // nogfx_allow_host_audio
    // QEMU_AUDIO_DRV and SDL_AUDIODRIVER as the daemon sees them.
    std::optional<std::string> audioDriverEnv;
    std::optional<std::string> sdlAudioDriverEnv;
    // Emulator for domains whose XML names none.
    std::string defaultEmulator = "/usr/bin/qemu-system-x86_64";
};

// Finds the capabilities of an emulator binary; throws cvirt::Error when
// it cannot (missing binary, probe failure).
using CapsLookup = std::function<std::shared_ptr<const QemuCaps>(const std::string& emulator)>;

class QemuDomainHooks : public conf::domain::DomainXmlHooks {
public:
    QemuDomainHooks(CapsLookup lookup, QemuXmlConfig config);

    unsigned features() const override;
    void postParseBasic(Domain& def) override;
    void postParse(Domain& def) override;
    void postParseDevices(Domain& def) override;
    void validate(const Domain& def) override;

    // The capabilities used for the last definition (after postParseBasic).
    const std::shared_ptr<const QemuCaps>& caps() const { return caps_; }

private:
    CapsLookup lookup_;
    QemuXmlConfig config_;
    std::shared_ptr<const QemuCaps> caps_;
};

// Parses a definition with the QEMU driver's defaults and assigns the
// device addresses (PCI, USB, virtio-serial, memory slots) the XML leaves
// out, as libvirt's QEMU driver does when a domain is defined or started.
Domain parseQemuDomainXml(std::string_view xml, conf::domain::DomainParseOptions options, const CapsLookup& lookup,
                          const QemuXmlConfig& config = {});

}  // namespace cvirt::qemu
