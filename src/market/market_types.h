#pragma once
// The market's plain data: transport nodes and lanes, supply offers, buyer demands, allocation runs
// and their proposals. Units are in the names: `_g` grams, `_fen_per_kg` fen per kilogram,
// `_mfen` 1/1000 fen (grams × fen/kg is exact in milli-fen, so no objective is ever rounded).
// Dates are calendar dates (core/civil_date.h), written "YYYY-MM-DD".

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog_types.h"
#include "core/civil_date.h"
#include "core/enum_names.h"
#include "core/result.h"
#include "store/list_window.h"

namespace kl::market {

// ---- limits (named, with units) --------------------------------------------------------------------
inline constexpr int64_t quantity_g_max = 1'000'000'000;          // 1,000 t in one offer or demand
inline constexpr int64_t price_fen_per_kg_max = 10'000'000;       // ¥100,000 per kg
inline constexpr int64_t freight_fen_per_kg_max = 1'000'000;      // ¥10,000 per kg
inline constexpr int64_t transit_hours_max = 24 * 60;             // 60 days door to door
inline constexpr int64_t min_shelf_life_days_max = 3650;
inline constexpr int64_t open_offers_max = 100'000;               // what one run loads at most
inline constexpr int64_t open_demands_max = 50'000;
inline constexpr size_t listing_ref_chars_max = 64;               // characters of a listing's own reference
// One import of offers or demands (listing_import.cpp): beyond either, the file is refused whole
// (resource_exhausted, 413 over HTTP). A season's list is a few hundred rows; the cap keeps the one
// write transaction that applies a file short, since every other write waits for it.
inline constexpr size_t listing_import_rows_max = 5'000;           // data rows, the header not counted
inline constexpr size_t listing_import_bytes_max = 2 * 1024 * 1024; // 2 MiB of CSV

// ---- nodes and lanes -------------------------------------------------------------------------------

enum class NodeKind { origin, destination };
constexpr auto enum_table(NodeKind) {
    return enum_table_of<NodeKind>({{NodeKind::origin, "origin"}, {NodeKind::destination, "destination"}});
}
enum class Mode { truck, rail, air };
constexpr auto enum_table(Mode) {
    return enum_table_of<Mode>({{Mode::truck, "truck"}, {Mode::rail, "rail"}, {Mode::air, "air"}});
}

using kl::to_string;  // every enumeration here has its name table (core/enum_names.h)
inline Result<Mode> parse_mode(std::string_view text, const std::string& field = "mode") {
    return parse_enum<Mode>(text, field);
}
inline std::span<const Mode> all_modes() { return enum_values<Mode>(); }

// A lane of temperature class `lane` carries a product whose standard asks for `product`: ambient
// goods go on any lane; chilled 0–10 °C goods also on a 0–4 °C lane; otherwise the classes match.
bool lane_carries(catalog::ColdChain lane, catalog::ColdChain product);

struct Node {
    std::string id;  // "origin-shache", "dest-pudong"
    NodeKind kind = NodeKind::origin;
    std::optional<std::string> county;    // origins
    std::optional<std::string> district;  // destinations
    std::string name_zh;
    std::string name_en;
};

struct LaneFields {
    std::string origin_node_id;
    std::string destination_node_id;
    Mode mode = Mode::truck;
    int64_t transit_hours = 1;
    int64_t cost_fen_per_kg = 0;
    catalog::ColdChain temperature_class = catalog::ColdChain::chilled_0_4;
};

struct Lane {
    std::string id;
    LaneFields fields;
    int64_t created_at_ms = 0;
    int64_t updated_at_ms = 0;
};

struct LaneFilter {
    std::optional<std::string> origin_node_id;
    std::optional<std::string> destination_node_id;
    std::optional<Mode> mode;
};

struct LanePage {
    std::vector<Lane> lanes;
    std::optional<std::string> next_cursor;
};

// ---- offers and demands ----------------------------------------------------------------------------

enum class ListingStatus { open, withdrawn };
constexpr auto enum_table(ListingStatus) {
    return enum_table_of<ListingStatus>({{ListingStatus::open, "open"}, {ListingStatus::withdrawn, "withdrawn"}});
}
inline Result<ListingStatus> parse_listing_status(std::string_view text, const std::string& field = "status") {
    return parse_enum<ListingStatus>(text, field);
}

// What a producer edits; the organisation is fixed at creation.
struct OfferFields {
    std::string product_id;
    std::string grade;  // a grade code of the product's brand standard
    int64_t quantity_g = 0;
    int64_t price_fen_per_kg = 0;
    kl::Date available_from;
    kl::Date available_to;  // inclusive
    kl::Date packed_on;     // harvest or pack date: shelf life counts from here
    std::string origin_node_id;
};

struct Offer {
    std::string id;
    std::string org_id;
    std::optional<std::string> ref;  // the organisation's own reference, unique within it
    OfferFields fields;
    ListingStatus status = ListingStatus::open;
    // From the product and its standard when read: grade rank, shelf life, county of origin.
    int64_t grade_rank = 0;
    int64_t shelf_life_days = 0;
    kl::Date best_before;  // packed_on + shelf_life_days
    std::string product_name_zh;
    std::string product_name_en;
    std::string org_name;  // the producer's, read with the offer
    int64_t created_at_ms = 0;
    int64_t updated_at_ms = 0;
};

struct NewOffer {
    std::string org_id;  // the producer organisation (a producer may name only its own)
    OfferFields fields;
    // Optional; fixed at creation. A second listing of the organisation with the same reference is
    // refused (already_exists naming ref); the import skips a row whose reference exists.
    std::optional<std::string> ref = std::nullopt;
};

struct DemandFields {
    std::optional<std::string> product_id;   // exactly one of product_id and category_id
    std::optional<std::string> category_id;  // this category and those below it
    // A product demand names its minimum grade by code (min_grade); a category demand by rank
    // (min_grade_rank, 1 = best), since grade codes differ between products.
    std::optional<std::string> min_grade;
    int64_t min_grade_rank = 0;  // resolved from min_grade for product demands
    int64_t quantity_g = 0;
    int64_t max_price_fen_per_kg = 0;  // delivered: offer price + freight
    kl::Date deliver_by;
    std::string district;  // catalog District::code
    int64_t min_shelf_life_days = 0;  // days left on arrival, at least
    // Aid quota: at least this much must come from consumption-aid certified products (counted as
    // aid sales); a lower bound in the flow network (allocation_model.h).
    int64_t min_aided_g = 0;
};

// Which of DemandFields' optional numbers an update carries; one left out keeps its current value (a
// change of quantity must not drop the demand's aid quota or shelf-life floor to 0).
struct DemandFieldsGiven {
    bool min_shelf_life_days = true;
    bool min_aided_g = true;
};

struct Demand {
    std::string id;
    std::string org_id;
    std::optional<std::string> ref;  // as Offer::ref
    DemandFields fields;
    ListingStatus status = ListingStatus::open;
    int64_t created_at_ms = 0;
    int64_t updated_at_ms = 0;
    // The asked product's or category's names, for lists (read with the demand, never written).
    std::string target_name_zh;
    std::string target_name_en;
    std::string org_name;  // the buyer's, read with the demand
};

struct NewDemand {
    std::string org_id;  // the buyer organisation (a buyer may name only its own)
    DemandFields fields;
    std::optional<std::string> ref = std::nullopt;  // as NewOffer::ref
};

// What an import of offers or demands did: data rows in the file, listings created, rows skipped
// because their listing exists already (named by id, or by ref within the organisation).
struct ListingImportReport {
    size_t rows = 0;
    size_t created = 0;
    size_t unchanged = 0;
};

struct ListingFilter {
    std::optional<std::string> org_id;
    std::optional<std::string> product_id;
    std::optional<ListingStatus> status;
    store::ListWindow window;  // search, creation-date range and order (listing_repo.h select_listings)
};

struct OfferPage {
    std::vector<Offer> offers;
    std::optional<std::string> next_cursor;
};

struct DemandPage {
    std::vector<Demand> demands;
    std::optional<std::string> next_cursor;
};

// ---- allocation runs and proposals -----------------------------------------------------------------

enum class RunStatus { queued, running, done, failed };
constexpr auto enum_table(RunStatus) {
    using enum RunStatus;
    return enum_table_of<RunStatus>({{queued, "queued"}, {running, "running"}, {done, "done"}, {failed, "failed"}});
}
inline Result<RunStatus> parse_run_status(std::string_view text, const std::string& field = "status") {
    return parse_enum<RunStatus>(text, field);
}

struct RunTotals {
    int64_t offer_count = 0;
    int64_t demand_count = 0;
    int64_t arc_count = 0;          // feasible offer→demand pairs (cheapest mode each)
    int64_t proposal_count = 0;
    int64_t penalty_fen_per_kg = 0; // the price of a kilogram of unmet demand
    int64_t demanded_g = 0;
    int64_t allocated_g = 0;
    int64_t unmet_g = 0;
    int64_t aided_shortfall_g = 0;  // part of unmet_g that the aided-county minimums missed
    int64_t delivered_cost_mfen = 0;
    int64_t objective_mfen = 0;
};

struct Run {
    std::string id;
    RunStatus status = RunStatus::queued;
    kl::Date as_of;
    std::optional<std::string> requested_by;
    int64_t requested_at_ms = 0;
    std::optional<int64_t> started_at_ms;
    std::optional<int64_t> finished_at_ms;
    std::optional<std::string> error;
    RunTotals totals;
};

struct RunPage {
    std::vector<Run> runs;
    std::optional<std::string> next_cursor;
};

enum class ProposalStatus { proposed, declined, confirmed };
constexpr auto enum_table(ProposalStatus) {
    using enum ProposalStatus;
    return enum_table_of<ProposalStatus>({{proposed, "proposed"}, {declined, "declined"}, {confirmed, "confirmed"}});
}
enum class Decision { accepted, declined };
constexpr auto enum_table(Decision) {
    return enum_table_of<Decision>({{Decision::accepted, "accepted"}, {Decision::declined, "declined"}});
}
enum class Side { seller, buyer };
constexpr auto enum_table(Side) { return enum_table_of<Side>({{Side::seller, "seller"}, {Side::buyer, "buyer"}}); }
inline Result<Side> parse_side(std::string_view text, const std::string& field = "side") {
    return parse_enum<Side>(text, field);
}

struct Proposal {
    std::string id;
    std::string run_id;
    std::string offer_id;
    std::string demand_id;
    std::string seller_org_id;
    std::string buyer_org_id;
    std::string product_id;
    std::string grade;
    std::string district;
    std::string lane_id;
    Mode mode = Mode::truck;
    int64_t quantity_g = 0;
    int64_t offer_price_fen_per_kg = 0;
    int64_t freight_fen_per_kg = 0;
    int64_t delivered_price_fen_per_kg = 0;
    kl::Date departure_date;
    kl::Date arrival_date;
    int64_t shelf_life_left_days = 0;
    bool aided = false;
    ProposalStatus status = ProposalStatus::proposed;
    std::optional<Decision> seller_decision;
    std::optional<Decision> buyer_decision;
    std::optional<std::string> order_id;
    int64_t updated_at_ms = 0;
    // For the people deciding (read with the proposal; empty on a proposal not read back): the
    // product, both organisations and the lane's two ends by name, in Chinese and English.
    struct Names {
        std::string product_zh, product_en;
        std::string seller, seller_en, buyer, buyer_en;
        std::string origin_zh, origin_en, destination_zh, destination_en;
    } names;
};

struct ProposalPage {
    std::vector<Proposal> proposals;
    std::optional<std::string> next_cursor;
};

struct Unmet {
    std::string demand_id;
    std::string buyer_org_id;
    int64_t unmet_g = 0;
    int64_t aided_shortfall_g = 0;
};

}  // namespace kl::market
