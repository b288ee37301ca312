// domxml-to-native: the hypervisor's own form of a domain definition.
#include "cvirsh/commands/common.hpp"
#include "cvirsh/commands/domain_handlers.hpp"

namespace cvirt::shell {

bool cmdDomxmlToNative(Shell& shell, const Invocation& cmd) {
    std::string format = *cmd.string("format");
    requireExclusive(cmd, "domain", "xml");
    std::string xml;
    if (cmd.has("domain"))
        xml = domainOption(shell, cmd).xmlDesc();
    else if (auto file = cmd.string("xml"))
        xml = readFileForCommand(*file);
    else
        failCommand(shell, "need either domain or domain XML");
    // libvirt's text has no final newline; the shell's blank line ends it.
    shell.printer().print(api(shell).domainXmlToNative(format, xml));
    return true;
}

}  // namespace cvirt::shell
