// -audiodev: the host audio backends sound cards and VNC play through.
#include <fmt/format.h>

#include "drivers/qemu/command/families.hpp"
#include "util/error.hpp"

namespace cvirt::qemu {

using namespace conf::domain;

namespace {

const char* driverName(AudioType t) {
    switch (t) {
    case AudioType::Pulseaudio: return "pa";
    case AudioType::File: return "wav";
    default: return nullptr;
    }
}

Props ioProps(const Audio& a, const AudioIo& io) {
    Props p = Props::object();
    putBool(p, "mixing-engine", io.mixingEngine);
    putBool(p, "fixed-settings", io.fixedSettings);
    putPositive(p, "voices", io.voices);
    putPositive(p, "buffer-length", io.bufferLength);
    if (io.fixedSettings == conf::TriBool::Yes) {
        putPositive(p, "frequency", io.frequency);
        putPositive(p, "channels", io.channels);
        if (io.format != AudioFormat::Default)
            p["format"] = toString(io.format);
    }
    switch (a.type) {
    case AudioType::Alsa: putString(p, "dev", io.dev); break;
    case AudioType::Coreaudio: putPositive(p, "buffer-count", io.bufferCount); break;
    case AudioType::Jack:
        putString(p, "server-name", io.serverName);
        putString(p, "client-name", io.clientName);
        putString(p, "connect-ports", io.connectPorts);
        putBool(p, "exact-name", io.exactName);
        break;
    case AudioType::Oss:
        putString(p, "dev", io.dev);
        putPositive(p, "buffer-count", io.bufferCount);
        putBool(p, "try-poll", io.tryPoll);
        break;
    case AudioType::Pulseaudio:
        putString(p, "name", io.name);
        putString(p, "stream-name", io.streamName);
        putPositive(p, "latency", io.latency);
        break;
    case AudioType::Sdl: putPositive(p, "buffer-count", io.bufferCount); break;
    default: break;
    }
    return p;
}

}  // namespace

std::string audioId(const Build& b, unsigned id) {
    const auto& audios = b.def.devices.audios;
    const Audio* found = nullptr;
    if (id == 0) {
        if (!audios.empty())
            found = &audios.front();
    } else {
        for (const auto& a : audios)
            if (a.id == id)
                found = &a;
    }
    if (!found)
        fail(ErrorCode::InternalError, ErrorDomain::Qemu, "unable to find audio backend for sound device");
    return fmt::format("audio{}", found->id);
}

void buildAudio(Build& b) {
    for (const auto& a : b.def.devices.audios) {
        const char* drv = driverName(a.type);
        Props p{{"id", fmt::format("audio{}", a.id)}, {"driver", drv ? drv : std::string(toString(a.type))}};
        putPositive(p, "timer-period", a.timerPeriod);
        if (a.type == AudioType::Oss) {
            putBool(p, "try-mmap", a.tryMMap);
            putBool(p, "exclusive", a.exclusive);
            if (a.dspPolicy)
                p["dsp-policy"] = *a.dspPolicy;
        } else if (a.type == AudioType::Pulseaudio) {
            putString(p, "server", a.serverName);
        } else if (a.type == AudioType::File) {
            putString(p, "path", a.path);
        } else if (a.type == AudioType::Sdl && a.sdlDriver != AudioSdlDriver::Default) {
            b.env("SDL_AUDIODRIVER", std::string(toString(a.sdlDriver)));
        }
        Props in = ioProps(a, a.input), out = ioProps(a, a.output);
        if (!in.empty())
            p["in"] = in;
        if (!out.empty())
            p["out"] = out;
        b.arg("-audiodev", jsonArg(p));
    }
}

}  // namespace cvirt::qemu
