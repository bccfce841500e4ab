// DailyJob: once per Shanghai day after its local time; a failed run is retried, a succeeded one is
// not repeated; the thread runs a due job at start and stops promptly.
#include <gtest/gtest.h>

#include <atomic>

#include "core/clock.h"
#include "core/daily_job.h"
#include "core/error.h"

namespace kl {
namespace {

constexpr int64_t two_am = 2 * 60 * 60 * 1000;
// 2024-11-24 00:00 in Shanghai is 2024-11-23 16:00 UTC.
constexpr int64_t shanghai_midnight = 1732406400000 - shanghai_offset_ms;  // 2024-11-24T00:00Z - 8 h

TEST(DailyJob, RunsOncePerShanghaiDayAfterItsTimeAndRetriesAFailure) {
    ManualClock clock(shanghai_midnight + two_am - 1);
    int runs = 0;
    bool failing = false;
    DailyJob job("test job", two_am, clock, [&]() -> Result<JobSummary> {
        ++runs;
        if (failing) return fail(Error{ErrorCode::unavailable, "database is away", {}});
        return JobSummary{"", {}, "done"};
    });
    EXPECT_FALSE(job.tick());  // one millisecond early
    EXPECT_EQ(runs, 0);
    clock.set_ms(shanghai_midnight + two_am);
    EXPECT_TRUE(job.tick());
    EXPECT_FALSE(job.tick());  // once a day
    EXPECT_EQ(runs, 1);
    // 01:59 the next day: not yet; at 23:00 that day it is still due (a server that was down at 02:00).
    clock.set_ms(shanghai_midnight + ms_per_day + two_am - 60'000);
    EXPECT_FALSE(job.tick());
    failing = true;
    clock.set_ms(shanghai_midnight + ms_per_day + 23 * 3'600'000);
    EXPECT_FALSE(job.tick());  // failed: tried again at the next poll
    EXPECT_EQ(runs, 2);
    failing = false;
    EXPECT_TRUE(job.tick());
    EXPECT_EQ(runs, 3);
    EXPECT_FALSE(job.tick());
}

TEST(DailyJob, AShanghaiDayStartsAt1600Utc) {
    EXPECT_EQ(shanghai_day(shanghai_midnight), 20'051);  // 2024-11-24
    EXPECT_EQ(shanghai_day(shanghai_midnight - 1), 20'050);
    EXPECT_EQ(shanghai_day(shanghai_midnight + ms_per_day - 1), 20'051);
    EXPECT_EQ(shanghai_day(-shanghai_offset_ms), 0);
    EXPECT_EQ(shanghai_day(-shanghai_offset_ms - 1), -1);
}

TEST(DailyJob, TheThreadRunsADueJobAndStops) {
    ManualClock clock(shanghai_midnight + two_am + 1);
    std::atomic<int> runs{0};
    DailyJob job("test job", two_am, clock, [&]() -> Result<JobSummary> {
        ++runs;
        return JobSummary{"", {}, "done"};
    }, std::chrono::milliseconds(5));
    job.start();
    for (int i = 0; i < 2000 && runs.load() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    job.stop();
    job.stop();  // idempotent
    EXPECT_EQ(runs.load(), 1);
}

}  // namespace
}  // namespace kl
