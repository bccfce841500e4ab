#pragma once
// The running platform, wired once (no singletons): configuration → store → services → router →
// server. `kashlink serve` and `kashlink demo` build one; tests and benchmarks build one on port 0.

#include <memory>
#include <vector>

#include "access/auth_service.h"
#include "access/organisation_service.h"
#include "access/user_service.h"
#include "catalog/catalog.h"
#include "exchange/exchange_service.h"
#include "orders/orders.h"
#include "market/market.h"
#include "audit/audit_trail.h"
#include "backup/backup_runs.h"
#include "funds/day_end_sweeper.h"
#include "funds/funds_service.h"
#include "ledger/ledger_service.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/daily_job.h"
#include "core/ids.h"
#include "core/result.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"
#include "projects/projects.h"
#include "fair/fair.h"
#include "fair/fair_outcome_service.h"
#include "servicebook/servicebook.h"
#include "todo/todo_service.h"
#include "trace/recall.h"
#include "trace/trace.h"
#include "store/daily_job_runs.h"
#include "store/store.h"

namespace kl::cli {

class App {
public:
    // Opens (and migrates) the database and builds every service and route; does not listen yet.
    static Result<std::unique_ptr<App>> create(const Config& config);

    Result<void> start();  // binds and serves
    void stop();
    void wait();
    uint16_t port() const { return server_->port(); }

    store::Store& store() { return *store_; }
    const Clock& clock() const { return clock_; }
    IdGenerator& ids() { return ids_; }
    const http::Router& router() const { return router_; }
    // The sign-in behind the server's pipeline, for a pipeline driven without a socket (tests/fuzz).
    access::Authenticator& authenticator() { return *auth_; }
    // The catalog's services over this app's store (for commands such as import and export).
    catalog::Catalog& catalog() { return *catalog_; }
    market::Market& market() { return *market_; }
    ledger::LedgerService& ledger() { return *ledger_; }
    funds::FundsService& funds() { return *funds_; }
    audit::AuditTrail& audit() { return *audit_; }
    projects::Projects& projects() { return *projects_; }
    servicebook::ServiceBook& servicebook() { return *servicebook_; }
    fair::Fairs& fairs() { return *fairs_; }
    fair::FairAtEvent& fair_at_event() { return *fair_at_event_; }

private:
    explicit App(Config config) : config_(std::move(config)), ids_(clock_) {}
    void add_routes();

    Config config_;
    SystemClock clock_;
    UuidV7Generator ids_;
    std::unique_ptr<store::Store> store_;
    std::unique_ptr<access::AuthService> auth_;
    std::unique_ptr<access::UserService> users_;
    std::unique_ptr<access::OrganisationService> organisations_;
    std::unique_ptr<catalog::Catalog> catalog_;
    std::unique_ptr<exchange::ExchangeService> exchange_;
    std::unique_ptr<orders::Orders> orders_;
    std::unique_ptr<market::Market> market_;
    std::unique_ptr<audit::AuditSigner> audit_signer_;
    std::unique_ptr<audit::AuditTrail> audit_;
    std::unique_ptr<ledger::LedgerService> ledger_;
    std::unique_ptr<funds::FundsService> funds_;
    std::unique_ptr<projects::Projects> projects_;
    std::unique_ptr<servicebook::ServiceBook> servicebook_;
    std::unique_ptr<todo::TodoService> todo_;
    std::unique_ptr<fair::Fairs> fairs_;
    std::unique_ptr<fair::FairAtEvent> fair_at_event_;
    std::unique_ptr<trace::Trace> trace_;
    std::unique_ptr<trace::RecallService> recalls_;
    std::unique_ptr<backup::BackupLog> backups_;
    // Beside the server: the day-end sweep of refunds (23:30), the nightly risk scan (02:00) and the
    // audit checkpoint (00:10), each claimed per day in daily_job_runs so that one instance runs it
    // once a day.
    std::unique_ptr<store::DailyJobRuns> job_runs_;
    std::vector<std::unique_ptr<DailyJob>> daily_jobs_;
    http::Metrics metrics_;
    http::Router router_;
    std::unique_ptr<http::Server> server_;
};

}  // namespace kl::cli
