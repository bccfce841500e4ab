#pragma once
// What awaits an actor in the aid projects, for the to-do home (core/work_item.h), as the rules of
// payment_service.h, risk_service.h, project_service.h and project_access.h give it:
//
//   fund_officer    payments_to_approve (submitted, not its own request: four eyes),
//                   payments_to_pay (approved), risk_flags_open (all),
//                   projects_to_move (planned: to approve; completed: to accept)
//   auditor         risk_flags_open (all: reviewing flags is the auditor's one write)
//   county_officer  risk_flags_open (its county's), projects_to_move (its county's approved
//                   projects: to start); never approves or pays
//
// The administrator may take these steps too but runs the platform, not the money: it keeps no
// queue here. Producers, buyers and logistics firms take none of these steps.

#include <optional>
#include <vector>

#include "access/principal.h"
#include "core/result.h"
#include "core/work_item.h"
#include "store/store.h"

namespace kl::projects {

Result<std::vector<WorkQueue>> project_work(store::Tx& tx, const std::optional<access::Principal>& actor);

}  // namespace kl::projects
