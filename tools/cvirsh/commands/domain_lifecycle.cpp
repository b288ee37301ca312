// Domain lifecycle handlers: start, create, stop, pause, save and restore,
// each calling the API as virsh calls libvirt and printing virsh's words.

#include <unistd.h>

#include <cstdio>

#include <fmt/format.h>

#include "cvirsh/commands/common.hpp"
#include "cvirsh/commands/console.hpp"
#include "cvirsh/commands/domain_handlers.hpp"
#include "cvirsh/commands/domain_util.hpp"
#include "util/strings.hpp"

namespace cvirt::shell {
namespace {

// --pass-fds N,M,...: the descriptors to hand to the guest.
std::vector<int> passFds(Shell& shell, const Invocation& cmd) {
    std::vector<int> fds;
    auto text = cmd.raw("pass-fds");
    if (!text || text->empty())
        return fds;
    for (const auto& item : split(*text, ",", false)) {
        auto fd = parseIntLikeLibvirt(item);
        if (!fd)
            failCommand(shell, fmt::format("Unable to parse FD number '{}'", item));
        fds.push_back(*fd);
    }
    return fds;
}

// The API cannot pass descriptors to a guest yet.
[[noreturn]] void filesUnsupported(const char* api) {
    throw Error(ErrorCode::NoSupport, ErrorDomain::Domain, api);
}

// --mode acpi,agent,...: shutdown and reboot flags (the same values).
unsigned powerModes(Shell& shell, const Invocation& cmd, std::string_view expecting) {
    unsigned flags = 0;
    auto mode = cmd.string("mode");
    if (!mode)
        return 0;
    static constexpr std::pair<std::string_view, unsigned> kModes[] = {
        {"acpi", flags::kPowerAcpi},     {"agent", flags::kPowerGuestAgent}, {"initctl", flags::kPowerInitctl},
        {"signal", flags::kPowerSignal}, {"paravirt", flags::kPowerParavirt},
    };
    for (const auto& item : split(*mode, ",", false)) {
        bool known = false;
        for (const auto& [name, flag] : kModes)
            if (item == name) {
                flags |= flag;
                known = true;
            }
        if (!known)
            failCommand(shell, fmt::format("Unknown mode {} value, expecting {}", item, expecting));
    }
    return flags;
}

// "\rSave: [100 %]" on stderr when a job watched with --verbose ends.
void jobDone(Shell& shell, std::string_view label) {
    std::fflush(shell.printer().out());
    fmt::print(shell.printer().err(), "\r{}: [100 %]", label);
    std::fflush(shell.printer().err());
}

}  // namespace

bool cmdAutostart(Shell& shell, const Invocation& cmd) {
    Domain dom = domainOption(shell, cmd);
    std::string name = *cmd.string("domain");
    bool enable = !cmd.has("disable");
    withContext(shell,
                fmt::format(fmt::runtime(enable ? "Failed to mark domain '{}' as autostarted"
                                   : "Failed to unmark domain '{}' as autostarted"),
                            name),
                [&] { dom.setAutostart(enable); });
    shell.printer().printExtra(fmt::format(
        fmt::runtime(enable ? "Domain '{}' marked as autostarted\n" : "Domain '{}' unmarked as autostarted\n"), name));
    return true;
}

bool cmdConsole(Shell& shell, const Invocation& cmd) {
    Domain dom = domainOption(shell, cmd);
    auto device = cmd.string("devname");
    unsigned flags = 0;
    if (cmd.has("force"))
        flags |= flags::kConsoleForce;
    if (cmd.has("safe"))
        flags |= flags::kConsoleSafe;
    return runConsole(shell, dom, device, flags);
}

bool cmdStart(Shell& shell, const Invocation& cmd) {
    Domain dom = domainOption(shell, cmd, kByName | kByUuid);
    if (dom.id() != -1)
        failCommand(shell, "Domain is already active");
    auto fds = passFds(shell, cmd);
    unsigned flags = 0;
    if (cmd.has("paused"))
        flags |= flags::kStartPaused;
    if (cmd.has("autodestroy"))
        flags |= flags::kStartAutodestroy;
    if (cmd.has("bypass-cache"))
        flags |= flags::kStartBypassCache;
    if (cmd.has("force-boot"))
        flags |= flags::kStartForceBoot;
    if (cmd.has("reset-nvram"))
        flags |= flags::kStartResetNvram;

    auto start = [&] {
        if (!fds.empty())
            filesUnsupported("virDomainCreateWithFiles");
        dom.create(flags);
    };
    bool started = false;
    if (flags & flags::kStartForceBoot) {
        // Older servers reject the flag: emulate it by dropping the save.
        try {
            start();
            started = true;
        } catch (const Error& e) {
            if (e.code() != ErrorCode::NoSupport && e.code() != ErrorCode::InvalidArg)
                throw;
        }
        if (!started) {
            bool saved = false;
            try {
                saved = dom.hasManagedSaveImage();
            } catch (const Error&) {
            }
            if (saved)
                dom.managedSaveRemove();
            flags &= ~flags::kStartForceBoot;
        }
    }
    if (!started)
        withContext(shell, fmt::format("Failed to start domain '{}'", dom.name()), start);
    shell.printer().printExtra(fmt::format("Domain '{}' started\n", dom.name()));
    if (cmd.has("console"))
        return runConsole(shell, dom, std::nullopt, 0);
    return true;
}

bool cmdCreate(Shell& shell, const Invocation& cmd) {
    std::string from = *cmd.string("file");
    std::string xml = readFileForCommand(from);
    auto fds = passFds(shell, cmd);
    unsigned flags = 0;
    if (cmd.has("paused"))
        flags |= flags::kStartPaused;
    if (cmd.has("autodestroy"))
        flags |= flags::kStartAutodestroy;
    if (cmd.has("validate"))
        flags |= flags::kStartValidate;
    if (cmd.has("reset-nvram"))
        flags |= flags::kStartResetNvram;
    Domain dom = withContext(shell, fmt::format("Failed to create domain from {}", from), [&] {
        if (!fds.empty())
            filesUnsupported("virDomainCreateXMLWithFiles");
        return api(shell).createDomain(xml, flags);
    });
    shell.printer().printExtra(fmt::format("Domain '{}' created from {}\n", dom.name(), from));
    if (cmd.has("console"))
        runConsole(shell, dom, std::nullopt, 0);
    return true;
}

namespace {

// One call on the domain: virsh's context line on failure, its message on
// success.
template <typename Action>
bool simpleDomainAction(Shell& shell, const Invocation& cmd, std::string_view verb, std::string_view done,
                        Action action) {
    Domain dom = domainOption(shell, cmd);
    std::string name = *cmd.string("domain");
    withContext(shell, fmt::format("Failed to {} domain '{}'", verb, name), [&] { action(dom); });
    shell.printer().printExtra(fmt::format("Domain '{}' {}\n", name, done));
    return true;
}

}  // namespace

bool cmdDestroy(Shell& shell, const Invocation& cmd) {
    unsigned flags = 0;
    if (cmd.has("graceful"))
        flags |= flags::kDestroyGraceful;
    if (cmd.has("remove-logs"))
        flags |= flags::kDestroyRemoveLogs;
    return simpleDomainAction(shell, cmd, "destroy", "destroyed", [&](Domain& d) { d.destroy(flags); });
}

bool cmdShutdown(Shell& shell, const Invocation& cmd) {
    unsigned flags = powerModes(shell, cmd, "'acpi', 'agent', 'initctl', 'signal', or 'paravirt'");
    return simpleDomainAction(shell, cmd, "shutdown", "is being shutdown", [&](Domain& d) { d.shutdown(flags); });
}

bool cmdReboot(Shell& shell, const Invocation& cmd) {
    unsigned flags = powerModes(shell, cmd, "'acpi', 'agent', 'initctl', 'signal' or 'paravirt'");
    return simpleDomainAction(shell, cmd, "reboot", "is being rebooted", [&](Domain& d) { d.reboot(flags); });
}

bool cmdReset(Shell& shell, const Invocation& cmd) {
    return simpleDomainAction(shell, cmd, "reset", "was reset", [](Domain& d) { d.reset(); });
}

bool cmdSuspend(Shell& shell, const Invocation& cmd) {
    return simpleDomainAction(shell, cmd, "suspend", "suspended", [](Domain& d) { d.suspend(); });
}

bool cmdResume(Shell& shell, const Invocation& cmd) {
    return simpleDomainAction(shell, cmd, "resume", "resumed", [](Domain& d) { d.resume(); });
}

bool cmdSave(Shell& shell, const Invocation& cmd) {
    domainOption(shell, cmd);
    std::string to = *cmd.string("file");
    unsigned flags = 0;
    if (cmd.has("bypass-cache"))
        flags |= flags::kSaveBypassCache;
    if (cmd.has("running"))
        flags |= flags::kSaveRunning;
    if (cmd.has("paused"))
        flags |= flags::kSavePaused;
    auto xmlFile = cmd.string("xml");
    Domain dom = domainOption(shell, cmd);
    std::string name = *cmd.string("domain");
    std::optional<std::string> xml;
    if (xmlFile)
        xml = readFileForCommand(*xmlFile);
    withContext(shell, fmt::format("Failed to save domain '{}' to {}", name, to),
                [&] { dom.save(to, xml, flags); });
    if (cmd.has("verbose"))
        jobDone(shell, "Save");
    shell.printer().printExtra(fmt::format("\nDomain '{}' saved to {}\n", name, to));
    return true;
}

bool cmdRestore(Shell& shell, const Invocation& cmd) {
    std::string from = *cmd.string("file");
    unsigned flags = 0;
    if (cmd.has("bypass-cache"))
        flags |= flags::kSaveBypassCache;
    if (cmd.has("running"))
        flags |= flags::kSaveRunning;
    if (cmd.has("paused"))
        flags |= flags::kSavePaused;
    if (cmd.has("reset-nvram"))
        flags |= flags::kSaveResetNvram;
    auto xmlFile = cmd.string("xml");
    std::optional<std::string> xml;
    if (xmlFile)
        xml = readFileForCommand(*xmlFile);
    withContext(shell, fmt::format("Failed to restore domain from {}", from),
                [&] { api(shell).restoreDomain(from, xml, flags); });
    shell.printer().printExtra(fmt::format("Domain restored from {}\n", from));
    return true;
}

bool cmdManagedSave(Shell& shell, const Invocation& cmd) {
    domainOption(shell, cmd);
    unsigned flags = 0;
    if (cmd.has("bypass-cache"))
        flags |= flags::kSaveBypassCache;
    if (cmd.has("running"))
        flags |= flags::kSaveRunning;
    if (cmd.has("paused"))
        flags |= flags::kSavePaused;
    Domain dom = domainOption(shell, cmd);
    std::string name = *cmd.string("domain");
    withContext(shell, fmt::format("Failed to save domain '{}' state", name), [&] { dom.managedSave(flags); });
    if (cmd.has("verbose"))
        jobDone(shell, "Managedsave");
    shell.printer().printExtra(fmt::format("\nDomain '{}' state saved by libvirt\n", name));
    return true;
}

bool cmdManagedSaveRemove(Shell& shell, const Invocation& cmd) {
    Domain dom = domainOption(shell, cmd);
    std::string name = *cmd.string("domain");
    bool saved = withContext(shell, "Failed to check for domain managed save image",
                             [&] { return dom.hasManagedSaveImage(); });
    if (!saved) {
        shell.printer().printExtra(
            fmt::format("Domain '{}' has no manage save image; removal skipped", name));
        return true;
    }
    withContext(shell, fmt::format("Failed to remove managed save image for domain '{}'", name),
                [&] { dom.managedSaveRemove(); });
    shell.printer().printExtra(fmt::format("Removed managedsave image for domain '{}'", name));
    return true;
}

}  // namespace cvirt::shell
