#include "cvirsh/registry.hpp"

#include <fmt/format.h>

#include "cvirsh/commands/groups.hpp"

namespace cvirt::shell {

const OptionDef* CommandDef::option(std::string_view wanted) const {
    for (const auto& o : options)
        if (o.name == wanted && o.type != OptionType::Alias)
            return &o;
    return nullptr;
}

const std::vector<const CommandGroup*>& commandGroups() {
    static const std::vector<const CommandGroup*> groups = {
        &domainManagementGroup(), &domainMonitoringGroup(), &domainEventsGroup(),
        &hostGroup(),             &checkpointGroup(),       &interfaceGroup(),
        &networkFilterGroup(),    &networkingGroup(),       &nodeDeviceGroup(),
        &secretGroup(),           &snapshotGroup(),         &backupGroup(),
        &storagePoolGroup(),      &storageVolumeGroup(),    &virshItselfGroup(),
    };
    return groups;
}

namespace {

const CommandDef* findExact(std::string_view name) {
    for (const auto* group : commandGroups())
        for (const auto& def : group->commands)
            if (def.name == name)
                return &def;
    return nullptr;
}

}  // namespace

const CommandDef* findCommand(std::string_view name) {
    const CommandDef* def = findExact(name);
    if (def && !def->aliasOf.empty())
        return findExact(def->aliasOf);
    return def;
}

const CommandGroup* findGroup(std::string_view nameOrKeyword) {
    for (const auto* group : commandGroups())
        if (group->name == nameOrKeyword || group->keyword == nameOrKeyword)
            return group;
    return nullptr;
}

std::vector<std::string> validateCommand(const CommandDef& def) {
    std::vector<std::string> problems;
    auto problem = [&](std::string text) { problems.push_back(fmt::format("{}: {}", def.name, text)); };
    if (!def.aliasOf.empty()) {
        if (!findExact(def.aliasOf))
            problem(fmt::format("alias of unknown command '{}'", def.aliasOf));
        return problems;
    }
    if (!def.handler)
        problem("no handler");
    bool optionalSeen = false;
    for (size_t i = 0; i < def.options.size(); ++i) {
        const auto& o = def.options[i];
        if (o.name.empty() || o.name == "help")
            problem(fmt::format("bad option name '{}'", o.name));
        for (size_t j = 0; j < i; ++j)
            if (def.options[j].name == o.name)
                problem(fmt::format("option --{} declared twice", o.name));
        switch (o.type) {
            case OptionType::Bool:
                if (o.flags & (kRequired | kPositional))
                    problem(fmt::format("bool option --{} cannot be required or positional", o.name));
                optionalSeen = true;
                break;
            case OptionType::Alias: {
                auto target = o.help.substr(0, o.help.find('='));
                const OptionDef* found = nullptr;
                for (size_t j = i + 1; j < def.options.size() && !found; ++j)
                    if (def.options[j].name == target && def.options[j].type != OptionType::Alias)
                        found = &def.options[j];
                if (!found)
                    problem(fmt::format("alias --{} must name a later option", o.name));
                else if (o.help.find('=') != std::string_view::npos && found->type == OptionType::Bool)
                    problem(fmt::format("alias --{} gives a value to a bool option", o.name));
                if (o.flags)
                    problem(fmt::format("alias --{} cannot carry flags", o.name));
                break;
            }
            default:
                if (o.type == OptionType::Data && !o.required())
                    problem(fmt::format("data option <{}> must be required", o.name));
                if (o.type == OptionType::Argv && i + 1 != def.options.size())
                    problem(fmt::format("argv option <{}> must be last", o.name));
                if (!o.positional()) {
                    if (!o.required())
                        optionalSeen = true;
                    break;
                }
                if (o.required()) {
                    if (optionalSeen && o.type != OptionType::Argv)
                        problem(fmt::format("required option --{} must come before optional ones", o.name));
                } else {
                    optionalSeen = true;
                }
        }
    }
    return problems;
}

}  // namespace cvirt::shell
