#pragma once
// The one name search of the catalog's lists (organisations, products): the window's q is checked
// (at most search_text_chars_max characters), NFKC-normalised (full-width Ｌ１ finds L1; Chinese
// unchanged) and found, in any case, in a row's Chinese name, English name or code; from/to date the
// row's creation (Beijing days) and the window's order is the page's.

#include <cstddef>
#include <string>

#include "core/field_errors.h"
#include "store/list_window.h"
#include "store/sql.h"

namespace kl::catalog {

inline constexpr size_t search_text_chars_max = 100;

// The SQL columns a list's rows are named by, and the epoch-ms column of their creation.
struct NamedColumns {
    std::string name_zh, name_en, code, created_at_ms;
};

// Adds an error naming `q` to `errors` when the window's q is too long.
void check_name_search(const store::ListWindow& window, FieldErrors& errors);
// Adds the window's search (q normalised) and date range over `columns` to `query`.
void add_name_window(store::SqlQuery& query, const store::ListWindow& window, const NamedColumns& columns);

}  // namespace kl::catalog
