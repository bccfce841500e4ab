#include "http/routes/order_routes.h"

#include <nlohmann/json.hpp>

#include <cctype>

#include "access/page_cursor.h"
#include "sheets/csv.h"
#include "sheets/table.h"
#include "sheets/xlsx.h"
#include "http/json_body.h"
#include "http/routes/order_json.h"
#include "http/routes/route_kit.h"
#include "http/routes/route_support.h"
#include "orders/order_rules.h"

namespace kl::http {

namespace {

using nlohmann::json;
using namespace order_json;

// JSON, or one of the spreadsheet formats.
enum class OrderFormat { json_body, csv, xlsx };

FileFormat file_format(OrderFormat format) { return format == OrderFormat::csv ? FileFormat::csv : FileFormat::xlsx; }

Result<int64_t> parse_year(std::string_view text, const std::string& field) {
    const bool digits = text.size() == 4 && text.find_first_not_of("0123456789") == std::string_view::npos;
    const int64_t year = digits ? std::stoll(std::string(text)) : 0;
    if (year < kl::date_year_min || year > kl::date_year_max) return fail_field(field, ProblemCode::not_a_date, "must be a year YYYY");
    return year;
}

// Order creation and payment move money: they insist on an Idempotency-Key so a retry is safe.
std::optional<Response> require_idempotency_key(const Request& request) {
    if (request.header("idempotency-key")) return std::nullopt;
    return problem(400, "Invalid request", "this request moves money and needs an Idempotency-Key header",
                   {FieldError{"Idempotency-Key", ProblemCode::required, "is required"}});
}

json order_out(const orders::Order& order, const orders::Actor& actor) {
    const auto party = orders::party_of(actor, order);
    return order_json::order_json(order, party ? orders::allowed_actions(order.status, *party)
                                               : std::vector<orders::OrderAction>{});
}

// ---- orders ----------------------------------------------------------------------------------------

QueryDocs orders_list_params() {
    QueryDocs params = {{"status", "order status"}, {"channel", "sales channel"}, {"buyer", "buyer organisation id"},
                        {"seller", "seller organisation id"}};
    for (auto& param : list_window_params("the buyer's or seller's name, the order id or the platform order number; "
                                          "from/to: the order date")) {
        params.push_back(std::move(param));
    }
    return params;
}

Response list_orders(orders::OrderService& service, Request& request) {
    QueryReader query(request);
    orders::OrderFilter filter;
    filter.status = query.parsed("status", orders::parse_order_status);
    filter.channel = query_enum<catalog::SalesChannel>(query, "channel");
    filter.buyer_id = query.text("buyer");
    filter.seller_id = query.text("seller");
    filter.window = read_list_window(query);
    const int limit = query.limit();
    auto cursor = query.cursor();
    if (auto decoded = query.finish(); !decoded) return error_response(decoded.error());
    auto page = service.list(request.principal, filter, limit, cursor);
    if (!page) return error_response(page.error());
    return json_response(200, page_json(page->orders, page->next_cursor,
                                        [&request](const orders::Order& order) { return order_out(order, request.principal); }));
}

Response create_order(orders::OrderService& service, Request& request) {
    if (auto refused = require_idempotency_key(request)) return *refused;
    auto input = decode_body(request, decode_new_order);
    if (!input) return error_response(input.error());
    auto made = service.create(request.principal, *input);
    if (!made) return error_response(made.error());
    return json_response(201, order_out(*made, request.principal)).with_header("Location", "/api/v1/orders/" + made->id);
}

// create_order with an Idempotency-Key (it refuses any other): decoding, the permission check and
// the validation reads run here on a worker; only the commit step runs in the pipeline's write job.
Prepared prepare_order(orders::OrderService& service, Request& request) {
    auto input = decode_body(request, decode_new_order);
    if (!input) return Prepared::answered(error_response(input.error()));
    auto prepared = service.prepare_create(request.principal, *input);
    if (!prepared) return Prepared::answered(error_response(prepared.error()));
    return Prepared::committing([&service, &request, order = std::move(*prepared)]() mutable {
        auto made = service.commit_create(request.principal, std::move(order));
        if (!made) return error_response(made.error());
        return json_response(201, order_out(*made, request.principal)).with_header("Location", "/api/v1/orders/" + made->id);
    });
}

Response get_order(orders::OrderService& service, Request& request) {
    auto order = service.get(request.principal, request.param("id"));
    if (!order) return error_response(order.error());
    return json_response(200, order_out(*order, request.principal));
}

Response order_transition(orders::OrderService& service, orders::OrderAction action, Request& request) {
    if (action == orders::OrderAction::pay) {
        if (auto refused = require_idempotency_key(request)) return *refused;
    }
    // An empty body is an empty object: confirm, ship and deliver need nothing.
    orders::TransitionInput input;
    if (!request.body.empty()) {
        auto decoded = decode_body(request, [action](const json& body) { return decode_transition(body, action); });
        if (!decoded) return error_response(decoded.error());
        input = std::move(*decoded);
    }
    auto order = service.transition(request.principal, request.param("id"), action, input);
    if (!order) return error_response(order.error());
    return json_response(200, order_out(*order, request.principal));
}

Response set_invoice(orders::OrderService& service, Request& request) {
    auto invoice = decode_body(request, order_json::decode_invoice);
    if (!invoice) return error_response(invoice.error());
    auto order = service.set_invoice(request.principal, request.param("id"), *invoice);
    if (!order) return error_response(order.error());
    return json_response(200, order_out(*order, request.principal));
}

Response import_online_sales(orders::OrderService& service, Request& request) {
    if (!is_csv(request)) return not_csv_problem();
    auto report = service.import_online_sales(request.principal, request.body);
    if (!report) return error_response(report.error());
    return json_response(200, json{{"rows", report->rows}, {"created", report->created}, {"unchanged", report->unchanged}});
}

// ---- quotas ----------------------------------------------------------------------------------------

Response set_quota(orders::QuotaService& quotas, Request& request) {
    auto year = parse_year(request.param("year"), "year");
    if (!year) return error_response(year.error());
    auto put = decode_body(request, decode_quota);
    if (!put) return error_response(put.error());
    put->quota.buyer_id = request.param("buyer_id");
    put->quota.year = *year;
    auto saved = quotas.set_quota(request.principal, put->quota, put->given);
    if (!saved) return error_response(saved.error());
    return json_response(200, json{{"buyer_id", saved->buyer_id}, {"year", saved->year},
                                   {"canteen_budget_fen", saved->canteen_budget_fen},
                                   {"reserved_share_bp", saved->reserved_share_bp}, {"no_canteen", saved->no_canteen}});
}

Response set_target(orders::QuotaService& quotas, Request& request) {
    auto year = parse_year(request.param("year"), "year");
    if (!year) return error_response(year.error());
    auto target = decode_body(request, decode_target);
    if (!target) return error_response(target.error());
    auto saved = quotas.set_target(request.principal, orders::DistrictTarget{request.param("district"), *year, *target});
    if (!saved) return error_response(saved.error());
    return json_response(200, json{{"district", saved->district}, {"year", saved->year}, {"target_fen", saved->target_fen}});
}

// ---- reports ---------------------------------------------------------------------------------------

Result<orders::AidSalesQuery> aid_query(const Request& request, const Clock& clock) {
    QueryReader query(request);
    orders::AidSalesQuery out;
    auto groups = query.parsed("group_by", [](std::string_view text, const std::string& field) {
        return orders::parse_aid_groups(text, field);
    });
    out.group_by = groups.value_or(std::vector<orders::AidGroup>{orders::AidGroup::county});
    const auto year = query.parsed("year", parse_year);
    const auto from = query.parsed("from", kl::parse_date);
    const auto to = query.parsed("to", kl::parse_date);
    out.county = query.text("county");
    out.district = query.text("district");
    out.channel = query_enum<catalog::SalesChannel>(query, "channel");
    out.category = query.text("category");
    out.buyer_id = query.text("buyer");
    KL_TRY(query.finish());
    if (year && (from || to)) return fail_field("year", ProblemCode::invalid_value, "give either year or from/to, not both");
    const int64_t this_year = std::stoll(kl::format_date(kl::today_in_shanghai(clock)).substr(0, 4));
    const int64_t y = year.value_or(this_year);
    out.from = from.value_or(kl::date_from_civil(static_cast<int>(y), 1, 1));
    out.to = to.value_or(kl::date_from_civil(static_cast<int>(y), 12, 31));
    return out;
}

sheets::Table aid_table(const orders::AidSalesReport& report) {
    sheets::Table table;
    table.sheet_name = "aid sales";
    for (const auto group : report.query.group_by) {
        table.columns.push_back({std::string(orders::to_string(group)), false});
        table.columns.push_back({std::string(orders::to_string(group)) + "_name", false});
    }
    for (const char* name : {"amount_fen", "quantity_g", "lines"}) table.columns.push_back({name, true});
    for (const auto& row : report.rows) {
        std::vector<std::string> cells;
        for (size_t i = 0; i < row.keys.size(); ++i) {
            cells.push_back(row.keys[i]);
            cells.push_back(sheets::protect_text(row.labels[i]));
        }
        cells.push_back(std::to_string(row.amount_fen));
        cells.push_back(std::to_string(row.quantity_g));
        cells.push_back(std::to_string(row.lines));
        table.rows.push_back(std::move(cells));
    }
    return table;
}

sheets::Table quota_table(const orders::QuotaReport& report) {
    sheets::Table table;
    table.sheet_name = "quotas " + std::to_string(report.year);
    table.columns = {{"kind", false},         {"id", false},          {"name", false},         {"district", false},
                     {"budget_fen", true},    {"share_bp", true},     {"target_fen", true},    {"reserved_fen", true},
                     {"purchased_fen", true}, {"completion_bp", true}, {"completion_pct", false}};
    for (const auto& unit : report.units) {
        table.rows.push_back({"unit", unit.quota.buyer_id, sheets::protect_text(unit.buyer_name), unit.district,
                              std::to_string(unit.quota.canteen_budget_fen), std::to_string(unit.quota.reserved_share_bp),
                              "", std::to_string(unit.reserved_fen), std::to_string(unit.purchased_fen),
                              std::to_string(unit.completion_bp), orders::percent_text(unit.completion_bp)});
    }
    for (const auto& district : report.districts) {
        table.rows.push_back({"district", district.district, district.district_name, district.district, "", "",
                              district.target_fen ? std::to_string(*district.target_fen) : "",
                              std::to_string(district.reserved_fen), std::to_string(district.purchased_fen),
                              std::to_string(district.completion_bp), orders::percent_text(district.completion_bp)});
    }
    return table;
}

Response aid_sales_report(orders::Orders& services, const ExportNames& names, OrderFormat format, Request& request) {
    auto query = aid_query(request, services.orders.clock());
    if (!query) return error_response(query.error());
    auto report = services.aid_sales.report(request.principal, *query);
    if (!report) return error_response(report.error());
    if (format == OrderFormat::json_body) return json_response(200, aid_sales_json(*report));
    return file_response(aid_table(*report), file_format(format), "aid-sales", names);
}

Response quota_report(orders::Orders& services, const ExportNames& names, OrderFormat format, Request& request) {
    QueryReader query(request);
    const auto year = query.parsed("year", parse_year);
    if (auto decoded = query.finish(); !decoded) return error_response(decoded.error());
    const int64_t this_year =
        std::stoll(kl::format_date(kl::today_in_shanghai(services.orders.clock())).substr(0, 4));
    auto report = services.quotas.report(request.principal, year.value_or(this_year));
    if (!report) return error_response(report.error());
    if (format == OrderFormat::json_body) return json_response(200, quota_report_json(*report));
    return file_response(quota_table(*report), file_format(format), "quotas-" + std::to_string(report->year), names);
}

// ---- registration ----------------------------------------------------------------------------------

Route with_file(Route route, OrderFormat format) {
    if (format == OrderFormat::json_body) return route;
    route.pattern += format == OrderFormat::csv ? ".csv" : ".xlsx";
    route.doc.summary += format == OrderFormat::csv ? " as CSV" : " as XLSX";
    describe_file_response(route, file_format(format));
    return route;
}

void add_order_lifecycle_routes(Router& router, orders::OrderService& service) {
    router.add(documented_route(Method::get, "/api/v1/orders", "orders", "List orders (scoped: a buyer its purchases, a producer its sales, "
                     "a carrier what it carries, a county officer its county's sellers')", "", ref("OrderPage"), 200,
                     [&service](Request& request) { return list_orders(service, request); },
                     with_page(orders_list_params())));
    Route create = documented_route(Method::post, "/api/v1/orders", "orders",
                         "Place an order (admin; a buyer as buyer; a producer as seller). fair_intent starts as "
                         "intent, other channels confirmed. Idempotency-Key required",
                         ref("NewOrder"), ref("Order"), 201, [&service](Request& request) { return create_order(service, request); });
    create.doc.idempotency_key = true;
    create.prepare = [&service](Request& request) { return prepare_order(service, request); };
    router.add(std::move(create));
    router.add(documented_route(Method::get, "/api/v1/orders/{id}", "orders", "An order with its lines, timeline and the actions you may take",
                     "", ref("Order"), 200, [&service](Request& request) { return get_order(service, request); }));
    const std::map<orders::OrderAction, std::string> summaries = {
        {orders::OrderAction::confirm, "Confirm an intent order (its buyer, admin)"},
        {orders::OrderAction::ship, "Mark a confirmed order shipped, naming the carrier (its seller, admin)"},
        {orders::OrderAction::deliver, "Mark a shipped order delivered (its carrier or seller, admin)"},
        {orders::OrderAction::accept, "Accept a delivered order, fully or per line with quality notes; counts aid sales "
                                      "(its buyer, admin)"},
        {orders::OrderAction::pay, "Record payment of an accepted, invoiced order (its buyer, admin). Idempotency-Key "
                                   "required"},
        {orders::OrderAction::cancel, "Cancel with a reason (buyer or seller before shipping; admin until delivered)"},
    };
    for (const auto action : orders::all_order_actions()) {
        Route step = documented_route(Method::post, "/api/v1/orders/{id}/" + std::string(orders::to_string(action)), "orders",
                           summaries.at(action), ref("OrderTransition"), ref("Order"), 200,
                           [&service, action](Request& request) { return order_transition(service, action, request); });
        step.doc.idempotency_key = action == orders::OrderAction::pay;
        router.add(std::move(step));
    }
    router.add(documented_route(Method::put, "/api/v1/orders/{id}/invoice", "orders",
                     "Record the seller's invoice number (unique per seller; the seller, admin)", ref("OrderInvoice"),
                     ref("Order"), 200, [&service](Request& request) { return set_invoice(service, request); }));
    Route import = documented_route(Method::post, "/api/v1/imports/online-sales", "orders",
                         "Import e-commerce and livestream sales from CSV (admin; a producer its own). All rows or none; "
                         "duplicate platform order numbers reject the file naming the rows; re-import is a no-op",
                         json{{"type", "string"}, {"description", "CSV: platform, shop, order_no, channel, order_date, "
                                                                  "seller_credit_code, buyer_credit_code, product_code, "
                                                                  "grade, quantity, unit_price_fen, delivery_district"}}
                             .dump(),
                         ref("OnlineImportReport"), 200, [&service](Request& request) { return import_online_sales(service, request); });
    import.doc.request_content_type = std::string(csv_content_type);
    router.add(std::move(import));
}

void add_quota_and_report_routes(Router& router, orders::Orders& services, const ExportNames& names) {
    auto& quotas = services.quotas;
    router.add(documented_route(Method::put, "/api/v1/quotas/{buyer_id}/{year}", "orders",
                     "Set a budget unit's canteen food budget and reserved share for a year (admin, fund officer, "
                     "the unit itself)",
                     ref("Quota"), ref("Quota"), 200, [&quotas](Request& request) { return set_quota(quotas, request); }));
    router.add(documented_route(Method::put, "/api/v1/district-targets/{district}/{year}", "orders",
                     "Set a district's aid-purchase target for a year (admin, fund officer)", ref("DistrictTarget"),
                     ref("DistrictTarget"), 200, [&quotas](Request& request) { return set_target(quotas, request); }));
    const QueryDocs aid_params = {{"group_by", "comma-separated: county, district, channel, category, month, buyer (default county)"},
                                  {"year", "YYYY (default this year); or from/to"},
                                  {"from", "YYYY-MM-DD, first order date"},
                                  {"to", "YYYY-MM-DD, last order date"},
                                  {"county", "county code"},
                                  {"district", "district code"},
                                  {"channel", "sales channel"},
                                  {"category", "category id"},
                                  {"buyer", "buyer organisation id"}};
    for (const OrderFormat format : {OrderFormat::json_body, OrderFormat::csv, OrderFormat::xlsx}) {
        router.add(with_file(documented_route(Method::get, "/api/v1/reports/aid-sales", "orders",
                                   "Aid sales by county, district, channel, category, month, buyer (scoped to your "
                                   "organisation or county)",
                                   "", ref("AidSalesReport"), 200,
                                   [&services, names, format](Request& request) { return aid_sales_report(services, names, format, request); },
                                   aid_params),
                             format));
        router.add(with_file(documented_route(Method::get, "/api/v1/reports/quotas", "orders",
                                   "Budget units' quota completion and districts' targets (programme-wide roles; a buyer "
                                   "its own unit)",
                                   "", ref("QuotaReport"), 200,
                                   [&services, names, format](Request& request) { return quota_report(services, names, format, request); },
                                   {{"year", "YYYY (default this year)"}}),
                             format));
    }
}

}  // namespace

void add_order_routes(Router& router, orders::Orders& orders, const ExportNames& names) {
    add_order_schemas(router);
    add_order_lifecycle_routes(router, orders.orders);
    add_quota_and_report_routes(router, orders, names);
}

}  // namespace kl::http
