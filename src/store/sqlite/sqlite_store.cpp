#include "store/sqlite/sqlite_store.h"

#include <chrono>

#include <spdlog/spdlog.h>

#include "store/connection.h"
#include "store/group_commit.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/sqlite/wal_checkpointer.h"

namespace kl::store::sqlite {

namespace {

// The writer connection lent for a read of an in-memory database: query_only is on while it is
// lent, so the read job cannot write, exactly as on a reader connection.
class QueryOnlyHold final : public detail::ConnectionHold {
public:
    explicit QueryOnlyHold(std::unique_ptr<detail::ConnectionHold> lease) : lease_(std::move(lease)) {}
    ~QueryOnlyHold() override { (void)lease_->connection().exec("PRAGMA query_only = OFF"); }
    detail::Connection& connection() override { return lease_->connection(); }

private:
    std::unique_ptr<detail::ConnectionHold> lease_;
};

Result<void> refuse_nested_begin(const void* owner) {
    // The writer connection (or this thread's transaction) is already held by this thread: waiting
    // for it would wait for ourselves.
    if (detail::find_active(owner) != nullptr) {
        return fail(ErrorCode::failed_precondition,
                    "a transaction of this store is already open on this thread; use write()/read() to join it");
    }
    return ok();
}

}  // namespace

SqliteStore::SqliteStore(std::string path, const StoreOptions& options)
    : path_(std::move(path)), options_(options), in_memory_(path_ == ":memory:") {}

SqliteStore::~SqliteStore() {
    // Drain the queued writes while the writer connection still exists.
    if (committer_) committer_->stop();
    checkpointer_.reset();  // hands the writer back SQLite's automatic checkpoint before it closes
}

Result<void> SqliteStore::start_checkpointer() {
    KL_TRY_ASSIGN(Rows mode, writer_->query("PRAGMA journal_mode", {}));
    if (mode.empty() || mode[0].text(0) != "wal" || writer_->read_only()) return ok();  // nothing to checkpoint
    WalCheckpointOptions wal;
    wal.pages = options_.wal_checkpoint_pages;
    wal.inline_pages_min = 8 * wal.pages;
    wal.synchronous_full = options_.synchronous_full;
    auto started = WalCheckpointer::start(path_, writer_->handle(), wal);
    if (!started) {
        // Still correct, only slower now and then: SQLite checkpoints inside the commits.
        spdlog::warn("{}; SQLite will checkpoint inside commits", started.error().message);
        return ok();
    }
    checkpointer_ = std::move(*started);
    return ok();
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path, const StoreOptions& options) {
    std::unique_ptr<SqliteStore> store(new SqliteStore(path, options));
    KL_TRY_ASSIGN(store->writer_, SqliteConnection::open(path, Role::writer, options));
    const auto wait_max = std::chrono::milliseconds(options.busy_timeout_ms);
    if (!store->in_memory_) {
        auto factory = [path, options]() -> Result<std::unique_ptr<detail::Connection>> {
            KL_TRY_ASSIGN(auto reader, SqliteConnection::open(path, Role::reader, options));
            return std::unique_ptr<detail::Connection>(std::move(reader));
        };
        store->readers_ = std::make_unique<detail::ConnectionPool>(
            factory, static_cast<size_t>(options.reader_connections_max), wait_max, "SQLite reader");
    }
    if (!store->in_memory_) KL_TRY(store->start_checkpointer());
    detail::GroupCommitOptions commit_options;
    commit_options.batch_jobs_max = static_cast<size_t>(options.writer_batch_jobs_max);
    commit_options.queue_jobs_max = static_cast<size_t>(options.write_queue_jobs_max);
    commit_options.lease_wait_max = wait_max;
    // IMMEDIATE takes the write lock at BEGIN, so a locked database fails the batch before any job
    // runs, after the busy timeout, instead of halfway through.
    commit_options.begin_sql = "BEGIN IMMEDIATE";
    commit_options.name = "sqlite:" + path;
    SqliteConnection* writer = store->writer_.get();
    auto source = [writer]() -> Result<detail::Connection*> {
        // A transaction left open (a failed ROLLBACK) must not swallow the next batch.
        if (!writer->reusable()) (void)writer->exec("ROLLBACK");
        return static_cast<detail::Connection*>(writer);
    };
    store->committer_ = std::make_unique<detail::GroupCommitter>(store.get(), source, commit_options);
    return store;
}

Result<std::unique_ptr<Tx>> SqliteStore::begin(TxMode mode) {
    if (mode == TxMode::read_write) {
        KL_TRY(refuse_nested_begin(this));
        KL_TRY_ASSIGN(auto lease, committer_->lease());
        return detail::begin_on(std::move(lease), "BEGIN IMMEDIATE", this);
    }
    if (in_memory_) return begin_read_in_memory();
    KL_TRY_ASSIGN(auto reader, readers_->acquire());
    return detail::begin_on(std::move(reader), "BEGIN", nullptr);
}

Result<std::unique_ptr<Tx>> SqliteStore::begin_read_in_memory() {
    KL_TRY(refuse_nested_begin(this));
    KL_TRY_ASSIGN(auto lease, committer_->lease());
    KL_TRY(lease->connection().exec("PRAGMA query_only = ON"));
    auto hold = std::make_unique<QueryOnlyHold>(std::move(lease));
    // Registered as this thread's transaction so that a write_job() made while it is open fails
    // (query_only) instead of waiting for a writer connection this thread holds.
    return detail::begin_on(std::move(hold), "BEGIN", this);
}

Result<void> SqliteStore::write_job(WriteJob job) { return committer_->write_job(job); }

Result<void> SqliteStore::read_job(ReadJob job) { return detail::run_read_job(*this, this, job); }

StoreStats SqliteStore::stats() const {
    StoreStats stats;
    committer_->fill_stats(stats);
    if (readers_) {
        stats.pool_size = readers_->size();
        stats.pool_in_use = readers_->in_use();
    }
    if (checkpointer_) {
        const WalCheckpointStats wal = checkpointer_->stats();
        stats.wal_checkpoints = wal.background;
        stats.wal_checkpoints_inline = wal.inline_;
    }
    return stats;
}

}  // namespace kl::store::sqlite
