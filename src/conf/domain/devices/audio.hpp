#pragma once
// <audio id=... type=...>: an audio backend on the host (libvirt's
// virDomainAudioDef) that sound cards and graphics refer to by id, with
// per-direction <input>/<output> settings and backend attributes.

#include <optional>
#include <string>
#include <vector>

#include "conf/xml/schema.hpp"

namespace cvirt::conf::domain {

enum class AudioType { None, Alsa, Coreaudio, Jack, Oss, Pulseaudio, Sdl, Spice, File, Dbus };
CVIRT_ENUM_STRINGS(AudioType, "none", "alsa", "coreaudio", "jack", "oss", "pulseaudio", "sdl", "spice", "file",
                   "dbus");
enum class AudioSdlDriver { Default, Esd, Alsa, Arts, Pulseaudio };
CVIRT_ENUM_STRINGS(AudioSdlDriver, "", "esd", "alsa", "arts", "pulseaudio");
enum class AudioFormat { Default, U8, S8, U16, S16, U32, S32, F32 };
CVIRT_ENUM_STRINGS(AudioFormat, "", "u8", "s8", "u16", "s16", "u32", "s32", "f32");

// One direction (<input> or <output>): the common settings and the
// attributes of whichever backend the <audio> is.
struct AudioIo {
    TriBool mixingEngine{}, fixedSettings{};
    unsigned voices = 0, bufferLength = 0;
    // <settings>, when fixedSettings='yes'
    unsigned frequency = 0, channels = 0;
    AudioFormat format{};

    std::optional<std::string> dev;                             // alsa, oss
    unsigned bufferCount = 0;                                   // coreaudio, oss, sdl
    std::optional<std::string> serverName, clientName, connectPorts;  // jack
    TriBool exactName{};                                        // jack
    TriBool tryPoll{};                                          // oss
    std::optional<std::string> name, streamName;                // pulseaudio
    unsigned latency = 0;                                       // pulseaudio
};

struct Audio {
    unsigned id = 0;
    AudioType type = AudioType::None;
    unsigned timerPeriod = 0;
    AudioIo input, output;
    // oss
    TriBool tryMMap{}, exclusive{};
    std::optional<int> dspPolicy;
    // pulseaudio
    std::optional<std::string> serverName;
    // sdl
    AudioSdlDriver sdlDriver{};
    // file
    std::optional<std::string> path;
};

void xmlParse(Audio& audio, const xml::Node& node, xml::ParseContext& ctx);
void xmlFormat(xml::Writer& w, std::string_view name, const Audio& audio, xml::FormatContext& ctx);

// virDomainAudioDefValidate: ids are unique.
void validateAudios(const std::vector<Audio>& audios);

}  // namespace cvirt::conf::domain
