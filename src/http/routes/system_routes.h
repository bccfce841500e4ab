#pragma once
// Routes of the server itself: GET /healthz, GET /metrics (open unless given a token),
// GET /api/v1/openapi.json (open), and
// GET /api/v1/system/daily-jobs (admin, auditor, fund officer: the daily jobs' recent runs).

#include "http/openapi.h"
#include "http/router.h"

namespace kl::store {
class Store;
class DailyJobRuns;
}

namespace kl::http {

class Metrics;

struct SystemRoutesDeps {
    store::Store* store = nullptr;  // null: /healthz reports no database check
    Metrics* metrics = nullptr;     // null: /metrics is not registered
    const store::DailyJobRuns* daily_jobs = nullptr;  // null: /api/v1/system/daily-jobs is not registered
    OpenApiInfo openapi;
    // Non-empty: GET /metrics answers only Authorization: Bearer <metrics_token> (else 401).
    std::string metrics_token;
};

// Registers the system routes. The OpenAPI document is built from `router` on first request, so it
// describes every route added before the server started, these included.
void add_system_routes(Router& router, const SystemRoutesDeps& deps);

}  // namespace kl::http
