#pragma once
// <devices>: one list per device family, formatted in libvirt's order.

#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include "conf/domain/devices/audio.hpp"
#include "conf/domain/devices/chardev.hpp"
#include "conf/domain/devices/controller.hpp"
#include "conf/domain/devices/crypto.hpp"
#include "conf/domain/devices/disk.hpp"
#include "conf/domain/devices/filesystem.hpp"
#include "conf/domain/devices/graphics.hpp"
#include "conf/domain/devices/hostdev.hpp"
#include "conf/domain/devices/hub.hpp"
#include "conf/domain/devices/input.hpp"
#include "conf/domain/devices/interface.hpp"
#include "conf/domain/devices/iommu.hpp"
#include "conf/domain/devices/lease.hpp"
#include "conf/domain/devices/memballoon.hpp"
#include "conf/domain/devices/memory.hpp"
#include "conf/domain/devices/nvram.hpp"
#include "conf/domain/devices/panic.hpp"
#include "conf/domain/devices/pstore.hpp"
#include "conf/domain/devices/redirdev.hpp"
#include "conf/domain/devices/redirfilter.hpp"
#include "conf/domain/devices/rng.hpp"
#include "conf/domain/devices/shmem.hpp"
#include "conf/domain/devices/smartcard.hpp"
#include "conf/domain/devices/sound.hpp"
#include "conf/domain/devices/tpm.hpp"
#include "conf/domain/devices/video.hpp"
#include "conf/domain/devices/vsock.hpp"
#include "conf/domain/devices/watchdog.hpp"

namespace cvirt::conf::domain {

struct Devices;

// <console> elements: parsed as they come; written by the chardev family's
// formatConsoles(), which needs the whole domain (a console standing for a
// serial port of an HVM guest is printed as that port). The formatter of
// the domain passes the Domain through FormatContext::user.
void parseConsoles(Devices& d, const Node& devices, ParseContext& ctx);
void formatConsolesOf(Writer::Element& el, Writer& w, const Devices& d, FormatContext& ctx);
inline constexpr auto consolesField() { return xml::custom<Devices>(parseConsoles, nullptr, formatConsolesOf); }

struct Devices {
    std::string emulator;
    std::vector<Disk> disks;
    std::vector<Controller> controllers;
    std::vector<Lease> leases;
    std::vector<Filesystem> filesystems;
    std::vector<NetInterface> interfaces;
    std::vector<Smartcard> smartcards;
    std::vector<Chardev> serials;
    std::vector<Chardev> parallels;
    std::vector<Chardev> consoles;
    std::vector<Chardev> channels;
    std::vector<Input> inputs;
    std::vector<Tpm> tpms;
    std::vector<Graphics> graphics;
    std::vector<Sound> sounds;
    std::vector<Audio> audios;
    std::vector<Video> videos;
    std::vector<Hostdev> hostdevs;
    std::vector<Redirdev> redirdevs;
    std::optional<RedirFilter> redirfilter;
    std::vector<Hub> hubs;
    std::vector<Watchdog> watchdogs;
    std::optional<Memballoon> memballoon;
    std::vector<Rng> rngs;
    std::optional<Nvram> nvram;
    std::vector<Panic> panics;
    std::vector<Shmem> shmems;
    std::vector<MemoryDevice> memories;
    std::vector<Crypto> cryptos;
    std::optional<Iommu> iommu;
    std::optional<Vsock> vsock;
    std::optional<Pstore> pstore;
};

CVIRT_XML_FIELDS(Devices,
    textChild("emulator", &Self::emulator),
    child("disk", &Self::disks),
    child("controller", &Self::controllers),
    child("lease", &Self::leases),
    child("filesystem", &Self::filesystems),
    child("interface", &Self::interfaces),
    child("smartcard", &Self::smartcards),
    child("serial", &Self::serials),
    child("parallel", &Self::parallels),
    consolesField(),
    child("channel", &Self::channels),
    child("input", &Self::inputs),
    child("tpm", &Self::tpms),
    child("graphics", &Self::graphics),
    child("sound", &Self::sounds),
    child("audio", &Self::audios),
    child("video", &Self::videos),
    child("hostdev", &Self::hostdevs),
    child("redirdev", &Self::redirdevs),
    child("redirfilter", &Self::redirfilter),
    child("hub", &Self::hubs),
    child("watchdog", &Self::watchdogs),
    child("memballoon", &Self::memballoon),
    child("rng", &Self::rngs),
    child("nvram", &Self::nvram),
    child("panic", &Self::panics),
    child("shmem", &Self::shmems),
    child("memory", &Self::memories),
    child("crypto", &Self::cryptos),
    child("iommu", &Self::iommu),
    child("vsock", &Self::vsock),
    child("pstore", &Self::pstore));

// Calls f(device) for every device of every family, in output order.
template <typename DevicesT, typename F>
void forEachDevice(DevicesT& d, F&& f) {
    auto each = [&](auto& list) {
        using L = std::decay_t<decltype(list)>;
        if constexpr (xml::IsVector<L>::value) {
            for (auto& dev : list)
                f(dev);
        } else if constexpr (xml::IsOptional<L>::value) {
            if (list)
                f(*list);
        } else {
            f(list);
        }
    };
    std::apply([&](auto&... lists) { (each(lists), ...); },
               std::tie(d.disks, d.controllers, d.leases, d.filesystems, d.interfaces, d.smartcards, d.serials,
                        d.parallels, d.consoles, d.channels, d.inputs, d.tpms, d.graphics, d.sounds, d.audios,
                        d.videos, d.hostdevs, d.redirdevs, d.redirfilter, d.hubs, d.watchdogs, d.memballoon,
                        d.rngs, d.nvram, d.panics, d.shmems, d.memories, d.cryptos, d.iommu, d.vsock, d.pstore));
}

// Calls f(info) for the DeviceInfo of every device that has one.
template <typename DevicesT, typename F>
void forEachDeviceInfo(DevicesT& d, F&& f) {
    forEachDevice(d, [&](auto& dev) {
        if constexpr (requires { dev.info; })
            f(dev.info);
    });
}

}  // namespace cvirt::conf::domain
