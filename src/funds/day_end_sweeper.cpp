#include "funds/day_end_sweeper.h"

#include <fmt/format.h>

namespace kl::funds {

DailyJob::Run day_end_sweep(FundsService& funds) {
    return [&funds]() -> Result<JobSummary> {
        KL_TRY_ASSIGN(auto report, funds.sweep(std::nullopt));
        return JobSummary{"sweep_done",
                          {{"amount_fen", report.amount_fen}, {"projects", report.projects}, {"expired", report.expired_pendings}},
                          fmt::format("{} fen swept back from {} project(s), {} pending transfer(s) expired", report.amount_fen,
                                      report.projects, report.expired_pendings)};
    };
}

}  // namespace kl::funds
