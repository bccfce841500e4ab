#pragma once
// The listing filter as SQL: the visible-organisation rule and keyset pages, so every kind of
// listing pages and filters the same way (listing_repo.h runs it).

#include <optional>
#include <string>

#include "core/result.h"
#include "market/market_access.h"
#include "market/market_types.h"
#include "store/sql.h"

namespace kl::market {

// The filter as SQL over alias `x` (org_id, status, product_id columns). An org-scoped actor is held
// to its organisation; asking for another's is permission_denied.
Result<store::SqlQuery> listing_query(const Actor& actor, const ListingFilter& filter);

}  // namespace kl::market
