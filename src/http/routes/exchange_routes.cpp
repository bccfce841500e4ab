#include "http/routes/exchange_routes.h"

#include <nlohmann/json.hpp>

#include <cctype>

#include "core/civil_date.h"
#include "sheets/csv.h"
#include "sheets/xlsx.h"
#include "http/json_body.h"
#include "http/routes/catalog_filters.h"
#include "http/routes/route_kit.h"
#include "http/routes/route_support.h"

namespace kl::http {

namespace {

using nlohmann::json;

using ExchangeFormat = FileFormat;

using Import = Result<exchange::ImportReport> (exchange::ExchangeService::*)(const std::optional<access::Principal>&,
                                                                           std::string_view);

Response run_import(exchange::ExchangeService& exchange, Import import, Request& request) {
    if (!is_csv(request)) return not_csv_problem();
    auto report = (exchange.*import)(request.principal, request.body);
    if (!report) return error_response(report.error());
    return json_response(200, json{{"rows", report->rows},
                                   {"created", report->created},
                                   {"updated", report->updated},
                                   {"unchanged", report->unchanged}});
}

Response export_products(exchange::ExchangeService& exchange, ExchangeFormat format, Request& request) {
    auto filter = read_product_filter(request);
    if (!filter) return error_response(filter.error());
    auto table = exchange.export_products(viewer_of(request), *filter);
    if (!table) return error_response(table.error());
    return file_response(*table, format, "products");
}

Response export_organisations(exchange::ExchangeService& exchange, ExchangeFormat format, Request& request) {
    auto filter = read_organisation_filter(request);
    if (!filter) return error_response(filter.error());
    auto table = exchange.export_organisations(request.principal, *filter);
    if (!table) return error_response(table.error());
    return file_response(*table, format, "organisations");
}

Response export_list(exchange::ExchangeService& exchange, exchange::SimpleList list, const std::string& name,
                     ExchangeFormat format, Request& request) {
    auto table = exchange.export_list(request.principal, list);
    if (!table) return error_response(table.error());
    return file_response(*table, format, name);
}

// ---- registration ----------------------------------------------------------------------------------

Route import_route(const std::string& what, std::string summary, exchange::ExchangeService& exchange, Import import) {
    const json sheet = {{"type", "string"},
                        {"description", "the " + what + " sheet as CSV (UTF-8, optional BOM; README: "
                                        "Import and export). Problems are listed per row and column as "
                                        "errors[].field = \"row <n>/<column>\""}};
    Route out = documented_route(Method::post, "/api/v1/imports/" + what, "exchange", std::move(summary), sheet.dump(),
                                 ref("ImportReport"), 200,
                                 [&exchange, import](Request& request) { return run_import(exchange, import, request); });
    out.doc.request_content_type = std::string(csv_content_type);
    return out;
}

Route export_route(const std::string& what, ExchangeFormat format, Access access, const QueryDocs& filters,
                   exchange::ExchangeService& exchange) {
    const bool csv = format == ExchangeFormat::csv;
    const std::string pattern = "/api/v1/exports/" + what + (csv ? ".csv" : ".xlsx");
    const std::string summary = "Export the " + what + " the list endpoint shows you as " + (csv ? "CSV" : "XLSX") +
                                " (same filters; ordered by natural key)";
    Handler handler = what == "products"
                          ? Handler([&exchange, format](Request& request) { return export_products(exchange, format, request); })
                          : Handler([&exchange, format](Request& request) {
                                return export_organisations(exchange, format, request);
                            });
    Route out = with_access(documented_route(Method::get, pattern, "exchange", summary, "", "", 200, std::move(handler), filters),
                            access);
    describe_file_response(out, format);
    return out;
}

Route list_export_route(const std::string& what, exchange::SimpleList list, ExchangeFormat format, Access access,
                        std::string who, exchange::ExchangeService& exchange) {
    const bool csv = format == ExchangeFormat::csv;
    Route out = documented_route(Method::get, "/api/v1/exports/" + what + (csv ? ".csv" : ".xlsx"), "exchange",
                                 "Export the " + what + " list as " + (csv ? "CSV" : "XLSX") + " (" + std::move(who) + ")",
                                 "", "", 200, [&exchange, list, what, format](Request& request) {
                                     return export_list(exchange, list, what, format, request);
                                 }, {}, access);
    describe_file_response(out, format);
    return out;
}

void add_report_schema(Router& router) {
    const json count = {{"type", "integer"}, {"minimum", 0}};
    router.add_schema("ImportReport", object_schema(json::array({"rows", "created", "updated", "unchanged"}),
                                                    {{"rows", count}, {"created", count}, {"updated", count}, {"unchanged", count}})
                                          .dump());
}

}  // namespace

void add_exchange_routes(Router& router, exchange::ExchangeService& exchange) {
    add_report_schema(router);
    router.add(import_route("products", "Import products with their brand standards (admin; a producer its own)",
                            exchange, &exchange::ExchangeService::import_products));
    router.add(import_route("organisations", "Import organisations with their supply links (admin)", exchange,
                            &exchange::ExchangeService::import_organisations));
    for (const ExchangeFormat format : {ExchangeFormat::csv, ExchangeFormat::xlsx}) {
        router.add(export_route("products", format, Access::open, product_filter_docs(), exchange));
        router.add(export_route("organisations", format, Access::authenticated, organisation_filter_docs(), exchange));
        using exchange::SimpleList;
        router.add(list_export_route("counties", SimpleList::counties, format, Access::open, "anyone", exchange));
        router.add(list_export_route("districts", SimpleList::districts, format, Access::open, "anyone", exchange));
        router.add(list_export_route("categories", SimpleList::categories, format, Access::open, "anyone", exchange));
        router.add(list_export_route("users", SimpleList::users, format, Access::authenticated, "admin, auditor",
                                     exchange));
    }
}

}  // namespace kl::http
