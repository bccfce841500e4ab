#pragma once
// Schedule runs of an event (issue 15 item 4): the meeting scheduler (meeting_schedule.h) over the
// event's participants, availability, caps, tables, both sides' ratings and the recommendations,
// keeping the published schedule's meetings where still possible.
//
//   start       organisers, while the event is scheduling, published or live: records a queued run
//               and hands it to a job thread (market/allocation_jobs.h, one run at a time, bounded
//               queue: 429 beyond it); the caller polls get() until done or failed. An
//               Idempotency-Key on the route makes a retry answer the same run.
//   run_now     the same on the calling thread (`kashlink schedule --event ID`, tests)
//   get, meetings   organisers and programme-wide readers (fund officer, auditor)
//   publish     organisers: a done run becomes the event's published schedule (the event moves from
//               scheduling to published); a run based on a schedule that is no longer the published
//               one is refused (conflict), so a newer publication is never overwritten by a stale run
//   agenda      a participant's meetings in the published schedule and what the run says about it:
//               its own organisation, organisers and programme-wide readers
//
// A run reads its instance in one snapshot, solves outside any transaction, then writes its
// meetings and notes in one write transaction. A meeting kept or moved from the published schedule
// keeps its id, so what is recorded against a meeting survives reruns.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_trail.h"
#include "core/clock.h"
#include "core/ids.h"
#include "fair/fair_access.h"
#include "fair/fair_types.h"
#include "store/store.h"

namespace kl::market {
class AllocationJobs;
}

namespace kl::fair {

struct SchedulePage {
    std::vector<ScheduleRun> items;  // without their notes (get() has them)
    std::optional<std::string> next_cursor;
};

struct MeetingPage {
    std::vector<StoredMeeting> items;
    std::optional<std::string> next_cursor;
};

class ScheduleService {
public:
    ScheduleService(store::Store& store, const Clock& clock, IdGenerator& ids, audit::AuditTrail& audit);
    ~ScheduleService();

    // solve_time_ms: the solver's limit (default solve_time_ms_default, at most solve_time_ms_max).
    Result<ScheduleRun> start(const Actor& actor, const std::string& event_id, std::optional<int64_t> solve_time_ms);
    Result<ScheduleRun> run_now(const Actor& actor, const std::string& event_id, std::optional<int64_t> solve_time_ms);
    // The event's runs, oldest first (organisers and programme-wide readers).
    Result<SchedulePage> list(const Actor& actor, const std::string& event_id, int limit, const std::optional<std::string>& cursor);
    Result<ScheduleRun> get(const Actor& actor, const std::string& event_id, const std::string& schedule_id);
    Result<MeetingPage> meetings(const Actor& actor, const std::string& event_id, const std::string& schedule_id, int limit,
                                 const std::optional<std::string>& cursor);
    Result<ScheduleRun> publish(const Actor& actor, const std::string& event_id, const std::string& schedule_id);
    Result<Agenda> agenda(const Actor& actor, const std::string& event_id, const std::string& participant_id);

    // Marks runs a previous process left queued or running as failed (call once at start-up).
    Result<void> recover_interrupted();
    void stop();

private:
    Result<ScheduleRun> record_run(const Actor& actor, const std::string& event_id, std::optional<int64_t> solve_time_ms,
                                   ScheduleStatus status);
    void execute(const std::string& schedule_id);
    // Loads, solves and stores a run that is `running`; marks it failed on an error.
    void solve_claimed(const ScheduleRun& run);

    store::Store& store_;
    const Clock& clock_;
    IdGenerator& ids_;
    audit::AuditTrail& audit_;
    std::unique_ptr<market::AllocationJobs> jobs_;
};

}  // namespace kl::fair
