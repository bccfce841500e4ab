#include "http/routes/system_routes.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <mutex>

#include "http/json_body.h"
#include "http/metrics.h"
#include "store/store.h"

namespace kl::http {

namespace {

constexpr const char* health_schema = R"({
  "type": "object",
  "required": ["status"],
  "properties": {
    "status": {"type": "string", "enum": ["ok"]},
    "database": {"type": "string", "enum": ["ok", "none"]}
  }
})";

// The database check is one trivial read on a reader connection: it proves the file (or server) is
// reachable and the schema readable without touching the writer.
Response health(store::Store* store) {
    if (store == nullptr) return json_response(200, {{"status", "ok"}, {"database", "none"}});
    auto checked = store->read([](store::Tx& tx) -> Result<void> {
        KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT 1"));
        if (rows.size() != 1) return fail(ErrorCode::unavailable, "database check returned no row");
        return ok();
    });
    if (!checked) {
        Error error = std::move(checked).error();
        return error_response(make_error(ErrorCode::unavailable, "database check failed: " + error.message));
    }
    return json_response(200, {{"status", "ok"}, {"database", "ok"}});
}

struct OpenApiCache {
    std::once_flag built;
    std::string document;
};

}  // namespace

void add_system_routes(Router& router, const SystemRoutesDeps& deps) {
    Route health_route;
    health_route.method = Method::get;
    health_route.pattern = "/healthz";
    health_route.access = Access::open;
    health_route.doc.summary = "Liveness and database check";
    health_route.doc.tag = "system";
    health_route.doc.response_schema = health_schema;
    health_route.handler = [store = deps.store](Request&) { return health(store); };
    health_route.blocking = true;  // the database check runs on the worker pool, never on the I/O thread
    router.add(std::move(health_route));

    if (deps.metrics != nullptr) {
        Route metrics_route;
        metrics_route.method = Method::get;
        metrics_route.pattern = "/metrics";
        metrics_route.access = Access::open;
        metrics_route.doc.summary = "Prometheus metrics";
        metrics_route.doc.tag = "system";
        metrics_route.doc.response_content_type = "text/plain; version=0.0.4";
        metrics_route.handler = [metrics = deps.metrics, store = deps.store](Request&) {
            Response response;
            response.content_type = "text/plain; version=0.0.4; charset=utf-8";
            response.body = metrics->render(store);
            return response;
        };
        metrics_route.blocking = false;  // atomics and the store's counters only
        router.add(std::move(metrics_route));
    }

    Route openapi_route;
    openapi_route.method = Method::get;
    openapi_route.pattern = "/api/v1/openapi.json";
    openapi_route.access = Access::open;
    openapi_route.doc.summary = "This API's OpenAPI 3.0.3 document";
    openapi_route.doc.tag = "system";
    openapi_route.handler = [cache = std::make_shared<OpenApiCache>(), &router, info = deps.openapi](Request&) {
        std::call_once(cache->built, [&] { cache->document = build_openapi(router, info); });
        Response response;
        response.body = cache->document;
        return response;
    };
    openapi_route.blocking = false;  // built once, then served from memory
    router.add(std::move(openapi_route));
}

}  // namespace kl::http
