// The store contract: the same tests on SQLite and PostgreSQL (see store_fixture.h).

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "store/store.h"
#include "store_fixture.h"

namespace kl::store::testing {
namespace {

using StoreContract = BackendTest;

TEST_P(StoreContract, RoundTripsEveryValueType) {
    exec("CREATE TABLE vals (id BIGINT PRIMARY KEY, i BIGINT, d DOUBLE PRECISION, t TEXT, b " + blob_type() + ")");
    const std::string tricky = "引号 'quoted' \"double\"; DROP TABLE vals; -- \n\ttab \\ backslash 🍇";
    const std::string bytes("\x00\x01\x7f\x80\xff\x00", 6);
    const std::vector<Params> rows = {
        {int64_t{1}, std::numeric_limits<int64_t>::max(), 0.1, tricky, Blob{bytes}},
        {int64_t{2}, std::numeric_limits<int64_t>::min(), -1.5e300, std::string(), Blob{}},
        {int64_t{3}, int64_t{0}, 3.0, std::string("x"), Blob{"plain"}},
        {int64_t{4}, null(), null(), null(), null()},
    };
    for (const auto& params : rows) exec("INSERT INTO vals (id, i, d, t, b) VALUES ($1, $2, $3, $4, $5)", params);

    Rows read = select("SELECT id, i, d, t, b FROM vals ORDER BY id");
    ASSERT_EQ(read.size(), rows.size());
    for (size_t row = 0; row < rows.size(); ++row) {
        for (size_t column = 0; column < rows[row].size(); ++column) {
            EXPECT_EQ(read[row].at(column), rows[row][column]) << "row " << row << " column " << column << ": got "
                                                               << type_name(read[row].at(column));
        }
    }
    EXPECT_EQ(read[0].text("t"), tricky);
    EXPECT_EQ(read[0].i64("i"), std::numeric_limits<int64_t>::max());
    EXPECT_EQ(read[1].f64("d"), -1.5e300);
    EXPECT_TRUE(read[3].is_null(1));
    EXPECT_FALSE(read[3].opt_i64("i").has_value());
    EXPECT_FALSE(read[3].opt_text("t").has_value());
    EXPECT_EQ(read[2].opt_text("t"), std::optional<std::string>("x"));
}

// each_row hands over the rows one at a time with the values query() returns (the SQLite adapter
// refills one row in place: a text cell that was longer, shorter, null or a number the row before
// must not leak into the next), and an error from the visitor stops the read and is returned.
TEST_P(StoreContract, EachRowVisitsTheRowsQueryReturnsAndStopsOnAnError) {
    exec("CREATE TABLE streamed (id BIGINT PRIMARY KEY, t TEXT, i BIGINT)");
    const std::vector<Params> rows = {
        {int64_t{1}, std::string("a fairly long first text, longer than any short-string buffer"), int64_t{10}},
        {int64_t{2}, std::string("short"), null()},
        {int64_t{3}, null(), int64_t{30}},
        {int64_t{4}, std::string(), int64_t{40}},
        {int64_t{5}, std::string("五"), int64_t{50}},
    };
    for (const auto& params : rows) exec("INSERT INTO streamed (id, t, i) VALUES ($1, $2, $3)", params);
    const std::string sql = "SELECT id, t, i FROM streamed WHERE id >= $1 ORDER BY id";
    const Rows whole = select(sql, {int64_t{1}});

    std::vector<std::vector<Value>> seen;
    std::vector<std::string> texts;
    ASSERT_TRUE(store_->read([&](Tx& tx) {
        return tx.each_row(sql, {int64_t{1}}, [&](const Row& row) -> Result<void> {
            seen.push_back({row.at(0), row.at(1), row.at(2)});
            if (!row.is_null(1)) texts.emplace_back(row.text_view(1));
            return ok();
        });
    }));
    ASSERT_EQ(seen.size(), whole.size());
    for (size_t row = 0; row < seen.size(); ++row) {
        for (size_t column = 0; column < 3; ++column) EXPECT_EQ(seen[row][column], whole[row].at(column)) << row << "/" << column;
    }
    EXPECT_EQ(texts, (std::vector<std::string>{std::get<std::string>(rows[0][1]), "short", "", "五"}));

    int visited = 0;
    const auto stopped = store_->read([&](Tx& tx) {
        return tx.each_row(sql, {int64_t{1}}, [&](const Row&) -> Result<void> {
            if (++visited == 2) return fail(ErrorCode::conflict, "enough");
            return ok();
        });
    });
    ASSERT_FALSE(stopped);
    EXPECT_EQ(stopped.error().message, "enough");
    EXPECT_EQ(visited, 2);
    // The statement was reset: the same read runs again on the same connection.
    EXPECT_EQ(select(sql, {int64_t{4}}).size(), 2u);
}

TEST_P(StoreContract, BindsParametersByNumberNotByPosition) {
    Rows rows = select("SELECT $2 || $1 AS joined, $1 || $1 AS twice", {std::string("a"), std::string("b")});
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].text("joined"), "ba");
    EXPECT_EQ(rows[0].text("twice"), "aa");

