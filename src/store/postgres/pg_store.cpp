#include "store/postgres/pg_store.h"

#include <chrono>

#include "store/connection.h"
#include "store/group_commit.h"
#include "store/postgres/pg_connection.h"

namespace kl::store::postgres {

PgStore::PgStore(const StoreOptions& options) : options_(options) {}

PgStore::~PgStore() {
    // Drain the queued writes while the writer connection still exists.
    if (committer_) committer_->stop();
}

Result<std::unique_ptr<PgStore>> PgStore::open(const StoreOptions& options) {
    std::unique_ptr<PgStore> store(new PgStore(options));
    KL_TRY_ASSIGN(store->writer_, PgConnection::connect(options.url));
    const auto wait_max = std::chrono::milliseconds(options.busy_timeout_ms);
    const std::string url = options.url;
    auto factory = [url]() -> Result<std::unique_ptr<detail::Connection>> {
        KL_TRY_ASSIGN(auto connection, PgConnection::connect(url));
        return std::unique_ptr<detail::Connection>(std::move(connection));
    };
    store->pool_ = std::make_unique<detail::ConnectionPool>(
        factory, static_cast<size_t>(options.reader_connections_max), wait_max, "PostgreSQL");

    detail::GroupCommitOptions commit_options;
    commit_options.batch_jobs_max = static_cast<size_t>(options.writer_batch_jobs_max);
    commit_options.queue_jobs_max = static_cast<size_t>(options.write_queue_jobs_max);
    commit_options.lease_wait_max = wait_max;
    commit_options.begin_sql = "BEGIN";
    commit_options.name = "postgres:" + redact_url(options.url);
    PgStore* self = store.get();
    store->committer_ = std::make_unique<detail::GroupCommitter>(
        self, [self]() { return self->writer_connection(); }, commit_options);
    return store;
}

// Called on the writer thread before each batch: a connection the server dropped (restart, network)
// is replaced, so one outage fails the batches during it and not every batch after it.
Result<detail::Connection*> PgStore::writer_connection() {
    if (writer_ && writer_->connected() && !writer_->reusable()) (void)writer_->exec("ROLLBACK");
    if (!writer_ || !writer_->reusable()) {
        writer_.reset();
        KL_TRY_ASSIGN(writer_, PgConnection::connect(options_.url));
    }
    return static_cast<detail::Connection*>(writer_.get());
}

Result<std::unique_ptr<Tx>> PgStore::begin(TxMode mode) {
    if (mode == TxMode::read_write && detail::find_active(this) != nullptr) {
        // A second writing transaction from inside the first could wait on the first's row locks
        // forever; joining it is what write()/read() do.
        return fail(ErrorCode::failed_precondition,
                    "a transaction of this store is already open on this thread; use write()/read() to join it");
    }
    KL_TRY_ASSIGN(auto hold, pool_->acquire());
    if (mode == TxMode::read_write) return detail::begin_on(std::move(hold), "BEGIN", this);
    return detail::begin_on(std::move(hold), "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", nullptr);
}

Result<void> PgStore::write_job(WriteJob job) { return committer_->write_job(job); }

Result<void> PgStore::read_job(ReadJob job) { return detail::run_read_job(*this, this, job); }

StoreStats PgStore::stats() const {
    StoreStats stats;
    committer_->fill_stats(stats);
    stats.pool_size = pool_->size();
    stats.pool_in_use = pool_->in_use();
    return stats;
}

}  // namespace kl::store::postgres
