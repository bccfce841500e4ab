#include "http/routes/market_routes.h"

#include <nlohmann/json.hpp>

#include "access/page_cursor.h"
#include "http/json_body.h"
#include "http/query.h"
#include "http/routes/market_json.h"
#include "http/routes/route_kit.h"
#include "http/routes/route_support.h"
#include "market/listing_tables.h"

namespace kl::http {

namespace {

using nlohmann::json;
using namespace market_json;

// The filters the listing lists and exports share, recorded on `query` with the others: the
// organisation, product and status, and the list window (search, creation dates, order).
market::ListingFilter listing_filter(QueryReader& query) {
    market::ListingFilter filter;
    filter.org_id = query.text("org");
    filter.product_id = query.text("product");
    filter.status = query.parsed("status", market::parse_listing_status);
    filter.window = read_list_window(query);
    return filter;
}

// The query parameters of listing_filter; `searched` names what q finds.
QueryDocs listing_filter_docs(const std::string& searched) {
    QueryDocs params = {{"org", "organisation id (scoped roles: only their own)"}, {"product", "product id"},
                        {"status", "open or withdrawn"}};
    for (auto& param : list_window_params(searched, "day listed")) params.push_back(std::move(param));
    return params;
}

// ---- lanes -----------------------------------------------------------------------------------------

Response list_nodes(market::LaneService& lanes, Request& request) {
    return list_reply(lanes.nodes(actor_of(request)), [](const market::Node& node) { return node_json(node); });
}

Response list_lanes(market::LaneService& lanes, Request& request) {
    QueryReader query(request);
    const int limit = query.limit();
    market::LaneFilter filter;
    filter.origin_node_id = query.text("origin");
    filter.destination_node_id = query.text("destination");
    filter.mode = query.parsed("mode", market::parse_mode);
    if (auto decoded = query.finish(); !decoded) return error_response(decoded.error());
    auto page = lanes.list(actor_of(request), filter, limit, query.cursor());
    if (!page) return error_response(page.error());
    return json_response(200, page_json(page->lanes, page->next_cursor, lane_json));
}

Response create_lane(market::LaneService& lanes, Request& request) {
    auto fields = decode_body(request, decode_lane);
    if (!fields) return error_response(fields.error());
    auto made = lanes.create(actor_of(request), *fields);
    if (!made) return error_response(made.error());
    return json_response(201, lane_json(*made)).with_header("Location", "/api/v1/lanes/" + made->id);
}

Response update_lane(market::LaneService& lanes, Request& request) {
    auto fields = decode_body(request, decode_lane);
    if (!fields) return error_response(fields.error());
    return reply(lanes.update(actor_of(request), request.param("id"), *fields), 200, lane_json);
}

Response delete_lane(market::LaneService& lanes, Request& request) {
    auto removed = lanes.remove(actor_of(request), request.param("id"));
    if (!removed) return error_response(removed.error());
    return json_response(200, json{{"id", request.param("id")}, {"deleted", true}});
}

// ---- offers and demands ----------------------------------------------------------------------------

template <typename Service, typename Encode, typename Pick>
Response list_listings(Service& service, Request& request, Encode encode, Pick pick) {
    QueryReader query(request);
    const int limit = query.limit();
    const market::ListingFilter filter = listing_filter(query);
    if (auto decoded = query.finish(); !decoded) return error_response(decoded.error());
    auto page = service.list(actor_of(request), filter, limit, query.cursor());
    if (!page) return error_response(page.error());
    return json_response(200, page_json(pick(*page), page->next_cursor, encode));
}

template <typename Service, typename Decode, typename Encode>
Response create_listing(Service& service, Request& request, Decode decode, Encode encode, const std::string& base) {
    auto input = decode_body(request, decode);
    if (!input) return error_response(input.error());
    auto made = service.create(actor_of(request), *input);
    if (!made) return error_response(made.error());
    return json_response(201, encode(*made)).with_header("Location", base + made->id);
}

template <typename Service, typename Decode, typename Encode>
Response update_listing(Service& service, Request& request, Decode decode, Encode encode) {
    auto fields = decode_body(request, decode);
    if (!fields) return error_response(fields.error());
    return reply(service.update(actor_of(request), request.param("id"), *fields), 200, encode);
}

// Every listing the list endpoint shows the caller under the same filters, as one sheet: pages
// gathered up to listing_export_rows_max (more asks for a narrower filter, 413).
constexpr size_t listing_export_rows_max = 100'000;

template <typename Service, typename Pick, typename Tabulate>
Response export_listings(Service& service, Request& request, FileFormat format, const std::string& name, Pick pick,
                         Tabulate tabulate, const ExportNames& names) {
    QueryReader query(request);
    const market::ListingFilter filter = listing_filter(query);
    if (auto decoded = query.finish(); !decoded) return error_response(decoded.error());
    decltype(pick(*service.list(actor_of(request), filter, 1, std::nullopt))) items;
    std::optional<std::string> cursor;
    do {
        auto page = service.list(actor_of(request), filter, access::page_limit_max, cursor);
        if (!page) return error_response(page.error());
        auto more = pick(*page);
        items.insert(items.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
        if (items.size() > listing_export_rows_max) {
            return problem(413, "Export too large",
                           "More than " + std::to_string(listing_export_rows_max) + " " + name +
                               " match; narrow the export with org, product or status");
        }
        cursor = page->next_cursor;
    } while (cursor);
    return file_response(tabulate(items), format, name, names);
}

// The import of a sheet of offers or demands (Service::import_csv). A file beyond the import's limits
// is 413: the service says resource_exhausted naming "file", which elsewhere (a full write queue) is
// 429, but here it is the size of what was sent.
template <typename Service>
Response import_listings(Service& service, Request& request) {
    if (!is_csv(request)) return not_csv_problem();
    auto report = service.import_csv(actor_of(request), request.body);
    if (!report) {
        const Error& error = report.error();
        const bool too_large = error.code == ErrorCode::resource_exhausted && error.fields.size() == 1 &&
                               error.fields[0].field == "file";
        if (too_large) return problem(413, "Import too large", error.message, error.fields);
        return error_response(error);
    }
    return json_response(200, json{{"rows", report->rows}, {"created", report->created}, {"unchanged", report->unchanged}});
}

// ---- allocations -----------------------------------------------------------------------------------

Response start_run(market::AllocationService& allocations, Request& request) {
    std::optional<kl::Date> as_of;
    if (!request.body.empty()) {
        auto decoded = decode_body(request, decode_run_request);
        if (!decoded) return error_response(decoded.error());
        as_of = *decoded;
    }
    auto run = allocations.start(actor_of(request), as_of);
    if (!run) return error_response(run.error());
    return json_response(202, run_json(*run)).with_header("Location", "/api/v1/allocations/" + run->id);
}

Response list_runs(market::AllocationService& allocations, Request& request) {
    auto limit = read_limit(request);
    if (!limit) return error_response(limit.error());
    auto page = allocations.list(actor_of(request), *limit, read_cursor(request));
    if (!page) return error_response(page.error());
    return json_response(200, page_json(page->runs, page->next_cursor, run_json));
}

Response list_proposals(market::AllocationService& allocations, Request& request) {
    QueryReader query(request);
    const int limit = query.limit();
    const ListWindow window = read_list_window(query);
    if (auto decoded = query.finish(); !decoded) return error_response(decoded.error());
    auto page = allocations.proposals(actor_of(request), request.param("id"), window, limit, query.cursor());
    if (!page) return error_response(page.error());
    return json_response(200, page_json(page->proposals, page->next_cursor, proposal_json));
}

Response list_unmet(market::AllocationService& allocations, Request& request) {
    auto limit = read_limit(request);
    if (!limit) return error_response(limit.error());
    auto page = allocations.unmet(actor_of(request), request.param("id"), *limit, read_cursor(request));
    if (!page) return error_response(page.error());
    return json_response(200, page_json(page->unmet, page->next_cursor, unmet_json));
}

// The route documents no body, so the pipeline has already refused any but none or {}.
Response decide(market::AllocationService& allocations, Request& request, market::Decision decision) {
    return reply(allocations.decide(actor_of(request), request.param("id"), request.param("proposal_id"), decision),
                 200, proposal_json);
}

// ---- registration ----------------------------------------------------------------------------------

Route listing_export_route(const std::string& what, FileFormat format, Handler handler, const QueryDocs& filters) {
    const bool csv = format == FileFormat::csv;
    Route out = documented_route(Method::get, "/api/v1/exports/" + what + (csv ? ".csv" : ".xlsx"), "market",
                             "Export the " + what + " the list endpoint shows you as " + (csv ? "CSV" : "XLSX") +
                                 " (same filters)",
                             "", "", 200, std::move(handler), filters);
    describe_file_response(out, format);
    return out;
}

// POST /api/v1/imports/<what>: the sheet the export writes, as CSV.
Route listing_import_route(const std::string& what, std::string summary, const std::string& columns, Handler handler) {
    Route out = documented_route(Method::post, "/api/v1/imports/" + what, "market", std::move(summary),
                             json{{"type", "string"},
                                  {"description", "CSV (UTF-8, optional BOM), the columns of the " + what + " export: " +
                                                      columns + ". Problems are listed per row and column as "
                                                      "errors[].field = \"row <n>/<column>\""}}
                                 .dump(),
                             ref("ListingImportReport"), 200, std::move(handler));
    out.doc.request_content_type = std::string(csv_content_type);
    return out;
}

void add_lane_routes(Router& router, market::LaneService& lanes) {
    router.add(documented_route(Method::get, "/api/v1/market/nodes", "market", "Origin nodes (one per county) and destinations (one per district)",
                     "", ref("MarketNodeList"), 200, [&lanes](Request& r) { return list_nodes(lanes, r); }));
    router.add(documented_route(Method::get, "/api/v1/lanes", "market", "Transport lanes", "", ref("LanePage"), 200,
                     [&lanes](Request& r) { return list_lanes(lanes, r); },
                     with_page({{"origin", "origin node id"}, {"destination", "destination node id"},
                                {"mode", "truck, rail or air"}})));
    router.add(documented_route(Method::post, "/api/v1/lanes", "market", "Add a lane (admin)", ref("LaneInput"), ref("Lane"), 201,
                     [&lanes](Request& r) { return create_lane(lanes, r); }));
    router.add(documented_route(Method::get, "/api/v1/lanes/{id}", "market", "A lane", "", ref("Lane"), 200,
                     [&lanes](Request& r) { return reply(lanes.get(actor_of(r), r.param("id")), 200, lane_json); }));
    router.add(documented_route(Method::put, "/api/v1/lanes/{id}", "market", "Change a lane (admin)", ref("LaneInput"), ref("Lane"),
                     200, [&lanes](Request& r) { return update_lane(lanes, r); }));
    router.add(documented_route(Method::del, "/api/v1/lanes/{id}", "market", "Remove a lane no proposal names (admin)", "", "", 200,
                     [&lanes](Request& r) { return delete_lane(lanes, r); }));
}

void add_offer_routes(Router& router, market::OfferService& offers, const ExportNames& names) {
    const QueryDocs filters = listing_filter_docs("the product's names or code, the producer's name, the offer's reference or id");
    router.add(documented_route(Method::get, "/api/v1/offers", "market", "Supply offers (scoped roles: their organisation's)", "",
                     ref("OfferPage"), 200,
                     [&offers](Request& r) {
                         return list_listings(offers, r, offer_json, [](const market::OfferPage& p) { return p.offers; });
                     },
                     with_page(filters)));
    for (const FileFormat format : {FileFormat::csv, FileFormat::xlsx}) {
        router.add(listing_export_route("offers", format, [&offers, format, names](Request& r) {
            return export_listings(offers, r, format, "offers", [](const market::OfferPage& p) { return p.offers; },
                                   market::offers_table, names);
        }, filters));
    }
    router.add(listing_import_route(
        "offers",
        "Import offers from CSV (admin; a producer its own). All rows or none; a row whose offer exists (its id, or "
        "its ref in the organisation) is skipped, so re-importing a file or an edited export creates nothing twice",
        "org_id, ref, product_id (the id or your product code), grade, quantity_g, price_fen_per_kg, available_from, "
        "available_to, packed_on, origin_node_id; optional id; product_name_zh, best_before and status are ignored",
        [&offers](Request& r) { return import_listings(offers, r); }));
    router.add(with_idempotency_key(documented_route(Method::post, "/api/v1/offers", "market", "Offer a grade of a product (admin; a producer for itself)",
                                ref("NewOffer"), ref("Offer"), 201, [&offers](Request& r) {
                                    return create_listing(offers, r, decode_new_offer, offer_json, "/api/v1/offers/");
                                })));
    router.add(documented_route(Method::get, "/api/v1/offers/{id}", "market", "An offer", "", ref("Offer"), 200,
                     [&offers](Request& r) { return reply(offers.get(actor_of(r), r.param("id")), 200, offer_json); }));
    router.add(documented_route(Method::put, "/api/v1/offers/{id}", "market", "Change an open offer (admin; its producer)",
                     ref("OfferUpdate"), ref("Offer"), 200,
                     [&offers](Request& r) { return update_listing(offers, r, decode_offer, offer_json); }));
    router.add(documented_route(Method::post, "/api/v1/offers/{id}/withdraw", "market", "Withdraw an offer (admin; its producer)", "",
                     ref("Offer"), 200,
                     [&offers](Request& r) { return reply(offers.withdraw(actor_of(r), r.param("id")), 200, offer_json); }));
}

void add_demand_routes(Router& router, market::DemandService& demands, const ExportNames& names) {
    const QueryDocs filters = listing_filter_docs("the product's or category's names, the buyer's name, the demand's reference or id");
    router.add(documented_route(Method::get, "/api/v1/demands", "market", "Buyer demands (scoped roles: their organisation's)", "",
                     ref("DemandPage"), 200,
                     [&demands](Request& r) {
                         return list_listings(demands, r, demand_json, [](const market::DemandPage& p) { return p.demands; });
                     },
                     with_page(filters)));
    for (const FileFormat format : {FileFormat::csv, FileFormat::xlsx}) {
        router.add(listing_export_route("demands", format, [&demands, format, names](Request& r) {
            return export_listings(demands, r, format, "demands", [](const market::DemandPage& p) { return p.demands; },
                                   market::demands_table, names);
        }, filters));
    }
    router.add(listing_import_route(
        "demands",
        "Import demands from CSV (admin; a buyer its own). All rows or none; a row whose demand exists (its id, or "
        "its ref in the organisation) is skipped, so re-importing a file or an edited export creates nothing twice",
        "org_id, ref, quantity_g, max_price_fen_per_kg, deliver_by, district; optional id, product_id, category_id, "
        "min_grade, min_grade_rank, min_shelf_life_days, min_aided_g; status is ignored",
        [&demands](Request& r) { return import_listings(demands, r); }));
    router.add(with_idempotency_key(documented_route(Method::post, "/api/v1/demands", "market", "Ask for a product or category (admin; a buyer for itself)",
                                ref("NewDemand"), ref("Demand"), 201, [&demands](Request& r) {
                                    return create_listing(demands, r, decode_new_demand, demand_json, "/api/v1/demands/");
                                })));
    router.add(documented_route(Method::get, "/api/v1/demands/{id}", "market", "A demand", "", ref("Demand"), 200,
                     [&demands](Request& r) { return reply(demands.get(actor_of(r), r.param("id")), 200, demand_json); }));
    router.add(documented_route(Method::put, "/api/v1/demands/{id}", "market", "Change an open demand (admin; its buyer)",
                     ref("DemandUpdate"), ref("Demand"), 200,
                     [&demands](Request& r) {
                         auto put = decode_body(r, decode_demand);
                         if (!put) return error_response(put.error());
                         return reply(demands.update(actor_of(r), r.param("id"), put->fields, put->given), 200, demand_json);
                     }));
    router.add(documented_route(Method::post, "/api/v1/demands/{id}/withdraw", "market", "Withdraw a demand (admin; its buyer)", "",
                     ref("Demand"), 200,
                     [&demands](Request& r) { return reply(demands.withdraw(actor_of(r), r.param("id")), 200, demand_json); }));
}

void add_allocation_routes(Router& router, market::AllocationService& allocations) {
    router.add(with_idempotency_key(documented_route(Method::post, "/api/v1/allocations", "market",
                     "Start an allocation run (admin, fund officer): 202 with the queued run; poll it. "
                     "With an Idempotency-Key, a retry answers the same run instead of queueing another",
                     ref("RunRequest"), ref("AllocationRun"), 202,
                     [&allocations](Request& r) { return start_run(allocations, r); })));
    router.add(documented_route(Method::get, "/api/v1/allocations", "market", "Allocation runs, newest first", "",
                     ref("AllocationRunPage"), 200, [&allocations](Request& r) { return list_runs(allocations, r); },
                     page_query_docs()));
    router.add(documented_route(Method::get, "/api/v1/allocations/{id}", "market", "An allocation run: status and totals", "",
                     ref("AllocationRun"), 200,
                     [&allocations](Request& r) { return reply(allocations.get(actor_of(r), r.param("id")), 200, run_json); }));
    router.add(documented_route(Method::get, "/api/v1/allocations/{id}/proposals", "market",
                     "A run's proposals (scoped roles: those their organisation is a side of)", "",
                     ref("ProposalPage"), 200, [&allocations](Request& r) { return list_proposals(allocations, r); },
                     with_page(list_window_params("the product's, seller's, buyer's and lane ends' names", "arrival date"))));
    router.add(documented_route(Method::get, "/api/v1/allocations/{id}/unmet", "market", "Demand the run could not meet", "",
                     ref("UnmetPage"), 200, [&allocations](Request& r) { return list_unmet(allocations, r); },
                     page_query_docs()));
    router.add(documented_route(Method::post, "/api/v1/allocations/{id}/proposals/{proposal_id}/accept", "market",
                     "Accept a proposal for your side; when both sides have, it becomes a confirmed order", "",
                     ref("Proposal"), 200,
                     [&allocations](Request& r) { return decide(allocations, r, market::Decision::accepted); }));
    router.add(documented_route(Method::post, "/api/v1/allocations/{id}/proposals/{proposal_id}/decline", "market",
                     "Decline a proposal for your side", "", ref("Proposal"), 200,
                     [&allocations](Request& r) { return decide(allocations, r, market::Decision::declined); }));
}

}  // namespace

void add_market_routes(Router& router, market::Market& market, const ExportNames& names) {
    add_market_schemas(router);
    add_lane_routes(router, market.lanes);
    add_offer_routes(router, market.offers, names);
    add_demand_routes(router, market.demands, names);
    add_allocation_routes(router, market.allocations);
}

}  // namespace kl::http
