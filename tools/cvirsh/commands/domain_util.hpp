#pragma once
// Domain helpers several command groups use, each the counterpart of a
// virsh helper (virshDomainState, virshDomainGetXMLFromDom,
// virshGetDomainDescription, virshCPUCountCollect, virshNodeGetCPUCount).

#include <optional>
#include <string>
#include <utility>

#include "cvirsh/commands/common.hpp"
#include "cvirsh/xpath.hpp"

namespace cvirt::shell {

// The domain's state and reason, falling back to the state in
// virDomainGetInfo when the driver has no virDomainGetState.
std::pair<DomainState, int> domainState(const Domain& dom);

// The domain's XML parsed for XPath queries; on failure prints virsh's
// "Failed to get domain description xml" and rethrows.
XPathDocument domainXml(Shell& shell, const Domain& dom, unsigned flags);

// The domain's title (or description), "" when it has none; falls back to
// the XML when the driver has no metadata API.
std::string domainDescription(Shell& shell, const Domain& dom, bool title, unsigned flags = 0);

// virshCPUCountCollect: the vCPU count for `flags`. With `checkState`, a
// live count of an inactive domain (or a config count of a transient one)
// is nullopt without an error, as virsh returns -1 there.
std::optional<int> vcpuCount(Shell& shell, const Domain& dom, unsigned flags, bool checkState);

// The number of host CPUs: virNodeGetCPUMap's count, else the CPUs that
// virNodeGetInfo describes (nodes * sockets * cores * threads).
int hostCpuCount(Shell& shell);

// virDomainGetMetadata types.
inline constexpr int kMetadataDescription = 0;
inline constexpr int kMetadataTitle = 1;

// virsh's --current/--live/--config: current excludes the other two, and
// the flags are VIR_DOMAIN_AFFECT_* of the ones given (CURRENT when none).
unsigned affectFlags(const Invocation& cmd);

}  // namespace cvirt::shell
