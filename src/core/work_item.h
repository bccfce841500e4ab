#pragma once
// What awaits a user (GET /api/v1/me/todo): one kind of work under a stable code, how many records
// await the user, the few most urgent named for people (names, never bare ids), and the console page
// where the work is done. Each module answers its own kinds for an actor with a count and a top-N
// query over its own indexed tables (store/work_queue.h); src/todo composes them. The vocabulary sits
// in core so that a module can answer without knowing the aggregator above it.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/civil_date.h"

namespace kl {

// The most urgent records listed per kind: enough to name what comes next on a phone screen; the
// count says how many more there are, and the kind's page lists them all.
inline constexpr size_t work_items_per_kind_max = 3;

struct WorkItem {
    std::string id;
    std::string label, label_en;        // what the record is, by name (the English name, or the Chinese one)
    std::string party, party_en;        // who is on the other side, by name ("" when no one)
    std::optional<int64_t> amount_fen;  // the money at stake, where there is some
    std::optional<Date> due_on;         // the date it is due by (or was raised on), where there is one
    std::string tag;                    // a code the console names: a flag's severity, a project's status; or ""
    std::string code;                   // a second code: what a flag found (projects/risk_codes.h, or its rule
                                        // for a flag raised before codes); or ""
    std::string route;                  // the console page of the record itself
};

struct WorkQueue {
    std::string kind;              // a stable code, e.g. "orders_to_confirm"
    int64_t count = 0;             // every record of this kind awaiting the user
    std::vector<WorkItem> items;   // at most work_items_per_kind_max, most urgent first
    std::string route;             // the console page (filtered where it can be) where this work is done
};

}  // namespace kl
