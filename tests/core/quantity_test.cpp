#include "core/quantity.h"

#include <gtest/gtest.h>

namespace kl {
namespace {

TEST(Quantity, ParsesEveryUnit) {
    EXPECT_EQ(Quantity::parse("12.5 kg")->grams, 12500);
    EXPECT_EQ(Quantity::parse("3斤")->grams, 1500);
    EXPECT_EQ(Quantity::parse("3 jin")->grams, 1500);
    EXPECT_EQ(Quantity::parse("2 t")->grams, 2000000);
    EXPECT_EQ(Quantity::parse("750g")->grams, 750);
    EXPECT_EQ(Quantity::parse("750")->grams, 750);
    EXPECT_EQ(Quantity::parse("1.5 公斤")->grams, 1500);
    EXPECT_EQ(Quantity::parse("0.001 t")->grams, 1000);
}

TEST(Quantity, RefusesFractionalGramsAndBadText) {
    EXPECT_FALSE(Quantity::parse("0.5 g"));
    EXPECT_FALSE(Quantity::parse("1.0001 kg"));
    EXPECT_FALSE(Quantity::parse("kg"));
    EXPECT_FALSE(Quantity::parse("12 pounds"));
    EXPECT_FALSE(Quantity::parse("1..2 kg"));
    EXPECT_FALSE(Quantity::parse("99999999999999999 t"));
    auto bad_unit = Quantity::parse("5 oz");
    ASSERT_FALSE(bad_unit);
    EXPECT_EQ(bad_unit.error().fields.at(0).field, "unit");
}

TEST(Quantity, FormatsWithTrimmedDecimals) {
    EXPECT_EQ(Quantity{12500}.format(MassUnit::kg), "12.5 kg");
    EXPECT_EQ(Quantity{1500}.format(MassUnit::jin), "3 jin");
    EXPECT_EQ(Quantity{1750}.format(MassUnit::jin), "3.5 jin");
    EXPECT_EQ(Quantity{2000000}.format(MassUnit::t), "2 t");
    EXPECT_EQ(Quantity{1}.format(MassUnit::kg), "0.001 kg");
    EXPECT_EQ(Quantity{-2500}.format(MassUnit::kg), "-2.5 kg");
    // Below a thousandth of a tonne the display rounds half up.
    EXPECT_EQ(Quantity{1500}.format(MassUnit::t), "0.002 t");
}

TEST(Quantity, RoundTripsInEveryUnitWhenExact) {
    for (auto unit : {MassUnit::g, MassUnit::kg, MassUnit::jin}) {
        for (int64_t grams : {0LL, 1LL, 500LL, 12345LL, 1000000LL}) {
            auto parsed = Quantity::parse(Quantity{grams}.format(unit));
            ASSERT_TRUE(parsed) << grams;
            EXPECT_EQ(parsed->grams, grams);
        }
    }
}

}  // namespace
}  // namespace kl
