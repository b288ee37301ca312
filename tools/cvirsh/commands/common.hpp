#pragma once
// What command handlers share, as virsh's virsh-util.c provides it: the
// open connection, finding a domain, network, pool or volume from an option
// (with virsh's lookup order and messages), reading XML files, printing XML
// (whole or through --xpath), and virsh's names for states.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cvirsh/invocation.hpp"
#include "cvirsh/shell.hpp"
#include "cvirt/connection.hpp"
#include "util/error.hpp"

namespace cvirt::shell {

// The connection of the running command.
Connection& api(Shell& shell);

// Which ways an option may name an object (virsh's VIRSH_BYID/UUID/NAME).
enum LookupBy : unsigned { kById = 1u << 0, kByUuid = 1u << 1, kByName = 1u << 2 };
inline constexpr unsigned kByAny = kById | kByUuid | kByName;

// The <domain> option as an id, a UUID or a name, tried in that order.
// Prints "failed to get domain 'x'" and throws CommandFailed when none
// matches (virsh drops the lookup's own error).
Domain domainOption(Shell& shell, const Invocation& cmd, unsigned by = kByAny);
// A domain named by `text`, as domainOption looks it up.
Domain lookupDomain(Shell& shell, const std::string& text, unsigned by = kByAny);
// The <network> option as a UUID or a name; on failure prints "failed to
// get network 'x'" and rethrows the lookup's error.
Network networkOption(Shell& shell, const Invocation& cmd, unsigned by = kByUuid | kByName);
// The `option` (normally <pool>) as a UUID or a name; on failure prints
// "failed to get pool 'x'" and rethrows the lookup's error.
StoragePool poolOption(Shell& shell, const Invocation& cmd, std::string_view option = "pool",
                       unsigned by = kByUuid | kByName);
// The <vol> option: by name within the pool that `poolOptionName` names
// (when given and present), else as a key, else as a path.
StorageVolume volumeOption(Shell& shell, const Invocation& cmd,
                           std::optional<std::string_view> poolOptionName = "pool",
                           unsigned by = kByUuid | kByName);

// A file's content, as virsh reads XML files (virFileReadAll, 10 MiB).
std::string readFileForCommand(const std::string& path);

// Prints `xml`, or with `xpath` the nodes it selects (one per line, or
// wrapped in <nodes> with `wrap`), as virsh's --xpath/--wrap do.
void printXml(Shell& shell, const std::string& xml, std::string_view url,
              const std::optional<std::string>& xpath, bool wrap);

// The refusal a read-only connection gives when `entryPoint` (a libvirt
// API name, e.g. "virDomainSetVcpus") would change something. For the
// calls where virsh picks an older entry point than the one the C++ API
// reports.
void requireWritable(Shell& shell, const char* entryPoint);

// Runs `call`; if it throws cvirt::Error, prints `context` first (virsh's
// vshError before the library's error is reported) and rethrows.
template <typename Call>
decltype(auto) withContext(Shell& shell, std::string_view context, Call&& call) {
    try {
        return call();
    } catch (const Error&) {
        shell.printer().error(context);
        throw;
    }
}

// Prints `message` as an error and fails the command.
[[noreturn]] void failCommand(Shell& shell, std::string_view message);

// virsh's words for domain states and their reasons.
std::string_view domainStateName(DomainState state);
std::string_view domainStateReasonName(DomainState state, int reason);

// Splits a comma separated list as virsh does (vshStringToArray): ",,"
// stands for a comma inside an item.
std::vector<std::string> splitCommaList(std::string_view text);

// Parses like libvirt's virStrToLong_i/_ui: base 10, leading blanks and a
// sign allowed, the whole text consumed, in range.
std::optional<int> parseIntLikeLibvirt(const std::string& text);

}  // namespace cvirt::shell
