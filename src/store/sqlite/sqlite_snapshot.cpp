#include "store/sqlite/sqlite_snapshot.h"

#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <system_error>

#include "store/connection.h"
#include "store/sqlite/sqlite_connection.h"

namespace kl::store::sqlite {

namespace {

Error sqlite_failure(sqlite3* db, const std::string& doing) {
    return make_error(ErrorCode::unavailable, doing + ": " + (db != nullptr ? sqlite3_errmsg(db) : "out of memory"));
}

// Copies every page of `from` into `to` in one step: one read transaction on `from` (the one already
// open there, if any), so the copy is one consistent state however long it takes.
Result<void> copy_pages(sqlite3* from, sqlite3* to, const std::string& what) {
    sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
    if (backup == nullptr) return fail(sqlite_failure(to, "cannot start copying " + what));
    const int step = sqlite3_backup_step(backup, -1);
    const int finished = sqlite3_backup_finish(backup);
    if (step != SQLITE_DONE || finished != SQLITE_OK) return fail(sqlite_failure(to, "cannot copy " + what));
    return ok();
}

Result<DbPtr> open_raw(const std::string& path, int flags) {
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_EXRESCODE, nullptr);
    DbPtr db(raw);
    if (rc != SQLITE_OK) return fail(sqlite_failure(raw, "cannot open SQLite database '" + path + "'"));
    sqlite3_busy_timeout(db.get(), 5000);
    return db;
}

Result<void> remove_if_there(const std::string& path) {
    std::error_code failed;
    std::filesystem::remove(path, failed);
    if (failed) return fail(ErrorCode::unavailable, "cannot remove '" + path + "': " + failed.message());
    return ok();
}

}  // namespace

Result<void> copy_snapshot(const std::string& path, const SnapshotOptions& options) {
    if (!std::filesystem::exists(path)) return fail(ErrorCode::not_found, "no SQLite database at '" + path + "'");
    KL_TRY_ASSIGN(auto source, SqliteConnection::open(path, Role::reader, StoreOptions{}));
    SqliteConnection& reader = *source;
    KL_TRY(reader.exec("BEGIN"));
    detail::ConnectionTx tx(std::make_unique<detail::OwnedConnection>(std::move(source)), nullptr);
    // The read transaction starts at its first read; `inside` (or this read) fixes the snapshot.
    KL_TRY(tx.query("SELECT count(*) FROM sqlite_master", {}));
    if (options.inside) KL_TRY(options.inside(tx));
    const std::string partial = options.out_path + ".partial";
    KL_TRY(remove_if_there(partial));
    {
        KL_TRY_ASSIGN(DbPtr copy, open_raw(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
        KL_TRY(copy_pages(reader.handle(), copy.get(), "'" + path + "'"));
        // The copy is a file of its own: a rollback journal, not a log that would have to travel with it.
        char* message = nullptr;
        if (sqlite3_exec(copy.get(), "PRAGMA journal_mode = DELETE", nullptr, nullptr, &message) != SQLITE_OK) {
            const std::string detail = message != nullptr ? message : "";
            sqlite3_free(message);
            return fail(ErrorCode::unavailable, "cannot finish the copy: " + detail);
        }
    }
    (void)tx.rollback();
    std::error_code failed;
    std::filesystem::rename(partial, options.out_path, failed);
    if (failed) return fail(ErrorCode::unavailable, "cannot write '" + options.out_path + "': " + failed.message());
    return ok();
}

Result<bool> database_is_empty(const std::string& path) {
    // No file, or an empty one, is an empty database; a file that cannot be sized (a directory, no
    // permission) is left to open_raw below to name properly — file_size must not throw here.
    std::error_code unsized;
    if (!std::filesystem::exists(path, unsized)) return true;
    if (std::filesystem::file_size(path, unsized) == 0 && !unsized) return true;
    KL_TRY_ASSIGN(DbPtr db, open_raw(path, SQLITE_OPEN_READONLY));
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db.get(), "SELECT count(*) FROM sqlite_master", -1, &raw, nullptr) != SQLITE_OK) {
        return fail(sqlite_failure(db.get(), "cannot read '" + path + "'"));
    }
    StmtPtr statement(raw);
    if (sqlite3_step(statement.get()) != SQLITE_ROW) return fail(sqlite_failure(db.get(), "cannot read '" + path + "'"));
    return sqlite3_column_int64(statement.get(), 0) == 0;
}

Result<void> restore_snapshot(const std::string& snapshot_path, const std::string& path, bool overwrite) {
    KL_TRY_ASSIGN(const bool empty, database_is_empty(path));
    if (!empty && !overwrite) {
        return fail(ErrorCode::failed_precondition, ProblemCode::refused,
                    "'" + path + "' already holds a database; restore into an empty one, or pass --overwrite");
    }
    KL_TRY_ASSIGN(DbPtr from, open_raw(snapshot_path, SQLITE_OPEN_READONLY));
    const auto parent = std::filesystem::path(path).parent_path();
    std::error_code failed;
    if (!parent.empty()) std::filesystem::create_directories(parent, failed);
    KL_TRY_ASSIGN(DbPtr to, open_raw(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
    // Through the target's own pager: a log (-wal) beside an overwritten file is dealt with too.
    KL_TRY(copy_pages(from.get(), to.get(), "'" + snapshot_path + "'"));
    return ok();
}

}  // namespace kl::store::sqlite
