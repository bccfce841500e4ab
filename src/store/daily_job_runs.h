#pragma once
// The database side of the daily jobs (core/daily_job.h): one row of daily_job_runs per job and
// Shanghai day. claim() inserts the row (or takes over a failed run, or a claim older than the lease
// whose process died) in one write; the insert's primary key and a compare-and-set update make one
// claimant win when several instances poll at the same moment. finish() marks the run done or failed.
//
//   store::DailyJobRuns runs(store, clock, instance_id);
//   DailyJob scan("nightly risk scan", two_am, clock, run, std::chrono::seconds(60), &runs);

#include <string>
#include <vector>

#include "core/clock.h"
#include "core/daily_job.h"
#include "store/store.h"

namespace kl::store {

// A claim not finished within this time is taken to be lost with its process. The longest job (the
// risk scan over a programme) takes seconds; an hour leaves room for a slow database.
inline constexpr int64_t daily_job_lease_ms = 60 * 60 * 1000;

struct DailyJobRun {
    std::string job;
    int64_t shanghai_day = 0;
    std::string run_date;
    std::string state;
    std::string claimed_by;
    int64_t claimed_at_ms = 0;
    int64_t attempts = 0;
    std::optional<int64_t> finished_at_ms;
    std::string summary;
    std::string summary_code;                // "" for a failed run, or one before codes
    std::string summary_params_json = "{}";  // the code's parameters as a JSON object
};

class DailyJobRuns final : public DailyJobLedger {
public:
    DailyJobRuns(Store& store, const Clock& clock, std::string instance_id, int64_t lease_ms = daily_job_lease_ms)
        : store_(store), clock_(clock), instance_id_(std::move(instance_id)), lease_ms_(lease_ms) {}

    Result<Claim> claim(const std::string& job, int64_t day) override;
    Result<void> finish(const std::string& job, int64_t day, bool succeeded, const JobSummary& summary) override;
    using DailyJobLedger::finish;

    // The latest runs, newest first (at most `limit`, clamped to 1–500).
    Result<std::vector<DailyJobRun>> recent(int64_t limit) const;

private:
    Store& store_;
    const Clock& clock_;
    const std::string instance_id_;
    const int64_t lease_ms_;
};

}  // namespace kl::store
