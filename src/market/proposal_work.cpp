#include "market/proposal_work.h"

#include "market/allocation_repo.h"

namespace kl::market {

Result<std::vector<WorkQueue>> proposal_work(store::Tx& tx, const Actor& actor) {
    std::vector<WorkQueue> queues;
    if (!actor || !actor->org_id) return queues;
    std::optional<Side> side;
    if (actor->role == access::Role::producer) side = Side::seller;
    if (actor->role == access::Role::buyer) side = Side::buyer;
    if (!side) return queues;
    KL_TRY_ASSIGN(WorkQueue queue, proposals_awaiting(tx, *side, *actor->org_id));
    queues.push_back(std::move(queue));
    return queues;
}

}  // namespace kl::market
