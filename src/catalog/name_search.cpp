#include "catalog/name_search.h"

#include "core/identifier.h"

namespace kl::catalog {

void check_name_search(const store::ListWindow& window, FieldErrors& errors) {
    if (window.q) errors.check_text("q", *window.q, 0, search_text_chars_max);
}

void add_name_window(store::SqlQuery& query, const store::ListWindow& window, const NamedColumns& columns) {
    store::ListWindow normalised = window;
    if (normalised.q) normalised.q = kl::nfkc_text(*normalised.q);
    store::add_window(query, normalised,
                      {{columns.name_zh, columns.name_en, columns.code}, columns.created_at_ms, store::DateStored::epoch_ms});
}

}  // namespace kl::catalog
