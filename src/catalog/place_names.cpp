#include "catalog/place_names.h"

namespace kl::catalog {

Result<sheets::CodeNames> place_names(ReferenceData& reference) {
    sheets::CodeNames out;
    KL_TRY_ASSIGN(auto counties, reference.counties());
    for (const auto& county : counties) out["county"][county.code] = {county.name_zh, county.name_en};
    KL_TRY_ASSIGN(auto districts, reference.districts());
    for (const auto& district : districts) out["district"][district.code] = {district.name_zh, district.name_en};
    return out;
}

}  // namespace kl::catalog
