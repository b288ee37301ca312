#pragma once
// <devices>: one list per device family, formatted in libvirt's order.

#include <optional>
#include <string>
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
    std::optional<Iommu> iommu;
    std::optional<Vsock> vsock;
    std::vector<Crypto> cryptos;
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
    child("console", &Self::consoles),
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
    child("iommu", &Self::iommu),
    child("vsock", &Self::vsock),
    child("crypto", &Self::cryptos),
    child("pstore", &Self::pstore));

}  // namespace cvirt::conf::domain
