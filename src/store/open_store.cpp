#include <filesystem>
#include <string>
#include <system_error>

#include "store/migrations.h"
#include "store/postgres/pg_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace kl::store {

namespace {

// Bounds on the options, so that a typo in a config file cannot open 10^6 connections.
constexpr int reader_connections_limit = 64;
constexpr int writer_batch_jobs_limit = 100000;
constexpr int write_queue_jobs_limit = 1000000;
constexpr int busy_timeout_ms_limit = 10 * 60 * 1000;
constexpr int wal_checkpoint_pages_limit = 1000000;  // 4 GB of log between checkpoints

Result<void> check_range(const char* field, int value, int low, int high) {
    if (value < low || value > high) {
        return fail_field(field, ProblemCode::out_of_range, "must be between " + std::to_string(low) + " and " + std::to_string(high) +
                                     ", got " + std::to_string(value));
    }
    return ok();
}

Result<void> check_options(const StoreOptions& options) {
    if (options.url.empty()) return fail_field("url", ProblemCode::invalid_value, "must name a database (a file path, :memory: or postgresql://…)");
    KL_TRY(check_range("reader_connections_max", options.reader_connections_max, 1, reader_connections_limit));
    KL_TRY(check_range("writer_batch_jobs_max", options.writer_batch_jobs_max, 1, writer_batch_jobs_limit));
    KL_TRY(check_range("write_queue_jobs_max", options.write_queue_jobs_max, 1, write_queue_jobs_limit));
    KL_TRY(check_range("busy_timeout_ms", options.busy_timeout_ms, 0, busy_timeout_ms_limit));
    KL_TRY(check_range("wal_checkpoint_pages", options.wal_checkpoint_pages, 1, wal_checkpoint_pages_limit));
    return ok();
}

Result<std::unique_ptr<Store>> open_sqlite(const StoreOptions& options) {
    const std::string path = sqlite_path_of(options.url);
    if (path.empty()) return fail_field("url", ProblemCode::invalid_value, "the SQLite URL names no file");
    if (path != ":memory:") {
        const auto parent = std::filesystem::path(path).parent_path();
        std::error_code failed;
        if (!parent.empty()) std::filesystem::create_directories(parent, failed);
        if (failed) {
            return fail(ErrorCode::unavailable,
                        "cannot create the directory '" + parent.string() + "' for the database: " + failed.message());
        }
    }
    KL_TRY_ASSIGN(auto store, sqlite::SqliteStore::open(path, options));
    return std::unique_ptr<Store>(std::move(store));
}

}  // namespace

bool is_postgres_url(const std::string& url) { return url.starts_with("postgresql://") || url.starts_with("postgres://"); }

// "sqlite:PATH", "sqlite://PATH" and a bare path all name a file; ":memory:" stays as it is.
std::string sqlite_path_of(const std::string& url) {
    if (url.starts_with("sqlite://")) return url.substr(9);
    if (url.starts_with("sqlite:")) return url.substr(7);
    return url;
}

Result<std::unique_ptr<Store>> open_store(const StoreOptions& options) {
    KL_TRY(check_options(options));
    std::unique_ptr<Store> store;
    if (is_postgres_url(options.url)) {
        KL_TRY_ASSIGN(auto pg, postgres::PgStore::open(options));
        store = std::move(pg);
    } else {
        KL_TRY_ASSIGN(store, open_sqlite(options));
    }
    if (options.apply_migrations) KL_TRY(migrate(*store));
    return store;
}

}  // namespace kl::store
