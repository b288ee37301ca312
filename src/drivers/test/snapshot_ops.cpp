#include "drivers/test/snapshot_ops.hpp"

#include <sys/stat.h>

#include <map>

#include "drivers/test/domain_access.hpp"
#include "util/error.hpp"

namespace cvirt::drivers::test {
namespace {

using conf::snapshot::DomainSnapshot;
using conf::snapshot::SnapshotDisk;
using conf::snapshot::SnapshotLocation;
using conf::snapshot::SnapshotState;
constexpr ErrorDomain kSnap = ErrorDomain::DomainSnapshot;

// virDomainDiskByName: a disk named by its target or its source path.
const dom::DiskFacts* diskByName(const std::vector<dom::DiskFacts>& disks, const std::string& name) {
    for (const auto& d : disks)
        if (d.target == name)
            return &d;
    for (const auto& d : disks)
        if (d.sourcePath && *d.sourcePath == name)
            return &d;
    return nullptr;
}

// virDomainSnapshotDefAssignExternalNames
void assignExternalNames(DomainSnapshot& def, const std::vector<dom::DiskFacts>& disks) {
    for (size_t i = 0; i < def.disks.size(); ++i) {
        SnapshotDisk& disk = def.disks[i];
        if (disk.snapshot != SnapshotLocation::External || disk.path)
            continue;
        if (disk.sourceType != "file")
            fail(ErrorCode::ConfigUnsupported, kSnap,
                 "cannot generate external snapshot name for disk '{}' on a '{}' device", disk.name,
                 disk.sourceType);
        const auto& source = disks[i].sourcePath;
        if (!source)
            fail(ErrorCode::ConfigUnsupported, kSnap, "cannot generate external snapshot name for disk '{}' without source",
                 disk.name);
        struct stat sb {};
        if (stat(source->c_str(), &sb) < 0 || !S_ISREG(sb.st_mode))
            fail(ErrorCode::ConfigUnsupported, kSnap,
                 "source for disk '{}' is not a regular file; refusing to generate external snapshot name", disk.name);
        std::string base = *source;
        auto dot = base.rfind('.');
        if (dot != std::string::npos && base.find('/', dot) == std::string::npos)
            base.resize(dot);
        disk.path = base + "." + def.name;
        for (size_t j = 0; j < i; ++j)
            if (def.disks[j].path == disk.path)
                fail(ErrorCode::ConfigUnsupported, kSnap,
                     "cannot generate external snapshot name for disk '{}': collision with disk '{}'", disk.name,
                     def.disks[j].name);
    }
}

bool online(SnapshotState s) { return s == SnapshotState::Running || s == SnapshotState::Paused; }

}  // namespace

void alignSnapshotDisks(DomainSnapshot& def, const conf::domain::Domain* existingDomain,
                        SnapshotLocation defaultLocation, bool uniformInternal) {
    const conf::domain::Domain* domain = def.domain ? &*def.domain : existingDomain;
    if (!domain)
        throw Error(ErrorCode::InternalError, kSnap, "missing domain in snapshot");
    auto disks = dom::disks(*domain);
    if (def.disks.size() > disks.size())
        throw Error(ErrorCode::ConfigUnsupported, kSnap, "too many disk snapshot requests for domain");
    bool requireMatch = uniformInternal && defaultLocation == SnapshotLocation::Internal;
    if (disks.empty())
        return;

    std::map<std::string, SnapshotDisk> requested;
    for (auto& snapDisk : def.disks) {
        const dom::DiskFacts* domDisk = diskByName(disks, snapDisk.name);
        if (!domDisk)
            fail(ErrorCode::ConfigUnsupported, kSnap, "no disk named '{}'", snapDisk.name);
        if (requested.count(domDisk->target))
            fail(ErrorCode::ConfigUnsupported, kSnap, "disk '{}' specified twice", snapDisk.name);
        auto domLocation = static_cast<SnapshotLocation>(domDisk->snapshotLocation);
        if (snapDisk.snapshot == SnapshotLocation::Default) {
            if (domLocation != SnapshotLocation::Default && (!requireMatch || domLocation == SnapshotLocation::No))
                snapDisk.snapshot = domLocation;
            else
                snapDisk.snapshot = defaultLocation;
        } else if (requireMatch && snapDisk.snapshot != defaultLocation &&
                   !(snapDisk.snapshot == SnapshotLocation::No && domLocation == SnapshotLocation::No)) {
            fail(ErrorCode::ConfigUnsupported, kSnap, "disk '{}' must use snapshot mode '{}'", snapDisk.name,
                 conf::toString(defaultLocation));
        }
        if (snapDisk.path && snapDisk.snapshot != SnapshotLocation::External)
            fail(ErrorCode::ConfigUnsupported, kSnap, "file '{}' for disk '{}' requires use of external snapshot mode",
                 *snapDisk.path, snapDisk.name);
        snapDisk.name = domDisk->target;
        requested.emplace(domDisk->target, snapDisk);
    }

    std::vector<SnapshotDisk> aligned;
    for (const auto& domDisk : disks) {
        if (auto it = requested.find(domDisk.target); it != requested.end()) {
            aligned.push_back(it->second);
            continue;
        }
        SnapshotDisk d;
        d.name = domDisk.target;
        // Empty drives are not snapshotted.
        d.snapshot = domDisk.empty ? SnapshotLocation::No : static_cast<SnapshotLocation>(domDisk.snapshotLocation);
        if (d.snapshot == SnapshotLocation::Default)
            d.snapshot = defaultLocation;
        aligned.push_back(std::move(d));
    }
    def.disks = std::move(aligned);
    assignExternalNames(def, disks);
}

void checkAbiStability(const conf::domain::Domain& src, const conf::domain::Domain& dst) {
    auto mismatch = [](std::string_view what, const auto& target, const auto& source) {
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "Target domain {} {} does not match source {}", what,
             target, source);
    };
    if (src.type != dst.type)
        mismatch("virt type", conf::toString(dst.type), conf::toString(src.type));
    if (src.uuid != dst.uuid)
        mismatch("uuid", dst.uuid.format(), src.uuid.format());
    if (dom::memoryTotal(src) != dom::memoryTotal(dst))
        mismatch("max memory", dom::memoryTotal(dst), dom::memoryTotal(src));
    if (dom::vcpusMax(src) != dom::vcpusMax(dst))
        mismatch("vCPU max", dom::vcpusMax(dst), dom::vcpusMax(src));
    const auto& a = src.devices;
    const auto& b = dst.devices;
    if (a.disks.size() != b.disks.size())
        mismatch("disk count", b.disks.size(), a.disks.size());
    if (a.controllers.size() != b.controllers.size())
        mismatch("controller count", b.controllers.size(), a.controllers.size());
    if (a.filesystems.size() != b.filesystems.size())
        mismatch("filesystem count", b.filesystems.size(), a.filesystems.size());
    if (a.interfaces.size() != b.interfaces.size())
        mismatch("net card count", b.interfaces.size(), a.interfaces.size());
    if (a.inputs.size() != b.inputs.size())
        mismatch("input device count", b.inputs.size(), a.inputs.size());
    if (a.sounds.size() != b.sounds.size())
        mismatch("sound card count", b.sounds.size(), a.sounds.size());
    if (a.videos.size() != b.videos.size())
        mismatch("video card count", b.videos.size(), a.videos.size());
    if (a.hostdevs.size() != b.hostdevs.size())
        mismatch("host device count", b.hostdevs.size(), a.hostdevs.size());
    if (a.serials.size() != b.serials.size())
        mismatch("serial port count", b.serials.size(), a.serials.size());
    if (a.consoles.size() != b.consoles.size())
        mismatch("console count", b.consoles.size(), a.consoles.size());
}

