#include "store/group_commit.h"

#include <future>
#include <utility>
#include <vector>

#include "core/assert.h"
#include "core/log.h"

namespace kl::store::detail {

// A queued job. Its caller waits on `answer`, so the job (held by reference) outlives the wait.
struct GroupCommitter::Pending {
    const WriteJob& job;
    std::promise<Result<void>> answer;
};

class GroupCommitter::Lease final : public ConnectionHold {
public:
    Lease(GroupCommitter& committer, Connection& connection) : committer_(committer), connection_(connection) {}
    ~Lease() override { committer_.release_lease(); }
    Connection& connection() override { return connection_; }

private:
    GroupCommitter& committer_;
    Connection& connection_;
};

GroupCommitter::GroupCommitter(const void* owner, WriterSource writer, GroupCommitOptions options)
    : owner_(owner), writer_(std::move(writer)), options_(std::move(options)) {
    KL_ASSERT(options_.batch_jobs_max > 0);
    KL_ASSERT(options_.queue_jobs_max > 0);
    thread_ = std::thread([this] { writer_loop(); });
}

GroupCommitter::~GroupCommitter() { stop(); }

void GroupCommitter::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    work_.notify_all();
    if (thread_.joinable()) thread_.join();
}

Result<void> GroupCommitter::write_job(const WriteJob& job) {
    if (ActiveTx* active = find_active(owner_)) return run_in_savepoint(*active, job, false).result;

    auto pending = std::make_unique<Pending>(Pending{job, {}});
    auto answered = pending->answer.get_future();
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return fail(ErrorCode::unavailable, "the store is closing");
        if (queue_.size() >= options_.queue_jobs_max) {
            return fail(ErrorCode::resource_exhausted,
                        "the write queue is full (" + std::to_string(options_.queue_jobs_max) + " jobs waiting)");
        }
        queue_.push_back(std::move(pending));
        // Under the mutex: once the job is queued, the writer may run and answer it and the store be
        // destroyed (closing drains the queue) before this thread runs on; stop() takes this mutex,
        // so the condition variable cannot go while we notify. Notifying after unlocking touched a
        // destroyed work_ (TSan, in GroupCommit.ClosingTheStoreDrainsQueuedWrites).
        work_.notify_one();
    }
    return answered.get();
}

void GroupCommitter::writer_loop() {
    std::unique_lock lock(mutex_);
    for (;;) {
        // A lease (held or awaited) pauses batching; stopping still drains what is queued.
        work_.wait(lock, [&] { return (stopping_ || !queue_.empty()) && !leased_ && lease_waiters_ == 0; });
        if (queue_.empty()) return;  // stopping, and nothing left to run
        std::vector<std::unique_ptr<Pending>> batch;
        while (!queue_.empty() && batch.size() < options_.batch_jobs_max) {
            batch.push_back(std::move(queue_.front()));
            queue_.pop_front();
        }
        batch_running_ = true;
        lock.unlock();
        run_batch(batch);
        lock.lock();
        batch_running_ = false;
        idle_.notify_all();
    }
}

void GroupCommitter::run_batch(std::vector<std::unique_ptr<Pending>>& batch) {
    std::vector<Result<void>> results;
    auto writer = writer_();
    if (!writer) return answer_aborted(batch, results, writer.error().message);
    Connection& connection = **writer;
    if (auto begun = connection.exec(options_.begin_sql); !begun) {
        return answer_aborted(batch, results, begun.error().message);
    }

    bool broken = false;
    {
        ActiveTxScope scope(owner_, connection);
        for (size_t index = 0; index < batch.size() && !broken; ++index) {
            JobOutcome outcome = run_in_savepoint(scope.active(), batch[index]->job, false);
            results.push_back(std::move(outcome.result));
            broken = outcome.transaction_broken || scope.active().broken;
        }
    }
    if (broken) {
        (void)connection.exec("ROLLBACK");
        return answer_aborted(batch, results, "a job left the batch's transaction unusable");
    }

    auto committed = connection.exec("COMMIT");
    if (!committed) {
        // SQLite keeps the transaction open after a failed COMMIT; PostgreSQL has already ended it.
        (void)connection.exec("ROLLBACK");
        return answer_aborted(batch, results, "COMMIT failed: " + committed.error().message);
    }
    int64_t succeeded = 0;
    for (const auto& result : results) succeeded += result ? 1 : 0;
    {
        // Counted before anyone is answered, so a caller reading stats() after its write sees it.
        std::lock_guard lock(mutex_);
        ++commits_;
        write_jobs_ += succeeded;
    }
    for (size_t index = 0; index < batch.size(); ++index) batch[index]->answer.set_value(std::move(results[index]));
}

// Nothing of the batch was committed. Jobs that ran and succeeded hear `unavailable` (a retry may
// succeed); jobs that ran and failed keep their own error (their work was rolled back either way);
// jobs that never ran go back to the head of the queue for the next batch: a job runs at most once.
void GroupCommitter::answer_aborted(std::vector<std::unique_ptr<Pending>>& batch, std::vector<Result<void>>& results,
                                    const std::string& why) {
    spdlog::warn("{}: write batch of {} jobs not committed: {}", options_.name, batch.size(), why);
    for (size_t index = 0; index < results.size(); ++index) {
        if (results[index]) {
            batch[index]->answer.set_value(fail(ErrorCode::unavailable, "the write was not committed: " + why));
        } else {
            batch[index]->answer.set_value(std::move(results[index]));
        }
    }
    if (results.empty()) {
        // The transaction never began (no connection, database locked or read-only): no job ran, and
        // retrying them now would meet the same wall, so every caller hears why.
        for (auto& pending : batch) pending->answer.set_value(fail(ErrorCode::unavailable, why));
        return;
    }
    std::lock_guard lock(mutex_);
    for (size_t index = batch.size(); index > results.size(); --index) {
        queue_.push_front(std::move(batch[index - 1]));
    }
}

Result<std::unique_ptr<ConnectionHold>> GroupCommitter::lease() {
    std::unique_lock lock(mutex_);
    ++lease_waiters_;
    const bool got = idle_.wait_for(lock, options_.lease_wait_max, [&] { return !leased_ && !batch_running_; });
    --lease_waiters_;
    if (!got) {
        work_.notify_one();
        return fail(ErrorCode::unavailable, "the writer connection stayed busy for " +
                                                std::to_string(options_.lease_wait_max.count()) + " ms");
    }
    leased_ = true;
    lock.unlock();
    auto writer = writer_();
    if (!writer) {
        release_lease();
        return fail(std::move(writer).error());
    }
    return std::unique_ptr<ConnectionHold>(std::make_unique<Lease>(*this, **writer));
}

void GroupCommitter::release_lease() {
    {
        std::lock_guard lock(mutex_);
        KL_ASSERT(leased_);
        leased_ = false;
    }
    idle_.notify_all();
    work_.notify_one();
}

void GroupCommitter::fill_stats(StoreStats& stats) const {
    std::lock_guard lock(mutex_);
    stats.commits = commits_;
    stats.write_jobs = write_jobs_;
    stats.write_queue_depth = static_cast<int64_t>(queue_.size());
}

}  // namespace kl::store::detail
