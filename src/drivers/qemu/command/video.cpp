// Video adapters.
#include "drivers/qemu/command/families.hpp"
#include "util/error.hpp"

namespace cvirt::qemu {

using namespace conf::domain;

namespace {

// The QEMU device for a video adapter: the primary one gets the model with
// VGA compatibility where there is one.
std::string videoDevice(const Video& v, bool& virtio, bool& busSuffix) {
    virtio = false;
    busSuffix = false;
    bool accel3d = v.acceleration && v.acceleration->accel3d == conf::TriBool::Yes;
    if (v.backend == VideoBackend::Vhostuser) {
        if (v.primary)
            return "vhost-user-vga";
        virtio = busSuffix = true;
        return "vhost-user-gpu";
    }
    if (v.primary) {
        switch (v.type) {
        case VideoType::Vga: return "VGA";
        case VideoType::Cirrus: return "cirrus-vga";
        case VideoType::Vmvga: return "vmware-svga";
        case VideoType::Qxl: return "qxl-vga";
        case VideoType::Virtio: virtio = true; return accel3d ? "virtio-vga-gl" : "virtio-vga";
        case VideoType::Bochs: return "bochs-display";
        case VideoType::Ramfb: return "ramfb";
        default: break;
        }
    } else {
        switch (v.type) {
        case VideoType::Qxl: return "qxl";
        case VideoType::Virtio: virtio = busSuffix = true; return accel3d ? "virtio-gpu-gl" : "virtio-gpu";
        default: break;
        }
    }
    fail(ErrorCode::InternalError, ErrorDomain::Qemu, "invalid model for video type '{}'", toString(v.type));
}

}  // namespace

void buildVideos(Build& b) {
    for (const auto& v : b.def.devices.videos) {
        if (v.type == VideoType::None)
            continue;
        if (v.backend == VideoBackend::Vhostuser)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "vhost-user video devices are not supported");
        bool virtio, busSuffix;
        std::string model = videoDevice(v, virtio, busSuffix);
        Props p = virtio ? b.virtioProps(model, v.info, false, false, &v.virtio, busSuffix) : Props{{"driver", model}};
        p["id"] = v.info.alias;
        if (v.type == VideoType::Virtio && v.acceleration)
            putBool(p, "virgl", v.acceleration->accel3d);
        if (v.type == VideoType::Qxl || v.type == VideoType::Virtio)
            putPositive(p, "max_outputs", v.heads);
        if (v.type == VideoType::Qxl) {
            putPositive(p, "ram_size", uint64_t{v.ram} * 1024);
            putPositive(p, "vram_size", uint64_t{v.vram} * 1024);
            p["vram64_size_mb"] = v.vram64 / 1024;
            p["vgamem_mb"] = v.vgamem / 1024;
        } else if (v.type == VideoType::Vga || v.type == VideoType::Vmvga) {
            putPositive(p, "vgamem_mb", v.vram / 1024);
        } else if (v.type == VideoType::Bochs) {
            putPositive(p, "vgamem", uint64_t{v.vram} * 1024);
        } else if (v.type == VideoType::Virtio) {
            putSwitch(p, "blob", v.blob);
        }
        if (v.resolution) {
            putPositive(p, "xres", v.resolution->x);
            putPositive(p, "yres", v.resolution->y);
        }
        b.address(p, v.info);
        b.device(p);
    }
}

}  // namespace cvirt::qemu
