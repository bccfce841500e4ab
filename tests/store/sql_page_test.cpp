// The one SQL builder (store/sql.h) and keyset page helper (store/page.h): their text, and a page
// walked to its end on both back ends.

#include <algorithm>
#include <string>
#include <vector>

#include "store/page.h"
#include "store/sql.h"
#include "store_fixture.h"

namespace kl::store::testing {
namespace {

TEST(SqlQuery, BindsConditionsInOrderAndEndsAKeysetPage) {
    SqlQuery query;
    query.where("x.org_id", std::string("org-1")).where("x.quantity_g", int64_t{5}, ">=");
    query.where_text("x.name LIKE " + query.bind(std::string("%a%")));
    EXPECT_EQ(query.condition(), "1 = 1 AND x.org_id = $1 AND x.quantity_g >= $2 AND x.name LIKE $3");
    EXPECT_EQ(query.page("x.id", std::string("id-9"), 10),
              "1 = 1 AND x.org_id = $1 AND x.quantity_g >= $2 AND x.name LIKE $3 AND x.id > $4 ORDER BY x.id LIMIT $5");
    ASSERT_EQ(query.params().size(), 5u);
    EXPECT_EQ(query.params()[3], Value(std::string("id-9")));
    EXPECT_EQ(query.params()[4], Value(int64_t{11}));  // one row more than the page

    SqlQuery first;
    EXPECT_EQ(first.page("id", std::nullopt, 3), "1 = 1 ORDER BY id LIMIT $1");
    EXPECT_EQ(first.bind_list({"a", "b", "c"}), "$2, $3, $4");
}

TEST(SqlQuery, WritesPlaceholdersAndValuesRows) {
    EXPECT_EQ(placeholders(3, 2), "$3, $4");
    EXPECT_EQ(placeholders(1, 0), "");
    EXPECT_EQ(values_rows(2, 3), "($1, $2, $3), ($4, $5, $6)");
    EXPECT_EQ(values_rows(1, 2, ", 'open'"), "($1, $2, 'open')");
    EXPECT_EQ(contains_pattern("A_b%c\\"), "%a\\_b\\%c\\\\%");
}

TEST(Page, CutsTheExtraRowAndPointsTheCursorAtTheLastKept) {
    std::vector<std::string> items = {"a", "b", "c"};
    const auto next = finish_page(items, 2, [](const std::string& item) { return item; });
    EXPECT_EQ(items, (std::vector<std::string>{"a", "b"}));
    ASSERT_TRUE(next);
    EXPECT_EQ(*decode_cursor(*next), "b");

    std::vector<std::string> last = {"a", "b"};
    EXPECT_FALSE(finish_page(last, 2, [](const std::string& item) { return item; }));
    EXPECT_EQ(last.size(), 2u);
    EXPECT_EQ(page_rows_to_fetch(50), 51);
}

TEST(Page, RefusesCursorsItDidNotMakeAndLimitsOutOfRange) {
    EXPECT_EQ(*decode_cursor(encode_cursor("0190-abc")), "0190-abc");
    EXPECT_FALSE(decode_cursor("zz"));
    EXPECT_FALSE(decode_cursor(""));
    EXPECT_FALSE(decode_cursor(std::string(cursor_chars_max + 2, 'a')));
    EXPECT_TRUE(check_page_limit(page_limit_max));
    EXPECT_FALSE(check_page_limit(page_limit_max + 1));
    EXPECT_FALSE(check_page_limit(0));
}

using SqlBuilderContract = BackendTest;

// Rows written by insert_rows in statements of 3, read back in chunks of 2 ids and paged by 4.
TEST_P(SqlBuilderContract, InsertsInChunksQueriesByIdsAndPagesToTheEnd) {
    exec("CREATE TABLE items (id TEXT PRIMARY KEY, n BIGINT, kind TEXT)");
    std::vector<std::string> ids;
    for (int i = 0; i < 10; ++i) ids.push_back("id-" + std::to_string(i));
    auto written = store_->write([&](Tx& tx) -> Result<void> {
        return insert_rows(tx, "INSERT INTO items (id, n, kind) VALUES ", 2, ", 'plain'", ids.size(), 3,
                           [&](size_t i, Params& params) { params.insert(params.end(), {ids[i], int64_t(i)}); });
    });
    ASSERT_TRUE(written) << written.error().message;
    EXPECT_EQ(count("items"), 10);

    std::vector<std::string> found;
    auto read = store_->read([&](Tx& tx) -> Result<void> {
        return query_by_ids(tx, "SELECT id FROM items WHERE kind = $1 AND id", "", {std::string("plain")},
                            {"id-1", "id-4", "id-7", "missing"}, 2, [&](const Row& row) -> Result<void> {
                                found.push_back(row.text(0));
                                return ok();
                            });
    });
    ASSERT_TRUE(read) << read.error().message;
    std::sort(found.begin(), found.end());
    EXPECT_EQ(found, (std::vector<std::string>{"id-1", "id-4", "id-7"}));

    std::vector<std::string> paged;
    std::optional<std::string> after;
    for (int pages = 0; pages < 10; ++pages) {
        SqlQuery query;
        query.where("kind", std::string("plain"));
        const std::string tail = query.page("id", after, 4);
        std::vector<std::string> page;
        for (const auto& row : select("SELECT id FROM items WHERE " + tail, query.params())) page.push_back(row.text(0));
        const auto next = finish_page(page, 4, [](const std::string& id) { return id; });
        EXPECT_LE(page.size(), 4u);
        paged.insert(paged.end(), page.begin(), page.end());
        if (!next) break;
        after = *decode_cursor(*next);
    }
    EXPECT_EQ(paged, ids);
}

INSTANTIATE_TEST_SUITE_P(Backends, SqlBuilderContract, ::testing::ValuesIn(kl::test::backends_under_test()),
                         backend_name);

}  // namespace
}  // namespace kl::store::testing
