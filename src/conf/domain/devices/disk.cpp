#include "conf/domain/devices/disk.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "conf/domain/props.hpp"
#include "conf/xml/c_number.hpp"
#include "util/error.hpp"

namespace cvirt::conf::domain {
namespace {

[[noreturn]] void unsupported(std::string_view message) {
    throw Error(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, message);
}
[[noreturn]] void xmlError(std::string_view message) {
    throw Error(ErrorCode::XmlError, ErrorDomain::Domain, message);
}

constexpr unsigned kScsiNarrowBusMaxUnit = 7;

// The bus a disk gets when none is given (virDomainDiskDefPostParse).
DiskBus defaultBus(const Disk& d) {
    if (d.bus != DiskBus::None)
        return d.bus;
    if (d.device == DiskDevice::Floppy)
        return DiskBus::Fdc;
    std::string_view dst = d.dst;
    if (dst.starts_with("sd"))
        return DiskBus::Scsi;
    if (dst.starts_with("vd"))
        return DiskBus::Virtio;
    if (dst.starts_with("xvd"))
        return DiskBus::Xen;
    if (dst.starts_with("ubd"))
        return DiskBus::Uml;
    return DiskBus::Ide;
}

void parseDriver(Disk& d, const Node& n) {
    d.iommu = propTriSwitch(n, "iommu");
    d.ats = propTriSwitch(n, "ats");
    d.packed = propTriSwitch(n, "packed");
    d.pagePerVq = propTriSwitch(n, "page_per_vq");
    d.driverName = n.attr("name").value_or("");
    d.cache = propEnum<DiskCache>(n, "cache").value_or(DiskCache::Default);
    d.errorPolicy = propEnum<DiskErrorPolicy>(n, "error_policy", kPropNonZero).value_or(DiskErrorPolicy::Default);
    d.rerrorPolicy = propEnum<DiskErrorPolicy>(n, "rerror_policy", kPropNonZero).value_or(DiskErrorPolicy::Default);
    if (d.rerrorPolicy == DiskErrorPolicy::Enospace)
        unsupported("Invalid disk read error policy: 'enospace'");
    d.io = propEnum<DiskIo>(n, "io", kPropNonZero).value_or(DiskIo::Default);
    d.ioeventfd = propTriSwitch(n, "ioeventfd");
    d.eventIdx = propTriSwitch(n, "event_idx");
    d.copyOnRead = propTriSwitch(n, "copy_on_read");
    d.discard = propEnum<DiskDiscard>(n, "discard", kPropNonZero).value_or(DiskDiscard::Default);
    d.iothread = propInt<unsigned>(n, "iothread", kPropNonZero).value_or(0);
    d.detectZeroes = propEnum<DetectZeroes>(n, "detect_zeroes", kPropNonZero).value_or(DetectZeroes::Default);
    d.queues = propInt<unsigned>(n, "queues").value_or(0);
    d.queueSize = propInt<unsigned>(n, "queue_size").value_or(0);
    d.discardNoUnref = propTriSwitch(n, "discard_no_unref");
    // the image format lives in the storage source
    if (auto type = n.attr("type")) {
        if (*type == "aio") {
            d.src.format = StorageFormat::Raw;  // Xen back-compat
        } else {
            auto f = fromString<StorageFormat>(*type);
            if (!f || *f == StorageFormat::None)
                fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unknown driver format value '{}'", *type);
            d.src.format = *f;
        }
    }
    d.src.metadataCacheMaxSize = parseMetadataCache(n);
}

void parseMirror(Disk& d, const Node& n, ParseContext& ctx) {
    DiskMirror m;
    if (auto job = n.attr("job")) {
        auto j = fromString<BlockJobType>(*job);
        if (!j)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unknown mirror job type '{}'", *job);
        m.job = *j;
    }
    auto type = n.attr("type");
    std::optional<std::string> format, index;
    if (type) {
        if (auto f = n.child("format"))
            format = f.attr("type");
        if (auto s = n.child("source"))
            index = s.attr("index");
    } else {
        if (m.job != BlockJobType::Copy)
            xmlError("mirror without type only supported by copy job");
        format = n.attr("format");
    }
    if (type) {
        auto t = fromString<StorageType>(*type);
        if (!t || *t == StorageType::None)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "unknown storage source type '{}'", *type);
        m.source.type = *t;
    }
    if (format)
        m.source.format = parseStorageFormatName(*format);
    if (index) {
        auto v = xml::cParseUInt(*index, 10, true);
        if (!v)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "invalid storage source index '{}'", *index);
        m.source.index = *v;
    }
    if (type) {
        auto s = n.child("source");
        if (!s)
            xmlError("mirror requires source element");
        parseStorageSource(m.source, s, ctx);
        parseBackingStore(m.source, n, ctx);
    } else {
        auto file = n.attr("file");
        if (!file)
            xmlError("mirror requires file name");
        m.source.path = *file;
    }
    if (auto ready = n.attr("ready")) {
        auto r = fromString<MirrorState>(*ready);
        if (!r)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "unknown mirror ready state {}", *ready);
        m.ready = *r;
    }
    if (auto f = n.child("format"))
        m.source.metadataCacheMaxSize = parseMetadataCache(f);
    d.mirror = std::move(m);
}

