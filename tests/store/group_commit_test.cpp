// Group commit on both backends: batching, per-job rollback, durability of every acknowledged write,
// reentrancy, a full queue and a failing COMMIT.

#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "store/store.h"
#include "store_fixture.h"

namespace kl::store::testing {
namespace {

using GroupCommit = BackendTest;

Result<void> insert_key(Tx& tx, const std::string& key) {
    KL_TRY(tx.execute("INSERT INTO items (k) VALUES ($1)", {key}));
    return ok();
}

std::set<std::string> keys_in(Rows rows) {
    std::set<std::string> keys;
    for (const auto& row : rows) keys.insert(row.text("k"));
    return keys;
}

TEST_P(GroupCommit, ConcurrentWritersAreAllDurableAfterReopen) {
    constexpr int threads_count = 32;
    constexpr int writes_per_thread = 50;
    exec("CREATE TABLE items (k TEXT PRIMARY KEY, writer BIGINT NOT NULL)");
    std::atomic<int> acknowledged{0};
    std::atomic<int> refused{0};
    std::vector<std::thread> writers;
    for (int writer = 0; writer < threads_count; ++writer) {
        writers.emplace_back([&, writer] {
            for (int seq = 0; seq < writes_per_thread; ++seq) {
                const std::string key = std::to_string(writer) + "-" + std::to_string(seq);
                auto done = store_->write([&](Tx& tx) -> Result<void> {
                    KL_TRY(tx.execute("INSERT INTO items (k, writer) VALUES ($1, $2)", {key, int64_t{writer}}));
                    return ok();
                });
                (done ? acknowledged : refused)++;
            }
        });
    }
    for (auto& thread : writers) thread.join();
    EXPECT_EQ(refused.load(), 0);
    ASSERT_EQ(acknowledged.load(), threads_count * writes_per_thread);
    const StoreStats stats = store_->stats();
    EXPECT_GE(stats.write_jobs, threads_count * writes_per_thread);
    EXPECT_LE(stats.commits, stats.write_jobs);

    reopen();  // closes the store (draining it) and opens the same database again
    const auto keys = keys_in(select("SELECT k FROM items"));
    ASSERT_EQ(keys.size(), static_cast<size_t>(threads_count * writes_per_thread));
    for (int writer = 0; writer < threads_count; ++writer) {
        for (int seq = 0; seq < writes_per_thread; ++seq) {
            ASSERT_EQ(keys.count(std::to_string(writer) + "-" + std::to_string(seq)), 1u);
        }
    }
}

TEST_P(GroupCommit, JobsQueuedTogetherCommitTogether) {
    constexpr int queued = 100;
    exec("CREATE TABLE items (k TEXT PRIMARY KEY)");
    const int64_t commits_before = store_->stats().commits;
    std::vector<std::thread> writers;
    std::atomic<int> acknowledged{0};
    {
        WriterBlocker blocker(*store_, queued);
        for (int index = 0; index < queued; ++index) {
            writers.emplace_back([&, index] {
                if (store_->write([&](Tx& tx) { return insert_key(tx, std::to_string(index)); })) ++acknowledged;
            });
        }
        ASSERT_TRUE(blocker.join());
    }
    for (auto& thread : writers) thread.join();
    EXPECT_EQ(acknowledged.load(), queued);
    // One commit for the blocker's batch, one for the 100 jobs that waited behind it.
    EXPECT_EQ(store_->stats().commits - commits_before, 2);
    EXPECT_EQ(count("items"), queued);
}

TEST_P(GroupCommit, FailingJobRollsBackAloneInItsBatch) {
    exec("CREATE TABLE items (k TEXT PRIMARY KEY)");
    const int64_t commits_before = store_->stats().commits;
    Result<void> good_first, refused, duplicate, good_last;
    std::vector<std::thread> writers;
    {
        WriterBlocker blocker(*store_, 4, /*hold=*/true);
        auto launch = [&](Result<void>& out, std::function<Result<void>(Tx&)> job) {
            writers.emplace_back([&out, job, this] { out = store_->write(job); });
            // Queue them in order, so the batch runs them in order.
            blocker.wait_for_depth(static_cast<int64_t>(writers.size()));
        };
        launch(good_first, [](Tx& tx) { return insert_key(tx, "a"); });
        launch(refused, [](Tx& tx) -> Result<void> {
            KL_TRY(insert_key(tx, "b"));
            return fail(ErrorCode::conflict, "refused after writing");
        });
        launch(duplicate, [](Tx& tx) -> Result<void> {
            KL_TRY(insert_key(tx, "c"));
            KL_TRY(insert_key(tx, "a"));  // fails: "a" was inserted by the first job of the batch
            return ok();
        });
        launch(good_last, [](Tx& tx) { return insert_key(tx, "d"); });
        ASSERT_TRUE(blocker.join());
    }
    for (auto& thread : writers) thread.join();
    EXPECT_TRUE(good_first);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::conflict);
    ASSERT_FALSE(duplicate);
    EXPECT_EQ(duplicate.error().code, ErrorCode::already_exists);
    EXPECT_TRUE(good_last) << (good_last ? "" : good_last.error().message);
    EXPECT_EQ(store_->stats().commits - commits_before, 2);
    EXPECT_EQ(keys_in(select("SELECT k FROM items")), (std::set<std::string>{"a", "d"}));
}

TEST_P(GroupCommit, FailedCommitFailsEveryJobOfTheBatch) {
    // A deferred foreign key is checked at COMMIT, so this batch's COMMIT fails on both backends.
    exec("CREATE TABLE parent (id TEXT PRIMARY KEY)");
    exec("CREATE TABLE child (id TEXT PRIMARY KEY, parent_id TEXT REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)");
    Result<void> innocent, culprit;
    std::vector<std::thread> writers;
    {
        WriterBlocker blocker(*store_, 2);
        writers.emplace_back([&] {
            innocent = store_->write([](Tx& tx) -> Result<void> {
                KL_TRY(tx.execute("INSERT INTO parent (id) VALUES ($1)", {std::string("p")}));
                return ok();
            });
        });
        blocker.wait_for_depth(1);
        writers.emplace_back([&] {
            culprit = store_->write([](Tx& tx) -> Result<void> {
                KL_TRY(tx.execute("INSERT INTO child (id, parent_id) VALUES ($1, $2)",
                                  {std::string("c"), std::string("nobody")}));
                return ok();
            });
        });
        ASSERT_TRUE(blocker.join());
    }
    for (auto& thread : writers) thread.join();
    ASSERT_FALSE(innocent);
    ASSERT_FALSE(culprit);
    EXPECT_EQ(innocent.error().code, ErrorCode::unavailable) << innocent.error().message;
    EXPECT_EQ(culprit.error().code, ErrorCode::unavailable) << culprit.error().message;
    EXPECT_EQ(count("parent"), 0);
    EXPECT_EQ(count("child"), 0);
    exec("INSERT INTO parent (id) VALUES ($1)", {std::string("p2")});  // the writer goes on
    EXPECT_EQ(count("parent"), 1);
}

TEST_P(GroupCommit, WriteInsideAWriteJobJoinsItsTransaction) {
    exec("CREATE TABLE items (k TEXT PRIMARY KEY)");
    auto outer = store_->write([&](Tx& tx) -> Result<void> {
        KL_TRY(insert_key(tx, "outer"));
        auto inner = store_->write([](Tx& inner_tx) { return insert_key(inner_tx, "inner"); });
        EXPECT_TRUE(inner) << (inner ? "" : inner.error().message);
        auto refused = store_->write([](Tx& inner_tx) -> Result<void> {
            KL_TRY(insert_key(inner_tx, "refused"));
            return fail(ErrorCode::failed_precondition, "no");
        });
        EXPECT_FALSE(refused);
        // A read job inside the write job sees the pending writes, and its own writes vanish.
        std::set<std::string> seen;
        auto read = store_->read([&](Tx& read_tx) -> Result<void> {
            KL_TRY_ASSIGN(Rows rows, read_tx.query("SELECT k FROM items"));
            seen = keys_in(rows);
            KL_TRY(insert_key(read_tx, "from-read"));
            return ok();
        });
        EXPECT_TRUE(read);
        EXPECT_EQ(seen, (std::set<std::string>{"inner", "outer"}));
        return ok();
    });
    ASSERT_TRUE(outer) << outer.error().message;
    EXPECT_EQ(keys_in(select("SELECT k FROM items")), (std::set<std::string>{"inner", "outer"}));

    // When the outer job fails, what its inner job wrote goes too: they share one transaction.
    auto failed = store_->write([&](Tx& tx) -> Result<void> {
        KL_TRY(insert_key(tx, "outer2"));
        KL_TRY(store_->write([](Tx& inner_tx) { return insert_key(inner_tx, "inner2"); }));
        return fail(ErrorCode::conflict, "changed my mind");
    });
    ASSERT_FALSE(failed);
    EXPECT_EQ(count("items"), 2);
}

TEST_P(GroupCommit, WriteJobJoinsAnOpenReadWriteTransactionOfTheSameThread) {
    exec("CREATE TABLE items (k TEXT PRIMARY KEY)");
    {
        auto tx = store_->begin(TxMode::read_write);
        ASSERT_TRUE(tx) << tx.error().message;
        ASSERT_TRUE(insert_key(**tx, "raw"));
        ASSERT_TRUE(store_->write([](Tx& job_tx) { return insert_key(job_tx, "joined"); }));
        auto nested = store_->begin(TxMode::read_write);
        ASSERT_FALSE(nested);
        EXPECT_EQ(nested.error().code, ErrorCode::failed_precondition);
        ASSERT_TRUE((*tx)->rollback());
    }
    EXPECT_EQ(count("items"), 0);  // the joined write was rolled back with the transaction it joined
}

TEST_P(GroupCommit, FullQueueRefusesWithResourceExhausted) {
    StoreOptions options;
    options.write_queue_jobs_max = 2;
    reopen(options);
    exec("CREATE TABLE items (k TEXT PRIMARY KEY)");
    std::vector<std::thread> writers;
    Result<void> overflow;
    {
        WriterBlocker blocker(*store_, 2, /*hold=*/true);
        for (const char* key : {"a", "b"}) {
            writers.emplace_back([this, key] { EXPECT_TRUE(store_->write([&](Tx& tx) { return insert_key(tx, key); })); });
        }
        blocker.wait_for_depth(2);
        overflow = store_->write([](Tx& tx) { return insert_key(tx, "c"); });
        ASSERT_TRUE(blocker.join());
    }
    for (auto& thread : writers) thread.join();
    ASSERT_FALSE(overflow);
    EXPECT_EQ(overflow.error().code, ErrorCode::resource_exhausted);
    EXPECT_EQ(keys_in(select("SELECT k FROM items")), (std::set<std::string>{"a", "b"}));
}

TEST_P(GroupCommit, ClosingTheStoreDrainsQueuedWrites) {
    exec("CREATE TABLE items (k TEXT PRIMARY KEY)");
    std::vector<std::thread> writers;
    std::atomic<int> acknowledged{0};
    {
        WriterBlocker blocker(*store_, 10, /*hold=*/true);
        for (int index = 0; index < 10; ++index) {
            writers.emplace_back([&, index] {
                if (store_->write([&](Tx& tx) { return insert_key(tx, std::to_string(index)); })) ++acknowledged;
            });
        }
        blocker.wait_for_depth(10);
        blocker.release();
        // Destroying the store while jobs wait: they must still run and be answered.
        std::thread closer([&] { store_.reset(); });
        closer.join();
    }
    for (auto& thread : writers) thread.join();
    EXPECT_EQ(acknowledged.load(), 10);
    reopen();
    EXPECT_EQ(count("items"), 10);
}

INSTANTIATE_TEST_SUITE_P(Backends, GroupCommit, ::testing::ValuesIn(kl::test::backends_under_test()), backend_name);

}  // namespace
}  // namespace kl::store::testing
