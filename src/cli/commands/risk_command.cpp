#include "cli/commands/risk_command.h"

#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands/common.h"
#include "core/clock.h"
#include "core/ids.h"
#include "audit/audit_trail.h"
#include "bridges/projects_funds.h"
#include "funds/funds_service.h"
#include "ledger/ledger_service.h"
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
    // The scan raises flags only and moves no money; the services are wired as in the server, so
    // the flags it raises are on the audit chain.
    audit::AuditTrail trail((*store)->backend(), clock);
    ledger::LedgerService ledger(**store, clock, trail);
    funds::FundsService funds(**store, clock, ledger);
    projects::Projects projects(**store, clock, ids, bridges::funds_port(funds), trail);
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
