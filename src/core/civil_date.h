#pragma once
// Calendar dates (no time of day) for certificates, notice periods and "certified on" questions.
// A Date is a day number (days since 1970-01-01 in the proleptic Gregorian calendar) so that adding
// days and comparing are integer operations; it is written and stored as "YYYY-MM-DD", which also
// sorts correctly as text in SQL. "Today" is the date in Asia/Shanghai, the programme's time zone.

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"

namespace kl {

// Dates outside these years are refused: nothing in the programme is dated before 2000 or after
// 2199, and the bound keeps "YYYY" four digits wide so text order is date order.
inline constexpr int date_year_min = 2000;
inline constexpr int date_year_max = 2199;

struct Date {
    int64_t days = 0;  // days since 1970-01-01

    auto operator<=>(const Date&) const = default;
};

// Strict "YYYY-MM-DD" with a real calendar day (2025-02-29 is refused). Errors are invalid_argument
// naming `field`.
Result<Date> parse_date(std::string_view text, const std::string& field);
std::string format_date(Date date);

// Howard Hinnant's civil-date algorithms, exact for the proleptic Gregorian calendar; the one copy
// that dates (here) and timestamps (core/clock.h) share.
struct CivilDay {
    int64_t year;
    unsigned month;
    unsigned day;
};
int64_t days_from_civil(int64_t year, unsigned month, unsigned day);
CivilDay civil_from_days(int64_t days);
bool is_leap(int64_t year);
unsigned days_in_month(int64_t year, unsigned month);

Date date_from_civil(int year, unsigned month, unsigned day);
Date add_days(Date date, int64_t days);
inline int64_t days_between(Date from, Date to) { return to.days - from.days; }

// The calendar date in Asia/Shanghai at `epoch_ms` (UTC+8, no daylight saving).
Date shanghai_date(int64_t epoch_ms);
inline Date today_in_shanghai(const Clock& clock) { return shanghai_date(clock.now_ms()); }

}  // namespace kl
