#include "conf/domain/devices/sound.hpp"

#include <algorithm>

#include "conf/domain/props.hpp"
#include "util/error.hpp"

namespace cvirt::conf::domain {

using xml::Node;
using xml::Writer;

bool Sound::supportsCodecs() const {
    return model == SoundModel::Ich6 || model == SoundModel::Ich7 || model == SoundModel::Ich9;
}

void xmlParse(Sound& s, const Node& node, xml::ParseContext& ctx) {
    s.model = *propEnum<SoundModel>(node, "model", kPropRequired);
    if (s.supportsCodecs()) {
        for (const auto& c : node.children("codec")) {
            auto type = c.attr("type");
            auto codec = type ? fromString<SoundCodec>(*type) : std::nullopt;
            if (!codec)
                fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unknown codec type '{}'",
                     type ? *type : "(null)");
            s.codecs.push_back(*codec);
        }
    }
    if (s.model == SoundModel::Usb)
        s.multichannel = propTriBool(node, "multichannel");
    if (Node audio = node.child("audio"))
        s.audioId = *propInt<unsigned>(audio, "id", kPropRequired | kPropNonZero);
    parseDeviceInfo(s.info, node, ctx, 0);
}

void xmlFormat(Writer& w, std::string_view name, const Sound& s, xml::FormatContext& ctx) {
    Writer::Element el(w, name, true);
    el.attr("model", toString(s.model));
    if (s.model == SoundModel::Usb && isSet(s.multichannel))
        el.attr("multichannel", toString(s.multichannel));
    for (auto codec : s.codecs) {
        el.beginChildren();
        Writer::Element c(w, "codec", true);
        c.attr("type", toString(codec));
    }
    if (s.audioId > 0) {
        el.beginChildren();
        Writer::Element a(w, "audio", true);
        a.attr("id", std::to_string(s.audioId));
    }
    formatDeviceInfo(el, w, s.info, ctx, 0);
}

void requireAudioId(unsigned id, const std::vector<unsigned>& ids) {
    if (id != 0 && std::find(ids.begin(), ids.end(), id) == ids.end())
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "no audio device with ID {}", id);
}

}  // namespace cvirt::conf::domain
