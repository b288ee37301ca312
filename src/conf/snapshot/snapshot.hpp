#pragma once
// A domain snapshot definition (libvirt's <domainsnapshot> XML): its name,
// description, state, parent, creation time, memory and disk snapshot
// locations, and the domain definition it captured. Parsing and formatting
// follow libvirt's snapshot_conf.c; the embedded <domain> goes through the
// generic domain parser with the caller's driver hooks.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "conf/domain/domain.hpp"
#include "conf/xml/enum.hpp"

namespace cvirt::conf::snapshot {

// virDomainSnapshotState: virDomainState plus "disk-snapshot".
enum class SnapshotState { NoState, Running, Blocked, Paused, Shutdown, Shutoff, Crashed, PmSuspended, DiskSnapshot };
CVIRT_ENUM_STRINGS(SnapshotState, "nostate", "running", "blocked", "paused", "shutdown", "shutoff", "crashed",
                   "pmsuspended", "disk-snapshot");

// virDomainSnapshotLocation; Default means "not given".
enum class SnapshotLocation { Default, No, Internal, External, Manual };
CVIRT_ENUM_STRINGS_UNSET(SnapshotLocation, "default", "no", "internal", "external", "manual");

struct SnapshotDisk {
    std::string name;  // the disk's target (or source path, resolved to the target)
    SnapshotLocation snapshot = SnapshotLocation::Default;
    std::string sourceType = "file";      // <disk type='...'> of the new image
    std::optional<std::string> path;      // <source file|dev='...'>
    std::optional<std::string> driverType;  // <driver type='qcow2'/>
};

struct DomainSnapshot {
    std::string name;
    std::optional<std::string> description;
    SnapshotState state = SnapshotState::NoState;  // NoState: not written
    std::optional<std::string> parent;
    long long creationTime = 0;  // seconds since the epoch; 0: not written
    SnapshotLocation memory = SnapshotLocation::Default;
    std::optional<std::string> memoryFile;
    std::vector<SnapshotDisk> disks;
    std::optional<domain::Domain> domain;          // the definition at snapshot time
    std::optional<domain::Domain> inactiveDomain;  // the persistent one, when it differed
};

struct SnapshotParseOptions {
    bool redefine = false;        // VIR_DOMAIN_SNAPSHOT_PARSE_REDEFINE
    bool parseDisks = true;       // VIR_DOMAIN_SNAPSHOT_PARSE_DISKS
    bool internal = false;        // VIR_DOMAIN_SNAPSHOT_PARSE_INTERNAL: read <active>
    bool offline = false;         // VIR_DOMAIN_SNAPSHOT_PARSE_OFFLINE
    bool validateSchema = false;  // VIR_DOMAIN_SNAPSHOT_PARSE_VALIDATE
    std::string schemaPath = "/usr/share/libvirt/schemas/domainsnapshot.rng";
    // For the embedded <domain> elements (the driver's hooks).
    domain::DomainXmlHooks* domainHooks = nullptr;
    // Seconds since the epoch for new snapshots; the clock when unset.
    std::optional<long long> now;
};

struct ParsedSnapshot {
    DomainSnapshot def;
    // From <active> when `internal` was asked for.
    bool current = false;
};

struct SnapshotFormatOptions {
    bool secure = false;    // VIR_DOMAIN_SNAPSHOT_XML_SECURE
    bool internal = false;  // write <active> (the driver's own metadata)
    bool current = false;   // the <active> value
    // Written as <domain><uuid>..</uuid></domain> when there is no domain.
    std::optional<Uuid> domainUuid;
};

// Parses a <domainsnapshot> document. Errors use libvirt's codes and the
// VIR_FROM_DOMAIN_SNAPSHOT domain.
ParsedSnapshot parseSnapshotXml(std::string_view xml, const SnapshotParseOptions& options);
ParsedSnapshot parseSnapshotNode(const cvirt::xml::Node& root, const SnapshotParseOptions& options);

std::string formatSnapshotXml(const DomainSnapshot& snapshot, const SnapshotFormatOptions& options);

// virDomainSnapshotDefIsExternal: external memory or any external disk.
bool isExternal(const DomainSnapshot& snapshot);

}  // namespace cvirt::conf::snapshot
