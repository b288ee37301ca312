// Starting, stopping, pausing and saving domains, with the lifecycle
// events libvirt's test driver sends for each transition.

#include "drivers/test/domain_access.hpp"
#include "drivers/test/domain_ops.hpp"
#include "drivers/test/flags.hpp"
#include "drivers/test/save_image.hpp"
#include "drivers/test/test_connection.hpp"

namespace cvirt::drivers::test {
namespace {

// testDomainActionSetState: where a guest-initiated power off or reboot
// leaves the domain, given its <on_poweroff>/<on_reboot> action.
void applyLifecycleAction(DomainObject& obj, dom::LifecycleAction action) {
    using A = dom::LifecycleAction;
    if (action == A::Restart || action == A::RestartRename)
        setState(obj, DomainState::Running, reason::kBooted);
    else
        setState(obj, DomainState::Shutoff, reason::kShutdown);
}

}  // namespace

void TestConnection::domainCreate(const DomainRef& dom, unsigned flags) {
    checkFlags(flags, 0, "testDomainCreateWithFlags");
    StateLock lock(*state_);
    DomainObject& obj = domainFrom(dom);
    if (obj.state != DomainState::Shutoff)
        fail(ErrorCode::InternalError, ErrorDomain::Test, "Domain '{}' is already running", dom.name);
    startState(*state_, obj, reason::kBooted);
    lock.queueLifecycle(obj.ref(), event::kStarted, event::kStartedBooted);
}

void TestConnection::domainDestroy(const DomainRef& dom, unsigned flags) {
    checkFlags(flags, flags::kDestroyGraceful, "testDomainDestroyFlags");
    StateLock lock(*state_);
    DomainObject& obj = domainFrom(dom);
    checkActive(obj);
    shutdownState(obj, reason::kDestroyed);
    lock.queueLifecycle(obj.ref(), event::kStopped, event::kStoppedDestroyed);
    removeIfTransient(obj);
}

void TestConnection::domainShutdown(const DomainRef& dom, unsigned flags) {
    checkFlags(flags, 0, "testDomainShutdownFlags");
    StateLock lock(*state_);
    DomainObject& obj = domainFrom(dom);
    if (obj.state == DomainState::Shutoff)
        fail(ErrorCode::InternalError, ErrorDomain::Test, "domain '{}' not running", dom.name);
    applyLifecycleAction(obj, dom::onPoweroff(*obj.def));
    if (obj.state == DomainState::Shutoff) {
        shutdownState(obj, reason::kShutdown);
        lock.queueLifecycle(obj.ref(), event::kStopped, event::kStoppedShutdown);
        removeIfTransient(obj);
    }
}

void TestConnection::domainReboot(const DomainRef& dom, unsigned flags) {
    checkFlags(flags,
               flags::kPowerAcpi | flags::kPowerGuestAgent | flags::kPowerInitctl | flags::kPowerSignal |
                   flags::kPowerParavirt,
               "testDomainReboot");
    StateLock lock(*state_);
    DomainObject& obj = domainFrom(dom);
    checkActive(obj);
    applyLifecycleAction(obj, dom::onReboot(*obj.def));
    if (obj.state == DomainState::Shutoff) {
        shutdownState(obj, reason::kShutdown);
        lock.queueLifecycle(obj.ref(), event::kStopped, event::kStoppedShutdown);
        removeIfTransient(obj);
    }
}

void TestConnection::domainReset(const DomainRef& dom, unsigned flags) {
    checkFlags(flags, 0, "testDomainReset");
    StateLock lock(*state_);
    checkActive(domainFrom(dom));
}

void TestConnection::domainSuspend(const DomainRef& dom) {
    StateLock lock(*state_);
    DomainObject& obj = domainFrom(dom);
    if (obj.state == DomainState::Shutoff || obj.state == DomainState::Paused)
        fail(ErrorCode::InternalError, ErrorDomain::Test, "domain '{}' not running", dom.name);
    setState(obj, DomainState::Paused, reason::kUser);
    lock.queueLifecycle(obj.ref(), event::kSuspended, event::kSuspendedPaused);
}

void TestConnection::domainResume(const DomainRef& dom) {
    StateLock lock(*state_);
    DomainObject& obj = domainFrom(dom);
    if (obj.state != DomainState::Paused)
        fail(ErrorCode::InternalError, ErrorDomain::Test, "domain '{}' not paused", dom.name);
    setState(obj, DomainState::Running, reason::kUnpaused);
    lock.queueLifecycle(obj.ref(), event::kResumed, event::kResumedUnpaused);
}

void TestConnection::domainSave(const DomainRef& dom, const std::string& to, const std::optional<std::string>& dxml,
                                unsigned flags) {
    checkFlags(flags, 0, "testDomainSaveFlags");
    if (dxml)
        throw Error(ErrorCode::ArgumentUnsupported, ErrorDomain::Test, "xml modification unsupported");
    StateLock lock(*state_);
    DomainObject& obj = domainFrom(dom);
    checkActive(obj);
    conf::domain::DomainFormatOptions format;
    format.secure = true;
    writeSaveImage(to, obj.def->name, conf::domain::formatDomainXml(*obj.def, format));
    shutdownState(obj, reason::kSaved);
    lock.queueLifecycle(obj.ref(), event::kStopped, event::kStoppedSaved);
    removeIfTransient(obj);
}

void TestConnection::domainManagedSave(const DomainRef& dom, unsigned flags) {
    checkFlags(flags, flags::kSaveBypassCache | flags::kSaveRunning | flags::kSavePaused, "testDomainManagedSave");
    StateLock lock(*state_);
    DomainObject& obj = domainFrom(dom);
    checkActive(obj);
    if (!obj.persistent)
        throw Error(ErrorCode::OperationInvalid, ErrorDomain::Test, "cannot do managed save for transient domain");
    shutdownState(obj, reason::kSaved);
    lock.queueLifecycle(obj.ref(), event::kStopped, event::kStoppedSaved);
    obj.hasManagedSave = true;
}

bool TestConnection::domainHasManagedSaveImage(const DomainRef& dom, unsigned flags) {
    checkFlags(flags, 0, "testDomainHasManagedSaveImage");
    StateLock lock(*state_);
    return domainFrom(dom).hasManagedSave;
}

void TestConnection::domainManagedSaveRemove(const DomainRef& dom, unsigned flags) {
    checkFlags(flags, 0, "testDomainManagedSaveRemove");
    StateLock lock(*state_);
    domainFrom(dom).hasManagedSave = false;
}

bool TestConnection::domainGetAutostart(const DomainRef& dom) {
    StateLock lock(*state_);
    return domainFrom(dom).autostart;
}

void TestConnection::domainSetAutostart(const DomainRef& dom, bool autostart) {
    StateLock lock(*state_);
    domainFrom(dom).autostart = autostart;
}

}  // namespace cvirt::drivers::test
