#include "backup/daily_backup.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <system_error>
#include <vector>

#include "backup/backup.h"
#include "backup/backup_runs.h"
#include "core/civil_date.h"

namespace kl::backup {

namespace {

constexpr std::string_view prefix = "kashlink-";
constexpr std::string_view suffix = ".backup";

bool is_scheduled_copy(const std::string& name) {
    // kashlink-YYYYMMDD-HHMMSS.backup: 9 + 15 + 7 characters, digits where the pattern has them.
    if (name.size() != prefix.size() + 15 + suffix.size() || !name.starts_with(prefix) || !name.ends_with(suffix)) return false;
    const std::string_view stamp = std::string_view(name).substr(prefix.size(), 15);
    for (size_t i = 0; i < stamp.size(); ++i) {
        if (i == 8 ? stamp[i] != '-' : (stamp[i] < '0' || stamp[i] > '9')) return false;
    }
    return true;
}

// Removes the oldest scheduled copies (and their manifests) beyond `keep`; the names sort by time.
Result<int64_t> prune(const std::string& dir, int keep) {
    std::vector<std::string> copies;
    std::error_code failed;
    for (const auto& entry : std::filesystem::directory_iterator(dir, failed)) {
        const std::string name = entry.path().filename().string();
        if (entry.is_regular_file() && is_scheduled_copy(name)) copies.push_back(name);
    }
    if (failed) return fail(ErrorCode::unavailable, "cannot list '" + dir + "': " + failed.message());
    std::sort(copies.begin(), copies.end());
    int64_t removed = 0;
    for (size_t i = 0; i + static_cast<size_t>(keep) < copies.size(); ++i) {
        const auto path = std::filesystem::path(dir) / copies[i];
        std::filesystem::remove(path, failed);
        std::filesystem::remove(path.string() + std::string(manifest_suffix), failed);
        ++removed;
    }
    return removed;
}

}  // namespace

std::string scheduled_file_name(int64_t epoch_ms) {
    const int64_t local_s = (epoch_ms + shanghai_offset_ms) / 1000;
    const CivilDay day = civil_from_days(shanghai_date(epoch_ms).days);
    const int64_t seconds_of_day = (local_s % 86400 + 86400) % 86400;
    char text[64];
    std::snprintf(text, sizeof text, "kashlink-%04d%02u%02u-%02lld%02lld%02lld.backup", static_cast<int>(day.year), day.month, day.day,
                  static_cast<long long>(seconds_of_day / 3600), static_cast<long long>(seconds_of_day / 60 % 60),
                  static_cast<long long>(seconds_of_day % 60));
    return text;
}

Result<JobSummary> run_daily_backup(const DailyBackupOptions& options, store::Store& store, const Clock& clock) {
    std::error_code failed;
    std::filesystem::create_directories(options.dir, failed);
    if (failed) return fail(ErrorCode::unavailable, "cannot create '" + options.dir + "': " + failed.message());
    const std::string file = (std::filesystem::path(options.dir) / scheduled_file_name(clock.now_ms())).string();
    KL_TRY_ASSIGN(Manifest taken, take_backup(options.database_url, file, clock));
    KL_TRY(record_backup(store, BackupRun{taken, file, TakenBy::schedule}));
    KL_TRY_ASSIGN(const int64_t removed, prune(options.dir, options.keep));
    return JobSummary{"backup_done",
                      {{"bytes", taken.bytes}, {"seq", taken.audit_head_seq}, {"removed", removed}},
                      "backup of " + std::to_string(taken.bytes) + " bytes to " + file + " (audit row " +
                          std::to_string(taken.audit_head_seq) + "); removed " + std::to_string(removed) + " old copies"};
}

DailyJob::Run daily_backup(DailyBackupOptions options, store::Store& store, const Clock& clock) {
    return [options = std::move(options), &store, &clock]() { return run_daily_backup(options, store, clock); };
}

}  // namespace kl::backup
