#include "store/daily_job_runs.h"

#include <algorithm>

namespace kl::store {

namespace {

std::string date_of(int64_t day) { return format_utc_iso8601(day * ms_per_day).substr(0, 10); }

}  // namespace

Result<DailyJobLedger::Claim> DailyJobRuns::claim(const std::string& job, int64_t day) {
    const int64_t now = clock_.now_ms();
    return store_.write([&](Tx& tx) -> Result<Claim> {
        // ON CONFLICT DO NOTHING: SQLite 3.24+ and PostgreSQL 9.5+. Of two instances inserting at
        // once, PostgreSQL lets one insert and the other find the row.
        KL_TRY_ASSIGN(int64_t inserted,
                      tx.execute("INSERT INTO daily_job_runs (job, shanghai_day, run_date, state, claimed_by, claimed_at_ms) "
                                 "VALUES ($1, $2, $3, 'running', $4, $5) ON CONFLICT (job, shanghai_day) DO NOTHING",
                                 {job, day, date_of(day), instance_id_, now}));
        if (inserted == 1) return Claim::run;
        KL_TRY_ASSIGN(Rows rows, tx.query("SELECT state, claimed_at_ms FROM daily_job_runs WHERE job = $1 AND shanghai_day = $2",
                                          {job, day}));
        if (rows.empty()) return fail(ErrorCode::unavailable, "the run of " + job + " was neither inserted nor found");
        const std::string state = rows[0].text("state");
        const int64_t claimed_at = rows[0].i64("claimed_at_ms");
        if (state == "done") return Claim::done;
        if (state == "running" && now - claimed_at < lease_ms_) return Claim::running;
        // Failed, or claimed by a process that has not finished within the lease: take it over, unless
        // another instance took it over first (the row changed since it was read).
        KL_TRY_ASSIGN(int64_t taken,
                      tx.execute("UPDATE daily_job_runs SET state = 'running', claimed_by = $1, claimed_at_ms = $2, "
                                 "attempts = attempts + 1, finished_at_ms = NULL "
                                 "WHERE job = $3 AND shanghai_day = $4 AND state = $5 AND claimed_at_ms = $6",
                                 {instance_id_, now, job, day, state, claimed_at}));
        return taken == 1 ? Claim::run : Claim::running;
    });
}

Result<void> DailyJobRuns::finish(const std::string& job, int64_t day, bool succeeded, const JobSummary& summary) {
    const int64_t now = clock_.now_ms();
    // A summary is a log line; keep the row small whatever an error message holds.
    const std::string kept = summary.text.substr(0, 2000);
    return store_.write([&](Tx& tx) -> Result<void> {
        KL_TRY_ASSIGN(int64_t updated,
                      tx.execute("UPDATE daily_job_runs SET state = $1, finished_at_ms = $2, summary = $3, "
                                 "summary_code = $7, summary_params = $8 "
                                 "WHERE job = $4 AND shanghai_day = $5 AND claimed_by = $6 AND state = 'running'",
                                 {std::string(succeeded ? "done" : "failed"), now, kept, job, day, instance_id_,
                                  summary.code, params_json_text(summary.params)}));
        if (updated != 1) {
            return fail(ErrorCode::conflict, "the run of " + job + " on " + date_of(day) +
                                                 " is no longer claimed by this instance (its lease ran out)");
        }
        return ok();
    });
}

Result<std::vector<DailyJobRun>> DailyJobRuns::recent(int64_t limit) const {
    limit = std::clamp<int64_t>(limit, 1, 500);
    return store_.read([&](Tx& tx) -> Result<std::vector<DailyJobRun>> {
        KL_TRY_ASSIGN(Rows rows, tx.query("SELECT job, shanghai_day, run_date, state, claimed_by, claimed_at_ms, attempts, "
                                          "finished_at_ms, COALESCE(summary, '') AS summary, summary_code, summary_params FROM daily_job_runs "
                                          "ORDER BY shanghai_day DESC, job LIMIT $1",
                                          {limit}));
        std::vector<DailyJobRun> out;
        out.reserve(rows.size());
        for (const auto& row : rows) {
            DailyJobRun run{row.text("job"), row.i64("shanghai_day"), row.text("run_date"), row.text("state"),
                            row.text("claimed_by"), row.i64("claimed_at_ms"), row.i64("attempts"), std::nullopt,
                            row.text("summary"), row.text("summary_code"), row.text("summary_params")};
            if (!row.is_null(7)) run.finished_at_ms = row.i64(7);
            out.push_back(std::move(run));
        }
        return out;
    });
}

}  // namespace kl::store
