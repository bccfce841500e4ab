#pragma once
// Internal to src/store: what the SQLite and PostgreSQL adapters share. A Connection runs SQL; a
// ConnectionPool lends connections; ConnectionTx is a Tx over a lent connection; run_in_savepoint()
// runs one job under a SAVEPOINT of a transaction already open. The per-thread ActiveTx record is
// how a write_job()/read_job() called from inside a running write job (or inside an open read_write
// Tx of the same store) finds the transaction it must join instead of queueing behind itself.
// Nothing here includes sqlite3.h or libpq-fe.h.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/result.h"
#include "store/store.h"

namespace kl::store::detail {

class Connection {
public:
    virtual ~Connection() = default;
    virtual Result<Rows> query(std::string_view sql, const Params& params) = 0;
    // Tx::each_row. By default the rows are read whole and then visited; an adapter that can stream
    // overrides it.
    virtual Result<void> each_row(std::string_view sql, const Params& params, const RowVisitor& each);
    virtual Result<int64_t> execute(std::string_view sql, const Params& params) = 0;
    // A statement without parameters or result rows: BEGIN, SAVEPOINT, COMMIT, PRAGMA, SET.
    virtual Result<void> exec(std::string_view sql) = 0;
    // True when the connection is healthy and outside any transaction, so it can be lent again.
    virtual bool reusable() const = 0;
};

// A connection lent to someone; giving it back happens in the destructor.
class ConnectionHold {
public:
    virtual ~ConnectionHold() = default;
    virtual Connection& connection() = 0;
};

// A connection that belongs to its holder for the holder's whole life, not lent from a pool: the
// snapshot copies' own reader, which must outlive no pool and go back to none.
class OwnedConnection final : public ConnectionHold {
public:
    explicit OwnedConnection(std::unique_ptr<Connection> connection) : connection_(std::move(connection)) {}
    Connection& connection() override { return *connection_; }

private:
    std::unique_ptr<Connection> connection_;
};

// A bounded pool. Connections are opened lazily up to connections_max; a caller that finds them all
// lent waits up to wait_max and then gets `unavailable`. A connection that comes back unusable
// (server gone, transaction left open) is closed instead of being lent again.
class ConnectionPool {
public:
    using Factory = std::function<Result<std::unique_ptr<Connection>>()>;

    ConnectionPool(Factory factory, size_t connections_max, std::chrono::milliseconds wait_max, std::string what);
    ~ConnectionPool();
    ConnectionPool(const ConnectionPool&) = delete;
    ConnectionPool& operator=(const ConnectionPool&) = delete;

    Result<std::unique_ptr<ConnectionHold>> acquire();
    int64_t size() const;
    int64_t in_use() const;

private:
    class Lent;
    void give_back(std::unique_ptr<Connection> connection);

    Factory factory_;
    const size_t connections_max_;
    const std::chrono::milliseconds wait_max_;
    const std::string what_;
    mutable std::mutex mutex_;
    std::condition_variable returned_;
    std::vector<std::unique_ptr<Connection>> idle_;
    size_t open_ = 0;    // idle + lent + being opened
    size_t lent_ = 0;
};

// The transaction the current thread runs for one store (owner), innermost last.
struct ActiveTx {
    const void* owner = nullptr;
    Connection* connection = nullptr;
    int savepoint_depth = 0;
    bool broken = false;  // a savepoint could not be rolled back: the transaction must be abandoned
};

// Registers `connection`'s open transaction as this thread's for `owner` while it lives. Must end on
// the thread that created it (a Tx is not handed between threads).
class ActiveTxScope {
public:
    ActiveTxScope(const void* owner, Connection& connection);
    ~ActiveTxScope();
    ActiveTxScope(const ActiveTxScope&) = delete;
    ActiveTxScope& operator=(const ActiveTxScope&) = delete;
    ActiveTx& active() { return *active_; }

private:
    std::unique_ptr<ActiveTx> active_;
    std::thread::id thread_;
};

// The innermost transaction this thread runs for `owner`, or nullptr.
ActiveTx* find_active(const void* owner);

struct JobOutcome {
    Result<void> result;
    bool transaction_broken = false;
};

// Runs `job` under a new SAVEPOINT of `active`'s transaction. A job returning an error (or throwing)
// is rolled back to its savepoint, alone. With discard_changes the savepoint is always rolled back
// (inline read jobs see pending writes but leave nothing behind).
JobOutcome run_in_savepoint(ActiveTx& active, const std::function<Result<void>(Tx&)>& job, bool discard_changes);

// Calls a job, turning an escaping exception into an `internal` error: exceptions stay inside the
// job's module, and a throwing job must not take the writer thread down with it.
Result<void> invoke_job(const std::function<Result<void>(Tx&)>& job, Tx& tx);

// A Tx over a lent connection on which BEGIN already ran. Rolls back in the destructor unless
// committed. With join_owner set, the transaction is registered as this thread's for that store,
// so write_job()/read_job() called while it is open join it under a SAVEPOINT.
class ConnectionTx final : public Tx {
public:
    ConnectionTx(std::unique_ptr<ConnectionHold> hold, const void* join_owner);
    ~ConnectionTx() override;

    Result<Rows> query(std::string_view sql, const Params& params) override;
    Result<void> each_row(std::string_view sql, const Params& params, const RowVisitor& each) override;
    Result<int64_t> execute(std::string_view sql, const Params& params) override;
    Result<void> commit() override;
    Result<void> rollback() override;

private:
    Connection& connection();
    void finish();

    std::unique_ptr<ConnectionHold> hold_;
    std::optional<ActiveTxScope> scope_;  // declared after hold_: unregistered before the hold ends
    bool finished_ = false;
};

// Runs `begin_sql` on the held connection and wraps it in a ConnectionTx.
Result<std::unique_ptr<Tx>> begin_on(std::unique_ptr<ConnectionHold> hold, std::string_view begin_sql,
                                     const void* join_owner);

// read_job() for both adapters: joins this thread's transaction for `owner` when there is one,
// otherwise runs the job in store.begin(read_only) and rolls back.
Result<void> run_read_job(Store& store, const void* owner, const ReadJob& job);

}  // namespace kl::store::detail
