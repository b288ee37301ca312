#include "cvirsh/parser.hpp"

#include <fmt/format.h>

#include "cvirsh/registry.hpp"

namespace cvirt::shell {
namespace {

const OptionDef kHelpOption = opt::flag("help", "print help for this function");

bool isAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// The state of one command while its words are read.
class CommandParser {
public:
    CommandParser(const CommandDef& def, const ParseHooks& hooks)
        : def_(def), hooks_(hooks), seen_(def.options.size(), false) {
        for (size_t i = 0; i < def.options.size(); ++i)
            if (def.options[i].takesValue() && def.options[i].positional())
                pending_.push_back(i);
    }

    bool isHelp() const { return def_.name == "help"; }

    // `--name[=value]`: returns the option, or nullptr when `help` ignores it.
    const OptionDef* option(std::string name, std::optional<std::string>& value) {
        if (name == kHelpOption.name)
            return &kHelpOption;
        for (size_t i = 0; i < def_.options.size(); ++i) {
            const auto& o = def_.options[i];
            if (o.name != name)
                continue;
            if (o.type == OptionType::Alias) {
                // The target is declared later; keep scanning from here.
                std::string_view target = o.help;
                if (auto eq = target.find('='); eq != std::string_view::npos) {
                    if (value)
                        throw ParseError(fmt::format("invalid '=' after option --{}", o.name));
                    value = std::string(target.substr(eq + 1));
                    target = target.substr(0, eq);
                }
                name = std::string(target);
                continue;
            }
            if (seen_[i] && o.type != OptionType::Argv) {
                std::string message = fmt::format("option --{} already seen", name);
                if (!isHelp())
                    throw ParseError(message);
                if (hooks_.softError)
                    hooks_.softError(message);
                return nullptr;
            }
            seen_[i] = true;
            if (o.type != OptionType::Argv)
                std::erase(pending_, i);
            return &o;
        }
        if (!isHelp())
            throw ParseError(fmt::format("command '{}' doesn't support option --{}", def_.name, name));
        return nullptr;
    }

    // A bare value: the first positional option still waiting for one.
    const OptionDef* data(const std::string& word) {
        if (pending_.empty()) {
            if (isHelp())
                return nullptr;
            throw ParseError(fmt::format("unexpected data '{}'", word));
        }
        size_t i = pending_.front();
        if (def_.options[i].type != OptionType::Argv)
            pending_.erase(pending_.begin());
        seen_[i] = true;
        return &def_.options[i];
    }

    void add(const OptionDef* def, std::string value) {
        if (hooks_.trace)
            hooks_.trace(fmt::format("{}: {}({}): {}\n", def_.name, def->name,
                                     def->type != OptionType::Bool ? "optdata" : "bool",
                                     def->type != OptionType::Bool ? value : "(none)"));
        options_.push_back({def, std::move(value)});
    }

    Invocation finish() {
        for (const auto& o : options_)
            if (o.def == &kHelpOption) {
                const CommandDef* help = findCommand("help");
                return Invocation(*help, {{&help->options.front(), std::string(def_.name)}});
            }
        std::string missing;
        for (size_t i = 0; i < def_.options.size(); ++i) {
            const auto& o = def_.options[i];
            if (!o.required() || seen_[i])
                continue;
            bool bare = o.type == OptionType::Data || o.type == OptionType::Argv;
            if (!missing.empty())
                missing += "\n";
            missing += bare ? fmt::format("command '{}' requires <{}> option", def_.name, o.name)
                            : fmt::format("command '{}' requires --{} option", def_.name, o.name);
        }
        if (!missing.empty())
            throw ParseError(missing);
        return Invocation(def_, std::move(options_));
    }

private:
    const CommandDef& def_;
    const ParseHooks& hooks_;
    std::vector<bool> seen_;
    std::vector<size_t> pending_;  // positional options without a value yet
    std::vector<ParsedOption> options_;
};

}  // namespace

std::vector<Invocation> parseCommands(TokenSource& tokens, const ParseHooks& hooks) {
    std::vector<Invocation> commands;
    for (;;) {
        Token tk = tokens.next();
        if (tk.kind == Token::Kind::End)
            return commands;
        if (tk.kind == Token::Kind::CommandEnd)
            continue;
        const CommandDef* def = findCommand(tk.text);
        if (!def)
            throw ParseError(fmt::format("unknown command: '{}'", tk.text));
        CommandParser cmd(*def, hooks);
        bool dataOnly = false;
        for (;;) {
            tk = tokens.next();
            if (tk.kind != Token::Kind::Word)
                break;
            const std::string& w = tk.text;
            if (!dataOnly && w.size() > 2 && w[0] == '-' && w[1] == '-' && isAlnum(w[2])) {
                std::string name = w.substr(2);
                std::optional<std::string> value;
                if (auto eq = name.find('='); eq != std::string::npos) {
                    value = name.substr(eq + 1);
                    name.resize(eq);
                }
                const OptionDef* o = cmd.option(name, value);
                if (!o)
                    continue;
                if (o->type == OptionType::Bool) {
                    if (value)
                        throw ParseError(fmt::format("invalid '=' after option --{}", o->name));
                    cmd.add(o, {});
                    continue;
                }
                if (!value) {
                    Token v = tokens.next();
                    if (v.kind != Token::Kind::Word)
                        throw ParseError(fmt::format("expected syntax: --{} <{}>", o->name,
                                                     o->type == OptionType::Number ? "number" : "string"));
                    value = std::move(v.text);
                }
                cmd.add(o, std::move(*value));
            } else if (!dataOnly && w == "--") {
                dataOnly = true;
            } else if (const OptionDef* o = cmd.data(w)) {
                cmd.add(o, w);
            }
        }
        commands.push_back(cmd.finish());
        if (tk.kind == Token::Kind::End)
            return commands;
    }
}

}  // namespace cvirt::shell
