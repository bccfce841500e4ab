#include "todo/todo_service.h"

#include "backup/backup_runs.h"
#include "catalog/certification_work.h"
#include "fair/fair_work.h"
#include "market/proposal_work.h"
#include "orders/order_work.h"
#include "projects/project_work.h"
#include "servicebook/servicebook_work.h"
#include "trace/recall_work.h"

namespace kl::todo {

Result<Todo> TodoService::for_actor(const std::optional<access::Principal>& actor) {
    Todo todo{kl::today_in_shanghai(clock_), {}};
    if (!actor) return todo;
    return store_.read([&](store::Tx& tx) -> Result<Todo> {
        auto add = [&todo](Result<std::vector<WorkQueue>> queues) -> Result<void> {
            if (!queues) return fail(std::move(queues).error());
            for (auto& queue : *queues) todo.queues.push_back(std::move(queue));
            return ok();
        };
        KL_TRY(add(market::proposal_work(tx, actor)));
        KL_TRY(add(orders::order_work(tx, actor)));
        KL_TRY(add(projects::project_work(tx, actor)));
        KL_TRY(add(catalog::certification_work(tx, actor, todo.today)));
        KL_TRY(add(servicebook::servicebook_work(tx, actor, todo.today)));
        KL_TRY(add(fair::fair_work(tx, actor)));
        KL_TRY(add(trace::recall_work(tx, actor)));
        // The administrator keeps the platform itself: a database without a recent backup is its work.
        if (actor->role == access::Role::admin) KL_TRY(add(backup::backup_work(tx, clock_.now_ms())));
        return todo;
    });
}

}  // namespace kl::todo
