#include "drivers/qemu/domain_obj.hpp"

#include "util/error.hpp"

namespace cvirt::qemu {

std::unique_ptr<DomainObj::Job> DomainObj::beginJob(const char* what, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex);
    if (!jobFree_.wait_for(lock, timeout, [&] { return job_ == nullptr; }))
        fail(ErrorCode::OperationTimeout, ErrorDomain::Qemu, "cannot acquire state change lock (held by {})", job_);
    job_ = what;
    return std::unique_ptr<Job>(new Job(*this));
}

DomainObj::Job::~Job() {
    {
        std::lock_guard lock(obj_.mutex);
        obj_.job_ = nullptr;
    }
    obj_.jobFree_.notify_one();
}

std::string DomainObj::jobName() const {
    std::lock_guard lock(mutex);
    return job_ ? job_ : "none";
}

DomainObjPtr DomainList::findByUuid(const Uuid& uuid) const {
    std::lock_guard lock(mutex_);
    auto it = byUuid_.find(uuid);
    return it == byUuid_.end() ? nullptr : it->second;
}

DomainObjPtr DomainList::findByName(const std::string& name) const {
    std::lock_guard lock(mutex_);
    auto it = byName_.find(name);
    return it == byName_.end() ? nullptr : it->second;
}

DomainObjPtr DomainList::findById(int id) const {
    std::lock_guard lock(mutex_);
    for (const auto& [uuid, obj] : byUuid_) {
        std::lock_guard objLock(obj->mutex);
        if (obj->id == id)
            return obj;
    }
    return nullptr;
}

std::vector<DomainObjPtr> DomainList::all() const {
    std::lock_guard lock(mutex_);
    std::vector<DomainObjPtr> out;
    out.reserve(byName_.size());
    for (const auto& [name, obj] : byName_)
        out.push_back(obj);
    return out;
}

void DomainList::add(const DomainObjPtr& obj) {
    std::lock_guard lock(mutex_);
    if (auto it = byUuid_.find(obj->uuid); it != byUuid_.end() && it->second != obj)
        fail(ErrorCode::OperationFailed, ErrorDomain::Qemu, "domain '{}' already exists with uuid {}",
             it->second->name, obj->uuid.format());
    if (auto it = byName_.find(obj->name); it != byName_.end() && it->second != obj)
        fail(ErrorCode::OperationFailed, ErrorDomain::Qemu, "domain '{}' already exists with uuid {}", obj->name,
             it->second->uuid.format());
    byUuid_[obj->uuid] = obj;
    byName_[obj->name] = obj;
}

void DomainList::remove(const Uuid& uuid) {
    std::lock_guard lock(mutex_);
    auto it = byUuid_.find(uuid);
    if (it == byUuid_.end())
        return;
    byName_.erase(it->second->name);
    byUuid_.erase(it);
}

size_t DomainList::size() const {
    std::lock_guard lock(mutex_);
    return byUuid_.size();
}

}  // namespace cvirt::qemu
