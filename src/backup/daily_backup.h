#pragma once
// The scheduled daily backup (config backup_dir, backup_keep): once per Shanghai day after 03:30 the
// serving process takes a backup of its own database into backup_dir as
// kashlink-YYYYMMDD-HHMMSS.backup (+ .manifest, Beijing time in the name), records it (backup_runs.h),
// and then removes its oldest copies beyond backup_keep. It only ever removes files of that name
// pattern, so other files in the directory are safe.

#include <cstdint>
#include <string>

#include "core/clock.h"
#include "core/daily_job.h"
#include "store/store.h"

namespace kl::backup {

inline constexpr int64_t daily_backup_local_time_ms = (3 * 60 + 30) * 60 * 1000;  // 03:30 Asia/Shanghai

struct DailyBackupOptions {
    std::string database_url;
    std::string dir;
    int keep = 7;
};

// The file name of a scheduled copy taken at `epoch_ms`.
std::string scheduled_file_name(int64_t epoch_ms);

// One run: take, record, prune. Described for the log and the daily-jobs page (backup_done: bytes,
// seq, removed).
Result<JobSummary> run_daily_backup(const DailyBackupOptions& options, store::Store& store, const Clock& clock);

DailyJob::Run daily_backup(DailyBackupOptions options, store::Store& store, const Clock& clock);

}  // namespace kl::backup
