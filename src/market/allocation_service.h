#pragma once
// Allocation runs and their proposals.
//
//   start      admin or fund_officer: records a queued run and hands it to the job thread
//              (allocation_jobs.h); the caller polls get() until done or failed
//   run_now    the same, solved on the calling thread (`kashlink match`, the demo, tests); `phases`,
//              when given, receives where the run's time went (every run also logs it at info)
//   get, list  every signed-in user (a run's totals are programme-wide figures)
//   proposals  programme-wide roles all; producers and buyers those their organisation is a side
//              of; other org-scoped roles none (an empty page)
//   decide     the seller's producers for the seller side, the buyer's buyers for the buyer side
//              (market_access.h). Deciding again the same way answers the proposal unchanged; the
//              other way is a conflict. When both sides have accepted, the OrderSink makes the
//              confirmed order in the same transaction and its id is stored on the proposal; if the
//              offer or demand no longer has room (withdrawn, or other confirmed proposals took it)
//              the acceptance is a conflict and nothing changes.
//
// A run loads the open market in one read snapshot, solves outside any transaction, then writes
// its proposals and totals in one write transaction.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/ids.h"
#include "market/allocation_jobs.h"
#include "market/allocation_model.h"
#include "market/market_access.h"
#include "market/market_types.h"
#include "market/order_sink.h"
#include "store/store.h"

namespace kl::market {

// Where a run's time went, in microseconds of wall time (the service measures each phase around the
// pure model and logs it; the benchmark prints it).
struct RunPhases {
    int64_t claim_us = 0;    // the write that marks a queued run running (none for run_now)
    int64_t load_us = 0;     // the read of the open market (load_instance)
    int64_t pairs_us = 0;    // feasible_pairs
    int64_t network_us = 0;  // build_network over those pairs
    int64_t solve_us = 0;    // solve_min_cost_flow (LEMON graph, solve, flows)
    int64_t result_us = 0;   // read_solution: allocations and totals from the flow
    int64_t store_us = 0;    // the write of proposals, unmet rows and totals (commit included)
};

struct UnmetPage {
    std::vector<Unmet> unmet;
    std::optional<std::string> next_cursor;
};

class AllocationService {
public:
    AllocationService(store::Store& store, const Clock& clock, IdGenerator& ids, OrderSink sink);
    ~AllocationService();

    // as_of: the planning date (default today in Asia/Shanghai).
    Result<Run> start(const Actor& actor, std::optional<kl::Date> as_of);
    Result<Run> run_now(const Actor& actor, std::optional<kl::Date> as_of, RunPhases* phases = nullptr);
    Result<Run> get(const Actor& actor, const std::string& run_id);
    Result<RunPage> list(const Actor& actor, int limit, const std::optional<std::string>& cursor);
    // A run's proposals inside `window` (allocation_repo.h list_proposals: names searched, arrival dated).
    Result<ProposalPage> proposals(const Actor& actor, const std::string& run_id, const store::ListWindow& window,
                                   int limit, const std::optional<std::string>& cursor);
    Result<UnmetPage> unmet(const Actor& actor, const std::string& run_id, int limit,
                            const std::optional<std::string>& cursor);
    Result<Proposal> decide(const Actor& actor, const std::string& run_id, const std::string& proposal_id,
                            Decision decision, std::optional<Side> command_line_side = std::nullopt);

    // Marks runs a previous process left queued or running as failed (call once at start-up).
    Result<void> recover_interrupted();
    // Stops the job thread (App::stop; the destructor also does).
    void stop();

    kl::Date today() const;

private:
    Result<Run> record_run(const Actor& actor, std::optional<kl::Date> as_of, RunStatus status);
    // A queued run (a job): claims it (queued → running), then solve_claimed.
    void execute(const std::string& run_id);
    // Loads, allocates and stores a run that is `running` and ours; marks it failed on an error.
    // Fills `phases` (which holds the claim's time when there was a claim).
    void solve_claimed(const Run& run, RunPhases& phases);
    void fail_run(const std::string& run_id, const std::string& why);

    store::Store& store_;
    const Clock& clock_;
    IdGenerator& ids_;
    OrderSink sink_;
    std::unique_ptr<AllocationJobs> jobs_;
};

}  // namespace kl::market
