#include "store/snapshot.h"

#include "store/postgres/pg_snapshot.h"
#include "store/sqlite/sqlite_snapshot.h"

namespace kl::store {

Result<void> copy_snapshot(const SnapshotOptions& options) {
    if (options.out_path.empty()) return fail_field("out", ProblemCode::required, "name the file to write");
    if (is_postgres_url(options.url)) return postgres::copy_snapshot(options);
    const std::string path = sqlite_path_of(options.url);
    if (path.empty() || path == ":memory:") return fail_field("db", ProblemCode::invalid_value, "name a database file or a PostgreSQL URL");
    return sqlite::copy_snapshot(path, options);
}

Result<bool> database_is_empty(const std::string& url) {
    if (is_postgres_url(url)) return postgres::database_is_empty(url);
    return sqlite::database_is_empty(sqlite_path_of(url));
}

Result<void> restore_snapshot(const std::string& snapshot_path, const std::string& url, bool overwrite) {
    if (is_postgres_url(url)) return postgres::restore_snapshot(snapshot_path, url, overwrite);
    const std::string path = sqlite_path_of(url);
    if (path.empty() || path == ":memory:") return fail_field("db", ProblemCode::invalid_value, "name a database file or a PostgreSQL URL");
    return sqlite::restore_snapshot(snapshot_path, path, overwrite);
}

}  // namespace kl::store
