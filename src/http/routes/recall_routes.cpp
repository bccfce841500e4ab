#include "http/routes/recall_routes.h"

#include <nlohmann/json.hpp>

#include "http/json_body.h"
#include "http/query.h"
#include "http/routes/recall_json.h"
#include "http/routes/route_kit.h"
#include "http/routes/route_support.h"

namespace kl::http {

namespace {

using nlohmann::json;
namespace rj = recall_json;

Response lot_trace(trace::TraceGraphService& graph, Request& request) {
    QueryReader query(request);
    const auto direction = query_enum<trace::Direction>(query, "direction");
    const auto format = read_file_format(query);
    if (auto done = query.finish(); !done) return error_response(done.error());
    if (format == FileFormat::csv) {
        return error_response(Error::invalid("format", ProblemCode::invalid_value, "must be json or xlsx"));
    }
    if (format == FileFormat::xlsx) {
        auto sheet = graph.sheet(request.principal, request.param("id"));
        if (!sheet) return error_response(sheet.error());
        return file_response(*sheet, FileFormat::xlsx, "trace-" + request.param("id"));
    }
    return reply(graph.trace(request.principal, request.param("id"), direction.value_or(trace::Direction::backward)), 200, rj::trace_json);
}

Response lot_trace_sheet(trace::TraceGraphService& graph, Request& request) {
    auto sheet = graph.sheet(request.principal, request.param("id"));
    if (!sheet) return error_response(sheet.error());
    return file_response(*sheet, FileFormat::xlsx, "trace-" + request.param("id"));
}

Response list_recalls(trace::RecallService& recalls, Request& request) {
    QueryReader query(request);
    trace::RecallFilter filter;
    filter.status = query_enum<trace::RecallStatus>(query, "status");
    filter.lot_id = query.text("lot");
    const int limit = query.limit();
    const auto cursor = query.cursor();
    if (auto done = query.finish(); !done) return error_response(done.error());
    auto page = recalls.list(request.principal, filter, limit, cursor);
    if (!page) return error_response(page.error());
    return json_response(200, page_json(page->recalls, page->next_cursor, rj::recall_json));
}

}  // namespace

void add_trace_graph_routes(Router& router, trace::Trace& trace, trace::RecallService* recalls) {
    rj::add_recall_schemas(router);
    trace::TraceGraphService& graph = trace.graph;
    const std::string tag = "trace";
    router.add(documented_route(
        Method::get, "/api/v1/lots/{id}/trace", tag,
        "A lot's trace: backward to every input lot and the suppliers (households, workshops) of the commissioned ones, or forward to "
        "every lot made from it, pallet it was packed on, order it shipped on and buyer, with quantities (scoped as the lot; orders "
        "outside the caller's scope are hidden nodes). format=xlsx: the FSMA 204 sortable spreadsheet",
        "", ref("Trace"), 200, [&graph](Request& request) { return lot_trace(graph, request); },
        {{"direction", "backward (default) or forward"}, {"format", "json (default) or xlsx"}}));
    Route sheet = documented_route(Method::get, "/api/v1/lots/{id}/trace.xlsx", tag,
                                   "The FSMA 204 sortable spreadsheet of a lot: one row per critical tracking event and lot of its backward "
                                   "and forward traces, with every key data element",
                                   "", "", 200, [&graph](Request& request) { return lot_trace_sheet(graph, request); });
    describe_file_response(sheet, FileFormat::xlsx);
    router.add(std::move(sheet));
    if (recalls == nullptr) return;
    trace::RecallService& service = *recalls;
    router.add(with_idempotency_key(documented_route(
        Method::post, "/api/v1/recalls", tag,
        "Open a recall of a lot with a reason (admin; a county officer its county's lots; a producer its own): everything its forward "
        "trace reached is computed and kept, with the buyers to notify and what each received. 409 when the lot has an open recall",
        ref("NewRecall"), ref("Recall"), 201, [&service](Request& request) {
            auto input = decode_body(request, rj::decode_new_recall);
            if (!input) return error_response(input.error());
            return reply(service.open(request.principal, *input), 201, rj::recall_json);
        })));
    router.add(documented_route(Method::get, "/api/v1/recalls", tag,
                                "Recalls, newest first (scoped: a county officer its county's, a producer its lots', a buyer those naming "
                                "it with its own notice only; admin, fund officer and auditor all)",
                                "", ref("RecallPage"), 200, [&service](Request& request) { return list_recalls(service, request); },
                                with_page({{"status", "open or closed"}, {"lot", "lot id"}})));
    router.add(documented_route(Method::get, "/api/v1/recalls/{id}", tag, "A recall with its buyers, what each received and acknowledged", "",
                                ref("Recall"), 200, [&service](Request& request) {
                                    return reply(service.get(request.principal, request.param("id")), 200, rj::recall_json);
                                }));
    router.add(with_idempotency_key(documented_route(
        Method::post, "/api/v1/recalls/{id}/acknowledgements", tag,
        "A buyer acknowledges a recall naming it, once, with what it recovered of each lot (lots not named: nothing); the last "
        "acknowledgement closes the recall",
        ref("RecallAcknowledgement"), ref("Recall"), 200, [&service](Request& request) {
            auto input = decode_body(request, rj::decode_acknowledgement);
            if (!input) return error_response(input.error());
            return reply(service.acknowledge(request.principal, request.param("id"), *input), 200, rj::recall_json);
        })));
    router.add(with_idempotency_key(documented_route(
        Method::post, "/api/v1/recalls/{id}/close", tag,
        "Close an open recall before every buyer acknowledged, with a note (the organisation that opened it, or an admin)",
        ref("RecallClose"), ref("Recall"), 200, [&service](Request& request) {
            auto note = decode_body(request, rj::decode_close);
            if (!note) return error_response(note.error());
            return reply(service.close(request.principal, request.param("id"), *note), 200, rj::recall_json);
        })));
}

}  // namespace kl::http
