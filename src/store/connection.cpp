#include "store/connection.h"

#include <algorithm>
#include <exception>
#include <string>

#include "core/assert.h"

namespace kl::store::detail {

// ---- ConnectionPool -------------------------------------------------------------------------

class ConnectionPool::Lent final : public ConnectionHold {
public:
    Lent(ConnectionPool& pool, std::unique_ptr<Connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    ~Lent() override { pool_.give_back(std::move(connection_)); }
    Connection& connection() override { return *connection_; }

private:
    ConnectionPool& pool_;
    std::unique_ptr<Connection> connection_;
};

ConnectionPool::ConnectionPool(Factory factory, size_t connections_max, std::chrono::milliseconds wait_max,
                               std::string what)
    : factory_(std::move(factory)), connections_max_(connections_max), wait_max_(wait_max), what_(std::move(what)) {
    KL_ASSERT(connections_max_ > 0);
}

ConnectionPool::~ConnectionPool() {
    std::lock_guard lock(mutex_);
    // A connection still lent would call back into a dead pool: that is a bug of the owner.
    KL_ASSERT(lent_ == 0);
}

Result<std::unique_ptr<ConnectionHold>> ConnectionPool::acquire() {
    std::unique_lock lock(mutex_);
    const bool got = returned_.wait_for(lock, wait_max_, [&] { return !idle_.empty() || open_ < connections_max_; });
    if (!got) {
        return fail(ErrorCode::unavailable, "all " + std::to_string(connections_max_) + " " + what_ +
                                                " connections stayed busy for " + std::to_string(wait_max_.count()) +
                                                " ms");
    }
    if (!idle_.empty()) {
        auto connection = std::move(idle_.back());
        idle_.pop_back();
        ++lent_;
        return std::unique_ptr<ConnectionHold>(std::make_unique<Lent>(*this, std::move(connection)));
    }
    // Open a new connection outside the lock: connecting to a server can take a while.
    ++open_;
    lock.unlock();
    auto opened = factory_();
    lock.lock();
    if (!opened) {
        --open_;
        returned_.notify_one();
        return fail(std::move(opened).error());
    }
    ++lent_;
    return std::unique_ptr<ConnectionHold>(std::make_unique<Lent>(*this, std::move(*opened)));
}

void ConnectionPool::give_back(std::unique_ptr<Connection> connection) {
    const bool keep = connection->reusable();
    if (!keep) connection.reset();  // closed outside the lock
    std::lock_guard lock(mutex_);
    KL_ASSERT(lent_ > 0);
    --lent_;
    if (keep) {
        idle_.push_back(std::move(connection));
    } else {
        --open_;
    }
    returned_.notify_one();
}

int64_t ConnectionPool::size() const {
    std::lock_guard lock(mutex_);
    return static_cast<int64_t>(open_);
}

int64_t ConnectionPool::in_use() const {
    std::lock_guard lock(mutex_);
    return static_cast<int64_t>(lent_);
}

// ---- Per-thread active transactions ---------------------------------------------------------

namespace {
thread_local std::vector<ActiveTx*> active_stack;
}

ActiveTxScope::ActiveTxScope(const void* owner, Connection& connection)
    : active_(std::make_unique<ActiveTx>()), thread_(std::this_thread::get_id()) {
    active_->owner = owner;
    active_->connection = &connection;
    active_stack.push_back(active_.get());
}

ActiveTxScope::~ActiveTxScope() {
    KL_ASSERT(thread_ == std::this_thread::get_id());
    auto found = std::find(active_stack.begin(), active_stack.end(), active_.get());
    KL_ASSERT(found != active_stack.end());
    active_stack.erase(found);
}

ActiveTx* find_active(const void* owner) {
    for (auto it = active_stack.rbegin(); it != active_stack.rend(); ++it) {
        if ((*it)->owner == owner) return *it;
    }
    return nullptr;
}

// ---- Savepoint-scoped jobs ------------------------------------------------------------------

namespace {

// The Tx a job sees: statements go to the shared transaction; commit() is a no-op because the
// enclosing transaction commits once for every job; rollback() undoes this job's work so far.
class SavepointTx final : public Tx {
public:
    SavepointTx(Connection& connection, std::string savepoint)
        : connection_(connection), savepoint_(std::move(savepoint)) {}

