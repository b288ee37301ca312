#pragma once
// Storage pool and volume handles (libvirt's virStoragePoolPtr / virStorageVolPtr).

#include <memory>
#include <string>
#include <vector>

#include "driver/types.hpp"

namespace cvirt {

namespace detail {
struct ConnectionState;
}

class StorageVolume;

class StoragePool {
public:
    const std::string& name() const { return ref_.name; }
    const Uuid& uuid() const { return ref_.uuid; }
    const StoragePoolRef& ref() const { return ref_; }

    void create(unsigned flags = 0);  // start
    void build(unsigned flags = 0);
    void destroy();
    void remove(unsigned flags = 0);  // virStoragePoolDelete
    void undefine();
    void refresh(unsigned flags = 0);
    void setAutostart(bool autostart);
    StoragePoolInfo info() const;
    std::string xmlDesc(unsigned flags = 0) const;
    bool autostart() const;
    bool isActive() const;
    bool isPersistent() const;

    std::vector<StorageVolume> listAllVolumes(unsigned flags = 0) const;
    int volumeCount() const;
    StorageVolume lookupVolumeByName(const std::string& name) const;
    StorageVolume createVolume(const std::string& xml, unsigned flags = 0);
    StorageVolume createVolumeFrom(const std::string& xml, const StorageVolume& from, unsigned flags = 0);

private:
    friend class Connection;
    friend class StorageVolume;
    StoragePool(std::shared_ptr<detail::ConnectionState> state, StoragePoolRef ref)
        : state_(std::move(state)), ref_(std::move(ref)) {}
    std::shared_ptr<detail::ConnectionState> state_;
    StoragePoolRef ref_;
};

class StorageVolume {
public:
    const std::string& name() const { return ref_.name; }
    const std::string& key() const { return ref_.key; }
    const StorageVolRef& ref() const { return ref_; }

    StoragePool pool() const;  // virStoragePoolLookupByVolume
    void remove(unsigned flags = 0);  // virStorageVolDelete
    void wipe(unsigned flags = 0);
    void resize(uint64_t capacity, unsigned flags = 0);
    StorageVolInfo info() const;
    std::string xmlDesc(unsigned flags = 0) const;
    std::string path() const;

private:
    friend class Connection;
    friend class StoragePool;
    StorageVolume(std::shared_ptr<detail::ConnectionState> state, StorageVolRef ref)
        : state_(std::move(state)), ref_(std::move(ref)) {}
    std::shared_ptr<detail::ConnectionState> state_;
    StorageVolRef ref_;
};

}  // namespace cvirt
