#include "conf/network/netdev.hpp"

#include "conf/xml/c_number.hpp"
#include "util/error.hpp"

namespace cvirt::conf::network {
namespace {

[[noreturn]] void xmlError(std::string message) {
    throw Error(ErrorCode::XmlError, ErrorDomain::None, message);
}

// A <parameters> value that libvirt reads with virStrToLong_ui base 0 and
// bounds to `max`.
template <typename T>
std::optional<T> vportNumber(const Node& params, const char* name, unsigned max, const char* rangeMessage) {
    auto text = params.attr(name);
    if (!text)
        return std::nullopt;
    auto v = xml::cParseUInt(*text, 0);
    if (!v)
        xmlError(fmt::format("cannot parse value of {} parameter", name));
    if (*v > max)
        xmlError(rangeMessage);
    return static_cast<T>(*v);
}

std::optional<Uuid> vportUuid(const Node& params, const char* name) {
    auto text = params.attr(name);
    if (!text)
        return std::nullopt;
    auto u = Uuid::parse(*text);
    if (!u)
        xmlError(fmt::format("cannot parse {} parameter as a uuid", name));
    return u;
}

// What each type forbids, in libvirt's reporting order.
void checkNoExtras(const VirtualPort& p) {
    auto extra = [&](bool present, const char* name) {
        if (present)
            xmlError(fmt::format("extra {} unsupported in <virtualport type='{}'>", name, toString(p.type)));
    };
    switch (p.type) {
        case VirtualPortType::Qbg:
            extra(!p.profileId.empty(), "profileid");
            extra(p.interfaceId.has_value(), "interfaceid");
            break;
        case VirtualPortType::Qbh:
            extra(p.managerId.has_value(), "managerid");
            extra(p.typeId.has_value(), "typeid");
            extra(p.typeIdVersion.has_value(), "typeidversion");
            extra(p.instanceId.has_value(), "instanceid");
            extra(p.interfaceId.has_value(), "interfaceid");
            break;
        case VirtualPortType::Openvswitch:
            extra(p.managerId.has_value(), "managerid");
            extra(p.typeId.has_value(), "typeid");
            extra(p.typeIdVersion.has_value(), "typeidversion");
            extra(p.instanceId.has_value(), "instanceid");
            break;
        case VirtualPortType::None:
        case VirtualPortType::Midonet:
            break;
    }
}

void checkComplete(const VirtualPort& p) {
    const char* missing = nullptr;
    switch (p.type) {
        case VirtualPortType::Qbg:
            if (!p.managerId)
                missing = "managerid";
            else if (!p.typeId)
                missing = "typeid";
            else if (!p.typeIdVersion)
                missing = "typeidversion";
            else if (!p.instanceId)
                missing = "instanceid";
            break;
        case VirtualPortType::Qbh:
            if (p.profileId.empty())
                missing = "profileid";
            break;
        case VirtualPortType::Openvswitch:
        case VirtualPortType::Midonet:
            if (!p.interfaceId)
                missing = "interfaceid";
            break;
        case VirtualPortType::None:
            break;
    }
    if (missing)
        xmlError(fmt::format("missing {} in <virtualport type='{}'>", missing, toString(p.type)));
}

void rateAttr(Writer::Element& el, const char* name, uint64_t value) {
    if (value)
        el.attr(name, std::to_string(value));
}

}  // namespace

VirtualPort parseVirtualPort(const Node& node, unsigned flags) {
    VirtualPort p;
    if (auto type = node.attr("type")) {
        auto t = fromString<VirtualPortType>(*type);
        if (!t || !isSet(*t))
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::None, "unknown virtualport type {}", *type);
        p.type = *t;
    } else if (flags & kVportRequireType) {
        xmlError("missing required virtualport type");
    }

