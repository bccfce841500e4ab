#pragma once
// Runs a program, such as the `kashlink` binary a test folder is given as KL_KASHLINK_BINARY, and
// keeps what it printed, so a test can check a command as its user sees it.

#include <string>
#include <vector>

namespace kl::test {

struct CommandResult {
    int status = -1;  // the exit code; -1 when it did not exit by itself (a signal) or could not start
    std::string out;  // standard output
    std::string err;  // standard error
};

// Runs `program` with `args` (argv[0] is the program) and waits for it to end.
CommandResult run_command(const std::string& program, const std::vector<std::string>& args);

}  // namespace kl::test
