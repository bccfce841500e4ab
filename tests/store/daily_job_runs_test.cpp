// DailyJobRuns: a daily job claimed in the database runs once per Shanghai day across restarts and
// across instances sharing the database; a failed run is taken over, a live claim is not, a claim
// older than the lease is (its process died). Both back ends.
#include "store/daily_job_runs.h"

#include <gtest/gtest.h>

#include "core/daily_job.h"
#include "core/error.h"
#include "store_fixture.h"

namespace kl::store::testing {
namespace {

using DailyJobRunsTest = BackendTest;

constexpr int64_t two_am = 2 * 60 * 60 * 1000;
constexpr int64_t shanghai_midnight = 1732406400000 - shanghai_offset_ms;  // 2024-11-24 00:00 in Shanghai
constexpr std::chrono::milliseconds poll(60'000);

TEST_P(DailyJobRunsTest, OneInstanceRunsTheDayAndARestartDoesNotRunItAgain) {
    ManualClock clock(shanghai_midnight + two_am + 5);
    DailyJobRuns first_ledger(*store_, clock, "instance-1");
    DailyJobRuns second_ledger(*store_, clock, "instance-2");
    int runs = 0;
    auto run = [&]() -> Result<JobSummary> {
        ++runs;
        return JobSummary{"", {}, "3 flags"};
    };
    DailyJob first("scan", two_am, clock, run, poll, &first_ledger);
    DailyJob second("scan", two_am, clock, run, poll, &second_ledger);
    EXPECT_TRUE(first.tick());
    EXPECT_FALSE(second.tick());  // done by the first instance
    DailyJob restarted("scan", two_am, clock, run, poll, &first_ledger);
    EXPECT_FALSE(restarted.tick());  // done before the restart
    EXPECT_EQ(runs, 1);

    auto recent = first_ledger.recent(10);
    ASSERT_TRUE(recent) << recent.error().message;
    ASSERT_EQ(recent->size(), 1u);
    EXPECT_EQ(recent->at(0).job, "scan");
    EXPECT_EQ(recent->at(0).run_date, "2024-11-24");
    EXPECT_EQ(recent->at(0).state, "done");
    EXPECT_EQ(recent->at(0).claimed_by, "instance-1");
    EXPECT_EQ(recent->at(0).summary, "3 flags");
    EXPECT_EQ(recent->at(0).finished_at_ms, std::optional<int64_t>(clock.now_ms()));

    // The next day is a new run, whichever instance polls first.
    clock.set_ms(shanghai_midnight + ms_per_day + two_am);
    EXPECT_TRUE(second.tick());
    EXPECT_FALSE(first.tick());
    EXPECT_EQ(runs, 2);
    EXPECT_EQ(first_ledger.recent(10)->at(0).run_date, "2024-11-25");
}

TEST_P(DailyJobRunsTest, AFailedRunIsTakenOverAndALiveClaimIsNot) {
    ManualClock clock(shanghai_midnight + two_am);
    DailyJobRuns mine(*store_, clock, "instance-1");
    DailyJobRuns theirs(*store_, clock, "instance-2");
    auto claimed = mine.claim("sweep", 20'000);
    ASSERT_TRUE(claimed) << claimed.error().message;
    EXPECT_EQ(*claimed, DailyJobLedger::Claim::run);
    EXPECT_EQ(*theirs.claim("sweep", 20'000), DailyJobLedger::Claim::running);
    EXPECT_EQ(*mine.claim("sweep", 20'000), DailyJobLedger::Claim::running);  // not twice, even here
    EXPECT_EQ(*theirs.claim("scan", 20'000), DailyJobLedger::Claim::run);      // another job: its own row
    ASSERT_TRUE(mine.finish("sweep", 20'000, false, "database is away"));
    EXPECT_EQ(*theirs.claim("sweep", 20'000), DailyJobLedger::Claim::run);  // a failed run is retried
    // The first instance no longer holds it: its late end is refused and changes nothing.
    auto late = mine.finish("sweep", 20'000, true, "done after all");
    ASSERT_FALSE(late);
    EXPECT_EQ(late.error().code, ErrorCode::conflict);
    ASSERT_TRUE(theirs.finish("sweep", 20'000, true, "0 refunds"));
    EXPECT_EQ(*mine.claim("sweep", 20'000), DailyJobLedger::Claim::done);
    Rows rows = select("SELECT state, claimed_by, attempts, summary FROM daily_job_runs WHERE job = 'sweep'");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].text("state"), "done");
    EXPECT_EQ(rows[0].text("claimed_by"), "instance-2");
    EXPECT_EQ(rows[0].i64("attempts"), 2);
    EXPECT_EQ(rows[0].text("summary"), "0 refunds");
}

TEST_P(DailyJobRunsTest, AClaimOlderThanTheLeaseIsTakenOver) {
    ManualClock clock(shanghai_midnight + two_am);
    DailyJobRuns crashed(*store_, clock, "instance-1", /*lease_ms=*/60'000);
    DailyJobRuns survivor(*store_, clock, "instance-2", /*lease_ms=*/60'000);
    EXPECT_EQ(*crashed.claim("scan", 20'000), DailyJobLedger::Claim::run);
    clock.advance_ms(59'999);
    EXPECT_EQ(*survivor.claim("scan", 20'000), DailyJobLedger::Claim::running);
    clock.advance_ms(1);
    EXPECT_EQ(*survivor.claim("scan", 20'000), DailyJobLedger::Claim::run);
    EXPECT_EQ(*crashed.claim("scan", 20'000), DailyJobLedger::Claim::running);
}

TEST_P(DailyJobRunsTest, AFailingJobIsRecordedAndRetriedAtTheNextPoll) {
    ManualClock clock(shanghai_midnight + two_am);
    DailyJobRuns ledger(*store_, clock, "instance-1");
    bool failing = true;
    DailyJob job("scan", two_am, clock, [&]() -> Result<JobSummary> {
        if (failing) return fail(Error{ErrorCode::unavailable, "database is away", {}});
        return JobSummary{"", {}, "ok"};
    }, poll, &ledger);
    EXPECT_FALSE(job.tick());
    EXPECT_EQ(ledger.recent(1)->at(0).state, "failed");
    EXPECT_EQ(ledger.recent(1)->at(0).summary, "database is away");
    failing = false;
    EXPECT_TRUE(job.tick());
    EXPECT_EQ(ledger.recent(1)->at(0).state, "done");
    EXPECT_EQ(ledger.recent(1)->at(0).attempts, 2);
}

// A run's summary keeps its code and parameters beside the English words, for a client to write the
// summary in its reader's language; a failed run has words alone.
TEST_P(DailyJobRunsTest, ARunKeepsItsSummaryCodeAndParameters) {
    ManualClock clock(shanghai_midnight + two_am);
    DailyJobRuns ledger(*store_, clock, "instance-1");
    ASSERT_EQ(*ledger.claim("scan", 20'000), DailyJobLedger::Claim::run);
    ASSERT_TRUE(ledger.finish("scan", 20'000, true,
                              JobSummary{"risk_scan_done", {{"contracts", 86}, {"requests", 240}, {"new_flags", 2}},
                                         "86 contract(s) and 240 payment request(s) checked, 2 new flag(s)"}));
    ASSERT_EQ(*ledger.claim("sweep", 20'000), DailyJobLedger::Claim::run);
    ASSERT_TRUE(ledger.finish("sweep", 20'000, false, "database \"main\" is away"));
    auto runs = ledger.recent(10);
    ASSERT_TRUE(runs);
    ASSERT_EQ(runs->size(), 2u);
    const DailyJobRun& scan = runs->at(0).job == "scan" ? runs->at(0) : runs->at(1);
    const DailyJobRun& sweep = runs->at(0).job == "scan" ? runs->at(1) : runs->at(0);
    EXPECT_EQ(scan.summary_code, "risk_scan_done");
    EXPECT_EQ(scan.summary_params_json, R"({"contracts":86,"requests":240,"new_flags":2})");
    EXPECT_EQ(scan.summary, "86 contract(s) and 240 payment request(s) checked, 2 new flag(s)");
    EXPECT_EQ(sweep.summary_code, "");
    EXPECT_EQ(sweep.summary_params_json, "{}");
    EXPECT_EQ(sweep.summary, "database \"main\" is away");
}

INSTANTIATE_TEST_SUITE_P(Backends, DailyJobRunsTest, ::testing::ValuesIn(kl::test::backends_under_test()), backend_name);

}  // namespace
}  // namespace kl::store::testing
