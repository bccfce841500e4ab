#include <gtest/gtest.h>

#include <set>

#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"

namespace kl {
namespace {

TEST(Clock, FormatsAndParsesIso8601) {
    EXPECT_EQ(format_utc_iso8601(0), "1970-01-01T00:00:00.000Z");
    EXPECT_EQ(format_utc_iso8601(1732425751123), "2024-11-24T05:22:31.123Z");
    int64_t ms = 0;
    ASSERT_TRUE(parse_utc_iso8601("2024-11-24T05:22:31.123Z", ms));
    EXPECT_EQ(ms, 1732425751123);
    ASSERT_TRUE(parse_utc_iso8601("2024-02-29", ms));
    EXPECT_EQ(format_utc_iso8601(ms), "2024-02-29T00:00:00.000Z");
}

TEST(Clock, RefusesImpossibleDates) {
    int64_t ms = 0;
    EXPECT_FALSE(parse_utc_iso8601("2023-02-29", ms));
    EXPECT_FALSE(parse_utc_iso8601("2024-13-01", ms));
    EXPECT_FALSE(parse_utc_iso8601("2024-11-24T25:00:00Z", ms));
    EXPECT_FALSE(parse_utc_iso8601("2024-11-24T05:22:31+08:00", ms));
    EXPECT_FALSE(parse_utc_iso8601("yesterday", ms));
    EXPECT_FALSE(parse_utc_iso8601("", ms));
}

TEST(ManualClock, AdvancesOnlyWhenTold) {
    ManualClock clock(1000);
    EXPECT_EQ(clock.now_ms(), 1000);
    clock.advance_ms(500);
    EXPECT_EQ(clock.now_ms(), 1500);
}

TEST(UuidV7, IsWellFormedUniqueAndTimeOrdered) {
    ManualClock clock(1732425751123);
    UuidV7Generator ids(clock);
    std::set<std::string> seen;
    std::string previous;
    for (int i = 0; i < 1000; ++i) {
        if (i % 100 == 0) clock.advance_ms(1);
        const std::string id = ids.next();
        EXPECT_TRUE(is_uuid(id)) << id;
        EXPECT_EQ(id[14], '7');
        EXPECT_TRUE(seen.insert(id).second);
        if (i % 100 == 0) {
            EXPECT_GT(id.substr(0, 13), previous.substr(0, previous.empty() ? 0 : 13));
        }
        previous = id;
    }
    EXPECT_FALSE(is_uuid("not-a-uuid"));
    EXPECT_FALSE(is_uuid("0192ABCD-0000-7000-8000-000000000000"));
}

TEST(RandomHex, HasTheAskedLength) {
    EXPECT_EQ(random_hex(32).size(), 64u);
    EXPECT_NE(random_hex(16), random_hex(16));
}

Result<int> half(int value) {
    if (value % 2 != 0) return fail_field("value", ProblemCode::invalid_value, "odd");
    return value / 2;
}

Result<int> quarter(int value) {
    KL_TRY_ASSIGN(int halved, half(value));
    KL_TRY_ASSIGN(int quartered, half(halved));
    return quartered;
}

TEST(Result, PropagatesTheFirstError) {
    EXPECT_EQ(*quarter(8), 2);
    auto odd = quarter(6);
    ASSERT_FALSE(odd);
    EXPECT_EQ(odd.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(odd.error().fields.at(0).field, "value");
}

}  // namespace
}  // namespace kl
