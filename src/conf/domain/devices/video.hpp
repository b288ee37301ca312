#pragma once
// <video>: a guest display adapter (libvirt's virDomainVideoDef) with its
// <model> (type, memory sizes, heads, primary, acceleration, resolution)
// and <driver> (backend, virtio options, VGA configuration).

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "conf/domain/device_info.hpp"
#include "conf/domain/virtio_options.hpp"

namespace cvirt::conf::domain {

// "default" is a real value: it is accepted on input and, when no driver
// picks a model, rejected by validation.
enum class VideoType { Default, Vga, Cirrus, Vmvga, Xen, Vbox, Qxl, Parallels, Virtio, Gop, None, Bochs, Ramfb };
CVIRT_ENUM_STRINGS(VideoType, "default", "vga", "cirrus", "vmvga", "xen", "vbox", "qxl", "parallels", "virtio", "gop",
                   "none", "bochs", "ramfb");
enum class VideoBackend { Default, Qemu, Vhostuser };
CVIRT_ENUM_STRINGS_UNSET(VideoBackend, "default", "qemu", "vhostuser");
enum class VideoVgaConf { Io, On, Off };
CVIRT_ENUM_STRINGS(VideoVgaConf, "io", "on", "off");

struct VideoAcceleration {
    TriBool accel3d{}, accel2d{};
    std::optional<std::string> rendernode;
};

struct VideoResolution {
    unsigned x = 0, y = 0;
};

struct Video {
    VideoType type = VideoType::Default;
    unsigned ram = 0, vram = 0, vram64 = 0, vgamem = 0;  // KiB
    unsigned heads = 0;                                  // post-parse makes it 1 unless type none
    bool primary = false;
    TriSwitch blob{};
    std::optional<VideoAcceleration> acceleration;
    std::optional<VideoResolution> resolution;
    VideoBackend backend{};
    VirtioOptions virtio;
    std::optional<VideoVgaConf> vgaconf;  // set when a <driver> is present
    DeviceInfo info;
};

void xmlParse(Video& video, const xml::Node& node, xml::ParseContext& ctx);
void xmlFormat(xml::Writer& w, std::string_view name, const Video& video, xml::FormatContext& ctx);

// What the video defaults depend on.
struct VideoDomainInfo {
    bool vbox = false;    // <domain type='vbox'>
    bool vmware = false;  // <domain type='vmware'>
};

// libvirt's default video RAM in KiB (virDomainVideoDefaultRAM).
unsigned defaultVideoRam(VideoType type, const VideoDomainInfo& dom);

// The parser's handling of primary='yes' (a primary adapter moves to the
// front), virDomainDefAddImplicitVideo (a guest
// with graphics and no video gets one of type "default") and the generic
// post-parse (the first adapter is primary, video RAM defaults, rounding).
// The first adapter goes through the per-device post-parse again, since it
// may have been added after it ran: `driverDefaults` (the driver's device
// hook, which picks the model of a "default" one) runs before the generic
// defaults there, as libvirt's device iterator does.
void postParseVideos(std::vector<Video>& videos, bool hasGraphics, const VideoDomainInfo& dom,
                     const std::function<void()>& driverDefaults = {});

// libvirt's checks (virDomainDefVideoValidate: one primary adapter;
// virDomainVideoDefValidate).
void validateVideos(const std::vector<Video>& videos);

}  // namespace cvirt::conf::domain
