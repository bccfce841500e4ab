#pragma once
// Counties and districts: reference data inserted by migration 0003_catalog and read by everyone
// (the public included). Codes are stable ids ("shache", "pudong").

#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog_types.h"
#include "core/result.h"
#include "store/store.h"

namespace kl::catalog {

class ReferenceData {
public:
    explicit ReferenceData(store::Store& store) : store_(store) {}

    // In the programme's order (Shache, Zepu, Yecheng, Bachu; districts by division code).
    Result<std::vector<County>> counties();
    Result<std::vector<District>> districts();

private:
    store::Store& store_;
};

// Inside a caller's transaction: every county in the programme's order.
Result<std::vector<County>> load_counties(store::Tx& tx);
// Inside a caller's transaction: the row with this code, if any.
Result<std::optional<County>> find_county(store::Tx& tx, const std::string& code);
Result<std::optional<District>> find_district(store::Tx& tx, const std::string& code);

}  // namespace kl::catalog
