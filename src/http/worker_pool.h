#pragma once
// A fixed pool of threads for blocking work (SQL, solvers) with a bounded queue. The I/O thread
// never waits on it: when the queue is full, try_submit says so at once and the request is answered
// 503 + Retry-After (Scylla: bound all concurrency).

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace kl::http {

class WorkerPool {
public:
    // One unit of work. run() is called once on a pool thread; it must not throw.
    class Job {
    public:
        virtual ~Job() = default;
        virtual void run() = 0;
    };

    // `threads` >= 1; `queue_max` >= 0 is how many jobs may wait while every thread is busy.
    WorkerPool(int threads, int queue_max);
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    // Queues `job` and takes it, or returns false and leaves it with the caller when the queue is
    // full or the pool is stopping. Never blocks.
    bool try_submit(std::unique_ptr<Job>& job);
    bool try_submit(std::function<void()> work);

    // Jobs waiting for a thread (not counting the ones running).
    int64_t queue_depth() const;
    int64_t running() const;

    // Refuses new jobs, runs the ones already queued, joins the threads. Idempotent.
    void stop();

private:
    void loop();

    const size_t queue_max_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::unique_ptr<Job>> queue_;
    int64_t running_ = 0;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace kl::http
