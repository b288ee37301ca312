#pragma once
// <sound>: an emulated sound card (libvirt's virDomainSoundDef) with its
// HDA codecs and the <audio> backend it plays through.

#include <vector>

#include "conf/domain/device_info.hpp"

namespace cvirt::conf::domain {

enum class SoundModel { Sb16, Es1370, Pcspk, Ac97, Ich6, Ich9, Usb, Ich7 };
CVIRT_ENUM_STRINGS(SoundModel, "sb16", "es1370", "pcspk", "ac97", "ich6", "ich9", "usb", "ich7");
enum class SoundCodec { Duplex, Micro, Output };
CVIRT_ENUM_STRINGS(SoundCodec, "duplex", "micro", "output");

struct Sound {
    SoundModel model = SoundModel::Sb16;
    std::vector<SoundCodec> codecs;  // HDA models only
    TriBool multichannel{};          // usb only
    unsigned audioId = 0;            // <audio id=...>; 0: none
    DeviceInfo info;

    // HDA cards take <codec> children.
    bool supportsCodecs() const;
};

void xmlParse(Sound& sound, const xml::Node& node, xml::ParseContext& ctx);
void xmlFormat(xml::Writer& w, std::string_view name, const Sound& sound, xml::FormatContext& ctx);

// virDomainEnsureAudioID: a referenced <audio> must exist. `ids` are the
// ids of the domain's <audio> elements.
void requireAudioId(unsigned id, const std::vector<unsigned>& ids);

}  // namespace cvirt::conf::domain
