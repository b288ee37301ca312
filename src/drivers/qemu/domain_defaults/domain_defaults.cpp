#include "drivers/qemu/domain_defaults/domain_defaults.hpp"

#include "drivers/qemu/domain_defaults/device_defaults.hpp"
#include "drivers/qemu/domain_defaults/machine.hpp"
#include "util/error.hpp"

namespace cvirt::qemu {

using namespace conf::domain;

namespace {

// QEMU needs an IOMMU with extended interrupt mode above this many vCPUs.
constexpr unsigned kMaxVcpusWithoutEim = 255;

void maybeAddInput(Domain& def, InputType type, InputBus bus) {
    for (const auto& in : def.devices.inputs)
        if (in.type == type && in.bus == bus)
            return;
    Input in;
    in.type = type;
    in.bus = bus;
    def.devices.inputs.push_back(std::move(in));
}

bool hasI8042(const Domain& def) {
    return isX86(def) && (isI440fx(def) || isQ35(def) || (def.os.machine && *def.os.machine == "isapc"));
}

// virDomainDefAddUSBController: an ICH9 EHCI comes with its three UHCI
// companions.
void addUsbController(Domain& def, UsbControllerModel model) {
    auto add = [&](UsbControllerModel m, std::optional<int> startport) {
        Controller c;
        c.type = ControllerType::Usb;
        c.index = 0;
        c.model = m;
        if (startport)
            c.info.masterStartport = *startport;
        insertController(def.devices.controllers, std::move(c));
    };
    add(model, std::nullopt);
    if (model != UsbControllerModel::Ich9Ehci1)
        return;
    add(UsbControllerModel::Ich9Uhci1, 0);
    add(UsbControllerModel::Ich9Uhci2, 2);
    add(UsbControllerModel::Ich9Uhci3, 4);
}

void requireRoot(Domain& def, PciControllerModel model) {
    for (const auto& c : def.devices.controllers) {
        if (c.type != ControllerType::Pci || c.index != 0)
            continue;
        const auto* m = std::get_if<PciControllerModel>(&c.model);
        if (!m || *m != model)
            fail(ErrorCode::XmlError, ErrorDomain::Qemu,
                 "The PCI controller with index='0' must be model='{}' for this machine type, but model='{}' was "
                 "found instead",
                 toString(model), m ? toString(*m) : "");
        return;
    }
    Controller c;
    c.type = ControllerType::Pci;
    c.index = 0;
    c.model = model;
    insertController(def.devices.controllers, std::move(c));
}

AudioType audioTypeFromEnv(const std::string& name) {
    if (name == "pa")
        return AudioType::Pulseaudio;
    if (name == "wav")
        return AudioType::File;
    auto t = fromString<AudioType>(name);
    if (!t)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "unknown QEMU_AUDIO_DRV setting {}", name);
    return *t;
}

// qemuDomainDefAddDefaultAudioBackend: every guest gets one audio backend
// (id 1) so sound cards and VNC have somewhere to send sound: the host's
// only where qemu.conf allows it and QEMU_AUDIO_DRV names one.
void addDefaultAudio(Domain& def, const QemuXmlConfig& config) {
    if (!def.devices.audios.empty())
        return;
    bool add = false;
    bool passthrough = false;
    AudioType type = AudioType::None;
    for (const auto& g : def.devices.graphics) {
        switch (g.type) {
        case GraphicsType::Vnc:
            passthrough = config.vncAllowHostAudio;
            if (!passthrough)
                type = AudioType::None;
            add = true;
            break;
        case GraphicsType::Spice:
            passthrough = false;
            type = AudioType::Spice;
            add = true;
            break;
        case GraphicsType::Sdl:
            passthrough = true;
            add = true;
            break;
        default:
            break;
        }
    }
    if (def.devices.graphics.empty()) {
        passthrough = config.nogfxAllowHostAudio;
        if (!passthrough)
            type = AudioType::None;
        add = true;
    }
    if (add && passthrough) {
        if (!config.audioDriverEnv)
            add = false;
        else
            type = audioTypeFromEnv(*config.audioDriverEnv);
    }
    if (!add)
        return;
    Audio audio;
    audio.id = 1;
    audio.type = type;
    if (type == AudioType::Sdl && config.sdlAudioDriverEnv) {
        auto drv = fromString<AudioSdlDriver>(*config.sdlAudioDriverEnv);
        if (!drv)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "unknown SDL_AUDIODRIVER setting {}",
                 *config.sdlAudioDriverEnv);
        audio.sdlDriver = *drv;
    }
    def.devices.audios.push_back(std::move(audio));
}

