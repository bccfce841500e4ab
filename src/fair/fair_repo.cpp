#include "fair/fair_repo.h"

#include "store/page.h"
#include "store/sql.h"
#include "store/stored.h"

namespace kl::fair {

namespace {

// Lists of ids go to the database in chunks of this many parameters (SQLite allows 32,766).
constexpr size_t ids_per_query = 500;

const std::string select_event_sql =
    "SELECT id, kind, name_zh, name_en, venue, starts_on, ends_on, state, slot_minutes, break_minutes, buyer_must_meet, "
    "buyer_meet, exhibitor_must_meet, exhibitor_meet, recommendation_max, published_schedule_id, created_at_ms "
    "FROM fair_events";

Event event_from(const store::Row& row) {
    Event event;
    event.id = row.text("id");
    event.kind = store::stored_enum<EventKind>(row.text("kind"));
    event.name_zh = row.text("name_zh");
    event.name_en = row.text("name_en");
    event.venue = row.text("venue");
    event.starts_on = store::stored_date(row.text("starts_on"));
    event.ends_on = store::stored_date(row.text("ends_on"));
    event.state = store::stored_enum<EventState>(row.text("state"));
    event.slot_minutes = row.i64("slot_minutes");
    event.break_minutes = row.i64("break_minutes");
    event.weights.buyer_must_meet = row.i64("buyer_must_meet");
    event.weights.buyer_meet = row.i64("buyer_meet");
    event.weights.exhibitor_must_meet = row.i64("exhibitor_must_meet");
    event.weights.exhibitor_meet = row.i64("exhibitor_meet");
    event.weights.recommendation_max = row.i64("recommendation_max");
    event.published_schedule_id = row.opt_text("published_schedule_id");
    event.created_at_ms = row.i64("created_at_ms");
    return event;
}

Result<void> load_organisers(store::Tx& tx, Event& event) {
    KL_TRY_ASSIGN(store::Rows rows,
                  tx.query("SELECT user_id FROM fair_organisers WHERE event_id = $1 ORDER BY user_id", {event.id}));
    for (const auto& row : rows) event.organiser_ids.push_back(row.text(0));
    return ok();
}

const std::string select_attendee_sql =
    "SELECT p.id, p.event_id, p.side, p.org_id, o.name AS org_name, o.name_en AS org_name_en, p.person_name, p.title, p.phone, p.booth, "
    "p.meetings_min, p.meetings_max, p.checked_in_at_ms, p.withdrawn FROM fair_participants p "
    "JOIN organisations o ON o.id = p.org_id";

Attendee attendee_from(const store::Row& row) {
    Attendee out;
    out.id = row.text("id");
    out.event_id = row.text("event_id");
    out.side = store::stored_enum<Side>(row.text("side"));
    out.org_id = row.text("org_id");
    out.org_name = row.text("org_name");
    out.org_name_en = row.text("org_name_en");
    out.person_name = row.text("person_name");
    out.title = row.text("title");
    out.phone = row.text("phone");
    out.booth = row.text("booth");
    out.meetings_min = row.i64("meetings_min");
    out.meetings_max = row.i64("meetings_max");
    out.checked_in_at_ms = row.opt_i64("checked_in_at_ms");
    out.withdrawn = row.i64("withdrawn") == 1;
    return out;
}

// Fills the products and slots of `attendees` (read in two queries per chunk of ids).
Result<void> load_details(store::Tx& tx, std::vector<Attendee>& attendees) {
    std::map<std::string, Attendee*> by_id;
    std::vector<std::string> ids;
    for (auto& attendee : attendees) {
        by_id[attendee.id] = &attendee;
        ids.push_back(attendee.id);
    }
    if (ids.empty()) return ok();
    KL_TRY(store::query_by_ids(tx, "SELECT participant_id, product_id FROM fair_participant_products WHERE participant_id",
                               " ORDER BY participant_id, product_id", {}, ids, ids_per_query,
                               [&](const store::Row& row) -> Result<void> {
                                   by_id.at(row.text(0))->product_ids.push_back(row.text(1));
                                   return ok();
                               }));
    KL_TRY(store::query_by_ids(tx,
                               "SELECT a.participant_id, a.slot_id FROM fair_availability a "
                               "JOIN fair_slots s ON s.id = a.slot_id WHERE a.participant_id",
                               " ORDER BY a.participant_id, s.held_on, s.starts_min", {}, ids, ids_per_query,
                               [&](const store::Row& row) -> Result<void> {
                                   by_id.at(row.text(0))->slot_ids.push_back(row.text(1));
                                   return ok();
                               }));
    return ok();
}

const std::string select_pair_sql =
    "SELECT exhibitor_id, buyer_id, by_exhibitor, exhibitor_note, by_buyer, buyer_note FROM fair_preferences";

PairRatings pair_from(const store::Row& row) {
    return PairRatings{row.text("exhibitor_id"), row.text("buyer_id"), store::stored_enum<Rating>(row.text("by_exhibitor")),
                       store::stored_enum<Rating>(row.text("by_buyer")), row.text("exhibitor_note"), row.text("buyer_note")};
}

Result<std::vector<PairRatings>> pairs_where(store::Tx& tx, const std::string& condition, const std::string& id) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query(select_pair_sql + " WHERE " + condition + " = $1 ORDER BY exhibitor_id, buyer_id", {id}));
    std::vector<PairRatings> out;
    for (const auto& row : rows) out.push_back(pair_from(row));
    return out;
}

}  // namespace

