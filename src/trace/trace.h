#pragma once
// The trace module's services over one store, built once (App, tests):
//
//   trace::Trace trace(store, clock, ids);
//   orders.orders.set_shipment_lots(trace::shipment_lots_port(trace.lots));
//
//   lots   lots, events, error declarations, the order lifecycle's port     trace_service.h
//   graph  backward and forward traces, the FSMA 204 sheet                  trace_graph.h
// Recalls (recall.h) append to the audit trail, so the composition root makes them beside this.
// Pure pieces: sscc.h (SSCC-18), trace_code.h (public codes), event_hash.h (CBV 2.0 eventID).

#include "trace/trace_graph.h"
#include "trace/trace_service.h"

namespace kl::trace {

struct Trace {
    Trace(store::Store& store, const Clock& clock, IdGenerator& ids, TraceOptions options = {})
        : lots(store, clock, ids, std::move(options)), graph(store) {}

    TraceService lots;
    TraceGraphService graph;
};

}  // namespace kl::trace
