#pragma once
#include <CLI/App.hpp>
namespace kl::cli {
void add_migrate_command(CLI::App& app, int& exit_code);
}