void parseIotune(Disk& d, const Node& n) {
    auto iotune = n.child("iotune");
    if (!iotune)
        return;
    for (size_t i = 0; i < DiskIotune::kCount; ++i) {
        auto c = iotune.child(DiskIotune::kNames[i]);
        if (!c)
            continue;
        std::string text = c.text();
        if (text.empty())
            continue;
        auto v = xml::cParseUnsigned(text, 10);
        if (!v)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "disk iotune field '{}' must be an integer",
                 DiskIotune::kNames[i]);
        d.iotune.values[i] = *v;
    }
    d.iotune.groupName = childText(iotune, "group_name");
}

// The generic post-parse steps that need no other device.
void postParseLocal(Disk& d) {
    if (d.dst.starts_with("ioemu:"))
        d.dst.erase(0, 6);
    if (d.device == DiskDevice::Cdrom)
        d.src.readonly = true;
    if (d.snapshot == SnapshotLocation::Default && d.src.readonly)
        d.snapshot = SnapshotLocation::No;
    if (d.src.type == StorageType::Network && d.src.protocol == NetProtocol::Iscsi && d.src.path &&
        d.src.path->find('/') == std::string::npos)
        *d.src.path += "/0";
    if (d.src.type == StorageType::Nvme && d.src.nvme && d.src.nvme->managed == TriBool::Absent)
        d.src.nvme->managed = TriBool::Yes;
    if (d.src.type == StorageType::VhostUser && d.snapshot == SnapshotLocation::Default)
        d.snapshot = SnapshotLocation::No;
}

bool validWwn(std::string_view wwn) {
    if (wwn.starts_with("0x"))
        wwn.remove_prefix(2);
    return wwn.size() == 16 &&
           std::all_of(wwn.begin(), wwn.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

bool printable(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return std::isprint(static_cast<unsigned char>(c)); });
}

void validateSourceChain(const StorageSource& top) {
    for (const StorageSource* s = &top; s; s = s->backingStore.get()) {
        if (s->type == StorageType::Network && s->auth) {
            switch (s->protocol) {
            case NetProtocol::Nbd:
            case NetProtocol::Sheepdog:
            case NetProtocol::Gluster:
            case NetProtocol::Tftp:
            case NetProtocol::Vxhs:
            case NetProtocol::Nfs:
                fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
                     "authentication is not supported for protocol '{}'", toString(s->protocol));
            default:
                break;
            }
            const std::string& st = s->auth->secret.type;
            static constexpr std::string_view kUsages[] = {"none", "volume", "ceph", "iscsi", "tls", "vtpm"};
            if (std::find(std::begin(kUsages), std::end(kUsages), st) == std::end(kUsages))
                fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unknown secret type '{}'",
                     st.empty() ? "<null>" : st);
            if ((s->protocol == NetProtocol::Iscsi && st != "iscsi") || (s->protocol == NetProtocol::Rbd && st != "ceph"))
                fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "invalid secret type '{}'", st);
        }
        if (s->encryption && s->encryption->format == EncryptionFormat::Luks && s->encryption->cipher)
            unsupported("supplying <cipher> for domain disk definition is unnecessary");
        if (s->type != StorageType::Network && s->protocol != NetProtocol::Rbd) {
            if (!s->snapshot.empty())
                xmlError("<snapshot> element is currently supported only with 'rbd' disks");
            if (!s->configFile.empty())
                xmlError("<config> element is currently supported only with 'rbd' disks");
        }
    }
}

