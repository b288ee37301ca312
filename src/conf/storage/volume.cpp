#include "conf/storage/volume.hpp"

#include <climits>

#include "conf/xml/c_number.hpp"
#include "util/error.hpp"
#include "util/units.hpp"
#include "util/xml.hpp"

namespace cvirt::conf::storage {
namespace {

using xml::Node;
using xml::Writer;

[[noreturn]] void xmlError(const std::string& message) {
    throw Error(ErrorCode::XmlError, ErrorDomain::Storage, message);
}

std::string childText(const Node& node, std::string_view name) {
    auto c = node.child(name);
    return c ? c.text() : std::string();
}

// A size with an optional unit attribute, in bytes (virStorageSize); off_t
// is signed, so nothing can be larger than 2^63 - 1 bytes.
uint64_t parseSize(const Node& node) {
    auto value = xml::cParseUnsigned(node.text(), 10, true);
    if (!value)
        xmlError("malformed capacity element");
    return scaleInteger(*value, node.attr("unit").value_or(""), 1, LLONG_MAX);
}

int parseFormat(const FormatTable& formats, const Node& parent) {
    auto format = parent.child("format").attr("type");
    if (!format || format->empty())
        return formats.defaultFormat;
    int f = formats.parse(*format);
    if (f < 0)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Storage, "unknown volume format type {}", *format);
    return f;
}

// "major.minor" with numeric parts.
void checkCompat(const std::string& compat) {
    auto dot = compat.find('.');
    bool ok = dot != std::string::npos && xml::cParseUInt(compat.substr(0, dot)) &&
              xml::cParseUInt(compat.substr(dot + 1));
    if (!ok)
        xmlError("forbidden characters in 'compat' attribute");
}

void parseTarget(const Node& target, const FormatTable& formats, VolumeTarget& t) {
    t.path = childText(target, "path");
    if (!formats.empty())
        t.format = parseFormat(formats, target);
    t.permissions = parsePermissions(target);
    if (auto enc = target.child("encryption"))
        t.encryption = parseEncryption(enc);
    t.compat = childText(target, "compat");
    if (!t.compat.empty())
        checkCompat(t.compat);
    t.nocow = static_cast<bool>(target.child("nocow"));
    if (auto cs = target.child("clusterSize"); cs && !cs.text().empty()) {
        auto v = xml::cParseUnsigned(cs.text(), 10, true);
        if (!v)
            xmlError(
                fmt::format("Invalid value '{}' for element or attribute './target/clusterSize'", cs.text()));
        t.clusterSize = scaleInteger(*v, cs.attr("unit").value_or(""), 1);
    }
    if (auto features = target.child("features")) {
        // Features need a qcow2 v3 image.
        if (t.compat.empty())
            t.compat = "1.1";
        t.features.emplace();
        for (const auto& f : features.children()) {
            auto feature = fromString<FileFeature>(f.name());
            if (!feature)
                fail(ErrorCode::ConfigUnsupported, ErrorDomain::Storage, "unsupported feature {}", f.name());
            t.features->insert(*feature);
        }
    }
}

void formatTimestamp(Writer& w, const char* name, const std::optional<Timestamp>& ts) {
    if (!ts)
        return;
    std::string text = std::to_string(ts->sec);
    if (ts->nsec)
        text += fmt::format(".{:09}", ts->nsec);
    w.textElement(name, text);
}

void formatTarget(Writer& w, const char* name, const FormatTable& formats, const VolumeTarget& t) {
    Writer::Element el(w, name, true);
    el.keepOpen();
    el.beginChildren();
    if (!t.path.empty())
        w.textElement("path", t.path);
    if (!formats.empty()) {
        Writer::Element f(w, "format", true);
        f.attr("type", formats.name(t.format));
    }
    formatPermissions(w, t.permissions);
    if (t.timestamps) {
        Writer::Element ts(w, "timestamps", true);
        ts.keepOpen();
        ts.beginChildren();
        formatTimestamp(w, "atime", t.timestamps->atime);
        formatTimestamp(w, "mtime", t.timestamps->mtime);
        formatTimestamp(w, "ctime", t.timestamps->ctime);
        formatTimestamp(w, "btime", t.timestamps->btime);
    }
    if (t.encryption)
        formatEncryption(w, *t.encryption);
    if (!t.compat.empty())
        w.textElement("compat", t.compat);
    if (t.clusterSize > 0) {
        Writer::Element c(w, "clusterSize", true);
        c.attr("unit", "B");
        c.text(std::to_string(t.clusterSize));
    }
    if (t.features) {
        Writer::Element f(w, "features", true);
        for (auto feature : *t.features) {
            f.beginChildren();
            Writer::Element e(w, toString(feature), true);
        }
    }
}

}  // namespace

