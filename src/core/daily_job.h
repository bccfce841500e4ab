#pragma once
// A job run once per Shanghai day, after a local time of day: the funds' day-end sweep (23:30) and
// the nightly risk scan (02:00). A background thread polls tick(); tick() is the whole rule and is
// what tests call with a ManualClock. A run that fails is retried at the next poll (each job's run is
// one transaction, so a failure leaves nothing half done); a run that succeeded is not repeated the
// same day. A server started after the time runs the job at once, so a day is never skipped.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "core/clock.h"
#include "core/result.h"

namespace kl {

class DailyJob {
public:
    // What the run did, in words, for the log.
    using Run = std::function<Result<std::string>()>;

    DailyJob(std::string name, int64_t local_time_ms, const Clock& clock, Run run,
             std::chrono::milliseconds poll = std::chrono::seconds(60));
    ~DailyJob() { stop(); }
    DailyJob(const DailyJob&) = delete;
    DailyJob& operator=(const DailyJob&) = delete;

    void start();
    void stop();  // idempotent
    // Runs the job if today's (Shanghai) time has passed and today's run has not succeeded yet; true
    // if it ran and succeeded.
    bool tick();

    const std::string& name() const { return name_; }

private:
    const std::string name_;
    const int64_t local_time_ms_;
    const Clock& clock_;
    const Run run_;
    const std::chrono::milliseconds poll_;
    int64_t last_done_day_ = -1;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace kl
