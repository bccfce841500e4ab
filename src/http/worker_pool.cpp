#include "http/worker_pool.h"

#include "core/assert.h"

namespace kl::http {

namespace {
class FunctionJob final : public WorkerPool::Job {
public:
    explicit FunctionJob(std::function<void()> work) : work_(std::move(work)) {}
    void run() override { work_(); }

private:
    std::function<void()> work_;
};
}  // namespace

WorkerPool::WorkerPool(int threads, int queue_max) : queue_max_(static_cast<size_t>(queue_max)) {
    KL_ASSERT(threads >= 1);
    KL_ASSERT(queue_max >= 0);
    threads_.reserve(static_cast<size_t>(threads));
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { loop(); });
}

WorkerPool::~WorkerPool() { stop(); }

bool WorkerPool::try_submit(std::unique_ptr<Job>& job) {
    KL_ASSERT(job != nullptr);
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return false;
        // A job only waits when every thread is busy; the bound is on waiting jobs.
        const auto idle = static_cast<int64_t>(threads_.size()) - running_;
        if (static_cast<int64_t>(queue_.size()) >= idle + static_cast<int64_t>(queue_max_)) return false;
        queue_.push_back(std::move(job));
    }
    wake_.notify_one();
    return true;
}

bool WorkerPool::try_submit(std::function<void()> work) {
    std::unique_ptr<Job> job = std::make_unique<FunctionJob>(std::move(work));
    return try_submit(job);
}

int64_t WorkerPool::queue_depth() const {
    std::lock_guard lock(mutex_);
    return static_cast<int64_t>(queue_.size());
}

int64_t WorkerPool::running() const {
    std::lock_guard lock(mutex_);
    return running_;
}

void WorkerPool::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    for (auto& thread : threads_) {
        if (thread.joinable()) thread.join();
    }
}

void WorkerPool::loop() {
    std::unique_lock lock(mutex_);
    while (true) {
        wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping, and everything queued has run
        std::unique_ptr<Job> job = std::move(queue_.front());
        queue_.pop_front();
        ++running_;
        lock.unlock();
        job->run();
        job.reset();
        lock.lock();
        --running_;
    }
}

}  // namespace kl::http
