#include "store/sqlite/sqlite_connection.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <string>

#include "core/log.h"

namespace kl::store::sqlite {

ErrorCode classify_sqlite_error(int extended_code) {
    switch (extended_code) {
        case SQLITE_CONSTRAINT_UNIQUE:
        case SQLITE_CONSTRAINT_PRIMARYKEY:
            return ErrorCode::already_exists;
        case SQLITE_CONSTRAINT_CHECK:
        case SQLITE_CONSTRAINT_FOREIGNKEY:
        case SQLITE_CONSTRAINT_NOTNULL:
            return ErrorCode::failed_precondition;
        default:
            break;
    }
    switch (extended_code & 0xff) {
        case SQLITE_CONSTRAINT:
            return ErrorCode::conflict;
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
        case SQLITE_READONLY:
        case SQLITE_CANTOPEN:
        case SQLITE_IOERR:
        case SQLITE_FULL:
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
        case SQLITE_PROTOCOL:
        case SQLITE_INTERRUPT:
        case SQLITE_PERM:
        case SQLITE_NOLFS:
            return ErrorCode::unavailable;
        case SQLITE_NOMEM:
            return ErrorCode::resource_exhausted;
        default:
            return ErrorCode::internal;
    }
}

namespace {

// Says in words what an environment failure means for the operator reading the log or the 503.
std::string_view explain(int extended_code) {
    switch (extended_code & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return "the database is locked by another connection or process";
        case SQLITE_READONLY:
            return "the database file or its directory is read-only";
        case SQLITE_CANTOPEN:
            return "the database file cannot be opened";
        case SQLITE_IOERR:
            return "an I/O error occurred";
        case SQLITE_FULL:
            return "the disk is full";
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            return "the file is not a valid database";
        default:
            return "";
    }
}

// Resets a statement (ending its implicit read) and drops its bindings when a run ends, however it ends.
struct StatementReset {
    sqlite3_stmt* stmt;
    ~StatementReset() {
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
    }
};

// "$7" with 1 <= 7 <= count.
// n for a parameter named $n (n >= 1), or 0 for any other name.
size_t parameter_number(const char* name) {
    if (name == nullptr || name[0] != '$' || name[1] == '\0') return 0;
    size_t number = 0;
    const char* end = name + std::strlen(name);
    auto [last, error] = std::from_chars(name + 1, end, number);
    return error == std::errc() && last == end ? number : 0;
}

Result<void> bind_value(sqlite3_stmt* stmt, int index, const Value& value) {
    int rc = SQLITE_OK;
    if (std::holds_alternative<std::monostate>(value)) {
        rc = sqlite3_bind_null(stmt, index);
    } else if (const auto* number = std::get_if<int64_t>(&value)) {
        rc = sqlite3_bind_int64(stmt, index, *number);
    } else if (const auto* real = std::get_if<double>(&value)) {
        rc = sqlite3_bind_double(stmt, index, *real);
    } else if (const auto* text = std::get_if<std::string>(&value)) {
        // SQLITE_STATIC: the Params outlive the statement's run (bindings are cleared after it).
        rc = sqlite3_bind_text64(stmt, index, text->data(), text->size(), SQLITE_STATIC, SQLITE_UTF8);
    } else {
        const auto& blob = std::get<Blob>(value);
        rc = sqlite3_bind_blob64(stmt, index, blob.bytes.data(), blob.bytes.size(), SQLITE_STATIC);
    }
    if (rc != SQLITE_OK) return fail(classify_sqlite_error(rc), std::string("binding a parameter: ") + sqlite3_errstr(rc));
    return ok();
}

Value read_cell(sqlite3_stmt* stmt, int column) {
    switch (sqlite3_column_type(stmt, column)) {
        case SQLITE_INTEGER:
            return static_cast<int64_t>(sqlite3_column_int64(stmt, column));
        case SQLITE_FLOAT:
            return sqlite3_column_double(stmt, column);
        case SQLITE_TEXT: {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, column));
            return std::string(text, static_cast<size_t>(sqlite3_column_bytes(stmt, column)));
        }
        case SQLITE_BLOB: {
            const auto* bytes = static_cast<const char*>(sqlite3_column_blob(stmt, column));
            const auto size = static_cast<size_t>(sqlite3_column_bytes(stmt, column));
            return Blob{bytes == nullptr ? std::string() : std::string(bytes, size)};
        }
        default:
            return std::monostate{};
    }
}

// The statement's result column names, shared by every row it returns.
std::shared_ptr<const std::vector<std::string>> column_names(sqlite3_stmt* stmt) {
    auto names = std::make_shared<std::vector<std::string>>();
    const int columns = sqlite3_column_count(stmt);
    for (int column = 0; column < columns; ++column) names->emplace_back(sqlite3_column_name(stmt, column));
    return names;
}

