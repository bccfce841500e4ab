#include "fair/recommend.h"

#include <algorithm>

namespace kl::fair {

namespace {

constexpr int64_t demand_product_points = 4;
constexpr int64_t demand_category_points = 2;
constexpr int64_t ordered_product_points = 3;
constexpr int64_t ordered_category_points = 1;
constexpr int64_t certified_points = 1;
constexpr int64_t channel_points = 1;
constexpr int64_t already_trading_points = -3;

}  // namespace

Recommendation recommend(const PairFacts& facts, int64_t recommendation_max) {
    Recommendation out;
    int64_t points = 0;
    auto add = [&](int64_t gained, ReasonCode code, ProblemParams params) {
        points += gained;
        out.reasons.push_back(RecommendationReason{code, std::move(params)});
    };
    if (facts.demands_for_products > 0) {
        add(demand_product_points, ReasonCode::open_demand_product, {{"count", facts.demands_for_products}});
    }
    if (facts.demands_for_categories > 0) {
        add(demand_category_points, ReasonCode::open_demand_category,
            {{"count", facts.demands_for_categories}, {"category", facts.demand_category}});
    }
    if (facts.ordered_products > 0) add(ordered_product_points, ReasonCode::ordered_product, {{"count", facts.ordered_products}});
    if (facts.ordered_categories > 0) {
        add(ordered_category_points, ReasonCode::ordered_category,
            {{"count", facts.ordered_categories}, {"category", facts.ordered_category}});
    }
    // Certification makes an interest likelier to become an aid purchase; alone it is no interest.
    const bool interested = points > 0;
    if (interested && facts.certified_products > 0) {
        add(certified_points, ReasonCode::certified_products, {{"count", facts.certified_products}});
    }
    if (facts.channel) add(channel_points, ReasonCode::channel_match, {{"channel", *facts.channel}});
    // A pair that already trades needs the event least: the meeting goes to a new pair first.
    if (facts.orders_between > 0) add(already_trading_points, ReasonCode::already_trading, {{"orders", facts.orders_between}});
    out.points = std::clamp<int64_t>(points, 0, recommendation_points_max);
    out.score = out.points * recommendation_max / recommendation_points_max;
    return out;
}

}  // namespace kl::fair
