#include "conf/domain/devices/video.hpp"

#include <algorithm>
#include <bit>

#include "conf/domain/file_path.hpp"
#include "conf/domain/props.hpp"
#include "util/error.hpp"

namespace cvirt::conf::domain {
namespace {

using xml::Node;
using xml::Writer;

[[noreturn]] void unsupported(std::string_view message) {
    fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "{}", message);
}

void parseModel(Video& v, const Node& model) {
    // A bad primary= is reported by libvirt but does not fail the parse.
    v.primary = fromString<TriBool>(model.attr("primary").value_or("")) == TriBool::Yes;
    if (Node accel = model.child("acceleration")) {
        VideoAcceleration a;
        if (auto r = accel.attr("rendernode"))
            a.rendernode = sanitizeFilePath(*r);
        a.accel3d = propTriBool(accel, "accel3d");
        a.accel2d = propTriBool(accel, "accel2d");
        if (!a.rendernode && !isSet(a.accel3d) && !isSet(a.accel2d))
            unsupported("missing values for acceleration");
        v.acceleration = a;
    }
    if (Node res = model.child("resolution")) {
        VideoResolution r;
        r.x = *propInt<unsigned>(res, "x", kPropRequired);
        r.y = *propInt<unsigned>(res, "y", kPropRequired);
        v.resolution = r;
    }
    if (auto type = model.attr("type")) {
        auto t = fromString<VideoType>(*type);
        if (!t)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unknown video model '{}'", *type);
        v.type = *t;
    }
    v.ram = propInt<unsigned>(model, "ram").value_or(0);
    v.vram = propInt<unsigned>(model, "vram").value_or(0);
    v.vram64 = propInt<unsigned>(model, "vram64").value_or(0);
    v.vgamem = propInt<unsigned>(model, "vgamem").value_or(0);
    v.heads = propInt<unsigned>(model, "heads").value_or(0);
    v.blob = propTriSwitch(model, "blob");
}

// VIR_ROUND_UP_POWER_OF_TWO
unsigned roundUpPowerOfTwo(unsigned v) {
    return v == 0 ? 0 : static_cast<unsigned>(std::bit_ceil(static_cast<unsigned long long>(v)));
}

}  // namespace

void xmlParse(Video& v, const Node& node, xml::ParseContext& ctx) {
    if (Node model = node.child("model"))
        parseModel(v, model);
    if (Node driver = node.child("driver")) {
        v.backend = propEnum<VideoBackend>(driver, "name", kPropNonZero).value_or(VideoBackend::Default);
        v.virtio = parseVirtioDriver(node, ctx);
    }
    parseDeviceInfo(v.info, node, ctx, 0);
    if (Node driver = node.child("driver"))
        v.vgaconf = propEnum<VideoVgaConf>(driver, "vgaconf").value_or(VideoVgaConf::Io);
}

void xmlFormat(Writer& w, std::string_view name, const Video& v, xml::FormatContext& ctx) {
    Writer::Element el(w, name, true);
    el.keepOpen();
    el.beginChildren();
    {
        Writer::Element driver(w, "driver", false);
        xml::formatFields(driver, w, v.virtio, ctx);
        // vgaconf='io' is the zero value and is not written back.
        if (v.vgaconf && *v.vgaconf != VideoVgaConf::Io)
            driver.attr("vgaconf", toString(*v.vgaconf));
        if (isSet(v.backend))
            driver.attr("name", toString(v.backend));
    }
    {
        Writer::Element model(w, "model", true);
        model.attr("type", toString(v.type));
        auto num = [&](const char* attr, unsigned value) {
            if (value)
                model.attr(attr, std::to_string(value));
        };
        num("ram", v.ram);
        num("vram", v.vram);
        num("vram64", v.vram64);
        num("vgamem", v.vgamem);
        num("heads", v.heads);
        if (v.primary)
            model.attr("primary", "yes");
        if (isSet(v.blob))
            model.attr("blob", toString(v.blob));
        if (v.acceleration) {
            model.beginChildren();
            Writer::Element a(w, "acceleration", true);
            if (isSet(v.acceleration->accel3d))
                a.attr("accel3d", toString(v.acceleration->accel3d));
            if (isSet(v.acceleration->accel2d))
                a.attr("accel2d", toString(v.acceleration->accel2d));
            if (v.acceleration->rendernode)
                a.attr("rendernode", *v.acceleration->rendernode);
        }
        if (v.resolution) {
            model.beginChildren();
            Writer::Element r(w, "resolution", true);
            if (v.resolution->x && v.resolution->y) {
                r.attr("x", std::to_string(v.resolution->x));
                r.attr("y", std::to_string(v.resolution->y));
            }
        }
    }
    formatDeviceInfo(el, w, v.info, ctx, 0);
}

