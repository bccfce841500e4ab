#include "market/allocation_service.h"

#include "core/log.h"
#include "access/permissions.h"
#include "market/allocation_repo.h"
#include "store/page.h"

namespace kl::market {

namespace {

Result<void> require_run_starter(const Actor& actor) {
    return access::require_role(actor, {access::Role::admin, access::Role::fund_officer});
}

// Proposals an actor sees: nullopt = all; otherwise only those this organisation is a side of
// (an organisation that is neither seller nor buyer of any proposal simply sees none).
std::optional<std::string> party_filter(const Actor& actor) { return access::visible_org(actor); }

// One page of a run's rows: the limit and cursor checked, the run found (not_found otherwise), then
// `rows(tx, after)` (page_rows_to_fetch(limit) rows) cut to the page and `next_cursor` set from the
// last row kept.
template <typename Rows, typename IdOf>
auto run_rows_page(store::Store& store, const std::string& run_id, int limit, const std::optional<std::string>& cursor,
                   std::optional<std::string>& next_cursor, Rows rows, IdOf id_of)
    -> std::invoke_result_t<Rows&, store::Tx&, const std::optional<std::string>&> {
    using Records = typename std::invoke_result_t<Rows&, store::Tx&, const std::optional<std::string>&>::value_type;
    KL_TRY_ASSIGN(std::optional<std::string> after, store::start_page(limit, cursor));
    return store.read([&](store::Tx& tx) -> Result<Records> {
        KL_TRY_ASSIGN(std::optional<Run> run, find_run(tx, run_id));
        if (!run) return fail(ErrorCode::not_found, "allocation run " + run_id + " not found");
        KL_TRY_ASSIGN(Records records, rows(tx, after));
        next_cursor = store::finish_page(records, limit, id_of);
        return records;
    });
}

Result<Proposal> load_proposal(store::Tx& tx, const std::string& run_id, const std::string& proposal_id) {
    KL_TRY_ASSIGN(std::optional<Proposal> proposal, find_proposal(tx, proposal_id));
    if (!proposal || proposal->run_id != run_id) {
        return fail(ErrorCode::not_found, "proposal " + proposal_id + " not found in run " + run_id);
    }
    return std::move(*proposal);
}

// Wall time since `start` in microseconds (phases are measured, not simulated: the clock is not injected).
int64_t elapsed_us(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count();
}

// Runs `phase` and adds its wall time to `spent`.
template <typename Phase>
auto timed(int64_t& spent, Phase&& phase) {
    const auto start = std::chrono::steady_clock::now();
    auto outcome = phase();
    spent = elapsed_us(start);
    return outcome;
}

// The pure model's phases (allocation_model.h), each timed.
Result<AllocationResult> allocate_timed(const Instance& instance, RunPhases& phases) {
    std::vector<PairArc> pairs = timed(phases.pairs_us, [&] { return feasible_pairs(instance); });
    KL_TRY_ASSIGN(BuiltNetwork built,
                  timed(phases.network_us, [&] { return build_network(instance, std::move(pairs)); }));
    FlowSolution solution = timed(phases.solve_us, [&] { return solve_min_cost_flow(built.network); });
    return timed(phases.result_us, [&] { return read_solution(instance, std::move(built), std::move(solution)); });
}

// The offer and demand must still be open with room for this proposal beside what is confirmed.
Result<void> check_room(store::Tx& tx, const Proposal& proposal) {
    KL_TRY_ASSIGN(std::optional<ListingRoom> offer, listing_room(tx, ListingSide::offer, proposal.offer_id));
    if (!offer || !offer->open || offer->room_g < proposal.quantity_g) {
        return fail(ErrorCode::conflict, "offer " + proposal.offer_id +
                                             " is withdrawn or no longer has this quantity free; run the allocation again");
    }
    KL_TRY_ASSIGN(std::optional<ListingRoom> demand, listing_room(tx, ListingSide::demand, proposal.demand_id));
    if (!demand || !demand->open || demand->room_g < proposal.quantity_g) {
        return fail(ErrorCode::conflict, "demand " + proposal.demand_id +
                                             " is withdrawn or already met by other confirmed proposals");
    }
    return ok();
}

}  // namespace

AllocationService::AllocationService(store::Store& store, const Clock& clock, IdGenerator& ids, OrderSink sink)
    : store_(store), clock_(clock), ids_(ids), sink_(std::move(sink)),
      jobs_(std::make_unique<AllocationJobs>([this](const std::string& run_id) { execute(run_id); })) {}

AllocationService::~AllocationService() { stop(); }

void AllocationService::stop() { jobs_->stop(); }

kl::Date AllocationService::today() const { return kl::today_in_shanghai(clock_); }

Result<Run> AllocationService::record_run(const Actor& actor, std::optional<kl::Date> as_of, RunStatus status) {
    KL_TRY(require_run_starter(actor));
    Run run;
    run.id = ids_.next();
    run.status = status;
    run.as_of = as_of.value_or(today());
    if (actor) run.requested_by = actor->user_id;
    run.requested_at_ms = clock_.now_ms();
    KL_TRY(store_.write([&](store::Tx& tx) { return insert_run(tx, run); }));
    return run;
}

Result<Run> AllocationService::start(const Actor& actor, std::optional<kl::Date> as_of) {
    KL_TRY_ASSIGN(Run run, record_run(actor, as_of, RunStatus::queued));
    if (auto queued = jobs_->submit(run.id); !queued) {
        (void)store_.write([&](store::Tx& tx) {
            return set_run_status(tx, run.id, RunStatus::failed, clock_.now_ms(), queued.error().message);
        });
        return fail(queued.error());
    }
    return run;
}

Result<Run> AllocationService::run_now(const Actor& actor, std::optional<kl::Date> as_of, RunPhases* phases) {
    // Recorded as running straight away: no other thread could claim it, so there is no queued state
    // to take it out of (one durable write fewer).
    KL_TRY_ASSIGN(Run run, record_run(actor, as_of, RunStatus::running));
    RunPhases measured;
    solve_claimed(run, measured);
    if (phases != nullptr) *phases = measured;
    return get(actor, run.id);
}

void AllocationService::execute(const std::string& run_id) {
    // Claimed in a write job: the group committer runs it after the batch of the request that
    // queued the run has committed (POST /allocations with an Idempotency-Key records the run
    // inside the pipeline's write job, which commits only after the handler returns), so the run is
    // visible here; a run whose transaction rolled back is simply not found.
    const auto start = std::chrono::steady_clock::now();
    auto claimed = store_.write([&](store::Tx& tx) -> Result<std::optional<Run>> {
        KL_TRY_ASSIGN(std::optional<Run> found, find_run(tx, run_id));
        if (!found || found->status != RunStatus::queued) return std::optional<Run>{};  // gone or handled
        KL_TRY(set_run_status(tx, run_id, RunStatus::running, clock_.now_ms()));
        found->status = RunStatus::running;
        return found;
    });
    if (!claimed) {
        fail_run(run_id, claimed.error().message);
        return;
    }
    if (!*claimed) return;
    RunPhases phases;
    phases.claim_us = elapsed_us(start);
    solve_claimed(**claimed, phases);
}

void AllocationService::solve_claimed(const Run& run, RunPhases& phases) {
    auto outcome = [&]() -> Result<void> {
        KL_TRY_ASSIGN(Instance instance, timed(phases.load_us, [&] {
                          return store_.read([&](store::Tx& tx) { return load_instance(tx, run.as_of); });
                      }));
        KL_TRY_ASSIGN(AllocationResult result, allocate_timed(instance, phases));
        KL_TRY(timed(phases.store_us, [&] {
            return store_.write([&](store::Tx& tx) { return store_result(tx, run.id, instance, result, clock_.now_ms()); });
        }));
        spdlog::info("allocation run {}: {} offers, {} demands, {} pairs, {} proposals; claim {} us, load {} us, "
                     "pairs {} us, network {} us, solve {} us, result {} us, store {} us",
                     run.id, result.totals.offer_count, result.totals.demand_count, result.totals.arc_count,
                     result.totals.proposal_count, phases.claim_us, phases.load_us, phases.pairs_us,
                     phases.network_us, phases.solve_us, phases.result_us, phases.store_us);
        return ok();
    }();
    if (!outcome) fail_run(run.id, outcome.error().message);
}

void AllocationService::fail_run(const std::string& run_id, const std::string& why) {
    (void)store_.write([&](store::Tx& tx) { return set_run_status(tx, run_id, RunStatus::failed, clock_.now_ms(), why); });
}

Result<void> AllocationService::recover_interrupted() {
    return store_.write([&](store::Tx& tx) { return fail_unfinished_runs(tx, clock_.now_ms()); });
}

Result<Run> AllocationService::get(const Actor&, const std::string& run_id) {
    // Every signed-in user reads runs (routes require the session).
    return store_.read([&](store::Tx& tx) -> Result<Run> {
        KL_TRY_ASSIGN(std::optional<Run> run, find_run(tx, run_id));
        if (!run) return fail(ErrorCode::not_found, "allocation run " + run_id + " not found");
        return std::move(*run);
    });
}

Result<RunPage> AllocationService::list(const Actor&, int limit, const std::optional<std::string>& cursor) {
    KL_TRY_ASSIGN(std::optional<std::string> after, store::start_page(limit, cursor));
    return store_.read([&](store::Tx& tx) -> Result<RunPage> {
        KL_TRY_ASSIGN(std::vector<Run> runs, list_runs(tx, after, store::page_rows_to_fetch(limit)));
        RunPage page;
        page.next_cursor = store::finish_page(runs, limit, [](const auto& item) { return item.id; });
        page.runs = std::move(runs);
        return page;
    });
}

Result<ProposalPage> AllocationService::proposals(const Actor& actor, const std::string& run_id,
                                                  const store::ListWindow& window, int limit,
                                                  const std::optional<std::string>& cursor) {
    ProposalPage page;
    KL_TRY_ASSIGN(page.proposals, run_rows_page(
                                      store_, run_id, limit, cursor, page.next_cursor,
                                      [&](store::Tx& tx, const std::optional<std::string>& after) {
                                          return list_proposals(tx, run_id, party_filter(actor), window, after, limit);
                                      },
                                      [](const Proposal& item) { return item.id; }));
    return page;
}

Result<UnmetPage> AllocationService::unmet(const Actor& actor, const std::string& run_id, int limit,
                                           const std::optional<std::string>& cursor) {
    UnmetPage page;
    KL_TRY_ASSIGN(page.unmet, run_rows_page(
                                  store_, run_id, limit, cursor, page.next_cursor,
                                  [&](store::Tx& tx, const std::optional<std::string>& after) {
                                      return list_unmet(tx, run_id, party_filter(actor), after, store::page_rows_to_fetch(limit));
                                  },
                                  [](const Unmet& item) { return item.demand_id; }));
    return page;
}

Result<Proposal> AllocationService::decide(const Actor& actor, const std::string& run_id, const std::string& proposal_id,
                                           Decision decision, std::optional<Side> command_line_side) {
    return store_.write([&](store::Tx& tx) -> Result<Proposal> {
        KL_TRY_ASSIGN(Proposal proposal, load_proposal(tx, run_id, proposal_id));
        KL_TRY_ASSIGN(Side side, side_of(actor, proposal.seller_org_id, proposal.buyer_org_id, command_line_side));
        std::optional<Decision>& mine = side == Side::seller ? proposal.seller_decision : proposal.buyer_decision;
        if (mine == decision) return proposal;  // the same answer again: nothing changes
        if (mine || proposal.status != ProposalStatus::proposed) {
            return fail(ErrorCode::conflict, "proposal " + proposal_id + " is already " +
                                                 std::string(to_string(proposal.status)) + " (the " +
                                                 std::string(to_string(side)) + " side has decided)");
        }
        mine = decision;
        const std::optional<std::string> user = access::user_id_of(actor);
        const int64_t now = clock_.now_ms();
        if (decision == Decision::declined) proposal.status = ProposalStatus::declined;
        const bool both = proposal.seller_decision == Decision::accepted && proposal.buyer_decision == Decision::accepted;
        if (both) {
            KL_TRY(check_room(tx, proposal));
            AcceptedProposal accepted;
            accepted.proposal_id = proposal.id;
            accepted.buyer_org_id = proposal.buyer_org_id;
            accepted.seller_org_id = proposal.seller_org_id;
            accepted.product_id = proposal.product_id;
            accepted.grade = proposal.grade;
            accepted.district_code = proposal.district;
            accepted.mode = std::string(to_string(proposal.mode));
            accepted.quantity_g = proposal.quantity_g;
            accepted.unit_price_fen_per_kg = proposal.delivered_price_fen_per_kg;
            accepted.delivery_date = kl::format_date(proposal.arrival_date);
            accepted.actor_user_id = user.value_or("");
            KL_TRY_ASSIGN(std::string order_id, sink_(tx, accepted));
            proposal.order_id = order_id;
            proposal.status = ProposalStatus::confirmed;
        }
        proposal.updated_at_ms = now;
        KL_TRY(record_decision(tx, proposal, side, decision, user));
        return proposal;
    });
}

}  // namespace kl::market
