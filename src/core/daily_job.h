#pragma once
// A job run once per Shanghai day, after a local time of day: the funds' day-end sweep (23:30) and
// the nightly risk scan (02:00). A background thread polls tick(); tick() is the whole rule and is
// what tests call with a ManualClock. A run that fails is retried at the next poll (each job's run is
// one transaction, so a failure leaves nothing half done); a run that succeeded is not repeated the
// same day. A server started after the time runs the job at once, so a day is never skipped.
//
// With a DailyJobLedger (store::DailyJobRuns, the table daily_job_runs) the day's run is claimed in
// the database before it starts and marked done or failed after it: a restarted server does not run
// a finished day again, and of several instances sharing one PostgreSQL database only one runs it.
// A claim whose process died is taken over once it is older than the ledger's lease.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "core/clock.h"
#include "core/problem_code.h"
#include "core/result.h"

namespace kl {

// What a run did: a stable code with named parameters (a client writes it in its reader's language:
// the console's web/src/risk-messages.js) and the same in English for the log. A failed run has no
// code; its text is the error.
//   risk_scan_done          contracts, requests, new_flags
//   sweep_done              amount_fen, projects, expired
//   audit_checkpoint_done   seq
struct JobSummary {
    std::string code;
    ProblemParams params;
    std::string text;
};

// Days are Shanghai days since 1970-01-01 (shanghai_day()).
class DailyJobLedger {
public:
    enum class Claim {
        run,      // this process holds the day's run now
        done,     // the day's run has succeeded (here before a restart, or in another instance)
        running,  // another instance holds a live claim on it
    };
    virtual ~DailyJobLedger() = default;
    virtual Result<Claim> claim(const std::string& job, int64_t day) = 0;
    // Records the end of a run this process claimed: what it did, or its error.
    virtual Result<void> finish(const std::string& job, int64_t day, bool succeeded, const JobSummary& summary) = 0;
    // The same with words alone (no code).
    Result<void> finish(const std::string& job, int64_t day, bool succeeded, const std::string& text) {
        return finish(job, day, succeeded, JobSummary{"", {}, text});
    }
};

// The Shanghai calendar day of a UTC time, counted from 1970-01-01.
int64_t shanghai_day(int64_t utc_ms);

class DailyJob {
public:
    // What the run did (JobSummary).
    using Run = std::function<Result<JobSummary>()>;

    // `ledger` may be null: the job then remembers its last run in memory only.
    DailyJob(std::string name, int64_t local_time_ms, const Clock& clock, Run run,
             std::chrono::milliseconds poll = std::chrono::seconds(60), DailyJobLedger* ledger = nullptr);
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
    DailyJobLedger* const ledger_;
    int64_t last_done_day_ = -1;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace kl
