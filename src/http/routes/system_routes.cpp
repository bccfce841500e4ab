#include "http/routes/system_routes.h"

#include <nlohmann/json.hpp>

#include <cctype>
#include <memory>
#include <mutex>

#include "access/page_cursor.h"
#include "access/permissions.h"
#include "access/token.h"
#include "http/json_body.h"
#include "http/metrics.h"
#include "http/query.h"
#include "http/routes/route_support.h"
#include "store/daily_job_runs.h"
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

Response health(store::Store* store) {
    if (store == nullptr) return json_response(200, {{"status", "ok"}, {"database", "none"}});
    auto checked = store::check_reachable(*store);
    if (!checked) {
        Error error = std::move(checked).error();
        return error_response(make_error(ErrorCode::unavailable, "database check failed: " + error.message));
    }
    return json_response(200, {{"status", "ok"}, {"database", "ok"}});
}

constexpr const char* daily_jobs_schema = R"({
  "type": "object",
  "required": ["runs"],
  "properties": {
    "runs": {"type": "array", "items": {
      "type": "object",
      "required": ["job", "run_date", "state", "claimed_by", "claimed_at", "attempts"],
      "properties": {
        "job": {"type": "string"},
        "run_date": {"type": "string", "format": "date", "description": "the Shanghai day the run is for"},
        "state": {"type": "string", "enum": ["running", "done", "failed"]},
        "claimed_by": {"type": "string", "description": "the instance that ran it"},
        "claimed_at": {"type": "string", "format": "date-time"},
        "attempts": {"type": "integer"},
        "finished_at": {"type": "string", "format": "date-time"},
        "summary": {"type": "string", "description": "what the run did, or why it failed, in English, for logs"},
        "summary_code": {"type": "string", "enum": ["risk_scan_done", "sweep_done", "audit_checkpoint_done", "backup_done"],
                         "description": "what the run did as a stable code (absent for a failed run): risk_scan_done (contracts, requests, new_flags), sweep_done (amount_fen, projects, expired), audit_checkpoint_done with seq, backup_done with bytes, seq and removed"},
        "summary_params": {"type": "object", "description": "the code's parameters, amounts in fen"}
      }
    }}
  }
})";

// The daily jobs' latest runs, newest first: when the nightly risk scan and the day-end sweep ran,
// on which instance, and what they found. For the administrator, the auditor and the fund officers
// (who review the scan's flags).
Response daily_jobs(const store::DailyJobRuns& runs, Request& request) {
    if (auto allowed = access::require_role(*request.principal, {access::Role::admin, access::Role::auditor, access::Role::fund_officer}); !allowed) {
        return error_response(std::move(allowed).error());
    }
    auto limit = read_limit(request);
    if (!limit) return error_response(std::move(limit).error());
    if (auto checked = access::check_page_limit(*limit); !checked) return error_response(std::move(checked).error());
    auto recent = runs.recent(*limit);
    if (!recent) return error_response(std::move(recent).error());
    nlohmann::json out = nlohmann::json::array();
    for (const auto& run : *recent) {
        nlohmann::json item = {{"job", run.job},           {"run_date", run.run_date},
                               {"state", run.state},       {"claimed_by", run.claimed_by},
                               {"claimed_at", format_utc_iso8601(run.claimed_at_ms)}, {"attempts", run.attempts}};
        if (run.finished_at_ms) item["finished_at"] = format_utc_iso8601(*run.finished_at_ms);
        if (!run.summary.empty()) item["summary"] = run.summary;
        if (!run.summary_code.empty()) {
            item["summary_code"] = run.summary_code;
            const auto params = nlohmann::json::parse(run.summary_params_json, nullptr, false);
            item["summary_params"] = params.is_object() ? params : nlohmann::json::object();
        }
        out.push_back(std::move(item));
    }
    return json_response(200, {{"runs", std::move(out)}});
}

// Whether the request carries the metrics token as a bearer token. Both sides are compared as their
// SHA-256, so the comparison takes the same time whatever the length or content of the guess.
bool has_metrics_token(const Request& request, const std::string& token_sha256) {
    constexpr std::string_view scheme = "bearer ";
    const std::string authorization = request.header("authorization").value_or("");
    if (authorization.size() <= scheme.size()) return false;
    for (size_t i = 0; i < scheme.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(authorization[i])) != scheme[i]) return false;
    }
    return access::constant_time_equal(access::sha256_hex(std::string_view(authorization).substr(scheme.size())),
                                       token_sha256);
}

Response metrics_page(Metrics& metrics, store::Store* store, const std::string& token_sha256, Request& request) {
    if (!token_sha256.empty() && !has_metrics_token(request, token_sha256)) {
        return error_response(make_error(ErrorCode::unauthenticated, "/metrics needs Authorization: Bearer <metrics token>"));
    }
    Response response;
    response.content_type = "text/plain; version=0.0.4; charset=utf-8";
    response.body = metrics.render(store);
    return response;
}

struct OpenApiCache {
    std::once_flag built;
    std::string document;
};

}  // namespace

void add_system_routes(Router& router, const SystemRoutesDeps& deps) {
    Route health_route = with_access(documented_route(Method::get, "/healthz", "system", "Liveness and database check", "",
                                                      std::string(health_schema), 200,
                                                      [store = deps.store](Request&) { return health(store); }),
                                     Access::open);
    health_route.blocking = true;  // the database check runs on the worker pool, never on the I/O thread
    router.add(std::move(health_route));

    if (deps.metrics != nullptr) {
        const std::string token_sha256 = deps.metrics_token.empty() ? "" : access::sha256_hex(deps.metrics_token);
        Route metrics_route = with_access(
            documented_route(Method::get, "/metrics", "system",
                             "Prometheus metrics (Authorization: Bearer <metrics_token> when the server sets one)", "", "", 200,
                             [metrics = deps.metrics, store = deps.store, token_sha256](Request& request) {
                                 return metrics_page(*metrics, store, token_sha256, request);
                             }),
            Access::open);
        metrics_route.doc.response_content_type = "text/plain; version=0.0.4";
        metrics_route.blocking = false;  // atomics and the store's counters only
        router.add(std::move(metrics_route));
    }

    if (deps.daily_jobs != nullptr) {
        router.add(documented_route(
            Method::get, "/api/v1/system/daily-jobs", "system", "The daily jobs' recent runs, newest first (admin, auditor, fund officer)",
            "", daily_jobs_schema, 200, [runs = deps.daily_jobs](Request& request) { return daily_jobs(*runs, request); },
            {{"limit", "how many runs, 1 to 200 (default 50)"}}));
    }

    Route openapi_route = with_access(
        documented_route(Method::get, "/api/v1/openapi.json", "system", "This API's OpenAPI 3.0.3 document", "", "", 200,
                         [cache = std::make_shared<OpenApiCache>(), &router, info = deps.openapi](Request&) {
                             std::call_once(cache->built, [&] { cache->document = build_openapi(router, info); });
                             Response response;
                             response.body = cache->document;
                             return response;
                         }),
        Access::open);
    openapi_route.blocking = false;  // built once, then served from memory
    router.add(std::move(openapi_route));
}

}  // namespace kl::http
