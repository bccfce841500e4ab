#pragma once
// Buyer demands: a product (minimum grade by code) or a category and everything below it (minimum
// grade by rank, 1 = best), quantity, maximum delivered price per kg, deliver-by date, destination
// district, minimum shelf life left on arrival and an optional aid minimum (min_aided_g: grams that
// must come from consumption-aid certified products; ≤ quantity). Permissions: market_access.h.

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/ids.h"
#include "market/market_access.h"
#include "market/market_types.h"
#include "store/store.h"

namespace kl::market {

class DemandService {
public:
    DemandService(store::Store& store, const Clock& clock, IdGenerator& ids) : store_(store), clock_(clock), ids_(ids) {}

    // invalid_argument naming org_id, product_id, category_id, min_grade, min_grade_rank,
    // quantity_g, max_price_fen_per_kg, district, min_shelf_life_days or min_aided_g.
    // already_exists naming ref when another demand of the organisation has the reference.
    Result<Demand> create(const Actor& actor, const NewDemand& demand);
    // The same create inside a caller's transaction: the permission rule, then insert_demand's checks.
    Result<Demand> create_in(store::Tx& tx, const Actor& actor, const NewDemand& demand);
    // Fields not `given` keep their current value.
    Result<Demand> update(const Actor& actor, const std::string& id, const DemandFields& fields,
                          DemandFieldsGiven given = {});
    Result<Demand> withdraw(const Actor& actor, const std::string& id);
    Result<Demand> get(const Actor& actor, const std::string& id);
    Result<DemandPage> list(const Actor& actor, const ListingFilter& filter, int limit,
                            const std::optional<std::string>& cursor);

    // The demands sheet as CSV: as OfferService::import_csv, with buyers in place of producers.
    Result<ListingImportReport> import_csv(const Actor& actor, std::string_view csv_text,
                                           const std::optional<std::string>& for_org = std::nullopt);

private:
    store::Store& store_;
    const Clock& clock_;
    IdGenerator& ids_;
};

Result<std::optional<Demand>> find_demand(store::Tx& tx, const std::string& id);
Result<Demand> insert_demand(store::Tx& tx, const std::string& id, const NewDemand& demand,
                             const std::optional<std::string>& created_by, int64_t now_ms);

}  // namespace kl::market
