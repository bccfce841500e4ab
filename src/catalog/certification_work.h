#pragma once
// Certifications in their public notice period, for the to-do home (core/work_item.h): kind
// `certifications_in_notice` — for a producer those of its own products (objections may still come
// in; the product counts as an aid product only once the notice ends), for a county officer those of
// its county (the certifying county answers the objections). Other roles have none.

#include <optional>
#include <vector>

#include "access/principal.h"
#include "core/civil_date.h"
#include "core/result.h"
#include "core/work_item.h"
#include "store/store.h"

namespace kl::catalog {

Result<std::vector<WorkQueue>> certification_work(store::Tx& tx, const std::optional<access::Principal>& actor, Date today);

}  // namespace kl::catalog
