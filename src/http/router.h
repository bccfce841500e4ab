#pragma once
// Routes with path parameters ("/api/v1/users/{id}"), each with its access rule and its OpenAPI
// description, so the OpenAPI document is generated from the router and a test walks both.

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace kl::http {

using Handler = std::function<Response(Request&)>;

// A route's work split in two for the Idempotency-Key pipeline (issue 17), so the single writer
// thread does only what must be serialised. `prepare` runs on a worker with no write job open: it
// decodes, checks permissions and validates on a read snapshot, and returns either a final answer
// (a 4xx naming the field…) or a commit step. The pipeline runs the commit step inside the one write
// job that also looks the key up and stores the answer, so the change and its stored reply still
// commit together; the commit step re-checks only what may have changed since the snapshot and
// writes. A route without `prepare` runs its whole handler inside that write job, as before.
struct Prepared {
    std::optional<Response> answer;    // final: stored under the key (a 4xx) or passed on (a 5xx)
    std::function<Response()> commit;  // run inside the write job when there is no answer

    static Prepared answered(Response response) { return Prepared{std::move(response), {}}; }
    static Prepared committing(std::function<Response()> step) { return Prepared{std::nullopt, std::move(step)}; }
};
using PrepareHandler = std::function<Prepared(Request&)>;

enum class Access {
    open,           // anyone, no session needed (healthz, login, public catalogue)
    authenticated,  // any signed-in user; the service checks role and organisation
};

// OpenAPI description of one route. Schemas are JSON text (OpenAPI 3 Schema Objects or $refs).
struct RouteDoc {
    std::string summary;
    std::string tag;
    std::string request_schema;                     // empty: no body
    std::string response_schema;                    // for the success status
    std::string response_content_type = "application/json";
    int success_status = 200;
    std::vector<std::pair<std::string, std::string>> query_params;  // name, description
    // The pipeline refuses a query parameter query_params does not name (400 unknown_field naming
    // each, the handler never runs), so a route takes exactly what it documents and a typo or a
    // parameter it never had is not silently ignored. `any_query_params` turns that off for the few
    // routes whose handler must see every parameter itself (route_support.h with_any_query_params).
    bool any_query_params = false;
    bool idempotency_key = false;                   // accepts an Idempotency-Key header
    std::string request_content_type = "application/json";  // of the body (imports take text/csv)
};

struct Route {
    Method method = Method::get;
    std::string pattern;
    Access access = Access::authenticated;
    RouteDoc doc;
    Handler handler;
    // Optional, for routes with an Idempotency-Key (see Prepared). The handler still answers a
    // request that carries no key; a request with one goes through prepare and its commit step.
    PrepareHandler prepare;
    bool blocking = true;  // runs on the worker pool (SQL, solvers); false for trivial in-memory routes
    size_t index = 0;      // position in Router::routes(), set by Router::add (metrics slots)
};

enum class MatchOutcome { found, not_found, method_not_allowed };

struct Match {
    MatchOutcome outcome = MatchOutcome::not_found;
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
    std::vector<Method> allowed;  // for 405's Allow header
};

// Patterns are "/"-separated segments, each a literal or a `{name}` parameter ([a-z_][a-z0-9_]*);
// a literal segment wins over a parameter at the same position ("/users/me" before "/users/{id}").
// HEAD is answered by the GET route of the same path. Routes are added at start-up only; an invalid
// or duplicate pattern is a bug (assert), not input.
class Router {
public:
    Router();
    ~Router();
    Router(const Router&) = delete;
    Router& operator=(const Router&) = delete;

    void add(Route route);
    // `raw_path` is the target's path before percent-decoding (no query): each segment is decoded
    // on its own, so an encoded "/" stays inside its segment. A malformed escape is not_found.
    Match match(Method method, std::string_view raw_path) const;
    const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }

    // Named OpenAPI schemas (JSON text) that route docs may reference as "#/components/schemas/<name>".
    void add_schema(std::string name, std::string schema_json);
    const std::map<std::string, std::string>& schemas() const { return schemas_; }

private:
    struct Node;
    std::vector<std::unique_ptr<Route>> routes_;
    std::unique_ptr<Node> root_;
    std::map<std::string, std::string> schemas_;
};

// The path segments of a pattern or raw path ("/" has none).
std::vector<std::string_view> split_path(std::string_view path);

}  // namespace kl::http
