#pragma once
// One SQLite connection with its prepared-statement cache; the handles are RAII unique_ptrs.
// Parameters are written `$1…$n` and bound BY NAME: SQLite numbers parameters in order of first
// appearance, so in `SELECT $2 || $1` the parameter "$2" has index 1.

#include <sqlite3.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.h"
#include "core/result.h"
#include "store/connection.h"
#include "store/store.h"

namespace kl::store::sqlite {

// Statements kept prepared per connection; when the cache is full it is emptied and refilled, which
// only costs re-preparing (modules use a bounded set of SQL texts, so this stays rare).
inline constexpr size_t statement_cache_entries_max = 256;

struct DbClose {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalize {
    void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using DbPtr = std::unique_ptr<sqlite3, DbClose>;
using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtFinalize>;

// A cached statement with where each of its parameters comes from: SQLite numbers `$n` parameters
// by first appearance, not by n, and finding an index by name (or a name by index) is a linear walk,
// so binding thousands of values by name is quadratic (a multi-row insert of 8,000 ledger rows spent
// half its time there). The mapping is read once, when the statement is prepared.
struct PreparedStatement {
    StmtPtr stmt;
    std::vector<size_t> positions;  // positions[index - 1] = n - 1 for the parameter named $n
    size_t positions_max = 0;       // the largest n (0 without parameters)
};

// Maps an extended SQLite result code to our error vocabulary:
//   UNIQUE, PRIMARYKEY constraint          -> already_exists
//   CHECK, FOREIGNKEY, NOTNULL constraint  -> failed_precondition (a rule refuses the change)
//   any other constraint (trigger, …)      -> conflict
//   BUSY, LOCKED, READONLY*, CANTOPEN, IOERR*, FULL, CORRUPT, NOTADB, PROTOCOL, INTERRUPT
//                                          -> unavailable (the environment, not the request)
//   NOMEM                                  -> resource_exhausted
//   anything else (SQL errors, misuse)     -> internal (a bug in our SQL)
ErrorCode classify_sqlite_error(int extended_code);

enum class Role { writer, reader };

class SqliteConnection final : public detail::Connection {
public:
    // Opens and configures a connection (writer: WAL, synchronous, foreign_keys; reader: read-only,
    // query_only). Every failure is `unavailable` naming the file.
    static Result<std::unique_ptr<SqliteConnection>> open(const std::string& path, Role role,
                                                          const StoreOptions& options);

    Result<Rows> query(std::string_view sql, const Params& params) override;
    // Streams: one Row refilled in place, so a text cell reuses its string's buffer row after row.
    Result<void> each_row(std::string_view sql, const Params& params, const RowVisitor& each) override;
    Result<int64_t> execute(std::string_view sql, const Params& params) override;
    Result<void> exec(std::string_view sql) override;
    bool reusable() const override;

    bool read_only() const;
    sqlite3* handle() const { return db_.get(); }

private:
    explicit SqliteConnection(DbPtr db, std::string path) : db_(std::move(db)), path_(std::move(path)) {}
    Result<void> configure(Role role, const StoreOptions& options);
    Result<const PreparedStatement*> prepare(std::string_view sql);
    Result<void> bind(const PreparedStatement& prepared, const Params& params);
    Result<int64_t> run(std::string_view sql, const Params& params, Rows* rows);
    Error error(int code, std::string_view doing) const;

    DbPtr db_;
    std::string path_;
    std::unordered_map<std::string, PreparedStatement> statements_;  // destroyed before db_ (declared after)
};

}  // namespace kl::store::sqlite
