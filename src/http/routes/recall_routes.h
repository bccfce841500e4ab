#pragma once
// Trace and recall routes (src/trace/trace_graph.h, recall.h):
//   GET  /api/v1/lots/{id}/trace?direction=backward|forward   the lineage graph as JSON
//   GET  /api/v1/lots/{id}/trace.xlsx                          the FSMA 204 sortable spreadsheet
//   POST /api/v1/recalls, GET /api/v1/recalls, GET /api/v1/recalls/{id},
//   POST /api/v1/recalls/{id}/acknowledgements, POST /api/v1/recalls/{id}/close

#include "http/router.h"
#include "trace/recall.h"
#include "trace/trace.h"

namespace kl::http {

// The recall routes only when `recalls` is given.
void add_trace_graph_routes(Router& router, trace::Trace& trace, trace::RecallService* recalls);

}  // namespace kl::http
