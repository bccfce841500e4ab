// Calendar dates: strict parsing, day arithmetic, and "today" in Asia/Shanghai.
#include "core/civil_date.h"

#include <gtest/gtest.h>

namespace kl::catalog {
namespace {

TEST(CivilDate, ParsesAndFormatsRealDates) {
    for (const char* text : {"2000-01-01", "2024-02-29", "2025-12-31", "2199-12-31"}) {
        auto date = parse_date(text, "valid_from");
        ASSERT_TRUE(date.has_value()) << text;
        EXPECT_EQ(format_date(*date), text);
    }
    EXPECT_EQ(parse_date("1970-01-01", "d").has_value(), false);  // before date_year_min
    EXPECT_EQ(date_from_civil(1970, 1, 1).days, 0);
    EXPECT_EQ(date_from_civil(2024, 3, 1).days - date_from_civil(2024, 2, 28).days, 2);
}

TEST(CivilDate, RefusesAnythingElseNamingTheField) {
    for (const char* text : {"", "2025-02-29", "2100-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "2024-1-01",
                             "2024/01/01", "20240101", "2024-01-01T00:00:00Z", "1999-12-31", "2200-01-01",
                             " 2024-01-01", "２０２４-01-01"}) {
        auto date = parse_date(text, "valid_to");
        ASSERT_FALSE(date.has_value()) << text;
        EXPECT_EQ(date.error().code, ErrorCode::invalid_argument);
        EXPECT_EQ(date.error().fields.at(0).field, "valid_to");
    }
}

TEST(CivilDate, AddsDaysAcrossMonthsAndYears) {
    EXPECT_EQ(format_date(add_days(date_from_civil(2024, 12, 25), 10)), "2025-01-04");
    EXPECT_EQ(format_date(add_days(date_from_civil(2024, 2, 20), 10)), "2024-03-01");
    EXPECT_EQ(format_date(add_days(date_from_civil(2025, 3, 1), -1)), "2025-02-28");
    EXPECT_EQ(days_between(date_from_civil(2024, 1, 1), date_from_civil(2025, 1, 1)), 366);
}

TEST(CivilDate, TodayIsTheShanghaiDate) {
    // 2026-09-21T15:59:59Z is 23:59:59 in Shanghai; a second later it is the 22nd there.
    int64_t before_midnight = 0;
    ASSERT_TRUE(parse_utc_iso8601("2026-09-21T15:59:59Z", before_midnight));
    EXPECT_EQ(format_date(shanghai_date(before_midnight)), "2026-09-21");
    EXPECT_EQ(format_date(shanghai_date(before_midnight + 1000)), "2026-09-22");
    ManualClock clock(before_midnight);
    EXPECT_EQ(format_date(today_in_shanghai(clock)), "2026-09-21");
}

}  // namespace
}  // namespace kl::catalog
