#include "conf/domain/devices/audio.hpp"

#include "conf/domain/props.hpp"
#include "util/error.hpp"

namespace cvirt::conf::domain {
namespace {

using xml::Node;
using xml::Writer;

[[noreturn]] void unsupported(std::string_view message) {
    fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "{}", message);
}

unsigned uintAttr(const Node& n, const char* name, unsigned flags = 0) {
    return propInt<unsigned>(n, name, flags).value_or(0);
}

// virDomainAudioCommonParse
void parseCommon(AudioIo& io, const Node& node) {
    io.mixingEngine = propTriBool(node, "mixingEngine");
    io.fixedSettings = propTriBool(node, "fixedSettings");
    if (io.fixedSettings == TriBool::Yes && io.mixingEngine != TriBool::Yes)
        unsupported("fixed audio settings requires mixing engine");
    io.voices = uintAttr(node, "voices", kPropNonZero);
    io.bufferLength = uintAttr(node, "bufferLength", kPropNonZero);
    if (Node settings = node.child("settings")) {
        if (io.fixedSettings != TriBool::Yes)
            unsupported("audio settings specified without fixed settings flag");
        io.frequency = uintAttr(settings, "frequency", kPropNonZero);
        io.channels = uintAttr(settings, "channels", kPropNonZero);
        io.format = propEnum<AudioFormat>(settings, "format", kPropNonZero).value_or(AudioFormat::Default);
    }
}

void parseBackend(AudioType type, AudioIo& io, const Node& node) {
    switch (type) {
    case AudioType::Alsa:
        io.dev = node.attr("dev");
        break;
    case AudioType::Coreaudio:
    case AudioType::Sdl:
        io.bufferCount = uintAttr(node, "bufferCount");
        break;
    case AudioType::Jack:
        io.serverName = node.attr("serverName");
        io.clientName = node.attr("clientName");
        io.connectPorts = node.attr("connectPorts");
        io.exactName = propTriBool(node, "exactName");
        break;
    case AudioType::Oss:
        io.dev = node.attr("dev");
        io.tryPoll = propTriBool(node, "tryPoll");
        io.bufferCount = uintAttr(node, "bufferCount");
        break;
    case AudioType::Pulseaudio:
        io.name = node.attr("name");
        io.streamName = node.attr("streamName");
        io.latency = uintAttr(node, "latency");
        break;
    case AudioType::None:
    case AudioType::Spice:
    case AudioType::File:
    case AudioType::Dbus:
        break;
    }
}

// The backend's attributes of one direction, in libvirt's order.
void formatBackendAttrs(AudioType type, const AudioIo& io, Writer::Element& el) {
    auto str = [&](const char* name, const std::optional<std::string>& v) {
        if (v)
            el.attr(name, *v);
    };
    auto num = [&](const char* name, unsigned v) {
        if (v)
            el.attr(name, std::to_string(v));
    };
    auto tri = [&](const char* name, TriBool v) {
        if (isSet(v))
            el.attr(name, toString(v));
    };
    switch (type) {
    case AudioType::Alsa:
        str("dev", io.dev);
        break;
    case AudioType::Coreaudio:
    case AudioType::Sdl:
        num("bufferCount", io.bufferCount);
        break;
    case AudioType::Jack:
        str("serverName", io.serverName);
        str("clientName", io.clientName);
        str("connectPorts", io.connectPorts);
        tri("exactName", io.exactName);
        break;
    case AudioType::Oss:
        str("dev", io.dev);
        num("bufferCount", io.bufferCount);
        tri("tryPoll", io.tryPoll);
        break;
    case AudioType::Pulseaudio:
        str("name", io.name);
        str("streamName", io.streamName);
        num("latency", io.latency);
        break;
    case AudioType::None:
    case AudioType::Spice:
    case AudioType::File:
    case AudioType::Dbus:
        break;
    }
}

// virDomainAudioCommonFormat: the element is written when any common
// setting or backend attribute is present.
void formatDirection(Writer& w, const char* name, AudioType type, const AudioIo& io) {
    Writer::Element el(w, name, false);
    if (isSet(io.mixingEngine))
        el.attr("mixingEngine", toString(io.mixingEngine));
    if (isSet(io.fixedSettings))
        el.attr("fixedSettings", toString(io.fixedSettings));
    if (io.voices)
        el.attr("voices", std::to_string(io.voices));
    if (io.bufferLength)
        el.attr("bufferLength", std::to_string(io.bufferLength));
    formatBackendAttrs(type, io, el);
    if (io.fixedSettings == TriBool::Yes) {
        el.beginChildren();
        Writer::Element s(w, "settings", true);
        if (io.frequency)
            s.attr("frequency", std::to_string(io.frequency));
        if (io.channels)
            s.attr("channels", std::to_string(io.channels));
        if (isSet(io.format))
            s.attr("format", toString(io.format));
    }
}

}  // namespace

