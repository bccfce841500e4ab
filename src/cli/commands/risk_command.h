#pragma once
#include <CLI/App.hpp>
namespace kl::cli {
// `kashlink risk scan [--db URL]`: every risk rule over the whole programme (the nightly scan, run
// from cron or a systemd timer); prints how many flags are new.
void add_risk_commands(CLI::App& app, int& exit_code);
}
