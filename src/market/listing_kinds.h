#pragma once
// What differs between the kinds of listing (supply offers, buyer demands), as data: each kind is a
// small traits struct naming its types, table, noun, owning role and organisation kind, and the
// rules of its fields. Everything else is one core, written once over a kind:
//
//   listing_repo.h     the SQL (the kind's columns and row mapping are there too)
//   listing_service.h  create, update, withdraw, get, list; permissions (market_access.h)
//   listing_import.cpp the CSV import, with the kind's sheet (ListingSheet below)
//   listing_tables.h   the CSV/XLSX export sheet
//
// A third kind of listing is a new struct here, its rules (listing_kinds.cpp), its columns
// (listing_repo.cpp), its sheet (listing_import.cpp, listing_tables.cpp), and one explicit
// instantiation in each of those files.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/principal.h"
#include "core/result.h"
#include "market/market_types.h"
#include "store/store.h"

namespace kl::market {

// The two listing tables, for the queries every kind shares.
enum class ListingTable { offers, demands };

struct OfferKind {
    using Listing = Offer;
    using Fields = OfferFields;
    using New = NewOffer;
    using Page = OfferPage;
    // Which optional fields a PUT named; an offer has none (every field of a PUT is required).
    struct Given {};
    static void keep_absent(Fields&, const Listing&, const Given&) {}
    static constexpr ListingTable table = ListingTable::offers;
    static constexpr std::string_view noun = "offer";
    static constexpr access::Role owner_role = access::Role::producer;  // lists for its own organisation
    static constexpr bool producing = true;  // the organisation is a producing one (require_org_kind)
    static std::vector<Listing>& items(Page& page) { return page.offers; }
    // Every rule of the fields that needs the database, all problems added to `errors`. An offer's
    // product must be the organisation's own, active, with a standard that has the grade.
    static Result<void> check_fields(store::Tx& tx, const std::string& org_id, Fields& fields,
                                     std::vector<FieldError>& errors);
};

struct DemandKind {
    using Listing = Demand;
    using Fields = DemandFields;
    using New = NewDemand;
    using Page = DemandPage;
    // A PUT that leaves out an optional field keeps its current value (issue 12, item 8).
    using Given = DemandFieldsGiven;
    static void keep_absent(Fields& fields, const Listing& current, const Given& given) {
        if (!given.min_shelf_life_days) fields.min_shelf_life_days = current.fields.min_shelf_life_days;
        if (!given.min_aided_g) fields.min_aided_g = current.fields.min_aided_g;
    }
    static constexpr ListingTable table = ListingTable::demands;
    static constexpr std::string_view noun = "demand";
    static constexpr access::Role owner_role = access::Role::buyer;
    static constexpr bool producing = false;
    static std::vector<Listing>& items(Page& page) { return page.demands; }
    // Also resolves a product demand's minimum grade code to its rank (min_grade_rank) in place.
    static Result<void> check_fields(store::Tx& tx, const std::string& org_id, Fields& fields,
                                     std::vector<FieldError>& errors);
};

}  // namespace kl::market
