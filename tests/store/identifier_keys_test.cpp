// Migration 0013's identifier keys on both back ends: the unique index refuses a second row with a
// look-alike's key (what holds uniqueness when two writes race), and the backfill gives rows written
// before the key column existed their keys, leaving later look-alikes without one instead of failing.
#include <gtest/gtest.h>

#include "core/identifier.h"
#include "store/identifier_keys.h"
#include "store_fixture.h"

namespace kl::store::testing {
namespace {

class IdentifierKeys : public BackendTest {
protected:
    void add_project(const std::string& id, const std::string& code, const Value& key) {
        exec("INSERT INTO projects (id, code, code_key, name, county_code, sector, year, budget_fen, status, "
             "created_at_ms, updated_at_ms) VALUES ($1, $2, $3, 'School', 'shache', 'education', 2023, 100, 'planned', 0, 0)",
             {id, code, key});
    }
};

TEST_P(IdentifierKeys, TheUniqueIndexRefusesALookAlikesKey) {
    add_project("p1", "LOOK-1", identifier_key("LOOK-1"));
    auto second = store_->write([&](Tx& tx) -> Result<void> {
        KL_TRY(tx.execute("INSERT INTO projects (id, code, code_key, name, county_code, sector, year, budget_fen, "
                          "status, created_at_ms, updated_at_ms) "
                          "VALUES ('p2', $1, $2, 'School', 'shache', 'education', 2023, 100, 'planned', 0, 0)",
                          {std::string("look\u20101"), identifier_key("look\u20101")}));
        return ok();
    });
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error().code, ErrorCode::already_exists);
    EXPECT_EQ(count("projects"), 1);
}

TEST_P(IdentifierKeys, TheBackfillKeysOldRowsAndLeavesLaterLookAlikesWithout) {
    // As written before migration 0013: no keys. p1 < p2 < p3 by id, so p1 keeps "look-1".
    add_project("p1", "LOOK-1", null());
    add_project("p2", "look-1 ", null());
    add_project("p3", "LOOK-2", null());
    auto left = store_->write([](Tx& tx) { return backfill_identifier_keys(tx); });
    ASSERT_TRUE(left) << left.error().message;
    EXPECT_EQ(*left, 1);
    Rows rows = select("SELECT id, code_key FROM projects ORDER BY id");
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].text(1), "look-1");
    EXPECT_TRUE(rows[1].is_null(1));
    EXPECT_EQ(rows[2].text(1), "look-2");
}

INSTANTIATE_TEST_SUITE_P(Backends, IdentifierKeys, ::testing::ValuesIn(kl::test::backends_under_test()));

}  // namespace
}  // namespace kl::store::testing
