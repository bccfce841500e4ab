#pragma once
// The trace module's services over one store, built once (App, tests):
//
//   trace::Trace trace(store, clock, ids, audit_trail);
//   orders.orders.set_shipment_lots(trace::shipment_lots_port(trace.lots));
//
//   lots          lots, events, error declarations, the order lifecycle's port     trace_service.h
//   graph         backward and forward traces, the FSMA 204 sheet                  trace_graph.h
//   epcis         EPCIS 2.0 capture (a document, all or nothing) and query           epcis_service.h
//   public_trace  the public trace page /t/<code>: lookup, scans, rate limit          public_trace.h
// Recalls (recall.h) are made beside this by the composition root.
// Pure pieces: sscc.h (SSCC-18), trace_code.h (public codes), event_hash.h (CBV 2.0 eventID).

#include "trace/epcis_service.h"
#include "trace/public_trace.h"
#include "trace/trace_graph.h"
#include "trace/trace_service.h"

namespace kl::trace {

struct Trace {
    // `public_limit`: the public page's rate limit per client address (http_bench lifts it to measure
    // the page's throughput from one loopback address).
    Trace(store::Store& store, const Clock& clock, IdGenerator& ids, audit::AuditTrail& audit, TraceOptions options = {},
          RateLimit public_limit = {})
        : lots(store, clock, ids, audit, std::move(options)), graph(store), epcis(store, clock, lots), public_trace(store, clock, public_limit) {}

    TraceService lots;
    TraceGraphService graph;
    EpcisService epcis;
    PublicTraceService public_trace;
};

}  // namespace kl::trace
