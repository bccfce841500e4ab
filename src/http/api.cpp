#include "http/api.h"

#include "http/routes/system_routes.h"

namespace kl::http {

void register_api_routes(Router& router, const ApiDeps& deps) {
    add_system_routes(router, SystemRoutesDeps{deps.store, deps.metrics, deps.openapi});
    // Module routes (access, catalog, market, …) are registered here as they are written.
}

}  // namespace kl::http
