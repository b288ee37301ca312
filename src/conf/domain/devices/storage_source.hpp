#pragma once
// A storage source (libvirt's virStorageSource): where a disk's data lives
// (file, block device, directory, network, pool volume, NVMe, vhost-user),
// with its auth, encryption, labels and backing chain. Used by <disk>
// (<source>, <backingStore>, <mirror>) and by iSCSI host devices.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "conf/domain/device_info.hpp"

namespace cvirt::conf::domain {

enum class StorageType { None, File, Block, Dir, Network, Volume, Nvme, VhostUser, VhostVdpa };
CVIRT_ENUM_STRINGS_UNSET(StorageType, "none", "file", "block", "dir", "network", "volume", "nvme", "vhostuser",
                         "vhostvdpa");

enum class StorageFormat {
    None, Raw, Dir, Bochs, Cloop, Dmg, Iso, Vpc, Vdi, Fat, Vhd, Ploop, Cow, Qcow, Qcow2, Qed, Vmdk, Luks
};
CVIRT_ENUM_STRINGS_UNSET(StorageFormat, "none", "raw", "dir", "bochs", "cloop", "dmg", "iso", "vpc", "vdi", "fat",
                         "vhd", "ploop", "cow", "qcow", "qcow2", "qed", "vmdk", "luks");

enum class NetProtocol { None, Nbd, Rbd, Sheepdog, Gluster, Iscsi, Http, Https, Ftp, Ftps, Tftp, Ssh, Vxhs, Nfs };
CVIRT_ENUM_STRINGS_UNSET(NetProtocol, "none", "nbd", "rbd", "sheepdog", "gluster", "iscsi", "http", "https", "ftp",
                         "ftps", "tftp", "ssh", "vxhs", "nfs");

enum class HostTransport { Tcp, Unix, Rdma };
CVIRT_ENUM_STRINGS(HostTransport, "tcp", "unix", "rdma");

enum class StartupPolicy { Default, Mandatory, Requisite, Optional };
CVIRT_ENUM_STRINGS_UNSET(StartupPolicy, "default", "mandatory", "requisite", "optional");
// sgio= of SCSI LUN disks and SCSI host devices.
enum class DeviceSgio { Default, Filtered, Unfiltered };
CVIRT_ENUM_STRINGS_UNSET(DeviceSgio, "default", "filtered", "unfiltered");
enum class PoolMode { Default, Host, Direct };
CVIRT_ENUM_STRINGS_UNSET(PoolMode, "default", "host", "direct");
enum class EncryptionFormat { Default, Qcow, Luks, Luks2, LuksAny };
CVIRT_ENUM_STRINGS_UNSET(EncryptionFormat, "default", "qcow", "luks", "luks2", "luks-any");
enum class EncryptionEngine { Default, Qemu, Librbd };
CVIRT_ENUM_STRINGS_UNSET(EncryptionEngine, "default", "qemu", "librbd");

// <secret type= uuid=|usage=/> as used by <auth> and <encryption>.
struct SecretRef {
    std::string type;
    std::optional<Uuid> uuid;
    std::string usage;
};

// <auth username=...><secret .../></auth>
struct StorageAuth {
    std::string username;
    std::string authType;  // the pools' type='chap'; rarely on disks
    SecretRef secret;
};

// <encryption format=... engine=...> with secrets, cipher and ivgen.
struct StorageEncryption {
    EncryptionFormat format{};
    EncryptionEngine engine{};
    std::vector<SecretRef> secrets;
    struct Cipher {
        std::string name, mode, hash;
        unsigned size = 0;
    };
    std::optional<Cipher> cipher;
    struct Ivgen {
        std::string name, hash;
    };
    std::optional<Ivgen> ivgen;
};

struct NetHost {
    std::string name;
    unsigned port = 0;  // 0: none given (and no protocol default)
    HostTransport transport = HostTransport::Tcp;
    std::string socket;
};

// <seclabel> of a storage source (virSecurityDeviceLabelDef).
struct DeviceSeclabel {
    std::string model;
    bool relabel = true;
    bool labelskip = false;
    std::string label;
};

// <reservations managed=...> for persistent reservations on LUNs.
struct Reservations {
    TriBool managed{};
    std::string path;  // <source type='unix' path=.. mode='client'/> when unmanaged
    std::string mode;
};

struct NetCookie {
    std::string name, value;
};

// One storage source: the disk's own, each backing store and the mirror.
struct StorageSource {
    StorageType type = StorageType::File;
    StorageFormat format{};
    std::optional<std::string> path;  // file=, dev=, dir=, or a network name
    std::string fdgroup;
    unsigned index = 0;  // index= (live only)
    // volume
    std::string pool, volume;
    PoolMode poolMode{};
    // network
    NetProtocol protocol{};
    std::string netVolume;  // rbd/gluster pool part of name='pool/image'
    std::string query;
    TriBool tls{};
    std::string tlsHostname;
    std::vector<NetHost> hosts;
    std::string nfsUser, nfsGroup;
    unsigned reconnectDelay = 0;
    std::string snapshot, configFile;
    std::string initiatorIqn;
    TriBool sslVerify{};
    std::vector<NetCookie> cookies;
    unsigned long long readahead = 0, timeout = 0;
    std::string sshKnownHosts, sshUser, sshKeyfile, sshAgent;
    // nvme
    struct Nvme {
        TriBool managed{};
        unsigned long long namespaceId = 0;
        PciAddress address;
    };
    std::optional<Nvme> nvme;
    // vhostuser
    std::string vhostuserPath;
    TriBool reconnectEnabled{};
    unsigned reconnectTimeout = 0;
    std::string vdpaDev;
    // common children
    std::optional<std::pair<unsigned long long, unsigned long long>> sliceStorage;  // offset, size
    std::vector<DeviceSeclabel> seclabels;
    std::optional<StorageAuth> auth;
    std::optional<StorageEncryption> encryption;
    std::optional<Reservations> reservations;
    unsigned long long metadataCacheMaxSize = 0;  // bytes
    bool readonly = false;
    bool shared = false;
    // <backingStore>: nullptr = none given, a source of type None = the
    // <backingStore/> terminator.
    std::shared_ptr<StorageSource> backingStore;

