// Sound cards and their HDA codecs (the PC speaker is a -machine option).
#include <fmt/format.h>

#include "drivers/qemu/command/families.hpp"
#include "util/error.hpp"

namespace cvirt::qemu {

using namespace conf::domain;

namespace {

const char* codecDevice(SoundCodec c) {
    switch (c) {
    case SoundCodec::Duplex: return "hda-duplex";
    case SoundCodec::Micro: return "hda-micro";
    case SoundCodec::Output: return "hda-output";
    }
    return "hda-duplex";
}

void codec(Build& b, const Sound& s, SoundCodec c, size_t cad) {
    b.device(Props{{"driver", codecDevice(c)},
                   {"id", fmt::format("{}-codec{}", s.info.alias, cad)},
                   {"bus", s.info.alias + ".0"},
                   {"cad", cad},
                   {"audiodev", audioId(b, s.audioId)}});
}

}  // namespace

void buildSounds(Build& b) {
    for (const auto& s : b.def.devices.sounds) {
        const char* model = nullptr;
        switch (s.model) {
        case SoundModel::Es1370: model = "ES1370"; break;
        case SoundModel::Ac97: model = "AC97"; break;
        case SoundModel::Ich6: model = "intel-hda"; break;
        case SoundModel::Usb: model = "usb-audio"; break;
        case SoundModel::Ich9: model = "ich9-intel-hda"; break;
        case SoundModel::Sb16: model = "sb16"; break;
        case SoundModel::Pcspk: continue;
        default:
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "sound card model '{}' is not supported by qemu",
                 toString(s.model));
        }
        Props p{{"driver", model}, {"id", s.info.alias}};
        if (!s.supportsCodecs())
            p["audiodev"] = audioId(b, s.audioId);
        if (s.model == SoundModel::Usb)
            putBool(p, "multi", s.multichannel);
        b.address(p, s.info);
        b.device(p);
        if (!s.supportsCodecs())
            continue;
        for (size_t i = 0; i < s.codecs.size(); ++i)
            codec(b, s, s.codecs[i], i);
        if (s.codecs.empty())
            codec(b, s, SoundCodec::Duplex, 0);
    }
}

}  // namespace cvirt::qemu
