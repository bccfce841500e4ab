#pragma once
#include <CLI/App.hpp>
namespace kl::cli {
// `kashlink import products|organisations|offers|demands FILE.csv` and `kashlink export products|organisations`.
void add_exchange_commands(CLI::App& app, int& exit_code);
}
