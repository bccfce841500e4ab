// Preferences and recommendations (issue 15 item 3) on SQLite and PostgreSQL: each side rates the
// other, only for itself; a participant's ratings are private to its organisation and the
// organisers; recommendations come from what the platform knows (here: an open demand).
#include "fair/fair_fixture.h"

namespace kl::fair {
namespace {

using testing::must;

using FairPreferencesTest = testing::FairUnratedCastTest;

TEST_P(FairPreferencesTest, EachSideRatesForItselfOnly) {
    must(events().rate(canteen, event.id, li.id, walnuts.id, Rating::must_meet, "canteens need walnuts"));
    must(events().rate(walnut, event.id, walnuts.id, li.id, Rating::meet, ""));
    // An exhibitor editing another exhibitor's preferences: 403, nothing written.
    auto other = events().rate(walnut, event.id, melons.id, li.id, Rating::no_thanks, "");
    ASSERT_FALSE(other);
    EXPECT_EQ(other.error().code, ErrorCode::permission_denied);
    EXPECT_EQ(events().rate(market, event.id, li.id, walnuts.id, Rating::no_thanks, "").error().code, ErrorCode::permission_denied);
    // The same side, or a participant of another event: refused by field.
    EXPECT_EQ(events().rate(canteen, event.id, li.id, wang.id, Rating::meet, "").error().fields.at(0).code, ProblemCode::wrong_kind);
    EXPECT_EQ(events().rate(canteen, event.id, li.id, "nope", Rating::meet, "").error().fields.at(0).field, "counterpart_id");
    // Both sides' ratings land on one pair.
    EXPECT_EQ(count_rows("fair_preferences"), 1);
    auto mine = must(events().ratings(canteen, event.id, li.id));
    ASSERT_EQ(mine.size(), 1u);
    EXPECT_EQ(mine[0].rating, Rating::must_meet);
    EXPECT_EQ(mine[0].note, "canteens need walnuts");
    // Another buyer's user reads neither its ratings nor its recommendations; an auditor reads both.
    EXPECT_EQ(events().ratings(market, event.id, li.id).error().code, ErrorCode::permission_denied);
    EXPECT_EQ(events().recommendations(market, event.id, li.id).error().code, ErrorCode::permission_denied);
    EXPECT_EQ(events().ratings(walnut, event.id, li.id).error().code, ErrorCode::permission_denied);
    EXPECT_EQ(must(events().ratings(auditor, event.id, li.id)).size(), 1u);
    // Clearing a rating ("none") takes it off the list.
    must(events().rate(canteen, event.id, li.id, walnuts.id, Rating::none, ""));
    EXPECT_TRUE(must(events().ratings(canteen, event.id, li.id)).empty());
}

TEST_P(FairPreferencesTest, RecommendationsComeFromOpenDemands) {
    // The market has an open demand for the walnut exhibitor's product (the market's one
    // representative, Wang: the canteen sends two).
    must(db().write([&](store::Tx& tx) -> Result<void> {
        KL_TRY(tx.execute("INSERT INTO market_demands (id, org_id, product_id, min_grade_rank, quantity_g, max_price_fen_per_kg, "
                          "deliver_by, district_code, min_shelf_life_days, status, created_at_ms, updated_at_ms) "
                          "VALUES ($1, $2, $3, 1, 1000000, 6000, '2026-11-01', 'minhang', 30, 'open', 0, 0)",
                          {stack().ids.next(), market_org, walnut_product}));
        return ok();
    }));
    auto for_wang = must(events().recommendations(market, event.id, wang.id));
    ASSERT_EQ(for_wang.size(), 1u);  // the melon exhibitor has nothing the market asked for
    EXPECT_EQ(for_wang[0].counterpart_id, walnuts.id);
    EXPECT_EQ(for_wang[0].recommendation.reasons.at(0).code, ReasonCode::open_demand_product);
    EXPECT_EQ(for_wang[0].recommendation.score, 4);  // 4 points of 10, scaled to the default maximum 10
    auto for_walnuts = must(events().recommendations(walnut, event.id, walnuts.id));
    ASSERT_EQ(for_walnuts.size(), 1u);
    EXPECT_EQ(for_walnuts[0].counterpart_id, wang.id);
    // Once a side has rated the pair, it is no longer recommended to that side.
    must(events().rate(market, event.id, wang.id, walnuts.id, Rating::meet, ""));
    EXPECT_TRUE(must(events().recommendations(market, event.id, wang.id)).empty());
    EXPECT_EQ(must(events().recommendations(walnut, event.id, walnuts.id)).size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, FairPreferencesTest, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::fair
