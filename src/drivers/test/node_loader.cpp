#include "drivers/test/node_loader.hpp"

#include <optional>

#include "conf/snapshot/xml_subtree.hpp"
#include "drivers/test/domain_ops.hpp"
#include "drivers/test/test_namespace.hpp"
#include "util/error.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"
#include "util/xml.hpp"

namespace cvirt::drivers::test {
namespace {

using cvirt::xml::Document;

constexpr uint64_t kPoolCapacity = 100ull * 1024 * 1024 * 1024;
using cvirt::xml::Node;

// An element written inline or as <x file='...'/>: the document holding it.
struct Element {
    std::optional<Document> doc;  // set when read from its own file
    Node node;
};

std::string readNodeDocument(const std::string& path) {
    try {
        return readFile(path);
    } catch (const Error&) {
        fail(ErrorCode::XmlError, ErrorDomain::Test, "failed to parse xml document '{}'", path);
    }
}

// testBuildFilename: relative names are relative to the node file.
std::string resolveRelative(const std::string& nodeFile, const std::string& name) {
    if (!name.empty() && name.front() == '/')
        return name;
    auto slash = nodeFile.rfind('/');
    std::string path = slash == std::string::npos ? std::string(".") : nodeFile.substr(0, slash);
    path.push_back('/');
    path.append(name);
    return path;
}

// testParseXMLDocFromFile
Element resolve(const Node& node, const std::string& nodeFile) {
    Element e;
    if (auto file = node.attr("file")) {
        std::string path = resolveRelative(nodeFile, *file);
        e.doc = Document::parse(readNodeDocument(path), path, ErrorDomain::Test);
        e.node = e.doc->root();
    } else {
        e.node = node;
    }
    return e;
}

// virXPathLong on /node/cpu/<name>[1]: absent or empty leaves `out` alone.
template <typename T>
void readLong(const Node& parent, std::string_view name, T& out, std::string_view what) {
    Node c = parent.child(name);
    if (!c)
        return;
    std::string text = c.text();
    if (text.empty())
        return;
    auto value = parseInt<long>(text);
    if (!value)
        fail(ErrorCode::XmlError, ErrorDomain::Test, "invalid node {} value", what);
    out = static_cast<T>(*value);
}

void parseNodeInfo(NodeInfo& info, const Node& root) {
    if (Node cpu = root.child("cpu")) {
        readLong(cpu, "nodes", info.nodes, "cpu nodes");
        readLong(cpu, "sockets", info.sockets, "cpu sockets");
        readLong(cpu, "cores", info.cores, "cpu cores");
        readLong(cpu, "threads", info.threads, "cpu threads");
        info.cpus = info.cores * info.threads * info.sockets * info.nodes;
        unsigned active = info.cpus;
        readLong(cpu, "active", active, "cpu active");
        if (active < info.cpus)
            info.cpus = active;
        readLong(cpu, "mhz", info.mhz, "cpu mhz");
        if (Node model = cpu.child("model")) {
            std::string text = model.text();
            // virNodeInfo.model is a 32-byte buffer.
            if (text.size() > 31)
                fail(ErrorCode::InternalError, ErrorDomain::Test, "Model {} too big for destination", text);
            if (!text.empty())
                info.model = text;
        }
    }
    readLong(root, "memory", info.memory, "memory");
}

void loadSnapshots(DriverState& state, DomainObject& obj, const TestNamespaceData& ns, const std::string& file) {
    conf::snapshot::SnapshotParseOptions options;
    options.redefine = true;
    options.internal = true;
    options.domainHooks = &state.hooks;
    for (const auto& node : ns.snapshots) {
        Element e = resolve(node, file);
        auto parsed = conf::snapshot::parseSnapshotNode(e.node, options);
        auto* snap = obj.snapshots.add(std::move(parsed.def));
        if (parsed.current) {
            if (obj.snapshots.current())
                fail(ErrorCode::InternalError, ErrorDomain::Test, "more than one snapshot claims to be active");
            obj.snapshots.setCurrent(snap);
        }
    }
    if (!obj.snapshots.updateRelations())
        fail(ErrorCode::InternalError, ErrorDomain::Test, "Snapshots have inconsistent relations for domain {}",
             obj.def->name);
}

void loadDomains(DriverState& state, const Node& root, const std::string& file) {
    for (const auto& node : root.children("domain")) {
        Element e = resolve(node, file);
        // The domain parser takes a document of its own.
        auto def = parseDomain(state, conf::subtreeAsDocument(e.node));
        TestNamespaceData ns = parseTestNamespace(e.node);
        generateIfnames(*def);
        DomainObject& obj = state.domains.add(std::move(def), false, false);
        loadSnapshots(state, obj, ns, file);
        obj.persistent = !ns.transient;
        obj.hasManagedSave = ns.hasManagedSave;
        if (ns.runstate != DomainState::Shutoff)
            startState(state, obj, reason::kBooted);
        else
            shutdownState(obj, 0);
        // The requested state, with no particular reason.
        setState(obj, ns.runstate, 0);
        checkTaint(obj);
    }
}

void loadNetworks(DriverState& state, const Node& root, const std::string& file) {
    for (const auto& node : root.children("network")) {
        Element e = resolve(node, file);
        auto def = std::make_unique<conf::network::Network>(
            conf::network::parseNetworkXml(conf::subtreeAsDocument(e.node)));
        state.networks.assignDef(std::move(def), false, false).active = true;
    }
}

void loadVolumes(PoolObject& pool, const Node& poolNode, const std::string& file) {
    conf::storage::StoragePool& def = *pool.def;
    for (const auto& node : poolNode.children("volume")) {
        Element e = resolve(node, file);
        auto vol = std::make_unique<conf::storage::StorageVolume>(
            conf::storage::parseStorageVolumeXml(def, conf::subtreeAsDocument(e.node)));
        if (vol->target.path.empty())
            vol->target.path = def.targetPath + "/" + vol->name;
        if (vol->key.empty())
            vol->key = vol->target.path;
        // libvirt fails here without saying why; so does this.
        if (pool.volume(vol->name))
            throw Error::raw(ErrorCode::InternalError, ErrorDomain::None, "An error occurred, but the cause is unknown");
        def.allocation += vol->allocation;
        def.available = def.capacity - def.allocation;
        pool.volumes.push_back(std::move(vol));
    }
}

void loadPools(DriverState& state, const Node& root, const std::string& file) {
    for (const auto& node : root.children("pool")) {
        Element e = resolve(node, file);
        auto def = std::make_unique<conf::storage::StoragePool>(
            conf::storage::parseStoragePoolXml(conf::subtreeAsDocument(e.node)));
        PoolObject& pool = state.pools.add(std::move(def), false);
        // testStoragePoolObjSetDefaults
        pool.def->capacity = kPoolCapacity;
        pool.def->allocation = 0;
        pool.def->available = kPoolCapacity;
        pool.persistent = true;
        pool.active = true;
        loadVolumes(pool, e.node, file);
    }
}

void loadUsers(DriverState& state, const Node& root) {
    Node auth = root.child("auth");
    if (!auth)
        return;
    for (const auto& user : auth.children("user")) {
        std::string name = user.text();
        if (name.empty())
            fail(ErrorCode::XmlError, ErrorDomain::Test, "missing username in /node/auth/user field");
        state.users.push_back({name, user.attr("password")});
    }
}

}  // namespace

void loadNode(DriverState& state, std::string_view xml, const std::string& file) {
    Document doc = Document::parse(xml, file.empty() ? "(test driver)" : file, ErrorDomain::Test);
    Node root = doc.root();
    if (root.name() != "node")
        fail(ErrorCode::XmlError, ErrorDomain::Xml, "expecting root element of '{}', not '{}'", "node", root.name());
    parseNodeInfo(state.nodeInfo, root);
    loadDomains(state, root, file);
    loadNetworks(state, root, file);
    // Host interfaces and node devices have no API here yet: their
    // elements are not read.
    loadPools(state, root, file);
    loadUsers(state, root);
}

void loadNodeFile(DriverState& state, const std::string& path) {
    loadNode(state, readNodeDocument(path), path);
}

}  // namespace cvirt::drivers::test