    Result<Rows> query(std::string_view sql, const Params& params) override { return connection_.query(sql, params); }
    Result<void> each_row(std::string_view sql, const Params& params, const RowVisitor& each) override {
        return connection_.each_row(sql, params, each);
    }
    Result<int64_t> execute(std::string_view sql, const Params& params) override {
        return connection_.execute(sql, params);
    }
    Result<void> commit() override { return ok(); }
    Result<void> rollback() override { return connection_.exec("ROLLBACK TO SAVEPOINT " + savepoint_); }

private:
    Connection& connection_;
    std::string savepoint_;
};

}  // namespace

Result<void> invoke_job(const std::function<Result<void>(Tx&)>& job, Tx& tx) {
    try {
        return job(tx);
    } catch (const std::exception& thrown) {
        return fail(ErrorCode::internal, std::string("a store job threw: ") + thrown.what());
    } catch (...) {
        return fail(ErrorCode::internal, "a store job threw a non-standard exception");
    }
}

JobOutcome run_in_savepoint(ActiveTx& active, const std::function<Result<void>(Tx&)>& job, bool discard_changes) {
    if (active.broken) {
        return {fail(ErrorCode::unavailable, "the enclosing transaction failed and is being rolled back"), true};
    }
    const std::string savepoint = "kl_job_" + std::to_string(++active.savepoint_depth);
    struct DepthRestore {
        ActiveTx& active;
        ~DepthRestore() { --active.savepoint_depth; }
    } restore{active};

    Connection& connection = *active.connection;
    if (auto opened = connection.exec("SAVEPOINT " + savepoint); !opened) {
        active.broken = true;
        return {fail(std::move(opened).error()), true};
    }
    SavepointTx tx(connection, savepoint);
    Result<void> result = invoke_job(job, tx);
    if (result && !discard_changes) {
        auto released = connection.exec("RELEASE SAVEPOINT " + savepoint);
        if (released) return {ok(), false};
        // PostgreSQL refuses RELEASE when a statement of the job failed and the job went on anyway.
        result = fail(std::move(released).error());
    }
    auto undone = connection.exec("ROLLBACK TO SAVEPOINT " + savepoint);
    if (undone) undone = connection.exec("RELEASE SAVEPOINT " + savepoint);
    if (!undone) {
        active.broken = true;
        return {std::move(result), true};
    }
    return {std::move(result), false};
}

// ---- ConnectionTx ---------------------------------------------------------------------------

ConnectionTx::ConnectionTx(std::unique_ptr<ConnectionHold> hold, const void* join_owner) : hold_(std::move(hold)) {
    if (join_owner != nullptr) scope_.emplace(join_owner, hold_->connection());
}

ConnectionTx::~ConnectionTx() {
    if (!finished_) (void)rollback();
}

Connection& ConnectionTx::connection() {
    // Using a transaction after commit() or rollback() is a bug of the caller.
    KL_ASSERT(!finished_);
    return hold_->connection();
}

void ConnectionTx::finish() {
    finished_ = true;
    scope_.reset();
}

Result<Rows> ConnectionTx::query(std::string_view sql, const Params& params) { return connection().query(sql, params); }

Result<void> ConnectionTx::each_row(std::string_view sql, const Params& params, const RowVisitor& each) {
    return connection().each_row(sql, params, each);
}

Result<void> Connection::each_row(std::string_view sql, const Params& params, const RowVisitor& each) {
    KL_TRY_ASSIGN(Rows rows, query(sql, params));
    for (const Row& row : rows) KL_TRY(each(row));
    return ok();
}

Result<int64_t> ConnectionTx::execute(std::string_view sql, const Params& params) {
    return connection().execute(sql, params);
}

Result<void> ConnectionTx::commit() {
    if (scope_ && scope_->active().broken) {
        (void)rollback();
        return fail(ErrorCode::unavailable, "the transaction failed in a nested job and was rolled back");
    }
    auto committed = connection().exec("COMMIT");
    // SQLite keeps the transaction open after a failed COMMIT (busy, deferred constraint); end it so
    // that the connection goes back clean. On PostgreSQL this ROLLBACK is a harmless no-op.
    if (!committed) (void)connection().exec("ROLLBACK");
    finish();
    return committed;
}

Result<void> ConnectionTx::rollback() {
    auto rolled_back = connection().exec("ROLLBACK");
    finish();
    return rolled_back;
}

Result<std::unique_ptr<Tx>> begin_on(std::unique_ptr<ConnectionHold> hold, std::string_view begin_sql,
                                     const void* join_owner) {
    KL_TRY(hold->connection().exec(begin_sql));
    return std::unique_ptr<Tx>(std::make_unique<ConnectionTx>(std::move(hold), join_owner));
}

Result<void> run_read_job(Store& store, const void* owner, const ReadJob& job) {
    if (ActiveTx* active = find_active(owner)) return run_in_savepoint(*active, job, true).result;
    KL_TRY_ASSIGN(auto tx, store.begin(TxMode::read_only));
    auto result = invoke_job(job, *tx);
    (void)tx->rollback();  // a read job changes nothing, whatever it tried
    return result;
}

}  // namespace kl::store::detail
