#pragma once
// JSON mapping of traces (trace/trace_graph.h) and recalls (trace/recall.h) for their routes, the
// bodies the recall routes read, and the OpenAPI schemas.

#include <nlohmann/json_fwd.hpp>

#include "core/result.h"
#include "http/router.h"
#include "trace/recall_types.h"
#include "trace/trace_graph.h"

namespace kl::http::recall_json {

using nlohmann::json;

json trace_json(const trace::TraceGraph& graph);
json recall_json(const trace::Recall& recall);

// POST /api/v1/recalls {lot_id, reason}
Result<trace::NewRecall> decode_new_recall(const json& body);
// POST /api/v1/recalls/{id}/acknowledgements {recovered: [{lot_id, quantity}], note}
Result<trace::RecallAcknowledgement> decode_acknowledgement(const json& body);
// POST /api/v1/recalls/{id}/close {note}
Result<std::string> decode_close(const json& body);

void add_recall_schemas(Router& router);

}  // namespace kl::http::recall_json
