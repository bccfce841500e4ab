#pragma once
// The whole HTTP API as the binary serves it: one function registers every route, so `kashlink
// serve`, the tests (the OpenAPI walk) and the benchmark build the very same router.

#include "http/openapi.h"
#include "http/router.h"

namespace kl::store {
class Store;
}

namespace kl::http {

class Metrics;

// What the routes need. Module services are added here as modules arrive.
struct ApiDeps {
    store::Store* store = nullptr;
    Metrics* metrics = nullptr;
    OpenApiInfo openapi;
};

// Registers the system routes and every module's routes on `router`.
void register_api_routes(Router& router, const ApiDeps& deps);

}  // namespace kl::http
