#include "http/routes/epcis_routes.h"

#include <nlohmann/json.hpp>

#include <cctype>
#include <map>
#include <set>

#include "store/page.h"
#include "core/field_errors.h"
#include "http/json_body.h"
#include "http/routes/epcis_json.h"
#include "http/routes/route_kit.h"
#include "http/routes/route_support.h"
#include "trace/epcis_service.h"

namespace kl::http {

namespace {

using nlohmann::json;
namespace ej = epcis_json;

constexpr std::string_view epcis_ld_json = "application/ld+json";
constexpr std::string_view epcis_biz_transaction_param = "EQ_bizTransaction_";

// application/ld+json (EPCIS 2.0's) or application/json, parameters (charset) aside; absent is JSON.
bool is_epcis_json_content(const Request& request) {
    auto type = request.header("content-type");
    if (!type) return true;
    std::string media = type->substr(0, type->find(';'));
    while (!media.empty() && media.back() == ' ') media.pop_back();
    for (auto& c : media) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return media == epcis_ld_json || media == "application/json";
}

Response capture_epcis_document(trace::EpcisService& epcis, Request& request) {
    if (!is_epcis_json_content(request)) {
        return problem(415, "Unsupported Media Type", "an EPCIS document is sent as application/ld+json (or application/json)");
    }
    auto events = decode_body(request, ej::decode_document);
    if (!events) return error_response(events.error());
    auto outcome = epcis.capture(request.principal, std::move(*events));
    if (!outcome) return error_response(outcome.error());
    const json body = {{"captured", outcome->captured},
                       {"alreadyPresent", outcome->already_present},
                       {"declared", outcome->declared},
                       {"eventIDs", outcome->event_ids}};
    return json_response(outcome->captured + outcome->declared > 0 ? 201 : 200, body);
}

// ---- query -----------------------------------------------------------------------------------------

const std::set<std::string>& epcis_query_names() {
    static const std::set<std::string> names = {"eventType",   "GE_eventTime",   "LT_eventTime",      "EQ_bizStep",
                                                "EQ_disposition", "MATCH_epc",   "MATCH_anyEPC",      "MATCH_epcClass",
                                                "MATCH_anyEPCClass", "EQ_bizLocation", "perPage",     "nextPageToken"};
    return names;
}

// Every value of a parameter: repeated parameters and comma-separated lists alike.
class EpcisParams {
public:
    explicit EpcisParams(const Request& request) {
        for (const auto& [name, value] : request.query) {
            if (epcis_query_names().count(name) == 0 && !name.starts_with(epcis_biz_transaction_param)) {
                problems_.add(name, ProblemCode::unknown_field,
                              "is not a query parameter this interface answers (README \"EPCIS interface\" lists them)");
                continue;
            }
            size_t from = 0;
            while (from <= value.size()) {
                const size_t comma = value.find(',', from);
                std::string item = value.substr(from, comma == std::string::npos ? std::string::npos : comma - from);
                if (!item.empty()) values_[name].push_back(std::move(item));
                if (comma == std::string::npos) break;
                from = comma + 1;
            }
            if (values_[name].size() > trace::epcis_query_values_max) {
                problems_.add(name, ProblemCode::too_many, "may list at most " + std::to_string(trace::epcis_query_values_max) + " values");
            }
            if (values_[name].empty()) problems_.add(name, ProblemCode::required, "must have a value");
        }
    }

    const std::vector<std::string>& all(const std::string& name) const {
        static const std::vector<std::string> none;
        auto found = values_.find(name);
        return found == values_.end() ? none : found->second;
    }

    std::optional<std::string> one(const std::string& name) {
        const auto& values = all(name);
        if (values.empty()) return std::nullopt;
        if (values.size() > 1) problems_.add(name, ProblemCode::too_many, "takes one value");
        return values.front();
    }

    // CBV values in any of their forms (bare, Web URI, URN).
    template <typename E>
    std::vector<E> cbv(const std::string& name, std::string_view web, std::string_view urn) {
        std::vector<E> out;
        for (const auto& value : all(name)) {
            auto parsed = parse_enum<E>(ej::cbv_bare_name(value, web, urn), name);
            if (!parsed) {
                add(name, parsed.error());
            } else {
                out.push_back(*parsed);
            }
        }
        return out;
    }

