#include "cli/app.h"

#include "audit/daily_checkpoint.h"
#include "backup/daily_backup.h"
#include "bridges/market_orders.h"
#include "http/api.h"
#include "bridges/projects_funds.h"
#include "trace/sscc.h"

namespace kl::cli {

Result<std::unique_ptr<App>> App::create(const Config& config) {
    std::unique_ptr<App> app(new App(config));
    store::StoreOptions store_options;
    store_options.url = config.database_url;
    KL_TRY_ASSIGN(app->store_, store::open_store(store_options));

    access::AuthOptions auth_options;
    auth_options.session_ttl_s = config.session_ttl_s;
    auth_options.login_failures_max = config.login_failures_max;
    auth_options.login_lockout_s = config.login_lockout_s;
    app->auth_ = std::make_unique<access::AuthService>(*app->store_, app->clock_, app->ids_, auth_options);
    app->users_ = std::make_unique<access::UserService>(*app->store_, app->clock_, app->ids_);
    // Sessions this process's users service revokes leave the session cache at once (session_cache.h).
    app->users_->on_sessions_revoked([auth = app->auth_.get()] { auth->forget_cached_sessions(); });
    app->organisations_ = std::make_unique<access::OrganisationService>(*app->store_, app->clock_, app->ids_);
    app->catalog_ = std::make_unique<catalog::Catalog>(*app->store_, app->clock_, app->ids_, *app->organisations_);
    app->exchange_ =
        std::make_unique<exchange::ExchangeService>(*app->store_, app->clock_, app->ids_, *app->organisations_);
    app->orders_ = std::make_unique<orders::Orders>(*app->store_, app->clock_, app->ids_);
    // Traceability sits above orders: the order lifecycle tells it of shipments through orders'
    // ShipmentLots port (src/orders/shipment_lots.h), so orders never include trace.
    trace::TraceOptions trace_options;
    if (!config.gs1_company_prefix.empty()) KL_TRY(trace::validate_company_prefix(config.gs1_company_prefix, "gs1_company_prefix"));
    trace_options.gs1_company_prefix = config.gs1_company_prefix;
    app->market_ = std::make_unique<market::Market>(*app->store_, app->clock_, app->ids_, bridges::order_sink(app->orders_->orders));
    // The key that signs audit checkpoints and seals lives in a file outside the database; a first
    // start makes one, so `kashlink serve` and `demo` need no setup.
    KL_TRY_ASSIGN(app->audit_signer_, audit::AuditSigner::load_or_create(audit_signing_key_path(config)));
    app->audit_ = std::make_unique<audit::AuditTrail>(app->store_->backend(), app->clock_, app->audit_signer_.get());
    app->trace_ = std::make_unique<trace::Trace>(*app->store_, app->clock_, app->ids_, *app->audit_, trace_options);
    app->orders_->orders.set_shipment_lots(trace::shipment_lots_port(app->trace_->lots));
    app->ledger_ = std::make_unique<ledger::LedgerService>(*app->store_, app->clock_, *app->audit_);
    app->funds_ = std::make_unique<funds::FundsService>(*app->store_, app->clock_, *app->ledger_);
    // Projects pay through the zero-balance funds structure (src/bridges/projects_funds.h); they and
    // the service book record every change on the signed audit chain.
    app->projects_ = std::make_unique<projects::Projects>(*app->store_, app->clock_, app->ids_,
                                                          bridges::funds_port(*app->funds_), *app->audit_);
    app->servicebook_ = std::make_unique<servicebook::ServiceBook>(*app->store_, app->clock_, app->ids_, *app->audit_);
    app->recalls_ = std::make_unique<trace::RecallService>(*app->store_, app->clock_, app->ids_, *app->audit_);
    app->todo_ = std::make_unique<todo::TodoService>(*app->store_, app->clock_);
    app->backups_ = std::make_unique<backup::BackupLog>(*app->store_, backup::BackupSchedule{!config.backup_dir.empty(), config.backup_keep});
    app->fairs_ = std::make_unique<fair::Fairs>(*app->store_, app->clock_, app->ids_, *app->audit_);
    app->fair_at_event_ =
        std::make_unique<fair::FairAtEvent>(*app->store_, app->clock_, app->ids_, *app->audit_, app->orders_->orders);
    app->job_runs_ = std::make_unique<store::DailyJobRuns>(*app->store_, app->clock_, app->ids_.next());
    const std::chrono::seconds poll(60);
    app->daily_jobs_.push_back(std::make_unique<DailyJob>("day-end sweep", funds::sweep_local_time_ms, app->clock_,
                                                          funds::day_end_sweep(*app->funds_), poll, app->job_runs_.get()));
    app->daily_jobs_.push_back(std::make_unique<DailyJob>("nightly risk scan", projects::nightly_scan_local_time_ms,
                                                          app->clock_, projects::nightly_risk_scan(app->projects_->risk),
                                                          poll, app->job_runs_.get()));
    app->daily_jobs_.push_back(std::make_unique<DailyJob>("audit checkpoint", audit::daily_checkpoint_local_time_ms, app->clock_,
                                                          audit::daily_checkpoint(*app->store_, *app->audit_), poll,
                                                          app->job_runs_.get()));
    if (!config.backup_dir.empty()) {
        // The serving process backs its own database up (backup/daily_backup.h); the copy is taken
        // through a connection of its own, so serving goes on meanwhile.
        backup::DailyBackupOptions backup_options{config.database_url, config.backup_dir, config.backup_keep};
        app->daily_jobs_.push_back(std::make_unique<DailyJob>("daily backup", backup::daily_backup_local_time_ms, app->clock_,
                                                              backup::daily_backup(std::move(backup_options), *app->store_, app->clock_),
                                                              poll, app->job_runs_.get()));
    }
    app->add_routes();

    http::ServerOptions server_options = http::server_options_from(config);
    http::ServerDeps deps;
    deps.router = &app->router_;
    deps.authenticator = app->auth_.get();
    deps.store = app->store_.get();
    deps.metrics = &app->metrics_;
    deps.clock = &app->clock_;
    app->server_ = std::make_unique<http::Server>(std::move(server_options), deps);
    return app;
}

// The binary serves exactly the router the tests and the OpenAPI walk build (http::register_api_routes).
void App::add_routes() {
    http::ApiDeps deps;
    deps.store = store_.get();
    deps.metrics = &metrics_;
    deps.auth = auth_.get();
    deps.users = users_.get();
    deps.organisations = organisations_.get();
    deps.catalog = catalog_.get();
    deps.exchange = exchange_.get();
    deps.orders = orders_.get();
    deps.market = market_.get();
    deps.ledger = ledger_.get();
    deps.funds = funds_.get();
    deps.projects = projects_.get();
    deps.servicebook = servicebook_.get();
    deps.todo = todo_.get();
    deps.backups = backups_.get();
    deps.fairs = fairs_.get();
    deps.fair_at_event = fair_at_event_.get();
    deps.trace = trace_.get();
    deps.recalls = recalls_.get();
    deps.daily_jobs = job_runs_.get();
    deps.cookie_secure = config_.cookie_secure;
    deps.metrics_token = config_.metrics_token;
    deps.public_base_url = config_.public_base_url;  // checked, without a trailing slash (core/config.cpp)
    http::register_api_routes(router_, deps);
}

// Only a serving process owns the market's and the fairs' job threads, so only it may fail runs a previous one left
// behind; the daily jobs (day-end sweep, nightly risk scan, audit checkpoint) run beside the server.
Result<void> App::start() {
    KL_TRY(market_->allocations.recover_interrupted());
    KL_TRY(fairs_->schedules.recover_interrupted());
    KL_TRY(server_->start());
    for (auto& job : daily_jobs_) job->start();
    return ok();
}
void App::stop() {
    for (auto& job : daily_jobs_) job->stop();
    server_->stop();
    market_->allocations.stop();
    fairs_->schedules.stop();
}
void App::wait() { server_->wait(); }

}  // namespace kl::cli
