#include "cvirsh/connection.hpp"

#include <unistd.h>

#include "conf/client_config.hpp"
#include "conf/uri.hpp"
#include "util/error.hpp"
#include "util/files.hpp"

namespace cvirt::shell {
namespace {

// Stands in for the API: resolves what would be opened, then fails.
class NoApiConnector : public Connector {
public:
    explicit NoApiConnector(Environment env) : env_(std::move(env)) {}

    void open(const std::optional<std::string>& name, bool) override {
        auto target = resolveConnectTarget(name, env_);
        if (target)
            conf::Uri::parse(*target);  // a malformed URI is reported as such
        throw Error(ErrorCode::NoConnect, ErrorDomain::None,
                    (target ? *target : std::string("the default URI")) +
                        " (cvirsh is built without the cvirt API)");
    }
    void close() override {}
    bool isOpen() const override { return false; }
    std::string uri() const override { return {}; }

private:
    Environment env_;
};

}  // namespace

std::optional<std::string> resolveConnectTarget(const std::optional<std::string>& name,
                                                const Environment& env) {
    conf::EnvLookup lookup = [&](const char* key) { return env(key); };
    std::string path = conf::clientConfigPath(geteuid() == 0, lookup);
    std::optional<conf::ConfFile> config;
    if (fileExists(path))
        config = conf::ConfFile::read(path);
    std::optional<std::string_view> requested;
    if (name)
        requested = *name;
    return conf::resolveConnectUri(requested, config ? &*config : nullptr, lookup);
}

std::unique_ptr<Connector> makeConnector(Environment env) {
    return std::make_unique<NoApiConnector>(std::move(env));
}

}  // namespace cvirt::shell
