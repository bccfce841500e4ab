#include "fair/fair_work_repo.h"

#include "store/stored.h"
#include "store/work_queue.h"

namespace kl::fair {

namespace {

// The console's event page on one of its tabs: where each kind of fair work is done.
std::string event_route(const std::string& event_id, std::string_view tab) { return "/fairs/" + event_id + "?tab=" + std::string(tab); }

// A participant of the organisation on `side` in the event `e` ($1 the organisation, $2 the side).
constexpr std::string_view takes_part =
    "EXISTS (SELECT 1 FROM fair_participants p WHERE p.org_id = $1 AND p.side = $2 AND p.event_id = e.id AND p.withdrawn = 0";

// The event's names as the item's label; the work of these kinds is the whole event's.
constexpr std::string_view event_columns =
    "e.id, e.name_zh AS label, COALESCE(NULLIF(e.name_en, ''), e.name_zh) AS label_en, '' AS party, '' AS party_en, e.starts_on";

// The events (earliest first) in `states` where the organisation has a participant on `side` for
// which `participant_condition` (" AND …" over p, or "") holds; each item links to the event page's `tab`.
Result<WorkQueue> org_events(store::Tx& tx, std::string kind, std::string_view states, const std::string& participant_condition,
                             const std::string& org_id, Side side, std::string_view tab) {
    store::WorkQuery query;
    query.kind = std::move(kind);
    query.route = "/fairs";
    query.columns = std::string(event_columns);
    query.from_where = "FROM fair_events e WHERE e.state IN (" + std::string(states) + ") AND " + std::string(takes_part) +
                       participant_condition + ")";
    query.params = {org_id, std::string(to_string(side))};
    query.order_by = "e.starts_on, e.id";
    return store::read_work_queue(tx, query, [tab](WorkItem& item, const store::Row& row) {
        item.due_on = store::stored_date(row.text("starts_on"));
        item.route = event_route(item.id, tab);
    });
}

}  // namespace

Result<WorkQueue> events_to_rate(store::Tx& tx, const std::string& org_id, Side side) {
    // A side's own ratings sit in its column of the pair's row; 'none' where only the other side rated.
    const std::string own = side == Side::exhibitor ? "r.exhibitor_id = p.id AND r.by_exhibitor <> 'none'"
                                                    : "r.buyer_id = p.id AND r.by_buyer <> 'none'";
    return org_events(tx, "fair_preferences_to_rate", "'registration'", " AND NOT EXISTS (SELECT 1 FROM fair_preferences r WHERE " + own + ")",
                      org_id, side, "preferences");
}

Result<WorkQueue> agendas_published(store::Tx& tx, const std::string& org_id, Side side) {
    return org_events(tx, "fair_agenda_published", "'published', 'live'", "", org_id, side, "agenda");
}

Result<WorkQueue> outcomes_to_record(store::Tx& tx, const std::string& user_id, bool every_event) {
    store::WorkQuery query;
    query.kind = "fair_outcomes_to_record";
    query.route = "/fairs";
    // The meeting by its two sides' organisations; the event is the party it belongs to.
    query.columns =
        "m.id, xo.name || ' · ' || bo.name AS label, "
        "COALESCE(NULLIF(xo.name_en, ''), xo.name) || ' · ' || COALESCE(NULLIF(bo.name_en, ''), bo.name) AS label_en, "
        "e.name_zh AS party, COALESCE(NULLIF(e.name_en, ''), e.name_zh) AS party_en, e.id AS event_id, s.held_on";
    query.from_where =
        "FROM fair_events e JOIN fair_meetings m ON m.schedule_id = e.published_schedule_id "
        "JOIN fair_slots s ON s.id = m.slot_id "
        "JOIN fair_participants xp ON xp.id = m.exhibitor_id JOIN organisations xo ON xo.id = xp.org_id "
        "JOIN fair_participants bp ON bp.id = m.buyer_id JOIN organisations bo ON bo.id = bp.org_id "
        "WHERE e.state = 'live' "
        "AND ($2 = 1 OR EXISTS (SELECT 1 FROM fair_organisers g WHERE g.event_id = e.id AND g.user_id = $1)) "
        "AND NOT EXISTS (SELECT 1 FROM fair_meeting_outcomes x WHERE x.event_id = e.id AND x.meeting_id = m.id)";
    query.params = {user_id, int64_t{every_event ? 1 : 0}};
    // The earliest meetings first: the ones whose outcome is longest overdue.
    query.order_by = "s.held_on, s.starts_min, m.id";
    return store::read_work_queue(tx, query, [](WorkItem& item, const store::Row& row) {
        item.due_on = store::stored_date(row.text("held_on"));
        item.route = event_route(row.text("event_id"), "grid");
    });
}

}  // namespace kl::fair
