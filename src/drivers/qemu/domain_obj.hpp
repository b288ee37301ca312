#pragma once
// A domain known to the QEMU driver and the list of them.
//
// Locking: `mutex` guards the fields and is held only for short reads and
// writes, never across I/O, so queries (list, info, state, XML) never wait
// behind a long operation. A state change (start, stop, save, ...) holds
// the domain's job for its whole duration: one at a time per domain, other
// domains unaffected.

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "conf/domain/domain.hpp"
#include "driver/types.hpp"

namespace cvirt::qemu {

class QmpClient;
class DomainCgroup;
class ConsoleSessions;
struct HostResources;
using conf::domain::Domain;

struct DomainObj {
    DomainObj(std::string name, Uuid uuid) : name(std::move(name)), uuid(uuid) {}

    mutable std::mutex mutex;  // guards everything below
    std::string name;
    Uuid uuid;
    std::shared_ptr<const Domain> persistentDef;  // nullptr: transient
    std::shared_ptr<const Domain> liveDef;        // while running
    // Taps and display ports of the running guest; released when it stops.
    std::shared_ptr<HostResources> hostResources;
    int id = -1;
    DomainState state = DomainState::Shutoff;
    int reason = reason::kShutoffUnknown;
    pid_t pid = -1;
    bool autostart = false;
    bool hasManagedSave = false;
    std::string runtimeDir;
    std::string monitorPath;
    std::shared_ptr<QmpClient> monitor;
    // The guest's cgroups (qemu_cgroup.hpp); null without cgroups.
    std::shared_ptr<DomainCgroup> cgroup;
    // Streams on the guest's ptys (console.cpp); made by the first console.
    std::shared_ptr<ConsoleSessions> consoles;
    bool shutdownRequested = false;  // SHUTDOWN seen: the guest asked to power off
    bool fakeReboot = false;         // a reboot in progress: reset instead of stopping
    bool beingDestroyed = false;     // our SIGTERM: QEMU's SHUTDOWN is not the guest's
    // QEMU reports STOP and RESUME for our own stop/cont too: these count
    // the ones we asked for, so only the others become events.
    int expectedStops = 0;
    int expectedResumes = 0;
    std::chrono::steady_clock::time_point startedAt;

    bool active() const { return id >= 0; }
    DomainRef ref() const { return DomainRef{name, uuid, id}; }
    // The definition to show: live while running, else persistent.
    std::shared_ptr<const Domain> currentDef() const { return liveDef ? liveDef : persistentDef; }

    // The job: one state change at a time.
    class Job {
    public:
        Job(const Job&) = delete;
        ~Job();

    private:
        friend struct DomainObj;
        explicit Job(DomainObj& obj) : obj_(obj) {}
        DomainObj& obj_;
    };
    // Waits up to `timeout` for the job; throws OPERATION_TIMEOUT
    // ("cannot acquire state change lock (held by <job>)") as libvirt does.
    std::unique_ptr<Job> beginJob(const char* what, std::chrono::milliseconds timeout = std::chrono::seconds(30));
    std::string jobName() const;

private:
    std::condition_variable jobFree_;
    const char* job_ = nullptr;
};

using DomainObjPtr = std::shared_ptr<DomainObj>;

class DomainList {
public:
    DomainObjPtr findByUuid(const Uuid& uuid) const;
    DomainObjPtr findByName(const std::string& name) const;
    DomainObjPtr findById(int id) const;
    std::vector<DomainObjPtr> all() const;
    // Throws DOM_EXIST / OPERATION_FAILED when the name or uuid clash with
    // another domain, with libvirt's messages.
    void add(const DomainObjPtr& obj);
    void remove(const Uuid& uuid);
    size_t size() const;

private:
    mutable std::mutex mutex_;
    std::map<Uuid, DomainObjPtr> byUuid_;
    std::map<std::string, DomainObjPtr> byName_;
};

}  // namespace cvirt::qemu
