#include "cli/commands/common.h"

#include <cstdio>

namespace kl::cli {

Result<std::unique_ptr<store::Store>> open_database(const std::string& database_url, bool apply_migrations) {
    store::StoreOptions options;
    options.url = database_url;
    options.apply_migrations = apply_migrations;
    return store::open_store(options);
}

int report_error(const Error& error) {
    std::fprintf(stderr, "kashlink: %s (%s)\n", error.message.c_str(), std::string(to_string(error.code)).c_str());
    for (const auto& field : error.fields)
        std::fprintf(stderr, "  %s: %s\n", field.field.c_str(), field.message.c_str());
    return 1;
}

Error named_as_typed(Error error, const FieldRenames& renames) {
    for (const auto& [service_field, option] : renames) {
        for (FieldError& field : error.fields) {
            if (field.field == service_field) field.field = option;
        }
        if (error.message.starts_with(std::string(service_field) + ": ")) {
            error.message.replace(0, service_field.size(), option);
        }
    }
    return error;
}

}  // namespace kl::cli
