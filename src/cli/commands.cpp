#include "cli/commands.h"

#include <CLI/CLI.hpp>

#include "cli/commands/backup_command.h"
#include "cli/commands/exchange_command.h"
#include "cli/commands/match_command.h"
#include "cli/commands/ledger_command.h"
#include "cli/commands/migrate_command.h"
#include "cli/commands/risk_command.h"
#include "cli/commands/schedule_command.h"
#include "cli/commands/serve_command.h"
#include "cli/commands/user_command.h"

namespace kl::cli {

int run(int argc, char** argv) {
    CLI::App app{"Kashlink (喀沪通): Shanghai–Kashgar paired-assistance platform"};
    app.require_subcommand(1);
    int exit_code = 0;
    add_serve_commands(app, exit_code);
    add_migrate_command(app, exit_code);
    add_user_command(app, exit_code);
    add_exchange_commands(app, exit_code);
    add_match_command(app, exit_code);
    add_schedule_command(app, exit_code);
    add_ledger_commands(app, exit_code);
    add_risk_commands(app, exit_code);
    add_backup_commands(app, exit_code);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        return app.exit(error);
    }
    return exit_code;
}

}  // namespace kl::cli
