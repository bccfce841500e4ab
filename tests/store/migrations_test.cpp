#include "store/migrations.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "store_fixture.h"

namespace kl::store::testing {
namespace {

TEST(SplitStatements, SplitsOnLinesEndingWithSemicolonAndDropsComments) {
    const std::string sql =
        "-- a comment line; with a semicolon;\n"
        "CREATE TABLE a (\n"
        "    id TEXT PRIMARY KEY -- trailing comment without semicolon\n"
        ");\n"
        "\n"
        "   -- indented comment;\n"
        "CREATE INDEX a_id ON a (id);   \n"
        "INSERT INTO a (id) VALUES ('x;y');\r\n";
    auto statements = split_statements(sql);
    ASSERT_TRUE(statements);
    ASSERT_EQ(statements->size(), 3u);
    EXPECT_EQ((*statements)[0], "CREATE TABLE a (\n    id TEXT PRIMARY KEY -- trailing comment without semicolon\n)\n");
    EXPECT_EQ((*statements)[1], "CREATE INDEX a_id ON a (id)\n");
    EXPECT_EQ((*statements)[2], "INSERT INTO a (id) VALUES ('x;y')\n");
}

TEST(SplitStatements, RefusesTextAfterTheLastStatement) {
    auto statements = split_statements("CREATE TABLE a (id TEXT);\nCREATE TABLE b (id TEXT)\n");
    ASSERT_FALSE(statements);
    EXPECT_EQ(statements.error().code, ErrorCode::internal);
}

TEST(SplitStatements, EmptyAndCommentOnlyTextHoldNoStatement) {
    EXPECT_TRUE(split_statements("")->empty());
    EXPECT_TRUE(split_statements("-- nothing here;\n\n")->empty());
}

TEST(EmbeddedMigrations, AreNamedInOrderAndSplitCleanly) {
    const auto& migrations = embedded_migrations();
    ASSERT_FALSE(migrations.empty());
    EXPECT_EQ(migrations.front().name, "0001_foundation");
    for (size_t index = 0; index < migrations.size(); ++index) {
        if (index > 0) {
            EXPECT_LT(migrations[index - 1].name, migrations[index].name);
        }
        auto statements = split_statements(migrations[index].sql);
        ASSERT_TRUE(statements) << migrations[index].name << ": " << statements.error().message;
        EXPECT_FALSE(statements->empty()) << migrations[index].name;
    }
}

using Migrations = BackendTest;

std::set<std::string> recorded(Store& store) {
    std::set<std::string> names;
    EXPECT_TRUE(store.read([&](Tx& tx) -> Result<void> {
        KL_TRY_ASSIGN(Rows rows, tx.query("SELECT name FROM schema_migrations"));
        for (const auto& row : rows) names.insert(row.text("name"));
        return ok();
    }));
    return names;
}

std::set<std::string> embedded_names() {
    std::set<std::string> names;
    for (const auto& migration : embedded_migrations()) names.insert(migration.name);
    return names;
}

TEST_P(Migrations, AreAppliedOnceAndIdempotentOnReopen) {
    EXPECT_EQ(recorded(*store_), embedded_names());
    EXPECT_EQ(count("schema_migrations"), static_cast<int64_t>(embedded_migrations().size()));
    auto again = migrate(*store_);
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_TRUE(again->empty());
    reopen();
    EXPECT_EQ(count("schema_migrations"), static_cast<int64_t>(embedded_migrations().size()));
    EXPECT_EQ(count("idempotency_keys"), 0);  // created by 0001_foundation
}

TEST_P(Migrations, TwoProcessesStartingAtOnceApplyEachMigrationOnce) {
    // A second database, never opened: both stores race to migrate it.
    TestDatabase fresh(GetParam());
    Result<std::unique_ptr<Store>> first = fail(ErrorCode::internal, "not run");
    Result<std::unique_ptr<Store>> second = fail(ErrorCode::internal, "not run");
    std::thread a([&] { first = fresh.open(); });
    std::thread b([&] { second = fresh.open(); });
    a.join();
    b.join();
    ASSERT_TRUE(first) << first.error().message;
    ASSERT_TRUE(second) << second.error().message;
    EXPECT_EQ(recorded(**first), embedded_names());
    Rows rows;
    ASSERT_TRUE((*second)->read([&](Tx& tx) -> Result<void> {
        KL_TRY_ASSIGN(rows, tx.query("SELECT COUNT(*) AS n FROM schema_migrations"));
        return ok();
    }));
    EXPECT_EQ(rows[0].i64("n"), static_cast<int64_t>(embedded_migrations().size()));
}

// The query plan of `sql` as one text: SQLite's EXPLAIN QUERY PLAN details, PostgreSQL's EXPLAIN lines.
std::string plan_of(Store& store, bool postgres, const std::string& sql, const Params& params) {
    std::string plan;
    EXPECT_TRUE(store.read([&](Tx& tx) -> Result<void> {
        // An empty table is cheapest to scan, so PostgreSQL would rightly ignore any index; with scans
        // priced out it takes an index when one fits, which is what this asks.
        if (postgres) KL_TRY(tx.execute("SET LOCAL enable_seqscan = off"));
        KL_TRY_ASSIGN(Rows rows, tx.query((postgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + sql, params));
        for (const auto& row : rows) {
            for (size_t i = 0; i < row.size(); ++i) {
                if (const auto* text = std::get_if<std::string>(&row.at(i))) plan += *text + "\n";
            }
        }
        return ok();
    }));
    return plan;
}

// Deleting a lane asks whether a proposal names it (LaneService::remove), and the DELETE's foreign key
// check asks the same: migration 0012 lets both find proposals by lane without reading them all.
TEST_P(Migrations, ProposalsAreFoundByLaneThroughAnIndex) {
    const std::string plan =
        plan_of(*store_, is_postgres(), "SELECT id FROM allocation_proposals WHERE lane_id = $1 LIMIT 1", {"lane-1"});
    EXPECT_NE(plan.find("allocation_proposals_lane"), std::string::npos) << plan;
}

INSTANTIATE_TEST_SUITE_P(Backends, Migrations, ::testing::ValuesIn(kl::test::backends_under_test()), backend_name);

}  // namespace
}  // namespace kl::store::testing
