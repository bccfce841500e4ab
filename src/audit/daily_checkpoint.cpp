#include "audit/daily_checkpoint.h"

namespace kl::audit {

DailyJob::Run daily_checkpoint(store::Store& store, AuditTrail& trail) {
    return [&store, &trail]() -> Result<JobSummary> {
        KL_TRY_ASSIGN(auto taken, store.write([&](store::Tx& tx) { return trail.checkpoint(tx, "daily"); }));
        return JobSummary{"audit_checkpoint_done", {{"seq", taken.seq}},
                          "audit checkpoint of row " + std::to_string(taken.seq) + " (" + taken.reason + ")"};
    };
}

}  // namespace kl::audit
