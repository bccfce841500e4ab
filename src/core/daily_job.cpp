#include "core/daily_job.h"

#include <spdlog/spdlog.h>

#include "core/assert.h"

namespace kl {

int64_t shanghai_day(int64_t utc_ms) {
    const int64_t local_ms = utc_ms + shanghai_offset_ms;
    return local_ms >= 0 ? local_ms / ms_per_day : -((-local_ms + ms_per_day - 1) / ms_per_day);
}

DailyJob::DailyJob(std::string name, int64_t local_time_ms, const Clock& clock, Run run, std::chrono::milliseconds poll,
                   DailyJobLedger* ledger)
    : name_(std::move(name)), local_time_ms_(local_time_ms), clock_(clock), run_(std::move(run)), poll_(poll),
      ledger_(ledger) {
    KL_ASSERT(local_time_ms_ >= 0 && local_time_ms_ < ms_per_day);
    KL_ASSERT(run_);
}

bool DailyJob::tick() {
    const int64_t now_ms = clock_.now_ms();
    const int64_t day = shanghai_day(now_ms);
    if (now_ms + shanghai_offset_ms - day * ms_per_day < local_time_ms_ || day == last_done_day_) return false;
    if (ledger_ != nullptr) {
        auto claim = ledger_->claim(name_, day);
        if (!claim) {
            spdlog::warn("{}: could not claim today's run, tried again at the next poll: {}", name_, claim.error().message);
            return false;
        }
        if (*claim == DailyJobLedger::Claim::done) last_done_day_ = day;
        if (*claim != DailyJobLedger::Claim::run) return false;
    }
    auto done = run_();
    if (ledger_ != nullptr) {
        // A run whose end cannot be recorded stays claimed until the lease runs out and is then run
        // again: each run is idempotent (the sweep finds nothing twice, flags are de-duplicated).
        auto recorded = ledger_->finish(name_, day, done.has_value(), done ? *done : JobSummary{"", {}, done.error().message});
        if (!recorded) spdlog::warn("{}: could not record the run's end: {}", name_, recorded.error().message);
    }
    if (!done) {
        spdlog::warn("{} failed, retried at the next poll: {}", name_, done.error().message);
        return false;
    }
    last_done_day_ = day;
    spdlog::info("{}: {}", name_, done->text);
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
