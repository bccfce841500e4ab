#pragma once
// The day-end sweep (funds-anchors §1: "refunds are swept up the same day"): a background thread
// that, once per Shanghai day after sweep_local_time_ms (23:30), runs FundsService::sweep — refunds
// back to the master, due pendings expired. `kashlink funds sweep` does the same on demand.
// tick() is the whole rule and is what tests call with a ManualClock; the thread only calls tick().

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "core/clock.h"
#include "funds/funds_service.h"

namespace kl::funds {

inline constexpr int64_t sweep_local_time_ms = (23 * 60 + 30) * 60 * 1000;  // 23:30 Asia/Shanghai

class DayEndSweeper {
public:
    DayEndSweeper(FundsService& funds, const Clock& clock, std::chrono::milliseconds poll = std::chrono::seconds(60))
        : funds_(funds), clock_(clock), poll_(poll) {}
    ~DayEndSweeper() { stop(); }
    DayEndSweeper(const DayEndSweeper&) = delete;
    DayEndSweeper& operator=(const DayEndSweeper&) = delete;

    void start();
    void stop();  // idempotent
    // Sweeps if today's (Shanghai) sweep time has passed and today was not swept yet; true if it swept.
    bool tick();

private:
    FundsService& funds_;
    const Clock& clock_;
    const std::chrono::milliseconds poll_;
    int64_t last_swept_day_ = -1;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace kl::funds
