#include "store/idempotency.h"

#include <gtest/gtest.h>

#include "store_fixture.h"

namespace kl::store::testing {
namespace {

using Idempotency = BackendTest;

const std::string scope = "user-1 POST /api/v1/orders";
const std::string hash_a = std::string(64, 'a');
const std::string hash_b = std::string(64, 'b');

Result<std::optional<StoredReply>> find(Store& store, const std::string& in_scope, const std::string& key,
                                        const std::string& hash) {
    return store.read([&](Tx& tx) { return find_reply(tx, in_scope, key, hash); });
}

TEST_P(Idempotency, RepeatGetsTheStoredReplyAndAnotherRequestGetsConflict) {
    auto none = find(*store_, scope, "key-1", hash_a);
    ASSERT_TRUE(none) << none.error().message;
    EXPECT_FALSE(none->has_value());

    const StoredReply reply{201, "application/json", R"({"id":"o-1","note":"引号 ' ; --"})"};
    ASSERT_TRUE(store_->write([&](Tx& tx) { return remember_reply(tx, scope, "key-1", hash_a, reply, 1'700'000'000'000); }));

    auto repeat = find(*store_, scope, "key-1", hash_a);
    ASSERT_TRUE(repeat) << repeat.error().message;
    ASSERT_TRUE(repeat->has_value());
    EXPECT_EQ((*repeat)->status, 201);
    EXPECT_EQ((*repeat)->content_type, "application/json");
    EXPECT_EQ((*repeat)->body, reply.body);

    auto other = find(*store_, scope, "key-1", hash_b);
    ASSERT_FALSE(other);
    EXPECT_EQ(other.error().code, ErrorCode::conflict);

    // The same key in another scope (another user or route) is another key.
    auto elsewhere = find(*store_, "user-2 POST /api/v1/orders", "key-1", hash_b);
    ASSERT_TRUE(elsewhere);
    EXPECT_FALSE(elsewhere->has_value());
}

TEST_P(Idempotency, RememberingTheSameKeyTwiceIsAlreadyExists) {
    const StoredReply reply{200, "application/json", "{}"};
    ASSERT_TRUE(store_->write([&](Tx& tx) { return remember_reply(tx, scope, "k", hash_a, reply, 1); }));
    auto second = store_->write([&](Tx& tx) { return remember_reply(tx, scope, "k", hash_a, reply, 2); });
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error().code, ErrorCode::already_exists);
}

// The table is not "orders": the orders module's migration already made one with that name.
TEST_P(Idempotency, ReplyAndChangeCommitTogetherOrNotAtAll) {
    exec("CREATE TABLE probe_orders (id TEXT PRIMARY KEY)");
    const StoredReply reply{201, "application/json", R"({"id":"o-1"})"};
    auto failed = store_->write([&](Tx& tx) -> Result<void> {
        KL_TRY(remember_reply(tx, scope, "k", hash_a, reply, 1));
        KL_TRY(tx.execute("INSERT INTO probe_orders (id) VALUES ($1)", {std::string("o-1")}));
        return fail(ErrorCode::failed_precondition, "a later rule refused the order");
    });
    ASSERT_FALSE(failed);
    auto none = find(*store_, scope, "k", hash_a);
    ASSERT_TRUE(none);
    EXPECT_FALSE(none->has_value());
    EXPECT_EQ(count("probe_orders"), 0);
}

TEST_P(Idempotency, BadKeysAreRefusedNamingTheHeader) {
    for (const std::string& key : {std::string(), std::string(idempotency_key_chars_max + 1, 'k'), std::string("a b"),
                                   std::string("ключ")}) {
        auto found = find(*store_, scope, key, hash_a);
        ASSERT_FALSE(found) << key;
        EXPECT_EQ(found.error().code, ErrorCode::invalid_argument);
        ASSERT_EQ(found.error().fields.size(), 1u);
        EXPECT_EQ(found.error().fields[0].field, "Idempotency-Key");
        auto stored = store_->write(
            [&](Tx& tx) { return remember_reply(tx, scope, key, hash_a, StoredReply{200, "text/plain", ""}, 1); });
        ASSERT_FALSE(stored);
        EXPECT_EQ(stored.error().code, ErrorCode::invalid_argument);
    }
    EXPECT_EQ(count("idempotency_keys"), 0);
    auto longest = find(*store_, scope, std::string(idempotency_key_chars_max, 'k'), hash_a);
    EXPECT_TRUE(longest);
}

INSTANTIATE_TEST_SUITE_P(Backends, Idempotency, ::testing::ValuesIn(kl::test::backends_under_test()), backend_name);

}  // namespace
}  // namespace kl::store::testing