    exec("CREATE TABLE kv (k TEXT PRIMARY KEY, v BIGINT NOT NULL)");
    exec("INSERT INTO kv (v, k) VALUES ($2, $1)", {std::string("key"), int64_t{42}});
    rows = select("SELECT v FROM kv WHERE k = $1 AND v > $2 - 1", {std::string("key"), int64_t{42}});
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].i64("v"), 42);
}

TEST_P(StoreContract, ParametersAndValuesMustAgreeAndManyBindInOrder) {
    auto query = [&](const std::string& sql, const Params& params) {
        return store_->read([&](Tx& tx) -> Result<Rows> { return tx.query(sql, params); });
    };
    EXPECT_FALSE(query("SELECT $1 AS a", {std::string("a"), std::string("unused")}));
    EXPECT_FALSE(query("SELECT $2 AS a", {std::string("a")}));
    // A multi-row insert of 3,000 rows × 3 parameters, numbered out of first-appearance order in
    // each row: every value lands in its own column.
    exec("CREATE TABLE wide (a BIGINT NOT NULL, b TEXT NOT NULL, c BIGINT NOT NULL)");
    std::string sql = "INSERT INTO wide (c, a, b) VALUES ";
    Params params;
    constexpr int rows_count = 3000;
    for (int row = 0; row < rows_count; ++row) {
        const int base = row * 3;
        sql += (row == 0 ? "" : ",") + std::string("($") + std::to_string(base + 3) + ", $" + std::to_string(base + 1) +
               ", $" + std::to_string(base + 2) + ")";
        params.push_back(int64_t{row});
        params.push_back("r" + std::to_string(row));
        params.push_back(int64_t{row} * 10);
    }
    exec(sql, params);
    Rows rows = select("SELECT COUNT(*) AS n, SUM(a) AS a, SUM(c) AS c FROM wide WHERE b = 'r' || a");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].i64("n"), rows_count);
    EXPECT_EQ(rows[0].i64("a"), int64_t{rows_count} * (rows_count - 1) / 2);
    EXPECT_EQ(rows[0].i64("c"), int64_t{rows_count} * (rows_count - 1) / 2 * 10);
}

TEST_P(StoreContract, IntegerArithmeticAndAggregatesReadAsInt64) {
    exec("CREATE TABLE money (amount_minor BIGINT NOT NULL)");
    exec("INSERT INTO money (amount_minor) VALUES ($1), ($2)", {int64_t{4'000'000'000'000}, int64_t{1}});
    Rows rows = select("SELECT SUM(amount_minor) AS total, COUNT(*) AS n, MAX(amount_minor) + $1 AS top FROM money",
                       {int64_t{1}});
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].i64("total"), 4'000'000'000'001);
    EXPECT_EQ(rows[0].i64("n"), 2);
    EXPECT_EQ(rows[0].i64("top"), 4'000'000'000'001);
}

TEST_P(StoreContract, NullsCompareAndReturnAsNull) {
    exec("CREATE TABLE opt (id BIGINT PRIMARY KEY, note TEXT)");
    exec("INSERT INTO opt (id, note) VALUES ($1, $2), ($3, $4)", {int64_t{1}, null(), int64_t{2}, std::string("n")});
    Rows rows = select("SELECT id FROM opt WHERE note IS NULL");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].i64("id"), 1);
    EXPECT_EQ(select("SELECT id FROM opt WHERE note = $1", {null()}).size(), 0u);
    rows = select("SELECT COALESCE(note, $1) AS shown FROM opt ORDER BY id", {std::string("none")});
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].text("shown"), "none");
    EXPECT_EQ(rows[1].text("shown"), "n");
}

