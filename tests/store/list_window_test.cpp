// The list window as SQL (store/list_window.h): its text, the Beijing day of a UTC time, and a
// window run on both back ends — search in any case over nullable columns, both kinds of date, and
// newest-first keyset pages walked to the end.

#include <string>
#include <vector>

#include "core/clock.h"
#include "store/list_window.h"
#include "store_fixture.h"

namespace kl::store::testing {
namespace {

kl::Date day(const std::string& text) { return kl::parse_date(text, "day").value(); }

ListWindow searched(const std::string& q) {
    ListWindow window;
    window.q = q;
    return window;
}

ListWindow dated(std::optional<kl::Date> from, std::optional<kl::Date> to) {
    ListWindow window;
    window.from = from;
    window.to = to;
    return window;
}

TEST(ListWindow, ABeijingDayStartsAt1600UtcTheDayBefore) {
    // 2026-03-01 00:00 in Beijing is 2026-02-28 16:00 UTC.
    EXPECT_EQ(shanghai_day_start_ms(day("2026-03-01")), day("2026-02-28").days * 86'400'000 + 16LL * 3'600'000);
    EXPECT_EQ(kl::shanghai_date(shanghai_day_start_ms(day("2026-03-01"))), day("2026-03-01"));
    EXPECT_EQ(kl::shanghai_date(shanghai_day_start_ms(day("2026-03-01")) - 1), day("2026-02-28"));
}

TEST(ListWindow, IsOneConditionWithItsParametersAndNothingWhenEmpty) {
    SqlQuery query;
    EXPECT_EQ(window_condition(query, ListWindow(), {{"a"}, "d", DateStored::text_date}), "");
    EXPECT_TRUE(query.params().empty());
    ListWindow window{std::string("Ab%"), day("2026-03-01"), day("2026-03-02"), PageOrder::newest_first};
    EXPECT_EQ(window_condition(query, window, {{"x.a", "x.b"}, "x.at_ms", DateStored::epoch_ms}),
              "(LOWER(COALESCE(x.a, '')) LIKE $1 ESCAPE '\\' OR LOWER(COALESCE(x.b, '')) LIKE $1 ESCAPE '\\') AND "
              "x.at_ms >= $2 AND x.at_ms < $3");
    ASSERT_EQ(query.params().size(), 3u);
    EXPECT_EQ(query.params()[0], Value(std::string("%ab\\%%")));
    EXPECT_EQ(query.params()[1], Value(shanghai_day_start_ms(day("2026-03-01"))));
    EXPECT_EQ(query.params()[2], Value(shanghai_day_start_ms(day("2026-03-03"))));  // `to` inclusive
    EXPECT_EQ(query.page("x.id", std::string("k"), 2, PageOrder::newest_first),
              "1 = 1 AND x.id < $4 ORDER BY x.id DESC LIMIT $5");
}

using ListWindowContract = BackendTest;

TEST_P(ListWindowContract, FindsByTextAndDayAndPagesNewestFirst) {
    exec("CREATE TABLE items (id TEXT PRIMARY KEY, name TEXT NOT NULL, name_en TEXT, on_day TEXT NOT NULL, at_ms BIGINT NOT NULL)");
    // 23:59:59.999 and 00:00 Beijing time on the two sides of 2026-03-02's start.
    const int64_t start = shanghai_day_start_ms(day("2026-03-02"));
    const struct {
        const char* id;
        const char* name;
        const char* name_en;
        const char* on_day;
        int64_t at_ms;
    } rows[] = {{"id-1", "莎车核桃", "Walnuts", "2026-03-01", start - 1},
                {"id-2", "巴楚甜瓜", nullptr, "2026-03-02", start},
                {"id-3", "叶城核桃", "Yecheng WALNUTS", "2026-03-03", start + 86'400'000}};
    for (const auto& row : rows) {
        exec("INSERT INTO items (id, name, name_en, on_day, at_ms) VALUES ($1, $2, $3, $4, $5)",
             {std::string(row.id), std::string(row.name), row.name_en ? Value(std::string(row.name_en)) : null(),
              std::string(row.on_day), row.at_ms});
    }
    const WindowColumns by_ms{{"name", "name_en"}, "at_ms", DateStored::epoch_ms};
    const WindowColumns by_day{{"name", "name_en"}, "on_day", DateStored::text_date};
    auto ids = [&](const ListWindow& window, const WindowColumns& columns, const std::optional<std::string>& after = {}, int64_t limit = 10) {
        SqlQuery query;
        add_window(query, window, columns);
        std::vector<std::string> out;
        for (const auto& row : select("SELECT id FROM items WHERE " + query.page("id", after, limit, window.order), query.params())) {
            out.push_back(row.text(0));
        }
        return out;
    };
    using Ids = std::vector<std::string>;
    EXPECT_EQ(ids(searched("walnut"), by_ms), (Ids{"id-1", "id-3"}));  // any case
    EXPECT_EQ(ids(searched("核桃"), by_ms), (Ids{"id-1", "id-3"}));
    EXPECT_EQ(ids(searched("甜瓜"), by_ms), Ids{"id-2"});              // a NULL English name matches nothing
    EXPECT_EQ(ids(searched("%"), by_ms), Ids{});                      // wildcards are themselves
    EXPECT_EQ(ids(dated(day("2026-03-02"), day("2026-03-02")), by_ms), Ids{"id-2"});
    EXPECT_EQ(ids(dated(day("2026-03-02"), day("2026-03-02")), by_day), Ids{"id-2"});
    EXPECT_EQ(ids(dated(std::nullopt, day("2026-03-01")), by_ms), Ids{"id-1"});
    EXPECT_EQ(ids(dated(day("2026-03-03"), std::nullopt), by_day), Ids{"id-3"});

    const ListWindow newest = newest_first_window();
    EXPECT_EQ(ids(newest, by_ms), (Ids{"id-3", "id-2", "id-1"}));
    EXPECT_EQ(ids(newest, by_ms, std::string("id-3"), 1), (Ids{"id-2", "id-1"}));  // one row more than the page
    EXPECT_EQ(ids(newest, by_ms, std::string("id-1")), Ids{});
}

INSTANTIATE_TEST_SUITE_P(Backends, ListWindowContract, ::testing::ValuesIn(kl::test::backends_under_test()), backend_name);

}  // namespace
}  // namespace kl::store::testing
