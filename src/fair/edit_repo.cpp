#include "fair/edit_repo.h"

#include "store/stored.h"

namespace kl::fair {

namespace {

Result<int64_t> count_of(store::Tx& tx, const std::string& sql, const std::string& id) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query(sql, {id}));
    return rows[0].i64(0);
}

}  // namespace

Result<void> update_event_fields(store::Tx& tx, const Event& e) {
    const RatingWeights& w = e.weights;
    KL_TRY(tx.execute("UPDATE fair_events SET name_zh = $2, name_en = $3, venue = $4, starts_on = $5, ends_on = $6, "
                      "slot_minutes = $7, break_minutes = $8, buyer_must_meet = $9, buyer_meet = $10, exhibitor_must_meet = $11, "
                      "exhibitor_meet = $12, recommendation_max = $13 WHERE id = $1",
                      {e.id, e.name_zh, e.name_en, e.venue, format_date(e.starts_on), format_date(e.ends_on), e.slot_minutes,
                       e.break_minutes, w.buyer_must_meet, w.buyer_meet, w.exhibitor_must_meet, w.exhibitor_meet,
                       w.recommendation_max}));
    return ok();
}

Result<void> update_attendee_fields(store::Tx& tx, const Attendee& a, const std::string& person_key) {
    KL_TRY(tx.execute("UPDATE fair_participants SET person_name = $2, person_key = $3, title = $4, phone = $5, booth = $6, "
                      "meetings_min = $7, meetings_max = $8 WHERE id = $1",
                      {a.id, a.person_name, person_key, a.title, a.phone, a.booth, a.meetings_min, a.meetings_max}));
    KL_TRY(tx.execute("DELETE FROM fair_participant_products WHERE participant_id = $1", {a.id}));
    for (const auto& product : a.product_ids) {
        KL_TRY(tx.execute("INSERT INTO fair_participant_products (participant_id, product_id) VALUES ($1, $2)", {a.id, product}));
    }
    KL_TRY(tx.execute("DELETE FROM fair_availability WHERE participant_id = $1", {a.id}));
    for (const auto& slot : a.slot_ids) {
        KL_TRY(tx.execute("INSERT INTO fair_availability (participant_id, slot_id) VALUES ($1, $2)", {a.id, slot}));
    }
    return ok();
}

Result<int64_t> meetings_at_table(store::Tx& tx, const std::string& table_id) {
    return count_of(tx, "SELECT COUNT(*) FROM fair_meetings WHERE table_id = $1", table_id);
}

Result<int64_t> meetings_in_session(store::Tx& tx, const std::string& session_id) {
    return count_of(tx, "SELECT COUNT(*) FROM fair_meetings m JOIN fair_slots s ON s.id = m.slot_id WHERE s.session_id = $1",
                    session_id);
}

Result<int64_t> attendees_naming_session(store::Tx& tx, const std::string& session_id) {
    return count_of(tx, "SELECT COUNT(DISTINCT a.participant_id) FROM fair_availability a JOIN fair_slots s ON s.id = a.slot_id "
                        "WHERE s.session_id = $1",
                    session_id);
}

Result<void> delete_table_row(store::Tx& tx, const std::string& table_id) {
    KL_TRY(tx.execute("DELETE FROM fair_tables WHERE id = $1", {table_id}));
    return ok();
}

Result<void> delete_session_rows(store::Tx& tx, const std::string& session_id) {
    KL_TRY(tx.execute("DELETE FROM fair_slots WHERE session_id = $1", {session_id}));
    KL_TRY(tx.execute("DELETE FROM fair_sessions WHERE id = $1", {session_id}));
    return ok();
}

}  // namespace kl::fair