    std::optional<int64_t> time(const std::string& name) {
        auto value = one(name);
        if (!value) return std::nullopt;
        auto parsed = trace::parse_event_time(*value, name);
        if (!parsed) {
            add(name, parsed.error());
            return std::nullopt;
        }
        return parsed->epoch_ms;
    }

    std::vector<std::pair<std::string, std::vector<std::string>>> transactions() const {
        std::vector<std::pair<std::string, std::vector<std::string>>> out;
        for (const auto& [name, values] : values_) {
            if (name.starts_with(epcis_biz_transaction_param)) out.emplace_back(name, values);
        }
        return out;
    }

    void add(const std::string& name, const Error& error) {
        if (error.fields.empty()) {
            problems_.add(name, ProblemCode::invalid_value, error.message);
            return;
        }
        const auto& field = error.fields.front();
        problems_.add(name, field.code, field.message, field.params);
    }
    FieldErrors& problems() { return problems_; }

private:
    std::map<std::string, std::vector<std::string>> values_;
    FieldErrors problems_;
};

std::string epcis_query_escape(std::string_view text) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || c == '-' || c == '_' || c == '.' || c == '~') {
            out.push_back(c);
        } else {
            out += {'%', digits[byte >> 4], digits[byte & 15]};
        }
    }
    return out;
}

// The request's address with nextPageToken set to `token`.
std::string epcis_next_page_address(const Request& request, const std::string& token) {
    const size_t question = request.target.find('?');
    std::string address = request.target.substr(0, question);
    std::string query;
    if (question != std::string::npos) {
        const std::string raw = request.target.substr(question + 1);
        size_t from = 0;
        while (from <= raw.size()) {
            const size_t amp = raw.find('&', from);
            const std::string part = raw.substr(from, amp == std::string::npos ? std::string::npos : amp - from);
            if (!part.empty() && !part.starts_with("nextPageToken=")) query += (query.empty() ? "" : "&") + part;
            if (amp == std::string::npos) break;
            from = amp + 1;
        }
    }
    query += (query.empty() ? "" : "&") + std::string("nextPageToken=") + epcis_query_escape(token);
    return address + "?" + query;
}

Response query_epcis_events(trace::EpcisService& epcis, Request& request) {
    EpcisParams params(request);
    trace::EventQuery query;
    for (const auto& name : params.all("eventType")) {
        auto type = parse_enum<trace::EventType>(name, "eventType");
        if (!type) {
            params.add("eventType", type.error());
        } else {
            query.event_types.push_back(*type);
        }
    }
    query.ge_event_time_ms = params.time("GE_eventTime");
    query.lt_event_time_ms = params.time("LT_eventTime");
    query.biz_steps = params.cbv<trace::BizStep>("EQ_bizStep", "BizStep", "bizstep");
    query.dispositions = params.cbv<trace::Disposition>("EQ_disposition", "Disp", "disp");
    for (const char* name : {"MATCH_epc", "MATCH_epcClass", "MATCH_anyEPC", "MATCH_anyEPCClass"}) {
        const bool any = std::string_view(name).starts_with("MATCH_any");
        for (const auto& uri : params.all(name)) {
            if (!trace::parse_lot_class_uri(uri) && !trace::parse_sscc_uri(uri)) {
                params.problems().add(name, ProblemCode::bad_format,
                                      "must be a lot's class URI urn:kashlink:lot:<producer id>:<lot code> or a pallet's SSCC "
                                      "https://id.gs1.org/00/<sscc> (no wildcards)");
                continue;
            }
            (any ? query.match_any_epc : query.match_epc).push_back(uri);
        }
    }
    for (const auto& uri : params.all("EQ_bizLocation")) {
        if (!trace::parse_location_uri(uri)) {
            params.problems().add("EQ_bizLocation", ProblemCode::bad_format, "must be urn:kashlink:loc:<organisation id>");
            continue;
        }
        query.biz_locations.push_back(uri);
    }
    for (const auto& [name, uris] : params.transactions()) {
        const std::string type_name = name.substr(epcis_biz_transaction_param.size());
        auto type = parse_enum<trace::BizTransactionType>(ej::cbv_bare_name(type_name, "BTT", "btt"), name);
        if (!type) {
            params.add(name, type.error());
            continue;
        }
        query.biz_transactions.push_back({*type, uris});
    }
    int limit = store::page_limit_default;
    if (auto per_page = params.one("perPage")) {
        const bool digits = per_page->size() <= 4 && per_page->find_first_not_of("0123456789") == std::string::npos;
        limit = digits ? std::stoi(*per_page) : 0;
        if (limit < store::page_limit_min || limit > store::page_limit_max) {
            params.problems().add("perPage", ProblemCode::out_of_range,
                                  "must be an integer between " + std::to_string(store::page_limit_min) + " and " +
                                      std::to_string(store::page_limit_max));
        }
    }
    const auto token = params.one("nextPageToken");
    if (auto done = params.problems().finish(); !done) return error_response(done.error());
    auto page = epcis.query(request.principal, query, limit, token);
    if (!page) {
        // Our cursor's own problem names `cursor`; here the parameter is nextPageToken.
        Error error = page.error();
        for (auto& field : error.fields) {
            if (field.field == "cursor") field.field = "nextPageToken";
        }
        return error_response(error);
    }
    Response response = json_response(200, ej::query_document_json(page->events, epcis.now_ms()));
    response.content_type = std::string(epcis_ld_json);
    if (page->next_cursor) response.with_header("Link", "<" + epcis_next_page_address(request, *page->next_cursor) + ">; rel=\"next\"");
    return response;
}

}  // namespace

