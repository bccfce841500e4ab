#pragma once
// Routes of the server itself: GET /healthz, GET /metrics, GET /api/v1/openapi.json (all open).

#include "http/openapi.h"
#include "http/router.h"

namespace kl::store {
class Store;
}

namespace kl::http {

class Metrics;

struct SystemRoutesDeps {
    store::Store* store = nullptr;  // null: /healthz reports no database check
    Metrics* metrics = nullptr;     // null: /metrics is not registered
    OpenApiInfo openapi;
};

// Registers the system routes. The OpenAPI document is built from `router` on first request, so it
// describes every route added before the server started, these included.
void add_system_routes(Router& router, const SystemRoutesDeps& deps);

}  // namespace kl::http
