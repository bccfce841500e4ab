// `kashlink serve` and `kashlink demo`: run the platform; demo first creates the demo programme.
#include "cli/commands/serve_command.h"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <string_view>

#include "cli/app.h"
#include "cli/commands/common.h"
#include "core/log.h"
#include "demo/demo_seed.h"

namespace kl::cli {

namespace {
// Where `make web` (web/build.mjs) writes the console, relative to a clone's top directory.
constexpr std::string_view default_web_root = "web/dist";

struct ServeArgs {
    std::string config_file;
    std::string database_url;
    std::string host;
    int port = 0;
    std::string web_root;
    int workers = 0;
    std::string log_level;
    std::string audit_signing_key_file;
};

void add_serve_flags(CLI::App& command, ServeArgs& args) {
    command.add_option("--config", args.config_file, "TOML configuration file");
    command.add_option("--db", args.database_url, "SQLite path or PostgreSQL URL");
    command.add_option("--host", args.host, "Address to listen on (default 127.0.0.1)");
    command.add_option("--port", args.port, "Port to listen on (default 8080)")->check(CLI::Range(1, 65535));
    command.add_option("--web-root", args.web_root, "Directory of the console's build (web/dist, made by `make web`)");
    command.add_option("--workers", args.workers, "Worker threads for blocking work")->check(CLI::Range(1, 512));
    command.add_option("--log-level", args.log_level, "trace, debug, info, warn, error, off");
    command.add_option("--audit-signing-key-file", args.audit_signing_key_file,
                       "Ed25519 key signing audit checkpoints (default: beside the database; made if absent)");
}

// Defaults < TOML file < environment < flags.
Result<Config> resolve_config(const ServeArgs& args, const std::string& default_db) {
    Config config;
    config.database_url = default_db;
    if (!args.config_file.empty()) KL_TRY(load_config_file(args.config_file, config));
    KL_TRY(apply_environment(config));
    if (!args.database_url.empty()) config.database_url = args.database_url;
    if (!args.host.empty()) config.listen_host = args.host;
    if (args.port != 0) config.listen_port = args.port;
    if (!args.web_root.empty()) config.web_root = args.web_root;
    if (args.workers != 0) config.worker_threads = args.workers;
    if (!args.log_level.empty()) config.log_level = args.log_level;
    if (!args.audit_signing_key_file.empty()) config.audit_signing_key_file = args.audit_signing_key_file;
    if (config.web_root.empty() && std::filesystem::is_directory(default_web_root)) config.web_root = default_web_root;
    return config;
}

int serve(const Config& config, bool demo) {
    init_logging(config.log_level);
    if (config.web_root.empty() && std::filesystem::is_directory("web")) {
        // Run in a clone whose console was never built: the API works, "/" answers 404; say why.
        spdlog::warn("no console: {} does not exist (web/ is built into it by `make web`)", default_web_root);
    }
    auto app = App::create(config);
    if (!app) return report_error(app.error());
    if (demo) {
        auto seeded = demo::seed_demo((*app)->store(), (*app)->clock());
        if (!seeded) return report_error(seeded.error());
        std::cout << (seeded->created ? "Created the demo programme in " : "Using the demo programme in ")
                  << config.database_url << "\n";
        if (seeded->created) {
            std::cout << "  " << seeded->branch_commands << " county branch commands, " << seeded->producers
                      << " producers with " << seeded->workshops << " family workshops and " << seeded->households
                      << " households, " << seeded->products << " products (" << seeded->certifications
                      << " certifications), " << seeded->buyers << " Shanghai buyers, " << seeded->orders
                      << " orders\n";
            const auto& p = seeded->projects;
            std::cout << "  2023 aid programme: " << p.projects << " projects (" << p.started << " started), "
                      << p.contracts << " contracts, " << p.payments_paid << " payments (" << p.payments_refused
                      << " refused), " << p.flags << " risk flags; service book: " << p.enterprises_served
                      << " enterprises, " << p.investments << " investment projects, " << p.events << " events\n";
            const auto& f = seeded->fairs;
            std::cout << "  fairs: " << f.events << " events, " << f.participants << " participants, " << f.ratings
                      << " ratings, " << f.meetings << " meetings in the published schedules\n";
            const auto& t = seeded->trace;
            std::cout << "  trace: " << t.lots << " lots, " << t.events << " events, " << t.pallets << " pallets ("
                      << t.transformations << " transformations; " << t.lines_with_lots << " order lines shipped naming lots, "
                      << t.lines_without_lots << " without: their producers keep no lots)\n";
            if (const auto& drill = seeded->recall_drill) {
                std::cout << "  召回演练 / recall drill: lot " << drill->lot_code << " recalled (" << drill->affected_lots << " lots, "
                          << drill->affected_orders << " orders reached); " << drill->acknowledged << " of " << drill->buyers
                          << " buyers acknowledged, the others (the demo buyer among them) have it on their to-do list\n";
            }
        }
    }
    if (auto started = (*app)->start(); !started) return report_error(started.error());
    std::cout << "Kashlink is serving at http://" << config.listen_host << ":" << (*app)->port() << "/\n";
    if (demo) {
        // A few lots' public trace pages (the address their label's QR code holds).
        auto codes = demo::demo_trace_codes((*app)->store());
        if (!codes) return report_error(codes.error());
        for (const auto& code : *codes) {
            std::cout << "  扫码追溯 / trace: http://" << config.listen_host << ":" << (*app)->port() << "/t/" << code.trace_code
                      << "  (" << code.producer_zh << " " << code.product_zh << " " << code.grade << ", lot " << code.lot_code << ")\n";
        }
    }
    if (demo) {
        std::cout << "Sign in with one of the demo users (username / password, role):\n";
        for (const auto& login : demo::demo_logins())
            std::cout << "  " << login.username << " / " << login.password << "  (" << login.role
                      << (login.organisation.empty() ? "" : ", " + login.organisation) << ")\n";
    }
    std::cout << "Press Ctrl+C to stop." << std::endl;
    (*app)->wait();
    return 0;
}
}  // namespace

void add_serve_commands(CLI::App& app, int& exit_code) {
    auto serve_args = std::make_shared<ServeArgs>();
    auto* serve_command = app.add_subcommand("serve", "Serve the API and the console");
    add_serve_flags(*serve_command, *serve_args);
    serve_command->callback([serve_args, &exit_code] {
        auto config = resolve_config(*serve_args, Config{}.database_url);
        exit_code = config ? serve(*config, false) : report_error(config.error());
    });

    auto demo_args = std::make_shared<ServeArgs>();
    auto* demo_command = app.add_subcommand("demo", "Create the demo programme if absent, then serve it");
    add_serve_flags(*demo_command, *demo_args);
    demo_command->callback([demo_args, &exit_code] {
        auto config = resolve_config(*demo_args, "var/demo.sqlite");
        exit_code = config ? serve(*config, true) : report_error(config.error());
    });
}

}  // namespace kl::cli