TEST_P(StoreContract, UpsertWithOnConflictAndReturning) {
    exec("CREATE TABLE stock (sku TEXT PRIMARY KEY, qty_g BIGINT NOT NULL)");
    const std::string upsert =
        "INSERT INTO stock (sku, qty_g) VALUES ($1, $2) ON CONFLICT (sku) DO UPDATE SET qty_g = stock.qty_g + "
        "excluded.qty_g RETURNING sku, qty_g";
    Rows returned;
    for (int64_t grams : {500, 250}) {
        ASSERT_TRUE(store_->write([&](Tx& tx) -> Result<void> {
            KL_TRY_ASSIGN(returned, tx.query(upsert, {std::string("apricot"), grams}));
            return ok();
        }));
    }
    ASSERT_EQ(returned.size(), 1u);
    EXPECT_EQ(returned[0].text("sku"), "apricot");
    EXPECT_EQ(returned[0].i64("qty_g"), 750);

    int64_t changed = -1;
    ASSERT_TRUE(store_->write([&](Tx& tx) -> Result<void> {
        KL_TRY_ASSIGN(changed, tx.execute("INSERT INTO stock (sku, qty_g) VALUES ($1, $2) ON CONFLICT (sku) DO NOTHING",
                                          {std::string("apricot"), int64_t{1}}));
        return ok();
    }));
    EXPECT_EQ(changed, 0);
    EXPECT_EQ(count("stock"), 1);
}

TEST_P(StoreContract, ExecuteCountsChangedRows) {
    int64_t created = -1;
    int64_t inserted = -1;
    int64_t updated = -1;
    int64_t deleted = -1;
    ASSERT_TRUE(store_->write([&](Tx& tx) -> Result<void> {
        KL_TRY_ASSIGN(created, tx.execute("CREATE TABLE n (id BIGINT PRIMARY KEY, v BIGINT NOT NULL)"));
        KL_TRY_ASSIGN(inserted, tx.execute("INSERT INTO n (id, v) VALUES (1, 0), (2, 0), (3, 0)"));
        KL_TRY_ASSIGN(updated, tx.execute("UPDATE n SET v = v + 1 WHERE id >= $1", {int64_t{2}}));
        KL_TRY_ASSIGN(deleted, tx.execute("DELETE FROM n WHERE id = $1", {int64_t{99}}));
        return ok();
    }));
    EXPECT_EQ(created, 0);
    EXPECT_EQ(inserted, 3);
    EXPECT_EQ(updated, 2);
    EXPECT_EQ(deleted, 0);
}

TEST_P(StoreContract, ConstraintViolationsMapToErrorCodes) {
    exec("CREATE TABLE parent (id TEXT PRIMARY KEY)");
    exec("CREATE TABLE child (id TEXT PRIMARY KEY, parent_id TEXT NOT NULL REFERENCES parent (id), "
         "qty BIGINT NOT NULL CHECK (qty > 0))");
    exec("INSERT INTO parent (id) VALUES ($1)", {std::string("p")});
    exec("INSERT INTO child (id, parent_id, qty) VALUES ($1, $2, $3)", {std::string("c"), std::string("p"), int64_t{1}});

    auto attempt = [&](const std::string& sql, const Params& params) {
        return store_->write([&](Tx& tx) -> Result<void> {
            KL_TRY(tx.execute(sql, params));
            return ok();
        });
    };
    const std::string insert_child = "INSERT INTO child (id, parent_id, qty) VALUES ($1, $2, $3)";
    auto duplicate = attempt("INSERT INTO parent (id) VALUES ($1)", {std::string("p")});
    auto orphan = attempt(insert_child, {std::string("c2"), std::string("missing"), int64_t{1}});
    auto negative = attempt(insert_child, {std::string("c3"), std::string("p"), int64_t{-1}});
    auto missing = attempt(insert_child, {std::string("c4"), null(), int64_t{1}});
    auto bad_sql = attempt("INSERT INTO no_such_table (id) VALUES ($1)", {std::string("x")});
    ASSERT_FALSE(duplicate);
    ASSERT_FALSE(orphan);
    ASSERT_FALSE(negative);
    ASSERT_FALSE(missing);
    ASSERT_FALSE(bad_sql);
    EXPECT_EQ(duplicate.error().code, ErrorCode::already_exists) << duplicate.error().message;
    EXPECT_EQ(orphan.error().code, ErrorCode::failed_precondition) << orphan.error().message;
    EXPECT_EQ(negative.error().code, ErrorCode::failed_precondition) << negative.error().message;
    EXPECT_EQ(missing.error().code, ErrorCode::failed_precondition) << missing.error().message;
    EXPECT_EQ(bad_sql.error().code, ErrorCode::internal) << bad_sql.error().message;
    EXPECT_EQ(count("parent"), 1);
    EXPECT_EQ(count("child"), 1);
}