    if (auto params = node.child("parameters")) {
        p.managerId = vportNumber<uint8_t>(params, "managerid", 0xff, "value of managerid out of range");
        p.typeId = vportNumber<uint32_t>(params, "typeid", 0xffffff, "value for typeid out of range");
        p.typeIdVersion =
            vportNumber<uint8_t>(params, "typeidversion", 0xff, "value of typeidversion out of range");
        p.instanceId = vportUuid(params, "instanceid");
        if (auto profile = params.attr("profileid")) {
            // libvirt keeps it in a 40-byte buffer with its terminator.
            if (profile->size() >= 40)
                xmlError("profileid parameter too long");
            p.profileId = *profile;
        }
        p.interfaceId = vportUuid(params, "interfaceid");
    }

    if (flags & kVportGenerateMissingDefaults) {
        if (!p.instanceId && (p.type == VirtualPortType::Qbg || p.type == VirtualPortType::None))
            p.instanceId = Uuid::generate();
        if (!p.interfaceId && (p.type == VirtualPortType::Openvswitch || p.type == VirtualPortType::None))
            p.interfaceId = Uuid::generate();
    }
    if (flags & kVportRequireAllAttributes)
        checkComplete(p);
    checkNoExtras(p);
    return p;
}

void formatVirtualPort(Writer& w, const VirtualPort& p) {
    bool none = p.type == VirtualPortType::None;
    bool noParameters = !(p.managerId || p.typeId || p.typeIdVersion || p.instanceId ||
                          !p.profileId.empty() || p.interfaceId);
    if (none && noParameters)
        return;
    Writer::Element el(w, "virtualport", true);
    if (!none)
        el.attr("type", toString(p.type));
    if (noParameters)
        return;
    el.beginChildren();
    // Each parameter is printed only for the types that use it.
    bool qbg = none || p.type == VirtualPortType::Qbg;
    bool ovs = p.type == VirtualPortType::Openvswitch;
    Writer::Element params(w, "parameters", true);
    if (p.managerId && qbg)
        params.attr("managerid", std::to_string(*p.managerId));
    if (p.typeId && qbg)
        params.attr("typeid", std::to_string(*p.typeId));
    if (p.typeIdVersion && qbg)
        params.attr("typeidversion", std::to_string(*p.typeIdVersion));
    if (p.instanceId && qbg)
        params.attr("instanceid", p.instanceId->format());
    if (p.interfaceId && (none || ovs || p.type == VirtualPortType::Midonet))
        params.attr("interfaceid", p.interfaceId->format());
    if (!p.profileId.empty() && (none || ovs || p.type == VirtualPortType::Qbh))
        params.attr("profileid", p.profileId);
}

std::optional<Bandwidth> parseBandwidth(const Node& node, bool allowFloor, std::optional<unsigned>* classId) {
    if (auto cls = node.attr("classID")) {
        if (!classId)
            throw Error(ErrorCode::XmlDetail, ErrorDomain::None,
                        "classID attribute not supported on <bandwidth> in this usage context");
        auto v = xml::cParseUInt(*cls, 10, true);
        if (!v)
            xml::invalidAttr(node, "classID", *cls, "Expected non-negative integer value");
        *classId = *v;
    }
    auto parseRate = [](const Node& n, bool floorAllowed) {
        BandwidthRate r;
        auto value = [&](const char* name, uint64_t& out) {
            auto text = n.attr(name);
            if (!text)
                return false;
            auto v = xml::cParseUnsigned(*text, 10, true);
            if (!v)
                fail(ErrorCode::ConfigUnsupported, ErrorDomain::None,
                     "could not convert bandwidth {} value '{}'", name, *text);
            out = *v;
            return true;
        };
        bool average = value("average", r.average);
        bool peak = value("peak", r.peak);
        bool burst = value("burst", r.burst);
        bool floor = value("floor", r.floor);
        if (!average && !floor)
            throw Error(ErrorCode::XmlDetail, ErrorDomain::None,
                        "Missing mandatory average or floor attributes");
        if ((peak || burst) && !average)
            throw Error(ErrorCode::ConfigUnsupported, ErrorDomain::None,
                        "'peak' and 'burst' require 'average' attribute");
        if (floor && !floorAllowed)
            throw Error(ErrorCode::ConfigUnsupported, ErrorDomain::None,
                        "floor attribute is not supported for this config");
        return r;
    };
    Bandwidth bw;
    if (auto in = node.child("inbound"))
        bw.inbound = parseRate(in, allowFloor);
    if (auto out = node.child("outbound"))
        bw.outbound = parseRate(out, false);  // floor applies to inbound only
    if (!bw.inbound && !bw.outbound)
        return std::nullopt;
    return bw;
}

