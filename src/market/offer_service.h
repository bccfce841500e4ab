#pragma once
// Supply offers: a producer offers one grade of one of its own products (quantity, price per kg,
// availability window, harvest/pack date, origin node). Shelf life comes from the product's brand
// standard (storage.shelf_life_days); an offer of an uncertified product is allowed (the engine
// only counts certified supply toward aid minimums). Permissions: market_access.h.

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/ids.h"
#include "market/market_access.h"
#include "market/market_types.h"
#include "store/store.h"

namespace kl::market {

class OfferService {
public:
    OfferService(store::Store& store, const Clock& clock, IdGenerator& ids) : store_(store), clock_(clock), ids_(ids) {}

    // invalid_argument naming org_id, product_id, grade, quantity_g, price_fen_per_kg,
    // available_to, packed_on or origin_node_id.
    // already_exists naming ref when another offer of the organisation has the reference.
    Result<Offer> create(const Actor& actor, const NewOffer& offer);
    // The same create inside a caller's transaction: the permission rule, then insert_offer's checks.
    Result<Offer> create_in(store::Tx& tx, const Actor& actor, const NewOffer& offer);
    // Only an open offer; the product may not change to another organisation's.
    Result<Offer> update(const Actor& actor, const std::string& id, const OfferFields& fields);
    Result<Offer> withdraw(const Actor& actor, const std::string& id);
    Result<Offer> get(const Actor& actor, const std::string& id);
    // Org-scoped roles see their own organisation's offers only (filter.org_id of another: 403).
    Result<OfferPage> list(const Actor& actor, const ListingFilter& filter, int limit,
                           const std::optional<std::string>& cursor);

    // The offers sheet as CSV (listing_import.cpp; columns in README "Import offers and demands"): every
    // row checked, then all created in ONE transaction through create_in, or none. A row whose offer
    // exists (its id, or its ref within the organisation) is skipped. admin for any producing
    // organisation; a producer only rows of its own (other rows: permission_denied naming them).
    // resource_exhausted beyond listing_import_rows_max rows or listing_import_bytes_max bytes.
    // `for_org` (the command line's --org) is the one organisation the file may name: a row naming
    // another is a problem of that row, and an organisation that has no offers (missing, or not a
    // producing one) refuses the file, naming org_id.
    Result<ListingImportReport> import_csv(const Actor& actor, std::string_view csv_text,
                                           const std::optional<std::string>& for_org = std::nullopt);

private:
    store::Store& store_;
    const Clock& clock_;
    IdGenerator& ids_;
};

// Inside a caller's transaction (the demo, the allocation repository). insert_offer checks the
// organisation's kind, every field rule and the reference, with no permission check.
Result<std::optional<Offer>> find_offer(store::Tx& tx, const std::string& id);
Result<Offer> insert_offer(store::Tx& tx, const std::string& id, const NewOffer& offer,
                           const std::optional<std::string>& created_by, int64_t now_ms);

}  // namespace kl::market
