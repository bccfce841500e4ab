#pragma once
// What the county and district codes of an export are called, for its readable name columns
// (sheets/readable.h): a sheet with a `county` column gains `county_name_zh` and `county_name_en`.

#include "catalog/reference_data.h"
#include "core/result.h"
#include "sheets/readable.h"

namespace kl::catalog {

// Names for the columns `county` and `district` (and any others given, coded like them).
Result<sheets::CodeNames> place_names(ReferenceData& reference);

}  // namespace kl::catalog
