#include "core/money.h"

#include <gtest/gtest.h>

#include <limits>

namespace kl {
namespace {

TEST(Money, ParsesPlainGroupedAndSignedAmounts) {
    EXPECT_EQ(Money::parse("1234")->fen, 123400);
    EXPECT_EQ(Money::parse("1234.5")->fen, 123450);
    EXPECT_EQ(Money::parse("1,234.56")->fen, 123456);
    EXPECT_EQ(Money::parse("¥1,234.56")->fen, 123456);
    EXPECT_EQ(Money::parse("-3.10")->fen, -310);
    EXPECT_EQ(Money::parse("0.01")->fen, 1);
}

TEST(Money, RefusesFractionsOfAFenAndGarbage) {
    EXPECT_FALSE(Money::parse("1.234"));
    EXPECT_FALSE(Money::parse(""));
    EXPECT_FALSE(Money::parse("abc"));
    EXPECT_FALSE(Money::parse("1.2.3"));
    EXPECT_FALSE(Money::parse("1e5"));
    EXPECT_FALSE(Money::parse("'; DROP TABLE users; --"));
    auto overflow = Money::parse("999999999999999999999");
    ASSERT_FALSE(overflow);
    EXPECT_EQ(overflow.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(overflow.error().fields.at(0).field, "amount");
}

TEST(Money, FormatsTheChineseWay) {
    EXPECT_EQ(Money{123456}.format(), "¥1,234.56");
    EXPECT_EQ(Money{-310}.format(), "-¥3.10");
    EXPECT_EQ(Money{5}.format(), "¥0.05");
    EXPECT_EQ(Money{100000000}.format(), "¥1,000,000.00");
    // Two and five digits of yuan (a count of digits that leaves 2 over threes).
    EXPECT_EQ(Money{7500}.format(), "¥75.00");
    EXPECT_EQ(Money{1234500}.format(), "¥12,345.00");
    EXPECT_EQ(Money{-12345678900}.format(), "-¥123,456,789.00");
    EXPECT_EQ(Money{123456}.format_plain(), "1234.56");
    EXPECT_EQ(Money{999999}.format_chinese_units(), "¥9,999.99");
    EXPECT_EQ(Money::from_yuan(25000000).format_chinese_units(), "¥2500.00万");
    EXPECT_EQ(Money::from_yuan(560000000).format_chinese_units(), "¥5.60亿");
    EXPECT_EQ(Money::from_yuan(12345).format_chinese_units(), "¥1.23万");
}

TEST(Money, FormatsTheMostNegativeValueWithoutOverflow) {
    const Money lowest{std::numeric_limits<int64_t>::min()};
    EXPECT_EQ(lowest.format_plain(), "-92233720368547758.08");
}

TEST(Money, RoundTripsThroughPlainFormat) {
    for (int64_t fen : {0LL, 1LL, 99LL, 100LL, 123456789LL, -42LL}) {
        EXPECT_EQ(Money::parse(Money{fen}.format_plain())->fen, fen) << fen;
    }
}

TEST(CheckedArithmetic, ReportsOverflow) {
    int64_t out = 0;
    EXPECT_TRUE(checked_add(1, 2, out));
    EXPECT_EQ(out, 3);
    EXPECT_FALSE(checked_add(std::numeric_limits<int64_t>::max(), 1, out));
    EXPECT_FALSE(checked_mul(std::numeric_limits<int64_t>::max() / 2, 3, out));
}

}  // namespace
}  // namespace kl
