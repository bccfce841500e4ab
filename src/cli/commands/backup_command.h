#pragma once
// `kashlink backup` and `kashlink restore` (src/backup/backup.h).

namespace CLI {
class App;
}

namespace kl::cli {

void add_backup_commands(CLI::App& app, int& exit_code);

}  // namespace kl::cli
