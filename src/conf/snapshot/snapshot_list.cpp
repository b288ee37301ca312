#include "conf/snapshot/snapshot_list.hpp"

#include <algorithm>

#include "util/error.hpp"

namespace cvirt::conf::snapshot {
namespace {

// virDomainSnapshotListFlags (libvirt's values).
constexpr unsigned kRootsOrDescendants = 1, kMetadata = 2, kLeaves = 4, kNoLeaves = 8, kNoMetadata = 16,
                   kInactive = 32, kActive = 64, kDiskOnly = 128, kInternal = 256, kExternal = 512;
constexpr unsigned kFiltersStatus = kInactive | kActive | kDiskOnly;
constexpr unsigned kFiltersLocation = kInternal | kExternal;

// virDomainSnapshotFilter: state and location filters.
bool passesFilter(const DomainSnapshot& def, unsigned flags) {
    if (flags & kFiltersStatus) {
        if (!(flags & kInactive) && def.state == SnapshotState::Shutoff)
            return false;
        if (!(flags & kDiskOnly) && def.state == SnapshotState::DiskSnapshot)
            return false;
        if (!(flags & kActive) && def.state != SnapshotState::Shutoff && def.state != SnapshotState::DiskSnapshot)
            return false;
    }
    if ((flags & kInternal) && isExternal(def))
        return false;
    if ((flags & kExternal) && !isExternal(def))
        return false;
    return true;
}

void collectDescendants(SnapshotList::Node* node, std::vector<SnapshotList::Node*>& out) {
    for (auto* c : node->children) {
        out.push_back(c);
        collectDescendants(c, out);
    }
}

}  // namespace

SnapshotList::SnapshotList() = default;

SnapshotList::Node* SnapshotList::find(const std::string& name) {
    auto it = nodes_.find(name);
    return it == nodes_.end() ? nullptr : it->second.get();
}

const SnapshotList::Node* SnapshotList::find(const std::string& name) const {
    auto it = nodes_.find(name);
    return it == nodes_.end() ? nullptr : it->second.get();
}

SnapshotList::Node* SnapshotList::add(DomainSnapshot def) {
    if (nodes_.count(def.name))
        fail(ErrorCode::OperationFailed, ErrorDomain::Domain, "domain moment {} already exists", def.name);
    auto node = std::make_unique<Node>();
    node->def = std::move(def);
    Node* raw = node.get();
    nodes_.emplace(raw->def.name, std::move(node));
    return raw;
}

void SnapshotList::dropParent(Node* node) {
    if (!node->parent)
        return;
    auto& siblings = node->parent->children;
    siblings.erase(std::remove(siblings.begin(), siblings.end(), node), siblings.end());
    node->parent = nullptr;
}

void SnapshotList::linkParent(Node* node) {
    dropParent(node);
    Node* parent = &metaroot_;
    if (node->def.parent)
        if (Node* p = find(*node->def.parent))
            parent = p;
    node->parent = parent;
    parent->children.insert(parent->children.begin(), node);
}

bool SnapshotList::updateRelations() {
    metaroot_.children.clear();
    for (auto& [name, node] : nodes_) {
        node->parent = nullptr;
        node->children.clear();
    }
    bool consistent = true;
    for (auto& [name, node] : nodes_) {
        if (node->def.parent && !find(*node->def.parent))
            consistent = false;
        linkParent(node.get());
    }
    return consistent;
}

void SnapshotList::checkCycles(const DomainSnapshot& def, const std::string& /*domainName*/) const {
    if (!def.parent)
        return;
    if (*def.parent == def.name)
        fail(ErrorCode::InvalidArg, ErrorDomain::Domain, "cannot set moment {} as its own parent", def.name);
    const Node* other = find(*def.parent);
    if (!other)
        fail(ErrorCode::InvalidArg, ErrorDomain::Domain, "parent {} for moment {} not found", *def.parent, def.name);
    while (other->def.parent) {
        if (*other->def.parent == def.name)
            fail(ErrorCode::InvalidArg, ErrorDomain::Domain, "parent {} would create cycle to {}", other->def.name,
                 def.name);
        other = find(*other->def.parent);
        if (!other)
            break;  // libvirt only warns about an inconsistent tree here
    }
}

bool SnapshotList::remove(Node* node) {
    bool wasCurrent = current_ == node;
    if (wasCurrent)
        current_ = nullptr;
    dropParent(node);
    for (auto* c : node->children)
        c->parent = nullptr;
    nodes_.erase(node->def.name);
    return wasCurrent;
}

void SnapshotList::moveChildren(Node* from, Node* to) {
    Node* target = to ? to : &metaroot_;
    for (auto* c : from->children)
        c->parent = target;
    target->children.insert(target->children.begin(), from->children.begin(), from->children.end());
    from->children.clear();
}

std::vector<SnapshotList::Node*> SnapshotList::descendants(Node* node) {
    std::vector<Node*> out;
    collectDescendants(node, out);
    return out;
}

void SnapshotList::clear() {
    current_ = nullptr;
    metaroot_.children.clear();
    nodes_.clear();
}

std::vector<const SnapshotList::Node*> SnapshotList::list(const Node* from, unsigned flags) const {
    std::vector<const Node*> out;
    // Every snapshot here has metadata: NO_METADATA alone selects nothing.
    if ((flags & (kMetadata | kNoMetadata)) == kNoMetadata)
        return out;
    unsigned filterFlags = flags;
    if ((filterFlags & kFiltersStatus) == kFiltersStatus)
        filterFlags &= ~kFiltersStatus;
    if ((filterFlags & kFiltersLocation) == kFiltersLocation)
        filterFlags &= ~kFiltersLocation;

    bool descendants = flags & kRootsOrDescendants;
    if (!from) {
        // ROOTS and DESCENDANTS share a bit with opposite meanings.
        descendants = !descendants;
        from = &metaroot_;
    }
    std::vector<Node*> candidates;
    if (descendants)
        collectDescendants(const_cast<Node*>(from), candidates);
    else
        candidates = from->children;

    for (const Node* n : candidates) {
        if ((flags & kLeaves) && !n->children.empty())
            continue;
        if ((flags & kNoLeaves) && n->children.empty())
            continue;
        if (passesFilter(n->def, filterFlags))
            out.push_back(n);
    }
    return out;
}

}  // namespace cvirt::conf::snapshot
