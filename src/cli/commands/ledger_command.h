#pragma once
// `kashlink verify` (the audit chain and the ledger invariants) and `kashlink funds sweep`.

namespace CLI {
class App;
}

namespace kl::cli {

void add_ledger_commands(CLI::App& app, int& exit_code);

}  // namespace kl::cli
