// The write coalescer on both back ends: items queued together run as one write job and each gets
// its own answer; an item's own error leaves its neighbours alone; a job failing as a whole is
// rerun item by item so only the item that broke it fails; inside a write job it runs inline.

#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "store/write_coalescer.h"
#include "store_fixture.h"

namespace kl::store::testing {
namespace {

using WriteCoalescing = BackendTest;
using Coalescer = WriteCoalescer<std::string, int64_t>;

// Inserts every item as a row and answers its length. "refused" is refused alone (nothing written
// for it); "poison" writes its row and then fails the whole job.
Result<std::vector<Result<int64_t>>> insert_all(Tx& tx, const std::vector<const std::string*>& items) {
    std::vector<Result<int64_t>> answers;
    for (const std::string* item : items) {
        if (*item == "refused") {
            answers.push_back(fail(ErrorCode::failed_precondition, "refused alone"));
            continue;
        }
        KL_TRY(tx.execute("INSERT INTO items (k) VALUES ($1)", {*item}));
        if (*item == "poison") return fail(ErrorCode::invalid_argument, "poison fails its job");
        answers.push_back(static_cast<int64_t>(item->size()));
    }
    return answers;
}

std::set<std::string> keys_in(const Rows& rows) {
    std::set<std::string> keys;
    for (const auto& row : rows) keys.insert(row.text("k"));
    return keys;
}

// The writer held while `items` queue: the first becomes the leader (its job waits behind the
// blocker), the others wait in the coalescer and go together in the next job.
std::vector<Result<int64_t>> submit_together(Store& store, Coalescer& coalescer, const std::vector<std::string>& items) {
    std::vector<Result<int64_t>> answers(items.size(), fail(ErrorCode::internal, "not answered"));
    std::vector<std::thread> threads;
    {
        WriterBlocker blocker(store, 1, /*hold=*/true);
        threads.emplace_back([&] { answers[0] = coalescer.submit(items[0]); });
        blocker.wait_for_depth(1);
        // One at a time, each queued before the next starts, so the job runs them in order.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        for (size_t index = 1; index < items.size(); ++index) {
            threads.emplace_back([&, index] { answers[index] = coalescer.submit(items[index]); });
            while (coalescer.stats().waiting < static_cast<int64_t>(index) && std::chrono::steady_clock::now() < deadline) {
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
        }
        EXPECT_TRUE(blocker.join());
    }
    for (auto& thread : threads) thread.join();
    return answers;
}

TEST_P(WriteCoalescing, ItemsQueuedTogetherShareOneJobAndEachGetsItsAnswer) {
    exec("CREATE TABLE items (k TEXT PRIMARY KEY)");
    Coalescer coalescer(*store_, insert_all, [](const std::string&) { return size_t{1}; }, 100);
    const int64_t commits_before = store_->stats().commits;
    std::vector<std::string> items;
    for (int index = 0; index < 20; ++index) items.push_back(std::string(static_cast<size_t>(index + 1), 'x'));
    const auto answers = submit_together(*store_, coalescer, items);
    for (size_t index = 0; index < items.size(); ++index) {
        ASSERT_TRUE(answers[index]) << answers[index].error().message;
        EXPECT_EQ(*answers[index], static_cast<int64_t>(index + 1));
    }
    // The leader's job of one, then one job for the nineteen that waited; plus the blocker's commit.
    EXPECT_EQ(coalescer.stats().jobs, 2);
    EXPECT_EQ(coalescer.stats().items, 20);
    EXPECT_EQ(store_->stats().commits - commits_before, 3);
    EXPECT_EQ(count("items"), 20);
}

TEST_P(WriteCoalescing, AJobIsCutAtItsUnitsMax) {
    exec("CREATE TABLE items (k TEXT PRIMARY KEY)");
    Coalescer coalescer(*store_, insert_all, [](const std::string&) { return size_t{3}; }, 10);
    std::vector<std::string> items;
    for (int index = 0; index < 7; ++index) items.push_back("i" + std::to_string(index));
    const auto answers = submit_together(*store_, coalescer, items);
    for (const auto& answer : answers) EXPECT_TRUE(answer);
    // 1, then 3 + 3 (a fourth would pass 10 units)
    EXPECT_EQ(coalescer.stats().jobs, 3);
    EXPECT_EQ(count("items"), 7);
}

TEST_P(WriteCoalescing, AnItemsOwnErrorLeavesItsNeighboursAlone) {
    exec("CREATE TABLE items (k TEXT PRIMARY KEY)");
    Coalescer coalescer(*store_, insert_all, [](const std::string&) { return size_t{1}; }, 100);
    const auto answers = submit_together(*store_, coalescer, {"first", "a", "refused", "bb"});
    EXPECT_TRUE(answers[0]);
    EXPECT_TRUE(answers[1]);
    ASSERT_FALSE(answers[2]);
    EXPECT_EQ(answers[2].error().code, ErrorCode::failed_precondition);
    EXPECT_TRUE(answers[3]);
    EXPECT_EQ(coalescer.stats().jobs, 2);
    EXPECT_EQ(keys_in(select("SELECT k FROM items")), (std::set<std::string>{"first", "a", "bb"}));
}

TEST_P(WriteCoalescing, AJobFailingWholeIsRerunItemByItem) {
    exec("CREATE TABLE items (k TEXT PRIMARY KEY)");
    Coalescer coalescer(*store_, insert_all, [](const std::string&) { return size_t{1}; }, 100);
    const auto answers = submit_together(*store_, coalescer, {"first", "a", "poison", "bb"});
    EXPECT_TRUE(answers[0]);
    ASSERT_TRUE(answers[1]) << answers[1].error().message;
    EXPECT_EQ(*answers[1], 1);
    ASSERT_FALSE(answers[2]);
    EXPECT_EQ(answers[2].error().code, ErrorCode::invalid_argument);
    ASSERT_TRUE(answers[3]) << answers[3].error().message;
    EXPECT_EQ(*answers[3], 2);
    // Nothing of the failed combined job is kept, the poison's row neither.
    EXPECT_EQ(keys_in(select("SELECT k FROM items")), (std::set<std::string>{"first", "a", "bb"}));
}

TEST_P(WriteCoalescing, InsideAWriteJobAnItemRunsInlineInThatTransaction) {
    exec("CREATE TABLE items (k TEXT PRIMARY KEY)");
    Coalescer coalescer(*store_, insert_all, [](const std::string&) { return size_t{1}; }, 100);
    Result<int64_t> inner = fail(ErrorCode::internal, "not run");
    auto outer = store_->write([&](Tx& tx) -> Result<void> {
        KL_TRY(tx.execute("INSERT INTO items (k) VALUES ('outer')"));
        inner = coalescer.submit("inner");
        return fail(ErrorCode::conflict, "the outer job rolls back");
    });
    ASSERT_FALSE(outer);
    ASSERT_TRUE(inner) << inner.error().message;
    EXPECT_EQ(*inner, 5);
    EXPECT_EQ(count("items"), 0);  // it joined the outer job's transaction and went with it
    EXPECT_EQ(coalescer.stats().jobs, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, WriteCoalescing, ::testing::ValuesIn(kl::test::backends_under_test()), backend_name);

}  // namespace
}  // namespace kl::store::testing
