// Domain CPU and memory handlers: setmem, setmaxmem, setvcpus, vcpucount,
// vcpuinfo, vcpupin and emulatorpin.

#include <climits>

#include <fmt/format.h>

#include "cvirsh/commands/common.hpp"
#include "cvirsh/commands/domain_handlers.hpp"
#include "cvirsh/commands/domain_util.hpp"
#include "cvirsh/output/table.hpp"
#include "util/bitmap.hpp"

namespace cvirt::shell {
namespace {

// Bytes per host CPU bitmap (VIR_CPU_MAPLEN).
int cpuMapLength(int cpus) { return (cpus + 7) / 8; }

bool cpuUsed(const std::vector<uint8_t>& map, int cpu) {
    size_t byte = static_cast<size_t>(cpu) / 8;
    return byte < map.size() && (map[byte] >> (cpu % 8)) & 1;
}

// "0-3,6" for a host CPU bitmap (virBitmapDataFormat).
std::string formatCpuMap(const std::vector<uint8_t>& map) {
    Bitmap bits;
    for (size_t i = 0; i < map.size() * 8; ++i)
        if ((map[i / 8] >> (i % 8)) & 1)
            bits.set(i);
    return bits.format();
}

// "CPU Affinity:   yyy-" or, with --pretty, "0-2 (out of 4)".
void printAffinity(Printer& p, const std::vector<uint8_t>& map, int hostCpus, bool pretty) {
    std::string text;
    if (pretty) {
        text = fmt::format("{} (out of {})", formatCpuMap(map), hostCpus);
    } else {
        for (int cpu = 0; cpu < hostCpus; ++cpu)
            text += cpuUsed(map, cpu) ? 'y' : '-';
    }
    p.keyValue("CPU Affinity:", text);
}

// virshParseCPUList: "0-2,^1" as a host CPU bitmap; 'r' (for "reset")
// means every host CPU. Fails the command with virsh's messages.
std::vector<uint8_t> parseCpuList(Shell& shell, const std::string& cpulist, int hostCpus) {
    Bitmap map;
    if (!cpulist.empty() && cpulist[0] == 'r') {
        for (int cpu = 0; cpu < hostCpus; ++cpu)
            map.set(static_cast<size_t>(cpu));
    } else {
        try {
            map = Bitmap::parse(cpulist, Bitmap::kDefaultLimit);
        } catch (const Error&) {
            // virsh's own message, then the library's parse error.
            shell.printer().errorf("Invalid cpulist '{}'", cpulist);
            throw;
        }
        if (map.empty())
            failCommand(shell, fmt::format("Invalid cpulist '{}'", cpulist));
        auto bits = map.bits();
        if (static_cast<int>(bits.back()) >= hostCpus)
            failCommand(shell, fmt::format("CPU {} in cpulist '{}' exceed the maxcpu {}", bits.back(), cpulist,
                                           hostCpus));
    }
    std::vector<uint8_t> bytes((map.size() + 7) / 8, 0);
    for (size_t bit : map.bits())
        bytes[bit / 8] |= static_cast<uint8_t>(1u << (bit % 8));
    return bytes;
}

// The memory size option in KiB, rounded up (virsh's scaled --size).
uint64_t memorySizeKiB(const Invocation& cmd) {
    uint64_t bytes = *cmd.getScaled("size", 1024, ULONG_MAX);
    return (bytes + 1023) / 1024;
}

// The vCPUs that are online in the inactive definition (virsh's
// virshDomainGetVcpuBitmap): every <vcpus><vcpu enabled='yes'>, or the
// first `current` ones when there is no per-vCPU state.
std::optional<Bitmap> inactiveVcpus(Shell& shell, const Domain& dom, size_t& maxVcpus) {
    auto doc = domainXml(shell, dom, flags::kXmlInactive);
    auto maxText = doc.string("string(/domain/vcpu)");
    auto max = maxText ? parseIntLikeLibvirt(*maxText) : std::nullopt;
    if (!max || *max < 0)
        failCommand(shell, "Failed to retrieve maximum vcpu count");
    maxVcpus = static_cast<size_t>(*max);
    auto currentText = doc.string("string(/domain/vcpu/@current)");
    auto current = currentText ? parseIntLikeLibvirt(*currentText) : std::nullopt;
    size_t online = current && *current > 0 ? static_cast<size_t>(*current) : maxVcpus;
    Bitmap vcpus;
    auto nodes = doc.nodes("/domain/vcpus/vcpu");
    if (nodes.empty()) {
        for (size_t i = 0; i < online; ++i)
            vcpus.set(i);
        return vcpus;
    }
    for (xmlNodePtr node : nodes) {
        doc.setContext(node);
        auto id = doc.string("string(@id)");
        auto enabled = doc.string("string(@enabled)");
        auto number = id ? parseIntLikeLibvirt(*id) : std::nullopt;
        if (!number || *number < 0 || !enabled)
            continue;
        if (*enabled == "yes")
            vcpus.set(static_cast<size_t>(*number));
    }
    if (vcpus.count() != online)
        failCommand(shell, "Failed to retrieve vcpu state bitmap");
    return vcpus;
}

bool vcpuinfoInactive(Shell& shell, const Domain& dom, int hostCpus, bool pretty) {
    size_t maxVcpus = 0;
    auto vcpus = inactiveVcpus(shell, dom, maxVcpus);
    auto maps = dom.vcpuPinInfo(static_cast<int>(maxVcpus), cpuMapLength(hostCpus), flags::kAffectConfig);
    Printer& p = shell.printer();
    bool first = true;
    for (size_t vcpu : vcpus->bits()) {
        if (!first)
            p.print("\n");
        first = false;
        p.keyValue("VCPU:", std::to_string(vcpu));
        p.keyValue("CPU:", "N/A");
        p.keyValue("State:", "N/A");
        p.keyValue("CPU time", "N/A");
        printAffinity(p, vcpu < maps.size() ? maps[vcpu] : std::vector<uint8_t>{}, hostCpus, pretty);
    }
    return true;
}

std::string_view vcpuStateName(int state) {
    static constexpr std::string_view kNames[] = {"offline", "running", "blocked"};
    return state >= 0 && state < 3 ? kNames[state] : "no state";
}

}  // namespace

bool cmdSetmem(Shell& shell, const Invocation& cmd) {
    bool config = cmd.has("config"), live = cmd.has("live"), current = cmd.has("current");
    requireExclusive(cmd, "current", "live");
    requireExclusive(cmd, "current", "config");
    // Without any of them, virsh changes the running domain.
    unsigned flags = flags::kAffectLive;
    if (config || live || current) {
        flags = flags::kAffectCurrent;
        if (config)
            flags |= flags::kAffectConfig;
        if (live)
            flags |= flags::kAffectLive;
    }
    Domain dom = domainOption(shell, cmd);
    uint64_t kib = memorySizeKiB(cmd);
    dom.setMemory(kib, flags);
    return true;
}

bool cmdSetmaxmem(Shell& shell, const Invocation& cmd) {
    unsigned flags = affectFlags(cmd);
    Domain dom = domainOption(shell, cmd);
    uint64_t kib = memorySizeKiB(cmd);
    withContext(shell, "Unable to change MaxMemorySize", [&] { dom.setMemory(kib, flags | flags::kMemMaximum); });
    return true;
}

bool cmdSetvcpus(Shell& shell, const Invocation& cmd) {
    bool current = cmd.has("current");
    unsigned flags = affectFlags(cmd);
    requireExclusive(cmd, "guest", "config");
    requireOption(cmd, "maximum", "config");
    if (cmd.has("guest"))
        flags |= flags::kVcpuGuest;
    if (cmd.has("maximum"))
        flags |= flags::kVcpuMaximum;
    if (cmd.has("hotpluggable"))
        flags |= flags::kVcpuHotpluggable;
    Domain dom = domainOption(shell, cmd);
    unsigned count = *cmd.getUInt("count");
    if (count == 0)
        failCommand(shell, "Can't set 0 processors for a VM");
    if (!current && flags == 0) {
        // virsh calls virDomainSetVcpus here, which changes the running
        // domain only.
        requireWritable(shell, "virDomainSetVcpus");
        dom.setVcpus(count, flags::kAffectLive);
    } else {
        dom.setVcpus(count, flags);
    }
    return true;
}

bool cmdVcpucount(Shell& shell, const Invocation& cmd) {
    bool maximum = cmd.has("maximum"), active = cmd.has("active"), config = cmd.has("config");
    bool live = cmd.has("live"), current = cmd.has("current"), guest = cmd.has("guest");
    bool all = !maximum && !active && !current && !config && !live && !guest;
    // Before 0.9.4 --current meant "not --maximum": "--current --live"
    // still means "--active --live".
    if (!maximum && !active && current)
        current = false;
    auto exclusive = [&](bool a, std::string_view an, bool b, std::string_view bn) {
        if (a && b)
            failCommand(shell, fmt::format("Options --{} and --{} are mutually exclusive", an, bn));
    };
    exclusive(live, "live", config, "config");
    exclusive(current, "current", live, "live");
    exclusive(current, "current", config, "config");
    exclusive(active, "active", maximum, "maximum");
    exclusive(guest, "guest", config, "config");
    unsigned flags = flags::kAffectCurrent;
    if (live)
        flags |= flags::kAffectLive;
    if (config)
        flags |= flags::kAffectConfig;
    if (maximum)
        flags |= flags::kVcpuMaximum;
    if (guest)
        flags |= flags::kVcpuGuest;
    Domain dom = domainOption(shell, cmd);
    Printer& p = shell.printer();
    if (!all) {
        auto count = vcpuCount(shell, dom, flags, false);
        p.printf("{}\n", count.value_or(-1));
        return true;
    }
    auto confMax = vcpuCount(shell, dom, flags::kAffectConfig | flags::kVcpuMaximum, true);
    auto confCur = vcpuCount(shell, dom, flags::kAffectConfig, true);
    auto liveMax = vcpuCount(shell, dom, flags::kAffectLive | flags::kVcpuMaximum, true);
    auto liveCur = vcpuCount(shell, dom, flags::kAffectLive, true);
    auto line = [&](const std::optional<int>& count, std::string_view which, std::string_view state) {
        if (count && *count > 0)
            p.printf("{:<12} {:<12} {:>3}\n", which, state, *count);
    };
    line(confMax, "maximum", "config");
    line(liveMax, "maximum", "live");
    line(confCur, "current", "config");
    line(liveCur, "current", "live");
    return true;
}

bool cmdVcpuinfo(Shell& shell, const Invocation& cmd) {
    bool pretty = cmd.has("pretty");
    Domain dom = domainOption(shell, cmd);
    int hostCpus = hostCpuCount(shell);
    DomainInfo info = dom.info();
    VcpuPinning vcpus;
    try {
        vcpus = dom.vcpus(static_cast<int>(info.nrVirtCpu), cpuMapLength(hostCpus));
    } catch (const Error&) {
        // An inactive domain still has its pinning in the definition.
        if (info.state != DomainState::Shutoff)
            throw;
        return vcpuinfoInactive(shell, dom, hostCpus, pretty);
    }
    Printer& p = shell.printer();
    for (size_t n = 0; n < vcpus.info.size(); ++n) {
        const VcpuInfo& v = vcpus.info[n];
        p.keyValue("VCPU:", std::to_string(v.number));
        p.keyValue("CPU:", std::to_string(v.cpu));
        p.keyValue("State:", vcpuStateName(v.state));
        if (v.cpuTime != 0)
            p.keyValue("CPU time:", fmt::format("{:.1f}s", static_cast<double>(v.cpuTime) / 1e9));
        printAffinity(p, n < vcpus.cpumaps.size() ? vcpus.cpumaps[n] : std::vector<uint8_t>{}, hostCpus, pretty);
        if (n + 1 < vcpus.info.size())
            p.print("\n");
    }
    return true;
}

bool cmdVcpupin(Shell& shell, const Invocation& cmd) {
    bool current = cmd.has("current");
    unsigned flags = affectFlags(cmd);
    auto cpulist = cmd.raw("cpulist");
    if (!cpulist)
        requireExclusive(cmd, "live", "config");
    auto vcpu = cmd.getUInt("vcpu");
    if (cpulist && !vcpu)
        failCommand(shell, "vcpupin: Missing vCPU number in pin mode.");
    int hostCpus = hostCpuCount(shell);
    Domain dom = domainOption(shell, cmd);

    if (!cpulist) {
        // Query: the pinning of every vCPU, or of the one asked for.
        auto count = vcpuCount(shell, dom, flags | flags::kVcpuMaximum, true);
        if (!count)
            failCommand(shell, (flags & flags::kAffectLive) ? "cannot get vcpupin for offline domain"
                                                            : "cannot get vcpupin for transient domain");
        int ncpus = *count;
        if (vcpu && *vcpu >= static_cast<unsigned>(ncpus)) {
            bool liveCount = (flags & flags::kAffectLive) || (!(flags & flags::kAffectConfig) && dom.isActive());
            failCommand(shell, fmt::format(fmt::runtime(liveCount ? "vcpu {} is out of range of live cpu count {}"
                                                     : "vcpu {} is out of range of persistent cpu count {}"),
                                           static_cast<int>(*vcpu), ncpus));
        }
        std::vector<std::vector<uint8_t>> maps;
        try {
            maps = dom.vcpuPinInfo(ncpus, cpuMapLength(hostCpus), flags);
        } catch (const Error&) {
            return true;  // virsh prints nothing and does not fail here
        }
        Table table({"VCPU", "CPU Affinity"});
        for (size_t i = 0; i < maps.size(); ++i) {
            if (vcpu && i != *vcpu)
                continue;
            table.addRow({std::to_string(i), formatCpuMap(maps[i])});
        }
        table.print(shell.printer());
        return true;
    }

    std::vector<uint8_t> bytes = parseCpuList(shell, *cpulist, hostCpus);
    if (flags == flags::kAffectCurrent && !current) {
        // virsh's virDomainPinVcpu, which pins the running domain.
        requireWritable(shell, "virDomainPinVcpu");
        dom.pinVcpu(*vcpu, bytes, flags::kAffectLive);
    } else {
        dom.pinVcpu(*vcpu, bytes, flags);
    }
    return true;
}

bool cmdEmulatorpin(Shell& shell, const Invocation& cmd) {
    bool config = cmd.has("config"), live = cmd.has("live"), current = cmd.has("current");
    unsigned flags = affectFlags(cmd);
    bool none = !current && !live && !config;
    auto cpulist = cmd.string("cpulist");
    int hostCpus = hostCpuCount(shell);
    Domain dom = domainOption(shell, cmd);
    if (!cpulist) {
        auto map = dom.emulatorPinInfo(cpuMapLength(hostCpus), flags);
        Printer& p = shell.printer();
        p.printExtra("emulator: CPU Affinity\n");
        p.printExtra("----------------------------------\n");
        p.printExtra("       *: ");
        p.print(formatCpuMap(map) + "\n");
        return true;
    }
    std::vector<uint8_t> bytes = parseCpuList(shell, *cpulist, hostCpus);
    // Without --live/--config/--current virsh pins the running domain.
    dom.pinEmulator(bytes, none ? flags::kAffectLive : flags);
    return true;
}

}  // namespace cvirt::shell