// Reads `column` into `cell`, reusing the string `cell` already holds when the column is text.
void refill_cell(sqlite3_stmt* stmt, int column, Value& cell) {
    if (sqlite3_column_type(stmt, column) == SQLITE_TEXT) {
        if (auto* text = std::get_if<std::string>(&cell)) {
            const auto* chars = reinterpret_cast<const char*>(sqlite3_column_text(stmt, column));
            text->assign(chars, static_cast<size_t>(sqlite3_column_bytes(stmt, column)));
            return;
        }
    }
    cell = read_cell(stmt, column);
}

}  // namespace

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::open(const std::string& path, Role role,
                                                                 const StoreOptions& options) {
    const int access = role == Role::writer ? (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) : SQLITE_OPEN_READONLY;
    // NOMUTEX: a connection is used by one thread at a time (the writer thread, a lease holder or
    // the reader that checked it out), which the store guarantees.
    const int flags = access | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    DbPtr db(raw);  // closed on every path below, even when opening failed
    if (rc != SQLITE_OK) {
        const std::string detail = raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
        return fail(ErrorCode::unavailable, "cannot open SQLite database '" + path + "': " + detail);
    }
    sqlite3_extended_result_codes(db.get(), 1);
    std::unique_ptr<SqliteConnection> connection(new SqliteConnection(std::move(db), path));
    KL_TRY(connection->configure(role, options));
    return connection;
}

