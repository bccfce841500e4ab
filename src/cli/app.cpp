#include "cli/app.h"

#include "http/api.h"
#include "http/static_files.h"
#include "projects/local_ports.h"

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
    app->organisations_ = std::make_unique<access::OrganisationService>(*app->store_, app->clock_, app->ids_);
    app->catalog_ = std::make_unique<catalog::Catalog>(*app->store_, app->clock_, app->ids_, *app->organisations_);
    app->exchange_ =
        std::make_unique<exchange::ExchangeService>(*app->store_, app->clock_, app->ids_, *app->organisations_);
    // MERGE: the lead replaces these interim seams with the real zero-balance ledger (src/funds) and
    // the audit hash chain (src/audit); see src/projects/ports.h.
    app->projects_ = std::make_unique<projects::Projects>(*app->store_, app->clock_, app->ids_,
                                                          projects::budget_quota_funds_port(app->ids_),
                                                          projects::interim_audit_sink(app->clock_, app->ids_));
    app->servicebook_ = std::make_unique<servicebook::ServiceBook>(*app->store_, app->clock_, app->ids_,
                                                                   projects::interim_audit_sink(app->clock_, app->ids_));
    app->add_routes();

    http::ServerOptions server_options = http::server_options_from(config);
    if (!config.web_root.empty()) {
        KL_TRY_ASSIGN(server_options.vendor_packages, http::read_vendor_allow_list(config.web_root));
    }
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
    deps.projects = projects_.get();
    deps.servicebook = servicebook_.get();
    deps.cookie_secure = config_.cookie_secure;
    http::register_api_routes(router_, deps);
}

Result<void> App::start() { return server_->start(); }
void App::stop() { server_->stop(); }
void App::wait() { server_->wait(); }

}  // namespace kl::cli