void validateLun(const Disk& d) {
    const auto& s = d.src;
    if (s.type == StorageType::Network) {
        if (s.protocol != NetProtocol::Iscsi)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
                 "disk device='lun' is not supported for protocol='{}'", toString(s.protocol));
    } else if (s.type != StorageType::Block && s.type != StorageType::Volume) {
        unsupported("disk device='lun' is only valid for block type disk source");
    }
    if (s.format != StorageFormat::Raw && s.format != StorageFormat::None)
        unsupported("disk device 'lun' must use 'raw' format");
    if (s.sliceStorage)
        unsupported("disk device 'lun' doesn't support storage slice");
    if (s.encryption && s.encryption->format != EncryptionFormat::Default)
        unsupported("disk device 'lun' doesn't support encryption");
}

void formatDriver(Writer& w, const Disk& d) {
    Writer::Element el(w, "driver", false);
    if (!d.driverName.empty())
        el.attr("name", d.driverName);
    if (isSet(d.src.format))
        el.attr("type", toString(d.src.format));
    if (isSet(d.cache))
        el.attr("cache", toString(d.cache));
    if (isSet(d.errorPolicy))
        el.attr("error_policy", toString(d.errorPolicy));
    if (isSet(d.rerrorPolicy))
        el.attr("rerror_policy", toString(d.rerrorPolicy));
    if (isSet(d.io))
        el.attr("io", toString(d.io));
    if (isSet(d.ioeventfd))
        el.attr("ioeventfd", toString(d.ioeventfd));
    if (isSet(d.eventIdx))
        el.attr("event_idx", toString(d.eventIdx));
    if (isSet(d.copyOnRead))
        el.attr("copy_on_read", toString(d.copyOnRead));
    if (isSet(d.discard))
        el.attr("discard", toString(d.discard));
    if (d.iothread)
        el.attr("iothread", std::to_string(d.iothread));
    if (isSet(d.detectZeroes))
        el.attr("detect_zeroes", toString(d.detectZeroes));
    if (isSet(d.discardNoUnref))
        el.attr("discard_no_unref", toString(d.discardNoUnref));
    if (d.queues)
        el.attr("queues", std::to_string(d.queues));
    if (d.queueSize)
        el.attr("queue_size", std::to_string(d.queueSize));
    if (isSet(d.iommu))
        el.attr("iommu", toString(d.iommu));
    if (isSet(d.ats))
        el.attr("ats", toString(d.ats));
    if (isSet(d.packed))
        el.attr("packed", toString(d.packed));
    if (isSet(d.pagePerVq))
        el.attr("page_per_vq", toString(d.pagePerVq));
    if (d.src.metadataCacheMaxSize) {
        el.beginChildren();
        formatMetadataCache(w, d.src.metadataCacheMaxSize);
    }
}

void formatMirror(Writer& w, const DiskMirror& m, FormatContext& ctx) {
    Writer::Element el(w, "mirror", true);
    el.attr("type", toString(m.source.type));
    if (m.source.type == StorageType::File && m.job == BlockJobType::Copy) {
        if (m.source.path)
            el.attr("file", *m.source.path);
        if (isSet(m.source.format))
            el.attr("format", toString(m.source.format));
    }
    el.attr("job", toString(m.job));
    if (isSet(m.ready))
        el.attr("ready", toString(m.ready));
    el.beginChildren();
    {
        Writer::Element f(w, "format", false);
        if (isSet(m.source.format))
            f.attr("type", toString(m.source.format));
        if (m.source.metadataCacheMaxSize) {
            f.beginChildren();
            formatMetadataCache(w, m.source.metadataCacheMaxSize);
        }
    }
    formatStorageSource(w, m.source, "source", StartupPolicy::Default, true, ctx, false, false);
    formatBackingStore(w, m.source, ctx);
}

}  // namespace

