#include "funds/day_end_sweeper.h"

#include <fmt/format.h>

namespace kl::funds {

DailyJob::Run day_end_sweep(FundsService& funds) {
    return [&funds]() -> Result<std::string> {
        KL_TRY_ASSIGN(auto report, funds.sweep(std::nullopt));
        return fmt::format("{} fen swept back from {} project(s), {} pending transfer(s) expired", report.amount_fen,
                           report.projects, report.expired_pendings);
    };
}

}  // namespace kl::funds
