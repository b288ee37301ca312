#include "cvirsh/help.hpp"

#include <fmt/format.h>

#include "cvirsh/registry.hpp"

namespace cvirt::shell {
namespace {

void listCommands(std::string& out, const CommandGroup& group) {
    for (const auto& def : group.commands)
        if (!def.hidden())
            out += fmt::format("    {:<30} {}\n", def.name, def.help);
}

}  // namespace

std::string commandHelp(const CommandDef& def) {
    std::string out = fmt::format("  NAME\n    {} - {}\n", def.name, def.help);
    out += fmt::format("\n  SYNOPSIS\n    {}", def.name);
    // Once a value option may be given bare, argv values may be too and are
    // shown as "[--name] <string>".
    bool bareValues = false;
    for (const auto& o : def.options) {
        switch (o.type) {
            case OptionType::Bool:
                out += fmt::format(" [--{}]", o.name);
                break;
            case OptionType::Number:
                out += o.required() ? fmt::format(" <{}>", o.name) : fmt::format(" [--{} <number>]", o.name);
                break;
            case OptionType::String:
                out += o.required() ? fmt::format(" <{}>", o.name) : fmt::format(" [--{} <string>]", o.name);
                break;
            case OptionType::Data:
                out += o.required() ? fmt::format(" <{}>", o.name) : fmt::format(" [<{}>]", o.name);
                break;
            case OptionType::Argv:
                if (bareValues)
                    out += o.required() ? fmt::format(" {{[--{}] <string>}}...", o.name)
                                        : fmt::format(" [[--{}] <string>]...", o.name);
                else
                    out += o.required() ? fmt::format(" <{}>...", o.name) : fmt::format(" [<{}>]...", o.name);
                break;
            case OptionType::Alias:
                break;  // aliases stay undocumented
        }
        if (o.takesValue() && o.type != OptionType::Argv && o.positional())
            bareValues = true;
    }
    out += '\n';
    if (!def.desc.empty())
        out += fmt::format("\n  DESCRIPTION\n    {}\n", def.desc);

    bool any = false;
    for (const auto& o : def.options) {
        std::string label;
        switch (o.type) {
            case OptionType::Bool:
                label = fmt::format("--{}", o.name);
                break;
            case OptionType::Number:
                label = o.required() ? fmt::format("[--{}] <number>", o.name) : fmt::format("--{} <number>", o.name);
                break;
            case OptionType::String:
            case OptionType::Data:
                label = o.required() ? fmt::format("[--{}] <string>", o.name) : fmt::format("--{} <string>", o.name);
                break;
            case OptionType::Argv:
                label = bareValues ? fmt::format("[--{}] <string>", o.name) : fmt::format("<{}>", o.name);
                break;
            case OptionType::Alias:
                continue;
        }
        if (!any)
            out += "\n  OPTIONS\n";
        any = true;
        out += fmt::format("    {:<15}  {}\n", label, o.help);
    }
    out += '\n';
    return out;
}

std::string groupHelp(const CommandGroup& group) {
    std::string out = fmt::format(" {} (help keyword '{}'):\n", group.name, group.keyword);
    listCommands(out, group);
    return out;
}

std::string allCommandsHelp() {
    std::string out = "Grouped commands:\n\n";
    for (const auto* group : commandGroups()) {
        out += groupHelp(*group);
        out += '\n';
    }
    return out;
}

std::string usageCommandList() {
    std::string out;
    for (const auto* group : commandGroups()) {
        out += fmt::format(" {} (help keyword '{}')\n", group->name, group->keyword);
        listCommands(out, *group);
        out += '\n';
    }
    return out;
}

}  // namespace cvirt::shell
