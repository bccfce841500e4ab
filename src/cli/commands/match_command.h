#pragma once
#include <CLI/App.hpp>
namespace kl::cli {
// `kashlink match [--db URL] [--as-of YYYY-MM-DD]`: one allocation run, solved here, its totals printed.
void add_match_command(CLI::App& app, int& exit_code);
}
