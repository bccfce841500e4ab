#include "fair/schedule_repo.h"

#include "store/sql.h"
#include "store/stored.h"

namespace kl::fair {

namespace {

// Rows per multi-row INSERT: 7 parameters each, far below either back end's parameter limit.
constexpr size_t meeting_rows_per_insert = 400;
constexpr size_t note_rows_per_insert = 200;

const std::string select_schedule_sql =
    "SELECT id, event_id, status, based_on, requested_by, solve_time_ms, method, weight, weight_bound, gap, optimal, "
    "must_meets_met, must_meets_bound, meeting_count, error, created_at_ms, finished_at_ms FROM fair_schedules";

ScheduleRun schedule_from(const store::Row& row) {
    ScheduleRun run;
    run.id = row.text("id");
    run.event_id = row.text("event_id");
    run.status = store::stored_enum<ScheduleStatus>(row.text("status"));
    run.based_on = row.opt_text("based_on");
    run.requested_by = row.text("requested_by");
    run.solve_time_ms = row.i64("solve_time_ms");
    if (auto method = row.opt_text("method")) run.method = store::stored_enum<SolveMethod>(*method);
    run.weight = row.i64("weight");
    run.weight_bound = row.i64("weight_bound");
    run.gap = row.i64("gap");
    run.optimal = row.i64("optimal") == 1;
    run.must_meets_met = row.i64("must_meets_met");
    run.must_meets_bound = row.i64("must_meets_bound");
    run.meeting_count = row.i64("meeting_count");
    run.error = row.opt_text("error");
    run.created_at_ms = row.i64("created_at_ms");
    run.finished_at_ms = row.opt_i64("finished_at_ms");
    return run;
}

const std::string select_meeting_sql =
    "SELECT id, exhibitor_id, buyer_id, slot_id, table_id, weight FROM fair_meetings WHERE ";

// The schedule's meetings meeting `query`'s conditions, in id order (`query.page` for a page).
Result<std::vector<StoredMeeting>> meetings_where(store::Tx& tx, const std::string& schedule_id, store::SqlQuery query,
                                                  const std::optional<std::string>& after = std::nullopt,
                                                  std::optional<int> limit = std::nullopt) {
    query.where("schedule_id", schedule_id);
    const std::string tail = limit ? query.page("id", after, *limit) : query.condition() + " ORDER BY id";
    return store::query_as(tx, select_meeting_sql + tail, query.params(), [](const store::Row& row) {
        return StoredMeeting{row.text("id"), row.text("exhibitor_id"), row.text("buyer_id"), row.text("slot_id"),
                             row.text("table_id"), row.i64("weight")};
    });
}

ScheduleNote note_from(const store::Row& row) {
    ScheduleNote note;
    note.kind = store::stored_enum<NoteKind>(row.text("kind"));
    note.exhibitor_id = row.opt_text("exhibitor_id");
    note.buyer_id = row.opt_text("buyer_id");
    note.participant_id = row.opt_text("participant_id");
    note.meeting_id = row.opt_text("meeting_id");
    note.reason = row.opt_text("reason");
    note.vetoed = row.i64("vetoed") == 1;
    note.meetings_min = row.i64("meetings_min");
    note.scheduled = row.i64("scheduled");
    note.before_slot_id = row.opt_text("before_slot_id");
    note.before_table_id = row.opt_text("before_table_id");
    note.after_slot_id = row.opt_text("after_slot_id");
    note.after_table_id = row.opt_text("after_table_id");
    return note;
}

}  // namespace

Result<void> insert_schedule(store::Tx& tx, const ScheduleRun& run) {
    KL_TRY(tx.execute("INSERT INTO fair_schedules (id, event_id, status, based_on, requested_by, solve_time_ms, created_at_ms) "
                      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
                      {run.id, run.event_id, std::string(to_string(run.status)), store::optional_text(run.based_on),
                       run.requested_by, run.solve_time_ms, run.created_at_ms}));
    return ok();
}

Result<std::optional<ScheduleRun>> find_schedule(store::Tx& tx, const std::string& id) {
    KL_TRY_ASSIGN(std::optional<ScheduleRun> run, store::query_first(tx, select_schedule_sql + " WHERE id = $1", {id}, schedule_from));
    if (!run) return run;
    KL_TRY_ASSIGN(run->notes, store::query_as(tx, "SELECT * FROM fair_schedule_notes WHERE schedule_id = $1 ORDER BY position",
                                              {id}, note_from));
    return run;
}

Result<std::vector<ScheduleRun>> select_schedules(store::Tx& tx, const std::string& event_id, const std::optional<std::string>& after,
                                                  int limit) {
    store::SqlQuery query;
    query.where("event_id", event_id);
    return store::query_as(tx, select_schedule_sql + " WHERE " + query.page("id", after, limit), query.params(), schedule_from);
}

Result<void> set_schedule_status(store::Tx& tx, const std::string& id, ScheduleStatus status, std::optional<int64_t> finished_at_ms,
                                 const std::optional<std::string>& error) {
    KL_TRY(tx.execute("UPDATE fair_schedules SET status = $1, finished_at_ms = $2, error = $3 WHERE id = $4",
                      {std::string(to_string(status)), store::optional_int(finished_at_ms), store::optional_text(error), id}));
    return ok();
}

Result<void> store_schedule_result(store::Tx& tx, const ScheduleRun& run, const std::vector<StoredMeeting>& meetings) {
    KL_TRY(tx.execute("UPDATE fair_schedules SET status = 'done', method = $1, weight = $2, weight_bound = $3, gap = $4, "
                      "optimal = $5, must_meets_met = $6, must_meets_bound = $7, meeting_count = $8, finished_at_ms = $9, "
                      "error = NULL WHERE id = $10",
                      {run.method ? store::Value(std::string(to_string(*run.method))) : store::null(), run.weight,
                       run.weight_bound, run.gap, int64_t{run.optimal ? 1 : 0}, run.must_meets_met, run.must_meets_bound,
                       static_cast<int64_t>(meetings.size()), store::optional_int(run.finished_at_ms), run.id}));
    KL_TRY(store::insert_rows(tx,
                              "INSERT INTO fair_meetings (schedule_id, id, exhibitor_id, buyer_id, slot_id, table_id, weight) VALUES ",
                              7, "", meetings.size(), meeting_rows_per_insert, [&](size_t i, store::Params& params) {
                                  const StoredMeeting& m = meetings[i];
                                  params.insert(params.end(), {run.id, m.id, m.exhibitor_id, m.buyer_id, m.slot_id, m.table_id, m.weight});
                              }));
    KL_TRY(store::insert_rows(
        tx,
        "INSERT INTO fair_schedule_notes (schedule_id, position, kind, exhibitor_id, buyer_id, participant_id, meeting_id, reason, "
        "vetoed, meetings_min, scheduled, before_slot_id, before_table_id, after_slot_id, after_table_id) VALUES ",
        15, "", run.notes.size(), note_rows_per_insert, [&](size_t i, store::Params& params) {
            const ScheduleNote& n = run.notes[i];
            params.insert(params.end(),
                          {run.id, static_cast<int64_t>(i), std::string(to_string(n.kind)), store::optional_text(n.exhibitor_id),
                           store::optional_text(n.buyer_id), store::optional_text(n.participant_id),
                           store::optional_text(n.meeting_id), store::optional_text(n.reason), int64_t{n.vetoed ? 1 : 0},
                           n.meetings_min, n.scheduled, store::optional_text(n.before_slot_id),
                           store::optional_text(n.before_table_id), store::optional_text(n.after_slot_id),
                           store::optional_text(n.after_table_id)});
        }));
    return ok();
}

Result<std::vector<StoredMeeting>> schedule_meetings_all(store::Tx& tx, const std::string& schedule_id) {
    return meetings_where(tx, schedule_id, {});
}

Result<std::vector<StoredMeeting>> schedule_meetings_page(store::Tx& tx, const std::string& schedule_id,
                                                          const std::optional<std::string>& after, int limit) {
    return meetings_where(tx, schedule_id, {}, after, limit);
}

Result<std::vector<StoredMeeting>> meetings_of(store::Tx& tx, const std::string& schedule_id, const Attendee& attendee) {
    store::SqlQuery query;
    query.where(attendee.side == Side::exhibitor ? "exhibitor_id" : "buyer_id", attendee.id);
    return meetings_where(tx, schedule_id, std::move(query));
}

Result<int64_t> fail_interrupted_schedules(store::Tx& tx, int64_t now_ms) {
    return tx.execute("UPDATE fair_schedules SET status = 'failed', finished_at_ms = $1, "
                      "error = 'interrupted: the server stopped before the run finished' WHERE status IN ('queued', 'running')",
                      {now_ms});
}

}  // namespace kl::fair
