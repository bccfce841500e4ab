#include "http/routes/backup_routes.h"

#include <nlohmann/json.hpp>

#include "backup/backup_runs.h"
#include "http/query.h"
#include "http/routes/route_kit.h"
#include "http/routes/route_support.h"

namespace kl::http {

namespace {

using nlohmann::json;

const QueryDocs& backup_params() {
    static const QueryDocs docs = {{"limit", "how many backups, 1 to 200 (default 50)"}};
    return docs;
}

json run_json(const backup::BackupRun& run) {
    const backup::Manifest& m = run.manifest;
    return {{"taken_at", format_utc_iso8601(m.taken_at_ms)}, {"taken_by", backup::to_string(run.taken_by)},
            {"elapsed_ms", m.elapsed_ms},                   {"bytes", m.bytes},
            {"sha256", m.sha256},                           {"schema_version", m.schema_version},
            {"audit_head_seq", m.audit_head_seq},           {"file", run.file}};
}

json overview_json(const backup::BackupOverview& overview) {
    json out = items_json(overview.runs, run_json);
    out["schedule"] = {{"enabled", overview.schedule.enabled}, {"keep", overview.schedule.keep}, {"local_time", "03:30"}};
    return out;
}

Response list_backups(backup::BackupLog& log, Request& request) {
    // Unknown parameters never reach here: the pipeline refuses what backup_params() does not name.
    QueryReader query(request);
    const int limit = query.limit();
    if (auto read = query.finish(); !read) return error_response(read.error());
    return reply(log.overview(*request.principal, limit), 200, overview_json);
}

void add_backup_schemas(Router& router) {
    router.add_schema("Backup", object_schema({"taken_at", "taken_by", "elapsed_ms", "bytes", "sha256", "schema_version", "audit_head_seq", "file"},
                                              {{"taken_at", date_time_schema()},
                                               {"taken_by", enum_of(std::vector<std::string>{"command", "schedule"})},
                                               {"elapsed_ms", integer_schema(0, INT64_MAX)},
                                               {"bytes", integer_schema(0, INT64_MAX)},
                                               {"sha256", string_schema(64, 64)},
                                               {"schema_version", string_schema()},
                                               {"audit_head_seq", integer_schema(0, INT64_MAX, "the audit chain's last row in the copy")},
                                               {"file", string_schema()}})
                                    .dump());
    router.add_schema("Backups", object_schema({"items", "schedule"},
                                               {{"items", array_of(ref_schema("Backup"))},
                                                {"schedule", object_schema({"enabled", "keep", "local_time"},
                                                                           {{"enabled", {{"type", "boolean"}}},
                                                                            {"keep", integer_schema()},
                                                                            {"local_time", string_schema()}})}})
                                     .dump());
}

}  // namespace

void add_backup_routes(Router& router, backup::BackupLog& log) {
    add_backup_schemas(router);
    router.add(documented_route(Method::get, "/api/v1/system/backups", "system",
                                "The backups taken of this database, newest first, and the daily schedule (admin, auditor)", "",
                                ref("Backups"), 200, [&log](Request& request) { return list_backups(log, request); },
                                backup_params()));
}

}  // namespace kl::http
