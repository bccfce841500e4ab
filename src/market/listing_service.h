#pragma once
// Listings: supply offers and buyer demands, one service over a listing kind (listing_kinds.h).
//
// Supply offers (OfferService): a producer offers one grade of one of its own products (quantity,
// price per kg, availability window, harvest/pack date, origin node). Shelf life comes from the
// product's brand standard (storage.shelf_life_days); an offer of an uncertified product is allowed
// (the engine only counts certified supply toward aid minimums).
//
// Buyer demands (DemandService): a product (minimum grade by code) or a category and everything
// below it (minimum grade by rank, 1 = best), quantity, maximum delivered price per kg, deliver-by
// date, destination district, minimum shelf life left on arrival and an optional aid minimum
// (min_aided_g: grams that must come from consumption-aid certified products; ≤ quantity).
//
// Permissions (market_access.h): admin for any organisation of the kind's (producing ones for
// offers, buyers for demands), the kind's owner role (producer, buyer) for its own; org-scoped
// roles read their own organisation's listings only.

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/ids.h"
#include "market/listing_kinds.h"
#include "market/market_access.h"
#include "market/market_types.h"
#include "store/store.h"

namespace kl::market {

template <typename Kind>
class ListingService {
public:
    using Listing = typename Kind::Listing;
    using Fields = typename Kind::Fields;
    using New = typename Kind::New;
    using Page = typename Kind::Page;

    ListingService(store::Store& store, const Clock& clock, IdGenerator& ids) : store_(store), clock_(clock), ids_(ids) {}

    // invalid_argument naming org_id or the field (offers: product_id, grade, quantity_g,
    // price_fen_per_kg, available_to, packed_on, origin_node_id; demands: product_id, category_id,
    // min_grade, min_grade_rank, quantity_g, max_price_fen_per_kg, district, min_shelf_life_days,
    // min_aided_g). already_exists naming ref when another listing of the organisation has it.
    Result<Listing> create(const Actor& actor, const New& listing);
    // The same create inside a caller's transaction: the permission rule, then insert_listing's checks.
    Result<Listing> create_in(store::Tx& tx, const Actor& actor, const New& listing);
    // Only an open listing; an offer's product may not change to another organisation's. Optional
    // fields not `given` keep their current value.
    Result<Listing> update(const Actor& actor, const std::string& id, const Fields& fields,
                           const typename Kind::Given& given = {});
    Result<Listing> withdraw(const Actor& actor, const std::string& id);
    Result<Listing> get(const Actor& actor, const std::string& id);
    // Org-scoped roles see their own organisation's listings only (filter.org_id of another: 403).
    Result<Page> list(const Actor& actor, const ListingFilter& filter, int limit, const std::optional<std::string>& cursor);

    // The kind's sheet as CSV (listing_import.cpp; columns in README "Import offers and demands"):
    // every row checked, then all created in ONE transaction through create_in, or none. A row whose
    // listing exists (its id, or its ref within the organisation) is skipped. admin for any
    // organisation of the kind's; the owner role only rows of its own (other rows: permission_denied
    // naming them). resource_exhausted beyond listing_import_rows_max rows or listing_import_bytes_max
    // bytes. `for_org` (the command line's --org) is the one organisation the file may name: a row
    // naming another is a problem of that row, and an organisation of another kind (or missing)
    // refuses the file, naming org_id.
    Result<ListingImportReport> import_csv(const Actor& actor, std::string_view csv_text,
                                           const std::optional<std::string>& for_org = std::nullopt);

private:
    store::Store& store_;
    const Clock& clock_;
    IdGenerator& ids_;
};

using OfferService = ListingService<OfferKind>;
using DemandService = ListingService<DemandKind>;

// Inside a caller's transaction (the demo, the import). insert_listing checks the organisation's
// kind, every field rule and the reference, with no permission check.
template <typename Kind>
Result<typename Kind::Listing> insert_listing(store::Tx& tx, const std::string& id, const typename Kind::New& listing,
                                              const std::optional<std::string>& created_by, int64_t now_ms);

// A reference is 1..listing_ref_chars_max characters of UTF-8 without control characters; a problem
// is added to `errors` under "ref". Its uniqueness is checked by check_ref_free.
void check_ref(const std::optional<std::string>& ref, std::vector<FieldError>& errors);
// already_exists naming ref when another listing of the organisation in `table` has the reference.
Result<void> check_ref_free(store::Tx& tx, ListingTable table, const std::string& org_id,
                            const std::optional<std::string>& ref);

}  // namespace kl::market
