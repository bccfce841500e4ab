#pragma once
// JSON mapping of the trace module (src/trace) for its routes: lots and EPCIS-shaped events in our
// API's JSON (snake_case names of the EPCIS 2.0 fields: event_time, biz_step, quantity_list…; the
// EPCIS JSON-LD codec comes later and maps the same structs 1:1), the bodies the routes read, and
// the OpenAPI schemas.

#include <nlohmann/json_fwd.hpp>

#include <variant>

#include "core/result.h"
#include "http/router.h"
#include "trace/trace_types.h"

namespace kl::http::trace_json {

using nlohmann::json;

json lot_json(const trace::Lot& lot);
json event_json(const trace::Event& event);

// POST /api/v1/lots
Result<trace::NewLot> decode_new_lot(const json& body);
// POST /api/v1/trace/events: an event, or {"error_declaration": {...}} declaring one wrong.
Result<std::variant<trace::Event, trace::ErrorDeclarationInput>> decode_event(const json& body);

void add_trace_schemas(Router& router);

}  // namespace kl::http::trace_json
