#include "core/log.h"

#include <spdlog/sinks/stdout_color_sinks.h>

namespace kl {

void init_logging(const std::string& level) {
    spdlog::drop("kashlink");  // init may run again (tests, the demo command before serve)
    auto logger = spdlog::stderr_color_mt("kashlink");
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%l%$ %v", spdlog::pattern_time_type::utc);
    logger->set_level(spdlog::level::from_str(level));
    spdlog::set_default_logger(logger);
}

}  // namespace kl