void add_epcis_routes(Router& router, trace::Trace& trace) {
    ej::add_epcis_schemas(router);
    trace::EpcisService& epcis = trace.epcis;
    const std::string tag = "trace";
    Route capture_route = with_idempotency_key(documented_route(
        Method::post, "/api/v1/epcis/capture", tag,
        "Capture an EPCIS 2.0 JSON-LD document of up to 10,000 events, all or nothing (a producer on its own lots, a carrier its "
        "observations of what it carries, admin). Problems are named epcisBody/eventList/<index>/<field>, all at once. 201 with "
        "counts; 200 when every event was stored already (its CBV 2.0 eventID)",
        ref("EpcisDocument"), ref("EpcisCaptureResult"), 201, [&epcis](Request& request) { return capture_epcis_document(epcis, request); }));
    capture_route.doc.request_content_type = std::string(epcis_ld_json);
    router.add(std::move(capture_route));
    // Its parameters include a family (EQ_bizTransaction_<type>) no fixed list documents, and EpcisParams
    // refuses every other name itself, pointing at the README's list: the pipeline passes them all on.
    Route query_route = with_any_query_params(documented_route(
        Method::get, "/api/v1/epcis/events", tag,
        "EPCIS 2.0 events matching the query parameters (every list comma-separated and OR'ed, the parameters AND'ed), scoped to "
        "what the caller sees, as an EPCISQueryDocument; the next page's address in the Link header (rel=\"next\")",
        "", ref("EpcisQueryDocument"), 200, [&epcis](Request& request) { return query_epcis_events(epcis, request); },
        {{"eventType", "ObjectEvent, AggregationEvent, TransactionEvent, TransformationEvent"},
         {"GE_eventTime", "events at or after this time (YYYY-MM-DDTHH:MM:SS[.fff]Z or ±HH:MM)"},
         {"LT_eventTime", "events before this time"},
         {"EQ_bizStep", "CBV 2.0 business steps (bare names, https://ref.gs1.org/cbv/BizStep-… or urn:epcglobal:cbv:bizstep:…)"},
         {"EQ_disposition", "CBV 2.0 dispositions"},
         {"MATCH_epc", "lot class URIs or pallet SSCC URIs, matched in quantityList and childQuantityList (also MATCH_epcClass)"},
         {"MATCH_anyEPC", "as MATCH_epc in every list, an SSCC also as parentID (also MATCH_anyEPCClass)"},
         {"EQ_bizLocation", "location URIs urn:kashlink:loc:<organisation id>"},
         {"EQ_bizTransaction_<type>", "business transaction URIs of that CBV type (po: urn:kashlink:order:<id>)"},
         {"perPage", "page size, " + std::to_string(store::page_limit_min) + " to " + std::to_string(store::page_limit_max)},
         {"nextPageToken", "the token of the Link header's next page (this platform's keyset cursor)"}}));
    query_route.doc.response_content_type = std::string(epcis_ld_json);
    router.add(std::move(query_route));
}

}  // namespace kl::http
