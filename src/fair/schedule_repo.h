#pragma once
// The SQL of schedule runs (internal to src/fair): the run, its meetings and its notes, written in
// the caller's transaction with no permission checks (ScheduleService checks first).

#include <optional>
#include <string>
#include <vector>

#include "fair/fair_types.h"
#include "store/store.h"

namespace kl::fair {

Result<void> insert_schedule(store::Tx& tx, const ScheduleRun& run);
// The run with its notes (the meetings are read apart: there may be thousands).
Result<std::optional<ScheduleRun>> find_schedule(store::Tx& tx, const std::string& id);
// A page of an event's runs in id (creation) order after `after`, without their notes.
Result<std::vector<ScheduleRun>> select_schedules(store::Tx& tx, const std::string& event_id, const std::optional<std::string>& after,
                                                  int limit);
Result<void> set_schedule_status(store::Tx& tx, const std::string& id, ScheduleStatus status, std::optional<int64_t> finished_at_ms,
                                 const std::optional<std::string>& error);
// Stores a finished run's figures, meetings and notes and marks it done.
Result<void> store_schedule_result(store::Tx& tx, const ScheduleRun& run, const std::vector<StoredMeeting>& meetings);
Result<std::vector<StoredMeeting>> schedule_meetings_all(store::Tx& tx, const std::string& schedule_id);
// A page in meeting-id order after `after` (page_rows_to_fetch(limit) rows at most).
Result<std::vector<StoredMeeting>> schedule_meetings_page(store::Tx& tx, const std::string& schedule_id,
                                                          const std::optional<std::string>& after, int limit);
Result<std::vector<StoredMeeting>> meetings_of(store::Tx& tx, const std::string& schedule_id, const Attendee& attendee);
// Marks runs left queued or running (by a stop or a crash) failed.
Result<int64_t> fail_interrupted_schedules(store::Tx& tx, int64_t now_ms);

}  // namespace kl::fair
