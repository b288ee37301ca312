#pragma once
// The snapshots of one domain as a tree (libvirt's virDomainSnapshotObjList
// over virDomainMomentObjList): lookup by name, parent/children links, the
// current snapshot, and listing with libvirt's filter flags and order.
//
// Order matters to clients comparing with libvirt: a new child goes in
// front of its siblings, and descendants are visited depth first, parents
// before children.

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "conf/snapshot/snapshot.hpp"

namespace cvirt::conf::snapshot {

class SnapshotList {
public:
    struct Node {
        DomainSnapshot def;
        Node* parent = nullptr;           // the metaroot for roots
        std::vector<Node*> children;      // newest first
    };

    SnapshotList();
    SnapshotList(const SnapshotList&) = delete;
    SnapshotList& operator=(const SnapshotList&) = delete;

    Node* find(const std::string& name);
    const Node* find(const std::string& name) const;
    // Adds a snapshot without linking it to its parent (see linkParent).
    // Throws OPERATION_FAILED when the name is taken.
    Node* add(DomainSnapshot def);
    // Links `node` under the snapshot named by its def's parent, or makes
    // it a root when there is none.
    void linkParent(Node* node);
    // Rebuilds every parent link from the defs' parent names; false when
    // some parent is missing (those snapshots become roots).
    bool updateRelations();
    // virDomainMomentCheckCycles: the parent named by `def` must exist and
    // must not be `def` itself or one of its descendants (INVALID_ARG).
    void checkCycles(const DomainSnapshot& def, const std::string& domainName) const;

    // Removes one snapshot (its children keep their nodes); returns whether
    // it was the current one.
    bool remove(Node* node);
    // Detaches `node` from its parent.
    void dropParent(Node* node);
    // Moves all children of `from` in front of those of `to` (or of the
    // roots when `to` is null).
    void moveChildren(Node* from, Node* to);
    // Every descendant of `node`, parents before children.
    std::vector<Node*> descendants(Node* node);
    bool isRoot(const Node* node) const { return node->parent == &metaroot_; }
    Node* parentOf(Node* node) { return node->parent == &metaroot_ ? nullptr : node->parent; }

    Node* current() { return current_; }
    const Node* current() const { return current_; }
    void setCurrent(Node* node) { current_ = node; }

    size_t size() const { return nodes_.size(); }
    void clear();

    // virDomainSnapshotObjListGetNames: `from` null lists the whole tree
    // (or only its roots with VIR_DOMAIN_SNAPSHOT_LIST_ROOTS), otherwise the
    // children of `from` (all descendants with ..._LIST_DESCENDANTS).
    std::vector<const Node*> list(const Node* from, unsigned flags) const;
    int count(const Node* from, unsigned flags) const { return static_cast<int>(list(from, flags).size()); }

private:
    Node metaroot_;
    std::map<std::string, std::unique_ptr<Node>> nodes_;
    Node* current_ = nullptr;
};

}  // namespace cvirt::conf::snapshot
