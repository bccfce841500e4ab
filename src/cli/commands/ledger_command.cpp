// `kashlink verify`: recomputes the audit hash chain, the month seals and the ledger invariants and
// prints every break (row, kind, what differs); exit status 0 only when there is none.
// `kashlink funds sweep`: sweeps refunds back to the master account and expires due pendings.
#include "cli/commands/ledger_command.h"

#include <CLI/CLI.hpp>

#include <iostream>

#include "audit/audit_trail.h"
#include "cli/commands/common.h"
#include "funds/funds_service.h"
#include "ledger/ledger_service.h"
#include "ledger/ledger_verify.h"

namespace kl::cli {

namespace {

int verify(const std::string& database_url) {
    auto store = open_database(database_url);
    if (!store) return report_error(store.error());
    SystemClock clock;
    audit::AuditTrail trail((*store)->backend(), clock);
    auto report = (*store)->read([&](store::Tx& tx) { return ledger::verify_all(tx, trail); });
    if (!report) return report_error(report.error());
    std::cout << "audit rows " << report->chain.rows << ", seals " << report->chain.seals << ", head " << report->chain.head_hash
              << "\nledger accounts " << report->accounts << ", transfers " << report->transfers << "\n";
    for (const auto* list : {&report->chain.breaks, &report->ledger_breaks}) {
        for (const auto& b : *list) {
            std::cout << "BREAK " << b.kind << " row " << b.seq << " " << b.record_type << " " << b.record_id << ": " << b.detail << "\n";
        }
    }
    std::cout << (report->ok() ? "verified: the chain and the ledger hold\n" : "NOT verified\n");
    return report->ok() ? 0 : 2;
}

int sweep(const std::string& database_url) {
    auto store = open_database(database_url);
    if (!store) return report_error(store.error());
    SystemClock clock;
    audit::AuditTrail trail((*store)->backend(), clock);
    ledger::LedgerService ledger(**store, clock, trail);
    funds::FundsService funds(**store, clock, ledger);
    auto report = funds.sweep(std::nullopt);
    if (!report) return report_error(report.error());
    std::cout << "swept " << report->amount_fen << " fen from " << report->projects << " project(s); expired "
              << report->expired_pendings << " pending transfer(s)\n";
    return 0;
}

}  // namespace

void add_ledger_commands(CLI::App& app, int& exit_code) {
    auto database_url = std::make_shared<std::string>(Config{}.database_url);
    auto* verify_command = app.add_subcommand("verify", "Verify the audit chain and the ledger invariants");
    verify_command->add_option("--db", *database_url, "SQLite path or PostgreSQL URL");
    verify_command->callback([database_url, &exit_code] { exit_code = verify(*database_url); });

    auto* funds_command = app.add_subcommand("funds", "Aid-fund operations");
    funds_command->require_subcommand(1);
    auto* sweep_command = funds_command->add_subcommand("sweep", "Sweep refunds back to the master account (also done at day end)");
    sweep_command->add_option("--db", *database_url, "SQLite path or PostgreSQL URL");
    sweep_command->callback([database_url, &exit_code] { exit_code = sweep(*database_url); });
}

}  // namespace kl::cli