unsigned long long DiskIotune::get(std::string_view name) const {
    for (size_t i = 0; i < kCount; ++i)
        if (name == kNames[i])
            return values[i];
    return 0;
}

bool DiskIotune::hasAny() const {
    return std::any_of(std::begin(values), std::end(values), [](auto v) { return v != 0; });
}

std::optional<int> diskNameToIndex(std::string_view name) {
    static constexpr std::string_view kPrefixes[] = {"fd", "hd", "vd", "sd", "xvd", "ubd"};
    std::string_view rest;
    bool found = false;
    for (auto p : kPrefixes)
        if (name.starts_with(p)) {
            rest = name.substr(p.size());
            found = true;
            break;
        }
    if (!found)
        return std::nullopt;
    int idx = 0;
    size_t i = 0;
    for (; i < rest.size() && rest[i] >= 'a' && rest[i] <= 'z'; ++i)
        idx = (idx + (i < 1 ? 0 : 1)) * 26 + (rest[i] - 'a');
    for (; i < rest.size(); ++i)
        if (!std::isdigit(static_cast<unsigned char>(rest[i])))
            return std::nullopt;
    return idx;
}

void insertDisk(std::vector<Disk>& disks, Disk disk) {
    int newIdx = diskNameToIndex(disk.dst).value_or(-1);
    long insertAt = -1;
    for (long i = static_cast<long>(disks.size()) - 1; i >= 0; --i) {
        if (disks[i].bus != disk.bus)
            continue;
        if (diskNameToIndex(disks[i].dst).value_or(-1) > newIdx)
            insertAt = i;
        else if (insertAt == -1)
            insertAt = i + 1;
    }
    if (insertAt == -1)
        disks.push_back(std::move(disk));
    else
        disks.insert(disks.begin() + insertAt, std::move(disk));
}

