#include "fair/fair_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/field_errors.h"
#include "core/identifier.h"
#include "fair/fair_access.h"
#include "fair/fair_checks.h"
#include "fair/fair_repo.h"
#include "fair/recommend_repo.h"
#include "store/page.h"

namespace kl::fair {

namespace {

using audit::CanonicalJson;

// A participant as `actor` may see it: the phone only for organisers and its own organisation.
Attendee visible_to(const Actor& actor, const Event& event, Attendee attendee) {
    if (!is_organiser(actor, event) && !speaks_for(actor, attendee)) attendee.phone.clear();
    return attendee;
}

// The event's rows that `select(tx, event_id)` reads, once the event is known to exist (not_found).
template <typename Rows>
Result<Rows> read_event_rows(store::Store& store, const std::string& event_id, Result<Rows> (*select)(store::Tx&, const std::string&)) {
    return store.read([&](store::Tx& tx) -> Result<Rows> {
        KL_TRY(load_event(tx, event_id));
        return select(tx, event_id);
    });
}

}  // namespace

std::vector<EventSlot> slots_of_session(const Session& session, int64_t slot_minutes, int64_t break_minutes) {
    std::vector<EventSlot> out;
    for (int64_t start = session.starts_min; start + slot_minutes <= session.ends_min; start += slot_minutes + break_minutes) {
        out.push_back(EventSlot{"", session.id, session.held_on, start, start + slot_minutes});
    }
    return out;
}

Result<Event> FairService::create_event(const Actor& actor, const Event& input) {
    if (actor && actor->role != access::Role::admin) {
        return fail(ErrorCode::permission_denied, "events are created by admins (who then name organisers)");
    }
    FieldErrors errors;
    check_event_fields(input, errors);
    KL_TRY(errors.finish());
    return store_.write([&](store::Tx& tx) -> Result<Event> {
        FieldErrors missing;
        for (size_t i = 0; i < input.organiser_ids.size(); ++i) {
            KL_TRY_ASSIGN(bool known, user_exists(tx, input.organiser_ids[i]));
            if (!known) missing.add("organiser_ids/" + std::to_string(i), ProblemCode::unknown_reference, "is not an active user");
        }
        KL_TRY(missing.finish());
        Event made = input;
        made.id = ids_.next();
        made.state = EventState::draft;
        made.published_schedule_id.reset();
        made.created_at_ms = clock_.now_ms();
        KL_TRY(insert_event(tx, made, actor_name(actor)));
        for (const auto& user : input.organiser_ids) KL_TRY(insert_organiser(tx, made.id, user));
        KL_TRY(audit_change(audit_, tx, actor, "fair_event.create", "fair_event", made.id,
                            CanonicalJson()
                                .add("kind", to_string(made.kind))
                                .add("name_zh", made.name_zh)
                                .add("starts_on", format_date(made.starts_on))
                                .add("ends_on", format_date(made.ends_on))
                                .add("organiser_ids", made.organiser_ids)));
        return load_event(tx, made.id);
    });
}

Result<Event> FairService::event(const Actor& actor, const std::string& id) {
    (void)actor;  // every signed-in user reads events
    return store_.read([&](store::Tx& tx) { return load_event(tx, id); });
}

Result<EventPage> FairService::events(const Actor& actor, int limit, const std::optional<std::string>& cursor) {
    (void)actor;
    KL_TRY_ASSIGN(std::optional<std::string> after, store::start_page(limit, cursor));
    return store_.read([&](store::Tx& tx) -> Result<EventPage> {
        EventPage page;
        KL_TRY_ASSIGN(page.items, select_events(tx, after, limit));
        page.next_cursor = store::finish_page(page.items, limit, [](const Event& e) { return e.id; });
        return page;
    });
}

Result<Event> FairService::add_organiser(const Actor& actor, const std::string& event_id, const std::string& user_id) {
    if (actor && actor->role != access::Role::admin) return fail(ErrorCode::permission_denied, "admins name an event's organisers");
    return store_.write([&](store::Tx& tx) -> Result<Event> {
        KL_TRY_ASSIGN(Event event, load_event(tx, event_id));
        KL_TRY_ASSIGN(bool known, user_exists(tx, user_id));
        if (!known) return fail_field("user_id", ProblemCode::unknown_reference, "is not an active user");
        if (event.organiser_ids.size() >= static_cast<size_t>(organisers_max)) {
            return fail_field("user_id", ProblemCode::too_many, "the event has its most organisers", {{"max", organisers_max}});
        }
        KL_TRY(insert_organiser(tx, event_id, user_id));
        KL_TRY(audit_change(audit_, tx, actor, "fair_event.organiser.add", "fair_event", event_id,
                            CanonicalJson().add("user_id", user_id)));
        return load_event(tx, event_id);
    });
}

Result<Event> FairService::move_state(const Actor& actor, const std::string& event_id, EventState to) {
    return store_.write([&](store::Tx& tx) -> Result<Event> {
        KL_TRY_ASSIGN(Event event, load_event(tx, event_id));
        KL_TRY(require_organiser(actor, event));
        const auto next = static_cast<int>(event.state) + 1;
        if (static_cast<int>(to) != next) {
            return fail(ErrorCode::conflict, ProblemCode::wrong_state,
                        "an event moves one step forward; it is " + std::string(to_string(event.state)),
                        {{"record", "fair_event"}, {"status", to_string(event.state)}, {"action", to_string(to)}});
        }
        if (to == EventState::published) {
            return fail(ErrorCode::conflict, ProblemCode::wrong_state, "an event is published by publishing a schedule",
                        {{"record", "fair_event"}, {"status", to_string(event.state)}, {"action", to_string(to)}});
        }
        KL_TRY(update_event_state(tx, event_id, to));
        KL_TRY(audit_change(audit_, tx, actor, "fair_event.state", "fair_event", event_id,
                            CanonicalJson().add("from", to_string(event.state)).add("to", to_string(to))));
        return load_event(tx, event_id);
    });
}

Result<SessionAdded> FairService::add_session(const Actor& actor, const std::string& event_id, Date held_on,
                                              int64_t starts_min, int64_t ends_min) {
    FieldErrors errors;
    check_range(errors, "starts_min", starts_min, 0, minutes_per_day - 1);
    check_range(errors, "ends_min", ends_min, 1, minutes_per_day);
    if (!errors.has("ends_min") && ends_min <= starts_min) {
        errors.add("ends_min", ProblemCode::before_other_field, "must be after starts_min", {{"other", "starts_min"}});
    }
    KL_TRY(errors.finish());
    return store_.write([&](store::Tx& tx) -> Result<SessionAdded> {
        KL_TRY_ASSIGN(Event event, load_event(tx, event_id));
        KL_TRY(require_organiser(actor, event));
        KL_TRY(require_state(event, {EventState::draft, EventState::registration, EventState::scheduling}, "add_session"));
        if (held_on < event.starts_on || event.ends_on < held_on) {
            return fail_field("held_on", ProblemCode::outside_event_dates, "is outside the event's days",
                              {{"from", format_date(event.starts_on)}, {"to", format_date(event.ends_on)}});
        }
        KL_TRY_ASSIGN(std::vector<Session> existing, select_sessions(tx, event_id));
        for (const auto& other : existing) {
            if (other.held_on == held_on && other.starts_min < ends_min && starts_min < other.ends_min) {
                return fail_field("starts_min", ProblemCode::invalid_value, "overlaps another session of the event that day");
            }
        }
        SessionAdded added;
        added.session = Session{ids_.next(), event_id, held_on, starts_min, ends_min};
        added.slots = slots_of_session(added.session, event.slot_minutes, event.break_minutes);
        if (added.slots.empty()) {
            return fail_field("ends_min", ProblemCode::invalid_value, "the session is shorter than one meeting slot");
        }
        KL_TRY_ASSIGN(std::vector<EventSlot> slots_before, select_slots(tx, event_id));
        if (slots_before.size() + added.slots.size() > static_cast<size_t>(slot_count_max)) {
            return fail_field("ends_min", ProblemCode::too_many, "an event has at most " + std::to_string(slot_count_max) + " slots",
                              {{"max", slot_count_max}});
        }
        for (auto& slot : added.slots) slot.id = ids_.next();
        KL_TRY(insert_session(tx, added.session));
        KL_TRY(insert_slots(tx, event_id, added.slots));
        KL_TRY(audit_change(audit_, tx, actor, "fair_session.create", "fair_session", added.session.id,
                            CanonicalJson()
                                .add("event_id", event_id)
                                .add("held_on", format_date(held_on))
                                .add("starts_min", starts_min)
                                .add("ends_min", ends_min)
                                .add("slots", static_cast<int64_t>(added.slots.size()))));
        return added;
    });
}

Result<std::vector<Session>> FairService::sessions(const Actor& actor, const std::string& event_id) {
    (void)actor;  // every signed-in user reads an event's sessions
    return read_event_rows(store_, event_id, select_sessions);
}

Result<std::vector<EventSlot>> FairService::slots(const Actor& actor, const std::string& event_id) {
    (void)actor;  // every signed-in user reads an event's slots
    return read_event_rows(store_, event_id, select_slots);
}

Result<EventTable> FairService::add_table(const Actor& actor, const std::string& event_id, int64_t number,
                                          const std::optional<std::string>& owner_participant_id) {
    FieldErrors errors;
    check_range(errors, "number", number, 1, tables_max);
    KL_TRY(errors.finish());
    return store_.write([&](store::Tx& tx) -> Result<EventTable> {
        KL_TRY_ASSIGN(Event event, load_event(tx, event_id));
        KL_TRY(require_organiser(actor, event));
        KL_TRY(require_state(event, {EventState::draft, EventState::registration, EventState::scheduling, EventState::published},
                             "add_table"));
        KL_TRY_ASSIGN(std::vector<EventTable> existing, select_tables(tx, event_id));
        for (const auto& table : existing) {
            if (table.number == number) return fail_field("number", ProblemCode::duplicate, "is another table's number");
        }
        if (owner_participant_id) {
            KL_TRY_ASSIGN(std::optional<Attendee> owner, find_attendee(tx, *owner_participant_id));
            if (!owner || owner->event_id != event_id) {
                return fail_field("owner_participant_id", ProblemCode::unknown_reference, "is not a participant of this event");
            }
            if (owner->side != Side::exhibitor) {
                return fail_field("owner_participant_id", ProblemCode::wrong_kind, "a booth's table belongs to an exhibitor");
            }
        }
        EventTable table{ids_.next(), number, owner_participant_id};
        KL_TRY(insert_table(tx, event_id, table));
        KL_TRY(audit_change(audit_, tx, actor, "fair_table.create", "fair_table", table.id,
                            CanonicalJson().add("event_id", event_id).add("number", number)));
        return table;
    });
}

Result<std::vector<EventTable>> FairService::tables(const Actor& actor, const std::string& event_id) {
    (void)actor;  // every signed-in user reads an event's tables
    return read_event_rows(store_, event_id, select_tables);
}

Result<Attendee> FairService::register_in(store::Tx& tx, const Actor& actor, const Event& event, const Attendee& given) {
    Attendee input = given;
    input.event_id = event.id;
    if (is_organiser(actor, event)) {
        KL_TRY(require_state(event, {EventState::draft, EventState::registration, EventState::scheduling, EventState::published,
                                     EventState::live},
                             "register"));
    } else {
        if (!speaks_for(actor, input)) {
            return fail(ErrorCode::permission_denied, ProblemCode::permission_denied,
                        "an organisation's user registers its own organisation only (producers as exhibitors, buyers as buyers)");
        }
        KL_TRY(require_state(event, {EventState::registration}, "register"));
    }
    FieldErrors errors;
    check_attendee_fields(input, errors);
    KL_TRY(errors.finish());
    const std::string person_key = input.side == Side::buyer ? identifier_key(input.person_name) : "";
    KL_TRY(check_org(tx, input, errors));
    KL_TRY(check_products(tx, input, errors));
    KL_TRY_ASSIGN(std::vector<EventSlot> event_slots, select_slots(tx, event.id));
    check_slots(input, event_slots, errors);
    KL_TRY(errors.finish());
    KL_TRY(check_identity_free(tx, input, person_key, errors));
    KL_TRY(check_clash(tx, input, person_key, event_slots, errors));
    KL_TRY(errors.finish());
    input.id = ids_.next();
    input.checked_in_at_ms.reset();
    input.withdrawn = false;
    KL_TRY(insert_attendee(tx, input, person_key, clock_.now_ms()));
    KL_TRY(audit_change(audit_, tx, actor, "fair_participant.create", "fair_participant", input.id, attendee_audit(input)));
    return load_attendee(tx, event.id, input.id);
}

Result<Attendee> FairService::register_attendee(const Actor& actor, const std::string& event_id, const Attendee& input) {
    return store_.write([&](store::Tx& tx) -> Result<Attendee> {
        KL_TRY_ASSIGN(Event event, load_event(tx, event_id));
        KL_TRY_ASSIGN(int64_t registered, count_attendees(tx, event_id));
        if (registered >= participants_max) {
            return fail(ErrorCode::resource_exhausted, ProblemCode::limit_reached, "the event has its most participants");
        }
        return register_in(tx, actor, event, input);
    });
}

Result<AttendeePage> FairService::attendees(const Actor& actor, const std::string& event_id, std::optional<Side> side,
                                            const std::optional<std::string>& org_id, int limit,
                                            const std::optional<std::string>& cursor) {
    KL_TRY_ASSIGN(std::optional<std::string> after, store::start_page(limit, cursor));
    return store_.read([&](store::Tx& tx) -> Result<AttendeePage> {
        KL_TRY_ASSIGN(Event event, load_event(tx, event_id));
        AttendeePage page;
        KL_TRY_ASSIGN(std::vector<Attendee> rows, select_attendees(tx, event_id, AttendeeFilter{side, org_id, after, limit}));
        page.next_cursor = store::finish_page(rows, limit, [](const Attendee& a) { return a.id; });
        for (auto& row : rows) page.items.push_back(visible_to(actor, event, std::move(row)));
        return page;
    });
}

Result<Attendee> FairService::attendee(const Actor& actor, const std::string& event_id, const std::string& id) {
    return store_.read([&](store::Tx& tx) -> Result<Attendee> {
        KL_TRY_ASSIGN(Event event, load_event(tx, event_id));
        KL_TRY_ASSIGN(Attendee found, load_attendee(tx, event_id, id));
        return visible_to(actor, event, std::move(found));
    });
}

Result<Attendee> FairService::check_in(const Actor& actor, const std::string& event_id, const std::string& id) {
    return store_.write([&](store::Tx& tx) -> Result<Attendee> {
        KL_TRY_ASSIGN(Event event, load_event(tx, event_id));
        KL_TRY(require_organiser(actor, event));
        KL_TRY(require_state(event, {EventState::published, EventState::live}, "check_in"));
        KL_TRY_ASSIGN(Attendee found, load_attendee(tx, event_id, id));
        if (found.withdrawn) return fail(ErrorCode::conflict, ProblemCode::conflict, "the participant has withdrawn");
        if (found.checked_in_at_ms) return found;  // checking in twice changes nothing
        KL_TRY(set_checked_in(tx, id, clock_.now_ms()));
        KL_TRY(audit_change(audit_, tx, actor, "fair_participant.check_in", "fair_participant", id, CanonicalJson().add("event_id", event_id)));
        return load_attendee(tx, event_id, id);
    });
}

Result<Attendee> FairService::withdraw(const Actor& actor, const std::string& event_id, const std::string& id) {
    return store_.write([&](store::Tx& tx) -> Result<Attendee> {
        KL_TRY_ASSIGN(Event event, load_event(tx, event_id));
        KL_TRY_ASSIGN(Attendee found, load_attendee(tx, event_id, id));
        if (!is_organiser(actor, event) && !speaks_for(actor, found)) {
            return fail(ErrorCode::permission_denied, "a participant is withdrawn by its organisation or the organisers");
        }
        KL_TRY(require_state(event, {EventState::draft, EventState::registration, EventState::scheduling, EventState::published,
                                     EventState::live},
                             "withdraw"));
        if (found.withdrawn) return found;
        KL_TRY(set_withdrawn(tx, id));
        KL_TRY(audit_change(audit_, tx, actor, "fair_participant.withdraw", "fair_participant", id, CanonicalJson().add("event_id", event_id)));
        return load_attendee(tx, event_id, id);
    });
}

Result<Rated> FairService::rate(const Actor& actor, const std::string& event_id, const std::string& rater_id,
                                const std::string& counterpart_id, Rating rating, const std::string& note) {
    FieldErrors errors;
    errors.check_text("note", note, 0, note_chars_max, TextKind::prose);
    KL_TRY(errors.finish());
    return store_.write([&](store::Tx& tx) -> Result<Rated> {
        KL_TRY_ASSIGN(Event event, load_event(tx, event_id));
        KL_TRY_ASSIGN(Attendee rater, load_attendee(tx, event_id, rater_id));
        if (!is_organiser(actor, event) && !speaks_for(actor, rater)) {
            return fail(ErrorCode::permission_denied, ProblemCode::permission_denied,
                        "a participant's preferences are set by its own organisation (or the organisers)");
        }
        KL_TRY(require_state(event, {EventState::registration, EventState::scheduling, EventState::published}, "rate"));
        KL_TRY_ASSIGN(std::optional<Attendee> other, find_attendee(tx, counterpart_id));
        if (!other || other->event_id != event_id) {
            return fail_field("counterpart_id", ProblemCode::unknown_reference, "is not a participant of this event");
        }
        if (other->side == rater.side) {
            return fail_field("counterpart_id", ProblemCode::wrong_kind, "a participant rates the other side only");
        }
        const bool by_exhibitor = rater.side == Side::exhibitor;
        const std::string exhibitor = by_exhibitor ? rater.id : other->id;
        const std::string buyer = by_exhibitor ? other->id : rater.id;
        KL_TRY_ASSIGN(std::optional<PairRatings> found, find_pair(tx, exhibitor, buyer));
        PairRatings pair = found.value_or(PairRatings{exhibitor, buyer, Rating::none, Rating::none, "", ""});
        (by_exhibitor ? pair.by_exhibitor : pair.by_buyer) = rating;
        (by_exhibitor ? pair.exhibitor_note : pair.buyer_note) = note;
        KL_TRY(upsert_pair(tx, event_id, pair, clock_.now_ms()));
        KL_TRY(audit_change(audit_, tx, actor, "fair_preference.set", "fair_participant", rater.id,
                            CanonicalJson().add("counterpart_id", counterpart_id).add("rating", to_string(rating)).add("note", note)));
        return Rated{counterpart_id, rating, note};
    });
}

Result<std::vector<Rated>> FairService::ratings(const Actor& actor, const std::string& event_id, const std::string& rater_id) {
    return store_.read([&](store::Tx& tx) -> Result<std::vector<Rated>> {
        KL_TRY_ASSIGN(Event event, load_event(tx, event_id));
        KL_TRY_ASSIGN(Attendee rater, load_attendee(tx, event_id, rater_id));
        KL_TRY(require_private_reader(actor, event, rater));
        KL_TRY_ASSIGN(std::vector<PairRatings> pairs, pairs_of(tx, rater));
        std::vector<Rated> out;
        for (const auto& pair : pairs) {
            const bool by_exhibitor = rater.side == Side::exhibitor;
            const Rating rating = by_exhibitor ? pair.by_exhibitor : pair.by_buyer;
            if (rating == Rating::none) continue;
            out.push_back(Rated{by_exhibitor ? pair.buyer_id : pair.exhibitor_id, rating,
                                by_exhibitor ? pair.exhibitor_note : pair.buyer_note});
        }
        return out;
    });
}

Result<std::vector<PairRecommendation>> FairService::recommendations(const Actor& actor, const std::string& event_id,
                                                                   const std::string& participant_id) {
    return store_.read([&](store::Tx& tx) -> Result<std::vector<PairRecommendation>> {
        KL_TRY_ASSIGN(Event event, load_event(tx, event_id));
        KL_TRY_ASSIGN(Attendee self, load_attendee(tx, event_id, participant_id));
        KL_TRY(require_private_reader(actor, event, self));
        KL_TRY_ASSIGN(std::vector<Attendee> everyone, all_attendees(tx, event_id));
        // Only this participant's pairs: itself and the other side (not the whole event's pairs).
        std::vector<Attendee> relevant;
        for (const auto& a : everyone) {
            if (a.id == self.id || a.side != self.side) relevant.push_back(a);
        }
        KL_TRY_ASSIGN(auto facts, recommend_facts(tx, relevant, today_in_shanghai(clock_)));
        KL_TRY_ASSIGN(std::vector<PairRatings> pairs, pairs_of(tx, self));
        const bool exhibitor = self.side == Side::exhibitor;
        std::map<std::string, const PairRatings*> rated;
        for (const auto& pair : pairs) rated[exhibitor ? pair.buyer_id : pair.exhibitor_id] = &pair;
        std::vector<PairRecommendation> out;
        for (const auto& other : everyone) {
            if (other.side == self.side || other.withdrawn) continue;
            const auto found = rated.find(other.id);
            Rating mine = Rating::none, theirs = Rating::none;
            if (found != rated.end()) {
                mine = exhibitor ? found->second->by_exhibitor : found->second->by_buyer;
                theirs = exhibitor ? found->second->by_buyer : found->second->by_exhibitor;
            }
            if (mine != Rating::none) continue;
            const PairKey key = exhibitor ? PairKey{self.id, other.id} : PairKey{other.id, self.id};
            Recommendation scored = recommend(facts[key], event.weights.recommendation_max);
            if (scored.points <= 0) continue;
            // Another side's wishes are its own: only organisers see how the counterpart rated.
            if (!is_organiser(actor, event)) theirs = Rating::none;
            out.push_back(PairRecommendation{other.id, other.org_name, other.org_name_en, other.person_name, theirs, std::move(scored)});
        }
        std::stable_sort(out.begin(), out.end(), [](const PairRecommendation& a, const PairRecommendation& b) {
            return a.recommendation.points > b.recommendation.points;
        });
        return out;
    });
}

}  // namespace kl::fair
