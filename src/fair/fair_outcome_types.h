#pragma once
// The records of what happens at the event (issue 15, item 6): the outcome of each published
// meeting, and the orders made at the event — intended orders signed at a meeting (the orders
// module's fair_intent channel) and on-site sales at a booth (fair_onsite). The orders themselves
// are the orders module's; the fair only ties them to its event, meeting and booth.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/civil_date.h"
#include "core/enum_names.h"
#include "fair/fair_types.h"  // StoredMeeting
#include "fair/meeting_schedule.h"
#include "orders/order_types.h"

namespace kl::fair {

enum class Outcome { held, no_show, follow_up };
constexpr auto enum_table(Outcome) {
    using enum Outcome;
    return enum_table_of<Outcome>({{held, "held"}, {no_show, "no_show"}, {follow_up, "follow_up"}});
}
// Who did not come to a no-show meeting.
enum class NoShowSide { exhibitor, buyer, both };
constexpr auto enum_table(NoShowSide) {
    using enum NoShowSide;
    return enum_table_of<NoShowSide>({{exhibitor, "exhibitor"}, {buyer, "buyer"}, {both, "both"}});
}
enum class FairOrderKind { intent, onsite };
constexpr auto enum_table(FairOrderKind) {
    using enum FairOrderKind;
    return enum_table_of<FairOrderKind>({{intent, "intent"}, {onsite, "onsite"}});
}
using kl::to_string;

inline constexpr size_t outcome_note_chars_max = 1000;
// A caller's own name for an order it records (the demo seeder's): at most this long.
inline constexpr size_t order_reference_chars_max = 64;
// An event's report reads at most this many of its orders (a fair of 500 exhibitors × 2,000 buyers
// signing one intent per meeting stays below it).
inline constexpr size_t report_orders_max = 100'000;

// One recorded outcome of a meeting. A meeting's outcomes are a history (versions 1, 2, …); its
// outcome is the last one recorded.
struct OutcomeRecord {
    std::string event_id, meeting_id;
    int64_t version = 0;
    Outcome outcome = Outcome::held;
    std::optional<NoShowSide> no_show_side;  // set exactly for no_show
    std::string note;
    std::optional<std::string> recorded_by;  // the user; nullopt: the command line or a seeder
    std::string recorded_role;               // the role's name, or "system"
    int64_t recorded_at_ms = 0;
};

struct OutcomeInput {
    Outcome outcome = Outcome::held;
    std::optional<NoShowSide> no_show_side;  // required for no_show, refused otherwise
    std::string note;
    // When given, the version the writer last saw: a conflict (409) if another outcome was
    // recorded since. Without it the last write wins.
    std::optional<int64_t> expected_version;
};

// A published meeting with its outcome history, latest last.
struct MeetingOutcomes {
    StoredMeeting meeting;
    std::vector<OutcomeRecord> history;
};

// A line as a booth or a meeting's table takes it down.
struct SaleLine {
    std::string product_id;
    std::optional<std::string> grade;  // default: the best grade of the product's brand standard
    int64_t quantity = 0;              // units of sale (orders/order_types.h)
    int64_t unit_price_fen = 0;        // per unit of sale
};

struct SaleInput {
    std::vector<SaleLine> lines;
    // Default: the buyer organisation's district; required when it has none (a walk-in customer:
    // the Shanghai district where the event is held).
    std::optional<std::string> delivery_district;
    std::optional<Date> delivery_date;       // default: the order date
    std::string note;
    // On-site sales only: the buying organisation (a buyer organisation, registered at the event or
    // not); nullopt: a walk-in retail customer.
    std::optional<std::string> buyer_org_id;
    // The caller's own name for this order: recording the same reference again on the same event
    // answers the first order and writes nothing (the seeder's retries).
    std::optional<std::string> reference;
};

// An order made at the event, with the order as the orders module reads it.
struct FairOrder {
    std::string order_id, event_id;
    FairOrderKind kind = FairOrderKind::intent;
    std::optional<std::string> meeting_id;
    std::string exhibitor_id;
    std::optional<std::string> buyer_participant_id;
    std::string seller_org_id, buyer_org_id;
    bool walk_in = false;
    int64_t created_at_ms = 0;
    orders::Order order;
};

struct FairOrderFilter {
    std::optional<FairOrderKind> kind;
    std::optional<std::string> meeting_id;
    std::optional<std::string> exhibitor_id;
};

struct FairOrderPage {
    std::vector<FairOrder> items;
    std::optional<std::string> next_cursor;
};

// An on-site sale's receipt, in the language asked for (names in it; amounts in fen for the
// client to format, and as ¥ text in the PDF).
struct ReceiptLine {
    int64_t line_no = 0;
    std::string product_name, grade;
    int64_t quantity = 0;
    catalog::UnitKind unit = catalog::UnitKind::kg;
    int64_t unit_price_fen = 0, amount_fen = 0;
};
struct Receipt {
    std::string lang;  // zh or en
    std::string order_id, event_id, event_name, venue, booth;
    std::string seller_name, buyer_name;
    bool walk_in = false;
    Date order_date;
    int64_t created_at_ms = 0;
    std::string status;
    std::vector<ReceiptLine> lines;
    int64_t total_fen = 0;
};

}  // namespace kl::fair
