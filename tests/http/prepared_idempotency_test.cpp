// Idempotency-Key routes with a prepare step (router.h Prepared, issue 17): the prepare step runs
// outside the write job, its refusals are stored only after the key was looked up (so a retry still
// gets the first answer when the request would now be refused), the commit step runs once per key
// and re-checks what changed since the snapshot, and a server error in either step is not stored.
// The route here sells items from a stock table, the shape of a write that validates, then takes.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <future>
#include <set>
#include <thread>
#include <vector>

#include "http/json_body.h"
#include "http_harness.h"
#include "store/store.h"
#include "support/test_env.h"

namespace kl::http::test {
namespace {

using nlohmann::json;

std::unique_ptr<store::Store> open_stock_store(const kl::test::TempDir& dir) {
    store::StoreOptions options;
    options.url = dir.file("stock.sqlite");
    auto opened = store::open_store(options);
    if (!opened) throw std::runtime_error("open_store: " + opened.error().message);
    auto created = (*opened)->write([](store::Tx& tx) -> Result<void> {
        KL_TRY(tx.execute("CREATE TABLE test_stock (item TEXT PRIMARY KEY, left_count BIGINT NOT NULL)"));
        KL_TRY(tx.execute("CREATE TABLE test_sales (id INTEGER PRIMARY KEY, item TEXT NOT NULL, buyer TEXT NOT NULL)"));
        return ok();
    });
    if (!created) throw std::runtime_error("create tables: " + created.error().message);
    return std::move(*opened);
}

class PreparedIdempotencyTest : public ::testing::Test {
protected:
    PreparedIdempotencyTest()
        : store(open_stock_store(dir)), harness(test_options(), [this](Router& router) { add_routes(router); }, store.get()) {
        harness.auth.add("token-a", "user-a", "csrf-a");
    }

    void add_routes(Router& router) {
        Route sell = make_route(Method::post, "/api/v1/sales", Access::authenticated, [](Request&) {
            return problem(400, "Invalid request", "needs an Idempotency-Key",
                           {FieldError{"Idempotency-Key", ProblemCode::required, "is required"}});
        });
        sell.doc.idempotency_key = true;
        sell.prepare = [this](Request& request) { return prepare_sale(request); };
        router.add(std::move(sell));
    }

    // Decode and check on a read snapshot; the commit step takes one from stock if some is still left.
    Prepared prepare_sale(Request& request) {
        ++prepares;
        if (throw_in_prepare.exchange(false)) throw std::runtime_error("prepare failing on purpose");
        auto parsed = parse_json_object(request.body);
        if (!parsed) return Prepared::answered(error_response(parsed.error()));
        FieldReader reader(*parsed);
        std::string item = reader.text("item", 1, 50);
        if (auto done = reader.finish(); !done) return Prepared::answered(error_response(done.error()));
        const int64_t left = stock_left(item);
        // Held after its snapshot read, so requests held together have all read the same stock.
        if (hold_prepares) gate.wait_inside();
        if (left <= 0) return Prepared::answered(error_response(make_error(ErrorCode::conflict, item + " is sold out")));
        return Prepared::committing([this, item, buyer = request.principal->user_id] {
            ++commits;
            int64_t id = 0;
            auto written = store->write([&](store::Tx& tx) -> Result<void> {
                // The re-check: another sale may have taken the last one since the snapshot.
                KL_TRY_ASSIGN(int64_t taken, tx.execute("UPDATE test_stock SET left_count = left_count - 1 "
                                                        "WHERE item = $1 AND left_count > 0",
                                                        {item}));
                if (taken == 0) return fail(ErrorCode::conflict, item + " is sold out");
                KL_TRY_ASSIGN(store::Rows rows, tx.query("INSERT INTO test_sales (item, buyer) VALUES ($1, $2) RETURNING id",
                                                         {item, buyer}));
                id = rows[0].i64(0);
                return ok();
            });
            if (!written) return error_response(written.error());
            if (fail_commit.exchange(false)) return problem(500, "Internal error", "failing on purpose after a write");
            return json_response(201, {{"id", id}, {"item", item}});
        });
    }

