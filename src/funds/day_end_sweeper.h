#pragma once
// The day-end sweep (funds-anchors §1: "refunds are swept up the same day"): once per Shanghai day
// after 23:30, FundsService::sweep moves refunds back to the master and expires due pendings. The
// serving process runs it as a kl::DailyJob (core/daily_job.h); `kashlink funds sweep` does the same
// on demand.

#include <cstdint>

#include "core/daily_job.h"
#include "funds/funds_service.h"

namespace kl::funds {

inline constexpr int64_t sweep_local_time_ms = (23 * 60 + 30) * 60 * 1000;  // 23:30 Asia/Shanghai

// The sweep as a daily job's run: one transaction, described for the log.
DailyJob::Run day_end_sweep(FundsService& funds);

}  // namespace kl::funds
