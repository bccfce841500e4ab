#include "cli/commands/risk_command.h"

#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands/common.h"
#include "core/clock.h"
#include "core/ids.h"
#include "projects/local_ports.h"
#include "projects/projects.h"

namespace kl::cli {

namespace {

struct RiskArgs {
    std::string database_url = Config{}.database_url;
};

int run_scan(const RiskArgs& args) {
    auto store = open_database(args.database_url);
    if (!store) return report_error(store.error());
    SystemClock clock;
    UuidV7Generator ids(clock);
    // The scan raises flags only; it moves no money, so the funds port is never asked to pay.
    projects::Projects projects(**store, clock, ids, projects::budget_quota_funds_port(ids),
                                projects::interim_audit_sink(clock, ids));
    auto summary = projects.risk.scan(std::nullopt);
    if (!summary) return report_error(summary.error());
    std::cout << "scanned " << summary->contracts << " contracts and " << summary->requests << " payment requests; "
              << summary->new_flags << " new flags\n";
    return 0;
}

}  // namespace

void add_risk_commands(CLI::App& app, int& exit_code) {
    auto* risk = app.add_subcommand("risk", "Risk rules R1–R15 over aid projects and payments");
    risk->require_subcommand(1);
    auto args = std::make_shared<RiskArgs>();
    auto* scan = risk->add_subcommand("scan", "Run every rule over the programme now (the nightly scan)");
    scan->add_option("--db", args->database_url, "database URL or SQLite path");
    scan->callback([args, &exit_code] { exit_code = run_scan(*args); });
}

}  // namespace kl::cli
