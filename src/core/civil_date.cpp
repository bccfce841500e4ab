#include "core/civil_date.h"

#include <cstdio>

namespace kl {

// Howard Hinnant's days_from_civil / civil_from_days: exact for every Gregorian date.
int64_t days_from_civil(int64_t year, unsigned month, unsigned day) {
    year -= month <= 2 ? 1 : 0;
    const int64_t era = (year >= 0 ? year : year - 399) / 400;
    const auto year_of_era = static_cast<unsigned>(year - era * 400);
    const unsigned day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + static_cast<int64_t>(day_of_era) - 719468;
}

CivilDay civil_from_days(int64_t days) {
    days += 719468;
    const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto day_of_era = static_cast<unsigned>(days - era * 146097);
    const unsigned year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const unsigned day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const unsigned mp = (5 * day_of_year + 2) / 153;
    const unsigned day = day_of_year - (153 * mp + 2) / 5 + 1;
    const unsigned month = mp < 10 ? mp + 3 : mp - 9;
    const int64_t year = static_cast<int64_t>(year_of_era) + era * 400 + (month <= 2 ? 1 : 0);
    return CivilDay{year, month, day};
}

bool is_leap(int64_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

unsigned days_in_month(int64_t year, unsigned month) {
    static constexpr unsigned lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : lengths[month - 1];
}

namespace {

// Reads exactly `count` ASCII digits starting at `at`; false if any is not a digit.
bool read_digits(std::string_view text, size_t at, size_t count, unsigned& out) {
    out = 0;
    for (size_t i = at; i < at + count; ++i) {
        if (text[i] < '0' || text[i] > '9') return false;
        out = out * 10 + static_cast<unsigned>(text[i] - '0');
    }
    return true;
}

}  // namespace

Result<Date> parse_date(std::string_view text, const std::string& field) {
    unsigned year = 0;
    unsigned month = 0;
    unsigned day = 0;
    const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' && read_digits(text, 0, 4, year) &&
                        read_digits(text, 5, 2, month) && read_digits(text, 8, 2, day);
    if (!shaped) return fail_field(field, ProblemCode::not_a_date, "must be a date written YYYY-MM-DD");
    if (year < static_cast<unsigned>(date_year_min) || year > static_cast<unsigned>(date_year_max)) {
        return fail_field(field, ProblemCode::not_a_date, "must be a date between " + std::to_string(date_year_min) + " and " +
                                     std::to_string(date_year_max));
    }
    if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) {
        return fail_field(field, ProblemCode::not_a_date, "is not a calendar date: " + std::string(text));
    }
    return date_from_civil(static_cast<int>(year), month, day);
}

std::string format_date(Date date) {
    const CivilDay civil = civil_from_days(date.days);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02u", static_cast<long long>(civil.year), civil.month, civil.day);
    return buffer;
}

Date date_from_civil(int year, unsigned month, unsigned day) {
    KL_ASSERT(month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month));
    return Date{days_from_civil(year, month, day)};
}

Date add_days(Date date, int64_t days) { return Date{date.days + days}; }

Date shanghai_date(int64_t epoch_ms) {
    const int64_t local_ms = epoch_ms + shanghai_offset_ms;
    // Floor division: instants before 1970 belong to the earlier day.
    int64_t days = local_ms / ms_per_day;
    if (local_ms % ms_per_day < 0) --days;
    return Date{days};
}

}  // namespace kl
