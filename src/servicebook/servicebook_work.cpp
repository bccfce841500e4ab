#include "servicebook/servicebook_work.h"

#include "projects/project_access.h"
#include "servicebook/servicebook_repo.h"

namespace kl::servicebook {

Result<std::vector<WorkQueue>> servicebook_work(store::Tx& tx, const std::optional<access::Principal>& actor, Date today) {
    std::vector<WorkQueue> queues;
    if (!actor || actor->role != access::Role::county_officer) return queues;
    KL_TRY_ASSIGN(projects::Scope scope, projects::scope_of(tx, actor));
    if (scope.kind != projects::Scope::Kind::county) return queues;  // an agency without a county
    KL_TRY_ASSIGN(WorkQueue queue, requests_due(tx, scope.value, kl::add_days(today, request_due_soon_days)));
    queues.push_back(std::move(queue));
    return queues;
}

}  // namespace kl::servicebook
