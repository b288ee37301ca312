// The remaining device families: IOMMU, 9p filesystems, TPM, pvpanic,
// shared memory, vsock and virtio-crypto.
#include <fmt/format.h>

#include "drivers/qemu/command/families.hpp"
#include "util/error.hpp"

namespace cvirt::qemu {

using namespace conf::domain;

void buildIommu(Build& b) {
    const auto& i = b.def.devices.iommu;
    if (!i)
        return;
    if (i->model == IommuModel::Intel) {
        Props p{{"driver", "intel-iommu"}, {"id", i->info.alias}};
        if (i->intremap != conf::TriSwitch::Absent)
            p["intremap"] = toString(i->intremap);
        putSwitch(p, "caching-mode", i->cachingMode);
        if (i->eim != conf::TriSwitch::Absent)
            p["eim"] = toString(i->eim);
        putSwitch(p, "device-iotlb", i->iotlb);
        if (i->awBits)
            p["aw-bits"] = i->awBits;
        b.device(p);
    } else if (i->model == IommuModel::Virtio) {
        Props p{{"driver", "virtio-iommu"}, {"id", i->info.alias}};
        b.address(p, i->info);
        b.device(p);
    }
}

void buildFilesystems(Build& b) {
    for (const auto& fs : b.def.devices.filesystems) {
        if (fs.driver == FsDriverType::Virtiofs)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "virtiofs filesystems are not supported yet");
        if (fs.driver != FsDriverType::Default && fs.driver != FsDriverType::Path && fs.driver != FsDriverType::Handle)
            continue;
        std::string opt = fs.driver == FsDriverType::Handle ? "handle" : "local";
        if (fs.driver != FsDriverType::Handle) {
            switch (fs.accessmode) {
            case FsAccessMode::Mapped: opt += ",security_model=mapped"; break;
            case FsAccessMode::Passthrough: opt += ",security_model=passthrough"; break;
            case FsAccessMode::Squash: opt += ",security_model=none"; break;
            default: break;
            }
            if (fs.multidevs != FsMultidevs::Default)
                opt += fmt::format(",multidevs={}", toString(fs.multidevs));
            if (fs.fmode)
                opt += fmt::format(",fmode={:04o}", fs.fmode);
            if (fs.dmode)
                opt += fmt::format(",dmode={:04o}", fs.dmode);
        }
        if (fs.wrpolicy != FsWrpolicy::Default)
            opt += fmt::format(",writeout={}", toString(fs.wrpolicy));
        opt += fmt::format(",id=fsdev-{},path={}", fs.info.alias, escapeComma(fs.source.value_or("")));
        if (fs.readonly)
            opt += ",readonly";
        b.arg("-fsdev", opt);
        VirtioOptions opts{fs.iommu, fs.ats, fs.packed, fs.pagePerVq};
        Props p = b.virtioProps("virtio-9p", fs.info, fs.model == FsModel::VirtioTransitional,
                                fs.model == FsModel::VirtioNonTransitional, &opts);
        p["id"] = fs.info.alias;
        p["fsdev"] = "fsdev-" + fs.info.alias;
        p["mount_tag"] = fs.target;
        b.address(p, fs.info);
        b.device(p);
    }
}

void buildTpms(Build& b) {
    for (const auto& t : b.def.devices.tpms) {
        std::string dev = "tpm-" + t.info.alias;
        std::string backend;
        if (auto* pt = std::get_if<TpmPassthrough>(&t.backend)) {
            std::string base = pt->path.substr(pt->path.rfind('/') + 1);
            backend = fmt::format("passthrough,id={},path={},cancel-path={}", dev, escapeComma(pt->path),
                                  escapeComma("/sys/class/tpm/" + base + "/device/cancel"));
        } else {
            ChardevSource src;
            if (auto* ext = std::get_if<TpmExternal>(&t.backend)) {
                src = ext->source;
            } else {
                src.type = ChardevType::Unix;
                src.path = b.ctx.runtimeDir + "/swtpm.sock";
            }
            buildChardev(b, src, "chrtpm");
            backend = fmt::format("emulator,id={},chardev=chrtpm", dev);
        }
        b.arg("-tpmdev", backend);
        Props p{{"driver", std::string(toString(t.model))}, {"tpmdev", dev}, {"id", t.info.alias}};
        b.address(p, t.info);
        b.device(p);
    }
}

void buildPanics(Build& b) {
    for (const auto& p : b.def.devices.panics) {
        if (p.model == PanicModel::Isa) {
            Props d{{"driver", "pvpanic"}};
            if (auto* a = std::get_if<IsaAddress>(&p.info.address))
                d["ioport"] = a->iobase.value_or(0);
            b.device(d);
        } else if (p.model == PanicModel::Pvpanic) {
            Props d{{"driver", "pvpanic-pci"}};
            b.address(d, p.info);
            b.device(d);
        }
    }
}

void buildShmems(Build& b) {
    for (const auto& s : b.def.devices.shmems) {
        if (!std::holds_alternative<PciAddress>(s.info.address))
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu,
                 "only 'pci' addresses are supported for the shared memory device");
        std::optional<std::string> chardev, memdev, master;
        if (s.server) {
            chardev = "char" + s.info.alias;
        } else {
            memdev = "shmmem-" + s.info.alias;
            if (s.role == ShmemRole::Master)
                master = "on";
            else if (s.role == ShmemRole::Peer)
                master = "off";
        }
        if (s.model == ShmemModel::IvshmemPlain)
            b.object(Props{{"qom-type", "memory-backend-file"},
                           {"id", *memdev},
                           {"mem-path", "/dev/shm/" + s.name},
                           {"size", s.sizeBytes},
                           {"share", true}});
        Props p{{"driver", std::string(toString(s.model))}, {"id", s.info.alias}};
        putString(p, "chardev", chardev);
        putString(p, "memdev", memdev);
        putString(p, "master", master);
        if (s.msi) {
            putPositive(p, "vectors", s.msi->vectors);
            putSwitch(p, "ioeventfd", s.msi->ioeventfd);
        }
        b.address(p, s.info);
        b.device(p);
        if (s.server) {
            ChardevSource src;
            src.type = ChardevType::Unix;
            src.path = s.server->path.value_or("/var/lib/libvirt/shmem/" + s.name + "-sock");
            buildChardev(b, src, *chardev);
        }
    }
}

void buildVsock(Build& b) {
    const auto& v = b.def.devices.vsock;
    if (!v)
        return;
    Props p = b.virtioProps("vhost-vsock", v->info, v->model == VsockModel::VirtioTransitional,
                            v->model == VsockModel::VirtioNonTransitional, &v->virtio);
    p["id"] = v->info.alias;
    p["guest-cid"] = v->guestCid;
    if (b.ctx.vsockFd)
        p["vhostfd"] = std::to_string(*b.ctx.vsockFd);
    b.address(p, v->info);
    b.device(p);
}

void buildCryptos(Build& b) {
    for (const auto& c : b.def.devices.cryptos) {
        std::string obj = "obj" + c.info.alias;
        Props o{{"qom-type", c.backend == CryptoBackendModel::Lkcf ? "cryptodev-backend-lkcf"
                                                                     : "cryptodev-backend-builtin"},
                {"id", obj}};
        putPositive(o, "queues", c.queues);
        b.object(o);
        Props p = b.virtioProps("virtio-crypto", c.info, false, false, &c.virtio);
        p["cryptodev"] = obj;
        p["id"] = c.info.alias;
        b.address(p, c.info);
        b.device(p);
    }
}

}  // namespace cvirt::qemu
