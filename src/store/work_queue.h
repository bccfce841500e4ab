#pragma once
// A module's to-do query (core/work_item.h): how many rows of `from_where` there are, and the first
// work_items_per_kind_max of them in `order_by` order mapped to items: two statements over the
// same parameters in the caller's transaction, each answered from an index on the actor's column.

#include <functional>
#include <string>

#include "core/result.h"
#include "core/work_item.h"
#include "store/store.h"

namespace kl::store {

struct WorkQuery {
    std::string kind, route;
    // The SELECT list of the items' rows: always id, label, label_en, party and party_en (as those
    // names; '' AS party when there is none), which every item is named by, then what `finish` reads.
    std::string columns;
    std::string from_where;  // "FROM … WHERE …", its parameters in `params`
    std::string order_by;    // most urgent first; ends with a unique column so the order is stable
    Params params;
};

// `finish` sets what is particular to the kind (amount, dates, tags, the record's route) on an item
// already named from its row.
Result<WorkQueue> read_work_queue(Tx& tx, const WorkQuery& query, const std::function<void(WorkItem&, const Row&)>& finish);

}  // namespace kl::store
