#include "trace/recall_work.h"

#include "core/civil_date.h"
#include "trace/trace_graph_repo.h"

namespace kl::trace {

Result<std::vector<WorkQueue>> recall_work(store::Tx& tx, const Actor& actor) {
    std::vector<WorkQueue> queues;
    if (!actor || actor->role != access::Role::buyer || !actor->org_id) return queues;
    WorkQueue queue;
    queue.kind = "recalls_to_acknowledge";
    queue.route = "/recalls?status=open";
    KL_TRY_ASSIGN(queue.count, count_recalls_to_acknowledge(tx, *actor->org_id));
    KL_TRY_ASSIGN(std::vector<Recall> recalls, recalls_to_acknowledge(tx, *actor->org_id, work_items_per_kind_max));
    for (const auto& recall : recalls) {
        WorkItem item;
        item.id = recall.id;
        item.label = recall.product_name + " " + recall.lot_code;
        item.label_en = (recall.product_name_en.empty() ? recall.product_name : recall.product_name_en) + " " + recall.lot_code;
        item.party = recall.producer_name;
        item.party_en = recall.producer_name_en.empty() ? recall.producer_name : recall.producer_name_en;
        item.due_on = shanghai_date(recall.opened_at_ms);
        item.route = "/recalls/" + recall.id;
        queue.items.push_back(std::move(item));
    }
    queues.push_back(std::move(queue));
    return queues;
}

}  // namespace kl::trace
