#pragma once
// Helpers shared by the subcommands: opening the database named by --db, reporting errors.

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/config.h"
#include "core/result.h"
#include "store/store.h"

namespace kl::cli {

// Opens the store named by `database_url` and (unless told not to) applies pending migrations.
Result<std::unique_ptr<store::Store>> open_database(const std::string& database_url, bool apply_migrations = true);

// Prints "kashlink: <message>" and field errors to stderr; returns the process exit code (1).
int report_error(const Error& error);

// A service names its problems by the API's fields (org_id); on the command line the user typed an
// option (--org). Renames each field of `renames` (service field, option) in the field problems and at
// the start of the message; other fields (a CSV row's "row 3/org_id") stay as they are.
using FieldRenames = std::vector<std::pair<std::string_view, std::string_view>>;
Error named_as_typed(Error error, const FieldRenames& renames);

}  // namespace kl::cli
