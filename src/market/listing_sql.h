#pragma once
// The listing filter as SQL: the visible-organisation rule and keyset pages, so every kind of
// listing pages and filters the same way (listing_repo.h runs it).

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

}  // namespace kl::market