// ---- events ----------------------------------------------------------------------------------------

Result<void> insert_event(store::Tx& tx, const Event& event, const std::string& created_by) {
    KL_TRY(tx.execute(
        "INSERT INTO fair_events (id, kind, name_zh, name_en, venue, starts_on, ends_on, time_zone, state, slot_minutes, "
        "break_minutes, buyer_must_meet, buyer_meet, exhibitor_must_meet, exhibitor_meet, recommendation_max, created_by, "
        "created_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)",
        {event.id, std::string(to_string(event.kind)), event.name_zh, event.name_en, event.venue, format_date(event.starts_on),
         format_date(event.ends_on), std::string(event_time_zone), std::string(to_string(event.state)), event.slot_minutes,
         event.break_minutes, event.weights.buyer_must_meet, event.weights.buyer_meet, event.weights.exhibitor_must_meet,
         event.weights.exhibitor_meet, event.weights.recommendation_max, created_by, event.created_at_ms}));
    return ok();
}

Result<std::optional<Event>> find_event(store::Tx& tx, const std::string& id) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query(select_event_sql + " WHERE id = $1", {id}));
    if (rows.empty()) return std::optional<Event>{};
    Event event = event_from(rows[0]);
    KL_TRY(load_organisers(tx, event));
    return std::optional<Event>(std::move(event));
}

Result<void> update_event_state(store::Tx& tx, const std::string& id, EventState state) {
    KL_TRY(tx.execute("UPDATE fair_events SET state = $1 WHERE id = $2", {std::string(to_string(state)), id}));
    return ok();
}

Result<void> set_published_schedule(store::Tx& tx, const std::string& event_id, const std::string& schedule_id) {
    KL_TRY(tx.execute("UPDATE fair_events SET published_schedule_id = $1 WHERE id = $2", {schedule_id, event_id}));
    return ok();
}

