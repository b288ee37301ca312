#include "api/connection_state.hpp"
#include "cvirt/connection.hpp"

namespace cvirt {

namespace {
constexpr auto kSto = ErrorDomain::Storage;
}  // namespace

void StoragePool::create(unsigned flags) { state_->mutating("virStoragePoolCreate", kSto).poolCreate(ref_, flags); }
void StoragePool::build(unsigned flags) { state_->mutating("virStoragePoolBuild", kSto).poolBuild(ref_, flags); }
void StoragePool::destroy() { state_->mutating("virStoragePoolDestroy", kSto).poolDestroy(ref_); }
void StoragePool::remove(unsigned flags) { state_->mutating("virStoragePoolDelete", kSto).poolDelete(ref_, flags); }
void StoragePool::undefine() { state_->mutating("virStoragePoolUndefine", kSto).poolUndefine(ref_); }
void StoragePool::refresh(unsigned flags) { state_->mutating("virStoragePoolRefresh", kSto).poolRefresh(ref_, flags); }
void StoragePool::setAutostart(bool autostart) {
    state_->mutating("virStoragePoolSetAutostart", kSto).poolSetAutostart(ref_, autostart);
}
StoragePoolInfo StoragePool::info() const { return state_->driver->poolGetInfo(ref_); }
std::string StoragePool::xmlDesc(unsigned flags) const { return state_->driver->poolGetXmlDesc(ref_, flags); }
bool StoragePool::autostart() const { return state_->driver->poolGetAutostart(ref_); }
bool StoragePool::isActive() const { return state_->driver->poolIsActive(ref_); }
bool StoragePool::isPersistent() const { return state_->driver->poolIsPersistent(ref_); }
std::vector<StorageVolume> StoragePool::listAllVolumes(unsigned flags) const {
    std::vector<StorageVolume> out;
    for (auto& ref : state_->driver->poolListAllVolumes(ref_, flags))
        out.push_back(StorageVolume(state_, ref));
    return out;
}
int StoragePool::volumeCount() const { return state_->driver->poolNumOfVolumes(ref_); }
StorageVolume StoragePool::lookupVolumeByName(const std::string& name) const {
    return StorageVolume(state_, state_->driver->volLookupByName(ref_, name));
}
StorageVolume StoragePool::createVolume(const std::string& xml, unsigned flags) {
    return StorageVolume(state_, state_->mutating("virStorageVolCreateXML", kSto).volCreateXml(ref_, xml, flags));
}
StorageVolume StoragePool::createVolumeFrom(const std::string& xml, const StorageVolume& from, unsigned flags) {
    return StorageVolume(state_,
                         state_->mutating("virStorageVolCreateXMLFrom", kSto).volCreateXmlFrom(ref_, xml, from.ref(), flags));
}

StoragePool StorageVolume::pool() const { return StoragePool(state_, state_->driver->poolLookupByVolume(ref_)); }
void StorageVolume::remove(unsigned flags) { state_->mutating("virStorageVolDelete", kSto).volDelete(ref_, flags); }
void StorageVolume::wipe(unsigned flags) { state_->mutating("virStorageVolWipe", kSto).volWipe(ref_, flags); }
void StorageVolume::resize(uint64_t capacity, unsigned flags) {
    state_->mutating("virStorageVolResize", kSto).volResize(ref_, capacity, flags);
}
StorageVolInfo StorageVolume::info() const { return state_->driver->volGetInfo(ref_); }
std::string StorageVolume::xmlDesc(unsigned flags) const { return state_->driver->volGetXmlDesc(ref_, flags); }
std::string StorageVolume::path() const { return state_->driver->volGetPath(ref_); }

}  // namespace cvirt
