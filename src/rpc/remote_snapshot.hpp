#pragma once
// REMOTE procedure payloads: domain snapshots.

#include "rpc/remote_domain.hpp"

namespace cvirt::rpc::remote {

struct DomainSnapshotCreateXmlArgs {
    DomainRef dom;
    std::string xml_desc;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(DomainSnapshotCreateXmlArgs, dom, xml_desc, flags);
};

struct SnapshotFlagsArgs {
    SnapshotRef snap;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(SnapshotFlagsArgs, snap, flags);
};

struct SnapshotRet {
    SnapshotRef snap;
    CVIRT_XDR_STRUCT(SnapshotRet, snap);
};

struct DomainSnapshotLookupByNameArgs {
    DomainRef dom;
    std::string name;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(DomainSnapshotLookupByNameArgs, dom, name, flags);
};

struct DomainSnapshotListNamesArgs {
    DomainRef dom;
    int32_t maxnames = 0;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(DomainSnapshotListNamesArgs, dom, maxnames, flags);
};

struct DomainSnapshotListChildrenNamesArgs {
    SnapshotRef snap;
    int32_t maxnames = 0;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(DomainSnapshotListChildrenNamesArgs, snap, maxnames, flags);
};

using DomainSnapshotListNamesRet = NamesRet<kDomainSnapshotListMax>;

struct DomainListAllSnapshotsArgs {
    DomainRef dom;
    int32_t need_results = 1;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(DomainListAllSnapshotsArgs, dom, need_results, flags);
};

struct DomainSnapshotListAllChildrenArgs {
    SnapshotRef snapshot;
    int32_t need_results = 1;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(DomainSnapshotListAllChildrenArgs, snapshot, need_results, flags);
};

// The reply of both LIST_ALL_SNAPSHOTS and SNAPSHOT_LIST_ALL_CHILDREN.
struct SnapshotListRet {
    Array<SnapshotRef, kDomainSnapshotListMax> snapshots;
    int32_t ret = 0;
    CVIRT_XDR_STRUCT(SnapshotListRet, snapshots, ret);
};

struct DomainSnapshotIsCurrentRet {
    int32_t current = 0;
    CVIRT_XDR_STRUCT(DomainSnapshotIsCurrentRet, current);
};

struct DomainSnapshotHasMetadataRet {
    int32_t metadata = 0;
    CVIRT_XDR_STRUCT(DomainSnapshotHasMetadataRet, metadata);
};

}  // namespace cvirt::rpc::remote
