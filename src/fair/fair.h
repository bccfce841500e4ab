#pragma once
// The fair module as its users take it (the HTTP routes, the command line): its records and
// enumerations (fair_types.h), the event service (fair_service.h) and the scheduler's pure function
// (meeting_schedule.h), what an event prints (fair_print.h); the SQL stays inside the module (fair_repo.h).

#include "fair/fair_print.h"
#include "fair/fair_service.h"
#include "fair/fair_types.h"
#include "fair/meeting_schedule.h"
#include "fair/schedule_service.h"

namespace kl::fair {

// The module's services, built once (cli/app.cpp) over one store, clock, id source and audit trail.
struct Fairs {
    Fairs(store::Store& store, const Clock& clock, IdGenerator& ids, audit::AuditTrail& audit)
        : events(store, clock, ids, audit), schedules(store, clock, ids, audit), prints(store, clock, audit, schedules) {}

    FairService events;
    ScheduleService schedules;
    PrintService prints;  // agendas (PDF, .ics), badges and check-in by badge, table plans
};

}  // namespace kl::fair