    // virStorageSourceIsEmpty: nothing to open (a cdrom without media).
    bool empty() const;
    // The location shown in messages (path, pool/volume, ...).
    std::optional<std::string> displayPath() const;
};

// virDomainStorageSourceParse: fills `src` (whose type is already set)
// from a <source> element and its siblings' auth/encryption.
void parseStorageSource(StorageSource& src, const Node& source, ParseContext& ctx);
// <backingStore> children of `parent` (virDomainDiskBackingStoreParse).
void parseBackingStore(StorageSource& src, const Node& parent, ParseContext& ctx);
// virDomainStorageSourceParseBase's format check: "qcow2" -> Qcow2.
StorageFormat parseStorageFormatName(const std::string& name);

// virDomainDiskSourceFormat: writes <`element` ...> for `src`.
void formatStorageSource(Writer& w, const StorageSource& src, const char* element, StartupPolicy policy,
                         bool attrIndex, FormatContext& ctx, bool skipAuth, bool skipEnc);
// virDomainDiskBackingStoreFormat: src's <backingStore> chain.
void formatBackingStore(Writer& w, const StorageSource& src, FormatContext& ctx);

StorageAuth parseStorageAuth(const Node& auth);
void formatStorageAuth(Writer& w, const StorageAuth& auth);
StorageEncryption parseStorageEncryption(const Node& encryption);
void formatStorageEncryption(Writer& w, const StorageEncryption& enc);
// <metadata_cache><max_size unit=..>N</max_size></metadata_cache> under `parent`, in bytes.
unsigned long long parseMetadataCache(const Node& parent);
void formatMetadataCache(Writer& w, unsigned long long bytes);

}  // namespace cvirt::conf::domain
