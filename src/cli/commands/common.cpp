#include "cli/commands/common.h"

#include <cstdio>

namespace kl::cli {

Result<std::unique_ptr<store::Store>> open_database(const std::string& database_url) {
    store::StoreOptions options;
    options.url = database_url;
    return store::open_store(options);
}

int report_error(const Error& error) {
    std::fprintf(stderr, "kashlink: %s (%s)\n", error.message.c_str(), std::string(to_string(error.code)).c_str());
    for (const auto& field : error.fields)
        std::fprintf(stderr, "  %s: %s\n", field.field.c_str(), field.message.c_str());
    return 1;
}

}  // namespace kl::cli
