#pragma once
#include <CLI/App.hpp>
namespace kl::cli {
void add_serve_commands(CLI::App& app, int& exit_code);
}
