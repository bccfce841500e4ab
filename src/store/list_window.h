#pragma once
// The window every list shows beside its own filters, as SQL: a search over the columns that name a
// row (any of them contains the text, any case), a date range over the row's date (either end open)
// and creation order, oldest or newest first (store/page.h: keyset pages by id either way). The
// HTTP layer reads it off the query (http/routes/route_kit.h read_list_window); a repo says which of
// its columns are searched and which is the row's date, and adds the window to its SqlQuery:
//
//     store::add_window(query, filter.window, {{"p.name_zh", "p.name_en", "o.name"}, "x.created_at_ms", store::DateStored::epoch_ms});
//     KL_TRY_ASSIGN(auto rows, tx.query(select + " WHERE " + query.page("x.id", after, limit, filter.window.order), query.params()));

#include <optional>
#include <string>
#include <vector>

#include "core/civil_date.h"
#include "store/page.h"
#include "store/sql.h"

namespace kl::store {

struct ListWindow {
    std::optional<std::string> q;   // text searched (list_search_chars_max at the edge)
    std::optional<kl::Date> from;   // first date, inclusive
    std::optional<kl::Date> to;     // last date, inclusive
    PageOrder order = PageOrder::oldest_first;

    bool operator==(const ListWindow&) const = default;
};

// No search and no dates, newest first: the window of the lists that have always been newest first.
inline ListWindow newest_first_window() {
    ListWindow window;
    window.order = PageOrder::newest_first;
    return window;
}

// How a row's date is stored: YYYY-MM-DD text (text order is date order on both back ends) or UTC
// epoch milliseconds, whose date is the Asia/Shanghai day (UTC+8) the programme lives in.
enum class DateStored { text_date, epoch_ms };

struct WindowColumns {
    std::vector<std::string> searched;  // SQL expressions of text; a NULL one matches nothing
    std::string date;                   // the row's date expression
    DateStored date_stored = DateStored::text_date;
};

// The first UTC millisecond of the Shanghai day `date`.
int64_t shanghai_day_start_ms(kl::Date date);

// The window's search and date range as one condition, its parameters bound on `query` ("" when the
// window has neither); its order is the page's (SqlQuery::page).
std::string window_condition(SqlQuery& query, const ListWindow& window, const WindowColumns& columns);
// Adds window_condition to `query`'s conditions.
void add_window(SqlQuery& query, const ListWindow& window, const WindowColumns& columns);

// The halves of a window, for a list that searches other tables than it dates (inside an EXISTS of
// its own): "(any of `searched` contains q)" ("" without q), and the date range added to `query`.
std::string search_condition(SqlQuery& query, const std::optional<std::string>& q, const std::vector<std::string>& searched);
void add_date_range(SqlQuery& query, const ListWindow& window, const std::string& date, DateStored date_stored);

}  // namespace kl::store
