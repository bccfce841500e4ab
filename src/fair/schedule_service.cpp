#include "fair/schedule_service.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "core/log.h"
#include "fair/fair_repo.h"
#include "fair/meeting_schedule.h"
#include "fair/recommend_repo.h"
#include "fair/schedule_repo.h"
#include "market/allocation_jobs.h"
#include "store/page.h"

namespace kl::fair {

namespace {

using audit::CanonicalJson;

// The scheduler's view of an event, and the ids behind its indexes.
struct Instance {
    Event event;
    ScheduleRequest request;
    std::vector<std::string> exhibitor_ids, buyer_ids, slot_ids, table_ids;
    std::vector<std::string> published_ids;  // the meeting id of each request.published entry
    std::map<std::pair<int32_t, int32_t>, PairPreference> preferences;
};

template <typename Id>
std::map<std::string, int32_t> index_of(const std::vector<Id>& ids) {
    std::map<std::string, int32_t> out;
    for (size_t i = 0; i < ids.size(); ++i) out[ids[i]] = static_cast<int32_t>(i);
    return out;
}

Participant participant_of(const Attendee& a, const std::map<std::string, int32_t>& slot_index) {
    Participant p;
    p.meetings_min = static_cast<int32_t>(a.meetings_min);
    p.meetings_max = static_cast<int32_t>(a.meetings_max);
    p.withdrawn = a.withdrawn;
    for (const auto& slot : a.slot_ids) p.slots.push_back(slot_index.at(slot));
    std::sort(p.slots.begin(), p.slots.end());
    return p;
}

// Participants, slots and tables of the event as indexes.
Result<void> load_people_and_places(store::Tx& tx, Instance& in, const std::vector<Attendee>& attendees) {
    KL_TRY_ASSIGN(std::vector<EventSlot> slots, select_slots(tx, in.event.id));
    for (const auto& slot : slots) {
        in.slot_ids.push_back(slot.id);
        in.request.slots.push_back(Slot{0});
    }
    const auto slot_index = index_of(in.slot_ids);
    for (const auto& a : attendees) {
        auto& ids = a.side == Side::exhibitor ? in.exhibitor_ids : in.buyer_ids;
        auto& people = a.side == Side::exhibitor ? in.request.exhibitors : in.request.buyers;
        ids.push_back(a.id);
        people.push_back(participant_of(a, slot_index));
    }
    const auto exhibitor_index = index_of(in.exhibitor_ids);
    KL_TRY_ASSIGN(std::vector<EventTable> tables, select_tables(tx, in.event.id));
    for (const auto& table : tables) {
        in.table_ids.push_back(table.id);
        Table t;
        if (table.owner_participant_id) {
            const auto owner = exhibitor_index.find(*table.owner_participant_id);
            if (owner != exhibitor_index.end()) t.owner_exhibitor = owner->second;
        }
        in.request.tables.push_back(t);
    }
    return ok();
}

// Both sides' ratings and, where a side said nothing, the pair's recommendation.
Result<void> load_preferences(store::Tx& tx, Instance& in, const std::vector<Attendee>& attendees, Date today) {
    const auto exhibitor_index = index_of(in.exhibitor_ids);
    const auto buyer_index = index_of(in.buyer_ids);
    KL_TRY_ASSIGN(auto facts, recommend_facts(tx, attendees, today));
    for (const auto& [key, pair_facts] : facts) {
        const Recommendation scored = recommend(pair_facts, in.event.weights.recommendation_max);
        if (scored.score <= 0) continue;
        const int32_t e = exhibitor_index.at(key.first), b = buyer_index.at(key.second);
        in.preferences[{e, b}] = PairPreference{e, b, Rating::none, Rating::none, scored.score};
    }
    KL_TRY_ASSIGN(std::vector<PairRatings> pairs, event_pairs(tx, in.event.id));
    for (const auto& pair : pairs) {
        const int32_t e = exhibitor_index.at(pair.exhibitor_id), b = buyer_index.at(pair.buyer_id);
        PairPreference& pref = in.preferences[{e, b}];
        pref.exhibitor = e;
        pref.buyer = b;
        pref.by_exhibitor = pair.by_exhibitor;
        pref.by_buyer = pair.by_buyer;
    }
    for (const auto& [key, pref] : in.preferences) {
        if (pref.by_exhibitor != Rating::none || pref.by_buyer != Rating::none || pref.recommendation > 0) {
            in.request.preferences.push_back(pref);
        }
    }
    return ok();
}

Result<void> load_published(store::Tx& tx, Instance& in) {
    if (!in.event.published_schedule_id) return ok();
    KL_TRY_ASSIGN(std::vector<StoredMeeting> meetings, schedule_meetings_all(tx, *in.event.published_schedule_id));
    const auto e = index_of(in.exhibitor_ids), b = index_of(in.buyer_ids), s = index_of(in.slot_ids), t = index_of(in.table_ids);
    for (const auto& m : meetings) {
        in.request.published.push_back(Meeting{e.at(m.exhibitor_id), b.at(m.buyer_id), s.at(m.slot_id), t.at(m.table_id)});
        in.published_ids.push_back(m.id);
    }
    return ok();
}

Result<Instance> load_instance(store::Tx& tx, const ScheduleRun& run, Date today) {
    Instance in;
    KL_TRY_ASSIGN(in.event, load_event(tx, run.event_id));
    in.request.weights = in.event.weights;
    in.request.solve_time_ms_max = run.solve_time_ms;
    KL_TRY_ASSIGN(std::vector<Attendee> attendees, all_attendees(tx, run.event_id));
    KL_TRY(load_people_and_places(tx, in, attendees));
    KL_TRY(load_preferences(tx, in, attendees, today));
    KL_TRY(load_published(tx, in));
    return in;
}

using MeetingKey = std::tuple<int32_t, int32_t, int32_t, int32_t>;
MeetingKey key_of(const Meeting& m) { return {m.exhibitor, m.buyer, m.slot, m.table}; }

ScheduleNote outcome_note(const Instance& in, const PublishedOutcome& outcome, const std::string& meeting_id) {
    ScheduleNote note;
    note.kind = outcome.fate == Fate::kept ? NoteKind::kept : outcome.fate == Fate::moved ? NoteKind::moved : NoteKind::dropped;
    note.exhibitor_id = in.exhibitor_ids[static_cast<size_t>(outcome.before.exhibitor)];
    note.buyer_id = in.buyer_ids[static_cast<size_t>(outcome.before.buyer)];
    note.meeting_id = meeting_id;
    if (outcome.reason) note.reason = std::string(to_string(*outcome.reason));
    note.before_slot_id = in.slot_ids[static_cast<size_t>(outcome.before.slot)];
    note.before_table_id = in.table_ids[static_cast<size_t>(outcome.before.table)];
    if (outcome.after) {
        note.after_slot_id = in.slot_ids[static_cast<size_t>(outcome.after->slot)];
        note.after_table_id = in.table_ids[static_cast<size_t>(outcome.after->table)];
    }
    return note;
}

// The run's figures and notes, and its meetings with their ids (a kept or moved meeting keeps its id).
std::vector<StoredMeeting> read_schedule(const Instance& in, const Schedule& schedule, ScheduleRun& run, IdGenerator& ids) {
    run.method = schedule.method;
    run.weight = schedule.weight;
    run.weight_bound = schedule.weight_bound;
    run.gap = schedule.gap;
    run.optimal = schedule.optimal;
    run.must_meets_met = schedule.must_meets_met;
    run.must_meets_bound = schedule.must_meets_bound;
    std::map<MeetingKey, std::string> kept_ids;
    for (size_t i = 0; i < schedule.published.size(); ++i) {
        const PublishedOutcome& outcome = schedule.published[i];
        if (outcome.after) kept_ids[key_of(*outcome.after)] = in.published_ids[i];
        run.notes.push_back(outcome_note(in, outcome, in.published_ids[i]));
    }
    for (const auto& unmet : schedule.must_meets_unmet) {
        ScheduleNote note;
        note.kind = NoteKind::must_meet_unmet;
        note.exhibitor_id = in.exhibitor_ids[static_cast<size_t>(unmet.exhibitor)];
        note.buyer_id = in.buyer_ids[static_cast<size_t>(unmet.buyer)];
        note.reason = std::string(to_string(unmet.reason));
        note.vetoed = unmet.vetoed_must_meet;
        run.notes.push_back(std::move(note));
    }
    for (const auto& unmet : schedule.minimums_unmet) {
        ScheduleNote note;
        note.kind = NoteKind::minimum_unmet;
        const auto& ids_of_side = unmet.side == Side::exhibitor ? in.exhibitor_ids : in.buyer_ids;
        note.participant_id = ids_of_side[static_cast<size_t>(unmet.participant)];
        note.reason = std::string(to_string(unmet.reason));
        note.meetings_min = unmet.meetings_min;
        note.scheduled = unmet.scheduled;
        run.notes.push_back(std::move(note));
    }
    std::vector<StoredMeeting> out;
    for (const auto& m : schedule.meetings) {
        const auto kept = kept_ids.find(key_of(m));
        const auto pref = in.preferences.find({m.exhibitor, m.buyer});
        const PairPreference none{m.exhibitor, m.buyer, Rating::none, Rating::none, 0};
        out.push_back(StoredMeeting{kept != kept_ids.end() ? kept->second : ids.next(),
                                    in.exhibitor_ids[static_cast<size_t>(m.exhibitor)], in.buyer_ids[static_cast<size_t>(m.buyer)],
                                    in.slot_ids[static_cast<size_t>(m.slot)], in.table_ids[static_cast<size_t>(m.table)],
                                    pair_weight(pref != in.preferences.end() ? pref->second : none, in.event.weights).value_or(0)});
    }
    return out;
}

bool concerns(const ScheduleNote& note, const std::string& participant) {
    return note.exhibitor_id == participant || note.buyer_id == participant || note.participant_id == participant;
}

}  // namespace

ScheduleService::ScheduleService(store::Store& store, const Clock& clock, IdGenerator& ids, audit::AuditTrail& audit)
    : store_(store), clock_(clock), ids_(ids), audit_(audit),
      jobs_(std::make_unique<market::AllocationJobs>([this](const std::string& id) { execute(id); })) {}

ScheduleService::~ScheduleService() { stop(); }

void ScheduleService::stop() {
    if (jobs_) jobs_->stop();
}

Result<void> ScheduleService::recover_interrupted() {
    return store_.write([&](store::Tx& tx) -> Result<void> {
        KL_TRY_ASSIGN(int64_t failed, fail_interrupted_schedules(tx, clock_.now_ms()));
        if (failed > 0) spdlog::warn("{} schedule runs were interrupted by a stop and are marked failed", failed);
        return ok();
    });
}

Result<ScheduleRun> ScheduleService::record_run(const Actor& actor, const std::string& event_id,
                                                std::optional<int64_t> solve_time_ms, ScheduleStatus status) {
    const int64_t limit_ms = solve_time_ms.value_or(solve_time_ms_default);
    if (limit_ms < 1 || limit_ms > solve_time_ms_max) {
        return fail_field("solve_time_ms", ProblemCode::out_of_range, "must be between 1 and " + std::to_string(solve_time_ms_max),
                          {{"min", 1}, {"max", solve_time_ms_max}});
    }
    return store_.write([&](store::Tx& tx) -> Result<ScheduleRun> {
        KL_TRY_ASSIGN(Event event, load_event(tx, event_id));
        KL_TRY(require_organiser(actor, event));
        KL_TRY(require_state(event, {EventState::scheduling, EventState::published, EventState::live}, "schedule"));
        ScheduleRun run;
        run.id = ids_.next();
        run.event_id = event_id;
        run.status = status;
        run.based_on = event.published_schedule_id;
        run.requested_by = actor_name(actor);
        run.solve_time_ms = limit_ms;
        run.created_at_ms = clock_.now_ms();
        KL_TRY(insert_schedule(tx, run));
        KL_TRY(audit_change(audit_, tx, actor, "fair_schedule.start", "fair_schedule", run.id,
                            CanonicalJson().add("event_id", event_id).add("solve_time_ms", limit_ms)));
        return run;
    });
}

Result<ScheduleRun> ScheduleService::start(const Actor& actor, const std::string& event_id, std::optional<int64_t> solve_time_ms) {
    KL_TRY_ASSIGN(ScheduleRun run, record_run(actor, event_id, solve_time_ms, ScheduleStatus::queued));
    if (auto queued = jobs_->submit(run.id); !queued) {
        (void)store_.write([&](store::Tx& tx) {
            return set_schedule_status(tx, run.id, ScheduleStatus::failed, clock_.now_ms(), queued.error().message);
        });
        return fail(queued.error());
    }
    return run;
}

Result<ScheduleRun> ScheduleService::run_now(const Actor& actor, const std::string& event_id, std::optional<int64_t> solve_time_ms) {
    // Recorded as running straight away: no other thread could claim it.
    KL_TRY_ASSIGN(ScheduleRun run, record_run(actor, event_id, solve_time_ms, ScheduleStatus::running));
    solve_claimed(run);
    return store_.read([&](store::Tx& tx) { return load_schedule(tx, event_id, run.id); });
}

void ScheduleService::execute(const std::string& schedule_id) {
    // Claimed in a write job, which the group committer runs after the batch of the request that
    // queued the run has committed (as AllocationService::execute explains).
    auto claimed = store_.write([&](store::Tx& tx) -> Result<std::optional<ScheduleRun>> {
        KL_TRY_ASSIGN(std::optional<ScheduleRun> found, find_schedule(tx, schedule_id));
        if (!found || found->status != ScheduleStatus::queued) return std::optional<ScheduleRun>{};
        KL_TRY(set_schedule_status(tx, schedule_id, ScheduleStatus::running, std::nullopt, std::nullopt));
        found->status = ScheduleStatus::running;
        return found;
    });
    if (!claimed) {
        spdlog::error("schedule run {}: could not claim it: {}", schedule_id, claimed.error().message);
        return;
    }
    if (*claimed) solve_claimed(**claimed);
}

void ScheduleService::solve_claimed(const ScheduleRun& claimed) {
    auto outcome = [&]() -> Result<void> {
        KL_TRY_ASSIGN(Instance in, store_.read([&](store::Tx& tx) { return load_instance(tx, claimed, today_in_shanghai(clock_)); }));
        KL_TRY_ASSIGN(Schedule schedule, schedule_meetings(in.request));
        ScheduleRun run = claimed;
        std::vector<StoredMeeting> meetings = read_schedule(in, schedule, run, ids_);
        run.finished_at_ms = clock_.now_ms();
        return store_.write([&](store::Tx& tx) { return store_schedule_result(tx, run, meetings); });
    }();
    if (outcome) return;
    spdlog::warn("schedule run {} failed: {}", claimed.id, outcome.error().message);
    (void)store_.write([&](store::Tx& tx) {
        return set_schedule_status(tx, claimed.id, ScheduleStatus::failed, clock_.now_ms(), outcome.error().message);
    });
}

Result<ScheduleRun> ScheduleService::get(const Actor& actor, const std::string& event_id, const std::string& schedule_id) {
    return store_.read([&](store::Tx& tx) -> Result<ScheduleRun> {
        KL_TRY_ASSIGN(Event event, load_event(tx, event_id));
        KL_TRY(require_schedule_reader(actor, event));
        KL_TRY_ASSIGN(ScheduleRun run, load_schedule(tx, event_id, schedule_id));
        run.published = event.published_schedule_id == run.id;
        return run;
    });
}

Result<SchedulePage> ScheduleService::list(const Actor& actor, const std::string& event_id, int limit,
                                           const std::optional<std::string>& cursor) {
    KL_TRY_ASSIGN(std::optional<std::string> after, store::start_page(limit, cursor));
    return store_.read([&](store::Tx& tx) -> Result<SchedulePage> {
        KL_TRY_ASSIGN(Event event, load_event(tx, event_id));
        KL_TRY(require_schedule_reader(actor, event));
        SchedulePage page;
        KL_TRY_ASSIGN(page.items, select_schedules(tx, event_id, after, limit));
        page.next_cursor = store::finish_page(page.items, limit, [](const ScheduleRun& run) { return run.id; });
        for (auto& run : page.items) run.published = event.published_schedule_id == run.id;
        return page;
    });
}

Result<MeetingPage> ScheduleService::meetings(const Actor& actor, const std::string& event_id, const std::string& schedule_id,
                                              int limit, const std::optional<std::string>& cursor) {
    KL_TRY_ASSIGN(std::optional<std::string> after, store::start_page(limit, cursor));
    return store_.read([&](store::Tx& tx) -> Result<MeetingPage> {
        KL_TRY_ASSIGN(Event event, load_event(tx, event_id));
        KL_TRY(require_schedule_reader(actor, event));
        KL_TRY(load_schedule(tx, event_id, schedule_id));
        MeetingPage page;
        KL_TRY_ASSIGN(page.items, schedule_meetings_page(tx, schedule_id, after, limit));
        page.next_cursor = store::finish_page(page.items, limit, [](const StoredMeeting& m) { return m.id; });
        return page;
    });
}

Result<ScheduleRun> ScheduleService::publish(const Actor& actor, const std::string& event_id, const std::string& schedule_id) {
    return store_.write([&](store::Tx& tx) -> Result<ScheduleRun> {
        KL_TRY_ASSIGN(Event event, load_event(tx, event_id));
        KL_TRY(require_organiser(actor, event));
        KL_TRY(require_state(event, {EventState::scheduling, EventState::published, EventState::live}, "publish"));
        KL_TRY_ASSIGN(ScheduleRun run, load_schedule(tx, event_id, schedule_id));
        if (run.status != ScheduleStatus::done) {
            return fail(ErrorCode::conflict, ProblemCode::wrong_state, "only a finished run is published",
                        {{"record", "fair_schedule"}, {"status", to_string(run.status)}, {"action", "publish"}});
        }
        if (event.published_schedule_id == run.id) {
            run.published = true;
            return run;  // publishing again changes nothing
        }
        if (run.based_on != event.published_schedule_id) {
            return fail(ErrorCode::conflict, ProblemCode::conflict,
                        "another schedule was published after this run started; run the scheduler again");
        }
        KL_TRY(set_published_schedule(tx, event_id, schedule_id));
        if (event.state == EventState::scheduling) KL_TRY(update_event_state(tx, event_id, EventState::published));
        KL_TRY(audit_change(audit_, tx, actor, "fair_schedule.publish", "fair_schedule", schedule_id,
                            CanonicalJson().add("event_id", event_id).add("meetings", run.meeting_count)));
        run.published = true;
        return run;
    });
}

Result<Agenda> ScheduleService::agenda(const Actor& actor, const std::string& event_id, const std::string& participant_id) {
    return store_.read([&](store::Tx& tx) -> Result<Agenda> {
        KL_TRY_ASSIGN(Event event, load_event(tx, event_id));
        Agenda agenda;
        KL_TRY_ASSIGN(agenda.participant, load_attendee(tx, event_id, participant_id));
        KL_TRY(require_private_reader(actor, event, agenda.participant));
        agenda.schedule_id = event.published_schedule_id;
        if (!agenda.schedule_id) return agenda;
        KL_TRY_ASSIGN(std::vector<StoredMeeting> mine, meetings_of(tx, *agenda.schedule_id, agenda.participant));
        KL_TRY_ASSIGN(std::vector<EventSlot> slots, select_slots(tx, event_id));
        KL_TRY_ASSIGN(std::vector<EventTable> tables, select_tables(tx, event_id));
        std::map<std::string, size_t> slot_at;
        for (size_t i = 0; i < slots.size(); ++i) slot_at[slots[i].id] = i;
        std::map<std::string, int64_t> table_number;
        for (const auto& table : tables) table_number[table.id] = table.number;
        for (const auto& m : mine) {
            const bool exhibitor = agenda.participant.side == Side::exhibitor;
            KL_TRY_ASSIGN(Attendee other, load_attendee(tx, event_id, exhibitor ? m.buyer_id : m.exhibitor_id));
            agenda.meetings.push_back(AgendaMeeting{m.id, slots[slot_at.at(m.slot_id)], table_number.at(m.table_id), other.id,
                                                    other.org_name, other.org_name_en, other.person_name,
                                                    exhibitor ? agenda.participant.product_ids : other.product_ids});
        }
        std::sort(agenda.meetings.begin(), agenda.meetings.end(), [&](const AgendaMeeting& a, const AgendaMeeting& b) {
            return slot_at.at(a.slot.id) < slot_at.at(b.slot.id);
        });
        KL_TRY_ASSIGN(ScheduleRun run, load_schedule(tx, event_id, *agenda.schedule_id));
        for (auto& note : run.notes) {
            if (concerns(note, participant_id)) agenda.notes.push_back(std::move(note));
        }
        return agenda;
    });
}

}  // namespace kl::fair
