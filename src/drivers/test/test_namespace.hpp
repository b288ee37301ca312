#pragma once
// The test driver's own elements inside <domain>, in the namespace
// http://libvirt.org/schemas/domain/test/1.0 (testDomainDefNamespaceParse):
// <test:runstate>, <test:transient/>, <test:hasmanagedsave/> and
// <test:domainsnapshot> elements. They shape domains loaded from a node
// file; a defined domain only has them checked.

#include <vector>

#include "driver/types.hpp"
#include "util/xml.hpp"

namespace cvirt::drivers::test {

inline constexpr const char* kTestNamespaceUri = "http://libvirt.org/schemas/domain/test/1.0";

struct TestNamespaceData {
    DomainState runstate = DomainState::Running;
    bool transient = false;
    bool hasManagedSave = false;
    // The <test:domainsnapshot> elements (valid while their document lives).
    std::vector<cvirt::xml::Node> snapshots;
};

// Reads the elements under `domain`; XML_ERROR (VIR_FROM_TEST) for values
// libvirt refuses.
TestNamespaceData parseTestNamespace(const cvirt::xml::Node& domain);

}  // namespace cvirt::drivers::test
