// The recommendation score (issue 15 item 3): a pure function of a pair's facts, each point explained
// by a reason code with parameters.
#include <gtest/gtest.h>

#include "fair/recommend.h"

namespace kl::fair {
namespace {

std::vector<ReasonCode> codes(const Recommendation& r) {
    std::vector<ReasonCode> out;
    for (const auto& reason : r.reasons) out.push_back(reason.code);
    return out;
}

TEST(Recommend, NothingKnownScoresZero) {
    const Recommendation r = recommend(PairFacts{}, 10);
    EXPECT_EQ(r.score, 0);
    EXPECT_TRUE(r.reasons.empty());
}

TEST(Recommend, DemandsAndOrdersAddUpAndScaleToTheEventsMaximum) {
    PairFacts facts;
    facts.demands_for_products = 2;
    facts.ordered_products = 1;
    facts.certified_products = 3;
    const Recommendation r = recommend(facts, 10);
    EXPECT_EQ(r.points, 4 + 3 + 1);
    EXPECT_EQ(r.score, 8);
    EXPECT_EQ(codes(r), (std::vector<ReasonCode>{ReasonCode::open_demand_product, ReasonCode::ordered_product,
                                                  ReasonCode::certified_products}));
    EXPECT_EQ(std::get<int64_t>(r.reasons[0].params.at(0).value), 2);  // "2 open demands"
    EXPECT_EQ(recommend(facts, 5).score, 4);                            // 8 points of 10 → 4 of 5
}

TEST(Recommend, CertificationAloneIsNoInterest) {
    PairFacts facts;
    facts.certified_products = 5;
    EXPECT_EQ(recommend(facts, 10).score, 0);
    facts.channel = "canteen";
    const Recommendation r = recommend(facts, 10);
    EXPECT_EQ(r.points, 1);
    EXPECT_EQ(codes(r), std::vector<ReasonCode>{ReasonCode::channel_match});
}

TEST(Recommend, APairThatAlreadyTradesScoresLowerNeverBelowZero) {
    PairFacts facts;
    facts.demands_for_categories = 1;
    facts.demand_category = "nuts_dried_fruit";
    facts.ordered_categories = 1;
    facts.ordered_category = "nuts_dried_fruit";
    EXPECT_EQ(recommend(facts, 10).points, 3);
    facts.orders_between = 7;
    const Recommendation r = recommend(facts, 10);
    EXPECT_EQ(r.points, 0);
    EXPECT_EQ(r.reasons.back().code, ReasonCode::already_trading);
    EXPECT_EQ(std::get<int64_t>(r.reasons.back().params.at(0).value), 7);
}

TEST(Recommend, PointsAreCappedAtTen) {
    PairFacts facts;
    facts.demands_for_products = 1;
    facts.demands_for_categories = 1;
    facts.ordered_products = 1;
    facts.ordered_categories = 1;
    facts.certified_products = 1;
    facts.channel = "wholesale";
    EXPECT_EQ(recommend(facts, 10).points, 10);  // 4 + 2 + 3 + 1 + 1 + 1 = 12, capped
    EXPECT_EQ(recommend(facts, 20).score, 20);
}

}  // namespace
}  // namespace kl::fair
