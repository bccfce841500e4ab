#pragma once
// Shared pieces of the offer and demand queries: the visible-organisation rule and keyset pages, so
// both lists page and filter the same way; and the rule of a listing's own reference (ref), which
// the single create and the import both check through it.

#include <optional>
#include <string>

#include "core/result.h"
#include "market/market_access.h"
#include "market/market_types.h"
#include "store/store.h"

namespace kl::market {

struct ListingQuery {
    std::string where;       // " AND …" conditions after "WHERE x.id > $1"
    store::Params params;    // $1 is the cursor id
};

// The filter as SQL over alias `x` (org_id, status, product_id columns). An org-scoped actor is held
// to its organisation; asking for another's is permission_denied.
Result<ListingQuery> listing_query(const Actor& actor, const ListingFilter& filter,
                                   const std::optional<std::string>& after_id);

// The two listing tables, for the queries offers and demands share.
enum class ListingTable { offers, demands };

// A reference is 1..listing_ref_chars_max characters of UTF-8 without control characters; a problem
// is added to `errors` under "ref". Its uniqueness is checked by check_ref_free.
void check_ref(const std::optional<std::string>& ref, std::vector<FieldError>& errors);

// The id of organisation `org_id`'s listing in `table` with this reference, if there is one.
Result<std::optional<std::string>> find_by_ref(store::Tx& tx, ListingTable table, const std::string& org_id,
                                               const std::string& ref);

// already_exists naming ref when another listing of the organisation has the reference.
Result<void> check_ref_free(store::Tx& tx, ListingTable table, const std::string& org_id,
                            const std::optional<std::string>& ref);

// The organisation that owns listing `id` in `table`, if the listing exists.
Result<std::optional<std::string>> listing_org(store::Tx& tx, ListingTable table, const std::string& id);

}  // namespace kl::market
