#include "drivers/test/test_namespace.hpp"

#include "util/error.hpp"
#include "util/strings.hpp"

namespace cvirt::drivers::test {
namespace {

bool inTestNamespace(const cvirt::xml::Node& node) {
    auto uri = node.namespaceUri();
    return uri && *uri == kTestNamespaceUri;
}

cvirt::xml::Node testChild(const cvirt::xml::Node& parent, std::string_view name) {
    for (const auto& c : parent.children(name))
        if (inTestNamespace(c))
            return c;
    return cvirt::xml::Node();
}

}  // namespace

TestNamespaceData parseTestNamespace(const cvirt::xml::Node& domain) {
    TestNamespaceData data;
    for (const auto& c : domain.children("domainsnapshot"))
        if (inTestNamespace(c))
            data.snapshots.push_back(c);
    data.transient = static_cast<bool>(testChild(domain, "transient"));
    data.hasManagedSave = static_cast<bool>(testChild(domain, "hasmanagedsave"));

    if (auto runstate = testChild(domain, "runstate")) {
        std::string text = runstate.text();
        // Like virXPathUInt: an empty value counts as absent.
        if (!text.empty()) {
            auto value = parseInt<unsigned>(text);
            if (!value)
                fail(ErrorCode::XmlError, ErrorDomain::Test, "invalid runstate");
            if (*value > static_cast<unsigned>(DomainState::PmSuspended))
                fail(ErrorCode::XmlError, ErrorDomain::Test, "runstate '{}' out of range'", *value);
            data.runstate = static_cast<DomainState>(*value);
        }
    }
    if (data.transient && data.runstate == DomainState::Shutoff)
        fail(ErrorCode::XmlError, ErrorDomain::Test, "transient domain cannot have runstate 'shutoff'");
    if (data.hasManagedSave && data.runstate != DomainState::Shutoff)
        fail(ErrorCode::XmlError, ErrorDomain::Test, "domain with managedsave data can only have runstate 'shutoff'");
    return data;
}

}  // namespace cvirt::drivers::test
