#pragma once
#include <CLI/App.hpp>
namespace kl::cli {
// `kashlink schedule --event ID [--db URL] [--time-limit-ms N] [--publish]`: one run of the meeting
// scheduler for an event, solved here as the trusted local operator; its figures printed.
void add_schedule_command(CLI::App& app, int& exit_code);
}
