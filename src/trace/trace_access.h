#pragma once
// Who sees and who records what in the trace module (access/permissions.h's rules applied to lots):
//
//   role            | sees lots and their events                      | records
//   ----------------+-------------------------------------------------+-------------------------------
//   admin           | every lot                                       | lots and events for any producer
//   fund_officer    | every lot (programme-wide reader)               | nothing
//   auditor         | every lot                                       | nothing (reads everything)
//   county_officer  | lots of its county's producers                  | nothing
//   producer        | its own lots                                    | lots and events on its own lots
//                   |                                                 |  (another producer's lot: 403)
//   buyer           | lots shipped on orders it buys                  | nothing (its receiving and
//                   |                                                 |  accepting are recorded by the
//                   |                                                 |  order lifecycle)
//   logistics       | lots shipped on orders it carries               | ObjectEvent OBSERVE on those
//                   |                                                 |  lots (arriving, receiving,
//                   |                                                 |  storing…: goods at its nodes)
//   command line    | everything                                      | everything
//
// A lot outside the caller's scope answers 403 (not 404), as orders do; an unknown id answers 404.

#include <optional>
#include <string>

#include "access/principal.h"
#include "core/result.h"
#include "store/store.h"
#include "trace/trace_types.h"

namespace kl::trace {

using Actor = std::optional<access::Principal>;

// permission_denied unless `actor` sees the lot.
Result<void> require_lot_visible(store::Tx& tx, const Actor& actor, const std::string& lot_id);
// permission_denied unless `actor` may record events at all (admin, producer, logistics; the
// command line), before any lot is looked at.
Result<void> require_event_recorder(const Actor& actor);
// permission_denied unless `actor` may record `event` on `lot` (the table above).
Result<void> require_may_record_on(store::Tx& tx, const Actor& actor, const Event& event, const Lot& lot);

}  // namespace kl::trace
