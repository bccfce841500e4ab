// `kashlink migrate`: applies pending schema migrations (the server also does so at start).
#include "cli/commands/migrate_command.h"

#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands/common.h"
#include "store/migrations.h"

namespace kl::cli {

void add_migrate_command(CLI::App& app, int& exit_code) {
    auto database_url = std::make_shared<std::string>(Config{}.database_url);
    auto* migrate = app.add_subcommand("migrate", "Apply pending schema migrations");
    migrate->add_option("--db", *database_url, "SQLite path or PostgreSQL URL");
    migrate->callback([database_url, &exit_code] {
        // open_store applies what is pending; list what the database now holds.
        auto store = open_database(*database_url);
        if (!store) {
            exit_code = report_error(store.error());
            return;
        }
        auto applied = (*store)->read([](store::Tx& tx) -> Result<std::vector<std::string>> {
            KL_TRY_ASSIGN(auto rows, tx.query("SELECT name FROM schema_migrations ORDER BY name"));
            std::vector<std::string> names;
            for (const auto& row : rows) names.push_back(row.text("name"));
            return names;
        });
        if (!applied) {
            exit_code = report_error(applied.error());
            return;
        }
        std::cout << "schema is up to date; migrations in " << *database_url << ":\n";
        for (const auto& name : *applied) std::cout << "  " << name << "\n";
        exit_code = 0;
    });
}

}  // namespace kl::cli
