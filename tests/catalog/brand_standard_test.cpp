// The rules of a brand standard, each refusal naming its field path, and graded pricing.
#include "catalog/brand_standard.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "catalog_fixture.h"

namespace kl::catalog {
namespace {

using testing::sample_standard;

std::vector<std::string> fields_of(const Result<void>& result) {
    std::vector<std::string> out;
    if (!result) {
        for (const auto& field : result.error().fields) out.push_back(field.field);
    }
    return out;
}

bool names(const Result<void>& result, const std::string& field) {
    const auto fields = fields_of(result);
    return std::find(fields.begin(), fields.end(), field) != fields.end();
}

TEST(BrandStandard, TheSampleIsValid) {
    auto checked = validate_standard(sample_standard());
    EXPECT_TRUE(checked.has_value()) << checked.error().message;
}

struct Case {
    const char* field;
    std::function<void(BrandStandard&)> spoil;
};

TEST(BrandStandard, EachRuleNamesItsField) {
    const std::vector<Case> cases = {
        {"standard/grades", [](BrandStandard& s) { s.grades.clear(); }},
        {"standard/grades/1/code", [](BrandStandard& s) { s.grades[1].code = "A"; }},
        {"standard/grades/0/code", [](BrandStandard& s) { s.grades[0].code = " A"; }},
        {"standard/grades/0/code", [](BrandStandard& s) { s.grades[0].code = std::string(17, 'x'); }},
        {"standard/grades/0/name_zh", [](BrandStandard& s) { s.grades[0].name_zh.clear(); }},
        {"standard/grades/1/rank", [](BrandStandard& s) { s.grades[1].rank = 1; }},
        {"standard/grades/0/rank", [](BrandStandard& s) { s.grades[0].rank = 0; }},
        {"standard/grades/1/criteria/0/max", [](BrandStandard& s) { s.grades[1].criteria[0].max = 100; }},
        {"standard/grades/0/criteria/1/min", [](BrandStandard& s) { s.grades[0].criteria[1].min = -1; }},
        {"standard/grades/0/criteria/1/min", [](BrandStandard& s) { s.grades[0].criteria[1].min.reset(); }},
        {"standard/grades/0/criteria/1/metric",
         [](BrandStandard& s) { s.grades[0].criteria[1].metric = Metric::fruit_weight_g; }},
        {"standard/packaging/net_weight_g", [](BrandStandard& s) { s.packaging.net_weight_g = 0; }},
        {"standard/packaging/materials/1", [](BrandStandard& s) { s.packaging.materials[1] = ""; }},
        {"standard/storage/temperature_max_c_x10", [](BrandStandard& s) { s.storage.temperature_max_c_x10 = -20; }},
        {"standard/storage/temperature_min_c_x10", [](BrandStandard& s) { s.storage.temperature_min_c_x10 = -401; }},
        {"standard/storage/humidity_max_pct", [](BrandStandard& s) { s.storage.humidity_max_pct = 101; }},
        {"standard/storage/humidity_max_pct", [](BrandStandard& s) { s.storage.humidity_max_pct = 80; }},
        {"standard/storage/shelf_life_days", [](BrandStandard& s) { s.storage.shelf_life_days = 0; }},
        {"standard/channels", [](BrandStandard& s) { s.channels.clear(); }},
        {"standard/channels/2", [](BrandStandard& s) { s.channels[2] = SalesChannel::wholesale; }},
        {"standard/pricing/list_prices", [](BrandStandard& s) { s.pricing.list_prices.pop_back(); }},
        {"standard/pricing/list_prices/1/grade", [](BrandStandard& s) { s.pricing.list_prices[1].grade = "C"; }},
        {"standard/pricing/list_prices/0/price_fen", [](BrandStandard& s) { s.pricing.list_prices[0].price_fen = 0; }},
        {"standard/pricing/min_order_quantity", [](BrandStandard& s) { s.pricing.min_order_quantity = 0; }},
        {"standard/pricing/tiers/0/min_quantity", [](BrandStandard& s) { s.pricing.tiers[0].min_quantity = 10; }},
        {"standard/pricing/tiers/1/min_quantity", [](BrandStandard& s) { s.pricing.tiers[1].min_quantity = 50; }},
        {"standard/pricing/tiers/0/prices/1/price_fen",
         [](BrandStandard& s) { s.pricing.tiers[0].prices[1].price_fen = 9900; }},
        {"standard/pricing/tiers/1/prices/0/price_fen",
         [](BrandStandard& s) { s.pricing.tiers[1].prices[0].price_fen = 12500; }},
        {"standard/pricing/tiers/0/prices/1/grade", [](BrandStandard& s) { s.pricing.tiers[0].prices[1].grade = "A"; }},
        {"standard/pricing/tiers/1/prices", [](BrandStandard& s) { s.pricing.tiers[1].prices.clear(); }},
    };
    for (const auto& spoiled : cases) {
        BrandStandard standard = sample_standard();
        spoiled.spoil(standard);
        auto checked = validate_standard(standard);
        ASSERT_FALSE(checked.has_value()) << spoiled.field;
        EXPECT_EQ(checked.error().code, ErrorCode::invalid_argument);
        EXPECT_TRUE(names(checked, spoiled.field)) << spoiled.field << " not in: " << checked.error().message;
    }
}

TEST(BrandStandard, EveryProblemIsReportedAtOnce) {
    BrandStandard standard = sample_standard();
    standard.grades[0].name_zh.clear();
    standard.storage.shelf_life_days = 0;
    standard.channels.clear();
    auto checked = validate_standard(standard, "x/");
    ASSERT_FALSE(checked.has_value());
    EXPECT_EQ(fields_of(checked),
              (std::vector<std::string>{"x/grades/0/name_zh", "x/storage/shelf_life_days", "x/channels"}));
}

TEST(BrandStandard, LimitsAreEnforced) {
    BrandStandard standard = sample_standard();
    standard.grades.resize(grades_max + 1, standard.grades[1]);
    EXPECT_TRUE(names(validate_standard(standard), "standard/grades"));
    standard = sample_standard();
    standard.packaging.materials.assign(materials_max + 1, "paper");
    EXPECT_TRUE(names(validate_standard(standard), "standard/packaging/materials"));
    standard = sample_standard();
    standard.pricing.list_prices[0].price_fen = price_fen_max + 1;
    EXPECT_TRUE(names(validate_standard(standard), "standard/pricing/list_prices/0/price_fen"));
}

TEST(BrandStandard, UnitPriceFollowsTheTiers) {
    const BrandStandard standard = sample_standard();
    EXPECT_EQ(unit_price_fen(standard, "A", 10), 12800);
    EXPECT_EQ(unit_price_fen(standard, "A", 99), 12800);
    EXPECT_EQ(unit_price_fen(standard, "A", 100), 12000);
    EXPECT_EQ(unit_price_fen(standard, "A", 999), 12000);
    EXPECT_EQ(unit_price_fen(standard, "A", 1000), 11000);
    // Grade B has no price in the 1000 tier, so the 100 tier's price holds.
    EXPECT_EQ(unit_price_fen(standard, "B", 5000), 9200);
    EXPECT_EQ(unit_price_fen(standard, "C", 5000), std::nullopt);
    ASSERT_NE(find_grade(standard, "B"), nullptr);
    EXPECT_EQ(find_grade(standard, "B")->rank, 2);
    EXPECT_EQ(find_grade(standard, "b"), nullptr);
}

TEST(SalesChannels, EveryBuyerKindOrdersThroughAChannelOrdersKnow) {
    EXPECT_EQ(sales_channel_of(BuyerChannel::group_dining), SalesChannel::canteen);
    EXPECT_EQ(sales_channel_of(BuyerChannel::budget_unit), SalesChannel::canteen);
    EXPECT_EQ(sales_channel_of(BuyerChannel::supermarket), SalesChannel::supermarket);
    EXPECT_EQ(sales_channel_of(BuyerChannel::fresh_market), SalesChannel::wholesale);
    EXPECT_EQ(sales_channel_of(BuyerChannel::ecommerce), SalesChannel::ecommerce);
    EXPECT_EQ(sales_channel_of(BuyerChannel::vending_counter), SalesChannel::vending_counter);
}

}  // namespace
}  // namespace kl::catalog
