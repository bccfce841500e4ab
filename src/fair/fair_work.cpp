#include "fair/fair_work.h"

#include "fair/fair_work_repo.h"

namespace kl::fair {

Result<std::vector<WorkQueue>> fair_work(store::Tx& tx, const Actor& actor) {
    std::vector<WorkQueue> queues;
    if (!actor) return queues;
    // An organisation's user takes part on its role's side: producers exhibit, buyers send representatives.
    if ((actor->role == access::Role::producer || actor->role == access::Role::buyer) && actor->org_id) {
        const Side side = actor->role == access::Role::producer ? Side::exhibitor : Side::buyer;
        KL_TRY_ASSIGN(WorkQueue to_rate, events_to_rate(tx, *actor->org_id, side));
        KL_TRY_ASSIGN(WorkQueue agendas, agendas_published(tx, *actor->org_id, side));
        queues.push_back(std::move(to_rate));
        queues.push_back(std::move(agendas));
    }
    // Organisers are admins and the users an event names. Auditors record nothing
    // (access::require_writer); logistics has no fair pages (the console's fairs group leaves it out).
    if (actor->role != access::Role::auditor && actor->role != access::Role::logistics) {
        KL_TRY_ASSIGN(WorkQueue outcomes, outcomes_to_record(tx, actor->user_id, actor->role == access::Role::admin));
        queues.push_back(std::move(outcomes));
    }
    return queues;
}

}  // namespace kl::fair
