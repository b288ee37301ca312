#include "cvirsh/commands/domain_util.hpp"

namespace cvirt::shell {
namespace {

bool isActive(const Domain& dom) {
    try {
        return dom.isActive();
    } catch (const Error&) {
        return false;
    }
}

bool isPersistent(const Domain& dom) {
    try {
        return dom.isPersistent();
    } catch (const Error&) {
        return false;
    }
}

}  // namespace

std::pair<DomainState, int> domainState(const Domain& dom) {
    try {
        return dom.state();
    } catch (const Error& e) {
        if (e.code() != ErrorCode::NoSupport)
            throw;
    }
    return {dom.info().state, -1};
}

XPathDocument domainXml(Shell& shell, const Domain& dom, unsigned flags) {
    auto xml = withContext(shell, "Failed to get domain description xml", [&] { return dom.xmlDesc(flags); });
    try {
        return XPathDocument::parse(xml, "(domain_definition)");
    } catch (const Error&) {
        failCommand(shell, "Failed to parse domain description xml");
    }
}

std::string domainDescription(Shell& shell, const Domain& dom, bool title, unsigned flags) {
    try {
        return dom.metadata(title ? kMetadataTitle : kMetadataDescription, std::nullopt, flags);
    } catch (const Error& e) {
        if (e.code() == ErrorCode::NoDomainMetadata)
            return {};
        if (e.code() != ErrorCode::NoSupport)
            throw;
    }
    // Drivers without the metadata API: read it from the XML.
    auto doc = domainXml(shell, dom, flags);
    return doc.string(title ? "string(./title[1])" : "string(./description[1])").value_or("");
}

std::optional<int> vcpuCount(Shell& shell, const Domain& dom, unsigned flags, bool checkState) {
    if (checkState && (((flags & flags::kAffectLive) && !isActive(dom)) ||
                       ((flags & flags::kAffectConfig) && !isPersistent(dom))))
        return std::nullopt;
    try {
        return dom.vcpusFlags(flags);
    } catch (const Error& e) {
        // Older drivers: work the count out from other calls.
        if (e.code() != ErrorCode::NoSupport && e.code() != ErrorCode::InvalidArg)
            throw;
    }
    if (flags & flags::kVcpuGuest)
        failCommand(shell, "Failed to retrieve vCPU count from the guest");
    if (!(flags & (flags::kAffectLive | flags::kAffectConfig)) && isActive(dom))
        flags |= flags::kAffectLive;
    if (flags & flags::kAffectLive) {
        if (flags & flags::kVcpuMaximum)
            return dom.maxVcpus();
        return static_cast<int>(dom.info().nrVirtCpu);
    }
    auto doc = domainXml(shell, dom, flags::kXmlInactive);
    bool maximum = flags & flags::kVcpuMaximum;
    auto text = doc.string(maximum ? "string(/domain/vcpu)" : "string(/domain/vcpu/@current)");
    auto value = text ? parseIntLikeLibvirt(*text) : std::nullopt;
    if (!value)
        failCommand(shell, maximum ? "Failed to retrieve maximum vcpu count" : "Failed to retrieve current vcpu count");
    return value;
}

int hostCpuCount(Shell& shell) {
    // virshNodeGetCPUCount: virNodeGetCPUMap, or the node's topology when a
    // driver does not have that call.
    try {
        return api(shell).nodeCpuMap(false, false).cpus;
    } catch (const Error& e) {
        if (e.code() != ErrorCode::NoSupport)
            throw;
    }
    NodeInfo info = api(shell).nodeInfo();
    return static_cast<int>(info.nodes * info.sockets * info.cores * info.threads);
}

unsigned affectFlags(const Invocation& cmd) {
    requireExclusive(cmd, "current", "live");
    requireExclusive(cmd, "current", "config");
    unsigned flags = flags::kAffectCurrent;
    if (cmd.has("config"))
        flags |= flags::kAffectConfig;
    if (cmd.has("live"))
        flags |= flags::kAffectLive;
    return flags;
}

}  // namespace cvirt::shell
