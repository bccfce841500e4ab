#pragma once
// Group commit, shared by both adapters. write_job() queues a job and waits; one writer thread takes
// every queued job (up to batch_jobs_max), opens one transaction, runs each job under its own
// SAVEPOINT (a failing job is rolled back alone and gets its own error), commits once, and only then
// answers every caller. One fsync thus covers a whole batch without giving up durability per
// acknowledged write: nobody hears "ok" before COMMIT has returned.
//
// Reentrancy: a write_job() made on a thread that already runs a transaction of the same store (the
// writer thread inside a job, or a thread holding a read_write Tx from begin()) runs inline under a
// nested SAVEPOINT of that transaction instead of queueing behind itself.
//
// The writer connection can also be leased whole (SQLite's begin(read_write), and its reads when the
// database is in memory): no batch starts while a lease is held.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/result.h"
#include "store/connection.h"
#include "store/store.h"

namespace kl::store::detail {

struct GroupCommitOptions {
    size_t batch_jobs_max = 256;             // jobs committed together at most
    size_t queue_jobs_max = 4096;            // jobs waiting beyond this are refused (resource_exhausted)
    std::chrono::milliseconds lease_wait_max{5000};
    std::string begin_sql = "BEGIN";         // SQLite: "BEGIN IMMEDIATE" takes the write lock up front
    std::string name = "store";              // names the writer thread's log lines
};

// Hands the writer connection to the writer thread (or a lease), ready for BEGIN: an adapter that
// can lose its connection (PostgreSQL) reconnects here.
using WriterSource = std::function<Result<Connection*>()>;

class GroupCommitter {
public:
    GroupCommitter(const void* owner, WriterSource writer, GroupCommitOptions options);
    ~GroupCommitter();  // stop()
    GroupCommitter(const GroupCommitter&) = delete;
    GroupCommitter& operator=(const GroupCommitter&) = delete;

    // Returns after the job's batch committed (ok) or with the job's error; see the file comment.
    Result<void> write_job(const WriteJob& job);

    // Exclusive use of the writer connection until the hold dies; `unavailable` after lease_wait_max.
    Result<std::unique_ptr<ConnectionHold>> lease();

    // Fills commits, write_jobs and write_queue_depth.
    void fill_stats(StoreStats& stats) const;

    // Runs every job still queued, then ends the writer thread. Later write_job() calls get
    // `unavailable`. Idempotent.
    void stop();

private:
    struct Pending;
    class Lease;
    void writer_loop();
    void run_batch(std::vector<std::unique_ptr<Pending>>& batch);
    void answer_aborted(std::vector<std::unique_ptr<Pending>>& batch, std::vector<Result<void>>& results,
                        const std::string& why);
    void release_lease();

    const void* owner_;
    WriterSource writer_;
    const GroupCommitOptions options_;

    mutable std::mutex mutex_;
    std::condition_variable work_;     // wakes the writer thread
    std::condition_variable idle_;     // wakes lease waiters
    std::deque<std::unique_ptr<Pending>> queue_;
    bool stopping_ = false;
    bool batch_running_ = false;
    bool leased_ = false;
    int lease_waiters_ = 0;
    int64_t commits_ = 0;
    int64_t write_jobs_ = 0;
    std::thread thread_;
};

}  // namespace kl::store::detail
