#pragma once
// The SQL of listings (offers and demands) inside a caller's transaction, without permission checks:
// one set of functions over a listing kind (listing_kinds.h); each kind's columns and row mapping
// are in listing_repo.cpp. The filter's SQL is listing_sql.h.

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "market/listing_kinds.h"
#include "market/listing_sql.h"
#include "store/list_window.h"
#include "store/page.h"
#include "store/store.h"

namespace kl::market {

template <typename Kind>
Result<std::optional<typename Kind::Listing>> find_listing(store::Tx& tx, const std::string& id);

// Writes a new open listing (no checks: listing_service.h checks first).
template <typename Kind>
Result<void> insert_listing_row(store::Tx& tx, const std::string& id, const typename Kind::New& listing,
                                const std::optional<std::string>& created_by, int64_t now_ms);
template <typename Kind>
Result<void> update_listing_row(store::Tx& tx, const std::string& id, const typename Kind::Fields& fields,
                                int64_t now_ms);
template <typename Kind>
Result<void> withdraw_listing_row(store::Tx& tx, const std::string& id, int64_t now_ms);

// A keyset page of the listings matching `query` (listing_sql.h) inside `window` (searched by the
// product's or category's names and code, the organisation's name, the reference and id; dated by
// the Beijing day of creation) after id `after`, in id order either way: the next page's cursor is
// set when more follow (store/page.h).
template <typename Kind>
Result<std::vector<typename Kind::Listing>> select_listings(store::Tx& tx, store::SqlQuery query,
                                                            const store::ListWindow& window,
                                                            const std::optional<std::string>& after, int64_t limit,
                                                            std::optional<std::string>& next_cursor);

// The id of organisation `org_id`'s listing in `table` with this reference, if there is one.
Result<std::optional<std::string>> find_by_ref(store::Tx& tx, ListingTable table, const std::string& org_id,
                                               const std::string& ref);

// The organisation that owns listing `id` in `table`, if the listing exists.
Result<std::optional<std::string>> listing_org(store::Tx& tx, ListingTable table, const std::string& id);

}  // namespace kl::market