void xmlParse(Disk& d, const Node& node, ParseContext& ctx) {
    d = Disk{};
    d.src.type = propEnum<StorageType>(node, "type", kPropNonZero).value_or(StorageType::File);
    if (auto source = node.child("source")) {
        parseStorageSource(d.src, source, ctx);
        if (!ctx.inactive) {
            if (auto index = source.attr("index")) {
                auto v = xml::cParseUInt(*index, 10, true);
                if (!v)
                    fail(ErrorCode::XmlError, ErrorDomain::Domain, "invalid disk index '{}'", *index);
                d.src.index = *v;
            }
        }
    } else {
        d.src.type = StorageType::File;  // libvirt resets the type when <source> is missing
    }
    d.src.readonly = static_cast<bool>(node.child("readonly"));
    d.src.shared = static_cast<bool>(node.child("shareable"));
    if (auto auth = node.child("auth")) {
        if (d.src.auth)
            unsupported("an <auth> definition already found for disk source");
        d.src.auth = parseStorageAuth(auth);
        d.authOnDisk = true;
    }
    if (auto enc = node.child("encryption")) {
        if (d.src.encryption)
            unsupported("an <encryption> definition already found for disk source");
        d.src.encryption = parseStorageEncryption(enc);
        d.encryptionOnDisk = true;
    }
    parseBackingStore(d.src, node, ctx);

    d.device = propEnum<DiskDevice>(node, "device").value_or(DiskDevice::Disk);
    d.model = propEnum<DiskModel>(node, "model").value_or(DiskModel::Default);
    d.snapshot = propEnum<SnapshotLocation>(node, "snapshot", kPropNonZero).value_or(SnapshotLocation::Default);
    d.rawio = propTriBool(node, "rawio");
    d.sgio = propEnum<DeviceSgio>(node, "sgio", kPropNonZero).value_or(DeviceSgio::Default);
    if (auto source = node.child("source"))
        d.startupPolicy = propEnum<StartupPolicy>(source, "startupPolicy", kPropNonZero).value_or(StartupPolicy::Default);
    if (auto target = node.child("target")) {
        d.dst = target.attr("dev").value_or("");
        d.bus = propEnum<DiskBus>(target, "bus", kPropNonZero).value_or(DiskBus::None);
        d.tray = propEnum<DiskTray>(target, "tray").value_or(DiskTray::Closed);
        d.removable = propTriSwitch(target, "removable");
        d.rotationRate = propInt<unsigned>(target, "rotation_rate").value_or(0);
    }
    if (auto g = node.child("geometry")) {
        d.cylinders = propInt<unsigned>(g, "cyls").value_or(0);
        d.heads = propInt<unsigned>(g, "heads").value_or(0);
        d.sectors = propInt<unsigned>(g, "secs").value_or(0);
        d.trans = propEnum<GeometryTrans>(g, "trans", kPropNonZero).value_or(GeometryTrans::Default);
    }
    if (auto b = node.child("blockio")) {
        d.logicalBlockSize = propInt<unsigned>(b, "logical_block_size").value_or(0);
        d.physicalBlockSize = propInt<unsigned>(b, "physical_block_size").value_or(0);
    }
    if (auto driver = node.child("driver"))
        parseDriver(d, driver);
    if (auto mirror = node.child("mirror"); mirror && !ctx.inactive)
        parseMirror(d, mirror, ctx);
    if (auto t = node.child("transient")) {
        d.transient = true;
        d.transientShareBacking = propTriBool(t, "shareBacking");
    }
    parseIotune(d, node);
    if (auto bd = node.child("backenddomain"))
        d.backendDomain = bd.attr("name").value_or("");
    d.serial = childText(node, "serial");
    d.wwn = childText(node, "wwn");
    d.vendor = childText(node, "vendor");
    d.product = childText(node, "product");
    parseDeviceInfo(d.info, node, ctx, kInfoAllowBoot);

    postParseLocal(d);
    validateDisk(d);
}

void xmlFormat(Writer& w, std::string_view name, const Disk& d, FormatContext& ctx) {
    Writer::Element el(w, name, true);
    el.attr("type", toString(d.src.type));
    el.attr("device", toString(d.device));
    if (isSet(d.model))
        el.attr("model", toString(d.model));
    if (isSet(d.rawio))
        el.attr("rawio", toString(d.rawio));
    if (isSet(d.sgio))
        el.attr("sgio", toString(d.sgio));
    if (isSet(d.snapshot) && !(d.snapshot == SnapshotLocation::No && d.src.readonly))
        el.attr("snapshot", toString(d.snapshot));
    el.beginChildren();
    formatDriver(w, d);
    if (d.src.auth && d.authOnDisk)
        formatStorageAuth(w, *d.src.auth);
    formatStorageSource(w, d.src, "source", d.startupPolicy, true, ctx, d.authOnDisk, d.encryptionOnDisk);
    formatBackingStore(w, d.src, ctx);
    if (!d.backendDomain.empty()) {
        Writer::Element bd(w, "backenddomain", true);
        bd.attr("name", d.backendDomain);
    }
    if (d.cylinders > 0 && d.heads > 0 && d.sectors > 0) {
        Writer::Element g(w, "geometry", true);
        g.attr("cyls", std::to_string(d.cylinders));
        g.attr("heads", std::to_string(d.heads));
        g.attr("secs", std::to_string(d.sectors));
        if (isSet(d.trans))
            g.attr("trans", toString(d.trans));
    }
    if (d.logicalBlockSize > 0 || d.physicalBlockSize > 0) {
        Writer::Element b(w, "blockio", true);
        if (d.logicalBlockSize > 0)
            b.attr("logical_block_size", std::to_string(d.logicalBlockSize));
        if (d.physicalBlockSize > 0)
            b.attr("physical_block_size", std::to_string(d.physicalBlockSize));
    }
    if (d.mirror && !ctx.inactive)
        formatMirror(w, *d.mirror, ctx);
    {
        Writer::Element t(w, "target", true);
        t.attr("dev", d.dst);
        t.attr("bus", toString(defaultBus(d)));
        if ((d.device == DiskDevice::Floppy || d.device == DiskDevice::Cdrom) && d.tray != DiskTray::Closed)
            t.attr("tray", toString(d.tray));
        if (isSet(d.removable))
            t.attr("removable", toString(d.removable));
        if (d.rotationRate)
            t.attr("rotation_rate", std::to_string(d.rotationRate));
    }
    {
        Writer::Element io(w, "iotune", false);
        auto value = [&](size_t i) {
            if (d.iotune.values[i]) {
                io.beginChildren();
                w.textElement(DiskIotune::kNames[i], std::to_string(d.iotune.values[i]));
            }
        };
        for (size_t i = 0; i < 13; ++i)  // up to size_iops_sec
            value(i);
        if (d.iotune.groupName) {
            io.beginChildren();
            w.textElement("group_name", *d.iotune.groupName);
        }
        for (size_t i = 13; i < DiskIotune::kCount; ++i)
            value(i);
    }
    if (d.src.readonly)
        Writer::Element(w, "readonly", true);
    if (d.src.shared)
        Writer::Element(w, "shareable", true);
    if (d.transient) {
        Writer::Element t(w, "transient", true);
        if (d.transientShareBacking == TriBool::Yes)
            t.attr("shareBacking", "yes");
    }
    if (d.serial)
        w.textElement("serial", *d.serial);
    if (d.wwn)
        w.textElement("wwn", *d.wwn);
    if (d.vendor)
        w.textElement("vendor", *d.vendor);
    if (d.product)
        w.textElement("product", *d.product);
    if (d.src.encryption && d.encryptionOnDisk)
        formatStorageEncryption(w, *d.src.encryption);
    formatDeviceInfo(el, w, d.info, ctx, kInfoAllowBoot);
}

