#pragma once
// Helpers shared by the subcommands: opening the database named by --db, reporting errors.

#include <memory>
#include <string>

#include "core/config.h"
#include "core/result.h"
#include "store/store.h"

namespace kl::cli {

// Opens the store named by `database_url` and applies pending migrations.
Result<std::unique_ptr<store::Store>> open_database(const std::string& database_url);

// Prints "kashlink: <message>" and field errors to stderr; returns the process exit code (1).
int report_error(const Error& error);

}  // namespace kl::cli
