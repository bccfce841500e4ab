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
    std::string columns;     // the SELECT list of the items' rows
    std::string from_where;  // "FROM … WHERE …", its parameters in `params`
    std::string order_by;    // most urgent first; ends with a unique column so the order is stable
    Params params;
};

Result<WorkQueue> read_work_queue(Tx& tx, const WorkQuery& query, const std::function<WorkItem(const Row&)>& item);

}  // namespace kl::store
