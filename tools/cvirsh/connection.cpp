#include "cvirsh/connection.hpp"

#include <unistd.h>

#include "conf/client_config.hpp"
#include "conf/uri.hpp"
#include "util/error.hpp"
#include "util/files.hpp"

namespace cvirt::shell {
namespace {

// Opens connections through cvirt's public API. Aliases and the default
// URI are resolved here, with the shell's environment, so that the API
// sees exactly the URI virsh would have passed to virConnectOpenAuth.
class ApiConnector : public Connector {
public:
    explicit ApiConnector(Environment env) : env_(std::move(env)) {}

    void open(const std::optional<std::string>& name, bool readonly) override {
        auto target = resolveConnectTarget(name, env_);
        unsigned flags = flags::kConnectNoAliases | (readonly ? flags::kConnectReadOnly : 0);
        connection_ = Connection::open(target ? *target : std::string(), flags);
    }
    void close() override { connection_.reset(); }
    bool isOpen() const override { return connection_.has_value(); }
    std::string uri() const override { return connection_ ? connection_->uri() : std::string(); }
    Connection& api() override {
        if (!connection_)
            throw Error::raw(ErrorCode::NoConnect, ErrorDomain::None, "no valid connection");
        return *connection_;
    }

private:
    Environment env_;
    std::optional<Connection> connection_;
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
    if (name && !name->empty())
        requested = *name;
    return conf::resolveConnectUri(requested, config ? &*config : nullptr, lookup);
}

std::unique_ptr<Connector> makeConnector(Environment env) {
    return std::make_unique<ApiConnector>(std::move(env));
}

}  // namespace cvirt::shell