Result<void> insert_organiser(store::Tx& tx, const std::string& event_id, const std::string& user_id) {
    KL_TRY(tx.execute("INSERT INTO fair_organisers (event_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                      {event_id, user_id}));
    return ok();
}

Result<std::vector<Event>> select_events(store::Tx& tx, const std::optional<std::string>& after, int limit) {
    store::SqlQuery query;
    KL_TRY_ASSIGN(store::Rows rows,
                  tx.query(select_event_sql + " WHERE " + query.page("id", after, store::page_rows_to_fetch(limit)), query.params()));
    std::vector<Event> out;
    for (const auto& row : rows) {
        out.push_back(event_from(row));
        KL_TRY(load_organisers(tx, out.back()));
    }
    return out;
}

Result<bool> user_exists(store::Tx& tx, const std::string& user_id) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT id FROM users WHERE id = $1 AND disabled = 0", {user_id}));
    return !rows.empty();
}

Result<void> insert_session(store::Tx& tx, const Session& session) {
    KL_TRY(tx.execute("INSERT INTO fair_sessions (id, event_id, held_on, starts_min, ends_min) VALUES ($1, $2, $3, $4, $5)",
                      {session.id, session.event_id, format_date(session.held_on), session.starts_min, session.ends_min}));
    return ok();
}

Result<std::vector<Session>> select_sessions(store::Tx& tx, const std::string& event_id) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT id, event_id, held_on, starts_min, ends_min FROM fair_sessions "
                                             "WHERE event_id = $1 ORDER BY held_on, starts_min",
                                             {event_id}));
    std::vector<Session> out;
    for (const auto& row : rows) {
        out.push_back(Session{row.text("id"), row.text("event_id"), store::stored_date(row.text("held_on")),
                              row.i64("starts_min"), row.i64("ends_min")});
    }
    return out;
}

Result<void> insert_slots(store::Tx& tx, const std::string& event_id, const std::vector<EventSlot>& slots) {
    for (const auto& slot : slots) {
        KL_TRY(tx.execute("INSERT INTO fair_slots (id, event_id, session_id, held_on, starts_min, ends_min) "
                          "VALUES ($1, $2, $3, $4, $5, $6)",
                          {slot.id, event_id, slot.session_id, format_date(slot.held_on), slot.starts_min, slot.ends_min}));
    }
    return ok();
}

Result<std::vector<EventSlot>> select_slots(store::Tx& tx, const std::string& event_id) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT id, session_id, held_on, starts_min, ends_min FROM fair_slots "
                                             "WHERE event_id = $1 ORDER BY held_on, starts_min",
                                             {event_id}));
    std::vector<EventSlot> out;
    for (const auto& row : rows) {
        out.push_back(EventSlot{row.text("id"), row.text("session_id"), store::stored_date(row.text("held_on")),
                                row.i64("starts_min"), row.i64("ends_min")});
    }
    return out;
}

Result<void> insert_table(store::Tx& tx, const std::string& event_id, const EventTable& table) {
    KL_TRY(tx.execute("INSERT INTO fair_tables (id, event_id, number, owner_participant_id) VALUES ($1, $2, $3, $4)",
                      {table.id, event_id, table.number, store::optional_text(table.owner_participant_id)}));
    return ok();
}

Result<std::vector<EventTable>> select_tables(store::Tx& tx, const std::string& event_id) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT id, number, owner_participant_id FROM fair_tables WHERE event_id = $1 "
                                             "ORDER BY number",
                                             {event_id}));
    std::vector<EventTable> out;
    for (const auto& row : rows) out.push_back(EventTable{row.text("id"), row.i64("number"), row.opt_text("owner_participant_id")});
    return out;
}

// ---- organisations and products ----------------------------------------------------------------------

Result<std::optional<OrgFacts>> find_org(store::Tx& tx, const std::string& org_id) {
    KL_TRY_ASSIGN(store::Rows rows,
                  tx.query("SELECT id, name, kind, channel, is_system FROM organisations WHERE id = $1", {org_id}));
    if (rows.empty()) return std::optional<OrgFacts>{};
    return std::optional<OrgFacts>(OrgFacts{rows[0].text("id"), rows[0].text("name"), rows[0].text("kind"),
                                            rows[0].opt_text("channel"), rows[0].i64("is_system") == 1});
}