StorageVolume parseStorageVolumeXml(const StoragePool& pool, std::string_view text,
                                    const StorageVolumeParseOptions& options) {
    auto doc = cvirt::xml::Document::parse(text, "(storage_volume_definition)", ErrorDomain::Storage);
    auto root = doc.root();
    if (root.name() != "volume")
        fail(ErrorCode::XmlError, ErrorDomain::Xml, "expecting root element of 'volume', not '{}'",
             root.name());
    if (options.validateSchema)
        cvirt::xml::RngSchema::load(options.schemaPath)->validate(doc);

    const FormatTable& formats = poolTypeInfo(pool.type).volumeFormats;
    StorageVolume vol;
    vol.name = childText(root, "name");
    if (vol.name.empty())
        xmlError("missing volume name element");
    vol.key = childText(root, "key");
    if (auto type = root.attr("type"); type && !type->empty()) {
        auto t = fromString<VolumeType>(*type);
        if (!t)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Storage, "unknown volume type '{}'", *type);
        vol.type = *t;
    }

    if (auto backing = root.child("backingStore"); backing && !childText(backing, "path").empty()) {
        VolumeTarget b;
        b.path = childText(backing, "path");
        if (!formats.empty())
            b.format = parseFormat(formats, backing);
        b.permissions = parsePermissions(backing);
        vol.backingStore = std::move(b);
    }

    auto capacity = root.child("capacity");
    if (capacity && !capacity.text().empty())
        vol.capacity = parseSize(capacity);
    else if (!options.noCapacity && !(options.optCapacity && vol.backingStore))
        xmlError("missing capacity element");

    if (auto allocation = root.child("allocation"); allocation && !allocation.text().empty()) {
        vol.allocation = parseSize(allocation);
        vol.hasAllocation = true;
    } else {
        vol.allocation = vol.capacity;
    }

    parseTarget(root.child("target"), formats, vol.target);
    return vol;
}

std::string formatStorageVolumeXml(const StoragePool& pool, const StorageVolume& vol) {
    const FormatTable& formats = poolTypeInfo(pool.type).volumeFormats;
    Writer w;
    {
        Writer::Element el(w, "volume", true);
        el.attr("type", toString(vol.type));
        el.beginChildren();
        w.textElement("name", vol.name);
        if (!vol.key.empty())
            w.textElement("key", vol.key);
        if (!vol.extents.empty()) {
            // One <device> per path, its extents in order.
            Writer::Element src(w, "source", true);
            src.beginChildren();
            size_t i = 0;
            while (i < vol.extents.size()) {
                Writer::Element dev(w, "device", true);
                dev.attr("path", vol.extents[i].path);
                dev.beginChildren();
                const std::string& path = vol.extents[i].path;
                for (; i < vol.extents.size() && vol.extents[i].path == path; ++i) {
                    Writer::Element x(w, "extent", true);
                    x.attr("start", std::to_string(vol.extents[i].start));
                    x.attr("end", std::to_string(vol.extents[i].end));
                }
            }
        }
        auto size = [&](const char* name, uint64_t bytes) {
            Writer::Element e(w, name, true);
            e.attr("unit", "bytes");
            e.text(std::to_string(bytes));
        };
        size("capacity", vol.capacity);
        size("allocation", vol.allocation);
        if (vol.physical)
            size("physical", vol.physical);
        formatTarget(w, "target", formats, vol.target);
        if (vol.backingStore)
            formatTarget(w, "backingStore", formats, *vol.backingStore);
    }
    return std::move(w.out());
}

}  // namespace cvirt::conf::storage
