#include "conf/domain/devices/filesystem.hpp"

#include <fmt/format.h>

#include <climits>

#include "conf/domain/props.hpp"
#include "conf/xml/c_number.hpp"
#include "util/error.hpp"
#include "util/units.hpp"

namespace cvirt::conf::domain {
namespace {

unsigned modeProp(const Node& n, const char* name) {
    auto text = n.attr(name);
    if (!text)
        return 0;
    auto v = xml::cParseUInt(*text, 8, true);
    if (!v)
        xml::invalidAttr(n, name, *text, "Expected non-negative integer value");
    if (*v > 0777)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "invalid {}: '0{:o}'", name, *v);
    return *v;
}

unsigned long long limitBytes(const Node& n, const char* name) {
    auto c = n.child(name);
    if (!c)
        return 0;
    std::optional<std::string> value = c.text();
    if (value->empty())
        value.reset();
    return scaledValue(value, c.attr("unit"), fmt::format("./{}[1]", name), 1, ULLONG_MAX, false).value_or(0);
}

}  // namespace

void xmlParse(Filesystem& fs, const Node& node, ParseContext& ctx) {
    fs = Filesystem{};
    fs.type = propEnum<FsType>(node, "type").value_or(FsType::Mount);
    fs.accessmode = propEnum<FsAccessMode>(node, "accessmode").value_or(FsAccessMode::Default);
    fs.fmode = modeProp(node, "fmode");
    fs.dmode = modeProp(node, "dmode");
    fs.model = propEnum<FsModel>(node, "model", kPropNonZero).value_or(FsModel::Default);
    fs.multidevs = propEnum<FsMultidevs>(node, "multidevs").value_or(FsMultidevs::Default);
    fs.spaceHardLimit = limitBytes(node, "space_hard_limit");
    fs.spaceSoftLimit = limitBytes(node, "space_soft_limit");
    std::optional<std::string> usage, units;
    if (auto s = node.child("source")) {
        fs.socket = s.attr("socket").value_or("");
        switch (fs.type) {
        case FsType::Mount:
        case FsType::Bind: fs.source = s.attr("dir"); break;
        case FsType::File: fs.source = s.attr("file"); break;
        case FsType::Block: fs.source = s.attr("dev"); break;
        case FsType::Template: fs.source = s.attr("name"); break;
        case FsType::Ram:
            usage = s.attr("usage");
            units = s.attr("units");
            break;
        case FsType::Volume: {
            auto pool = s.attr("pool");
            auto volume = s.attr("volume");
            if (pool || volume) {
                if (!pool || !volume)
                    fail(ErrorCode::XmlError, ErrorDomain::Domain,
                         "'pool' and 'volume' must be specified together for 'pool' type source");
                fs.pool = *pool;
                fs.volume = *volume;
            }
            break;
        }
        }
    }
    auto target = node.child("target");
    std::optional<std::string> dir = target ? target.attr("dir") : std::nullopt;
    if (dir && dir->empty())
        dir.reset();
    fs.readonly = static_cast<bool>(node.child("readonly"));
    if (auto d = node.child("driver")) {
        fs.driver = propEnum<FsDriverType>(d, "type").value_or(FsDriverType::Default);
        fs.wrpolicy = propEnum<FsWrpolicy>(d, "wrpolicy").value_or(FsWrpolicy::Default);
        if (auto f = d.attr("format")) {
            auto v = fromString<StorageFormat>(*f);
            if (!v || *v == StorageFormat::None)
                fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unknown driver format value '{}'", *f);
            fs.format = *v;
        }
        fs.iommu = propTriSwitch(d, "iommu");
        fs.ats = propTriSwitch(d, "ats");
        fs.packed = propTriSwitch(d, "packed");
        fs.pagePerVq = propTriSwitch(d, "page_per_vq");
    }
    if (fs.driver == FsDriverType::Virtiofs) {
        auto d = node.child("driver");
        if (auto q = d.attr("queue")) {
            auto v = xml::cParseUnsigned(*q);
            if (!v)
                fail(ErrorCode::XmlError, ErrorDomain::Domain, "cannot parse queue size '{}' for virtiofs", *q);
            fs.queueSize = *v;
        }
        if (auto b = node.child("binary")) {
            fs.binaryPath = b.attr("path").value_or("");
            fs.xattr = propTriSwitch(b, "xattr");
            if (auto tp = b.child("thread_pool"))
                if (auto size = tp.attr("size")) {
                    auto v = xml::cParseSigned<int>(*size);
                    if (!v)
                        fail(ErrorCode::XmlError, ErrorDomain::Domain, "cannot parse thread pool size '{}' for virtiofs",
                             *size);
                    fs.threadPoolSize = *v;
                }
            if (auto l = b.child("lock")) {
                fs.posixLock = propTriSwitch(l, "posix");
                fs.flock = propTriSwitch(l, "flock");
            }
            if (auto c = b.child("cache"))
                fs.cache = propEnum<FsCacheMode>(c, "mode", kPropNonZero).value_or(FsCacheMode::Default);
            if (auto s = b.child("sandbox"))
                fs.sandbox = propEnum<FsSandboxMode>(s, "mode", kPropNonZero).value_or(FsSandboxMode::Default);
        }
    }
    if (!fs.source && fs.type != FsType::Ram && fs.type != FsType::Volume && fs.socket.empty()) {
        if (dir)
            throw Error(ErrorCode::NoSource, ErrorDomain::Domain, *dir);
        throw Error(ErrorCode::NoSource, ErrorDomain::Domain);
    }
    if (fs.type == FsType::Ram) {
        if (!usage)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "missing 'usage' attribute for RAM filesystem");
        auto v = xml::cParseUnsigned(*usage);
        if (!v)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "cannot parse usage '{}' for RAM filesystem", *usage);
        fs.usageBytes = scaleInteger(*v, units.value_or(""), 1024, ULLONG_MAX);
    }
    fs.target = dir.value_or("");
    parseDeviceInfo(fs.info, node, ctx, kInfoAllowBoot);
    // virDomainFSDefPostParse
    if (fs.accessmode == FsAccessMode::Default && fs.socket.empty())
        fs.accessmode = FsAccessMode::Passthrough;
}

