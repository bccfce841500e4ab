// The `kashlink` command: serve, demo, migrate, user. Each subcommand lives in cli/commands/.
#include "cli/commands.h"
#include "core/memory_tuning.h"

int main(int argc, char** argv) {
    // Before anything allocates; refused settings only leave glibc's defaults (slower, still right).
    (void)kl::core::keep_freed_memory_for_reuse();
    return kl::cli::run(argc, argv);
}
