#pragma once
// Entry point of the `kashlink` command line; subcommands are registered in commands.cpp.

namespace kl::cli {
int run(int argc, char** argv);
}