void xmlFormat(Writer& w, std::string_view name, const Filesystem& fs, FormatContext& ctx) {
    Writer::Element el(w, name, true);
    el.attr("type", toString(fs.type));
    if (isSet(fs.accessmode))
        el.attr("accessmode", toString(fs.accessmode));
    if (isSet(fs.model))
        el.attr("model", toString(fs.model));
    if (isSet(fs.multidevs))
        el.attr("multidevs", toString(fs.multidevs));
    if (fs.fmode)
        el.attr("fmode", fmt::format("{:04o}", fs.fmode));
    if (fs.dmode)
        el.attr("dmode", fmt::format("{:04o}", fs.dmode));
    el.keepOpen();
    el.beginChildren();
    {
        Writer::Element d(w, "driver", false);
        if (isSet(fs.driver)) {
            d.attr("type", toString(fs.driver));
            if (isSet(fs.format))
                d.attr("format", toString(fs.format));
            if (isSet(fs.wrpolicy))
                d.attr("wrpolicy", toString(fs.wrpolicy));
            if (fs.queueSize)
                d.attr("queue", std::to_string(fs.queueSize));
        }
        if (isSet(fs.iommu))
            d.attr("iommu", toString(fs.iommu));
        if (isSet(fs.ats))
            d.attr("ats", toString(fs.ats));
        if (isSet(fs.packed))
            d.attr("packed", toString(fs.packed));
        if (isSet(fs.pagePerVq))
            d.attr("page_per_vq", toString(fs.pagePerVq));
    }
    if (fs.driver == FsDriverType::Virtiofs) {
        Writer::Element b(w, "binary", false);
        if (!fs.binaryPath.empty())
            b.attr("path", fs.binaryPath);
        if (isSet(fs.xattr))
            b.attr("xattr", toString(fs.xattr));
        b.beginChildren();
        if (isSet(fs.cache)) {
            Writer::Element c(w, "cache", true);
            c.attr("mode", toString(fs.cache));
        }
        if (isSet(fs.sandbox)) {
            Writer::Element s(w, "sandbox", true);
            s.attr("mode", toString(fs.sandbox));
        }
        {
            Writer::Element l(w, "lock", false);
            if (isSet(fs.posixLock))
                l.attr("posix", toString(fs.posixLock));
            if (isSet(fs.flock))
                l.attr("flock", toString(fs.flock));
        }
        if (fs.threadPoolSize >= 0) {
            Writer::Element t(w, "thread_pool", true);
            t.attr("size", std::to_string(fs.threadPoolSize));
        }
    }
    {
        Writer::Element s(w, "source", true);
        switch (fs.type) {
        case FsType::Mount:
        case FsType::Bind:
            if (!fs.socket.empty())
                s.attr("socket", fs.socket);
            else if (fs.source)
                s.attr("dir", *fs.source);
            break;
        case FsType::Block:
            if (fs.source)
                s.attr("dev", *fs.source);
            break;
        case FsType::File:
            if (fs.source)
                s.attr("file", *fs.source);
            break;
        case FsType::Template:
            if (fs.source)
                s.attr("name", *fs.source);
            break;
        case FsType::Ram:
            s.attr("usage", std::to_string(fs.usageBytes / 1024));
            s.attr("units", "KiB");
            break;
        case FsType::Volume:
            if (!fs.pool.empty())
                s.attr("pool", fs.pool);
            if (!fs.volume.empty())
                s.attr("volume", fs.volume);
            break;
        }
    }
    if (!fs.target.empty()) {
        Writer::Element t(w, "target", true);
        t.attr("dir", fs.target);
    }
    if (fs.readonly)
        Writer::Element(w, "readonly", true);
    formatDeviceInfo(el, w, fs.info, ctx, kInfoAllowBoot);
    if (fs.spaceHardLimit) {
        Writer::Element l(w, "space_hard_limit", true);
        l.attr("unit", "bytes");
        l.text(std::to_string(fs.spaceHardLimit));
    }
    if (fs.spaceSoftLimit) {
        Writer::Element l(w, "space_soft_limit", true);
        l.attr("unit", "bytes");
        l.text(std::to_string(fs.spaceSoftLimit));
    }
}

}  // namespace cvirt::conf::domain
