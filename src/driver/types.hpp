#pragma once
// Plain values that cross the driver interface, the public API and the wire:
// object references, info structs, states and flags, all with libvirt's
// numbers (clients send and receive them unchanged).

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "util/uuid.hpp"

namespace cvirt {

// ---- object references (remote_nonnull_domain and friends) -------------

struct DomainRef {
    std::string name;
    Uuid uuid;
    int id = -1;  // -1 when the domain is not running
    bool operator==(const DomainRef&) const = default;
};

struct NetworkRef {
    std::string name;
    Uuid uuid;
    bool operator==(const NetworkRef&) const = default;
};

struct StoragePoolRef {
    std::string name;
    Uuid uuid;
    bool operator==(const StoragePoolRef&) const = default;
};

struct StorageVolRef {
    std::string pool;
    std::string name;
    std::string key;
    bool operator==(const StorageVolRef&) const = default;
};

struct DomainSnapshotRef {
    DomainRef domain;
    std::string name;
    bool operator==(const DomainSnapshotRef&) const = default;
};

// ---- domain state -------------------------------------------------------

enum class DomainState : int {
    NoState = 0, Running = 1, Blocked = 2, Paused = 3, Shutdown = 4, Shutoff = 5, Crashed = 6, PmSuspended = 7,
};

// Reasons, per state (virDomainRunningReason etc.).
namespace reason {
enum Running : int { kRunningUnknown = 0, kBooted = 1, kMigrated = 2, kRestored = 3, kRunningFromSnapshot = 4,
                     kUnpaused = 5, kMigrationCanceled = 6, kSaveCanceled = 7, kWakeup = 8, kRunningCrashed = 9,
                     kRunningPostcopy = 10, kRunningPostcopyFailed = 11 };
enum Paused : int { kPausedUnknown = 0, kUser = 1, kPausedMigration = 2, kPausedSave = 3, kDump = 4, kIoError = 5,
                    kWatchdog = 6, kPausedFromSnapshot = 7, kShuttingDown = 8, kSnapshot = 9, kPausedCrashed = 10,
                    kStartingUp = 11, kPausedPostcopy = 12, kPausedPostcopyFailed = 13 };
enum Shutoff : int { kShutoffUnknown = 0, kShutdown = 1, kDestroyed = 2, kShutoffCrashed = 3, kShutoffMigrated = 4,
                     kSaved = 5, kFailed = 6, kShutoffFromSnapshot = 7, kDaemon = 8 };
enum Shutdown : int { kShutdownUnknown = 0, kShutdownUser = 1 };
enum Crashed : int { kCrashedUnknown = 0, kPanicked = 1 };
}  // namespace reason

struct DomainInfo {
    DomainState state = DomainState::NoState;
    uint64_t maxMem = 0;  // KiB
    uint64_t memory = 0;  // KiB
    unsigned nrVirtCpu = 0;
    uint64_t cpuTime = 0;  // ns
};

struct NodeInfo {
    std::string model;  // at most 31 characters on the wire
    uint64_t memory = 0;  // KiB
    unsigned cpus = 0;
    unsigned mhz = 0;
    unsigned nodes = 0;
    unsigned sockets = 0;
    unsigned cores = 0;
    unsigned threads = 0;
};

struct VcpuInfo {
    unsigned number = 0;
    int state = 0;  // virVcpuState: 0 offline, 1 running, 2 blocked
    uint64_t cpuTime = 0;
    int cpu = -1;
};

struct VcpuPinning {
    std::vector<VcpuInfo> info;
    std::vector<std::vector<uint8_t>> cpumaps;  // one bitmap of host CPUs per vcpu
};

// virTypedParameter: a named value whose alternative is its wire type
// (VIR_TYPED_PARAM_INT, UINT, LLONG, ULLONG, DOUBLE, BOOLEAN, STRING).
using TypedValue = std::variant<int32_t, uint32_t, int64_t, uint64_t, double, bool, std::string>;
struct TypedParameter {
    std::string field;
    TypedValue value;
    bool operator==(const TypedParameter&) const = default;
};

// virDomainGetSchedulerType: the scheduler and its parameter count.
struct SchedulerType {
    std::string type;  // "posix" for QEMU
    int nparams = 0;
    bool operator==(const SchedulerType&) const = default;
};

// virNodeGetCPUMap: how many CPUs the host has, which are online.
struct NodeCpuMap {
    int cpus = 0;
    std::vector<uint8_t> cpumap;  // empty unless asked for
    unsigned online = 0;
};

struct SecurityModel {
    std::string model;
    std::string doi;
};

struct SecurityLabel {
    std::string label;
    bool enforcing = false;
};

struct StoragePoolInfo {
    int state = 0;  // virStoragePoolState: 0 inactive, 1 building, 2 running, 3 degraded, 4 inaccessible
    uint64_t capacity = 0, allocation = 0, available = 0;  // bytes
};

struct StorageVolInfo {
    int type = 0;  // virStorageVolType: 0 file, 1 block, 2 dir, 3 network, 4 netdir, 5 ploop
    uint64_t capacity = 0, allocation = 0;  // bytes
};

struct DomainJobInfo {
    int type = 0;  // virDomainJobType: 0 none, 1 bounded, 2 unbounded, 3 completed, 4 failed, 5 cancelled
    uint64_t timeElapsed = 0, timeRemaining = 0;
    uint64_t dataTotal = 0, dataProcessed = 0, dataRemaining = 0;
    uint64_t memTotal = 0, memProcessed = 0, memRemaining = 0;
    uint64_t fileTotal = 0, fileProcessed = 0, fileRemaining = 0;
};

// ---- events -------------------------------------------------------------

namespace event {
// virDomainEventID
enum Id : int { kLifecycle = 0, kReboot = 1, kRtcChange = 2, kWatchdog = 3, kIoError = 4, kGraphics = 5,
                kIoErrorReason = 6, kControlError = 7, kBlockJob = 8, kDiskChange = 9, kTrayChange = 10,
                kPmWakeup = 11, kPmSuspend = 12, kBalloonChange = 13, kPmSuspendDisk = 14, kDeviceRemoved = 15,
                kBlockJob2 = 16, kTunable = 17, kAgentLifecycle = 18, kDeviceAdded = 19, kMigrationIteration = 20,
                kJobCompleted = 21, kDeviceRemovalFailed = 22, kMetadataChange = 23, kBlockThreshold = 24,
                kMemoryFailure = 25, kMemoryDeviceSizeChange = 26, kLast = 27 };
// virDomainEventType (lifecycle)
enum Lifecycle : int { kDefined = 0, kUndefined = 1, kStarted = 2, kSuspended = 3, kResumed = 4, kStopped = 5,
                       kShutdown = 6, kPmSuspended = 7, kCrashed = 8 };
// Details of each lifecycle type
enum Defined : int { kDefinedAdded = 0, kDefinedUpdated = 1, kDefinedRenamed = 2, kDefinedFromSnapshot = 3 };
enum Undefined : int { kUndefinedRemoved = 0, kUndefinedRenamed = 1 };
enum Started : int { kStartedBooted = 0, kStartedMigrated = 1, kStartedRestored = 2, kStartedFromSnapshot = 3,
                     kStartedWakeup = 4 };
enum Suspended : int { kSuspendedPaused = 0, kSuspendedMigrated = 1, kSuspendedIoError = 2, kSuspendedWatchdog = 3,
                       kSuspendedRestored = 4, kSuspendedFromSnapshot = 5, kSuspendedApiError = 6 };
enum Resumed : int { kResumedUnpaused = 0, kResumedMigrated = 1, kResumedFromSnapshot = 2 };
enum Stopped : int { kStoppedShutdown = 0, kStoppedDestroyed = 1, kStoppedCrashed = 2, kStoppedMigrated = 3,
                     kStoppedSaved = 4, kStoppedFailed = 5, kStoppedFromSnapshot = 6 };
enum Shutdown : int { kShutdownFinished = 0, kShutdownGuest = 1, kShutdownHost = 2 };
}  // namespace event

struct DomainEvent {
    int eventId = event::kLifecycle;
    DomainRef domain;
    int event = 0;   // lifecycle: virDomainEventType
    int detail = 0;  // lifecycle: the type's detail
};

// ---- flags (libvirt's values; they travel on the wire) ------------------

namespace flags {
// virConnectListAllDomainsFlags
inline constexpr unsigned kListActive = 1, kListInactive = 2, kListPersistent = 4, kListTransient = 8,
                          kListRunning = 16, kListPaused = 32, kListShutoff = 64, kListOther = 128,
                          kListManagedSave = 256, kListNoManagedSave = 512, kListAutostart = 1024,
                          kListNoAutostart = 2048, kListHasSnapshot = 4096, kListNoSnapshot = 8192,
                          kListHasCheckpoint = 16384, kListNoCheckpoint = 32768;
// virDomainXMLFlags
inline constexpr unsigned kXmlSecure = 1, kXmlInactive = 2, kXmlUpdateCpu = 4, kXmlMigratable = 8;
// virDomainUndefineFlagsValues
inline constexpr unsigned kUndefineManagedSave = 1, kUndefineSnapshotsMetadata = 2, kUndefineNvram = 4,
                          kUndefineKeepNvram = 8, kUndefineCheckpointsMetadata = 16, kUndefineTpm = 32,
                          kUndefineKeepTpm = 64;
// virDomainModificationImpact, virDomainMemoryModFlags, virDomainVcpuFlags
inline constexpr unsigned kAffectCurrent = 0, kAffectLive = 1, kAffectConfig = 2, kMemMaximum = 4,
                          kVcpuMaximum = 4, kVcpuGuest = 8, kVcpuHotpluggable = 16;
// virDomainCreateFlags
inline constexpr unsigned kStartPaused = 1, kStartAutodestroy = 2, kStartBypassCache = 4, kStartForceBoot = 8,
                          kStartValidate = 16, kStartResetNvram = 32;
// virDomainDefineFlags
inline constexpr unsigned kDefineValidate = 1;
// virDomainSaveRestoreFlags
inline constexpr unsigned kSaveBypassCache = 1, kSaveRunning = 2, kSavePaused = 4, kSaveResetNvram = 8;
// virDomainDestroyFlagsValues
inline constexpr unsigned kDestroyGraceful = 1, kDestroyRemoveLogs = 2;
// virDomainShutdownFlagValues / virDomainRebootFlagValues
inline constexpr unsigned kPowerAcpi = 1, kPowerGuestAgent = 2, kPowerInitctl = 4, kPowerSignal = 8,
                          kPowerParavirt = 16;
// virConnectListAllNetworksFlags
inline constexpr unsigned kNetListInactive = 1, kNetListActive = 2, kNetListPersistent = 4,
                          kNetListTransient = 8, kNetListAutostart = 16, kNetListNoAutostart = 32;
// virConnectListAllStoragePoolsFlags (the type filters follow from bit 6)
inline constexpr unsigned kPoolListInactive = 1, kPoolListActive = 2, kPoolListPersistent = 4,
                          kPoolListTransient = 8, kPoolListAutostart = 16, kPoolListNoAutostart = 32;
// virDomainSnapshotCreateFlags
inline constexpr unsigned kSnapshotCreateRedefine = 1, kSnapshotCreateCurrent = 2, kSnapshotCreateNoMetadata = 4,
                          kSnapshotCreateHalt = 8, kSnapshotCreateDiskOnly = 16, kSnapshotCreateReuseExt = 32,
                          kSnapshotCreateQuiesce = 64, kSnapshotCreateAtomic = 128, kSnapshotCreateLive = 256,
                          kSnapshotCreateValidate = 512;
// virDomainSnapshotListFlags
inline constexpr unsigned kSnapshotListDescendants = 1, kSnapshotListRoots = 1, kSnapshotListMetadata = 2,
                          kSnapshotListLeaves = 4, kSnapshotListNoLeaves = 8, kSnapshotListNoMetadata = 16,
                          kSnapshotListInactive = 32, kSnapshotListActive = 64, kSnapshotListDiskOnly = 128,
                          kSnapshotListInternal = 256, kSnapshotListExternal = 512, kSnapshotListTopological = 1024;
// virDomainSnapshotRevertFlags / DeleteFlags
inline constexpr unsigned kSnapshotRevertRunning = 1, kSnapshotRevertPaused = 2, kSnapshotRevertForce = 4;
inline constexpr unsigned kSnapshotDeleteChildren = 1, kSnapshotDeleteMetadataOnly = 2,
                          kSnapshotDeleteChildrenOnly = 4;
// virTypedParameterFlags: the client takes string parameters
inline constexpr unsigned kTypedParamStringOkay = 4;
// virConnectFlags (open)
inline constexpr unsigned kConnectReadOnly = 1, kConnectNoAliases = 2;
// virStreamFlags
inline constexpr unsigned kStreamNonBlock = 1;
// virDomainConsoleFlags
inline constexpr unsigned kConsoleForce = 1, kConsoleSafe = 2;
}  // namespace flags

// virStreamEventType: what a stream's event callback is told.
namespace stream_event {
inline constexpr int kReadable = 1, kWritable = 2, kError = 4, kHangup = 8;
}

}  // namespace cvirt
