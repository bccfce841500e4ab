#pragma once
// What awaits the signed-in user (GET /api/v1/me/todo): each module answers the kinds of work it
// owns for the actor (core/work_item.h) and this service puts them together, in one read
// transaction so that every count is of the same moment:
//
//   market       proposals_to_decide                       market/proposal_work.h
//   orders       orders_to_{confirm,ship,deliver,accept,   orders/order_work.h
//                invoice,pay}
//   projects     payments_to_{approve,pay}, risk_flags_open, projects/project_work.h
//                projects_to_move
//   catalog      certifications_in_notice                  catalog/certification_work.h
//   servicebook  service_requests_due                      servicebook/servicebook_work.h
//   fair         fair_preferences_to_rate,                 fair/fair_work.h
//                fair_agenda_published, fair_outcomes_to_record
//   trace        recalls_to_acknowledge                    trace/recall_work.h
//   backup       backups_overdue (admin)                   backup/backup_runs.h
//
// Each kind a role can have is listed, with count 0 when nothing awaits (so a count that drops to 0
// is seen to), in the order above. An organisation's user is counted only its organisation's
// records; a county officer only its county's. Cost: per kind one COUNT and one LIMIT-N read, both
// on an index of the actor's column — a producer's home is 16 statements, a buyer's 16 (with its
// recalls), a fund officer's 10.

#include <optional>
#include <vector>

#include "access/principal.h"
#include "core/clock.h"
#include "core/result.h"
#include "core/work_item.h"
#include "store/store.h"

namespace kl::todo {

struct Todo {
    Date today;  // in Shanghai: the day "due" and "in notice" were judged on
    std::vector<WorkQueue> queues;
};

class TodoService {
public:
    TodoService(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

    // Every signed-in role may ask (its own work only); the command line has none.
    Result<Todo> for_actor(const std::optional<access::Principal>& actor);

private:
    store::Store& store_;
    const Clock& clock_;
};

}  // namespace kl::todo
