#include "core/daily_job.h"

#include <spdlog/spdlog.h>

#include "core/assert.h"

namespace kl {

DailyJob::DailyJob(std::string name, int64_t local_time_ms, const Clock& clock, Run run, std::chrono::milliseconds poll)
    : name_(std::move(name)), local_time_ms_(local_time_ms), clock_(clock), run_(std::move(run)), poll_(poll) {
    KL_ASSERT(local_time_ms_ >= 0 && local_time_ms_ < ms_per_day);
    KL_ASSERT(run_);
}

bool DailyJob::tick() {
    const int64_t local_ms = clock_.now_ms() + shanghai_offset_ms;
    const int64_t day = local_ms / ms_per_day;
    if (local_ms % ms_per_day < local_time_ms_ || day == last_done_day_) return false;
    auto done = run_();
    if (!done) {
        spdlog::warn("{} failed, retried at the next poll: {}", name_, done.error().message);
        return false;
    }
    last_done_day_ = day;
    spdlog::info("{}: {}", name_, *done);
    return true;
}

void DailyJob::start() {
    std::lock_guard lock(mutex_);
    if (thread_.joinable()) return;
    stopping_ = false;
    thread_ = std::thread([this] {
        std::unique_lock held(mutex_);
        while (!stopping_) {
            held.unlock();
            tick();
            held.lock();
            wake_.wait_for(held, poll_, [this] { return stopping_; });
        }
    });
}

void DailyJob::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

}  // namespace kl
