#include "store/list_window.h"

#include "core/assert.h"
#include "core/clock.h"

namespace kl::store {

namespace {
constexpr int64_t day_ms = 24LL * 3600 * 1000;
}

int64_t shanghai_day_start_ms(kl::Date date) { return date.days * day_ms - kl::shanghai_offset_ms; }

std::string window_condition(SqlQuery& query, const ListWindow& window, const WindowColumns& columns) {
    std::vector<std::string> parts;
    if (window.q && !window.q->empty()) {
        KL_ASSERT(!columns.searched.empty());  // a list that takes q names what it searches
        const std::string pattern = query.bind(contains_pattern(*window.q));
        std::string any;
        for (const auto& column : columns.searched) {
            any += (any.empty() ? "" : " OR ") + like_condition("COALESCE(" + column + ", '')", pattern);
        }
        parts.push_back("(" + any + ")");
    }
    if (window.from || window.to) {
        KL_ASSERT(!columns.date.empty());  // a list that takes from/to names its date
        if (columns.date_stored == DateStored::text_date) {
            if (window.from) parts.push_back(columns.date + " >= " + query.bind(kl::format_date(*window.from)));
            if (window.to) parts.push_back(columns.date + " <= " + query.bind(kl::format_date(*window.to)));
        } else {
            // A Shanghai day runs from its midnight (16:00 UTC the day before) to the next, exclusive.
            if (window.from) parts.push_back(columns.date + " >= " + query.bind(shanghai_day_start_ms(*window.from)));
            if (window.to) parts.push_back(columns.date + " < " + query.bind(shanghai_day_start_ms(kl::add_days(*window.to, 1))));
        }
    }
    std::string out;
    for (const auto& part : parts) out += (out.empty() ? "" : " AND ") + part;
    return out;
}

void add_window(SqlQuery& query, const ListWindow& window, const WindowColumns& columns) {
    const std::string condition = window_condition(query, window, columns);
    if (!condition.empty()) query.where_text(condition);
}

}  // namespace kl::store
