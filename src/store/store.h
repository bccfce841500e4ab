#pragma once
// The one small storage interface every module uses. Adapters: sqlite/ (embedded default) and
// postgres/ (libpq pool). SQL is written once, PostgreSQL style: `$1…$n` placeholders, ON CONFLICT,
// RETURNING, BIGINT minor units, ids made by the application (see STYLE-ANCHORS §2).
//
// Writes go through Store::write(): concurrent writes are group-committed (one transaction, one
// fsync, a SAVEPOINT per job so a failing job rolls back alone) and each caller is answered only
// after the commit is durable. Reads go through Store::read() on a reader connection.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.h"

namespace kl::store {

// SQL NULL is std::monostate. Integers are always int64_t; text is UTF-8; blobs are bytes.
struct Blob {
    std::string bytes;
    bool operator==(const Blob&) const = default;
};
using Value = std::variant<std::monostate, int64_t, double, std::string, Blob>;
using Params = std::vector<Value>;

inline Value null() { return std::monostate{}; }

class Row {
public:
    Row(std::shared_ptr<const std::vector<std::string>> columns, std::vector<Value> cells)
        : columns_(std::move(columns)), cells_(std::move(cells)) {}

    size_t size() const { return cells_.size(); }
    const Value& at(size_t index) const;
    const Value& at(std::string_view column) const;  // asserts the column exists (a bug otherwise)
    bool is_null(size_t index) const { return std::holds_alternative<std::monostate>(at(index)); }

    // Typed getters assert the stored type (SQL and code disagreeing is a bug, not input).
    int64_t i64(size_t index) const;
    int64_t i64(std::string_view column) const;
    std::string text(size_t index) const;
    std::string text(std::string_view column) const;
    std::optional<int64_t> opt_i64(std::string_view column) const;
    std::optional<std::string> opt_text(std::string_view column) const;
    double f64(std::string_view column) const;
    // The text of a column without a copy; valid while the row is (a streamed row: until `each` returns).
    std::string_view text_view(size_t index) const;

    // For an adapter that streams rows (Tx::each_row): the cells, refilled in place for each row.
    std::vector<Value>& cells_to_refill() { return cells_; }

private:
    std::shared_ptr<const std::vector<std::string>> columns_;
    std::vector<Value> cells_;
};

struct Rows {
    std::shared_ptr<const std::vector<std::string>> columns;
    std::vector<Row> rows;

    bool empty() const { return rows.empty(); }
    size_t size() const { return rows.size(); }
    const Row& operator[](size_t index) const { return rows[index]; }
    auto begin() const { return rows.begin(); }
    auto end() const { return rows.end(); }
};

enum class TxMode { read_only, read_write };

using RowVisitor = std::function<Result<void>(const Row&)>;

// A transaction; rolls back in the destructor unless committed.
class Tx {
public:
    virtual ~Tx() = default;
    virtual Result<Rows> query(std::string_view sql, const Params& params = {}) = 0;
    // Runs a query and hands `each` one row at a time instead of keeping them all: for reads of
    // thousands of rows, where a Rows would allocate a string per text cell. `each` must not keep
    // the row (the SQLite adapter refills one row in place) nor use this Tx (the query is still
    // running on its connection). An error from `each` stops the query.
    virtual Result<void> each_row(std::string_view sql, const Params& params, const RowVisitor& each) = 0;
    // Returns the number of rows changed.
    virtual Result<int64_t> execute(std::string_view sql, const Params& params = {}) = 0;
    virtual Result<void> commit() = 0;
    virtual Result<void> rollback() = 0;
};

enum class Backend { sqlite, postgres };

struct StoreStats {
    int64_t commits = 0;          // durable commits done by the group committer
    int64_t write_jobs = 0;       // write jobs acknowledged
    int64_t write_queue_depth = 0;
    int64_t pool_size = 0;        // reader connections open
    int64_t pool_in_use = 0;
    int64_t wal_checkpoints = 0;         // SQLite: checkpoints run by the background thread
    int64_t wal_checkpoints_inline = 0;  // SQLite: checkpoints a commit ran itself (the log ran far ahead)
};

using WriteJob = std::function<Result<void>(Tx&)>;
using ReadJob = std::function<Result<void>(Tx&)>;

class Store {
public:
    virtual ~Store() = default;
    virtual Backend backend() const = 0;

