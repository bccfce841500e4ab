#pragma once
// Runs allocation jobs one at a time on a thread of its own, so a long solve never holds an HTTP
// worker. The queue is bounded (queued_runs_max): beyond it start() is refused with
// resource_exhausted, which the API answers 429. stop() (and the destructor) finish the running job
// and drop the rest; runs left queued or running by a stop or a crash are marked failed at the next
// start (AllocationService::recover_interrupted).

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "core/result.h"

namespace kl::market {

inline constexpr size_t queued_runs_max = 16;

class AllocationJobs {
public:
    using Work = std::function<void(const std::string& run_id)>;

    explicit AllocationJobs(Work work);
    ~AllocationJobs();
    AllocationJobs(const AllocationJobs&) = delete;
    AllocationJobs& operator=(const AllocationJobs&) = delete;

    Result<void> submit(const std::string& run_id);
    void stop();

private:
    void loop();

    Work work_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::string> queue_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace kl::market
