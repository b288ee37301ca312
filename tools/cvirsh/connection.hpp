#pragma once
// The seam between the shell and the hypervisor API.
//
// makeConnector() returns a Connector over cvirt's public API: it resolves
// the target exactly as virsh would (cvirt.conf uri_aliases, then the
// default URI) and opens a cvirt::Connection; handlers reach it through
// Shell::connector().api(). Tests may substitute their own Connector.

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "cvirt/connection.hpp"

namespace cvirt::shell {

class Connector {
public:
    virtual ~Connector() = default;
    // Opens `name` (nullopt: the default URI). Throws cvirt::Error.
    virtual void open(const std::optional<std::string>& name, bool readonly) = 0;
    virtual void close() = 0;
    virtual bool isOpen() const = 0;
    // The canonical URI of the open connection (`uri` command).
    virtual std::string uri() const = 0;
    // The open connection; throws NO_CONNECT when none is open (the run
    // loop connects before any command that needs one, so handlers may
    // rely on it).
    virtual cvirt::Connection& api() = 0;
};

using Environment = std::function<const char*(const char*)>;

// What to connect to: `name` after alias resolution (cvirt.conf
// uri_aliases), else CVIRT_DEFAULT_URI, LIBVIRT_DEFAULT_URI, uri_default;
// nullopt means "probe the local drivers". Throws cvirt::Error for a bad
// cvirt.conf or URI.
std::optional<std::string> resolveConnectTarget(const std::optional<std::string>& name,
                                                const Environment& env);

std::unique_ptr<Connector> makeConnector(Environment env);

}  // namespace cvirt::shell
