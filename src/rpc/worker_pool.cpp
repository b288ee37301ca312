#include "rpc/worker_pool.hpp"

#include <algorithm>

namespace cvirt::rpc {

WorkerPool::WorkerPool(WorkerPoolConfig config) : config_(config) {
    config_.maxWorkers = std::max<size_t>(config_.maxWorkers, 1);
    config_.minWorkers = std::min(config_.minWorkers, config_.maxWorkers);
    std::lock_guard lock(mutex_);
    for (size_t i = 0; i < config_.minWorkers; ++i)
        spawnLocked(false);
    for (size_t i = 0; i < config_.priorityWorkers; ++i)
        spawnLocked(true);
}

WorkerPool::~WorkerPool() { stop(); }

void WorkerPool::spawnLocked(bool priorityOnly) {
    if (!priorityOnly)
        ++normalWorkers_;
    threads_.emplace_back([this, priorityOnly] { run(priorityOnly); });
}

void WorkerPool::submit(std::function<void()> job, bool highPriority) {
    {
        std::unique_lock lock(mutex_);
        if (!stopping_) {
            (highPriority ? priority_ : normal_).push_back(std::move(job));
            size_t queued = normal_.size() + priority_.size();
            if (idleNormal_ < queued && normalWorkers_ < config_.maxWorkers)
                spawnLocked(false);
            // A high-priority job goes to a priority worker when one is idle,
            // so normal workers stay free for the calls only they can take.
            bool toPriority = highPriority && idlePriority_ > 0;
            lock.unlock();
            (toPriority ? priorityWake_ : normalWake_).notify_one();
            return;
        }
    }
    job();
}

void WorkerPool::run(bool priorityOnly) {
    std::unique_lock lock(mutex_);
    for (;;) {
        auto ready = [&] { return stopping_ || !priority_.empty() || (!priorityOnly && !normal_.empty()); };
        if (priorityOnly) {
            ++idlePriority_;
            priorityWake_.wait(lock, ready);
            --idlePriority_;
        } else {
            ++idleNormal_;
            normalWake_.wait(lock, ready);
            --idleNormal_;
        }
        std::function<void()> job;
        if (!priority_.empty()) {
            job = std::move(priority_.front());
            priority_.pop_front();
        } else if (!priorityOnly && !normal_.empty()) {
            job = std::move(normal_.front());
            normal_.pop_front();
        } else if (stopping_) {
            return;
        } else {
            continue;
        }
        lock.unlock();
        job();
        job = nullptr;
        lock.lock();
    }
}

void WorkerPool::stop() {
    std::vector<std::thread> threads;
    {
        std::lock_guard lock(mutex_);
        if (stopping_ && threads_.empty())
            return;
        stopping_ = true;
        threads.swap(threads_);
    }
    normalWake_.notify_all();
    priorityWake_.notify_all();
    for (auto& t : threads)
        if (t.joinable())
            t.join();
    // Normal jobs queued while only priority workers were left.
    std::deque<std::function<void()>> rest;
    {
        std::lock_guard lock(mutex_);
        rest.swap(normal_);
    }
    for (auto& job : rest)
        job();
}

size_t WorkerPool::threadCount() const {
    std::lock_guard lock(mutex_);
    return threads_.size();
}

}  // namespace cvirt::rpc
