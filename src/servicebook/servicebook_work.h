#pragma once
// Service requests near their deadline, for the to-do home (core/work_item.h): kind
// `service_requests_due` — for a county officer, its county's requests still open or in progress
// whose deadline is within request_due_soon_days of today, or already past. The book's officer of an
// enterprise is a name, not a user, so the county's branch command is whom the book assigns; fund
// officers read the whole book but answer no county's requests.

#include <cstdint>
#include <optional>
#include <vector>

#include "access/principal.h"
#include "core/civil_date.h"
#include "core/result.h"
#include "core/work_item.h"
#include "store/store.h"

namespace kl::servicebook {

// Two weeks: the time to arrange a visit or an answer before a deadline passes.
inline constexpr int64_t request_due_soon_days = 14;

Result<std::vector<WorkQueue>> servicebook_work(store::Tx& tx, const std::optional<access::Principal>& actor, Date today);

}  // namespace kl::servicebook
