#pragma once
// The state changes every test driver API builds on (libvirt's
// testDomainStartState, testDomainShutdownState, virDomainObjGetOneDef and
// friends). Callers hold the driver state's lock.

#include <memory>
#include <string_view>

#include "drivers/test/driver_state.hpp"

namespace cvirt::drivers::test {

using conf::domain::Domain;

// A domain definition parsed the way the test driver's xmlopt parses it
// (inactive, with the test hooks); `validateSchema` for the VALIDATE flags.
std::unique_ptr<Domain> parseDomain(DriverState& state, std::string_view xml, bool validateSchema = false);
// virDomainDefCopy: the definition without its live data.
std::unique_ptr<Domain> copyDomain(const Domain& def);
// testDomainGenerateIfnames: "testnetN" for interfaces without a target.
void generateIfnames(Domain& def);

void setState(DomainObject& obj, DomainState state, int reason);
// Running with a fresh id; the persistent definition kept aside.
void startState(DriverState& state, DomainObject& obj, int reason);
// Shut off: back to the persistent definition, id -1.
void shutdownState(DomainObject& obj, int reason);

// virDomainObjCheckActive: OPERATION_INVALID "domain is not running".
void checkActive(const DomainObject& obj);
// virDomainObjUpdateModificationImpact: resolves AFFECT_CURRENT in `flags`
// and refuses LIVE on an inactive or CONFIG on a transient domain.
void updateModificationImpact(const DomainObject& obj, unsigned& flags);
// virDomainObjGetOneDefState: the one definition `flags` names (LIVE and
// CONFIG together are refused); `live` tells which one it is.
Domain& oneDef(DomainObject& obj, unsigned flags, bool* live = nullptr);
// virDomainObjGetDefs: the live and/or persistent definitions `flags` name.
void getDefs(DomainObject& obj, unsigned flags, Domain** live, Domain** persistent);

// testDomainObjCheckTaint: the messages a loaded domain starts with.
void checkTaint(DomainObject& obj);
// virDomainObjGetMessages: "tainted: ..." for each taint flag, then
// "deprecated configuration: ..." for each note; `flags` selects them
// (VIR_DOMAIN_MESSAGE_DEPRECATION 1, VIR_DOMAIN_MESSAGE_TAINTING 2; 0: all).
std::vector<std::string> domainMessages(const DomainObject& obj, unsigned flags);

}  // namespace cvirt::drivers::test