void xmlParse(Audio& a, const Node& node, xml::ParseContext&) {
    a.type = *propEnum<AudioType>(node, "type", kPropRequired);
    a.id = *propInt<unsigned>(node, "id", kPropRequired | kPropNonZero);
    a.timerPeriod = uintAttr(node, "timerPeriod", kPropNonZero);
    Node input = node.child("input");
    Node output = node.child("output");
    if (input)
        parseCommon(a.input, input);
    if (output)
        parseCommon(a.output, output);

    if (a.type == AudioType::Oss) {
        a.tryMMap = propTriBool(node, "tryMMap");
        a.exclusive = propTriBool(node, "exclusive");
        if (auto policy = propInt<int>(node, "dspPolicy")) {
            if (*policy < 0)
                fail(ErrorCode::XmlError, ErrorDomain::Domain, "cannot parse 'dspPolicy' value '{}'", *policy);
            a.dspPolicy = *policy;
        }
    } else if (a.type == AudioType::Pulseaudio) {
        a.serverName = node.attr("serverName");
    } else if (a.type == AudioType::Sdl) {
        a.sdlDriver = propEnum<AudioSdlDriver>(node, "driver", kPropNonZero).value_or(AudioSdlDriver::Default);
    } else if (a.type == AudioType::File) {
        a.path = node.attr("path");
    }
    if (input)
        parseBackend(a.type, a.input, input);
    if (output)
        parseBackend(a.type, a.output, output);
}

void xmlFormat(Writer& w, std::string_view name, const Audio& a, xml::FormatContext&) {
    Writer::Element el(w, name, true);
    el.attr("id", std::to_string(a.id));
    el.attr("type", toString(a.type));
    if (a.timerPeriod)
        el.attr("timerPeriod", std::to_string(a.timerPeriod));
    switch (a.type) {
    case AudioType::Oss:
        if (isSet(a.tryMMap))
            el.attr("tryMMap", toString(a.tryMMap));
        if (isSet(a.exclusive))
            el.attr("exclusive", toString(a.exclusive));
        if (a.dspPolicy)
            el.attr("dspPolicy", std::to_string(*a.dspPolicy));
        break;
    case AudioType::Pulseaudio:
        if (a.serverName)
            el.attr("serverName", *a.serverName);
        break;
    case AudioType::Sdl:
        if (isSet(a.sdlDriver))
            el.attr("driver", toString(a.sdlDriver));
        break;
    case AudioType::File:
        if (a.path)
            el.attr("path", *a.path);
        break;
    default:
        break;
    }
    el.beginChildren();
    formatDirection(w, "input", a.type, a.input);
    formatDirection(w, "output", a.type, a.output);
}

void validateAudios(const std::vector<Audio>& audios) {
    for (size_t i = 0; i < audios.size(); ++i)
        for (size_t j = 0; j < audios.size(); ++j)
            if (i != j && audios[i].id == audios[j].id)
                fail(ErrorCode::XmlError, ErrorDomain::Domain, "audio ID {} is used multiple times", audios[i].id);
}

}  // namespace cvirt::conf::domain
