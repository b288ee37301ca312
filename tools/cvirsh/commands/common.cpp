#include "cvirsh/commands/common.hpp"

#include <cerrno>
#include <climits>
#include <cstdlib>

#include <fmt/format.h>

#include "cvirsh/xpath.hpp"
#include "util/files.hpp"

namespace cvirt::shell {
namespace {

// virsh reads XML files through virFileReadAll with this limit.
constexpr size_t kMaxXmlFile = 10 * 1024 * 1024;
// A UUID in text form (VIR_UUID_STRING_BUFLEN - 1).
constexpr size_t kUuidTextLength = 36;

template <size_t N>
std::string_view pick(const std::string_view (&names)[N], int index, std::string_view fallback) {
    if (index < 0 || static_cast<size_t>(index) >= N)
        return fallback;
    return names[index];
}

}  // namespace

Connection& api(Shell& shell) { return shell.connector().api(); }

void failCommand(Shell& shell, std::string_view message) {
    shell.printer().error(message);
    throw CommandFailed{};
}

std::optional<int> parseIntLikeLibvirt(const std::string& text) {
    if (text.empty())
        return std::nullopt;
    char* end = nullptr;
    errno = 0;
    long v = std::strtol(text.c_str(), &end, 10);
    if (errno != 0 || end == text.c_str() || *end != '\0' || v < INT_MIN || v > INT_MAX)
        return std::nullopt;
    return static_cast<int>(v);
}

std::vector<std::string> splitCommaList(std::string_view text) {
    std::vector<std::string> pieces;
    for (size_t start = 0;;) {
        size_t end = text.find(',', start);
        pieces.emplace_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos)
            break;
        start = end + 1;
    }
    std::vector<std::string> out{pieces.front()};
    bool join = false;
    for (size_t i = 1; i < pieces.size(); ++i) {
        if (join) {
            out.back() += "," + pieces[i];
            join = false;
        } else if (pieces[i].empty()) {
            join = true;
        } else {
            out.push_back(pieces[i]);
        }
    }
    // A single trailing comma leaves an empty last item.
    if (join)
        out.emplace_back();
    return out;
}

Domain lookupDomain(Shell& shell, const std::string& text, unsigned by) {
    Connection& conn = api(shell);
    if (by & kById) {
        if (auto id = parseIntLikeLibvirt(text); id && *id >= 0) {
            try {
                return conn.lookupDomainById(*id);
            } catch (const Error&) {
            }
        }
    }
    if ((by & kByUuid) && text.size() == kUuidTextLength) {
        try {
            return conn.lookupDomainByUuidString(text);
        } catch (const Error&) {
        }
    }
    if (by & kByName) {
        try {
            return conn.lookupDomainByName(text);
        } catch (const Error&) {
        }
    }
    // virsh resets the lookup's error: only its own message is shown.
    failCommand(shell, fmt::format("failed to get domain '{}'", text));
}

Domain domainOption(Shell& shell, const Invocation& cmd, unsigned by) {
    return lookupDomain(shell, cmd.string("domain").value_or(""), by);
}

namespace {

// virsh's lookup of a network or pool by UUID, then by name: on failure it
// prints "failed to get <what> '<text>'" and then the last lookup's error.
template <typename Handle, typename ByUuid, typename ByName>
Handle lookupByUuidOrName(Shell& shell, const std::string& text, unsigned by, ErrorDomain domain,
                          std::string_view what, ByUuid byUuid, ByName byName) {
    std::optional<Error> last;
    if ((by & kByUuid) && text.size() == kUuidTextLength) {
        try {
            auto uuid = Uuid::parse(text);
            if (!uuid)
                throw Error(ErrorCode::InvalidArg, domain, "uuidstr");
            return byUuid(*uuid);
        } catch (const Error& e) {
            last = e;
        }
    }
    if (by & kByName) {
        try {
            return byName(text);
        } catch (const Error& e) {
            last = e;
        }
    }
    shell.printer().errorf("failed to get {} '{}'", what, text);
    if (last)
        throw *last;
    throw CommandFailed{};
}

}  // namespace

Network networkOption(Shell& shell, const Invocation& cmd, unsigned by) {
    Connection& conn = api(shell);
    return lookupByUuidOrName<Network>(
        shell, cmd.string("network").value_or(""), by, ErrorDomain::Network, "network",
        [&](const Uuid& uuid) { return conn.lookupNetworkByUuid(uuid); },
        [&](const std::string& name) { return conn.lookupNetworkByName(name); });
}

StoragePool poolOption(Shell& shell, const Invocation& cmd, std::string_view option, unsigned by) {
    Connection& conn = api(shell);
    return lookupByUuidOrName<StoragePool>(
        shell, cmd.string(option).value_or(""), by, ErrorDomain::Storage, "pool",
        [&](const Uuid& uuid) { return conn.lookupStoragePoolByUuid(uuid); },
        [&](const std::string& name) { return conn.lookupStoragePoolByName(name); });
}

