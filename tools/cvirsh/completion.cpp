#include "cvirsh/completion.hpp"

#include "cvirsh/invocation.hpp"
#include "cvirsh/registry.hpp"
#include "cvirsh/tokenizer.hpp"

namespace cvirt::shell {
namespace {

bool isBlank(char c) { return c == ' ' || c == '\t'; }

// The words of the last command in `line`, and whether the cursor starts a
// new word (the line ends in a blank).
std::vector<std::string> lastCommandWords(std::string_view line, bool& newWord) {
    StringTokenizer tokens(line, true);
    std::vector<std::string> words;
    for (;;) {
        Token t = tokens.next();
        if (t.kind == Token::Kind::End)
            break;
        if (t.kind == Token::Kind::CommandEnd)
            words.clear();
        else
            words.push_back(std::move(t.text));
    }
    newWord = line.empty() || isBlank(line.back()) || line.back() == ';' || line.back() == '\n';
    if (newWord)
        words.emplace_back();
    return words;
}

void addMatching(std::vector<std::string>& out, std::string_view candidate, std::string_view prefix) {
    if (candidate.starts_with(prefix))
        out.emplace_back(candidate);
}

}  // namespace

std::vector<std::string> completeLine(Shell& shell, std::string_view line) {
    bool newWord = false;
    std::vector<std::string> words = lastCommandWords(line, newWord);
    std::vector<std::string> out;
    const std::string& partial = words.back();
    if (words.size() == 1) {
        for (const auto* group : commandGroups())
            for (const auto& def : group->commands)
                if (!def.hidden())
                    addMatching(out, def.name, partial);
        return out;
    }
    const CommandDef* def = findCommand(words.front());
    if (!def)
        return out;

    // Replay the earlier words to learn which options are taken.
    std::vector<bool> seen(def->options.size(), false);
    std::vector<ParsedOption> given;
    const OptionDef* wantsValue = nullptr;
    auto indexOf = [&](const OptionDef* o) { return static_cast<size_t>(o - def->options.data()); };
    auto nextPositional = [&]() -> const OptionDef* {
        for (const auto& o : def->options)
            if (o.takesValue() && o.positional() && (!seen[indexOf(&o)] || o.type == OptionType::Argv))
                return &o;
        return nullptr;
    };
    for (size_t i = 1; i + 1 < words.size(); ++i) {
        const std::string& w = words[i];
        if (wantsValue) {
            given.push_back({wantsValue, w});
            wantsValue = nullptr;
            continue;
        }
        if (w.starts_with("--") && w.size() > 2) {
            std::string name = w.substr(2, w.find('=') - 2);
            for (const auto& o : def->options) {
                if (o.name != name)
                    continue;
                if (o.type == OptionType::Alias) {
                    name = std::string(o.help.substr(0, o.help.find('=')));
                    continue;
                }
                seen[indexOf(&o)] = true;
                if (o.takesValue() && w.find('=') == std::string::npos)
                    wantsValue = &o;
                else
                    given.push_back({&o, {}});
                break;
            }
        } else if (const OptionDef* o = nextPositional()) {
            seen[indexOf(o)] = true;
            given.push_back({o, w});
        }
    }
    Invocation sofar(*def, given);
    auto values = [&](const OptionDef* o) {
        if (o && o->completer)
            for (const auto& v : o->completer(shell, sofar))
                addMatching(out, v, partial);
    };
    if (wantsValue) {
        values(wantsValue);
        return out;
    }
    for (const auto& o : def->options) {
        if (o.type == OptionType::Alias || (seen[indexOf(&o)] && o.type != OptionType::Argv))
            continue;
        addMatching(out, "--" + std::string(o.name), partial);
    }
    if (!partial.starts_with("-"))
        values(nextPositional());
    return out;
}

}  // namespace cvirt::shell
