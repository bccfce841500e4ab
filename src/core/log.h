#pragma once
// Logging is spdlog behind two functions, so the rest of the code does not depend on its setup.

#include <spdlog/spdlog.h>

#include <string>

namespace kl {

// Sets the default logger: level "trace|debug|info|warn|error|off"; messages go to stderr.
void init_logging(const std::string& level);

}  // namespace kl
