#pragma once
// The seam between the shell and the hypervisor API.
//
// Until the public C++ API (include/cvirt/) exists, the only Connector is
// one that resolves the URI exactly as virsh would and then reports that no
// driver is available. The API work replaces makeConnector() with one that
// opens a cvirt::Connection; handlers reach it through Shell::connector().

#include <functional>
#include <memory>
#include <optional>
#include <string>

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
