#include "store/list_window.h"

#include "core/assert.h"
#include "core/clock.h"

namespace kl::store {

namespace {
constexpr int64_t day_ms = 24LL * 3600 * 1000;
}

int64_t shanghai_day_start_ms(kl::Date date) { return date.days * day_ms - kl::shanghai_offset_ms; }

std::string search_condition(SqlQuery& query, const std::optional<std::string>& q, const std::vector<std::string>& searched) {
    if (!q || q->empty()) return "";
    KL_ASSERT(!searched.empty());  // a list that takes q names what it searches
    const std::string pattern = query.bind(contains_pattern(*q));
    std::string any;
    for (const auto& column : searched) any += (any.empty() ? "" : " OR ") + like_condition("COALESCE(" + column + ", '')", pattern);
    return "(" + any + ")";
}

namespace {

std::vector<std::string> date_range_parts(SqlQuery& query, const ListWindow& window, const std::string& date,
                                          DateStored date_stored) {
    std::vector<std::string> parts;
    if (!window.from && !window.to) return parts;
    KL_ASSERT(!date.empty());  // a list that takes from/to names its date
    if (date_stored == DateStored::text_date) {
        if (window.from) parts.push_back(date + " >= " + query.bind(kl::format_date(*window.from)));
        if (window.to) parts.push_back(date + " <= " + query.bind(kl::format_date(*window.to)));
    } else {
        // A Shanghai day runs from its midnight (16:00 UTC the day before) to the next, exclusive.
        if (window.from) parts.push_back(date + " >= " + query.bind(shanghai_day_start_ms(*window.from)));
        if (window.to) parts.push_back(date + " < " + query.bind(shanghai_day_start_ms(kl::add_days(*window.to, 1))));
    }
    return parts;
}

}  // namespace

void add_date_range(SqlQuery& query, const ListWindow& window, const std::string& date, DateStored date_stored) {
    for (const auto& part : date_range_parts(query, window, date, date_stored)) query.where_text(part);
}

std::string window_condition(SqlQuery& query, const ListWindow& window, const WindowColumns& columns) {
    std::vector<std::string> parts;
    if (std::string any = search_condition(query, window.q, columns.searched); !any.empty()) parts.push_back(std::move(any));
    for (auto& part : date_range_parts(query, window, columns.date, columns.date_stored)) parts.push_back(std::move(part));
    std::string out;
    for (const auto& part : parts) out += (out.empty() ? "" : " AND ") + part;
    return out;
}

void add_window(SqlQuery& query, const ListWindow& window, const WindowColumns& columns) {
    const std::string condition = window_condition(query, window, columns);
    if (!condition.empty()) query.where_text(condition);
}

}  // namespace kl::store
