#pragma once
// HTTP routes of traceability (src/trace). Thin handlers: decode (trace_json.h) → TraceService (which
// checks who may, trace/trace_access.h) → encode. All need a session.
//
//   POST /api/v1/lots                 record a lot (its commissioning event); Idempotency-Key
//   GET  /api/v1/lots                 ?product=&producer=&county=&code= (a lot code or a trace code), paged, scoped
//   GET  /api/v1/lots/{id}            one lot with its origin
//   GET  /api/v1/lots/{id}/events     its EPCIS events in the order recorded, paged
//   POST /api/v1/trace/events         one event (ObjectEvent, AggregationEvent, TransactionEvent,
//                                     TransformationEvent) or an error declaration; 201 new, 200 when
//                                     the same event (same eventID) was stored already

#include "http/router.h"
#include "trace/trace.h"

namespace kl::http {

void add_trace_routes(Router& router, trace::Trace& trace);

}  // namespace kl::http