    void set_stock(const std::string& item, int64_t left) {
        auto done = store->write([&](store::Tx& tx) -> Result<void> {
            KL_TRY(tx.execute("INSERT INTO test_stock (item, left_count) VALUES ($1, $2) "
                              "ON CONFLICT (item) DO UPDATE SET left_count = excluded.left_count",
                              {item, left}));
            return ok();
        });
        ASSERT_TRUE(done) << done.error().message;
    }

    int64_t stock_left(const std::string& item) {
        int64_t left = 0;
        auto read = store->read([&](store::Tx& tx) -> Result<void> {
            KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT left_count FROM test_stock WHERE item = $1", {item}));
            if (!rows.empty()) left = rows[0].i64(0);
            return ok();
        });
        EXPECT_TRUE(read);
        return left;
    }

    int64_t sale_count() {
        int64_t count = -1;
        auto read = store->read([&](store::Tx& tx) -> Result<void> {
            KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT COUNT(*) FROM test_sales"));
            count = rows[0].i64(0);
            return ok();
        });
        EXPECT_TRUE(read);
        return count;
    }

    httplib::Result sell(const std::string& item, const std::string& key) {
        httplib::Headers headers = {{"Authorization", "Bearer token-a"}, {"Idempotency-Key", key}};
        return harness.client().Post("/api/v1/sales", headers, json{{"item", item}}.dump(), "application/json");
    }

    kl::test::TempDir dir;
    std::unique_ptr<store::Store> store;
    std::atomic<int> prepares{0}, commits{0};
    std::atomic<bool> hold_prepares{false}, throw_in_prepare{false}, fail_commit{false};
    Gate gate;
    Harness harness;
};

TEST_F(PreparedIdempotencyTest, PrepareRunsOutsideTheWriteJob) {
    set_stock("walnuts", 5);
    hold_prepares = true;
    auto sold = std::async(std::launch::async, [&] { return sell("walnuts", "key-outside"); });
    gate.await_inside(1);
    // While the prepare step is held, other writes go through: it holds no write job (and so no
    // writer). The wait is a liveness bound, not a timing assertion.
    auto other_write = std::async(std::launch::async, [&] {
        return store->write([](store::Tx& tx) -> Result<void> {
            KL_TRY(tx.execute("INSERT INTO test_stock (item, left_count) VALUES ('almonds', 1)"));
            return ok();
        });
    });
    const bool written = other_write.wait_for(std::chrono::seconds(30)) == std::future_status::ready;
    gate.open();
    EXPECT_TRUE(written) << "a write waited for a request's prepare step";
    if (written) {
        EXPECT_TRUE(other_write.get());
    }
    auto reply = sold.get();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 201) << reply->body;
    EXPECT_EQ(stock_left("walnuts"), 4);
}

TEST_F(PreparedIdempotencyTest, ARetryGetsTheFirstAnswerEvenWhenTheRequestWouldNowBeRefused) {
    set_stock("walnuts", 1);
    auto first = sell("walnuts", "key-last-one");
    ASSERT_TRUE(first);
    ASSERT_EQ(first->status, 201) << first->body;
    ASSERT_EQ(stock_left("walnuts"), 0);

    // Its prepare step now refuses (sold out), but the key's stored answer wins.
    auto retried = sell("walnuts", "key-last-one");
    ASSERT_TRUE(retried);
    EXPECT_EQ(retried->status, 201);
    EXPECT_EQ(retried->body, first->body);
    EXPECT_EQ(retried->get_header_value("Idempotent-Replayed"), "true");
    EXPECT_EQ(commits.load(), 1);
    EXPECT_EQ(sale_count(), 1);
}

TEST_F(PreparedIdempotencyTest, ARefusalFromPrepareIsStoredLikeAnyAnswer) {
    set_stock("walnuts", 0);
    auto refused = sell("walnuts", "key-refused");
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 409);
    EXPECT_FALSE(refused->has_header("Idempotent-Replayed"));

