// The `kashlink` command: serve, demo, migrate, user. Each subcommand lives in cli/commands/.
#include "cli/commands.h"

int main(int argc, char** argv) { return kl::cli::run(argc, argv); }