// The CPU model QEMU uses by default for the machine ("qemu64-x86_64-cpu"
// names model qemu64).
std::optional<std::string> defaultCpuModel(const Domain& def, const QemuCaps& caps) {
    if (!def.os.machine)
        return std::nullopt;
    const MachineType* m = caps.machine(*def.os.machine);
    if (!m) {
        for (const auto& mt : caps.machines)
            if (mt.alias == *def.os.machine)
                m = &mt;
    }
    if (!m || m->defaultCpuType.empty())
        return std::nullopt;
    std::string type = m->defaultCpuType;
    for (std::string_view suffix : {"-x86_64-cpu", "-i386-cpu"})
        if (type.size() > suffix.size() && type.compare(type.size() - suffix.size(), suffix.size(), suffix) == 0)
            return type.substr(0, type.size() - suffix.size());
    return type;
}

void checkVcpus(const Domain& def) {
    const auto& v = def.vcpu.vcpus;
    if (v.empty())
        return;
    if (!v[0].online)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "vcpu 0 can't be offline");
    if (v[0].hotpluggable == TriBool::Yes)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "vcpu0 can't be hotpluggable");
    if (v[0].order != 0 && v[0].order != 1)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "vcpu0 must be enabled first");
    bool hasOrder = v[0].order != 0;
    for (size_t i = 1; i < v.size(); ++i) {
        if (v[i].online && (v[i].order != 0) != hasOrder)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "all vcpus must have either set or unset order");
        if (v[i].hotpluggable == TriBool::No) {
            if (v[i - 1].hotpluggable == TriBool::Yes)
                fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu,
                     "online non-hotpluggable vcpus need to be ordered prior to hotpluggable vcpus");
            if (v[i - 1].order > v[i].order)
                fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu,
                     "online non-hotpluggable vcpus must be ordered in ascending order");
        }
    }
}

}  // namespace

void applyMachineDefaults(Domain& def, const QemuCaps& caps) {
    if (!def.os.machine) {
        std::string m = caps.defaultMachine();
        if (m.empty())
            fail(ErrorCode::InvalidArg, ErrorDomain::Qemu, "could not get preferred machine for {} type={}",
                 def.devices.emulator, toString(def.type));
        def.os.machine = m;
    }
    if (auto canon = caps.canonicalMachine(*def.os.machine))
        def.os.machine = *canon;
}

