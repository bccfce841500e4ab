#include "backup/backup_runs.h"

#include "access/permissions.h"
#include "core/civil_date.h"
#include "store/page.h"
#include "store/sql.h"

namespace kl::backup {

namespace {

constexpr std::string_view run_columns =
    "SELECT taken_at_ms, sha256, elapsed_ms, bytes, schema_version, audit_head_seq, file, taken_by FROM backup_runs ";

BackupRun run_from(const store::Row& row) {
    BackupRun run;
    run.manifest.taken_at_ms = row.i64(0);
    run.manifest.sha256 = row.text(1);
    run.manifest.elapsed_ms = row.i64(2);
    run.manifest.bytes = row.i64(3);
    run.manifest.schema_version = row.text(4);
    run.manifest.audit_head_seq = row.i64(5);
    run.file = row.text(6);
    run.taken_by = row.text(7) == "schedule" ? TakenBy::schedule : TakenBy::command;
    return run;
}

}  // namespace

std::string_view to_string(TakenBy taken_by) { return taken_by == TakenBy::schedule ? "schedule" : "command"; }

Result<void> record_backup(store::Store& store, const BackupRun& run) {
    const Manifest& m = run.manifest;
    return store.write([&](store::Tx& tx) -> Result<void> {
        KL_TRY(tx.execute("INSERT INTO backup_runs (taken_at_ms, sha256, elapsed_ms, bytes, schema_version, audit_head_seq, file, taken_by) "
                          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
                          {m.taken_at_ms, m.sha256, m.elapsed_ms, m.bytes, m.schema_version, m.audit_head_seq, run.file,
                           std::string(to_string(run.taken_by))}));
        return ok();
    });
}

Result<std::vector<BackupRun>> recent_backups(store::Tx& tx, int64_t limit) {
    return store::query_as(tx, std::string(run_columns) + "ORDER BY taken_at_ms DESC, sha256 DESC LIMIT $1", {limit}, run_from);
}

Result<std::vector<WorkQueue>> backup_work(store::Tx& tx, int64_t now_ms) {
    KL_TRY_ASSIGN(auto newest, recent_backups(tx, 1));
    WorkQueue queue{"backups_overdue", 0, {}, "/backups"};
    if (newest.empty() || now_ms - newest[0].manifest.taken_at_ms > backup_overdue_after_ms) {
        queue.count = 1;
        WorkItem item;
        item.id = newest.empty() ? "none" : newest[0].manifest.sha256;
        item.label = newest.empty() ? "尚无备份" : "上次备份已超过一天";
        item.label_en = newest.empty() ? "No backup yet" : "The last backup is more than a day old";
        if (!newest.empty()) item.due_on = shanghai_date(newest[0].manifest.taken_at_ms);
        item.tag = newest.empty() ? "none" : "stale";
        item.route = "/backups";
        queue.items.push_back(std::move(item));
    }
    return std::vector<WorkQueue>{std::move(queue)};
}

Result<BackupOverview> BackupLog::overview(const access::Principal& actor, int limit) {
    KL_TRY(access::require_role(actor, {access::Role::admin, access::Role::auditor}));
    KL_TRY(store::check_page_limit(limit));
    BackupOverview out;
    out.schedule = schedule_;
    KL_TRY_ASSIGN(out.runs, store_.read([&](store::Tx& tx) { return recent_backups(tx, limit); }));
    return out;
}

}  // namespace kl::backup
