#include "http/api.h"

#include "catalog/place_names.h"
#include "core/assert.h"
#include "http/routes/access_routes.h"
#include "http/routes/backup_routes.h"
#include "http/routes/catalog_routes.h"
#include "http/routes/exchange_routes.h"
#include "http/routes/order_routes.h"
#include "http/routes/market_routes.h"
#include "http/routes/ledger_routes.h"
#include "http/routes/projects_routes.h"
#include "http/routes/fair_outcome_routes.h"
#include "http/routes/fair_routes.h"
#include "http/routes/servicebook_routes.h"
#include "http/routes/epcis_routes.h"
#include "http/routes/public_trace_routes.h"
#include "http/routes/recall_routes.h"
#include "http/routes/trace_routes.h"
#include "http/routes/system_routes.h"
#include "http/routes/todo_routes.h"

namespace kl::http {

void register_api_routes(Router& router, const ApiDeps& deps) {
    add_system_routes(router,
                      SystemRoutesDeps{deps.store, deps.metrics, deps.daily_jobs, deps.openapi, deps.metrics_token});

    const bool any_access = deps.auth || deps.users || deps.organisations;
    const bool all_access = deps.auth && deps.users && deps.organisations;
    KL_ASSERT(any_access == all_access);
    if (all_access) {
        AccessRouteOptions options;
        options.cookie_secure = deps.cookie_secure;
        add_access_routes(router, *deps.auth, *deps.users, options);
    }
    // The organisation routes belong to the catalog, which extends the access module's organisations.
    if (deps.catalog) add_catalog_routes(router, *deps.catalog);
    if (deps.exchange) add_exchange_routes(router, *deps.exchange);
    // What every export's coded columns are called, read from the reference data when a file is asked for.
    ExportNames names;
    if (deps.store) {
        names = [&store = *deps.store]() {
            catalog::ReferenceData reference(store);
            return catalog::export_code_names(reference);
        };
    }
    if (deps.orders) add_order_routes(router, *deps.orders, names);
    if (deps.market) add_market_routes(router, *deps.market, names);
    if (deps.ledger) {
        add_ledger_routes(router, *deps.ledger);
        add_audit_routes(router, *deps.ledger);
    }
    if (deps.funds) add_funds_routes(router, *deps.funds);
    if (deps.projects) add_projects_routes(router, *deps.projects, names);
    if (deps.servicebook) add_servicebook_routes(router, *deps.servicebook, names);
    if (deps.todo) add_todo_routes(router, *deps.todo);
    if (deps.backups) add_backup_routes(router, *deps.backups);
    if (deps.fairs) add_fair_routes(router, *deps.fairs);
    if (deps.trace) {
        add_trace_routes(router, *deps.trace);
        add_trace_graph_routes(router, *deps.trace, deps.recalls);
        add_public_trace_routes(router, *deps.trace, PublicTraceRouteOptions{deps.public_base_url});
        add_epcis_routes(router, *deps.trace);
    }
    if (deps.fair_at_event) {
        add_fair_outcome_routes(router, *deps.fair_at_event);
        add_fair_report_routes(router, *deps.fair_at_event);
    }
    // Module routes (market, …) are registered here as they are written.
}

}  // namespace kl::http
