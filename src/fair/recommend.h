#pragma once
// Recommendations (issue 15 item 3): where a side of a pair said nothing, the scheduler counts the
// pair's recommendation score instead (meeting_schedule.h). The score is a clear function of facts
// the platform holds, read by the repo (recommend_facts) and explained as reasons, each a stable code
// with parameters that the console words in zh/en ("buys walnuts for 12 canteens; exhibitor has 3
// certified walnut products"):
//
//   open_demand_product   {count}        the buyer's open demands naming one of the exhibitor's products   +4
//   open_demand_category  {count, category}  … asking for a category the exhibitor's products are in     +2
//   ordered_product       {count}        exhibitor products the buyer has ordered before                  +3
//   ordered_category      {count, category}  categories of the exhibitor's products the buyer ordered      +1
//   certified_products    {count}        the exhibitor's products certified for consumption aid today     +1 (only with some interest above)
//   channel_match         {channel}      a product's brand standard sells through the buyer's channel     +1
//   already_trading       {orders}       the two already trade (orders not cancelled)                     −3
//
// The points are summed, kept within 0..recommendation_points_max and scaled to the event's
// recommendation_max (integer division), so a recommendation never outweighs a stated `meet`.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/enum_names.h"
#include "core/problem_code.h"

namespace kl::fair {

enum class ReasonCode {
    open_demand_product,
    open_demand_category,
    ordered_product,
    ordered_category,
    certified_products,
    channel_match,
    already_trading
};
constexpr auto enum_table(ReasonCode) {
    using enum ReasonCode;
    return enum_table_of<ReasonCode>({{open_demand_product, "open_demand_product"},
                                      {open_demand_category, "open_demand_category"},
                                      {ordered_product, "ordered_product"},
                                      {ordered_category, "ordered_category"},
                                      {certified_products, "certified_products"},
                                      {channel_match, "channel_match"},
                                      {already_trading, "already_trading"}});
}

inline constexpr int64_t recommendation_points_max = 10;

// What the platform knows about one exhibitor–buyer pair.
struct PairFacts {
    int64_t demands_for_products = 0;      // open demands naming one of the exhibitor's products
    int64_t demands_for_categories = 0;    // open demands for a category (or its parent) of those products
    std::string demand_category;           // the first such category's id (for the reason's words)
    int64_t ordered_products = 0;          // distinct exhibitor products the buyer ordered
    int64_t ordered_categories = 0;        // distinct categories of those products the buyer ordered (other products)
    std::string ordered_category;          // the first such category's id
    int64_t certified_products = 0;        // the exhibitor's products certified today
    std::optional<std::string> channel;    // the order channel both share (the buyer's, in a product's brand standard)
    int64_t orders_between = 0;            // orders between the two organisations, not cancelled
};

struct RecommendationReason {
    ReasonCode code = ReasonCode::open_demand_product;
    ProblemParams params;
};

struct Recommendation {
    int64_t score = 0;   // 0..recommendation_max
    int64_t points = 0;  // before scaling, 0..recommendation_points_max
    std::vector<RecommendationReason> reasons;
};

Recommendation recommend(const PairFacts& facts, int64_t recommendation_max);

}  // namespace kl::fair
