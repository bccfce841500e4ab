#include "projects/project_work.h"

#include "projects/project_access.h"
#include "projects/project_repo.h"

namespace kl::projects {

Result<std::vector<WorkQueue>> project_work(store::Tx& tx, const std::optional<access::Principal>& actor) {
    std::vector<WorkQueue> queues;
    if (!actor) return queues;
    auto add = [&queues](Result<WorkQueue> queue) -> Result<void> {
        if (!queue) return fail(std::move(queue).error());
        queues.push_back(std::move(*queue));
        return ok();
    };
    using enum ProjectStatus;
    switch (actor->role) {
        case access::Role::fund_officer:
            KL_TRY(add(payments_awaiting(tx, "payments_to_approve", PaymentStatus::submitted, actor->user_id)));
            KL_TRY(add(payments_awaiting(tx, "payments_to_pay", PaymentStatus::approved, std::nullopt)));
            KL_TRY(add(open_flags(tx, std::nullopt)));
            KL_TRY(add(projects_awaiting(tx, {planned, completed}, std::nullopt)));
            break;
        case access::Role::auditor:
            KL_TRY(add(open_flags(tx, std::nullopt)));
            break;
        case access::Role::county_officer: {
            KL_TRY_ASSIGN(Scope scope, scope_of(tx, actor));
            if (scope.kind != Scope::Kind::county) break;  // an agency without a county sees no project
            KL_TRY(add(open_flags(tx, scope.value)));
            KL_TRY(add(projects_awaiting(tx, {approved}, scope.value)));
            break;
        }
        default:
            break;
    }
    return queues;
}

}  // namespace kl::projects
