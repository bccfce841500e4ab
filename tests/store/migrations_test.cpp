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

// A migration made to fail half way: its first statements succeed (a new table, a row in an existing
// one, a new column), then one fails. Nothing of it may stay, the migrations before it stay applied,
// and a corrected migration of the same name runs afterwards.
TEST_P(Migrations, AFailedMigrationLeavesTheDatabaseAsTheMigrationBeforeItLeftIt) {
    TestDatabase older(GetParam());
    StoreOptions unmigrated;
    unmigrated.apply_migrations = false;
    auto opened = older.open(unmigrated);
    ASSERT_TRUE(opened) << opened.error().message;
    Store& store = **opened;
    auto release = embedded_migrations_through("0016_todo_indexes");
    ASSERT_FALSE(release.empty());
    ASSERT_TRUE(migrate(store, release));

    auto with_failing = release;
    with_failing.push_back(Migration{"0017_made_to_fail",
                                     "CREATE TABLE upgrade_probe (id TEXT PRIMARY KEY);\n"
                                     "INSERT INTO daily_job_runs (job, shanghai_day, run_date, state, claimed_by, claimed_at_ms) "
                                     "VALUES ('probe', 20794, '2026-12-07', 'done', 'test', 1);\n"
                                     "ALTER TABLE daily_job_runs ADD COLUMN probe_note TEXT;\n"
                                     "SELECT no_such_column FROM daily_job_runs;\n"});
    auto failed = migrate(store, with_failing);
    ASSERT_FALSE(failed);
    EXPECT_NE(failed.error().message.find("migration 0017_made_to_fail, statement 4"), std::string::npos)
        << failed.error().message;

    auto names = recorded(store);
    EXPECT_EQ(names.size(), release.size());
    EXPECT_EQ(names.count("0017_made_to_fail"), 0u);
    auto left = store.read([](Tx& tx) -> Result<int64_t> {
        KL_TRY_ASSIGN(Rows rows, tx.query("SELECT COUNT(*) AS n FROM daily_job_runs WHERE job = 'probe'"));
        return rows[0].i64("n");
    });
    ASSERT_TRUE(left) << left.error().message;
    EXPECT_EQ(*left, 0);
    // Neither the new table nor the new column exists: the DDL rolled back with the rest.
    auto readable = [&](const char* sql) {
        return static_cast<bool>(store.read([&](Tx& tx) -> Result<void> {
            KL_TRY(tx.query(sql));
            return ok();
        }));
    };
    EXPECT_FALSE(readable("SELECT id FROM upgrade_probe"));
    EXPECT_FALSE(readable("SELECT probe_note FROM daily_job_runs"));

    // Fixed, the same migration applies, and then the rest of today's.
    with_failing.back().sql = "CREATE TABLE upgrade_probe (id TEXT PRIMARY KEY);\n";
    auto fixed = migrate(store, with_failing);
    ASSERT_TRUE(fixed) << fixed.error().message;
    EXPECT_EQ(*fixed, std::vector<std::string>{"0017_made_to_fail"});
}

INSTANTIATE_TEST_SUITE_P(Backends, Migrations, ::testing::ValuesIn(kl::test::backends_under_test()), backend_name);

}  // namespace
}  // namespace kl::store::testing