TEST_P(StoreContract, TransactionRollsBackWhenDestroyedUncommitted) {
    exec("CREATE TABLE t (id BIGINT PRIMARY KEY)");
    {
        auto tx = store_->begin(TxMode::read_write);
        ASSERT_TRUE(tx) << tx.error().message;
        ASSERT_TRUE((*tx)->execute("INSERT INTO t (id) VALUES ($1)", {int64_t{1}}));
        EXPECT_EQ((*tx)->query("SELECT id FROM t")->size(), 1u);  // visible inside
    }
    EXPECT_EQ(count("t"), 0);
    {
        auto tx = store_->begin(TxMode::read_write);
        ASSERT_TRUE(tx);
        ASSERT_TRUE((*tx)->execute("INSERT INTO t (id) VALUES ($1)", {int64_t{2}}));
        ASSERT_TRUE((*tx)->commit());
    }
    EXPECT_EQ(count("t"), 1);
    {
        auto tx = store_->begin(TxMode::read_write);
        ASSERT_TRUE(tx);
        ASSERT_TRUE((*tx)->execute("DELETE FROM t"));
        ASSERT_TRUE((*tx)->rollback());
    }
    EXPECT_EQ(count("t"), 1);
}

TEST_P(StoreContract, ReadTransactionsCannotWrite) {
    exec("CREATE TABLE t (id BIGINT PRIMARY KEY)");
    auto tx = store_->begin(TxMode::read_only);
    ASSERT_TRUE(tx) << tx.error().message;
    auto written = (*tx)->execute("INSERT INTO t (id) VALUES ($1)", {int64_t{1}});
    ASSERT_FALSE(written);
    EXPECT_EQ(written.error().code, ErrorCode::unavailable) << written.error().message;
    tx->reset();

    auto in_job = store_->read([](Tx& read_tx) -> Result<void> {
        KL_TRY(read_tx.execute("INSERT INTO t (id) VALUES (2)"));
        return ok();
    });
    ASSERT_FALSE(in_job);
    EXPECT_EQ(count("t"), 0);
}

TEST_P(StoreContract, WriteReturnsTheJobsValueOrError) {
    exec("CREATE TABLE t (id BIGINT PRIMARY KEY)");
    Result<int64_t> inserted = store_->write([](Tx& tx) -> Result<int64_t> {
        return tx.execute("INSERT INTO t (id) VALUES ($1), ($2)", {int64_t{1}, int64_t{2}});
    });
    ASSERT_TRUE(inserted);
    EXPECT_EQ(*inserted, 2);
    Result<int64_t> refused = store_->write([](Tx& tx) -> Result<int64_t> {
        KL_TRY(tx.execute("INSERT INTO t (id) VALUES ($1)", {int64_t{3}}));
        return fail(ErrorCode::failed_precondition, "a rule refuses");
    });
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::failed_precondition);
    EXPECT_EQ(count("t"), 2);

    auto thrown = store_->write([](Tx&) -> Result<void> { throw std::runtime_error("boom"); });
    ASSERT_FALSE(thrown);
    EXPECT_EQ(thrown.error().code, ErrorCode::internal);
    EXPECT_NE(thrown.error().message.find("boom"), std::string::npos);
}

TEST_P(StoreContract, StatsCountCommitsAndConnections) {
    exec("CREATE TABLE t (id BIGINT PRIMARY KEY)");
    const StoreStats before = store_->stats();
    exec("INSERT INTO t (id) VALUES (1)");
    auto tx = store_->begin(TxMode::read_only);
    ASSERT_TRUE(tx);
    const StoreStats during = store_->stats();
    EXPECT_EQ(during.commits, before.commits + 1);
    EXPECT_EQ(during.write_jobs, before.write_jobs + 1);
    EXPECT_EQ(during.write_queue_depth, 0);
    EXPECT_GE(during.pool_size, 1);
    EXPECT_EQ(during.pool_in_use, 1);
    tx->reset();
    EXPECT_EQ(store_->stats().pool_in_use, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContract, ::testing::ValuesIn(kl::test::backends_under_test()), backend_name);

}  // namespace
}  // namespace kl::store::testing
