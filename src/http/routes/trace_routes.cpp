#include "http/routes/trace_routes.h"

#include <nlohmann/json.hpp>

#include "http/json_body.h"
#include "http/query.h"
#include "http/routes/route_kit.h"
#include "http/routes/route_support.h"
#include "http/routes/trace_json.h"

namespace kl::http {

namespace {

using nlohmann::json;
namespace tj = trace_json;

Response record_lot(trace::TraceService& service, Request& request) {
    auto lot = decode_body(request, tj::decode_new_lot);
    if (!lot) return error_response(lot.error());
    return reply(service.record_lot(request.principal, *lot), 201, tj::lot_json);
}

Response list_lots(trace::TraceService& service, Request& request) {
    QueryReader query(request);
    trace::LotFilter filter;
    filter.product_id = query.text("product");
    filter.producer_id = query.text("producer");
    filter.county = query.text("county");
    filter.code = query.text("code");
    const int limit = query.limit();
    const auto cursor = query.cursor();
    if (auto done = query.finish(); !done) return error_response(done.error());
    auto page = service.list_lots(request.principal, filter, limit, cursor);
    if (!page) return error_response(page.error());
    return json_response(200, page_json(page->lots, page->next_cursor, tj::lot_json));
}

Response lot_events(trace::TraceService& service, Request& request) {
    QueryReader query(request);
    const int limit = query.limit();
    const auto cursor = query.cursor();
    if (auto done = query.finish(); !done) return error_response(done.error());
    auto page = service.lot_events(request.principal, request.param("id"), limit, cursor);
    if (!page) return error_response(page.error());
    return json_response(200, page_json(page->events, page->next_cursor, tj::event_json));
}

Response record_event(trace::TraceService& service, Request& request) {
    auto decoded = decode_body(request, tj::decode_event);
    if (!decoded) return error_response(decoded.error());
    if (auto* declaration = std::get_if<trace::ErrorDeclarationInput>(&*decoded)) {
        return reply(service.declare_error(request.principal, *declaration), 201, tj::event_json);
    }
    auto recorded = service.record_event(request.principal, std::get<trace::Event>(std::move(*decoded)));
    if (!recorded) return error_response(recorded.error());
    return json_response(recorded->created ? 201 : 200, tj::event_json(recorded->event));
}

}  // namespace

void add_trace_routes(Router& router, trace::Trace& trace) {
    trace_json::add_trace_schemas(router);
    trace::TraceService& service = trace.lots;
    const std::string tag = "trace";
    router.add(with_idempotency_key(documented_route(
        Method::post, "/api/v1/lots", tag,
        "Record a lot of a producer's product (admin; a producer its own): its commissioning event, origin and public trace code",
        ref("NewLot"), ref("Lot"), 201, [&service](Request& request) { return record_lot(service, request); })));
    router.add(documented_route(Method::get, "/api/v1/lots", tag,
                                "Lots (scoped: a producer its own, a county officer its county's, a buyer what it bought, a carrier "
                                "what it carries)",
                                "", ref("LotPage"), 200, [&service](Request& request) { return list_lots(service, request); },
                                with_page({{"product", "product id"},
                                           {"producer", "producer organisation id"},
                                           {"county", "county code of the producer"},
                                           {"code", "a lot code (compared by its identifier key) or a trace code"}})));
    router.add(documented_route(Method::get, "/api/v1/lots/{id}", tag, "A lot with its origin and what it holds now", "", ref("Lot"), 200,
                                [&service](Request& request) { return reply(service.get_lot(request.principal, request.param("id")), 200, tj::lot_json); }));
    router.add(documented_route(Method::get, "/api/v1/lots/{id}/events", tag, "A lot's EPCIS 2.0 events in the order recorded", "",
                                ref("TraceEventPage"), 200, [&service](Request& request) { return lot_events(service, request); },
                                with_page({})));
    router.add(with_idempotency_key(documented_route(
        Method::post, "/api/v1/trace/events", tag,
        "Record one EPCIS 2.0-shaped event (observe, pack/unpack a pallet, transform, link to a business transaction, remove) or an "
        "error declaration. 201 new; 200 when the same event (its CBV 2.0 eventID) was stored already",
        ref("NewTraceEvent"), ref("TraceEvent"), 201, [&service](Request& request) { return record_event(service, request); })));
}

}  // namespace kl::http
