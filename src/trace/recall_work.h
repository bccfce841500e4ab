#pragma once
// The recalls awaiting a buyer's acknowledgement, for the to-do home (core/work_item.h):
//
//   buyer      recalls_to_acknowledge (open recalls naming its organisation it has not acknowledged)
//
// Other roles have no recall queue: openers follow their recalls on the recalls page.

#include <vector>

#include "core/result.h"
#include "core/work_item.h"
#include "store/store.h"
#include "trace/trace_access.h"

namespace kl::trace {

Result<std::vector<WorkQueue>> recall_work(store::Tx& tx, const Actor& actor);

}  // namespace kl::trace