unsigned defaultVideoRam(VideoType type, const VideoDomainInfo& dom) {
    switch (type) {
    case VideoType::Vga:
    case VideoType::Cirrus:
    case VideoType::Vmvga:
        if (dom.vbox)
            return 8 * 1024;
        if (dom.vmware)
            return 4 * 1024;
        return 16 * 1024;
    case VideoType::Bochs:
        return 16 * 1024;
    case VideoType::Xen:
        // The original Xen paravirtual framebuffer had a fixed 4 MiB.
        return 4 * 1024;
    case VideoType::Qxl:
        // QEMU's minimum for qxl.
        return 64 * 1024;
    default:
        return 0;
    }
}

void postParseVideos(std::vector<Video>& videos, bool hasGraphics, const VideoDomainInfo& dom,
                     const std::function<void()>& driverDefaults) {
    // The parser puts each primary adapter first as it comes (validation
    // rejects more than one).
    for (size_t i = 1; i < videos.size(); ++i)
        if (videos[i].primary)
            std::rotate(videos.begin(), videos.begin() + static_cast<long>(i), videos.begin() + static_cast<long>(i) + 1);

    auto postParseOne = [&](Video& v) {
        if (v.ram == 0 && v.type == VideoType::Qxl)
            v.ram = defaultVideoRam(v.type, dom);
        if (v.vram == 0)
            v.vram = defaultVideoRam(v.type, dom);
        v.ram = roundUpPowerOfTwo(v.ram);
        v.vram = roundUpPowerOfTwo(v.vram);
        if (v.heads == 0 && v.type != VideoType::None)
            v.heads = 1;
    };
    for (auto& v : videos)
        postParseOne(v);

    // Old configurations with graphics but no adapter get one.
    if (hasGraphics && videos.empty())
        videos.emplace_back();
    if (videos.empty())
        return;
    if (videos[0].type == VideoType::None) {
        // Nothing filled in automatically is kept for "none"; a user alias is.
        Video none;
        none.type = VideoType::None;
        none.info.alias = videos[0].info.alias;
        videos[0] = std::move(none);
    } else {
        videos[0].primary = true;
        if (driverDefaults)
            driverDefaults();
        postParseOne(videos[0]);
    }
}

void validateVideos(const std::vector<Video>& videos) {
    for (const auto& v : videos) {
        if (v.type == VideoType::Default)
            fail(ErrorCode::InternalError, ErrorDomain::Domain, "missing video model and cannot determine default");
        if (videos.size() > 1)
            for (const auto& other : videos)
                if (other.type == VideoType::None)
                    unsupported("a 'none' video type must be the only video device defined for the domain");
        if (v.backend == VideoBackend::Vhostuser) {
            if (v.type != VideoType::Virtio)
                unsupported("'vhostuser' driver is only supported with 'virtio' device");
        } else if (v.acceleration && v.acceleration->rendernode) {
            unsupported("unsupported rendernode accel attribute without 'vhostuser'");
        }
        if (v.resolution && (v.resolution->x == 0 || v.resolution->y == 0))
            unsupported("video resolution values must be greater than 0");
        if (v.type != VideoType::Qxl) {
            if (v.ram != 0)
                unsupported("ram attribute only supported for video type qxl");
            if (v.vram64 != 0)
                unsupported("vram64 attribute only supported for video type qxl");
            if (v.vgamem != 0)
                unsupported("vgamem attribute only supported for video type qxl");
        }
        if (v.type == VideoType::Ramfb && v.info.hasAddress())
            unsupported("address not supported for video type ramfb");
        if (v.type != VideoType::Virtio)
            requireNoVirtioOptions(v.virtio);
    }
    // virDomainDefVideoValidate runs after the per-device checks.
    if (!videos.empty() && videos[0].primary)
        for (size_t i = 1; i < videos.size(); ++i)
            if (videos[i].primary)
                unsupported("Only one primary video device is supported");
}

}  // namespace cvirt::conf::domain
