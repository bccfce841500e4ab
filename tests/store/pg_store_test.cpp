// PostgreSQL-only behaviour: result types mapped by OID, the bounded pool, reconnecting the writer,
// an unreachable server, and the SQLSTATE mapping.

#include <gtest/gtest.h>

#include <cmath>

#include "store/postgres/pg_connection.h"
#include "store_fixture.h"

namespace kl::store::testing {
namespace {

class PgStoreTest : public BackendTest {};

TEST_P(PgStoreTest, MapsResultColumnsByTypeOid) {
    Rows rows = select(
        "SELECT 1::int2 AS small, 2::int4 AS medium, 3::int8 AS large, true AS yes, false AS no, "
        "1.5::float4 AS f4, 2.25::float8 AS f8, 12345678901::numeric AS whole, 1.25::numeric AS fraction, "
        "'\\x00ff'::bytea AS bytes, DATE '2024-03-01' AS day, NULL::int4 AS nothing, "
        "'9999999999999999999999'::numeric AS huge");
    ASSERT_EQ(rows.size(), 1u);
    const Row& row = rows[0];
    EXPECT_EQ(row.i64("small"), 1);
    EXPECT_EQ(row.i64("medium"), 2);
    EXPECT_EQ(row.i64("large"), 3);
    EXPECT_EQ(row.i64("yes"), 1);
    EXPECT_EQ(row.i64("no"), 0);
    EXPECT_EQ(row.f64("f4"), 1.5);
    EXPECT_EQ(row.f64("f8"), 2.25);
    EXPECT_EQ(row.i64("whole"), 12345678901);
    EXPECT_EQ(row.at("fraction"), Value(1.25));
    EXPECT_EQ(row.at("bytes"), Value(Blob{std::string("\x00\xff", 2)}));
    EXPECT_EQ(row.text("day"), "2024-03-01");
    EXPECT_TRUE(row.is_null(11));
    EXPECT_EQ(row.at("huge"), Value(9999999999999999999999.0));
}

TEST_P(PgStoreTest, SpecialDoublesRoundTrip) {
    exec("CREATE TABLE reals (id BIGINT PRIMARY KEY, d DOUBLE PRECISION)");
    const double values[] = {INFINITY, -INFINITY, 1e-300, -0.0};
    for (int64_t id = 0; id < 4; ++id) {
        exec("INSERT INTO reals (id, d) VALUES ($1, $2)", {id, values[id]});
    }
    Rows rows = select("SELECT d FROM reals ORDER BY id");
    ASSERT_EQ(rows.size(), 4u);
    for (size_t index = 0; index < 4; ++index) EXPECT_EQ(rows[index].f64("d"), values[index]);
}

TEST_P(PgStoreTest, PoolWaitsBoundedThenReportsUnavailable) {
    StoreOptions options;
    options.reader_connections_max = 1;
    options.busy_timeout_ms = 100;
    reopen(options);
    auto held = store_->begin(TxMode::read_only);
    ASSERT_TRUE(held) << held.error().message;
    EXPECT_EQ(store_->stats().pool_in_use, 1);
    auto second = store_->begin(TxMode::read_only);
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error().code, ErrorCode::unavailable);
    held->reset();
    auto third = store_->begin(TxMode::read_only);
    EXPECT_TRUE(third);
}

TEST_P(PgStoreTest, WriterReconnectsAfterTheServerDroppedIt) {
    exec("CREATE TABLE items (k TEXT PRIMARY KEY)");
    int64_t writer_pid = 0;
    ASSERT_TRUE(store_->write([&](Tx& tx) -> Result<void> {
        KL_TRY_ASSIGN(Rows rows, tx.query("SELECT pg_backend_pid() AS pid"));
        writer_pid = rows[0].i64("pid");
        return ok();
    }));
    {
        auto admin = store_->begin(TxMode::read_write);
        ASSERT_TRUE(admin);
        ASSERT_TRUE((*admin)->query("SELECT pg_terminate_backend($1::int4)", {writer_pid}));
        ASSERT_TRUE((*admin)->commit());
    }
    auto insert = [&](const std::string& key) {
        return store_->write([&](Tx& tx) -> Result<void> {
            KL_TRY(tx.execute("INSERT INTO items (k) VALUES ($1)", {key}));
            return ok();
        });
    };
    auto lost = insert("during");
    ASSERT_FALSE(lost);  // the batch met the dead connection
    EXPECT_EQ(lost.error().code, ErrorCode::unavailable) << lost.error().message;
    auto after = insert("after");
    EXPECT_TRUE(after) << (after ? "" : after.error().message);
    EXPECT_EQ(count("items"), 1);
}

// Instantiated only when PostgreSQL is under test (a server given, or one required).
std::vector<std::string> postgres_only() {
    std::vector<std::string> backends;
    for (const auto& backend : kl::test::backends_under_test()) {
        if (backend == "postgres") backends.push_back(backend);
    }
    return backends;
}
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(PgStoreTest);
INSTANTIATE_TEST_SUITE_P(Postgres, PgStoreTest, ::testing::ValuesIn(postgres_only()), backend_name);

TEST(PgStore, UnreachableServerIsUnavailable) {
    StoreOptions options;
    options.url = "postgresql://kashlink:secret@127.0.0.1:1/nothing";
    auto store = open_store(options);
    ASSERT_FALSE(store);
    EXPECT_EQ(store.error().code, ErrorCode::unavailable);
    EXPECT_EQ(store.error().message.find("secret"), std::string::npos) << "the password leaked into the message";
}

TEST(PgErrors, MapSqlstatesConsistentlyWithSqlite) {
    using postgres::classify_sqlstate;
    EXPECT_EQ(classify_sqlstate("23505"), ErrorCode::already_exists);
    EXPECT_EQ(classify_sqlstate("23503"), ErrorCode::failed_precondition);
    EXPECT_EQ(classify_sqlstate("23514"), ErrorCode::failed_precondition);
    EXPECT_EQ(classify_sqlstate("23502"), ErrorCode::failed_precondition);
    EXPECT_EQ(classify_sqlstate("23P01"), ErrorCode::conflict);
    EXPECT_EQ(classify_sqlstate("40001"), ErrorCode::conflict);
    EXPECT_EQ(classify_sqlstate("40P01"), ErrorCode::conflict);
    EXPECT_EQ(classify_sqlstate("08006"), ErrorCode::unavailable);
    EXPECT_EQ(classify_sqlstate("57P01"), ErrorCode::unavailable);
    EXPECT_EQ(classify_sqlstate("53300"), ErrorCode::unavailable);
    EXPECT_EQ(classify_sqlstate("25006"), ErrorCode::unavailable);
    EXPECT_EQ(classify_sqlstate("08P01"), ErrorCode::internal);
    EXPECT_EQ(classify_sqlstate("22P02"), ErrorCode::invalid_argument);
    EXPECT_EQ(classify_sqlstate("42P01"), ErrorCode::internal);
    EXPECT_EQ(classify_sqlstate("42601"), ErrorCode::internal);
}

TEST(PgErrors, RedactsPasswordsInUrls) {
    EXPECT_EQ(postgres::redact_url("postgresql://user:pw@host:5432/db"), "postgresql://user:***@host:5432/db");
    EXPECT_EQ(postgres::redact_url("postgresql://user@host:5432/db"), "postgresql://user@host:5432/db");
    EXPECT_EQ(postgres::redact_url("postgresql://host/db"), "postgresql://host/db");
}

}  // namespace
}  // namespace kl::store::testing
