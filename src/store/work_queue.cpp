#include "store/work_queue.h"

namespace kl::store {

Result<WorkQueue> read_work_queue(Tx& tx, const WorkQuery& query, const std::function<void(WorkItem&, const Row&)>& finish) {
    WorkQueue queue{query.kind, 0, {}, query.route};
    KL_TRY_ASSIGN(Rows counted, tx.query("SELECT COUNT(*) AS n " + query.from_where, query.params));
    queue.count = counted[0].i64("n");
    if (queue.count == 0) return queue;
    KL_TRY_ASSIGN(Rows rows, tx.query("SELECT " + query.columns + " " + query.from_where + " ORDER BY " + query.order_by +
                                          " LIMIT " + std::to_string(work_items_per_kind_max),
                                      query.params));
    for (const auto& row : rows) {
        WorkItem item;
        item.id = row.text("id");
        item.label = row.text("label");
        item.label_en = row.text("label_en");
        item.party = row.text("party");
        item.party_en = row.text("party_en");
        finish(item, row);
        queue.items.push_back(std::move(item));
    }
    return queue;
}

}  // namespace kl::store
