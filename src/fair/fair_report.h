#pragma once
// An event's report (issue 15, item 7; GET /api/v1/reports/fairs/{id}): participants, meetings
// scheduled and what became of them, intended orders and on-site sales by county, exhibitor, buyer
// channel and category, and how the intended orders converted into confirmed and paid orders week
// by week. Every figure is a sum over records: the event's participants, the published schedule's
// meetings with their last outcome, and the orders tied to the event (fair_orders) as the orders
// module reads them (orders/order_repo.h: status and timeline) — nothing is stored as a figure.
//
// Definitions:
//   intended amount     the total of every intended order signed at the event, whatever became of
//                       it later (cancelled ones too: it is what was signed); on-site sales likewise
//   held                meetings whose last outcome is held or follow_up (a follow-up was held)
//   confirmed / paid    intended orders whose timeline has a confirm / pay step, counted in the
//                       Beijing week (Monday first) of that step, with their totals at signing
//   by category         line amounts by the product's category (an order counts once per category)
//   by buyer channel    the buying organisation's channel; `walk_in` for walk-in customers, `none`
//                       for a buyer without one
//
// Who may: the event's organisers and programme-wide readers (admin, fund officer, auditor) see the
// whole event; a county officer sees its county's exhibitors — their meetings, their orders, and
// the buyers they met or sold to; anyone else is refused (403).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/civil_date.h"
#include "core/clock.h"
#include "fair/fair_access.h"
#include "fair/fair_outcome_types.h"
#include "sheets/table.h"
#include "store/store.h"

namespace kl::fair {

struct FigureRow {
    std::string key, name_zh, name_en;
    int64_t intent_orders = 0, intended_fen = 0;
    int64_t onsite_orders = 0, onsite_fen = 0;
};

// One Beijing week (from Monday `week_of`) of intended orders confirmed and paid, and the totals up
// to its end.
struct WeekRow {
    Date week_of;
    int64_t confirmed_orders = 0, confirmed_fen = 0, paid_orders = 0, paid_fen = 0;
    int64_t confirmed_orders_to_date = 0, confirmed_fen_to_date = 0, paid_orders_to_date = 0, paid_fen_to_date = 0;
};

struct FairReport {
    std::string event_id, name_zh, name_en;
    EventKind kind = EventKind::trade_fair;
    EventState state = EventState::draft;
    Date starts_on, ends_on;
    std::optional<std::string> county;  // a county officer's report: its county only
    int64_t exhibitors = 0, buyers = 0, exhibitors_checked_in = 0, buyers_checked_in = 0;
    int64_t meetings_scheduled = 0, meetings_held = 0, meetings_follow_up = 0, meetings_no_show = 0, meetings_unrecorded = 0;
    FigureRow total;  // key "all"
    // What became of the intended orders: still intents, confirmed (reached it at some time), paid,
    // cancelled — counts and totals at signing.
    int64_t intents_open = 0, intents_open_fen = 0, intents_confirmed = 0, intents_confirmed_fen = 0;
    int64_t intents_paid = 0, intents_paid_fen = 0, intents_cancelled = 0, intents_cancelled_fen = 0;
    std::vector<FigureRow> by_county, by_exhibitor, by_buyer_channel, by_category;
    std::vector<WeekRow> conversion_by_week;
};

class FairReporter {
public:
    FairReporter(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}
    Result<FairReport> report(const Actor& actor, const std::string& event_id);

private:
    store::Store& store_;
    const Clock& clock_;
};

// The report as one sheet for CSV and XLSX: a row per figure, `section` saying which (participants,
// meetings, total, conversion, county, exhibitor, buyer_channel, category, week), its key and names,
// then the counts and fen columns that apply (readable twins in yuan are added by the export).
sheets::Table fair_report_table(const FairReport& report);

}  // namespace kl::fair
