#pragma once
// The whole HTTP API as the binary serves it: one function registers every route, so `kashlink
// serve`, the tests (the OpenAPI walk) and the benchmark build the very same router.

#include "http/openapi.h"
#include "http/router.h"

namespace kl::access {
class AuthService;
class OrganisationService;
class UserService;
}  // namespace kl::access
namespace kl::backup {
class BackupLog;
}
namespace kl::catalog {
struct Catalog;
}
namespace kl::exchange {
class ExchangeService;
}
namespace kl::orders {
struct Orders;
}
namespace kl::market {
struct Market;
}
namespace kl::ledger {
class LedgerService;
}
namespace kl::funds {
class FundsService;
}
namespace kl::store {
class Store;
class DailyJobRuns;
}
namespace kl::projects {
struct Projects;
}
namespace kl::servicebook {
class ServiceBook;
}
namespace kl::fair {
struct Fairs;
struct FairAtEvent;
}
namespace kl::todo {
class TodoService;
}
namespace kl::trace {
class RecallService;
struct Trace;
}

namespace kl::http {

class Metrics;

// What the routes need. Module services are added here as modules arrive. The access services are
// given together or not at all (without them only the system routes exist, e.g. in HTTP tests).
struct ApiDeps {
    store::Store* store = nullptr;
    Metrics* metrics = nullptr;
    access::AuthService* auth = nullptr;
    access::UserService* users = nullptr;
    access::OrganisationService* organisations = nullptr;
    bool cookie_secure = false;
    // The catalog's services (reference data, organisations, categories, products, certification);
    // null: no catalog routes.
    catalog::Catalog* catalog = nullptr;
    // Import and export of spreadsheets (src/exchange); null: no import/export routes.
    exchange::ExchangeService* exchange = nullptr;
    // Orders, quotas and the aid-sales reports (src/orders); null: no order routes.
    orders::Orders* orders = nullptr;
    // Lanes, offers, demands and the matching engine (src/market); null: no market routes.
    market::Market* market = nullptr;
    // The ledger (with the audit routes) and the funds structure; null: none of their routes.
    ledger::LedgerService* ledger = nullptr;
    funds::FundsService* funds = nullptr;
    // Aid projects, contracts, payments, risk flags and reports (src/projects); null: none.
    projects::Projects* projects = nullptr;
    // The Chief Service Officer book (src/servicebook); null: none.
    servicebook::ServiceBook* servicebook = nullptr;
    // Fairs and matchmaking events (src/fair); null: none.
    fair::Fairs* fairs = nullptr;
    // At the event (outcomes, intended orders, on-site sales) and the events' reports; null: none.
    fair::FairAtEvent* fair_at_event = nullptr;
    // Lots and their EPCIS events (src/trace); null: no trace routes.
    trace::Trace* trace = nullptr;
    // Recalls of lots (src/trace/recall.h); null: no recall routes (traces are served with `trace`).
    trace::RecallService* recalls = nullptr;
    // What awaits the signed-in user (src/todo, GET /api/v1/me/todo); null: no such route.
    todo::TodoService* todo = nullptr;
    // The backups taken (GET /api/v1/system/backups, src/backup); null: no such route.
    backup::BackupLog* backups = nullptr;
    // The daily jobs' runs (GET /api/v1/system/daily-jobs); null: no such route.
    const store::DailyJobRuns* daily_jobs = nullptr;
    // Where printed trace codes lead (Config::public_base_url); empty: the request's Host.
    std::string public_base_url;
    OpenApiInfo openapi;
    // Non-empty: GET /metrics needs it as a bearer token (Config::metrics_token).
    std::string metrics_token;
};

// Registers the system routes and every module's routes on `router`.
void register_api_routes(Router& router, const ApiDeps& deps);

}  // namespace kl::http