void postParseDisk(Disk& d, const std::vector<Disk>& allDisks, unsigned scsiBusMaxUnit,
                   const std::vector<DriveAddress>& scsiHostdevAddresses) {
    postParseLocal(d);
    d.bus = defaultBus(d);
    if (!d.info.hasAddress() && !d.dst.empty()) {
        auto idx = diskNameToIndex(d.dst);
        if (!idx)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "Unknown disk name '{}' and no address specified", d.dst);
        int i = *idx;
        DriveAddress a;
        switch (d.bus) {
        case DiskBus::Scsi:
            if (scsiBusMaxUnit > kScsiNarrowBusMaxUnit) {
                a.controller = static_cast<unsigned>(i) / (scsiBusMaxUnit - 1);
                a.unit = static_cast<unsigned>(i) % (scsiBusMaxUnit - 1);
                if (a.unit >= 7)
                    ++a.unit;
            } else {
                a.controller = static_cast<unsigned>(i) / 7;
                a.unit = static_cast<unsigned>(i) % 7;
            }
            if (std::find(scsiHostdevAddresses.begin(), scsiHostdevAddresses.end(), a) != scsiHostdevAddresses.end())
                fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
                     "using disk target name '{}' conflicts with SCSI host device address controller='{}' "
                     "bus='{}' target='{}' unit='{}",
                     d.dst, a.controller, 0, 0, a.unit);
            d.info.address = a;
            break;
        case DiskBus::Ide:
            d.info.address = DriveAddress{static_cast<unsigned>(i / 4), static_cast<unsigned>((i % 4) / 2), 0,
                                          static_cast<unsigned>(i % 2)};
            break;
        case DiskBus::Sata:
            d.info.address = DriveAddress{static_cast<unsigned>(i / 6), 0, 0, static_cast<unsigned>(i % 6)};
            break;
        case DiskBus::Fdc:
            d.info.address = DriveAddress{static_cast<unsigned>(i / 2), 0, 0, static_cast<unsigned>(i % 2)};
            break;
        default:
            break;
        }
    }
    // A disk naming only its throttle group takes the group's limits.
    if (d.iotune.groupName && !d.iotune.hasAny()) {
        for (const auto& other : allDisks) {
            if (other.iotune.groupName != d.iotune.groupName || !other.iotune.hasAny())
                continue;
            d.iotune = other.iotune;
            break;
        }
    }
}

