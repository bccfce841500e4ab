#include "http/routes/public_trace_routes.h"

#include <nlohmann/json.hpp>

#include "access/login_throttle.h"
#include "http/json_body.h"
#include "http/routes/route_kit.h"
#include "http/routes/route_support.h"
#include "qr/qr_code.h"
#include "trace/event_hash.h"
#include "trace/trace_code.h"

namespace kl::http {

namespace {

using nlohmann::json;

// A Host header longer than this, or with other characters than a host name, port or IPv6 literal
// has, is not used to build an address (the QR would lead elsewhere).
constexpr size_t host_chars_max = 255;
// QR images do not change for a code: browsers and proxies may keep them a day.
constexpr std::string_view qr_cache_control = "public, max-age=86400";
constexpr int32_t qr_png_module_px = 8;

bool is_host(std::string_view host) {
    if (host.empty() || host.size() > host_chars_max) return false;
    for (const char c : host) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
                        c == ':' || c == '[' || c == ']';
        if (!ok) return false;
    }
    return true;
}

// The page's own address, or "" when neither a base URL is configured nor the Host header is usable.
std::string page_url(const PublicTraceRouteOptions& options, const Request& request, const std::string& code) {
    if (!options.public_base_url.empty()) return options.public_base_url + "/t/" + code;
    const auto host = request.header("host");
    if (!host || !is_host(*host)) return "";
    return "http://" + *host + "/t/" + code;
}

// 429 with Retry-After (whole seconds, rounded up) when the client has used its requests.
std::optional<Response> refuse_over_limit(trace::PublicTraceService& service, const Request& request) {
    const auto wait_ms = service.admit(access::address_throttle_key(request.remote_address));
    if (!wait_ms) return std::nullopt;
    const int64_t wait_s = (*wait_ms + 999) / 1000;
    Response response = problem(429, "Too many requests",
                                "This address has looked up too many trace codes; try again in " + std::to_string(wait_s) + " s");
    response.with_header("Retry-After", std::to_string(wait_s));
    return response;
}

json place_json(const trace::PublicPlace& place) {
    return {{"kind", std::string(to_string(place.kind))}, {"name", place.name}, {"name_en", place.name_en}};
}

template <typename E>
json enum_or_null(const std::optional<E>& value) {
    return value ? json(std::string(to_string(*value))) : json(nullptr);
}

json public_trace_json(const trace::PublicTrace& page, const std::string& url) {
    json journey = json::array();
    for (const auto& step : page.journey) {
        journey.push_back({{"type", std::string(to_string(step.type))},
                           {"biz_step", enum_or_null(step.biz_step)},
                           {"disposition", enum_or_null(step.disposition)},
                           {"process", enum_or_null(step.process)},
                           {"time", trace::utc_timestamp(step.event_time_ms)},
                           {"date", format_date(step.date)},
                           {"place", place_json(step.place)}});
    }
    json origins = json::array();
    for (const auto& origin : page.origins) {
        origins.push_back({{"county", {{"code", origin.county}, {"name", origin.county_name}, {"name_en", origin.county_name_en}}},
                           {"households", origin.households},
                           {"workshops", origin.workshops},
                           {"lots", origin.lots}});
    }
    return {{"trace_code", page.trace_code},
            {"trace_code_printed", trace::format_trace_code(page.trace_code)},
            {"product", {{"name", page.product_name}, {"name_en", page.product_name_en}, {"grade", page.grade}}},
            {"producer", {{"name", page.producer_name}, {"name_en", page.producer_name_en}}},
            {"county", {{"code", page.county}, {"name", page.county_name}, {"name_en", page.county_name_en}}},
            {"households", page.households},
            {"workshops", page.workshops},
            {"origins", std::move(origins)},
            {"input_lots", page.input_lots},
            {"origins_complete", page.origins_complete},
            {"harvest_date", date_or_null(page.harvest_date)},
            {"pack_date", date_or_null(page.pack_date)},
            {"certification",
             {{"status", std::string(to_string(page.certification))},
              {"on", format_date(page.certification_on)},
              {"basis", page.shipped ? "first_shipment" : "today"}}},
            {"journey", journey},
            {"page_url", url.empty() ? json(nullptr) : json(url)},
            {"qr_svg", "/t/" + page.trace_code + ".svg"},
            {"qr_png", "/t/" + page.trace_code + ".png"}};
}

Response public_trace(trace::PublicTraceService& service, const PublicTraceRouteOptions& options, Request& request) {
    if (auto refused = refuse_over_limit(service, request)) return std::move(*refused);
    auto page = service.lookup(request.param("code"));
    if (!page) return error_response(page.error());
    Response response = json_response(200, public_trace_json(*page, page_url(options, request, page->trace_code)));
    response.with_header("Cache-Control", "no-store");  // each look is a scan
    return response;
}

enum class Image { svg, png };

Response qr_image(trace::PublicTraceService& service, const PublicTraceRouteOptions& options, Request& request, Image image) {
    if (auto refused = refuse_over_limit(service, request)) return std::move(*refused);
    auto code = service.existing_code(request.param("code"));
    if (!code) return error_response(code.error());
    const std::string url = page_url(options, request, *code);
    if (url.empty()) {
        return problem(400, "Invalid request", "The Host header is not a host name, and no public_base_url is configured",
                       {FieldError{"Host", ProblemCode::bad_format, "must be a host name and port"}});
    }
    auto matrix = qr::encode(url);
    if (!matrix) return error_response(matrix.error());
    auto bytes = image == Image::svg ? qr::svg(*matrix, {}, "/t/" + *code) : qr::png(*matrix, {.module_px = qr_png_module_px});
    if (!bytes) return error_response(bytes.error());
    Response response;
    response.content_type = image == Image::svg ? "image/svg+xml" : "image/png";
    response.body = std::move(*bytes);
    response.with_header("Cache-Control", std::string(qr_cache_control));
    return response;
}

void add_public_trace_schemas(Router& router) {
    const json text = string_schema();
    const json names = object_schema({{"name", text}, {"name_en", text}});
    const json step = object_schema(
        {{"type", enum_of<trace::EventType>()}, {"biz_step", nullable(enum_of<trace::BizStep>())},
         {"disposition", nullable(enum_of<trace::Disposition>())}, {"process", nullable(enum_of<trace::Process>())},
         {"time", date_time_schema()}, {"date", date_schema()},
         {"place", object_schema({{"kind", enum_of<trace::PlaceKind>()}, {"name", text}, {"name_en", text}})}});
    router.add_schema(
        "PublicTrace",
        object_schema({{"trace_code", text}, {"trace_code_printed", text},
                       {"product", object_schema({{"name", text}, {"name_en", text}, {"grade", text}})}, {"producer", names},
                       {"county", object_schema({{"code", text}, {"name", text}, {"name_en", text}})},
                       {"households", integer_schema()}, {"workshops", integer_schema()},
                       {"origins", array_of(object_schema({{"county", object_schema({{"code", text}, {"name", text}, {"name_en", text}})},
                                                           {"households", integer_schema()}, {"workshops", integer_schema()},
                                                           {"lots", integer_schema()}}))},
                       {"input_lots", integer_schema()}, {"origins_complete", {{"type", "boolean"}}},
                       {"harvest_date", nullable(date_schema())}, {"pack_date", nullable(date_schema())},
                       {"certification", object_schema({{"status", enum_of<catalog::CertStatus>()}, {"on", date_schema()},
                                                        {"basis", enum_of({"first_shipment", "today"})}})},
                       {"journey", array_of(step)}, {"page_url", nullable(text)}, {"qr_svg", text}, {"qr_png", text}})
            .dump());
    router.add_schema("LotScans", object_schema({{"total", integer_schema()},
                                                 {"days", array_of(object_schema({{"day", date_schema()}, {"count", integer_schema()}}))}})
                                      .dump());
}

json scans_json(const trace::ScanCounts& counts) {
    json days = json::array();
    for (const auto& [day, count] : counts.days) days.push_back({{"day", format_date(day)}, {"count", count}});
    return {{"total", counts.total}, {"days", days}};
}

}  // namespace