Result<std::map<std::string, OrgFacts>> orgs_by_id_or_credit_code(store::Tx& tx, const std::vector<std::string>& keys) {
    std::map<std::string, OrgFacts> out;
    auto keep = [&](const store::Row& row) -> Result<void> {
        OrgFacts org{row.text("id"), row.text("name"), row.text("kind"), row.opt_text("channel"), row.i64("is_system") == 1};
        if (!row.is_null(4)) out[row.text(4)] = org;
        out[org.id] = org;
        return ok();
    };
    KL_TRY(store::query_by_ids(tx, "SELECT id, name, kind, channel, credit_code, is_system FROM organisations WHERE id", "", {}, keys,
                               ids_per_query, keep));
    KL_TRY(store::query_by_ids(tx, "SELECT id, name, kind, channel, credit_code, is_system FROM organisations WHERE credit_code", "", {},
                               keys, ids_per_query, keep));
    return out;
}

Result<std::map<std::string, std::string>> product_producers(store::Tx& tx, const std::vector<std::string>& product_ids) {
    std::map<std::string, std::string> out;
    KL_TRY(store::query_by_ids(tx, "SELECT id, producer_id FROM products WHERE id", "", {}, product_ids, ids_per_query,
                               [&](const store::Row& row) -> Result<void> {
                                   out[row.text(0)] = row.text(1);
                                   return ok();
                               }));
    return out;
}

// ---- participants ------------------------------------------------------------------------------------

Result<void> insert_attendee(store::Tx& tx, const Attendee& a, const std::string& person_key, int64_t created_at_ms) {
    KL_TRY(tx.execute("INSERT INTO fair_participants (id, event_id, side, org_id, person_name, person_key, title, phone, booth, "
                      "meetings_min, meetings_max, created_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                      {a.id, a.event_id, std::string(to_string(a.side)), a.org_id, a.person_name, person_key, a.title, a.phone,
                       a.booth, a.meetings_min, a.meetings_max, created_at_ms}));
    for (const auto& product : a.product_ids) {
        KL_TRY(tx.execute("INSERT INTO fair_participant_products (participant_id, product_id) VALUES ($1, $2)", {a.id, product}));
    }
    for (const auto& slot : a.slot_ids) {
        KL_TRY(tx.execute("INSERT INTO fair_availability (participant_id, slot_id) VALUES ($1, $2)", {a.id, slot}));
    }
    return ok();
}

Result<std::optional<Attendee>> find_attendee(store::Tx& tx, const std::string& id) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query(select_attendee_sql + " WHERE p.id = $1", {id}));
    if (rows.empty()) return std::optional<Attendee>{};
    std::vector<Attendee> one{attendee_from(rows[0])};
    KL_TRY(load_details(tx, one));
    return std::optional<Attendee>(std::move(one[0]));
}

Result<std::vector<Attendee>> select_attendees(store::Tx& tx, const std::string& event_id, const AttendeeFilter& filter) {
    store::SqlQuery query;
    query.where("p.event_id", event_id);
    if (filter.side) query.where("p.side", std::string(to_string(*filter.side)));
    if (filter.org_id) query.where("p.org_id", *filter.org_id);
    KL_TRY_ASSIGN(store::Rows rows, tx.query(select_attendee_sql + " WHERE " +
                                                 query.page("p.id", filter.after, store::page_rows_to_fetch(filter.limit)),
                                             query.params()));
    std::vector<Attendee> out;
    for (const auto& row : rows) out.push_back(attendee_from(row));
    KL_TRY(load_details(tx, out));
    return out;
}

Result<std::vector<Attendee>> all_attendees(store::Tx& tx, const std::string& event_id) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query(select_attendee_sql + " WHERE p.event_id = $1 ORDER BY p.id", {event_id}));
    std::vector<Attendee> out;
    for (const auto& row : rows) out.push_back(attendee_from(row));
    KL_TRY(load_details(tx, out));
    return out;
}

Result<int64_t> count_attendees(store::Tx& tx, const std::string& event_id) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT COUNT(*) FROM fair_participants WHERE event_id = $1", {event_id}));
    return rows[0].i64(0);
}