    // Raw transaction, for migrations, tests and tools. Services use read()/write().
    // On SQLite a read_write Tx holds the one writer connection: no batch commits while it lives, so
    // keep it short. A second begin(read_write) on a thread already holding one (or inside a write
    // job) fails with failed_precondition instead of waiting for itself. A Tx must end on the thread
    // that began it.
    virtual Result<std::unique_ptr<Tx>> begin(TxMode mode) = 0;

    // Runs `job` inside a group-committed transaction; returns after the commit is durable.
    // The job runs at most once; it must not have effects outside the Tx. Inside a job,
    // Tx::commit() does nothing (the batch commits once for all its jobs) and Tx::rollback() undoes
    // the job's own work so far. Called from inside a running write job (or while this thread holds
    // a read_write Tx of this store), the job joins that transaction under a nested SAVEPOINT.
    // Errors: the job's own; `unavailable` when the commit failed or the database is locked,
    // read-only or down; `resource_exhausted` when write_queue_jobs_max jobs already wait.
    virtual Result<void> write_job(WriteJob job) = 0;
    // Runs `job` in a read-only transaction on a reader connection (one snapshot for the whole job).
    // Called from inside a running write job, it runs inline in that transaction and sees its
    // pending writes; whatever it writes itself is rolled back.
    virtual Result<void> read_job(ReadJob job) = 0;

    virtual StoreStats stats() const = 0;

    template <typename F>
    auto write(F&& fn) -> decltype(fn(std::declval<Tx&>())) {
        return run_capturing<decltype(fn(std::declval<Tx&>()))>(std::forward<F>(fn), true);
    }
    template <typename F>
    auto read(F&& fn) -> decltype(fn(std::declval<Tx&>())) {
        return run_capturing<decltype(fn(std::declval<Tx&>()))>(std::forward<F>(fn), false);
    }

private:
    template <typename R, typename F>
    R run_capturing(F&& fn, bool writing) {
        if constexpr (std::is_same_v<R, Result<void>>) {
            return writing ? write_job(WriteJob(std::forward<F>(fn))) : read_job(ReadJob(std::forward<F>(fn)));
        } else {
            std::optional<R> out;
            auto job = [&](Tx& tx) -> Result<void> {
                out.emplace(fn(tx));
                if (!*out) return fail(out->error());
                return ok();
            };
            auto done = writing ? write_job(job) : read_job(job);
            if (!done) return fail(std::move(done).error());
            return std::move(*out);
        }
    }
};

struct StoreOptions {
    // "sqlite:var/demo.sqlite", a plain path, ":memory:" or "postgresql://user@127.0.0.1:5432/db".
    std::string url;
    int reader_connections_max = 4;
    int writer_batch_jobs_max = 256;   // jobs committed together at most
    int write_queue_jobs_max = 4096;   // write jobs waiting beyond this are refused (resource_exhausted)
    int busy_timeout_ms = 5000;        // also bounds the wait for a pooled connection or the writer
    bool synchronous_full = true;      // SQLite: durable per commit (power-loss safe)
    // SQLite: log pages that wake the background checkpoint (sqlite/wal_checkpointer.h); the writer
    // checkpoints inline only once the log is 8 times as long.
    int wal_checkpoint_pages = 1000;
    // Whether opening applies the pending schema migrations (a serving platform, every tool that
    // writes through the services). Off for a tool that must see the database as it is — `kashlink
    // backup` records its run in the schema it copied — and for the upgrade tests, which build an
    // older release's schema first (migrations.h).
    bool apply_migrations = true;
};

// Opens the backend named by the URL and, unless told not to, applies pending migrations.
Result<std::unique_ptr<Store>> open_store(const StoreOptions& options);

// True for a postgresql:// or postgres:// URL.
bool is_postgres_url(const std::string& url);
// The file a SQLite URL ("sqlite:PATH", "sqlite://PATH" or a bare path) names.
std::string sqlite_path_of(const std::string& url);

// One trivial read on a reader connection: proves the database (file or server) is reachable and
// readable without touching the writer (the health check). `unavailable` when it is not.
Result<void> check_reachable(Store& store);

// Checks that a value produced for a column fits an expected type; used by row mappers.
std::string_view type_name(const Value& value);

}  // namespace kl::store
