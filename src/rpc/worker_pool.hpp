#pragma once
// The threads that run RPC calls, so a slow call never stalls the socket
// loop or another client.
//
// Normal workers (between min and max, started on demand) take any job,
// high-priority jobs first. Priority workers take only high-priority jobs
// (calls that never block on a hypervisor: lookups, listings), so those
// still run when every normal worker is stuck in a slow call.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace cvirt::rpc {

struct WorkerPoolConfig {
    size_t minWorkers = 5;
    size_t maxWorkers = 20;
    size_t priorityWorkers = 5;
};

class WorkerPool {
public:
    explicit WorkerPool(WorkerPoolConfig config);
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    // Jobs must not throw. After stop() a job runs on the caller's thread.
    void submit(std::function<void()> job, bool highPriority = false);
    // Runs every queued job, then joins the threads.
    void stop();

    size_t threadCount() const;

private:
    void run(bool priorityOnly);
    void spawnLocked(bool priorityOnly);

    WorkerPoolConfig config_;
    mutable std::mutex mutex_;
    // One sleeper is woken per job: waking every idle worker for each call
    // had them all race for the lock, which cost more than the calls.
    std::condition_variable normalWake_;    // normal workers wait here
    std::condition_variable priorityWake_;  // priority-only workers wait here
    size_t idlePriority_ = 0;
    std::deque<std::function<void()>> normal_;
    std::deque<std::function<void()>> priority_;
    std::vector<std::thread> threads_;
    size_t normalWorkers_ = 0;
    size_t idleNormal_ = 0;
    bool stopping_ = false;
};

}  // namespace cvirt::rpc