StorageVolume volumeOption(Shell& shell, const Invocation& cmd, std::optional<std::string_view> poolOptionName,
                           unsigned by) {
    std::string text = cmd.string("vol").value_or("");
    std::optional<StoragePool> pool;
    if (poolOptionName) {
        if (auto poolName = cmd.string(*poolOptionName)) {
            pool = poolOption(shell, cmd, *poolOptionName, by);
            bool active = false;
            try {
                active = pool->isActive();
            } catch (const Error&) {
            }
            if (!active)
                failCommand(shell, fmt::format("pool '{}' is not active", *poolName));
        }
    }
    Connection& conn = api(shell);
    std::optional<StorageVolume> vol;
    std::optional<Error> last;
    auto attempt = [&](auto&& lookup) {
        if (vol)
            return;
        try {
            vol = lookup();
        } catch (const Error& e) {
            last = e;
        }
    };
    if (pool && (by & kByName))
        attempt([&] { return pool->lookupVolumeByName(text); });
    if (by & kByUuid) {
        attempt([&] { return conn.lookupStorageVolumeByKey(text); });
        attempt([&] { return conn.lookupStorageVolumeByPath(text); });
    }
    if (!vol) {
        if (pool || !poolOptionName)
            shell.printer().errorf("failed to get vol '{}'", text);
        else
            shell.printer().errorf("failed to get vol '{}', specifying --{} might help", text, *poolOptionName);
        if (last)
            throw *last;
        throw CommandFailed{};
    }
    // A volume found by key or path must still belong to the pool asked for.
    if (pool) {
        try {
            if (vol->pool().name() != pool->name())
                failCommand(shell, fmt::format("Requested volume '{}' is not in pool '{}'", text, pool->name()));
        } catch (const Error&) {
        }
    }
    return *vol;
}

std::string readFileForCommand(const std::string& path) {
    return readFile(path, kMaxXmlFile);
}

void printXml(Shell& shell, const std::string& xml, std::string_view url, const std::optional<std::string>& xpath,
              bool wrap) {
    if (!xpath) {
        shell.printer().print(xml);
        return;
    }
    auto doc = XPathDocument::parse(xml, url, false);
    auto nodes = doc.nodes(*xpath);
    if (wrap) {
        // The selected nodes, copied under one <nodes> root.
        std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> wrapper(xmlNewDoc(reinterpret_cast<const xmlChar*>("1.0")),
                                                              &xmlFreeDoc);
        xmlNodePtr root = xmlNewNode(nullptr, reinterpret_cast<const xmlChar*>("nodes"));
        xmlDocSetRootElement(wrapper.get(), root);
        for (xmlNodePtr node : nodes) {
            xmlNodePtr copy = xmlDocCopyNode(node, wrapper.get(), 1);
            if (!copy || !xmlAddChild(root, copy)) {
                xmlFreeNode(copy);
                throw CommandFailed{};
            }
        }
        shell.printer().print(doc.dump(root) + "\n");
        return;
    }
    for (xmlNodePtr node : nodes)
        shell.printer().print(doc.dump(node) + "\n");
}

void requireWritable(Shell& shell, const char* entryPoint) {
    if (api(shell).readOnly())
        throw Error(ErrorCode::OperationDenied, ErrorDomain::Domain,
                    std::string("read only access prevents ") + entryPoint);
}

std::string_view domainStateName(DomainState state) {
    static constexpr std::string_view kNames[] = {"no state", "running",  "idle",    "paused",
                                                  "in shutdown", "shut off", "crashed", "pmsuspended"};
    return pick(kNames, static_cast<int>(state), "no state");
}

std::string_view domainStateReasonName(DomainState state, int reason) {
    static constexpr std::string_view kUnknown[] = {"unknown"};
    static constexpr std::string_view kRunning[] = {
        "unknown", "booted", "migrated", "restored", "from snapshot", "unpaused", "migration canceled",
        "save canceled", "event wakeup", "crashed", "post-copy", "post-copy failed"};
    static constexpr std::string_view kPaused[] = {
        "unknown", "user", "migrating", "saving", "dumping", "I/O error", "watchdog", "from snapshot",
        "shutting down", "creating snapshot", "crashed", "starting up", "post-copy", "post-copy failed",
        "api error"};
    static constexpr std::string_view kShutdown[] = {"unknown", "user"};
    static constexpr std::string_view kShutoff[] = {"unknown", "shutdown", "destroyed", "crashed", "migrated",
                                                    "saved", "failed", "from snapshot", "daemon"};
    static constexpr std::string_view kCrashed[] = {"unknown", "panicked"};
    switch (state) {
        case DomainState::Running: return pick(kRunning, reason, "unknown");
        case DomainState::Paused: return pick(kPaused, reason, "unknown");
        case DomainState::Shutdown: return pick(kShutdown, reason, "unknown");
        case DomainState::Shutoff: return pick(kShutoff, reason, "unknown");
        case DomainState::Crashed: return pick(kCrashed, reason, "unknown");
        case DomainState::NoState:
        case DomainState::Blocked:
        case DomainState::PmSuspended: return pick(kUnknown, reason, "unknown");
    }
    return "unknown";
}

}  // namespace cvirt::shell