Result<bool> identity_registered(store::Tx& tx, const std::string& event_id, Side side, const std::string& org_id,
                                 const std::string& person_key) {
    KL_TRY_ASSIGN(std::optional<std::string> id,
                  store::query_first_text(tx, "SELECT id FROM fair_participants WHERE event_id = $1 AND side = $2 AND org_id = $3 "
                                              "AND person_key = $4",
                                          {event_id, std::string(to_string(side)), org_id, person_key}));
    return id.has_value();
}

Result<void> set_checked_in(store::Tx& tx, const std::string& id, int64_t at_ms) {
    KL_TRY(tx.execute("UPDATE fair_participants SET checked_in_at_ms = $1 WHERE id = $2 AND checked_in_at_ms IS NULL", {at_ms, id}));
    return ok();
}

Result<void> set_withdrawn(store::Tx& tx, const std::string& id) {
    KL_TRY(tx.execute("UPDATE fair_participants SET withdrawn = 1 WHERE id = $1", {id}));
    return ok();
}

Result<std::vector<BookedTime>> times_elsewhere(store::Tx& tx, const std::string& event_id, Side side,
                                                const std::string& org_id, const std::string& person_key) {
    // Slots named in the availability, or every slot of the other event when its availability is open.
    KL_TRY_ASSIGN(store::Rows rows,
                  tx.query("SELECT p.event_id, s.held_on, s.starts_min, s.ends_min FROM fair_participants p "
                           "JOIN fair_slots s ON s.event_id = p.event_id "
                           "WHERE p.event_id <> $1 AND p.side = $2 AND p.org_id = $3 AND p.person_key = $4 AND p.withdrawn = 0 "
                           "AND (NOT EXISTS (SELECT 1 FROM fair_availability a WHERE a.participant_id = p.id) "
                           "OR EXISTS (SELECT 1 FROM fair_availability a WHERE a.participant_id = p.id AND a.slot_id = s.id))",
                           {event_id, std::string(to_string(side)), org_id, person_key}));
    std::vector<BookedTime> out;
    for (const auto& row : rows) {
        out.push_back(BookedTime{row.text(0), store::stored_date(row.text(1)), row.i64(2), row.i64(3)});
    }
    return out;
}

// ---- preferences -------------------------------------------------------------------------------------

Result<std::optional<PairRatings>> find_pair(store::Tx& tx, const std::string& exhibitor_id, const std::string& buyer_id) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query(select_pair_sql + " WHERE exhibitor_id = $1 AND buyer_id = $2", {exhibitor_id, buyer_id}));
    if (rows.empty()) return std::optional<PairRatings>{};
    return std::optional<PairRatings>(pair_from(rows[0]));
}

Result<void> upsert_pair(store::Tx& tx, const std::string& event_id, const PairRatings& pair, int64_t updated_at_ms) {
    KL_TRY(tx.execute("INSERT INTO fair_preferences (event_id, exhibitor_id, buyer_id, by_exhibitor, exhibitor_note, by_buyer, "
                      "buyer_note, updated_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
                      "ON CONFLICT (exhibitor_id, buyer_id) DO UPDATE SET by_exhibitor = excluded.by_exhibitor, "
                      "exhibitor_note = excluded.exhibitor_note, by_buyer = excluded.by_buyer, buyer_note = excluded.buyer_note, "
                      "updated_at_ms = excluded.updated_at_ms",
                      {event_id, pair.exhibitor_id, pair.buyer_id, std::string(to_string(pair.by_exhibitor)), pair.exhibitor_note,
                       std::string(to_string(pair.by_buyer)), pair.buyer_note, updated_at_ms}));
    return ok();
}

Result<std::vector<PairRatings>> event_pairs(store::Tx& tx, const std::string& event_id) {
    return pairs_where(tx, "event_id", event_id);
}

Result<std::vector<PairRatings>> pairs_of(store::Tx& tx, const Attendee& attendee) {
    return pairs_where(tx, attendee.side == Side::exhibitor ? "exhibitor_id" : "buyer_id", attendee.id);
}

}  // namespace kl::fair
