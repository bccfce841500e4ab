#pragma once
// The record of backups taken (migration 0031): written by `kashlink backup` and the scheduled daily
// backup after the copy is whole; read by GET /api/v1/system/backups and the administrator's to-do
// (a database without a backup in the last backup_overdue_after_ms is work to do).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "access/principal.h"
#include "backup/backup.h"
#include "core/result.h"
#include "core/work_item.h"
#include "store/store.h"

namespace kl::backup {

// A daily backup that did not happen one day is worth a look the next morning: 26 h leaves the
// schedule its slack (a run at 03:30 that takes minutes) without nagging every day.
inline constexpr int64_t backup_overdue_after_ms = 26LL * 3600 * 1000;

enum class TakenBy { command, schedule };

struct BackupRun {
    Manifest manifest;
    std::string file;
    TakenBy taken_by = TakenBy::command;
};

std::string_view to_string(TakenBy taken_by);

Result<void> record_backup(store::Store& store, const BackupRun& run);
// Newest first, at most `limit`.
Result<std::vector<BackupRun>> recent_backups(store::Tx& tx, int64_t limit);

// The administrator's to-do: `backups_overdue` with count 1 when the newest backup is older than
// backup_overdue_after_ms at `now_ms` (or there is none), its item naming when it was taken.
Result<std::vector<WorkQueue>> backup_work(store::Tx& tx, int64_t now_ms);

// What the platform knows of its backups, for administrators and auditors (GET /api/v1/system/backups).
struct BackupSchedule {
    bool enabled = false;  // config backup_dir is set
    int keep = 0;
};

struct BackupOverview {
    std::vector<BackupRun> runs;  // newest first
    BackupSchedule schedule;
};

class BackupLog {
public:
    BackupLog(store::Store& store, BackupSchedule schedule) : store_(store), schedule_(schedule) {}

    // Admin and auditor; `limit` runs at most (1–200).
    Result<BackupOverview> overview(const access::Principal& actor, int limit);

private:
    store::Store& store_;
    BackupSchedule schedule_;
};

}  // namespace kl::backup
