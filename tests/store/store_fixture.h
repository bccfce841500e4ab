#pragma once
// Shared by the store tests: a fresh database per test for each backend under test (SQLite on a real
// file in a TempDir, PostgreSQL on a fresh database of the throwaway server), and a way to hold the
// writer thread so that jobs pile up in the queue deterministically.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "store/store.h"
#include "support/test_env.h"

namespace kl::store::testing {

// One database, kept for the whole test so that a store can be closed and opened again on it.
class TestDatabase {
public:
    // Throws when PostgreSQL is asked for and cannot be reached, which fails the test.
    explicit TestDatabase(const std::string& backend) {
        if (backend == "postgres") {
            url_ = kl::test::fresh_postgres_database();
        } else {
            dir_ = std::make_unique<kl::test::TempDir>();
            url_ = "sqlite:" + dir_->file("store.sqlite");
        }
    }
    const std::string& url() const { return url_; }
    std::string file_path() const { return dir_ ? dir_->file("store.sqlite") : ""; }
    const kl::test::TempDir* dir() const { return dir_.get(); }

    Result<std::unique_ptr<Store>> open(StoreOptions options = {}) const {
        options.url = url_;
        return open_store(options);
    }

private:
    std::unique_ptr<kl::test::TempDir> dir_;
    std::string url_;
};

// Parameterised over kl::test::backends_under_test(). PostgreSQL tests are skipped only when no
// server was given and none is required; when one is required they fail if it is unreachable.
class BackendTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        if (GetParam() == "postgres" && kl::test::postgres_url().empty() && !kl::test::postgres_required()) {
            GTEST_SKIP() << "KASHLINK_TEST_PG is not set (run scripts/test-postgres.sh start)";
        }
        database_ = std::make_unique<TestDatabase>(GetParam());
        reopen();
    }

    void reopen(StoreOptions options = {}) {
        store_.reset();
        auto opened = database_->open(options);
        ASSERT_TRUE(opened) << opened.error().message;
        store_ = std::move(*opened);
    }

    bool is_postgres() const { return GetParam() == "postgres"; }
    std::string blob_type() const { return is_postgres() ? "BYTEA" : "BLOB"; }

    // Runs one statement in its own group-committed write.
    void exec(const std::string& sql, const Params& params = {}) {
        auto done = store_->write([&](Tx& tx) -> Result<void> {
            KL_TRY(tx.execute(sql, params));
            return ok();
        });
        ASSERT_TRUE(done) << sql << ": " << done.error().message;
    }

    Rows select(const std::string& sql, const Params& params = {}) {
        Rows rows;
        auto done = store_->read([&](Tx& tx) -> Result<void> {
            KL_TRY_ASSIGN(rows, tx.query(sql, params));
            return ok();
        });
        EXPECT_TRUE(done) << sql << ": " << done.error().message;
        return rows;
    }

    int64_t count(const std::string& table) {
        Rows rows = select("SELECT COUNT(*) AS n FROM " + table);
        return rows.empty() ? -1 : rows[0].i64("n");
    }

    std::unique_ptr<TestDatabase> database_;
    std::unique_ptr<Store> store_;
};

inline std::string backend_name(const ::testing::TestParamInfo<std::string>& backend) { return backend.param; }

// Holds the writer thread inside a write job until `queued` other jobs wait in the queue (and, with
// hold, until release()), so the jobs queued meanwhile are committed together in the next batch.
// Waiting is by polling the queue depth: no assertion depends on timing. The deadline only turns a
// bug that never queues the jobs into a failed test instead of a hung one.
class WriterBlocker {
public:
    WriterBlocker(Store& store, int64_t queued, bool hold = false) : store_(store), queued_(queued), released_(!hold) {
        thread_ = std::thread([this] { result_ = store_.write([this](Tx&) { return block(); }); });
        while (!started_) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~WriterBlocker() {
        release();
        if (thread_.joinable()) thread_.join();
    }
    void release() { released_ = true; }
    Result<void> join() {
        release();
        thread_.join();
        return result_;
    }
    // Blocks the caller until the queue holds `depth` jobs (the blocker's own job is running).
    void wait_for_depth(int64_t depth) const {
        const auto deadline = std::chrono::steady_clock::now() + wait_max;
        while (store_.stats().write_queue_depth < depth && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    }

private:
    static constexpr std::chrono::seconds wait_max{60};

    Result<void> block() {
        started_ = true;
        wait_for_depth(queued_);
        const auto deadline = std::chrono::steady_clock::now() + wait_max;
        while (!released_ && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        if (store_.stats().write_queue_depth < queued_) return fail(ErrorCode::internal, "the jobs never queued");
        return ok();
    }

    Store& store_;
    const int64_t queued_;
    std::atomic<bool> started_{false};
    std::atomic<bool> released_;
    Result<void> result_;
    std::thread thread_;
};

}  // namespace kl::store::testing
