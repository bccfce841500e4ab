// `kashlink match`: the trusted local operator (no principal) runs the matching engine over the open
// offers and demands of the database and prints the run's totals; the proposals are stored like a
// run started over HTTP (GET /api/v1/allocations/{id}/proposals). Accepting them needs the server.
#include "cli/commands/match_command.h"

#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands/common.h"
#include "core/clock.h"
#include "core/ids.h"
#include "market/allocation_service.h"

namespace kl::cli {

namespace {

struct MatchArgs {
    std::string database_url = Config{}.database_url;
    std::string as_of;
};

// The command line makes no orders: the order sink refuses, so nothing here can confirm one.
Result<std::string> no_orders(store::Tx&, const market::AcceptedProposal&) {
    return fail(ErrorCode::unavailable, "kashlink match only proposes; accept proposals through the server");
}

int run_match(const MatchArgs& args) {
    std::optional<kl::Date> as_of;
    if (!args.as_of.empty()) {
        auto parsed = kl::parse_date(args.as_of, "as-of");
        if (!parsed) return report_error(parsed.error());
        as_of = *parsed;
    }
    auto store = open_database(args.database_url);
    if (!store) return report_error(store.error());
    SystemClock clock;
    UuidV7Generator ids(clock);
    market::AllocationService allocations(**store, clock, ids, no_orders);
    auto run = allocations.run_now(std::nullopt, as_of);
    if (!run) return report_error(run.error());
    const market::RunTotals& t = run->totals;
    std::cout << "run " << run->id << " " << market::to_string(run->status) << " as of " << kl::format_date(run->as_of)
              << "\n";
    if (run->error) std::cout << "error: " << *run->error << "\n";
    std::cout << "offers " << t.offer_count << ", demands " << t.demand_count << ", feasible pairs " << t.arc_count
              << ", proposals " << t.proposal_count << "\n"
              << "demanded " << t.demanded_g << " g, allocated " << t.allocated_g << " g, unmet " << t.unmet_g
              << " g (of which aid minimum " << t.aided_shortfall_g << " g)\n"
              << "delivered cost " << t.delivered_cost_mfen / 1000 << " fen, objective " << t.objective_mfen
              << " milli-fen (penalty " << t.penalty_fen_per_kg << " fen/kg unmet)\n";
    return run->status == market::RunStatus::done ? 0 : 1;
}

}  // namespace

void add_match_command(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<MatchArgs>();
    CLI::App* match = app.add_subcommand("match", "Allocate open offers to open demands (min-cost flow) and store proposals");
    match->add_option("--db", args->database_url, "database URL or SQLite path");
    match->add_option("--as-of", args->as_of, "planning date YYYY-MM-DD (default today, Asia/Shanghai)");
    match->callback([args, &exit_code] { exit_code = run_match(*args); });
}

}  // namespace kl::cli
