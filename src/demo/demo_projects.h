#pragma once
// The aid-projects part of the demo (internal to src/demo): the 2023 programme of seed-facts.md —
// 94 projects across the four counties (84 started), their contracts, progress, inspections and
// payments over the year, three planted risky patterns (a split purchase, a duplicate invoice, an
// overpayment attempt that is refused) — and the Chief Service Officer book (53 enterprises visited,
// 2 listed-company and 28 other investment projects served, 44 promotion events). Deterministic:
// drawn from the world's DemoRandom, dated in 2023, written inside the caller's transaction through
// the services, with the funds seam (ports.h) and the audit trail the caller passes.

#include <cstddef>

#include "audit/audit_trail.h"
#include "core/clock.h"
#include "core/ids.h"
#include "demo/demo_catalog.h"
#include "projects/ports.h"

namespace kl::demo {

struct DemoProjectCounts {
    size_t projects = 0, started = 0, contracts = 0, payments_paid = 0, payments_refused = 0, flags = 0;
    size_t payments_submitted = 0;  // awaiting the fund officer's approval
    size_t enterprises_served = 0, investments = 0, events = 0;
};

// After seed_organisations (it uses the branch agencies and adds contractors and served enterprises).
Result<DemoProjectCounts> seed_projects(DemoWorld& world, store::Store& store, const Clock& clock, IdGenerator& ids,
                                        projects::FundsPort funds, audit::AuditTrail& audit);

}  // namespace kl::demo
