#pragma once
// The orders module's plain data: orders on every sales channel, their lines and their timeline of
// events, aid sales, budget-unit quotas and district targets. Names are as the API and the database
// write them.
//
// Quantities and prices (decided here, used everywhere in this module):
//   A line is counted in UNITS OF SALE of its product (catalog SaleUnit: kg, jin, a box of net_g
//   grams, a piece) and priced in fen PER UNIT OF SALE — the unit the brand standard's list prices
//   and tiers use, so a line can be checked against the standard without conversion. For the fresh
//   produce sold by the kilogram (unit kind kg) a unit is 1 kg and the price is fen per kg.
//   Each line also stores quantity_g = quantity × unit net grams (0 for pieces sold by count) for
//   the mass columns of reports. Amounts are quantity × unit_price_fen, integer fen, never floats.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog_types.h"
#include "core/civil_date.h"
#include "core/enum_names.h"
#include "core/result.h"
#include "store/list_window.h"
#include "store/page.h"

namespace kl::orders {

using catalog::SalesChannel;  // fair_intent, fair_onsite, wholesale, supermarket, ecommerce, livestream,
                              // canteen, vending_counter

// Limits (named, with units).
inline constexpr size_t order_lines_max = 200;
inline constexpr int64_t line_quantity_max = 1'000'000'000;       // units of sale on one line
inline constexpr int64_t unit_price_fen_max = 100'000'000'00;     // ¥100 m per unit of sale
inline constexpr size_t reason_chars_max = 1000;
inline constexpr size_t quality_note_chars_max = 1000;
inline constexpr size_t invoice_no_chars_max = 64;
inline constexpr size_t reference_chars_max = 128;                // platform, shop, order number, refs
inline constexpr size_t note_chars_max = 1000;
inline constexpr size_t line_lots_max = 100;                     // lots named for one line at shipping

enum class OrderStatus { intent, confirmed, shipped, delivered, accepted, paid, cancelled };
constexpr auto enum_table(OrderStatus) {
    using enum OrderStatus;
    return enum_table_of<OrderStatus>({{intent, "intent"}, {confirmed, "confirmed"}, {shipped, "shipped"},
                                       {delivered, "delivered"}, {accepted, "accepted"}, {paid, "paid"},
                                       {cancelled, "cancelled"}});
}
// What a user does to an order; each is one row of the transition table (order_rules.h).
enum class OrderAction { confirm, ship, deliver, accept, pay, cancel };
constexpr auto enum_table(OrderAction) {
    using enum OrderAction;
    return enum_table_of<OrderAction>({{confirm, "confirm"}, {ship, "ship"}, {deliver, "deliver"},
                                       {accept, "accept"}, {pay, "pay"}, {cancel, "cancel"}});
}
// How an actor stands towards one order; the transition table names parties, not roles.
enum class Party { buyer, seller, carrier, admin };
constexpr auto enum_table(Party) {
    using enum Party;
    return enum_table_of<Party>({{buyer, "buyer"}, {seller, "seller"}, {carrier, "carrier"}, {admin, "admin"}});
}

using kl::to_string;  // the names come from the tables above (core/enum_names.h)
inline Result<OrderStatus> parse_order_status(std::string_view text, const std::string& field = "status") {
    return parse_enum<OrderStatus>(text, field);
}
inline Result<OrderAction> parse_order_action(std::string_view text, const std::string& field = "action") {
    return parse_enum<OrderAction>(text, field);
}
inline std::span<const OrderStatus> all_order_statuses() { return enum_values<OrderStatus>(); }
inline std::span<const OrderAction> all_order_actions() { return enum_values<OrderAction>(); }

struct NewOrderLine {
    std::string product_id;
    std::string grade;             // a grade code of the product's brand standard
    int64_t quantity = 0;          // units of sale, ≥ 1
    int64_t unit_price_fen = 0;    // per unit of sale, ≥ 1
};

struct NewOrder {
    std::string buyer_id;          // an organisation of kind buyer
    std::string seller_id;         // a producer (enterprise, cooperative, workshop, household)
    SalesChannel channel = SalesChannel::wholesale;
    std::vector<NewOrderLine> lines;
    std::string delivery_district; // a Shanghai district code
    Date delivery_date;
    // The date the sale was agreed (a fair's date, a platform's order date); default: today in
    // Shanghai. Aid counting asks whether the product was certified on this date.
    std::optional<Date> order_date;
    std::string note;
    // Where the order came from when another module or an import made it; (source_kind, source_ref)
    // is unique, which makes those creators idempotent.
    std::optional<std::string> source_kind;
    std::optional<std::string> source_ref;
    // Online sales (ecommerce, livestream): the platform's shop and order number.
    std::optional<std::string> platform;
    std::optional<std::string> shop;
    std::optional<std::string> platform_order_no;
};

struct OrderLine {
    int64_t line_no = 0;           // 1-based
    std::string product_id;
    std::string product_name;
    std::string grade;
    int64_t quantity = 0;
    int64_t quantity_g = 0;
    int64_t unit_price_fen = 0;
    int64_t amount_fen = 0;
    std::optional<int64_t> accepted_quantity;  // set at acceptance
    std::string quality_note;
    bool aid_counted = false;      // an aid_sales row exists for this line
};

struct OrderEvent {
    int64_t seq = 0;
    std::optional<OrderStatus> from;  // nullopt: creation
    OrderStatus to = OrderStatus::intent;
    std::string action;               // "create", an OrderAction name, "invoice", "import"
    std::optional<std::string> actor_user_id;  // nullopt: the command line or a module
    std::string actor_role;           // role name, or "system"
    int64_t at_ms = 0;
    std::string note;
};

struct Order {
    std::string id;
    std::string buyer_id;
    std::string buyer_name;
    std::string buyer_name_en;  // "" when the organisation has no English name
    std::string seller_id;
    std::string seller_name;
    std::string seller_name_en;
    SalesChannel channel = SalesChannel::wholesale;
    OrderStatus status = OrderStatus::intent;
    std::string delivery_district;
    Date delivery_date;
    Date order_date;
    std::optional<std::string> carrier_id;
    std::optional<std::string> invoice_no;
    std::optional<std::string> cancel_reason;
    std::optional<std::string> source_kind;
    std::optional<std::string> source_ref;
    std::optional<std::string> platform;
    std::optional<std::string> shop;
    std::optional<std::string> platform_order_no;
    std::string note;
    int64_t total_fen = 0;
    int64_t accepted_fen = 0;
    int64_t created_at_ms = 0;
    int64_t updated_at_ms = 0;
    std::vector<OrderLine> lines;
    std::vector<OrderEvent> events;  // filled by get(); empty in lists
};

struct OrderFilter {
    std::optional<OrderStatus> status;
    std::optional<SalesChannel> channel;
    std::optional<std::string> buyer_id;
    std::optional<std::string> seller_id;
    // q found in the buyer's or seller's name, the order's id or its platform order number (any
    // case); the order date within [from, to] (either end may be open); the order of the page.
    store::ListWindow window;
};

struct OrderPage {
    std::vector<Order> orders;
    std::optional<std::string> next_cursor;
};

// Per line at acceptance; lines not named are accepted in full.
struct LineAcceptance {
    int64_t line_no = 0;
    int64_t accepted_quantity = 0;  // 0..quantity
    std::string quality_note;
};

// ship: the lots that fill one line (lines/<i> of the body: its line_no and lots/<j>), each with
// the quantity it gives in units of sale (orders/shipment_lots.h).
struct LotShare {
    std::string lot_id;
    int64_t quantity = 0;
};
struct LineLots {
    int64_t line_no = 0;
    std::vector<LotShare> lots;
};

// The body of a transition (which fields an action reads is in order_rules.h).
struct TransitionInput {
    std::string reason;                     // cancel: required
    std::optional<std::string> carrier_id;  // ship: the logistics firm that delivers
    std::vector<LineAcceptance> lines;      // accept
    std::vector<LineLots> line_lots;        // ship: the lots of each line (its `lines`)
    std::optional<std::string> payment_ref; // pay
    std::string note;
};

// ---- aid sales, quotas ----------------------------------------------------------------------------

struct BudgetQuota {
    std::string buyer_id;
    int64_t year = 0;
    int64_t canteen_budget_fen = 0;
    int64_t reserved_share_bp = 1000;  // 10 % by default (the national floor)
    bool no_canteen = false;           // "无食堂": exempt
};

// Which of BudgetQuota's optional fields a PUT carries: for a quota that exists, one left out keeps
// its current value; a new quota takes the defaults above.
struct BudgetQuotaGiven {
    bool reserved_share_bp = true;
    bool no_canteen = true;
};

struct DistrictTarget {
    std::string district;
    int64_t year = 0;
    int64_t target_fen = 0;
};

}  // namespace kl::orders
