#pragma once
// The SQL of the reference tables (counties, districts; inserted by migration 0003_catalog), read
// inside a caller's transaction by every module that names a county or district.

#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog_types.h"
#include "core/result.h"
#include "store/store.h"

namespace kl::catalog {

// Every county in the programme's order (Shache, Zepu, Yecheng, Bachu).
Result<std::vector<County>> load_counties(store::Tx& tx);
// Every district by division code.
Result<std::vector<District>> load_districts(store::Tx& tx);
// The row with this code, if any.
Result<std::optional<County>> find_county(store::Tx& tx, const std::string& code);
Result<std::optional<District>> find_district(store::Tx& tx, const std::string& code);

}  // namespace kl::catalog
