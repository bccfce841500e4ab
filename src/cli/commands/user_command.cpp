// `kashlink user add|passwd|list`: the trusted local operator manages accounts (no principal: the
// command line passes every permission check, as whoever can read the database file could anyway).
#include "cli/commands/user_command.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <unistd.h>

#include "access/principal.h"
#include "access/user_service.h"
#include "cli/commands/common.h"
#include "core/clock.h"
#include "core/ids.h"

namespace kl::cli {

namespace {
struct UserArgs {
    std::string database_url = "var/kashlink.sqlite";
    std::string username;
    std::string display_name;
    std::string role;
    std::string org_id;
    std::string password;
};

// Reads a password from stdin when it was not given as a flag (so it stays out of shell history).
std::string password_or_stdin(const std::string& given) {
    if (!given.empty()) return given;
    if (::isatty(STDIN_FILENO)) std::cerr << "password: " << std::flush;
    std::string line;
    std::getline(std::cin, line);
    return line;
}

int add_user(const UserArgs& args) {
    auto role = access::parse_role(args.role);
    if (!role) return report_error(role.error());
    auto store = open_database(args.database_url);
    if (!store) return report_error(store.error());
    SystemClock clock;
    UuidV7Generator ids(clock);
    access::UserService users(**store, clock, ids);
    access::NewUser user{args.username, args.display_name.empty() ? args.username : args.display_name,
                         password_or_stdin(args.password), *role,
                         args.org_id.empty() ? std::nullopt : std::optional<std::string>(args.org_id)};
    auto added = users.add(std::nullopt, user);
    // The service names the API's fields; the user typed these options.
    if (!added) {
        return report_error(named_as_typed(added.error(), {{"org_id", "--org"},
                                                           {"username", "--username"},
                                                           {"display_name", "--display-name"},
                                                           {"password", "--password"},
                                                           {"role", "--role"}}));
    }
    std::cout << "added user " << added->username << " (" << access::to_string(added->role) << ") id " << added->id
              << "\n";
    return 0;
}

int set_password(const UserArgs& args) {
    auto store = open_database(args.database_url);
    if (!store) return report_error(store.error());
    SystemClock clock;
    UuidV7Generator ids(clock);
    access::UserService users(**store, clock, ids);
    auto changed = users.set_password(std::nullopt, args.username, password_or_stdin(args.password));
    if (!changed) return report_error(changed.error());
    std::cout << "password changed for " << args.username << "\n";
    return 0;
}

int list_users(const UserArgs& args) {
    auto store = open_database(args.database_url);
    if (!store) return report_error(store.error());
    SystemClock clock;
    UuidV7Generator ids(clock);
    access::UserService users(**store, clock, ids);
    std::optional<std::string> cursor;
    do {
        auto page = users.list(std::nullopt, 200, cursor);
        if (!page) return report_error(page.error());
        for (const auto& user : page->users) {
            std::cout << user.id << "  " << user.username << "  " << access::to_string(user.role) << "  "
                      << user.org_id.value_or("-") << (user.disabled ? "  disabled" : "") << "  "
                      << user.display_name << "\n";
        }
        cursor = page->next_cursor;
    } while (cursor);
    return 0;
}
}  // namespace

void add_user_command(CLI::App& app, int& exit_code) {
    auto* user = app.add_subcommand("user", "Manage user accounts");
    user->require_subcommand(1);
    auto args = std::make_shared<UserArgs>();

    auto* add = user->add_subcommand("add", "Add a user");
    add->add_option("--db", args->database_url, "SQLite path or PostgreSQL URL");
    add->add_option("--username", args->username, "Login name: 3-64 of a-z 0-9 . _ -")->required();
    add->add_option("--display-name", args->display_name, "Name shown in the console");
    add->add_option("--role", args->role, "admin, fund_officer, county_officer, producer, buyer, logistics, auditor")
        ->required();
    add->add_option("--org", args->org_id, "Organisation id (organisation-scoped roles)");
    add->add_option("--password", args->password, "Password (read from stdin when omitted)");
    add->callback([args, &exit_code] { exit_code = add_user(*args); });

    auto* passwd = user->add_subcommand("passwd", "Set a user's password");
    passwd->add_option("--db", args->database_url, "SQLite path or PostgreSQL URL");
    passwd->add_option("--username", args->username, "Login name")->required();
    passwd->add_option("--password", args->password, "Password (read from stdin when omitted)");
    passwd->callback([args, &exit_code] { exit_code = set_password(*args); });

    auto* list = user->add_subcommand("list", "List users");
    list->add_option("--db", args->database_url, "SQLite path or PostgreSQL URL");
    list->callback([args, &exit_code] { exit_code = list_users(*args); });
}

}  // namespace kl::cli