void validateDisk(const Disk& d) {
    if (d.dst.empty()) {
        if (!d.src.pool.empty())
            fail(ErrorCode::NoTarget, ErrorDomain::Domain, "pool = '{}', volume = '{}'", d.src.pool, d.src.volume);
        auto p = d.src.displayPath();
        if (p)
            throw Error(ErrorCode::NoTarget, ErrorDomain::Domain, *p);
        throw Error(ErrorCode::NoTarget, ErrorDomain::Domain);
    }
    validateSourceChain(d.src);
    if (d.sgio == DeviceSgio::Unfiltered)
        unsupported("unfiltered sgio is no longer supported");
    if (d.device == DiskDevice::Lun) {
        validateLun(d);
    } else {
        if (d.src.reservations)
            unsupported("<reservations/> allowed only for lun devices");
        if (isSet(d.rawio))
            unsupported("rawio can be used only with device='lun'");
        if (isSet(d.sgio))
            unsupported("sgio can be used only with device='lun'");
    }
    auto both = [&](const char* total, const char* read, const char* write, const char* what) {
        if (d.iotune.get(total) && (d.iotune.get(read) || d.iotune.get(write)))
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "total and read/write {} cannot be set at the same time",
                 what);
    };
    both("total_bytes_sec", "read_bytes_sec", "write_bytes_sec", "bytes_sec");
    both("total_iops_sec", "read_iops_sec", "write_iops_sec", "iops_sec");
    both("total_bytes_sec_max", "read_bytes_sec_max", "write_bytes_sec_max", "bytes_sec_max");
    both("total_iops_sec_max", "read_iops_sec_max", "write_iops_sec_max", "iops_sec_max");
    DiskBus bus = defaultBus(d);
    bool driveBus = bus == DiskBus::Ide || bus == DiskBus::Fdc || bus == DiskBus::Scsi || bus == DiskBus::Sata;
    if (driveBus && d.info.hasAddress() && !std::holds_alternative<DriveAddress>(d.info.address))
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
             "Invalid address type '{}' for the disk '{}' with the bus type '{}'", addressTypeName(d.info.address),
             d.dst, toString(bus));
    if (bus != DiskBus::Virtio) {
        if (d.model == DiskModel::Virtio || d.model == DiskModel::VirtioTransitional ||
            d.model == DiskModel::VirtioNonTransitional)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "disk model '{}' not supported for bus '{}'",
                 toString(d.model), toString(bus));
        if (d.queues)
            unsupported("queues attribute in disk driver element is only supported for virtio bus");
        if (d.queueSize)
            unsupported("queue_size attribute in disk driver is only supported for virtio bus");
        if (isSet(d.eventIdx))
            unsupported("disk event_idx mode supported only for virtio bus");
        if (isSet(d.ioeventfd))
            unsupported("disk ioeventfd mode supported only for virtio bus");
        if (isSet(d.iommu))
            unsupported("iommu driver option is only supported for virtio devices");
        if (isSet(d.ats))
            unsupported("ats driver option is only supported for virtio devices");
        if (isSet(d.packed))
            unsupported("packed driver option is only supported for virtio devices");
        if (isSet(d.pagePerVq))
            unsupported("page_per_vq option is only supported for virtio devices");
    }
    if (d.src.type == StorageType::Nvme && d.src.nvme && d.src.nvme->namespaceId == 0)
        unsupported("NVMe namespace can't be zero");
    if (d.src.type == StorageType::VhostUser) {
        if (bus != DiskBus::Virtio)
            unsupported("vhostuser disk supports only virtio bus");
        if (d.snapshot != SnapshotLocation::No && d.snapshot != SnapshotLocation::Default)
            unsupported("only snapshot=no is supported with vhostuser disk");
    }
    if (d.tray != DiskTray::Closed && d.device != DiskDevice::Floppy && d.device != DiskDevice::Cdrom)
        unsupported("tray is only valid for cdrom and floppy");
    if (d.vendor) {
        if (!printable(*d.vendor))
            xmlError("disk vendor is not printable string");
        if (d.vendor->size() > 8)
            unsupported("disk vendor is more than 8 characters");
    }
    if (d.product) {
        if (!printable(*d.product))
            xmlError("disk product is not printable string");
        if (d.product->size() > 16)
            unsupported("disk product is more than 16 characters");
    }
    if (d.device == DiskDevice::Floppy && bus != DiskBus::Fdc)
        fail(ErrorCode::InternalError, ErrorDomain::Domain, "Invalid bus type '{}' for floppy disk", toString(bus));
    if (d.device != DiskDevice::Floppy && bus == DiskBus::Fdc)
        fail(ErrorCode::InternalError, ErrorDomain::Domain, "Invalid bus type '{}' for disk", toString(bus));
    if (isSet(d.removable) && bus != DiskBus::Usb && !(bus == DiskBus::Scsi && d.device == DiskDevice::Disk))
        xmlError("removable is only valid for usb or scsi disks");
    if (isSet(d.startupPolicy)) {
        bool local = d.src.type == StorageType::File || d.src.type == StorageType::Block ||
                     d.src.type == StorageType::Dir;
        if (d.src.type != StorageType::Volume && !local)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "disk startupPolicy '{}' is not allowed for disk of '{}' type",
                 toString(d.startupPolicy), toString(d.src.type));
        if (d.device != DiskDevice::Cdrom && d.device != DiskDevice::Floppy &&
            d.startupPolicy == StartupPolicy::Requisite)
            xmlError("disk startupPolicy 'requisite' is allowed only for cdrom or floppy");
    }
    if (d.wwn && !validWwn(*d.wwn))
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "Malformed wwn: {}", *d.wwn);
    if (d.device == DiskDevice::Disk || d.device == DiskDevice::Lun) {
        std::string_view dst = d.dst;
        if (!dst.starts_with("hd") && !dst.starts_with("sd") && !dst.starts_with("vd") && !dst.starts_with("xvd") &&
            !dst.starts_with("ubd"))
            fail(ErrorCode::InternalError, ErrorDomain::Domain, "Invalid harddisk device name: {}", d.dst);
    }
    if (d.device == DiskDevice::Floppy && !std::string_view(d.dst).starts_with("fd"))
        fail(ErrorCode::InternalError, ErrorDomain::Domain, "Invalid floppy device name: {}", d.dst);
    if (d.src.empty() && d.device == DiskDevice::Disk)
        throw Error(ErrorCode::NoSource, ErrorDomain::Domain, d.dst);
    if (d.discardNoUnref == TriSwitch::On) {
        if (d.src.format != StorageFormat::Qcow2)
            unsupported("'discard_no_unref' only works with qcow2 disk format");
        if (d.src.readonly)
            unsupported("'discard_no_unref' is not compatible with read-only disk");
    }
}

void validateDiskSet(const std::vector<Disk>& disks) {
    for (size_t i = 0; i < disks.size(); ++i)
        for (size_t j = i + 1; j < disks.size(); ++j)
            if (disks[i].dst == disks[j].dst)
                fail(ErrorCode::XmlError, ErrorDomain::Domain, "target '{}' duplicated for disk sources '{}' and '{}'",
                     disks[i].dst, disks[i].src.displayPath().value_or("<null>"),
                     disks[j].src.displayPath().value_or("<null>"));
    for (size_t i = 0; i < disks.size(); ++i) {
        const auto* a = std::get_if<DriveAddress>(&disks[i].info.address);
        if (!a)
            continue;
        for (size_t j = i + 1; j < disks.size(); ++j) {
            if (defaultBus(disks[i]) != defaultBus(disks[j]))
                continue;
            const auto* b = std::get_if<DriveAddress>(&disks[j].info.address);
            if (b && *a == *b)
                fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
                     "Found duplicate drive address for disk with target name '{}' controller='{}' bus='{}' "
                     "target='{}' unit='{}'",
                     disks[i].dst, a->controller, a->bus, a->target, a->unit);
        }
    }
}

}  // namespace cvirt::conf::domain
