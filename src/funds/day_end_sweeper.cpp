#include "funds/day_end_sweeper.h"

#include <spdlog/spdlog.h>

namespace kl::funds {

namespace {
constexpr int64_t day_ms = 86'400'000;
}

bool DayEndSweeper::tick() {
    const int64_t local_ms = clock_.now_ms() + shanghai_offset_ms;
    const int64_t day = local_ms / day_ms;
    if (local_ms % day_ms < sweep_local_time_ms || day == last_swept_day_) return false;
    auto report = funds_.sweep(std::nullopt);
    if (!report) {
        // Retried at the next poll: a failed sweep leaves nothing half done (one transaction).
        spdlog::warn("day-end sweep failed: {}", report.error().message);
        return false;
    }
    last_swept_day_ = day;
    spdlog::info("day-end sweep: {} fen from {} project(s), {} pending transfer(s) expired", report->amount_fen,
                 report->projects, report->expired_pendings);
    return true;
}

void DayEndSweeper::start() {
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

void DayEndSweeper::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

}  // namespace kl::funds
