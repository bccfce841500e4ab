#pragma once
// The daily audit checkpoint: once per Shanghai day after 00:10 the serving process signs a
// checkpoint of the chain's head (AuditTrail::checkpoint), so even a quiet day, with fewer than
// checkpoint_every_appends rows, leaves a signed head an auditor can download and keep.

#include <cstdint>

#include "audit/audit_trail.h"
#include "core/daily_job.h"
#include "store/store.h"

namespace kl::audit {

inline constexpr int64_t daily_checkpoint_local_time_ms = 10 * 60 * 1000;  // 00:10 Asia/Shanghai

// The checkpoint as a daily job's run: one transaction, described for the log.
DailyJob::Run daily_checkpoint(store::Store& store, AuditTrail& trail);

}  // namespace kl::audit