void add_public_trace_routes(Router& router, trace::Trace& trace, PublicTraceRouteOptions options) {
    add_public_trace_schemas(router);
    trace::PublicTraceService& service = trace.public_trace;
    const std::string tag = "trace";
    auto shared = std::make_shared<PublicTraceRouteOptions>(std::move(options));
    // The public page and its QR images take no parameters, yet their addresses travel through phone
    // scanners, chat shares and printed labels whose tools append their own (?from=…, utm_…, a cache
    // buster): refusing those would turn away a shopper's scan for nothing, so any are passed and ignored.
    router.add(with_any_query_params(documented_route(Method::get, "/api/v1/public/trace/{code}", tag,
                                "A lot's public trace page by its trace code (anyone; typed codes are normalised): product, "
                                "producer, county, how many households and workshops contributed and where the goods grew (for a lot "
                                "made from others, its inputs' counties from the backward trace), dates, certification on the "
                                "sale date and the journey. No prices, buyers or people. Limited per client address (429)",
                                "", ref("PublicTrace"), 200,
                                [&service, shared](Request& request) { return public_trace(service, *shared, request); }, {},
                                Access::open)));
    for (const auto& [suffix, image, type] :
         {std::tuple{".svg", Image::svg, "image/svg+xml"}, std::tuple{".png", Image::png, "image/png"}}) {
        Route route = with_any_query_params(documented_route(
            Method::get, std::string("/t/{code}") + suffix, tag,
            std::string("A QR code (") + type + ") of the lot's public trace page address (anyone; limited per client address)", "",
            R"({"format":"binary","type":"string"})",
            200, [&service, shared, image = image](Request& request) { return qr_image(service, *shared, request, image); }, {},
            Access::open));
        route.doc.response_content_type = type;
        router.add(std::move(route));
    }
    router.add(documented_route(Method::get, "/api/v1/lots/{id}/scans", tag,
                                "How often the lot's public trace page was looked up, per Beijing day (newest first, 90 days; "
                                "scoped as the lot)",
                                "", ref("LotScans"), 200, [&service](Request& request) {
                                    return reply(service.scans(request.principal, request.param("id")), 200, scans_json);
                                }));
}

}  // namespace kl::http
