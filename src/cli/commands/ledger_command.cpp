// `kashlink verify`: recomputes the audit hash chain, the month seals, the signed checkpoints and the
// ledger invariants and prints every break (row, kind, what differs); exit status 0 only when there
// is none. With --checkpoints FILE (checkpoints an auditor downloaded and kept) it also proves the
// chain still has each of those heads: a history rewritten after them fails, even when every hash
// in the database was recomputed.
// `kashlink funds sweep`: sweeps refunds back to the master account and expires due pendings.
#include "cli/commands/ledger_command.h"

#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

#include "audit/audit_trail.h"
#include "cli/commands/common.h"
#include "funds/funds_service.h"
#include "http/audit_checkpoint_file.h"
#include "ledger/ledger_service.h"
#include "ledger/ledger_verify.h"

namespace kl::cli {

namespace {

struct VerifyArgs {
    std::string database_url = Config{}.database_url;
    std::string checkpoints_file;  // empty: no outside checkpoints
    std::string public_key;        // the key the checkpoints must be signed with; empty: the server's
    std::string key_file;          // the server's signing key; empty: beside the database
};

// The checkpoints of --checkpoints and the key they must be signed with: --public-key when given,
// else the server's key when this machine has it, else the key the file names.
Result<audit::Anchors> read_anchors(const VerifyArgs& args, const audit::AuditSigner* server_key) {
    std::ifstream in(args.checkpoints_file, std::ios::binary);
    if (!in) return fail_field("--checkpoints", ProblemCode::invalid_value, "cannot read " + args.checkpoints_file);
    std::ostringstream text;
    text << in.rdbuf();
    auto anchors = http::parse_checkpoint_file(text.str());
    if (!anchors) {
        Error error = anchors.error();
        if (error.message.starts_with("checkpoints: ")) error.message.erase(0, std::string_view("checkpoints: ").size());
        error.message = "--checkpoints " + args.checkpoints_file + ": " + error.message;
        return fail(std::move(error));
    }
    if (!args.public_key.empty()) {
        anchors->public_key = args.public_key;
    } else if (server_key) {
        anchors->public_key = server_key->public_key_hex();
    }
    return anchors;
}

// The server's key, when this machine has it, so seals and stored checkpoints are checked against it
// (and not only against the key each names). Verification never creates a key.
Result<std::unique_ptr<audit::AuditSigner>> local_signer(const VerifyArgs& args) {
    const std::string path = args.key_file.empty() ? default_audit_signing_key_file(args.database_url) : args.key_file;
    auto signer = audit::AuditSigner::load(path);
    if (!signer && signer.error().code == ErrorCode::not_found) {
        std::cout << "no audit signing key at " << path << ": signatures checked against the keys they name\n";
        return std::unique_ptr<audit::AuditSigner>();
    }
    return signer;
}

void print_report(const ledger::VerifyReport& report, const audit::Anchors* anchors) {
    std::cout << "audit rows " << report.chain.rows << ", seals " << report.chain.seals << ", signed checkpoints "
              << report.chain.checkpoints << ", head " << report.chain.head_hash << "\nledger accounts " << report.accounts
              << ", transfers " << report.transfers << "\n";
    if (anchors) {
        std::cout << "kept checkpoints " << report.chain.anchors << ", signed by " << anchors->public_key << "\n";
    }
    for (const auto* list : {&report.chain.breaks, &report.ledger_breaks}) {
        for (const auto& b : *list) {
            std::cout << "BREAK " << b.kind << " row " << b.seq << " " << b.record_type << " " << b.record_id << ": " << b.detail << "\n";
        }
    }
    if (!report.ok()) {
        std::cout << "NOT verified\n";
    } else {
        std::cout << (anchors ? "verified: the chain and the ledger hold, and the chain still has every kept checkpoint's head\n"
                              : "verified: the chain and the ledger hold\n");
    }
}

int verify(const VerifyArgs& args) {
    auto signer = local_signer(args);
    if (!signer) return report_error(signer.error());
    std::optional<audit::Anchors> anchors;
    if (!args.checkpoints_file.empty()) {
        auto read = read_anchors(args, signer->get());
        if (!read) {
            report_error(read.error());
            return 2;  // checkpoints that cannot be read prove nothing: the database is not verified
        }
        anchors = std::move(*read);
    }
    auto store = open_database(args.database_url);
    if (!store) return report_error(store.error());
    SystemClock clock;
    audit::AuditTrail trail((*store)->backend(), clock, signer->get());
    const audit::Anchors* kept = anchors ? &*anchors : nullptr;
    auto report = (*store)->read([&](store::Tx& tx) { return ledger::verify_all(tx, trail, kept); });
    if (!report) return report_error(report.error());
    print_report(*report, kept);
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

int verify_database(const std::string& database_url, const std::string& key_file) {
    VerifyArgs args;
    args.database_url = database_url;
    args.key_file = key_file;
    return verify(args);
}

void add_ledger_commands(CLI::App& app, int& exit_code) {
    auto verify_args = std::make_shared<VerifyArgs>();
    auto* verify_command = app.add_subcommand("verify", "Verify the audit chain and the ledger invariants");
    verify_command->add_option("--db", verify_args->database_url, "SQLite path or PostgreSQL URL");
    verify_command->add_option("--checkpoints", verify_args->checkpoints_file,
                               "Signed checkpoints downloaded from GET /api/v1/audit/checkpoints: the chain must still have their heads");
    verify_command->add_option("--public-key", verify_args->public_key,
                               "Hex Ed25519 key the checkpoints must be signed with (default: the server's key file, else the file's key)");
    verify_command->add_option("--audit-signing-key-file", verify_args->key_file,
                               "The server's signing key, to check seals and stored checkpoints (default: beside the database)");
    verify_command->callback([verify_args, &exit_code] { exit_code = verify(*verify_args); });

    auto database_url = std::make_shared<std::string>(Config{}.database_url);

    auto* funds_command = app.add_subcommand("funds", "Aid-fund operations");
    funds_command->require_subcommand(1);
    auto* sweep_command = funds_command->add_subcommand("sweep", "Sweep refunds back to the master account (also done at day end)");
    sweep_command->add_option("--db", *database_url, "SQLite path or PostgreSQL URL");
    sweep_command->callback([database_url, &exit_code] { exit_code = sweep(*database_url); });
}

}  // namespace kl::cli
