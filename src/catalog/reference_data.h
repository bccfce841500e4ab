#pragma once
// Counties and districts: reference data inserted by migration 0003_catalog and read by everyone
// (the public included). Codes are stable ids ("shache", "pudong").

#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog_types.h"
#include "catalog/reference_repo.h"
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

}  // namespace kl::catalog