void addDefaultDevices(Domain& def, const QemuCaps& caps, const QemuXmlConfig& config) {
    // Controller indexes first: whether "USB controller 0" exists depends on them.
    assignControllerIndexes(def.devices.controllers);
    if (hasI8042(def)) {
        maybeAddInput(def, InputType::Mouse, InputBus::Ps2);
        maybeAddInput(def, InputType::Keyboard, InputBus::Ps2);
    }
    bool x86 = isX86(def);
    bool pciMachine = x86 && supportsPci(def);
    bool addMemballoon = pciMachine;
    bool addUsb = pciMachine;
    bool q35 = pciMachine && isQ35(def);
    bool pciRoot = pciMachine && isI440fx(def);
    if (pciMachine && !q35 && !pciRoot)
        fail(ErrorCode::InternalError, ErrorDomain::Qemu, "Machine type '{}' supports PCI but no PCI controller added",
             def.os.machine.value_or(""));

    if (addUsb && !findController(def, ControllerType::Usb, 0)) {
        auto model = defaultUsbModel(def, caps);
        if (model && *model != UsbControllerModel::None)
            addUsbController(def, *model);
    }
    if (q35) {
        if (!findController(def, ControllerType::Sata, 0))
            addControllerIfMissing(def.devices.controllers, ControllerType::Sata, 0);
        requireRoot(def, PciControllerModel::PcieRoot);
    }
    if (pciRoot)
        requireRoot(def, PciControllerModel::PciRoot);
    if (addMemballoon && !def.devices.memballoon) {
        Memballoon b;
        b.model = MemballoonModel::Virtio;
        def.devices.memballoon = std::move(b);
    }
    if (q35) {
        bool itco = false;
        for (const auto& w : def.devices.watchdogs)
            itco = itco || w.model == WatchdogModel::Itco;
        if (!itco) {
            Watchdog w;
            w.model = WatchdogModel::Itco;
            w.action = def.devices.watchdogs.empty() ? WatchdogAction::Reset : def.devices.watchdogs[0].action;
            def.devices.watchdogs.push_back(std::move(w));
        }
        if (def.vcpu.max() > kMaxVcpusWithoutEim && !def.devices.iommu && caps.hasDevice("intel-iommu")) {
            Iommu iommu;
            iommu.model = IommuModel::Intel;
            iommu.intremap = TriSwitch::On;
            iommu.eim = TriSwitch::On;
            def.devices.iommu = std::move(iommu);
        }
    }
    addDefaultAudio(def, config);
}

void applyCpuDefaults(Domain& def, const QemuCaps& caps) {
    if (!def.cpu || (def.cpu->mode == CpuMode::Custom && !def.cpu->model)) {
        if (auto model = defaultCpuModel(def, caps); model && isX86(def)) {
            if (!def.cpu)
                def.cpu.emplace();
            auto& cpu = *def.cpu;
            if (*model == "host") {
                cpu.mode = CpuMode::HostPassthrough;
            } else {
                // QEMU's default model may not run on this host as is; it
                // drops what it cannot do, so nothing is checked.
                cpu.check = CpuCheck::None;
                cpu.mode = CpuMode::Custom;
                cpu.match = CpuMatch::Exact;
                cpu.fallback = CpuFallback::Forbid;
                cpu.model = *model;
            }
        }
    }
    checkVcpus(def);
    if (!def.cpu)
        return;
    auto& cpu = *def.cpu;
    if (def.id == -1 && cpu.mode == CpuMode::HostPassthrough && cpu.migratable == TriSwitch::Absent)
        cpu.migratable = TriSwitch::On;
    if ((cpu.mode == CpuMode::Custom && !cpu.model) || cpu.check != CpuCheck::Default)
        return;
    switch (cpu.mode) {
    case CpuMode::HostPassthrough:
    case CpuMode::Maximum: cpu.check = CpuCheck::None; break;
    case CpuMode::HostModel: cpu.check = CpuCheck::Partial; break;
    case CpuMode::Custom: cpu.check = def.type == VirtType::Qemu ? CpuCheck::None : CpuCheck::Partial; break;
    }
}

void applyFeatureDefaults(Domain& def) {
    auto& f = def.features;
    if (def.devices.iommu && def.devices.iommu->intremap == TriSwitch::On && f.ioapic == IoapicDriver::None)
        f.ioapic = IoapicDriver::Qemu;
    if (f.smm == TriSwitch::On && f.tseg) {
        if (!isQ35(def))
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "SMM TSEG is only supported with q35 machine type");
        if (*f.tseg & ((1ull << 20) - 1))
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "SMM TSEG size must be divisible by 1 MiB");
    }
}

}  // namespace cvirt::qemu
