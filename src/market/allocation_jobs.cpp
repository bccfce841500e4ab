#include "market/allocation_jobs.h"

namespace kl::market {

AllocationJobs::AllocationJobs(Work work) : work_(std::move(work)), thread_([this] { loop(); }) {}

AllocationJobs::~AllocationJobs() { stop(); }

Result<void> AllocationJobs::submit(const std::string& run_id) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return fail(ErrorCode::unavailable, "the allocation worker is stopping");
        if (queue_.size() >= queued_runs_max) {
            return fail(ErrorCode::resource_exhausted,
                        std::to_string(queued_runs_max) + " allocation runs are already waiting; try again later");
        }
        queue_.push_back(run_id);
    }
    wake_.notify_one();
    return ok();
}

void AllocationJobs::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        queue_.clear();
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
}

void AllocationJobs::loop() {
    for (;;) {
        std::string run_id;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (stopping_) return;
            run_id = std::move(queue_.front());
            queue_.pop_front();
        }
        work_(run_id);
    }
}

}  // namespace kl::market
