#pragma once
// `kashlink verify` (the audit chain and the ledger invariants) and `kashlink funds sweep`.

#include <string>

namespace CLI {
class App;
}

namespace kl::cli {

void add_ledger_commands(CLI::App& app, int& exit_code);

// `kashlink verify --db URL` as a step of another command (restore); `key_file` empty: beside the
// database. Prints the report; returns the exit code (0 verified, 2 not).
int verify_database(const std::string& database_url, const std::string& key_file);

}  // namespace kl::cli
