// virsh's "Host and Hypervisor" commands: their declarations and handlers.
// Handlers that need a hypervisor connection the API does not offer yet stay
// `notImplementedYet`; docs/cvirsh.md shows how to replace one.

#include <fmt/format.h>

#include "cvirsh/commands/common.hpp"
#include "cvirsh/commands/groups.hpp"
#include "cvirsh/invocation.hpp"
#include "cvirsh/shell.hpp"

namespace cvirt::shell {

namespace {

// The libvirt API level cvirt implements: what virsh reports as the
// library it was compiled against and runs with.
constexpr uint64_t kLibvirtVersion = 9000000;

// "9.0.0" from libvirt's major * 1,000,000 + minor * 1,000 + micro.
std::string versionText(uint64_t v) {
    return fmt::format("{}.{}.{}", v / 1000000, (v / 1000) % 1000, v % 1000);
}

bool cmdCapabilities(Shell& shell, const Invocation&) {
    auto caps = withContext(shell, "failed to get capabilities", [&] { return api(shell).capabilities(); });
    shell.printer().print(caps + "\n");
    return true;
}

bool cmdHostname(Shell& shell, const Invocation&) {
    auto name = withContext(shell, "failed to get hostname", [&] { return api(shell).hostname(); });
    shell.printer().print(name + "\n");
    return true;
}

bool cmdNodeinfo(Shell& shell, const Invocation&) {
    auto info = withContext(shell, "failed to get node information", [&] { return api(shell).nodeInfo(); });
    Printer& p = shell.printer();
    p.keyValue("CPU model:", info.model, 20);
    p.keyValue("CPU(s):", std::to_string(info.cpus), 20);
    if (info.mhz)
        p.keyValue("CPU frequency:", fmt::format("{} MHz", info.mhz), 20);
    p.keyValue("CPU socket(s):", std::to_string(info.sockets), 20);
    p.keyValue("Core(s) per socket:", std::to_string(info.cores), 20);
    p.keyValue("Thread(s) per core:", std::to_string(info.threads), 20);
    p.keyValue("NUMA cell(s):", std::to_string(info.nodes), 20);
    p.keyValue("Memory size:", fmt::format("{} KiB", info.memory), 20);
    return true;
}

bool cmdSysinfo(Shell& shell, const Invocation&) {
    auto sysinfo = withContext(shell, "failed to get sysinfo", [&] { return api(shell).sysinfo(); });
    shell.printer().print(sysinfo);
    return true;
}

bool cmdUri(Shell& shell, const Invocation&) {
    auto uri = withContext(shell, "failed to get URI", [&] { return api(shell).uri(); });
    shell.printer().print(uri + "\n");
    return true;
}

bool cmdVersion(Shell& shell, const Invocation& cmd) {
    Connection& conn = api(shell);
    Printer& p = shell.printer();
    auto type = withContext(shell, "failed to get hypervisor type", [&] { return conn.type(); });
    p.printf("Compiled against library: libvirt {}\n", versionText(kLibvirtVersion));
    p.printf("Using library: libvirt {}\n", versionText(kLibvirtVersion));
    p.printf("Using API: {} {}\n", type, versionText(kLibvirtVersion));
    auto hv = withContext(shell, "failed to get the hypervisor version", [&] { return conn.version(); });
    if (hv == 0)
        p.printf("Cannot extract running {} hypervisor version\n", type);
    else
        p.printf("Running hypervisor: {} {}\n", type, versionText(hv));
    // A local driver is its own daemon: it runs at the library's level.
    if (cmd.has("daemon"))
        p.printf("Running against daemon: {}\n", versionText(kLibvirtVersion));
    return true;
}

}  // namespace

const CommandGroup& hostGroup() {
    static const CommandGroup group{"Host and Hypervisor", "host", {
        {
            .name = "allocpages",
            .help = "Manipulate pages pool size",
            .desc = "Allocate or free some pages in the pool for NUMA cell.",
            .options = {
                opt::number("pagesize", kRequired | kPositional, "page size (in kibibytes)"),
                opt::number("pagecount", kRequired | kPositional, "page count"),
                opt::number("cellno", kPositional, "NUMA cell number"),
                opt::flag("add", "instead of setting new pool size add pages to it"),
                opt::flag("all", "set on all NUMA cells"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "capabilities",
            .help = "capabilities",
            .desc = "Returns capabilities of hypervisor/driver.",
            .handler = cmdCapabilities,
        },
        {
            .name = "cpu-baseline",
            .help = "compute baseline CPU",
            .desc = "Compute baseline CPU for a set of given CPUs.",
            .options = {
                opt::data("file", kRequired | kPositional, "file containing XML CPU descriptions"),
                opt::flag("features", "Show features that are part of the CPU model type"),
                opt::flag("migratable", "Do not include features that block migration"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "cpu-compare",
            .help = "compare host CPU with a CPU described by an XML file",
            .desc = "compare CPU with host CPU",
            .options = {
                opt::data("file", kRequired | kPositional, "file containing an XML CPU description"),
                opt::flag("error", "report error if CPUs are incompatible"),
                opt::flag("validate", "validate the XML document against schema"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "cpu-models",
            .help = "CPU models",
            .desc = "Get the CPU models for an arch.",
            .options = {
                opt::data("arch", kRequired | kPositional, "architecture"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "domcapabilities",
            .help = "domain capabilities",
            .desc = "Returns capabilities of emulator with respect to host and libvirt.",
            .options = {
                opt::string("virttype", kPositional, "virtualization type (/domain/@type)"),
                opt::string("emulatorbin", kPositional, "path to emulator binary (/domain/devices/emulator)"),
                opt::string("arch", kPositional, "domain architecture (/domain/os/type/@arch)"),
                opt::string("machine", kPositional, "machine type (/domain/os/type/@machine)"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "freecell",
            .help = "NUMA free memory",
            .desc = "display available free memory for the NUMA cell.",
            .options = {
                opt::number("cellno", kPositional, "NUMA cell number"),
                opt::flag("all", "show free memory for all NUMA cells"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "freepages",
            .help = "NUMA free pages",
            .desc = "display available free pages for the NUMA cell.",
            .options = {
                opt::number("cellno", kPositional, "NUMA cell number"),
                opt::number("pagesize", kPositional, "page size (in kibibytes)"),
                opt::flag("all", "show free pages for all NUMA cells"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "hostname",
            .help = "print the hypervisor hostname",
            .desc = "",
            .handler = cmdHostname,
        },
        {
            .name = "hypervisor-cpu-baseline",
            .help = "compute baseline CPU usable by a specific hypervisor",
            .desc = "Compute baseline CPU for a set of given CPUs. The result will be tailored to the specified hypervisor.",
            .options = {
                opt::string("file", kPositional, "file containing XML CPU descriptions"),
                opt::string("virttype", kPositional, "virtualization type (/domain/@type)"),
                opt::string("emulator", kPositional, "path to emulator binary (/domain/devices/emulator)"),
                opt::string("arch", kPositional, "CPU architecture (/domain/os/type/@arch)"),
                opt::string("machine", kPositional, "machine type (/domain/os/type/@machine)"),
                opt::flag("features", "Show features that are part of the CPU model type"),
                opt::flag("migratable", "Do not include features that block migration"),
                opt::string("model", kPositional, "Shortcut for calling the command with a single CPU model and no additional features"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "hypervisor-cpu-compare",
            .help = "compare a CPU with the CPU created by a hypervisor on the host",
            .desc = "compare CPU with hypervisor CPU",
            .options = {
                opt::data("file", kRequired | kPositional, "file containing an XML CPU description"),
                opt::string("virttype", kPositional, "virtualization type (/domain/@type)"),
                opt::string("emulator", kPositional, "path to emulator binary (/domain/devices/emulator)"),
                opt::string("arch", kPositional, "CPU architecture (/domain/os/type/@arch)"),
                opt::string("machine", kPositional, "machine type (/domain/os/type/@machine)"),
                opt::flag("error", "report error if CPUs are incompatible"),
                opt::flag("validate", "validate the XML document against schema"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "maxvcpus",
            .help = "connection vcpu maximum",
            .desc = "Show maximum number of virtual CPUs for guests on this connection.",
            .options = {
                opt::string("type", kPositional, "domain type"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "node-memory-tune",
            .help = "Get or set node memory parameters",
            .desc = "Get or set node memory parameters\n    To get the memory parameters, use following command: \n\n    virsh # node-memory-tune",
            .options = {
                opt::number("shm-pages-to-scan", kPositional, "number of pages to scan before the shared memory service goes to sleep"),
                opt::number("shm-sleep-millisecs", kPositional, "number of millisecs the shared memory service should sleep before next scan"),
                opt::number("shm-merge-across-nodes", kPositional, "Specifies if pages from different numa nodes can be merged"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "nodecpumap",
            .help = "node cpu map",
            .desc = "Displays the node's total number of CPUs, the number of online CPUs and the list of online CPUs.",
            .options = {
                opt::flag("pretty", "return human readable output"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "nodecpustats",
            .help = "Prints cpu stats of the node.",
            .desc = "Returns cpu stats of the node, in nanoseconds.",
            .options = {
                opt::number("cpu", kPositional, "prints specified cpu statistics only."),
                opt::flag("percent", "prints by percentage during 1 second."),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "nodeinfo",
            .help = "node information",
            .desc = "Returns basic information about the node.",
            .handler = cmdNodeinfo,
        },
        {
            .name = "nodememstats",
            .help = "Prints memory stats of the node.",
            .desc = "Returns memory stats of the node, in kilobytes.",
            .options = {
                opt::number("cell", kPositional, "prints specified cell statistics only."),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "nodesevinfo",
            .help = "node SEV information",
            .desc = "Returns basic SEV information about the node.",
            .handler = notImplementedYet,
        },
        {
            .name = "nodesuspend",
            .help = "suspend the host node for a given time duration",
            .desc = "Suspend the host node for a given time duration and attempt to resume thereafter.",
            .options = {
                opt::data("target", kRequired | kPositional, "mem(Suspend-to-RAM), disk(Suspend-to-Disk), hybrid(Hybrid-Suspend)"),
                opt::number("duration", kRequired | kPositional, "Suspend duration in seconds, at least 60"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "sysinfo",
            .help = "print the hypervisor sysinfo",
            .desc = "output an XML string for the hypervisor sysinfo, if available",
            .handler = cmdSysinfo,
        },
        {
            .name = "uri",
            .help = "print the hypervisor canonical URI",
            .desc = "",
            .handler = cmdUri,
        },
        {
            .name = "version",
            .help = "show version",
            .desc = "Display the system version information.",
            .options = {
                opt::flag("daemon", "report daemon version too"),
            },
            .handler = cmdVersion,
        },
    }};
    return group;
}

}  // namespace cvirt::shell