conf::snapshot::SnapshotList::Node* prepareRedefine(DomainObject& obj, DomainSnapshot& def) {
    obj.snapshots.checkCycles(def, obj.def->name);
    auto* other = obj.snapshots.find(def.name);
    if (def.domain && def.domain->uuid != obj.def->uuid)
        fail(ErrorCode::InvalidArg, kSnap, "definition for snapshot {} must use uuid {}", def.name,
             obj.def->uuid.format());
    const conf::domain::Domain* otherDomain = nullptr;
    if (other) {
        const DomainSnapshot& old = other->def;
        if (online(old.state) != online(def.state))
            fail(ErrorCode::InvalidArg, kSnap, "cannot change between online and offline snapshot state in snapshot {}",
                 def.name);
        if ((old.state == SnapshotState::DiskSnapshot) != (def.state == SnapshotState::DiskSnapshot))
            fail(ErrorCode::InvalidArg, kSnap, "cannot change between disk only and full system in snapshot {}",
                 def.name);
        if (old.domain && def.domain)
            checkAbiStability(*old.domain, *def.domain);
        else if (old.domain)
            def.domain = old.domain;  // the redefinition keeps the known domain
        if (old.domain)
            otherDomain = &*old.domain;
    }
    auto location = def.state == SnapshotState::DiskSnapshot || conf::snapshot::isExternal(def)
                        ? SnapshotLocation::External
                        : SnapshotLocation::Internal;
    alignSnapshotDisks(def, otherDomain, location, true);
    return other;
}

}  // namespace cvirt::drivers::test