void formatBandwidth(Writer& w, const std::optional<Bandwidth>& bw, unsigned classId) {
    if (!bw)
        return;
    Writer::Element el(w, "bandwidth", true);
    el.keepOpen();
    if (classId)
        el.attr("classID", std::to_string(classId));
    auto rate = [&](const char* name, const std::optional<BandwidthRate>& r) {
        if (!r || !(r->average || r->floor))
            return;
        el.beginChildren();
        Writer::Element e(w, name, true);
        rateAttr(e, "average", r->average);
        rateAttr(e, "peak", r->peak);
        rateAttr(e, "floor", r->floor);
        rateAttr(e, "burst", r->burst);
    };
    rate("inbound", bw->inbound);
    rate("outbound", bw->outbound);
}

Vlan parseVlan(const Node& node) {
    Vlan vlan;
    auto tags = node.children("tag");
    if (tags.empty())
        xmlError("missing tag id - each <vlan> must have at least one <tag id='n'/> subelement");
    for (const auto& tag : tags) {
        auto idText = tag.attr("id");
        if (!idText)
            xml::missingAttr(tag, "id");
        auto id = xml::cParseUInt(*idText, 10, true);
        if (!id)
            xml::invalidAttr(tag, "id", *idText, "Expected non-negative integer value");
        if (*id > 4095)
            xmlError(fmt::format("vlan tag id {} too large (maximum 4095)", *id));
        if (auto mode = tag.attr("nativeMode")) {
            auto m = fromString<NativeVlanMode>(*mode);
            if (!m || !isSet(*m))
                xml::invalidAttr(tag, "nativeMode", *mode);
            if (isSet(vlan.nativeMode))
                xmlError("duplicate native vlan setting");
            vlan.nativeMode = *m;
            vlan.nativeTag = *id;
        }
        vlan.tags.push_back(*id);
    }
    vlan.trunk = vlan.tags.size() > 1;
    if (auto trunk = node.attr("trunk")) {
        vlan.trunk = strcasecmp(trunk->c_str(), "yes") == 0;
        if (!vlan.trunk) {
            if (vlan.tags.size() > 1)
                xmlError(
                    fmt::format("invalid \"trunk='{}'\" in <vlan> - trunk='yes' is required for more than "
                                "one vlan tag",
                                *trunk));
            if (isSet(vlan.nativeMode))
                xmlError(
                    "invalid configuration in <vlan> - \"trunk='no'\" is not allowed with a native vlan id");
            // A single tag with trunk='no' is accepted and forgotten.
            if (strcasecmp(trunk->c_str(), "no") != 0)
                xmlError(fmt::format("invalid \"trunk='{}'\" in <vlan> - must be yes or no", *trunk));
        }
    }
    return vlan;
}

void formatVlan(Writer& w, const Vlan& vlan) {
    if (vlan.tags.empty())
        return;
    Writer::Element el(w, "vlan", true);
    if (vlan.trunk)
        el.attr("trunk", "yes");
    el.beginChildren();
    for (unsigned id : vlan.tags) {
        Writer::Element tag(w, "tag", true);
        tag.attr("id", std::to_string(id));
        if (isSet(vlan.nativeMode) && vlan.nativeTag == id)
            tag.attr("nativeMode", toString(vlan.nativeMode));
    }
}

}  // namespace cvirt::conf::network