Result<void> SqliteConnection::configure(Role role, const StoreOptions& options) {
    sqlite3_busy_timeout(db_.get(), options.busy_timeout_ms);
    if (role == Role::reader) {
        KL_TRY(exec("PRAGMA query_only = ON"));
    } else {
        KL_TRY_ASSIGN(Rows mode, query("PRAGMA journal_mode = WAL", {}));
        const std::string journal = mode.empty() ? "" : mode[0].text(0);
        if (journal != "wal" && journal != "memory") {
            spdlog::warn("SQLite database '{}' runs in journal mode '{}', not WAL{}", path_, journal,
                         read_only() ? " (the file is read-only)" : "");
        }
        KL_TRY(exec(options.synchronous_full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL"));
        KL_TRY(exec("PRAGMA foreign_keys = ON"));
        // Each group-committed job runs under its own SAVEPOINT, whose undo pages go to a statement
        // journal; on a file, that is a write() per page per job (most of the writer thread's time
        // in the order benchmark). In memory they cost nothing durable: the WAL commit is what makes
        // a batch durable, and a crash mid-batch rolls the whole transaction back anyway.
        KL_TRY(exec("PRAGMA temp_store = MEMORY"));
        if (read_only()) spdlog::warn("SQLite database '{}' is read-only: every write will fail", path_);
    }
    // Reading the schema proves the file is a database we can read (not some other file, not a
    // WAL database whose directory forbids creating the -shm file).
    KL_TRY(query("SELECT count(*) FROM sqlite_master", {}));
    return ok();
}

bool SqliteConnection::read_only() const { return sqlite3_db_readonly(db_.get(), "main") == 1; }

bool SqliteConnection::reusable() const { return sqlite3_get_autocommit(db_.get()) != 0; }

Error SqliteConnection::error(int code, std::string_view doing) const {
    const ErrorCode mapped = classify_sqlite_error(code);
    std::string message = "SQLite " + std::string(doing) + ": " + sqlite3_errmsg(db_.get());
    if (const auto why = explain(code); !why.empty()) message += " (" + std::string(why) + ")";
    if (mapped == ErrorCode::unavailable) message += " [" + path_ + "]";
    return make_error(mapped, std::move(message));
}

Result<const PreparedStatement*> SqliteConnection::prepare(std::string_view sql) {
    const std::string key(sql);
    if (auto found = statements_.find(key); found != statements_.end()) return &found->second;
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v3(db_.get(), key.data(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT,
                                      &raw, &tail);
    PreparedStatement prepared{StmtPtr(raw), {}, 0};
    if (rc != SQLITE_OK) return fail(error(rc, "prepare"));
    if (prepared.stmt == nullptr) return fail(ErrorCode::internal, "SQLite prepare: the SQL text holds no statement");
    for (; tail != nullptr && *tail != '\0'; ++tail) {
        if (*tail != ';' && *tail != ' ' && *tail != '\n' && *tail != '\t' && *tail != '\r') {
            return fail(ErrorCode::internal, "SQLite prepare: one statement per call, found more in: " + key);
        }
    }
    // Every parameter must be named $1…$n: the SQL is the same text PostgreSQL runs.
    const int count = sqlite3_bind_parameter_count(raw);
    prepared.positions.reserve(static_cast<size_t>(count));
    for (int index = 1; index <= count; ++index) {
        const char* name = sqlite3_bind_parameter_name(raw, index);
        const size_t number = parameter_number(name);
        if (number == 0) {
            return fail(ErrorCode::internal, "SQL parameter '" + std::string(name ? name : "?") + "' is not of the form $n");
        }
        prepared.positions.push_back(number - 1);
        prepared.positions_max = std::max(prepared.positions_max, number);
    }
    if (statements_.size() >= statement_cache_entries_max) statements_.clear();
    return &statements_.emplace(key, std::move(prepared)).first->second;
}

// The SQL and the code must agree exactly: every $n within the values given, and every value used
// (distinct names have distinct indexes, so as many parameters as values means each is used once).
Result<void> SqliteConnection::bind(const PreparedStatement& prepared, const Params& params) {
    if (prepared.positions_max > params.size()) {
        return fail(ErrorCode::internal, "SQL parameter $" + std::to_string(prepared.positions_max) + " is not one of $1..$" +
                                             std::to_string(params.size()));
    }
    if (prepared.positions.size() != params.size()) {
        std::vector<bool> used(params.size(), false);
        for (size_t position : prepared.positions) used[position] = true;
        for (size_t position = 0; position < used.size(); ++position) {
            if (!used[position]) {
                return fail(ErrorCode::internal,
                            "parameter $" + std::to_string(position + 1) + " is given but the SQL does not use it");
            }
        }
    }
    for (size_t index = 0; index < prepared.positions.size(); ++index) {
        KL_TRY(bind_value(prepared.stmt.get(), static_cast<int>(index + 1), params[prepared.positions[index]]));
    }
    return ok();
}

Result<int64_t> SqliteConnection::run(std::string_view sql, const Params& params, Rows* rows) {
    KL_TRY_ASSIGN(const PreparedStatement* prepared, prepare(sql));
    sqlite3_stmt* stmt = prepared->stmt.get();
    StatementReset reset{stmt};
    KL_TRY(bind(*prepared, params));
    if (rows != nullptr) rows->columns = column_names(stmt);
    const int64_t changes_before = sqlite3_total_changes64(db_.get());
    for (;;) {
        const int rc = sqlite3_step(stmt);
        if (rc == SQLITE_DONE) break;
        if (rc != SQLITE_ROW) return fail(error(rc, "step"));
        if (rows == nullptr) continue;
        std::vector<Value> cells;
        const int columns = sqlite3_column_count(stmt);
        cells.reserve(static_cast<size_t>(columns));
        for (int column = 0; column < columns; ++column) cells.push_back(read_cell(stmt, column));
        rows->rows.emplace_back(rows->columns, std::move(cells));
    }
    // sqlite3_changes64() keeps the count of the last INSERT/UPDATE/DELETE, even when this statement
    // was DDL or a SELECT; only trust it when this statement changed something.
    return sqlite3_total_changes64(db_.get()) == changes_before ? 0 : sqlite3_changes64(db_.get());
}

Result<void> SqliteConnection::each_row(std::string_view sql, const Params& params, const RowVisitor& each) {
    KL_TRY_ASSIGN(const PreparedStatement* prepared, prepare(sql));
    sqlite3_stmt* stmt = prepared->stmt.get();
    StatementReset reset{stmt};
    KL_TRY(bind(*prepared, params));
    const int columns = sqlite3_column_count(stmt);
    Row row(column_names(stmt), std::vector<Value>(static_cast<size_t>(columns)));
    for (;;) {
        const int rc = sqlite3_step(stmt);
        if (rc == SQLITE_DONE) return ok();
        if (rc != SQLITE_ROW) return fail(error(rc, "step"));
        std::vector<Value>& cells = row.cells_to_refill();
        for (int column = 0; column < columns; ++column) refill_cell(stmt, column, cells[static_cast<size_t>(column)]);
        KL_TRY(each(row));
    }
}

Result<Rows> SqliteConnection::query(std::string_view sql, const Params& params) {
    Rows rows;
    KL_TRY(run(sql, params, &rows));
    return rows;
}

Result<int64_t> SqliteConnection::execute(std::string_view sql, const Params& params) { return run(sql, params, nullptr); }

// BEGIN, SAVEPOINT, RELEASE and COMMIT run for every job of every batch, so they go through the
// statement cache too instead of being parsed again each time.
Result<void> SqliteConnection::exec(std::string_view sql) {
    auto done = run(sql, {}, nullptr);
    if (!done) {
        Error error = std::move(done).error();
        error.message = "running " + std::string(sql) + ": " + error.message;
        return fail(std::move(error));
    }
    return ok();
}

}  // namespace kl::store::sqlite