    // Stock arrives, but the key named a request that was refused: the retry gets that answer.
    set_stock("walnuts", 3);
    auto again = sell("walnuts", "key-refused");
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, 409);
    EXPECT_EQ(again->body, refused->body);
    EXPECT_EQ(again->get_header_value("Idempotent-Replayed"), "true");
    EXPECT_EQ(commits.load(), 0);
    EXPECT_EQ(sale_count(), 0);
}

TEST_F(PreparedIdempotencyTest, TheCommitStepRechecksWhatChangedSinceItsSnapshot) {
    set_stock("walnuts", 1);
    hold_prepares = true;
    // Both validate while one walnut is left; only one may take it.
    auto a = std::async(std::launch::async, [&] { return sell("walnuts", "key-race-a"); });
    auto b = std::async(std::launch::async, [&] { return sell("walnuts", "key-race-b"); });
    gate.await_inside(2);
    gate.open();
    auto reply_a = a.get(), reply_b = b.get();
    ASSERT_TRUE(reply_a && reply_b);
    std::multiset<int> statuses = {reply_a->status, reply_b->status};
    EXPECT_EQ(statuses, (std::multiset<int>{201, 409})) << reply_a->body << reply_b->body;
    EXPECT_EQ(commits.load(), 2);
    EXPECT_EQ(stock_left("walnuts"), 0);
    EXPECT_EQ(sale_count(), 1);
}

TEST_F(PreparedIdempotencyTest, ConcurrentDuplicatesCommitOnceAndAllGetTheFirstAnswer) {
    set_stock("walnuts", 10);
    constexpr int duplicates = 4;  // test_options() has 4 workers: all four prepare at once
    hold_prepares = true;
    std::vector<std::future<httplib::Result>> replies;
    for (int i = 0; i < duplicates; ++i) {
        replies.push_back(std::async(std::launch::async, [&] { return sell("walnuts", "key-duplicate"); }));
    }
    gate.await_inside(duplicates);
    gate.open();
    std::vector<std::string> bodies;
    int replayed = 0;
    for (auto& reply : replies) {
        auto got = reply.get();
        ASSERT_TRUE(got);
        EXPECT_EQ(got->status, 201) << got->body;
        bodies.push_back(got->body);
        replayed += got->get_header_value("Idempotent-Replayed") == "true" ? 1 : 0;
    }
    for (const auto& body : bodies) EXPECT_EQ(body, bodies.front());
    EXPECT_EQ(replayed, duplicates - 1);
    EXPECT_EQ(prepares.load(), duplicates);
    EXPECT_EQ(commits.load(), 1);
    EXPECT_EQ(stock_left("walnuts"), 9);
    EXPECT_EQ(sale_count(), 1);
}

TEST_F(PreparedIdempotencyTest, AServerErrorInEitherStepIsNotStoredAndItsWritesRollBack) {
    set_stock("walnuts", 2);
    fail_commit = true;
    auto failed = sell("walnuts", "key-flaky");
    ASSERT_TRUE(failed);
    EXPECT_EQ(failed->status, 500);
    EXPECT_EQ(stock_left("walnuts"), 2);  // the commit step's writes went with the rolled-back job
    EXPECT_EQ(sale_count(), 0);

    throw_in_prepare = true;
    auto thrown = sell("walnuts", "key-flaky");
    ASSERT_TRUE(thrown);
    EXPECT_EQ(thrown->status, 500);

    auto retried = sell("walnuts", "key-flaky");
    ASSERT_TRUE(retried);
    EXPECT_EQ(retried->status, 201) << retried->body;
    EXPECT_FALSE(retried->has_header("Idempotent-Replayed"));
    EXPECT_EQ(stock_left("walnuts"), 1);
    EXPECT_EQ(sale_count(), 1);
}

TEST_F(PreparedIdempotencyTest, WithoutAKeyTheHandlerAnswers) {
    httplib::Headers headers = {{"Authorization", "Bearer token-a"}};
    auto reply = harness.client().Post("/api/v1/sales", headers, R"({"item":"walnuts"})", "application/json");
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 400);
    EXPECT_EQ(prepares.load(), 0);
}

}  // namespace
}  // namespace kl::http::test
